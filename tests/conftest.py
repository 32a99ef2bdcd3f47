"""Test-session settings: the parsed-rules cache out of the user's home folder, the learned
claim-strength model off unless a test switches it on."""
from __future__ import annotations

import os
import tempfile


def pytest_configure(config):
    os.environ.setdefault("SCIENCELINT_CACHE_DIR", tempfile.mkdtemp(prefix="sciencelint-cache-"))
    # Expected outputs (snapshots, fixtures, corpora) are the rules' answers, the same with
    # or without the `model` extra and on any CPU; tests/test_claim_model.py switches the
    # learned model on for itself.
    os.environ.setdefault("SCIENCELINT_CLAIM_MODEL", "off")


# developer tools (tools/evaluate.py, tools/bench.py) are not part of the installed package
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
