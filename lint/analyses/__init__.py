"""Per-document analyses: what several checks read about one document, computed once.

Each analysis is registered by name with what it requires (``lint.registry.analysis``);
``Analyses`` computes one on first use, its requirements first, and keeps the value for
the rest of that lint.  One ``Analyses`` belongs to one lint of one document against one
citation (the check context holds it), so nothing computed here outlives the lint or
leaks into the next one.  Importing this package registers the built-in analyses.
"""
from __future__ import annotations

from typing import Any

from .. import registry


class Analyses:
    """The analyses of one document (and its citation) in one lint."""

    def __init__(self, doc: Any, citation: Any = None):
        self.doc = doc
        self.citation = citation
        self._values: dict[str, Any] = {}
        self._running: set[str] = set()

    def get(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            pass
        spec = registry.ANALYSES.get(name)
        if spec is None:
            raise KeyError(f"no analysis named {name!r} (known: {', '.join(sorted(registry.ANALYSES))})")
        if name in self._running:
            raise RuntimeError(f"analysis {name!r} requires itself")
        self._running.add(name)
        try:
            for req in spec.requires:
                self.get(req)
            value = self._values[name] = spec.compute(self.doc, self.citation, self)
        finally:
            self._running.discard(name)
        return value

    def computed(self) -> tuple[str, ...]:
        """Names of the analyses computed so far (for tests and profiling)."""
        return tuple(self._values)


from . import claims, numbers, people, scope, storyfacts  # noqa: E402,F401  (registers the built-in analyses)
