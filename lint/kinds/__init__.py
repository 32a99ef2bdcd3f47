"""Check kinds: each module has ``Params`` (its rule parameters) and ``check(rules, lc)``.

``check`` receives every enabled rule of its kind and the lint context
(``lint.engine.LintContext``: the parsed document and the citation) and yields
``lint.findings.Finding`` objects.
"""
from __future__ import annotations

from types import ModuleType

from . import design, term

KINDS: dict[str, ModuleType] = {
    "term": term,
    "design": design,
}
