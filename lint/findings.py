"""What checks produce (Finding), what the user sees (Diagnostic), and the outcome of
linting one file (Result): plain data, picklable, the same in every output format."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


def join_evidence(*parts: str) -> str:
    """Evidence strings joined with "; ", each distinct part once, empty ones left out."""
    out: list[str] = []
    for part in parts:
        for piece in (part or "").split("; "):
            if piece and piece not in out:
                out.append(piece)
    return "; ".join(out)


@dataclass
class Finding:
    """A check's raw result: a rule, a span of the document, and its explanation.

    ``start``/``end`` are offsets into ``Document.text`` (the spaCy doc text) unless
    ``source_span`` is set, in which case they are source offsets already.
    """

    rule: Any  # lint.rules.Rule
    start: int
    end: int
    message: str
    evidence: str = ""
    severity: str | None = None  # defaults to the rule's
    replacements: list[str] = field(default_factory=list)
    source_span: bool = False
    document_level: bool = False
    fix_safe: bool = False  # the replacements fit the match as-is (see Diagnostic.fix)


@dataclass
class Diagnostic:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    category: str
    severity: str
    message: str
    match: str
    evidence: str
    replacements: list[str]
    # (extension) "safe": a replacement can be applied as-is (a number or year from the
    # citation); "unsafe": a suggested wording to adapt by hand; None: no replacement
    fix: str | None = None
    start: int = 0  # source offsets (not part of the JSON contract)
    end: int = 0
    sentence: str = ""  # the sentence's text, to report a repeated sentence once

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        for private in ("path", "start", "end", "sentence"):
            d.pop(private)
        return d


@dataclass
class Result:
    """The outcome of linting one article."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    citation: str | None = None  # the citation file used
    error: str | None = None  # a one-line message when the article could not be checked
    notes: list[str] = field(default_factory=list)
    source: str | None = None  # the text as linted (newlines normalised): output formats quote its lines

    def line_text(self, line: int) -> str:
        if not self.source:
            return ""
        lines = self.source.split("\n")
        return lines[line - 1] if 0 < line <= len(lines) else ""
