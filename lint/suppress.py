"""Suppressions written in the article.

- ``<!-- sciencelint: ignore[SJ101,SJ102] -->``: the next block (paragraph, heading, ...);
  ``ignore`` with no codes suppresses every rule there.
- ``<!-- sciencelint: disable[SJ101] -->`` ... ``<!-- sciencelint: enable[SJ101] -->``:
  a range (to the end of the file when never enabled again).
- front matter ``sciencelint: {ignore: [SJ101]}``: the whole file.

Codes may be prefixes (``SJ1``) or rule names.  A suppression that suppresses nothing is
reported by rule ``unused-suppression``, so stale ones do not pile up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document
from .errors import InputError
from .findings import Diagnostic

DIRECTIVE = re.compile(r"^\s*sciencelint\s*:\s*(ignore|disable|enable)\s*(?:\[([^\]]*)\])?\s*$", re.I)


@dataclass
class Suppression:
    kind: str
    codes: tuple[str, ...]  # empty: all
    start: int  # source range it covers
    end: int
    where: tuple[int, int]  # source span of the comment (for the unused finding)
    used: bool = False
    text: str = ""

    def covers(self, d: Diagnostic) -> bool:
        if not (self.start <= d.start < self.end or (d.start == d.end == self.start)):
            return False
        return not self.codes or any(_matches(c, d) for c in self.codes)


def _matches(sel: str, d: Diagnostic) -> bool:
    return d.code.startswith(sel.upper()) or sel.lower() in (d.name, d.category)


def _codes(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    return tuple(c.strip() for c in raw.split(",") if c.strip())


def collect(doc: Document) -> list[Suppression]:
    out: list[Suppression] = []
    open_ranges: list[Suppression] = []
    end_of_file = len(doc.source)
    for c in sorted(doc.comments, key=lambda c: c.start):
        m = DIRECTIVE.match(c.body)
        if not m:
            continue
        kind, codes = m.group(1).lower(), _codes(m.group(2))
        text = doc.source[c.start : c.end]
        if kind == "ignore":
            nxt = next((b for b in doc.blocks if b.start >= c.end), None)
            s, e = (nxt.start, nxt.end) if nxt else (c.end, c.end)
            out.append(Suppression("ignore", codes, s, e, (c.start, c.end), text=text))
        elif kind == "disable":
            sup = Suppression("disable", codes, c.end, end_of_file, (c.start, c.end), text=text)
            out.append(sup)
            open_ranges.append(sup)
        else:  # enable: closes the matching open range(s)
            for sup in list(open_ranges):
                if not codes or set(codes) & set(sup.codes) or not sup.codes:
                    sup.end = c.start
                    open_ranges.remove(sup)
    fm = doc.front_matter.get("sciencelint") if doc.front_matter else None
    if fm is not None:
        if not isinstance(fm, dict) or set(fm) - {"ignore"} or not isinstance(fm.get("ignore", []), (list, str)):
            raise InputError(f"{doc.path}:2: front matter 'sciencelint' must be a mapping like {{ignore: [SJ101]}}")
        codes = fm.get("ignore", [])
        codes = _codes(codes) if isinstance(codes, str) else tuple(str(x) for x in codes)
        out.append(Suppression("file", codes, 0, end_of_file + 1, (0, 0), text="front matter"))
    return out


def apply(doc: Document, diags: list[Diagnostic], sups: list[Suppression]) -> list[Diagnostic]:
    if not sups:
        return diags
    kept = []
    for d in diags:
        hit = False
        for s in sups:
            if s.covers(d):
                s.used = True
                hit = True
        if not hit:
            kept.append(d)
    return kept
