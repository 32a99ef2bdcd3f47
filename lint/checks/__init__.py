"""The built-in checks: each module registers the checks of one family
(``@registry.check("design.phase", Params)``); importing this package registers them all.

A check receives every enabled rule that names it and the check context
(``lint.engine.CheckContext``: the parsed document, the citation, the document's
analyses and the rule set's store of compiled matchers) and yields
``lint.findings.Finding`` objects.  Modules whose names start with ``_`` are helpers
shared by several families.
"""
from __future__ import annotations

import importlib
import pkgutil

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
    if not _info.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_info.name}")
