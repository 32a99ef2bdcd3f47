"""One fixture per rule: ``tests/rules/<CODE>/`` holds a short news-style article that
triggers the rule (and has at least one near-miss sentence that must not), the citation
it is checked against, and ``expected.json``, the snapshot of that rule's findings.

Each rule's documented example (``docs.example`` in ``rules/*.yaml``), linted as an
article against the fixture's citation, must trigger the rule; its ``docs.rewrite`` must
not.

Regenerate the snapshots after an intended behaviour change, then review the git diff::

    SCIENCELINT_UPDATE_SNAPSHOTS=1 pytest tests/test_rule_fixtures.py
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lint.api import Options, lint_file
from lint.citation import load_citation
from lint.rules import load_rules

FIXTURES = Path(__file__).resolve().parent / "rules"
UPDATE = os.environ.get("SCIENCELINT_UPDATE_SNAPSHOTS") == "1"
FIELDS = ("line", "column", "end_line", "end_column", "code", "severity", "match", "message", "replacements")


def lint_one_rule(article_path: Path | str, citation_path: Path | str, code: str) -> list[dict]:
    """Lint one article against one citation file with only rule ``code`` selected.

    The only place this module calls the linter: adapt it here when the engine's API
    changes.  Returns the findings as plain dicts with the snapshot's fields, in the
    order the linter reports them.
    """
    load_citation(str(citation_path))  # a broken fixture citation fails here, naming file and line
    result = lint_file(str(article_path), Options(citation=str(citation_path), select=(code,), no_config=True))
    assert result.error is None, result.error
    return [{k: getattr(d, k) for k in FIELDS} for d in result.diagnostics]


RULES = {r.code: r for r in load_rules()}
CODES = sorted(RULES)

# Documented examples that cannot trigger their rule because of a bug in the rule's code
# (not in its docs): code -> reason.  Each is a strict xfail, so fixing the bug shows up.
DOCS_XFAIL: dict[str, str] = {}


def _fixture(code: str) -> Path:
    folder = FIXTURES / code
    if not folder.is_dir():
        pytest.fail(f"rule {code} has no fixture folder {folder.relative_to(FIXTURES.parent.parent)}")
    return folder


@pytest.mark.parametrize("code", CODES)
def test_rule_has_fixture(code):
    folder = _fixture(code)
    needed = ("article.md", "citation.yaml") + (() if UPDATE else ("expected.json",))
    for name in needed:
        assert (folder / name).is_file(), f"{code}: missing {folder.name}/{name}"


@pytest.mark.parametrize("code", CODES)
def test_fixture_matches_snapshot(code):
    folder = _fixture(code)
    got = lint_one_rule(folder / "article.md", folder / "citation.yaml", code)
    assert got, f"{code} does not fire on its fixture"
    assert all(d["code"] == code for d in got)
    lines = (folder / "article.md").read_text(encoding="utf-8").split("\n")
    for d in got:  # a match is the exact source text at its position
        if d["match"] and d["line"] == d["end_line"]:
            assert lines[d["line"] - 1][d["column"] - 1 : d["end_column"] - 1] == d["match"], d
    snapshot = folder / "expected.json"
    if UPDATE:
        snapshot.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert snapshot.is_file(), f"{code}: no snapshot; run with SCIENCELINT_UPDATE_SNAPSHOTS=1 and review it"
    expected = json.loads(snapshot.read_text(encoding="utf-8"))
    assert got == expected


def test_no_fixture_for_an_unknown_rule():
    stray = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name not in RULES)
    assert stray == [], f"fixture folders for rules that do not exist: {stray}"


def _docs_params():
    for code in CODES:
        marks = [pytest.mark.xfail(strict=True, reason=DOCS_XFAIL[code])] if code in DOCS_XFAIL else []
        yield pytest.param(code, marks=marks, id=code)


@pytest.mark.parametrize("code", list(_docs_params()))
def test_docs_example_triggers_and_rewrite_does_not(code, tmp_path):
    folder = _fixture(code)
    docs = RULES[code].docs
    example = tmp_path / "example.md"
    example.write_text(docs.example + "\n", encoding="utf-8")
    rewrite = tmp_path / "rewrite.md"
    rewrite.write_text(docs.rewrite + "\n", encoding="utf-8")
    citation = folder / "citation.yaml"
    assert lint_one_rule(example, citation, code), f"{code}: docs.example does not trigger: {docs.example!r}"
    assert lint_one_rule(rewrite, citation, code) == [], f"{code}: docs.rewrite triggers: {docs.rewrite!r}"
