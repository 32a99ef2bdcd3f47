"""Check kinds: one module each, found automatically.

A kind module has ``Params`` (a pydantic model of its rule parameters) and
``check(rules, lc)``: it receives every enabled rule of its kind and the lint context
(``lint.engine.LintContext``: the parsed document and the citation) and yields
``lint.findings.Finding`` objects.  Modules whose names start with ``_`` are helpers.
"""
from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def _discover() -> dict[str, ModuleType]:
    kinds: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        kinds[getattr(mod, "KIND", info.name)] = mod
    return kinds


KINDS: dict[str, ModuleType] = _discover()
