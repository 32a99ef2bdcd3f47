"""The registries: checks and per-document analyses, by name.

Like spaCy's registered components, a check or an analysis is a function registered
under a name with what it declares:

- a **check** (``@check("design.phase", Params)``) is one thing a rule can test: it gets
  every enabled rule that names it (``kind: design.phase`` in ``rules/*.yaml``), each rule
  with its ``params`` validated by ``Params``, and a check context (``lint.engine``), and
  yields ``lint.findings.Finding`` objects;
- an **analysis** (``@analysis("numbers", requires=("document",))``) computes one thing
  about a document that several checks read (number mentions, the people named, claim
  strength per sentence); it is computed once per lint, on first use, by
  ``lint.analyses.Analyses``.

This module imports nothing of the project: every layer may register into it.  The
built-in checks register when ``lint.checks`` is imported (``builtin_checks()``).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: at run time this module still imports nothing
    from pydantic import BaseModel


@dataclass(frozen=True)
class CheckSpec:
    name: str  # "design.phase": family, then what it checks
    params: type[BaseModel]  # a pydantic model of the rule parameters
    run: Callable[[list, Any], Iterable]  # (rules, ctx) -> findings
    doc: str = ""

    @property
    def family(self) -> str:
        return self.name.split(".", 1)[0]


@dataclass(frozen=True)
class AnalysisSpec:
    name: str
    requires: tuple[str, ...]  # other analyses computed first
    compute: Callable[..., Any]  # (doc, citation, analyses) -> value
    needs_citation: bool = False  # its value depends on the citation, not only the text
    doc: str = ""


CHECKS: dict[str, CheckSpec] = {}
ANALYSES: dict[str, AnalysisSpec] = {}


def check(name: str, params: type[BaseModel]) -> Callable:
    """Register ``fn(rules, ctx)`` as the check ``name`` with parameter model ``params``."""

    def deco(fn: Callable) -> Callable:
        if name in CHECKS and CHECKS[name].run is not fn:
            raise ValueError(f"check {name!r} is registered twice")
        CHECKS[name] = CheckSpec(name, params, fn, (fn.__doc__ or "").strip())
        return fn

    return deco


def analysis(name: str, requires: tuple[str, ...] = (), needs_citation: bool = False) -> Callable:
    """Register ``fn(doc, citation, analyses)`` as the per-document analysis ``name``."""

    def deco(fn: Callable) -> Callable:
        ANALYSES[name] = AnalysisSpec(name, tuple(requires), fn, needs_citation, (fn.__doc__ or "").strip())
        return fn

    return deco


def builtin_checks() -> dict[str, CheckSpec]:
    """Every registered check, the built-in ones imported on first call (the way entry
    points load plugins: by name, so that this module depends on nothing above it)."""
    importlib.import_module("lint.checks")
    return CHECKS
