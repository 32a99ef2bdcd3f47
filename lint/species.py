"""Words naming a study's non-human subjects (``rules/lexicons/species.yaml``)."""
from __future__ import annotations

from functools import lru_cache

import yaml

from .resources import rules_dir

HUMAN = frozenset({"humans", "human", "people", "patients", "adults", "children", "women", "men", "volunteers",
                   "participants", "infants", "adolescents"})


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, list[str]]:
    return yaml.safe_load((rules_dir() / "lexicons" / "species.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def species_phrases(subjects: str | None) -> tuple[str, ...]:
    """Phrases that name these subjects (empty for human studies or unknown subjects)."""
    if not subjects or subjects.strip().lower() in HUMAN:
        return ()
    lex = _lexicon()
    key = subjects.strip().lower()
    own = lex.get(key) or [key, "animal{,s}"]
    return tuple(own) + tuple(lex.get("any", []))
