"""The pre-commit hook (.pre-commit-hooks.yaml), run by the real pre-commit.

Each run installs sciencelint into a virtualenv of pre-commit's own (about 20 s here):
``try-repo`` always uses a throw-away store, so sharing PRE_COMMIT_HOME cannot save that
install; the second test runs the hook the way the README configures it (``repo:`` +
``rev:`` in .pre-commit-config.yaml) with a PRE_COMMIT_HOME shared by the session.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import CASE_SERIES_CITATION

pytest.importorskip("pre_commit")
if shutil.which("git") is None:  # pragma: no cover
    pytest.skip("git is not installed", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
GIT = ["git", "-c", "user.name=sciencelint-tests", "-c", "user.email=tests@example.invalid",
       "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]

CITATION = CASE_SERIES_CITATION

OVERCLAIM = """\
# Stem cells help patients walk again

A phase 2 clinical trial found that stem cells cured spinal cord injury in 13 patients.
"""

CAREFUL = """\
# Stem cell infusions studied in 13 patients with spinal cord injury

In a small case series of 13 patients with no control group, 12 improved by at least one
grade on a standard scale after receiving their own stem cells.

Because the study was small and had no comparison group, it cannot show that the cells
caused the improvement; some patients recover on their own.
"""


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory) -> Path:
    """A committed snapshot of this working tree (tracked and new, not ignored, files), so
    that try-repo sees the hook and code as they are now, committed or not."""
    dest = tmp_path_factory.mktemp("hook-repo")
    try:
        listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                                check=True, capture_output=True).stdout.decode().split("\0")
        files = [f for f in listed if f and (ROOT / f).is_file()]
    except subprocess.CalledProcessError:  # not a git checkout (an sdist): take everything
        files = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file()
                 and not any(part in {".git", "__pycache__", ".pytest_cache", ".hypothesis"} for part in p.parts)]
    for f in files:
        (dest / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / f, dest / f)
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "-m", "snapshot", cwd=dest)
    return dest


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _work_repo(work: Path, draft: str) -> None:
    work.mkdir()
    (work / "draft.md").write_text(draft, encoding="utf-8")
    (work / "draft.citation.yaml").write_text(CITATION, encoding="utf-8")
    _git("init", "-q", cwd=work)


def _pre_commit(args: list[str], home: Path, work: Path) -> subprocess.CompletedProcess:
    _git("add", "-A", cwd=work)
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    env.pop("PRE_COMMIT", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", *args, "--color", "never",
                           "--files", "draft.md", "draft.citation.yaml"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=600)


def test_hook_manifest():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "sciencelint")
    assert hook["entry"] == "sciencelint check" and hook["language"] == "python"
    assert set(hook["types_or"]) == {"markdown", "plain-text"} and hook["require_serial"] is True
    from identify.identify import tags_from_filename  # what pre-commit matches types against

    for name in ("a.md", "a.markdown", "a.txt"):
        assert tags_from_filename(name) & set(hook["types_or"]), name
    assert not tags_from_filename("a.citation.yaml") & set(hook["types_or"])


def test_try_repo_blocks_an_overclaiming_draft(hook_repo, pre_commit_home, tmp_path):
    work = tmp_path / "work"
    _work_repo(work, OVERCLAIM)
    res = _pre_commit(["try-repo", str(hook_repo), "sciencelint"], pre_commit_home, work)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "sciencelint" in out and "Failed" in out
    assert "draft.md:3:3: SJ201 error" in out, out
    assert "draft.citation.yaml:" not in out  # the citation file is not linted as an article


def test_configured_hook_passes_a_careful_draft(hook_repo, pre_commit_home, tmp_path):
    work = tmp_path / "work"
    _work_repo(work, CAREFUL)
    rev = _git("rev-parse", "HEAD", cwd=hook_repo).strip()
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: sciencelint\n")
    res = _pre_commit(["run"], pre_commit_home, work)
    out = res.stdout + res.stderr
    assert res.returncode == 0, out
    assert "sciencelint" in out and "Passed" in out
