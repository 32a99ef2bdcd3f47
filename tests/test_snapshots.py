"""Output snapshots: the full JSON output of whole folders, frozen.

Every change to what the linter reports on the seeds, the labelled corpora and (when
``../shared`` is present) the shared benchmarks and real stories shows up here as a diff
of ``tests/snapshots/*.jsonl``: one line per finding (or per file error), so a refactor
that should change nothing is shown to change nothing, and an intended change is
reviewed line by line.

Regenerate after an intended change and read the diff::

    SCIENCELINT_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py
    git diff tests/snapshots/
"""
from __future__ import annotations

import io
import json
import os
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"

FOLDERS = {
    "seeds": ROOT / "seeds",
    "corpus": ROOT / "tests" / "corpus",
    "corpus_holdout": ROOT / "tests" / "corpus_holdout",
    "press_releases": SHARED / "benchmarks" / "press-releases",
    "real_stories": SHARED / "real-stories" / "stories",
}


def snapshot_lines(folder: Path) -> list[str]:
    """The run's JSON output, one line per finding, paths relative to the folder."""
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        with redirect_stdout(out):
            main(["check", "--format", "json", "--exit-zero", "--jobs", "1", "."])
    finally:
        os.chdir(cwd)
    doc = json.loads(out.getvalue())
    lines = []
    for f in doc["files"]:
        path = os.path.normpath(f["path"])
        if "error" in f:
            lines.append(json.dumps({"path": path, "error": f["error"]["message"]}, ensure_ascii=False))
        for d in f.get("diagnostics", []):
            lines.append(json.dumps({"path": path, **d}, ensure_ascii=False))
    return lines


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_snapshot(name):
    folder = FOLDERS[name]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here (it lives in ../shared, outside the repository)")
    got = snapshot_lines(folder)
    snap = SNAPSHOTS / f"{name}.jsonl"
    if os.environ.get("SCIENCELINT_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        snap.write_text("".join(line + "\n" for line in got), encoding="utf-8")
        return
    assert snap.is_file(), f"no snapshot yet: run SCIENCELINT_UPDATE_SNAPSHOTS=1 pytest {__file__}"
    want = snap.read_text(encoding="utf-8").splitlines()
    if got != want:
        gone = [w for w in want if w not in set(got)]
        new = [g for g in got if g not in set(want)]
        pytest.fail(f"{name}: output changed ({len(gone)} lines gone, {len(new)} new)\n"
                    + "".join(f"- {w}\n" for w in gone[:15]) + "".join(f"+ {g}\n" for g in new[:15])
                    + "If intended: SCIENCELINT_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py, and read the diff.")
