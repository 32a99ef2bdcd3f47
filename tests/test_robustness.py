"""Hostile input: nothing crashes, every position is inside the file, output is stable."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.api import lint_text
from lint.cli import main
from lint.errors import RuleError
from lint.rules import parse_rules

ROOT = Path(__file__).resolve().parent.parent
CITATION = str(ROOT / "seeds" / "honmou2021.citation.yaml")

MARKDOWN_BITS = st.sampled_from([
    "# ", "## ", "> ", "- ", "1. ", "**", "*", "_", "`", "```\n", "[", "](", ")", "![", "<!-- ", " -->", "\n", "\n\n",
    "\r\n", "\t", "|", "---\n", "\u201c", "\u201d", '"', "'", "cure", "phase 2 trial", "12 of 13", "2019",
    "Jeffrey Kocsis", "said", "not a cure", "mice", "http://x.y/z", "\ufeff", "\U0001F600", "é", "\u200b", "  ",
    "\xa0", "one", "third", "late 2018", "n = 46", "nearly a fifth", "18%",
])
TEXT = st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=12)), max_size=40).map("".join)


def check_positions(text: str, path: str) -> list:
    res = lint_text(text, path, citation=CITATION)
    assert res.error is None or "front matter" in res.error
    src = res.source if res.source is not None else text
    lines = src.split("\n")
    for d in res.diagnostics:
        assert 1 <= d.line <= len(lines) and 1 <= d.end_line <= len(lines)
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1
        assert 1 <= d.end_column <= len(lines[d.end_line - 1]) + 1
        if d.match:
            assert src[d.start : d.end] == d.match
    return [(d.line, d.column, d.code) for d in res.diagnostics]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(["a.md", "a.txt"]))
def test_arbitrary_markdown_never_crashes_and_is_stable(text, path):
    first = check_positions(text, path)
    assert check_positions(text, path) == first


def test_one_megabyte_single_line_lints():
    text = "The cure works in mice, say researchers. " * 24_000
    t = time.perf_counter()
    res = lint_text(text[:1_000_000], "big.md", citation=CITATION)
    assert res.error is None
    assert time.perf_counter() - t < 60


def test_empty_and_whitespace_files(tmp_path, capsys):
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "blank.txt").write_text("\n\n   \n")
    code = main(["check", "--no-config", "--format", "json", "--citation", CITATION, str(tmp_path)])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and all(f["diagnostics"] == [] for f in out["files"])


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop_in_folder(tmp_path, capsys):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.md").write_text("A remarkable result.\n")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    os.symlink(tmp_path / "d" / "a.md", tmp_path / "d" / "same.md")
    code = main(["check", "--no-config", "--format", "json", str(tmp_path)])
    files = json.loads(capsys.readouterr().out)["files"]
    assert code == 0 and len(files) == 1


def test_front_matter_problems_are_file_errors(tmp_path, capsys):
    (tmp_path / "bad.md").write_text("---\ncitation: [oops\n---\nText.\n")
    (tmp_path / "missing.md").write_text("---\ncitation: nowhere.yaml\n---\nText.\n")
    bomb = "---\na: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdefg", "bcdefgh")) + "---\nText.\n"
    (tmp_path / "bomb.md").write_text(bomb)
    (tmp_path / "ok.md").write_text("A remarkable result.\n")
    t = time.perf_counter()
    code = main(["check", "--no-config", "--format", "json", str(tmp_path)])
    assert time.perf_counter() - t < 20
    files = {Path(f["path"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert code == 2
    assert files["bad.md"]["error"]["message"].startswith(f"{tmp_path / 'bad.md'}:3:")
    assert files["missing.md"]["error"]["message"].startswith(
        f"{tmp_path / 'missing.md'}:2:1: front matter names citation file 'nowhere.yaml', which was not found")
    assert "refusing YAML" in files["bomb.md"]["error"]["message"]
    assert "diagnostics" in files["ok.md"]


def test_citation_as_list_and_wrong_types(tmp_path, capsys):
    (tmp_path / "a.md").write_text("A phase 2 trial.\n")
    (tmp_path / "a.citation.yaml").write_text("- title: x\n")
    (tmp_path / "b.md").write_text("A phase 2 trial.\n")
    (tmp_path / "b.citation.yaml").write_text("title: x\nstudy: {sample_size: many}\n")
    code = main(["check", "--no-config", "--format", "json", str(tmp_path)])
    files = {Path(f["path"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert code == 2
    assert "must be a mapping" in files["a.md"]["error"]["message"]
    assert ":2:" in files["b.md"]["error"]["message"] and "sample_size" in files["b.md"]["error"]["message"]


RULE = """rules:
  - code: SJ990
    name: house-rule
    category: overclaim
    severity: warning
    kind: term
    message: m
    params: {phrases: [x]EXTRA}
    docs: {flags: f, why: w, source: s, example: e, rewrite: r}
"""


def test_user_rule_files_are_validated():
    with pytest.raises(RuleError, match=r"^r.yaml:6:11: unknown check kind 'trem'"):
        parse_rules(RULE.replace("EXTRA", "").replace("kind: term", "kind: trem"), "r.yaml")
    with pytest.raises(RuleError, match=r"unknown parameter 'phrasse'"):
        parse_rules(RULE.replace("EXTRA", ", phrasse: [y]"), "r.yaml")
    with pytest.raises(RuleError, match=r"longer than 200"):
        parse_rules(RULE.replace("EXTRA", ", when: {funding: {matches: '" + "ab|" * 80 + "'}}"), "r.yaml")
    assert parse_rules(RULE.replace("EXTRA", ", when: {funding: {matches: 'pharma\\w*'}}"), "r.yaml")


def test_catastrophic_user_regex_is_refused():
    # nested quantifiers are refused when the rule loads; others are stopped by a time limit (below)
    for pattern in ("^(a+)+$", "(x*)*y", "(\\w+\\s?)*$", "(a{2,3})+"):
        with pytest.raises(RuleError, match=r"repeats a repeated group"):
            parse_rules(RULE.replace("EXTRA", ", when: {funding: {matches: '" + pattern + "'}}"), "r.yaml")


def test_cue_wordings_with_many_gaps_are_refused():
    """Each '*' gap (up to 8 words) multiplies the ways a wording can match; three in one
    wording can take seconds on a long sentence, so the rule file is refused."""
    rule = RULE.replace("kind: term", "kind: attribution").replace("category: overclaim", "category: attribution")
    with pytest.raises(RuleError, match=r"r.yaml:8:\d+: params.phrases: .*more than 2 gaps"):
        parse_rules(rule.replace("{phrases: [x]EXTRA}", "{check: journal, journal_words: [Journal], "
                                 "phrases: ['published * in * the * journal']}"), "r.yaml")
    assert parse_rules(rule.replace("{phrases: [x]EXTRA}", "{check: journal, journal_words: [Journal], "
                                    "phrases: ['published * in the * journal']}"), "r.yaml")


def test_backtracking_user_regex_fails_one_file_not_the_run(tmp_path, capsys):
    """(a|aa)+$ has no nested quantifier, yet backtracks exponentially on a long run of
    a's: it is stopped by the time limit, that file gets an error entry naming the
    pattern, and the file beside it is linted."""
    from lint import userregex

    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "r.yaml").write_text(
        RULE.replace("EXTRA", ", when: {funding: {matches: '(a|aa)+$'}}").replace("[x]", "[zorble]"))
    (tmp_path / ".sciencelint.yaml").write_text("extra-rules: [house/]\n")
    for name, funding in (("a", "a" * 60 + "c"), ("b", "aaaa")):
        (tmp_path / f"{name}.md").write_text("A zorble drug.\n")
        (tmp_path / f"{name}.citation.yaml").write_text(f"title: x\nfunding: {funding}\n")
    code = main(["check", "--format", "json", str(tmp_path)])
    files = {Path(f["path"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert code == 2
    assert files["a.md"]["error"]["message"] == (
        f"{tmp_path / 'a.md'}: regular expression '(a|aa)+$' in a rule file ran for more than "
        f"{userregex.TIMEOUT:g} s (it backtracks too much); simplify it")
    assert [d["code"] for d in files["b.md"]["diagnostics"]] == ["SJ990"]


def test_unknown_format_and_flags_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml"])
    assert exc.value.code == 2


PRESS = ROOT.parent / "shared" / "benchmarks" / "press-releases"


@pytest.mark.skipif(not PRESS.is_dir(), reason="shared press-release benchmark not present")
def test_all_press_releases_lint_without_error_entries(capsys):
    code = main(["check", "--no-config", "--format", "json", "--jobs", "2", "--citation", CITATION, str(PRESS)])
    doc = json.loads(capsys.readouterr().out)
    assert code in (0, 1)
    assert doc["summary"]["files"] == len(list(PRESS.glob("*.md")))
    assert [f["path"] for f in doc["files"] if "error" in f] == []


def test_parsed_rule_files_are_cached_by_content(tmp_path, monkeypatch):
    from lint import yamlio

    monkeypatch.setenv("SCIENCELINT_CACHE_DIR", str(tmp_path / "cache"))
    f = tmp_path / "r.yaml"
    f.write_text("a: [1, 2]\n")
    assert yamlio.load_file(f, "r.yaml")[0] == {"a": [1, 2]}
    entries = list((tmp_path / "cache").glob("yaml-*.json"))
    assert len(entries) == 1
    entries[0].write_text('{"a": "from cache"}')
    assert yamlio.load_file(f, "r.yaml")[0] == {"a": "from cache"}  # the cache is used
    f.write_text("a: [3]\n")
    assert yamlio.load_file(f, "r.yaml")[0] == {"a": [3]}  # new content, new key
    entries[0].write_text("not json")
    f.write_text("a: [1, 2]\n")
    assert yamlio.load_file(f, "r.yaml")[0] == {"a": [1, 2]}  # a broken entry is re-parsed
    monkeypatch.setenv("SCIENCELINT_CACHE_DIR", "")
    assert yamlio.cache_dir() is None and yamlio.load_file(f, "r.yaml")[0] == {"a": [1, 2]}
