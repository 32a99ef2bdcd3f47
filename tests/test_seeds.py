"""The seed articles (real stories about Honmou et al. 2021), pinned finding by finding.

Each expected finding was reviewed against the paper's facts (shared/reference/README.md,
seeds/honmou2021.citation.yaml).  Update this list only after reviewing a change the
same way: every finding must be one a careful science editor would agree with.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

EXPECTED = {
    "seeds/000_a9fe6b1d9d0684b5.txt": [
        (3, 32, "SJ106", "helps"),                    # headline: "therapy helps spinal injury patients" - no control group
        (3, 32, "SJ701", "helps"),                    # never says there was no control group (placed on the first claim)
        (6, 84, "SJ105", "safe and effective"),       # 13 uncontrolled cases cannot show efficacy (hedged: "suggesting")
        (13, 89, "SJ301", "lead to"),                 # "injections ... lead to ... improvements": causal from a case series
        (17, 67, "SJ801", "promising"),               # hype (info)
        (19, 226, "SJ503", "2019"),                   # approval was 28 December 2018
        (23, 290, "SJ801", "promising"),              # hype (info)
        (23, 367, "SJ102", "repairing"),              # "effective in repairing spinal cord injuries" (hedged: "may")
        (27, 102, "SJ302", "may be clinically useful"),  # Kocsis's hope, in a quote (info); "increases our confidence"
                                                         # is a belief, not the claim, so the hedged claim is judged
        (27, 151, "SJ601", "Jeffrey Kocsis"),         # the author spells it Jeffery
        (31, 19, "SJ302", "may be able to restore"),  # Waxman's hope, in a quote (info)
    ],
    "seeds/001_9f43fed30e6ddbcd.txt": [
        (9, 25, "SJ801", "promising"),                # the careful article: one info, nothing louder
    ],
    "seeds/002_de85fb12247f8ade.txt": [
        (1, 1, "SJ801", "Surprising"),                # hype (info)
        (1, 30, "SJ102", "Helped Repair"),            # headline claims repair
        (1, 37, "SJ701", "Repair"),                   # never says there was no control group (placed on the headline's claim)
        (1, 37, "SJ703", "Repair"),                   # never says the study was small (13 patients) (same claim)
        (7, 118, "SJ201", "phase 2 clinical trial"),  # a case series, not a phase 2 trial
        (7, 146, "SJ801", "fresh hope"),              # hype (info)
        (13, 248, "SJ101", "cure"),                   # "the experimental cure's safety"
        (19, 19, "SJ302", "may be able to restore"),  # Waxman's hope, in a quote (info)
        (21, 9, "SJ801", "terrific"),                 # hype (info)
        (21, 59, "SJ101", "cure"),                    # "will likely lead to a potential cure" (hedged: warning)
    ],
}


@pytest.fixture(scope="module")
def report():
    p = subprocess.run([sys.executable, "-m", "lint", "check", "--format", "json", "seeds/"],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 1, p.stderr
    return json.loads(p.stdout)


def test_seed_findings_pinned(report):
    got = {f["path"]: [(d["line"], d["column"], d["code"], d["match"]) for d in f["diagnostics"]]
           for f in report["files"]}
    assert got == EXPECTED


def test_careful_seed_has_no_error_or_warning(report):
    careful = next(f for f in report["files"] if f["path"].startswith("seeds/001"))
    assert [d for d in careful["diagnostics"] if d["severity"] != "info"] == []


def test_seed_citation_is_used_without_flags(report):
    assert all(f["citation"].endswith("honmou2021.citation.yaml") for f in report["files"])
    assert len(report["files"]) == 3


def test_matches_are_exact_source_text(report):
    for f in report["files"]:
        lines = (ROOT / f["path"]).read_text(encoding="utf-8").split("\n")
        for d in f["diagnostics"]:
            if d["match"]:
                assert lines[d["line"] - 1][d["column"] - 1 : d["end_column"] - 1] == d["match"]
