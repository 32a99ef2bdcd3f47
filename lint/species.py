"""Words naming a study's non-human subjects (``rules/lexicons/species.yaml``)."""
from __future__ import annotations

from functools import lru_cache

from .lexicons import lexicon

HUMAN = frozenset({"humans", "human", "people", "patients", "adults", "children", "women", "men", "volunteers",
                   "participants", "infants", "adolescents"})


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, list[str]]:
    return lexicon("species")


@lru_cache(maxsize=64)
def species_phrases(subjects: str | None) -> tuple[str, ...]:
    """Phrases that name these subjects (empty for human studies or unknown subjects)."""
    if not subjects or subjects.strip().lower() in HUMAN:
        return ()
    lex = _lexicon()
    key = subjects.strip().lower()
    own = lex.get(key) or [key, "animal{,s}"]
    return tuple(own) + tuple(lex.get("any", []))
