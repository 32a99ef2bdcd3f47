"""Test-session settings: keep the parsed-rules cache out of the user's home folder."""
from __future__ import annotations

import os
import tempfile


def pytest_configure(config):
    os.environ.setdefault("SCIENCELINT_CACHE_DIR", tempfile.mkdtemp(prefix="sciencelint-cache-"))


# developer tools (tools/evaluate.py, tools/bench.py) are not part of the installed package
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
