"""The rule engine: run every enabled rule's check kind over one parsed document.

Public entry points (the library API):

- ``lint_text(text, path="draft.md", citation=None, ...)`` -> ``Result``
- ``lint_path(path, ...)`` -> ``Result``

The document is parsed once; each check kind is called once with all of its rules.
"""
from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from . import policy, registry, suppress, userregex
from .analyses import Analyses
from .citation import Citation, LoadedCitation, load_citation, sidecar_for
from .document import Document, parse, read_document
from .errors import CitationError, ConfigError, SciencelintError
from .findings import Diagnostic, Finding
from .pipeline import model_name
from .rules import CATEGORIES, SEVERITY_RANK, Rule, RuleSet, load_rules


@dataclass
class Selection:
    """Which rules run, and at what severity."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_severity: str = "info"
    severity: dict[str, str] = field(default_factory=dict)  # code -> severity override
    grammar: dict | None = None  # LanguageTool settings when grammar checking is on (lint/grammar.py)

    def enabled(self, rule: Rule) -> bool:
        if self.select and not any(_selector_matches(s, rule) for s in self.select):
            return False
        return not any(_selector_matches(s, rule) for s in self.ignore)


def _selector_matches(sel: str, rule: Rule) -> bool:
    s = sel.strip()
    if s.upper() == "ALL":
        return True
    return rule.code.startswith(s.upper()) or s.lower() in (rule.name, rule.category)


def check_selectors(selectors: Iterable[str], rules: Iterable[Rule], where: str) -> None:
    rules = list(rules)
    for s in selectors:
        if s.strip().upper().startswith("LT:"):
            continue  # LanguageTool rules (lint/grammar.py) are only known once they fire
        if not any(_selector_matches(s, r) for r in rules) and s.lower() not in CATEGORIES:
            raise ConfigError(f"{where}: unknown rule code or name '{s}' (see `sciencelint rules`)")


class _Probe:
    """Stands for 'any LanguageTool rule' when asking whether grammar is selected at all."""

    code, name, category = "LT:", "languagetool", "grammar"


_GRAMMAR_PROBE = _Probe()


@dataclass
class CheckContext:
    """What a check reads: the parsed document, the citation, the document's analyses
    (computed once, on first use) and the rule set's store of compiled matchers."""

    doc: Document
    citation: Citation | None
    rules: tuple[Rule, ...]  # every enabled rule, at its configured severity
    ruleset: RuleSet
    analyses: Analyses

    def compiled(self, key: tuple, build: Callable[[], Any]) -> Any:
        """``build()`` once per rule set and key: matchers belong to one pipeline's
        vocabulary, so the pipeline's name is part of the key."""
        return self.ruleset.compiled((model_name(),) + key, build)


@dataclass
class Result:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    citation: str | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    document: Document | None = None


def resolve_citation(article: str, doc: Document | None, explicit: str | None, default: str | None) -> str | None:
    """--citation, then front matter ``citation:``, then the sidecar, then config."""
    if explicit:
        return explicit
    if doc is not None and isinstance(doc.front_matter.get("citation"), str):
        return os.path.join(os.path.dirname(article), doc.front_matter["citation"])
    if doc is not None and "citation" in doc.front_matter:
        raise CitationError(f"{article}:2: front matter 'citation' must be a path to a citation file")
    side = sidecar_for(article)
    if os.path.isfile(side):
        return side
    return default


def run_rules(doc: Document, citation: Citation | None, rules: Iterable[Rule], sel: Selection) -> list[Diagnostic]:
    ruleset = rules if isinstance(rules, RuleSet) else RuleSet(rules)
    checks = registry.builtin_checks()
    active = [policy.configured(r, sel.severity) for r in ruleset if sel.enabled(r)]
    ctx = CheckContext(doc, citation, tuple(active), ruleset, Analyses(doc, citation))
    by_kind: dict[str, list[Rule]] = {}
    for r in active:
        by_kind.setdefault(r.kind, []).append(r)
    findings: list[Finding] = []
    for kind, krules in by_kind.items():
        findings.extend(checks[kind].run(krules, ctx))
    if sel.grammar is not None and sel.enabled(_GRAMMAR_PROBE):
        from . import grammar

        findings.extend(policy.configured_finding(f, sel.severity)
                        for f in grammar.check(doc, sel.grammar) if sel.enabled(f.rule))
    diags = to_diagnostics(doc, findings, sel)
    sups = suppress.collect(doc)
    if sups:
        diags = suppress.apply(doc, diags, sups)
        unused = [r for r in active if r.kind == "suppression"]
        if unused:
            extra = [Finding(unused[0], s.where[0], s.where[1], unused[0].render(match=s.text), source_span=True,
                             evidence="", replacements=[""]) for s in sups if not s.used and s.kind != "file"]
            extra += [Finding(unused[0], 0, 0, unused[0].render(match="front matter ignore"), source_span=True,
                              document_level=True) for s in sups if not s.used and s.kind == "file"]
            diags = sorted(diags + to_diagnostics(doc, extra, sel), key=lambda d: (d.start, d.code, d.end))
    return _once_per_sentence(diags)


def _once_per_sentence(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Scraped pages repeat headlines: report a repeated sentence's finding once."""
    seen: set[tuple] = set()
    out = []
    for d in diags:
        if d.sentence:
            key = (d.code, d.sentence, d.match)
            if key in seen:
                continue
            seen.add(key)
        out.append(d)
    return out


def to_diagnostics(doc: Document, findings: Iterable[Finding], sel: Selection) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    floor = SEVERITY_RANK[sel.min_severity]
    for f in _one_per_span(findings):
        sev = f.severity or f.rule.severity  # decided by the check through lint.policy
        if SEVERITY_RANK[sev] < floor:
            continue
        if f.source_span:
            s, e = f.start, f.end
        else:
            s, e = doc.src_span(f.start, f.end)
        match = "" if f.document_level else doc.source[s:e]
        sent = None if (f.source_span or f.document_level) else doc.sentence_at(f.start)
        line, col = doc.line_col(s)
        eline, ecol = doc.line_col(e)
        out.append(Diagnostic(doc.path, line, col, eline, ecol, f.rule.code, f.rule.name, f.rule.category, sev,
                              f.message, match, f.evidence, list(f.replacements), s, e,
                              sent.text if sent else ""))
    out.sort(key=lambda d: (d.start, d.code, d.end))
    return out


def _one_per_span(findings: Iterable[Finding]) -> list[Finding]:
    """Overlapping findings collapse to the most severe, longest one: one problem, one
    finding (document-level findings never collapse).  Kept spans never overlap, so a
    sorted list of them answers "does this overlap a kept one?" by bisection."""
    ranked = sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity or f.rule.severity], -(f.end - f.start)))
    kept: list[Finding] = []
    spans: dict[bool, list[tuple[int, int]]] = {True: [], False: []}  # by source_span
    for f in ranked:
        if f.document_level:
            kept.append(f)
            continue
        lst = spans[f.source_span]
        i = bisect.bisect_left(lst, (f.start, f.end))
        if (i > 0 and lst[i - 1][1] > f.start) or (i < len(lst) and lst[i][0] < f.end):
            continue
        lst.insert(i, (f.start, f.end))
        kept.append(f)
    return kept


def lint_document(doc: Document, citation: Citation | None = None, rules: Iterable[Rule] | None = None,
                  selection: Selection | None = None) -> list[Diagnostic]:
    return run_rules(doc, citation, rules if rules is not None else load_rules(), selection or Selection())


def lint_text(text: str, path: str = "draft.md", citation: Citation | LoadedCitation | str | None = None,
              selection: Selection | None = None, rules: Iterable[Rule] | None = None) -> Result:
    """Lint text (an unsaved buffer, say).  ``citation`` may be a path, a loaded citation
    or None (then front matter and the sidecar next to ``path`` are tried)."""
    doc = parse(text, path)
    return _finish(doc, path, citation, selection, rules, None)


def lint_path(path: str, citation: str | None = None, selection: Selection | None = None,
              rules: Iterable[Rule] | None = None, default_citation: str | None = None,
              data: bytes | None = None, display: str | None = None,
              default_citation_where: str | None = None) -> Result:
    """``default_citation_where`` says where the default citation was named (a config
    file and line), for the message when that file is missing."""
    name = display or path
    try:
        doc = read_document(path, data=data, display=name)
    except SciencelintError as exc:
        return Result(name, error=str(exc))
    return _finish(doc, path, citation, selection, rules, default_citation, display=name,
                   default_where=default_citation_where)


def _missing_citation(doc: Document, name: str, cpath: str, explicit, default: str | None,
                      default_where: str | None) -> str | None:
    """Where a missing citation file was named (front matter or config), as the start of
    a one-line message; None when it came from --citation or a sidecar."""
    if explicit or os.path.isfile(cpath):
        return None
    named = doc.front_matter.get("citation")
    if isinstance(named, str):
        line = next((i + 1 for i, ln in enumerate(doc.source.splitlines()[1:40], start=1)
                     if ln.lstrip().startswith("citation:")), 2)
        looked = f" ({cpath})" if os.path.normpath(cpath) != os.path.normpath(named) else ""
        return f"{name}:{line}:1: front matter names citation file '{named}', which was not found{looked}"
    if default and cpath == default:
        where = default_where or "config"
        return f"{where}: citation file {cpath} (named in the config, used for {name}) was not found"
    return None


_CITATION_CACHE: dict[tuple[str, float, int], LoadedCitation] = {}


def load_citation_cached(path: str) -> LoadedCitation:
    try:
        st = os.stat(path)
        key = (os.path.abspath(path), st.st_mtime, st.st_size)
    except OSError:
        return load_citation(path)
    hit = _CITATION_CACHE.get(key)
    if hit is None:
        hit = _CITATION_CACHE[key] = load_citation(path)
    return hit


def _finish(doc: Document, path: str, citation, selection, rules, default_citation, display: str | None = None,
            default_where: str | None = None) -> Result:
    name = display or path
    res = Result(name, document=doc)
    if doc.front_matter_error:
        res.error = doc.front_matter_error
        return res
    cit: Citation | None = None
    try:
        if isinstance(citation, LoadedCitation):
            cit, res.citation = citation.citation, citation.path
        elif isinstance(citation, Citation):
            cit = citation
        else:
            cpath = resolve_citation(path, doc, citation, default_citation)
            missing = _missing_citation(doc, name, cpath, citation, default_citation, default_where) if cpath else None
            if missing:
                raise CitationError(missing)
            if cpath:
                loaded = load_citation_cached(cpath)
                cit, res.citation = loaded.citation, cpath
    except SciencelintError as exc:
        res.error = str(exc)
        return res
    if cit is None:
        res.notes.append(f"{name}: no citation (no --citation, front matter or {os.path.basename(sidecar_for(name))}); "
                         "rules that compare with the paper were skipped")
    try:
        res.diagnostics = lint_document(doc, cit, rules, selection)
    except userregex.SlowPattern as exc:
        res.error = f"{name}: {exc}"
    return res
