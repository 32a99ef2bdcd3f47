"""Machine-readable output through the CLI: SARIF, GitHub annotations, JSON over stdin."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import CASE_SERIES_CITATION

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent

CITATION = CASE_SERIES_CITATION

# errors (phase 2 trial, cured), a warning (help), an info (revolutionary), and a
# character outside the BMP so that columns in code points are exercised
DRAFT = (
    "# Stem cells help patients walk again\n"
    "\n"
    "Doctors called the 🧪 results revolutionary: a phase 2 clinical trial found that stem cells cured "
    "spinal cord injury in 13 patients.\n"
)

GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),"
                         r"endColumn=(\d+),title=([A-Z]{2,4}\d{3})::(.+)$")


@pytest.fixture
def drafts(tmp_path, monkeypatch):
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "draft.citation.yaml").write_text(CITATION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def json_diagnostics(capsys, *paths: str) -> list[dict]:
    code, out = run(capsys, "check", "--format", "json", *paths)
    doc = json.loads(out)
    return [dict(d, path=f["path"]) for f in doc["files"] for d in f["diagnostics"]]


def test_sarif_shape_and_consistency_with_json(drafts, capsys):
    diags = json_diagnostics(capsys, "draft.md")
    assert {d["severity"] for d in diags} == {"error", "warning", "info"}, diags
    code, out = run(capsys, "check", "--format", "sarif", "draft.md")
    assert code == 1
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    assert "sarif" in sarif["$schema"] and "2.1.0" in sarif["$schema"]
    assert len(sarif["runs"]) == 1
    run_ = sarif["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "sciencelint" and driver["version"]
    rule_ids = [r["id"] for r in driver["rules"]]
    assert sorted(rule_ids) == sorted({d["code"] for d in diags})  # exactly the rules that fired
    assert len(set(rule_ids)) == len(rule_ids)
    for r in driver["rules"]:
        assert r["name"] and r["shortDescription"]["text"] and r["help"]["text"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run_["results"]
    assert len(results) == len(diags)
    level = {"error": "error", "warning": "warning", "info": "note"}
    for res, d in zip(results, diags):
        assert res["ruleId"] == d["code"]
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] == level[d["severity"]]
        assert res["message"]["text"] == d["message"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "draft.md"
        region = loc["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == \
            (d["line"], d["column"], d["end_line"], d["end_column"])
        if d["match"]:
            assert region["snippet"]["text"] == d["match"]
        for fix, rep in zip(res.get("fixes", []), d["replacements"]):
            assert fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == rep
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    # columns are code points: the match "phase 2 clinical trial" starts after one emoji
    line3 = DRAFT.splitlines()[2]
    phase = next(r for r in results if r["ruleId"] == "SJ201")
    assert phase["locations"][0]["physicalLocation"]["region"]["startColumn"] == \
        line3.index("phase 2 clinical trial") + 1
    assert run_.get("columnKind") == "unicodeCodePoints"


def test_sarif_with_no_findings_is_still_valid(drafts, capsys):
    (drafts / "calm.md").write_text("The weather was mild today.\n", encoding="utf-8")
    code, out = run(capsys, "check", "--format", "sarif", "calm.md")
    assert code == 0
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["tool"]["driver"]["rules"] == [] and sarif["runs"][0]["results"] == []


def test_github_annotations_match_the_spec(drafts, capsys):
    diags = json_diagnostics(capsys, "draft.md")
    code, out = run(capsys, "check", "--format", "github", "draft.md")
    assert code == 1
    lines = out.splitlines()
    kind = {"error": "error", "warning": "warning", "info": "notice"}
    expected = [f"::{kind[d['severity']]} file=draft.md,line={d['line']},col={d['column']},"
                f"endLine={d['end_line']},endColumn={d['end_column']},title={d['code']}::{d['message']}"
                for d in diags]
    assert lines == expected
    assert all(GITHUB_LINE.match(line) for line in lines)
    assert any(line.startswith("::error ") for line in lines)


def test_github_escapes_properties(drafts, capsys):
    folder = drafts / "v2, final"
    folder.mkdir()
    (folder / "draft.md").write_text(DRAFT, encoding="utf-8")
    (folder / "draft.citation.yaml").write_text(CITATION, encoding="utf-8")
    code, out = run(capsys, "check", "--format", "github", os.path.join("v2, final", "draft.md"))
    lines = out.splitlines()
    assert lines and all(line.split("::")[1].startswith(("error file=v2%2C final/draft.md,",
                                                          "warning file=v2%2C final/draft.md,",
                                                          "notice file=v2%2C final/draft.md,")) for line in lines)


def test_json_over_stdin_resolves_the_sidecar(drafts, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # cwd is not the draft's folder
    name = str(drafts / "draft.md")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    (drafts / "draft.md").write_text("Calm words on disk.\n", encoding="utf-8")  # stdin is what is linted
    edited = DRAFT
    proc = subprocess.run([sys.executable, "-m", "lint", "check", "--format", "json", "-", "--stdin-filename", name],
                          input=edited.encode("utf-8"), capture_output=True, cwd=elsewhere, env=env, timeout=60)
    assert proc.returncode == 1, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert doc["version"] == 1 and len(doc["files"]) == 1
    entry = doc["files"][0]
    assert entry["path"] == name
    assert entry["citation"] == str(drafts / "draft.citation.yaml")
    assert "notes" not in entry
    codes = {d["code"] for d in entry["diagnostics"]}
    assert {"SJ201", "SJ101"} <= codes
    phase = next(d for d in entry["diagnostics"] if d["code"] == "SJ201")
    line3 = edited.splitlines()[2]
    assert (phase["line"], phase["column"]) == (3, line3.index("phase 2 clinical trial") + 1)
    assert phase["match"] == "phase 2 clinical trial"
    assert phase["evidence"].startswith("study.") and "case-series" in phase["evidence"]
    assert doc["summary"]["files"] == 1 and doc["summary"]["errors"] >= 2


def test_json_over_stdin_without_a_citation_notes_it(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    name = str(tmp_path / "lonely.md")
    proc = subprocess.run([sys.executable, "-m", "lint", "check", "--format", "json", "-", "--stdin-filename", name],
                          input=b"A phase 2 clinical trial cured it.\n", capture_output=True, cwd=tmp_path, env=env,
                          timeout=60)
    doc = json.loads(proc.stdout)
    entry = doc["files"][0]
    assert entry["path"] == name and entry["citation"] is None
    assert entry["notes"] and "no citation" in entry["notes"][0]
    assert all(d["code"] != "SJ201" for d in entry["diagnostics"])
