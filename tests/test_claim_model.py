"""The learned claim-strength classifier (lint/claimmodel.py, the `model` extra).

Skipped when onnxruntime or tokenizers is not installed.  One inference session is
loaded for the whole module (the module's own, created on first use)."""
from __future__ import annotations

import pytest

pytest.importorskip("onnxruntime")
pytest.importorskip("tokenizers")

from lint import claimmodel  # noqa: E402

pytestmark = pytest.mark.skipif(not claimmodel.installed(), reason="claim-strength model files or extra missing")


@pytest.fixture(autouse=True)
def _model_on(monkeypatch):
    monkeypatch.setenv("SCIENCELINT_CLAIM_MODEL", "on")


CLEAR = [
    ("Coffee reduces the risk of diabetes.", 3),
    ("Coffee may reduce the risk of diabetes.", 2),
    ("Coffee drinking was associated with a lower risk of diabetes.", 1),
    ("The study recruited 2,000 adults in Manchester between 2010 and 2014.", 0),
]


@pytest.mark.parametrize("sentence,expected", CLEAR)
def test_clear_sentences_get_their_level(sentence, expected):
    assert claimmodel.level(sentence) == expected


def test_probabilities_are_four_numbers_summing_to_one():
    (p,) = claimmodel.probabilities(["Exercise improves memory in older adults."])
    assert len(p) == 4 and all(0.0 <= x <= 1.0 for x in p)
    assert sum(p) == pytest.approx(1.0, abs=1e-5)
    assert claimmodel.probabilities([]) == []


def test_batch_equals_one_by_one():
    texts = [s for s, _ in CLEAR] + [
        "Eating chocolate linked to better heart health",
        "Drug halves deaths from heart failure, trial finds",
        "Researchers said more work was needed before the results could be applied to patients.",
        "A",
    ]
    claimmodel.clear_cache()
    batched = claimmodel.probabilities(texts)
    claimmodel.clear_cache()
    single = [claimmodel.probabilities([t])[0] for t in texts]
    for b, s in zip(batched, single):
        assert b == pytest.approx(s, abs=1e-4)
    assert [max(range(4), key=p.__getitem__) for p in batched] == [max(range(4), key=p.__getitem__) for p in single]


def test_cache_returns_the_same_and_keeps_duplicates_in_order():
    text = "Statins cut the risk of stroke by a quarter."
    first = claimmodel.probabilities([text])[0]
    assert text in claimmodel._cache
    again = claimmodel.probabilities([text, "Statins were studied.", text])
    assert again[0] == first and again[2] == first


def test_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(claimmodel, "CACHE_SIZE", 3)
    claimmodel.probabilities([f"Sentence number {i} was read." for i in range(6)])
    assert len(claimmodel._cache) <= 3


@pytest.mark.parametrize("value", ["off", "OFF", "0", "false"])
def test_switched_off_by_the_environment(monkeypatch, value):
    monkeypatch.setenv("SCIENCELINT_CLAIM_MODEL", value)
    assert claimmodel.available() is False
    with pytest.raises(claimmodel.ModelUnavailable):
        claimmodel.probabilities(["Coffee reduces the risk of diabetes."])
    monkeypatch.setenv("SCIENCELINT_CLAIM_MODEL", "on")
    assert claimmodel.available() is True


def test_missing_files_make_it_unavailable(monkeypatch, tmp_path):
    monkeypatch.setattr(claimmodel, "MODEL_DIR", tmp_path)
    assert claimmodel.available() is False


def test_threads_one_in_a_worker_process_unless_set(monkeypatch):
    monkeypatch.delenv("SCIENCELINT_CLAIM_MODEL_THREADS", raising=False)
    assert 1 <= claimmodel.threads() <= 2
    monkeypatch.setattr(claimmodel.multiprocessing, "parent_process", lambda: object())
    assert claimmodel.threads() == 1
    monkeypatch.setenv("SCIENCELINT_CLAIM_MODEL_THREADS", "3")
    assert claimmodel.threads() == 3


def test_no_deep_learning_framework_is_imported():
    import sys

    claimmodel.level("Coffee reduces the risk of diabetes.")
    assert [m for m in ("torch", "transformers", "tensorflow") if m in sys.modules] == []


# --- inside the linter: the model may lower the rules' level 1-2, never raise it

PREDICTION = ("# Recession could worsen north-south divide\n\n"
              "The north-south divide in longevity is the widest for 40 years and is likely to worsen "
              "because of the recession.\n")
PREVALENCE = ("# Heart defects\n\nCongenital heart defects - such as holes between chambers in the heart and "
              "valve defects - affect around one in every 145 babies.\n")


def _lint(tmp_path, text, setting):
    from lint.api import Options, lint_text
    from tools.evaluate import THROUGH_CITATION

    (tmp_path / "paper.citation.yaml").write_text(THROUGH_CITATION, encoding="utf-8")
    (tmp_path / ".sciencelint.yaml").write_text(f"claim-model: {setting}\n", encoding="utf-8")
    result = lint_text(text, str(tmp_path / "story.md"), options=Options(citation=str(tmp_path / "paper.citation.yaml")))
    return [(d.code, d.line, d.match) for d in result.diagnostics]


def test_the_model_lowers_a_conditional_reading_the_rules_gave(tmp_path):
    # "likely to worsen because of the recession": a forecast, graded correlational by the model
    rules = _lint(tmp_path, PREDICTION, "'off'")
    model = _lint(tmp_path, PREDICTION, "auto")
    assert ("SJ303", 3, "likely to worsen") in rules
    assert [f for f in model if f[1] == 3] == []
    assert [f for f in model if f[1] == 1] == [f for f in rules if f[1] == 1]  # the headline's own claim stays


def test_the_model_never_raises_a_count_the_rules_passed(tmp_path):
    # the model reads "affect around one in every 145 babies" as direct causal; the rules know a prevalence
    assert claimmodel.level(PREVALENCE.splitlines()[2]) == 3
    assert _lint(tmp_path, PREVALENCE, "auto") == _lint(tmp_path, PREVALENCE, "'off'")
    assert [f for f in _lint(tmp_path, PREVALENCE, "auto") if f[0].startswith("SJ30")] == []


def _story(headline: str, lede: str = "The study followed 2,000 adults for ten years.", later: str = "") -> str:
    body = "\n\n".join(["Researchers reported the results on Monday."] * 4)
    return f"# {headline}\n\n{lede}\n\n{body}\n\n{later}\n" if later else f"# {headline}\n\n{lede}\n"


def test_the_model_reads_a_headline_claim_the_rules_miss(tmp_path):
    # "hits" is no causal verb of the rules; the model reads the headline as direct causal
    # (p > 0.9), and the finding points at the causal word
    text = _story("Too much sleep 'hits brain power'")
    assert [f for f in _lint(tmp_path, text, "'off'") if f[0] == "SJ301"] == []
    assert ("SJ301", 1, "hits") in _lint(tmp_path, text, "auto")


def test_a_model_reading_is_said_in_the_message(tmp_path):
    from lint.api import Options, lint_text
    from tools.evaluate import THROUGH_CITATION

    (tmp_path / "paper.citation.yaml").write_text(THROUGH_CITATION, encoding="utf-8")
    result = lint_text(_story("Smoking in films encourages teenagers to take it up"), str(tmp_path / "story.md"),
                       options=Options(citation=str(tmp_path / "paper.citation.yaml")))
    (d,) = [d for d in result.diagnostics if d.code == "SJ301"]
    assert d.match == "encourages" and d.severity == "warning"
    assert "learned claim-strength model" in d.message and "claim-strength model: direct causal, p = 0.9" in d.evidence


@pytest.mark.parametrize("headline", [
    "Too much sleep may hit brain power",                            # hedged: the rules' business (SJ303)
    "'Language gene' effect explored by Edinburgh scientists",      # the topic of the research (the model: p > 0.99)
    # a prospect (the model: p 0.96)
    "FIVE genetic links to Alzheimer's have been discovered, raising the prospect of future treatments to prevent the disease",
    "Ecstasy is being developed to fight leukaemia",                # an aim (p > 0.99)
    "Antibiotics have little effect on cough",                      # no effect (p > 0.99)
])
def test_the_model_does_not_raise_what_the_rules_read_as_no_direct_claim(tmp_path, headline):
    assert [f for f in _lint(tmp_path, _story(headline), "auto") if f[0] == "SJ301"] == []


def test_the_model_raises_only_in_the_headline_and_lede(tmp_path):
    # the same sentence further down: background or another study as often as this one's claim
    text = _story("Sleep study", later="Too much sleep 'hits brain power'.")
    assert [f for f in _lint(tmp_path, text, "auto") if f[0] == "SJ301"] == []


def test_the_caveat_rule_takes_a_model_read_headline_claim_as_the_articles_claim(tmp_path):
    # SJ704: with no claim of cause the rules know, an info at the start of the body; the
    # model's direct causal headline makes it a warning, placed on the claim's word
    text = _story("Too much sleep 'hits brain power'", "People who slept longer had poorer memory.")
    rules = [f for f in _lint(tmp_path, text, "'off'") if f[0] == "SJ704"]
    assert rules == [("SJ704", 3, "")]
    assert ("SJ704", 1, "hits") in _lint(tmp_path, text, "auto")  # the config now says auto
    from lint.api import Options, lint_text
    result = lint_text(text, str(tmp_path / "story.md"), options=Options(citation=str(tmp_path / "paper.citation.yaml")))
    (d,) = [d for d in result.diagnostics if d.code == "SJ704"]
    assert (d.line, d.match, d.severity) == (1, "hits", "warning")
