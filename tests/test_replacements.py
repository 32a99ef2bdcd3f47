"""Suggested rewrites fit the words they replace: a wording gets its own replacements
(``{for: [...], use: [...]}`` in a rule file), and rules whose findings have no drop-in
rewrite offer none rather than a wrong one."""
from __future__ import annotations

import pytest

from lint.api import Options, lint_text
from lint.errors import RuleError
from lint.rules import parse_rules

CASE_SERIES = "seeds/honmou2021.citation.yaml"
COHORT = """\
title: Coffee and mortality in 500,000 people
study: {design: cohort, subjects: humans, sample_size: 500000, intervention: coffee, condition: death}
"""


def lint(text: str, citation: str, code: str, tmp_path=None) -> list:
    return [d for d in lint_text(text + "\n", "draft.md", citation=citation,
                                 options=Options(no_config=True)).diagnostics if d.code == code]


@pytest.mark.parametrize("sentence,match,replacements", [
    ("The stem cell infusion cured paralysis.", "cured", ["treated"]),
    ("The stem cell therapy is safe and effective.", "safe and effective", ["well tolerated, with early signs of benefit"]),
    ("The infusion was effective in patients with spinal cord injury.", "was effective", ["showed early signs of benefit"]),
])
def test_each_wording_gets_replacements_that_fit_it(sentence, match, replacements):
    found = [d for d in lint_text(sentence + "\n", "draft.md", citation=CASE_SERIES,
                                  options=Options(no_config=True)).diagnostics if d.match == match]
    assert found and found[0].replacements == replacements and found[0].fix == "unsafe"


def test_a_causal_claim_gets_no_rewrite_that_would_change_its_meaning(tmp_path):
    cit = tmp_path / "c.yaml"
    cit.write_text(COHORT, encoding="utf-8")
    found = lint("Drinking coffee reduces the risk of early death, the study found.", str(cit), "SJ301")
    assert found and all(d.replacements == [] for d in found)  # not "is linked to the risk"


def test_an_ambiguous_wording_gets_no_replacement():
    # "cure" is a noun ("a cure") or a verb ("could cure"): no single word fits both
    found = lint("The infusion is a cure for spinal cord injury.", CASE_SERIES, "SJ101")
    assert found and found[0].replacements == []


def test_replacement_wordings_are_validated_with_file_and_line():
    text = """\
rules:
  - code: HS101
    name: house
    category: hype
    severity: info
    kind: term
    message: m
    params: {phrases: [wonder drug]}
    replacements:
      - {for: [""], use: [x]}
    docs: {flags: f, why: w, source: s, example: e, rewrite: r}
"""
    with pytest.raises(RuleError) as exc:
        parse_rules(text, "house.yaml")
    assert str(exc.value).startswith("house.yaml:10:")
