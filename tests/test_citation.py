"""Citation files: validation errors name the file, line and column."""
from __future__ import annotations

import pytest

from lint.citation import describe, parse_citation
from lint.errors import CitationError

GOOD = """\
title: A study
journal: BMJ
published: 2021-02
status: peer-reviewed
authors:
  - name: Ann Lee
    affiliations: Yale University
    roles: [first]
study:
  design: case-series
  phase: null
  control: none
  subjects: humans
  sample_size: 13
findings:
  - {what: improved, value: 12, of: 13}
dates:
  - {what: approval, date: 2018-12-28}
"""


def err(text: str) -> str:
    with pytest.raises(CitationError) as exc:
        parse_citation(text, "c.yaml")
    return str(exc.value)


def test_good_citation_loads_typed():
    c = parse_citation(GOOD, "c.yaml").citation
    assert c.published.year == 2021 and c.published.month == 2
    assert c.study.sample_size == 13 and c.study.design == "case-series"
    assert c.is_set("study.phase") and c.study.phase is None
    assert not c.is_set("study.randomized")
    assert c.effective_claim_strength == "correlational"
    assert c.authors[0].affiliations == ["Yale University"]
    assert c.dates[0].date.day == 28
    assert describe(c) == "a case series of 13 patients with no control group"


def test_unknown_key_with_hint_and_position():
    assert err(GOOD.replace("journal:", "jornal:")) == \
        "c.yaml:2:1: unknown key 'jornal' (did you mean 'journal'?)"


def test_unknown_nested_key():
    msg = err(GOOD.replace("  sample_size: 13", "  sample_sise: 13"))
    assert msg.startswith("c.yaml:14:3: unknown key 'sample_sise' in study (did you mean 'sample_size'?)")


def test_bad_enum_lists_allowed_values():
    msg = err(GOOD.replace("design: case-series", "design: case series"))
    assert msg.startswith("c.yaml:10:11: study.design: 'case series' is not allowed; use one of")
    assert "'case-series'" in msg


def test_wrong_type():
    msg = err(GOOD.replace("sample_size: 13", "sample_size: thirteen"))
    assert msg.startswith("c.yaml:14:16: study.sample_size:")


def test_bad_date():
    msg = err(GOOD.replace("published: 2021-02", "published: Feb 2021"))
    assert msg.startswith("c.yaml:3:12: published: 'Feb 2021' is not a date as YYYY, YYYY-MM or YYYY-MM-DD")
    assert err(GOOD.replace("2018-12-28", "2018-02-30")).startswith("c.yaml:18:28: invalid value: day is out of range")


def test_missing_title():
    assert "missing required key 'title'" in err(GOOD.replace("title: A study\n", ""))


def test_not_a_mapping_and_syntax_error():
    assert err("- a\n- b\n") == "c.yaml:1:1: a citation file must be a mapping of keys to values, not a list"
    assert err("title: [unclosed\n").startswith("c.yaml:2:1: invalid YAML:")
    assert "empty" in err("")


def test_alias_bomb_is_refused_fast():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb += f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    assert "refusing YAML" in err("title: x\n" + bomb)


def test_preprint_server_implies_preprint():
    c = parse_citation("title: x\njournal: medRxiv\n", "c.yaml").citation
    assert c.effective_status == "preprint"
