"""Static checks: ruff on lint/ and tools/, mypy on what pyproject's [tool.mypy] names.

Both run as subprocesses from the repository root, so they read pyproject.toml's
configuration exactly as a developer's `ruff check lint tools` and `mypy` do.  Each is
skipped when its tool is not installed (both are in the `test` extra).  Their caches
(.ruff_cache, .mypy_cache, both in .gitignore) keep a rerun to a few seconds.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def _report(proc: subprocess.CompletedProcess[str]) -> str:
    return f"exit status {proc.returncode}\n--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"


def test_ruff() -> None:
    pytest.importorskip("ruff")
    proc = _run("ruff", "check", "lint", "tools")
    assert proc.returncode == 0, _report(proc)


def test_mypy() -> None:
    pytest.importorskip("mypy")
    proc = _run("mypy")  # no arguments: the files and options of pyproject's [tool.mypy]
    assert proc.returncode == 0, _report(proc)
