"""Analyses of numbers: the numeric mentions of each body sentence (``lint/numbers.py``)
and the citation's numbers (``study.sample_size``, ``findings``, ``dates`` and the
numbers written into their ``what`` texts), each computed once per lint."""
from __future__ import annotations

import dataclasses
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from .. import numbers
from ..numbers import NumberMention, fmt_number
from ..registry import analysis
from ..units import unit_class


class BlockMemo:
    """Mentions per block text, remembered (bounded, keyed by the text): re-linting an
    edited draft re-reads only the blocks that changed."""

    def __init__(self, size: int = 256):  # a few versions of one draft's blocks: a re-lint needs no more
        self.size = size
        self._memo: OrderedDict[str, tuple[NumberMention, ...]] = OrderedDict()

    def __call__(self, text: str) -> tuple[NumberMention, ...]:
        hit = self._memo.get(text)
        if hit is None:
            hit = self._memo[text] = tuple(numbers.extract(text))
            if len(self._memo) > self.size:
                self._memo.popitem(last=False)
        else:
            self._memo.move_to_end(text)
        return hit


extract_block = BlockMemo()


@analysis("numbers")
def _numbers(doc, citation, an) -> list[list[NumberMention]]:
    """Numeric mentions per sentence (offsets into ``sentence.text``); empty outside the body."""
    # one extraction per block (the patterns scan one longer string instead of many
    # short ones), then each mention is handed to the sentence that holds it
    out: list[list[NumberMention]] = [[] for _ in doc.sentences]
    for b in doc.blocks:
        if b.section != "body":
            continue
        for m in extract_block(b.text):
            start = b.doc_start + m.start
            sent = doc.sentence_at(start)
            if sent is None or b.doc_start + m.end > sent.doc_end:
                continue
            off = sent.doc_start
            out[sent.index].append(dataclasses.replace(m, start=start - off, end=b.doc_start + m.end - off))
    return out


@dataclass(frozen=True)
class Fact:
    """A number of the citation."""

    field: str  # findings[0], dates[1], study.sample_size
    what: str
    value: float
    of: float | None = None
    unit: str | None = None
    date: Any = None  # PartialDate for dates
    implicit: bool = False  # a number written into a `what` text

    def describe(self) -> str:
        if self.date is not None:
            return str(self.date)
        return fmt_value(self.value, self.of, self.unit)


def fmt_value(value: float, of: float | None, unit: str | None) -> str:
    """The citation's number in words: "12 of 13", "18%", "2.6 years"."""
    if of is not None:
        return f"{fmt_number(value)} of {fmt_number(of)}"
    uc = unit_class(unit)
    if uc == "percent":
        return f"{fmt_number(value)}%"
    if unit:
        u = unit
        if uc == "time" and value == 1 and u.endswith("s"):
            u = u[:-1]
        return f"{fmt_number(value)} {u}"
    return fmt_number(value)


@analysis("number_facts", needs_citation=True)
def _number_facts(doc, citation, an) -> dict[str, list[Fact]]:
    """The citation's numbers by field: ``findings``, ``dates`` and ``implicit`` (numbers
    written into a finding's or event's ``what``, "at least 30 percent")."""
    out: dict[str, list[Fact]] = {"findings": [], "dates": [], "implicit": []}
    if citation is None:
        return out
    for i, f in enumerate(citation.findings):
        out["findings"].append(Fact(f"findings[{i}]", f.what, f.value, f.of, f.unit))
        for m in numbers.extract(f.what):
            out["implicit"].append(Fact(f"findings[{i}]", f.what, m.value, m.of, _implicit_unit(m), implicit=True))
    for i, d in enumerate(citation.dates):
        out["dates"].append(Fact(f"dates[{i}]", d.what, float(d.date.year), date=d.date))
        for m in numbers.extract(d.what):
            out["implicit"].append(Fact(f"dates[{i}]", d.what, m.value, m.of, _implicit_unit(m), implicit=True))
    return out


def _implicit_unit(m: NumberMention) -> str | None:
    if m.kind in ("percent", "duration"):
        return m.unit
    if m.kind in ("year", "date"):
        return "date"
    return None
