"""The one loader of word lists: ``rules/lexicons/NAME.yaml``.

Every list of words a check or analysis understands (hedges, species, speech verbs,
titles, number words, time units ...) lives in a lexicon file, not in Python: a word
added there is understood without a code change.  A lexicon is a YAML mapping of list
names to lists (or mappings); it is read once per process, through ``yamlio`` (safe
loading, the parsed-file cache).
"""
from __future__ import annotations

from functools import cache
from typing import Any

from .resources import rules_dir
from .yamlio import load_file


@cache
def lexicon(name: str) -> dict[str, Any]:
    """The lexicon ``rules/lexicons/<name>.yaml`` as parsed YAML (a mapping)."""
    data, _ = load_file(rules_dir() / "lexicons" / f"{name}.yaml", f"rules/lexicons/{name}.yaml")
    if not isinstance(data, dict):
        raise ValueError(f"rules/lexicons/{name}.yaml: a lexicon is a mapping of list names to lists")
    return data


@cache
def words(name: str, key: str, lower: bool = True) -> frozenset[str]:
    """One list of a lexicon as a set (lower-cased unless ``lower=False``; empty when the
    lexicon has no such list)."""
    values = lexicon(name).get(key) or ()
    return frozenset(str(v).lower() if lower else str(v) for v in values)
