"""Linting an editor buffer exactly as ``sciencelint check`` would lint the saved file.

Used by the language server (``lint/server.py``); also handy for other editor plugins::

    from lint.api import lint_buffer
    result = lint_buffer("/abs/path/draft.md", text)   # text need not be saved

The citation is resolved like the CLI does (``--citation`` if given, front matter,
the sidecar ``draft.citation.yaml`` next to ``path``, then ``citation:`` in the nearest
config file), and the nearest config's ``select``/``ignore``/``severity``/... apply.
"""
from __future__ import annotations

import argparse

from . import config as _config
from . import rules as _rules
from .cli import lint_one
from .config import Config, config_for
from .engine import Result
from .errors import SciencelintError
from .rules import Rule, load_rules


def lint_buffer(path: str, text: str, *, citation: str | None = None, config: str | None = None,
                no_config: bool = False, display: str | None = None) -> Result:
    """Lint ``text`` as if it were the content of the file ``path``.

    Never raises for bad input: problems (a bad citation or config) come back as
    ``Result.error``, a one-line message naming the file and line.
    """
    args = argparse.Namespace(citation=citation, select=None, ignore=None, min_severity=None,
                              no_config=no_config, config=config)
    return lint_one(path, display or path, text.encode("utf-8", "surrogatepass"), args, config)


def rules_for(path: str) -> tuple[Rule, ...]:
    """The rules that apply to an article (the built-in ones plus its config's ``extra-rules``)."""
    try:
        cfg: Config = config_for(path)
        extra = tuple(cfg.resolve(e) for e in (cfg.get("extra-rules") or ()))
        return load_rules(extra)
    except SciencelintError:
        return load_rules()


def reset_caches(rules: bool = False) -> None:
    """Forget cached config files (and, with ``rules``, loaded rule files) so that edits on
    disk are seen.  Citation files need no reset: the engine caches them by mtime and size."""
    _config.reset()
    if rules:
        _rules._load_rules.cache_clear()
