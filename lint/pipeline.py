"""The spaCy pipeline: blank English plus a sentencizer, or an installed model.

Nothing is downloaded. ``configure(model)`` switches to an installed statistical
pipeline (e.g. ``en_core_web_sm``) for the rest of the process.
"""
from __future__ import annotations

from functools import lru_cache

import spacy

from .errors import ConfigError

_MODEL: str | None = None


def configure(model: str | None) -> None:
    global _MODEL
    if model != _MODEL:
        _MODEL = model
        get_nlp.cache_clear()


@lru_cache(maxsize=1)
def get_nlp():
    if _MODEL:
        try:
            nlp = spacy.load(_MODEL, exclude=["lemmatizer"])
        except OSError:
            raise ConfigError(
                f"nlp.model: spaCy pipeline '{_MODEL}' is not installed (pip install it, or remove nlp.model)"
            ) from None
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def model_name() -> str:
    return _MODEL or "blank:en"
