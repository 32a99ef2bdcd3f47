"""Test-session settings: keep the parsed-rules cache out of the user's home folder."""
from __future__ import annotations

import os
import tempfile


def pytest_configure(config):
    os.environ.setdefault("SCIENCELINT_CACHE_DIR", tempfile.mkdtemp(prefix="sciencelint-cache-"))
