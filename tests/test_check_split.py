"""The number, design and extrapolation families as one registered check per thing
checked: every check is registered, old rule files (``kind: design`` + ``fact: phase``)
still load, and a wording added in YAML works with no Python (``stages:``)."""
from __future__ import annotations

import textwrap

import pytest
import yaml

from lint.api import lint_text
from lint.engine import Selection
from lint.errors import RuleError
from lint.registry import builtin_checks
from lint.rules import load_rules

CITATION = textwrap.dedent("""\
    title: "A drug for a disease: a randomised trial"
    journal: The Journal
    published: 2021
    study:
      design: rct
      phase: 1
      randomized: true
      control: placebo
      subjects: humans
      sample_size: 13
    findings:
      - {what: lower risk of cardiovascular death, value: 18, unit: percent}
    """)

MOUSE_CITATION = textwrap.dedent("""\
    title: "A compound reverses memory loss in mice"
    journal: The Journal
    published: 2021
    study:
      design: animal
      subjects: mice
      intervention: compound
      condition: memory loss
    """)

CHECKS = ["number.sample-size", "number.findings", "number.dates", "number.durations",
          "design.phase", "design.trial", "design.randomized", "design.blinded", "design.placebo",
          "design.controlled", "design.large", "design.peer-reviewed", "design.longitudinal",
          "extrapolation.human-claim", "extrapolation.species-dropped"]


@pytest.fixture()
def citation(tmp_path):
    p = tmp_path / "paper.citation.yaml"
    p.write_text(CITATION, encoding="utf-8")
    return str(p)


def _rule_file(tmp_path, code: str, kind: str, params: dict, category: str = "design",
               message: str = "x") -> str:
    rule = {"code": code, "name": f"rule-{code.lower()}", "category": category, "severity": "error",
            "kind": kind, "message": message, "params": params,
            "docs": {"flags": "x", "why": "x", "source": "x", "example": "x", "rewrite": "x"}}
    p = tmp_path / f"{code}.yaml"
    p.write_text(yaml.safe_dump({"rules": [rule]}), encoding="utf-8")
    return str(p)


def _lint(text: str, citation: str, rule_file: str, code: str):
    rules = load_rules((rule_file,))
    return lint_text(text + "\n", "draft.md", citation=citation, selection=Selection(select=(code,)),
                     rules=rules).diagnostics


@pytest.mark.parametrize("name", CHECKS)
def test_each_check_is_registered_with_its_own_params(name):
    spec = builtin_checks()[name]
    assert spec.doc
    assert not {"fact", "target", "mode"} & set(spec.params.model_fields)


def test_built_in_rules_name_their_check():
    kinds = {r.code: r.kind for r in load_rules()}
    assert kinds["SJ201"] == "design.phase" and kinds["SJ207"] == "design.large"
    assert kinds["SJ401"] == "extrapolation.human-claim" and kinds["SJ402"] == "extrapolation.species-dropped"
    assert [kinds[c] for c in ("SJ501", "SJ502", "SJ503", "SJ504", "SJ505")] == [
        "number.sample-size", "number.findings", "number.dates", "number.durations", "number.findings"]


def test_old_design_rule_file_still_loads_and_flags(tmp_path, citation):
    path = _rule_file(tmp_path, "SJ291", "design", {"fact": "phase", "phrases": ["late-stage clinical? trial"]},
                      message='"{match}": it is {actual}')
    (rule,) = [r for r in load_rules((path,)) if r.code == "SJ291"]
    assert rule.kind == "design.phase"
    diags = _lint("The late-stage trial showed benefit.", citation, path, "SJ291")
    assert [(d.code, d.match, d.message) for d in diags] == [
        ("SJ291", "late-stage trial", '"late-stage trial": it is phase 1')]


@pytest.mark.parametrize("kind, params, check", [
    ("number", {"target": "sample_size", "participant_nouns": ["patients"], "study_cues": ["study"],
                "stopwords": ["a"]}, "number.sample-size"),
    ("number", {"target": "findings", "kinds": ["percent"]}, "number.findings"),
    ("number", {"target": "durations", "max_ratio": 3}, "number.durations"),
    ("extrapolation", {"mode": "human-claim", "human_phrases": ["people"]}, "extrapolation.human-claim"),
    ("extrapolation", {"mode": "species-dropped", "claim_phrases": ["cures"]}, "extrapolation.species-dropped"),
    ("design", {"fact": "large", "threshold": 50, "phrases": ["large study"]}, "design.large"),
])
def test_old_number_and_extrapolation_rule_files_still_load(tmp_path, kind, params, check):
    path = _rule_file(tmp_path, "SJ292", kind, params, category=kind)
    (rule,) = [r for r in load_rules((path,)) if r.code == "SJ292"]
    assert rule.kind == check


def test_new_kind_refuses_the_old_mode_parameter(tmp_path):
    path = _rule_file(tmp_path, "SJ293", "design.phase", {"fact": "phase", "phrases": ["phase 3"]})
    with pytest.raises(RuleError, match="unknown parameter 'fact'"):
        load_rules((path,))


def _advanced(tmp_path, phrases=("advanced-stage clinical? trial",), **params) -> str:
    return _rule_file(tmp_path, "SJ294", "design.phase", {"phrases": list(phrases), **params},
                      message='"{match}" misstates the study: it is {actual}')


def test_a_stage_wording_added_in_yaml_is_understood(tmp_path, citation):
    """"advanced-stage" is in no Python table: the rule's `stages:` gives its phase."""
    path = _advanced(tmp_path, stages={"advanced-stage": 3})
    diags = _lint("Results from the advanced-stage trial were promising.", citation, path, "SJ294")
    assert [(d.code, d.match, d.message, d.evidence) for d in diags] == [
        ("SJ294", "advanced-stage trial", '"advanced-stage trial" misstates the study: it is phase 1',
         "study.phase = 1")]
    # the built-in wordings still work next to the rule's own
    (tmp_path / "both").mkdir()  # another file: rule sets are cached by path
    path = _advanced(tmp_path / "both", ("advanced-stage|late-stage clinical? trial",), stages={"advanced-stage": 3})
    assert [d.match for d in _lint("The late-stage trial worked.", citation, path, "SJ294")] == ["late-stage trial"]


def test_a_stage_wording_without_a_phase_matches_but_stays_silent(tmp_path, citation):
    path = _advanced(tmp_path)
    assert _lint("Results from the advanced-stage trial were promising.", citation, path, "SJ294") == []


def test_a_stage_must_map_to_a_phase(tmp_path):
    path = _advanced(tmp_path, stages={"advanced-stage": 7})
    with pytest.raises(RuleError, match="must map to a phase"):
        load_rules((path,))


def test_extrapolation_checks_run_separately(tmp_path):
    p = tmp_path / "mice.citation.yaml"
    p.write_text(MOUSE_CITATION, encoding="utf-8")
    res = lint_text("# Compound reverses memory loss\n\nThe compound reversed memory loss in patients.\n",
                    "draft.md", citation=str(p), selection=Selection(select=("extrapolation",)))
    assert sorted({d.code for d in res.diagnostics}) == ["SJ401", "SJ402"]
