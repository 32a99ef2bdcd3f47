"""The engine: run the enabled rules of a rule set over one parsed document.

``lint_document(doc, citation, rules, selection)`` -> diagnostics.  Each registered check
is called once with all of its enabled rules (at their configured severity, see
``lint.policy``) and one ``CheckContext``; the findings become diagnostics with exact
source positions, suppressions are applied, and the result is sorted.  Finding files,
configs and citations is the workspace's job (``lint/workspace.py``).
"""
from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from . import policy, registry, suppress
from .analyses import Analyses
from .analyses.storyfacts import TOLD
from .citation import Citation
from .document import Document
from .errors import ConfigError
from .findings import Diagnostic, Finding
from .pipeline import model_name
from .rules import CATEGORIES, SEVERITY_RANK, Rule, RuleSet, load_rules


class Selectable(Protocol):
    """What a selector is matched against: a ``Rule``, or ``_Probe`` for all of LanguageTool."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def category(self) -> str: ...


@dataclass
class Selection:
    """Which rules run, and at what severity."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_severity: str = "info"
    severity: dict[str, str] = field(default_factory=dict)  # code -> severity override
    grammar: dict | None = None  # LanguageTool settings when grammar checking is on (lint/grammar.py)

    def enabled(self, rule: Selectable) -> bool:
        if self.select and not any(_selector_matches(s, rule) for s in self.select):
            return False
        return not any(_selector_matches(s, rule) for s in self.ignore)


def _selector_matches(sel: str, rule: Selectable) -> bool:
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


def run_rules(doc: Document, citation: Citation | None, rules: Iterable[Rule], sel: Selection) -> list[Diagnostic]:
    ruleset = rules if isinstance(rules, RuleSet) else RuleSet(rules)
    checks = registry.builtin_checks()
    active = [policy.configured(r, sel.severity) for r in ruleset if sel.enabled(r)]
    analyses = Analyses(doc, citation)
    # study facts the story itself states where the citation is silent ("Research on birds
    # has found"): the rules read them, one level less sure (lint/analyses/storyfacts.py)
    told = analyses.get("story_facts") if citation is not None else ()
    if citation is not None and told:
        citation = citation.with_told(told)
        analyses = Analyses(doc, citation)
    ctx = CheckContext(doc, citation, tuple(active), ruleset, analyses)
    by_kind: dict[str, list[Rule]] = {}
    for r in active:
        by_kind.setdefault(r.kind, []).append(r)
    findings: list[Finding] = []
    for kind, krules in by_kind.items():
        findings.extend(checks[kind].run(krules, ctx))
    # findings resting on what the story tells (its study facts, an experiment it describes)
    findings = [g for g in (_less_sure(f) for f in findings) if g is not None]
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


def _less_sure(f: Finding) -> Finding | None:
    """A finding whose evidence is a fact only the story tells is one level less severe; a
    caveat the story is said to lack is dropped (the story gave the fact it rests on)."""
    if TOLD not in f.evidence:
        return f
    if f.rule.category == "caveat":
        return None
    return dataclasses.replace(f, severity=policy.lower(f.severity or f.rule.severity))


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
        match = doc.source[s:e]  # a document-level finding placed on a claim names its words
        sent = None if (f.source_span or f.document_level) else doc.sentence_at(f.start)
        line, col = doc.line_col(s)
        eline, ecol = doc.line_col(e)
        reps = [r for r in f.replacements if r != match] if match else list(f.replacements)
        fix = None if not reps else "safe" if (f.fix_safe or getattr(f.rule, "fix", "unsafe") == "safe") else "unsafe"
        out.append(Diagnostic(doc.path, line, col, eline, ecol, f.rule.code, f.rule.name, f.rule.category, sev,
                              f.message, match, f.evidence, reps, fix, s, e, sent.text if sent else ""))
    out.sort(key=lambda d: (d.start, d.code, d.end))
    return out


# Rules whose findings all say "these words claim more than the evidence shows": on the
# same words, the most severe of them is the one finding (a headline's "Helped Repair" is
# one overclaim, not an overclaim, a causal claim and a "helps" claim).
CLAIM_STRENGTH_CATEGORIES = frozenset({"overclaim", "causal", "hype"})


def _collapse_key(f: Finding) -> str:
    return "claim-strength" if f.rule.category in CLAIM_STRENGTH_CATEGORIES else f.rule.code


def _one_per_span(findings: Iterable[Finding]) -> list[Finding]:
    """Overlapping findings that make the same complaint collapse to the most severe,
    longest one: those of one rule, and those about how strong a claim is (overclaim,
    causal, hype).  Every other pair of rules is reported separately, even on the same
    words: a headline can drop the species *and* overclaim, a sentence can give one right
    and one wrong number.  Document-level findings never collapse.  Kept spans of a key
    never overlap, so a sorted list of them answers "does this overlap?" by bisection."""
    ranked = sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity or f.rule.severity], -(f.end - f.start)))
    kept: list[Finding] = []
    spans: dict[tuple[str, bool], list[tuple[int, int]]] = {}  # by rule and source_span
    for f in ranked:
        if f.document_level:
            kept.append(f)
            continue
        lst = spans.setdefault((_collapse_key(f), f.source_span), [])
        i = bisect.bisect_left(lst, (f.start, f.end))
        if (i > 0 and lst[i - 1][1] > f.start) or (i < len(lst) and lst[i][0] < f.end):
            continue
        lst.insert(i, (f.start, f.end))
        kept.append(f)
    return kept


def lint_document(doc: Document, citation: Citation | None = None, rules: Iterable[Rule] | None = None,
                  selection: Selection | None = None) -> list[Diagnostic]:
    return run_rules(doc, citation, rules if rules is not None else load_rules(), selection or Selection())
