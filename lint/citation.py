"""Citation files (spec/citation.md, version 1): load, validate, describe.

Validation is done by pydantic models with ``extra="forbid"``; every problem is reported
as ``FILE:LINE:COL: message`` with a did-you-mean hint for unknown keys and the allowed
values for a bad enum value.  A missing optional key means "unknown": rules asking for it
stay silent.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator
from pydantic_core import ErrorDetails

from . import yamlio
from .errors import CitationError

DESIGNS = (
    "rct", "non-randomized-trial", "single-arm-trial", "cohort", "case-control", "cross-sectional",
    "case-series", "case-report", "systematic-review", "meta-analysis", "animal", "in-vitro",
    "modelling", "qualitative",
)
OBSERVATIONAL = {"cohort", "case-control", "cross-sectional", "case-series", "case-report"}
TRIALS = {"rct", "non-randomized-trial", "single-arm-trial"}
STRENGTHS = ("none", "correlational", "conditional-causal", "causal")
STATUSES = ("peer-reviewed", "preprint", "retracted", "conference-abstract")
PREPRINT_SERVERS = {"medrxiv", "biorxiv", "arxiv", "ssrn", "research square", "researchsquare", "preprints.org",
                    "psyarxiv", "chemrxiv", "osf preprints"}

Design = Literal[DESIGNS]  # type: ignore[valid-type]


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_date(value: Any) -> PartialDate:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    m = _DATE_RE.match(value.strip())
    if not m:
        raise ValueError(f"'{value}' is not a date as YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    mo_i = int(mo) if mo else None
    d_i = int(d) if d else None
    try:
        _dt.date(y, mo_i or 1, d_i or 1)
    except ValueError:
        raise ValueError(f"'{value}' is not a real date") from None
    return PartialDate(y, mo_i, d_i)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Person(_Model):
    name: str
    affiliations: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)

    @field_validator("affiliations", "roles", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v


class Study(_Model):
    design: Design | None = None
    phase: Literal["1", "2", "3", "4", "1/2", "2/3"] | None = None
    randomized: bool | None = None
    blinding: Literal["none", "single", "double", "triple"] | None = None
    control: Literal["none", "placebo", "active", "usual-care", "untreated", "historical"] | None = None
    subjects: str | None = None
    sample_size: int | None = Field(default=None, ge=0)
    intervention: str | None = None
    condition: str | None = None
    # (extension) what the study measured: "blood pressure", "LDL cholesterol", "deaths".
    # Given, it lets a rule tell a hard outcome claimed from surrogate measures.
    outcomes: list[str] | None = None

    @field_validator("outcomes", mode="before")
    @classmethod
    def _outcomes(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @field_validator("phase", mode="before")
    @classmethod
    def _phase(cls, v: Any) -> Any:
        if isinstance(v, bool):
            raise ValueError("phase must be 1, 2, 3, 4, \"1/2\", \"2/3\" or null")
        if isinstance(v, int):
            return str(v)
        if isinstance(v, str):
            return v.strip().replace(" ", "")
        return v

    @field_validator("subjects", mode="before")
    @classmethod
    def _subjects(cls, v: Any) -> Any:
        return v.strip().lower() if isinstance(v, str) else v


class StudyFinding(_Model):
    """One result the paper reports (``findings:`` in a citation file); not a lint finding."""

    what: str
    value: float
    of: float | None = None
    unit: str | None = None


class DatedEvent(_Model):
    what: str
    date: PartialDate

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> PartialDate:
        return parse_date(v)


class Citation(_Model):
    """A citation file as one typed, immutable object.  ``derived(key, build)`` keeps what
    analyses derive from it alone (its people indexed for name matching ...), so a
    citation loaded once and reused for many lints derives each thing once."""

    _derived: dict[str, Any] = PrivateAttr(default_factory=dict)

    def derived(self, key: str, build: Callable[[], Any]) -> Any:
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = build()
            return value

    title: str
    journal: str | None = None
    journal_aliases: list[str] = Field(default_factory=list)  # (extension) other names of the journal
    published: PartialDate | None = None
    doi: str | None = None
    pmid: str | None = None
    volume: int | str | None = None
    pages: str | None = None
    status: Literal[STATUSES] | None = None  # type: ignore[valid-type]
    authors: list[Person] = Field(default_factory=list)
    sources: list[Person] = Field(default_factory=list)
    study: Study = Field(default_factory=Study)
    findings: list[StudyFinding] = Field(default_factory=list)
    dates: list[DatedEvent] = Field(default_factory=list)
    limitations: list[str] = Field(default_factory=list)
    claim_strength: Literal[STRENGTHS] | None = None  # type: ignore[valid-type]
    funding: list[str] = Field(default_factory=list)
    conflicts: list[str] = Field(default_factory=list)

    @field_validator("published", mode="before")
    @classmethod
    def _published(cls, v: Any) -> Any:
        return None if v is None else parse_date(v)

    @field_validator("pmid", "pages", "doi", mode="before")
    @classmethod
    def _str(cls, v: Any) -> Any:
        return str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v

    @field_validator("journal_aliases", mode="before")
    @classmethod
    def _aliases(cls, v: Any) -> Any:
        if v is None:
            return []
        v = [v] if isinstance(v, str) else v
        if isinstance(v, list) and any(isinstance(x, str) and not x.strip() for x in v):
            raise ValueError("an alias must not be empty")
        return v

    @field_validator("funding", "conflicts", "limitations", mode="before")
    @classmethod
    def _list(cls, v: Any) -> Any:
        if v is None:
            return []
        return [v] if isinstance(v, str) else v

    # ---- derived facts -----------------------------------------------------------
    @cached_property
    def effective_status(self) -> str | None:
        if self.status:
            return self.status
        if self.journal and self.journal.strip().lower() in PREPRINT_SERVERS:
            return "preprint"
        return None

    @cached_property
    def effective_claim_strength(self) -> str | None:
        if self.claim_strength:
            return self.claim_strength
        d = self.study.design
        if d in OBSERVATIONAL:
            return "correlational"
        if d == "rct":
            return "causal"
        return None

    def is_set(self, dotted: str) -> bool:
        """Was this field given in the file (``study.phase: null`` counts as given)?"""
        obj: Any = self
        parts = dotted.split(".")
        for p in parts[:-1]:
            if p not in obj.model_fields_set:
                return False
            obj = getattr(obj, p)
        return parts[-1] in obj.model_fields_set

    def field(self, dotted: str) -> tuple[bool, Any]:
        """(known, value) of a dotted field; derived fields fill in when absent."""
        if dotted == "claim_strength":
            v = self.effective_claim_strength
            return v is not None, v
        if dotted == "status":
            v = self.effective_status
            return v is not None, v
        obj: Any = self
        for p in dotted.split("."):
            obj = getattr(obj, p, None)
        if not self.is_set(dotted):
            return False, None
        return True, obj

    def people(self) -> list[Person]:
        return list(self.authors) + list(self.sources)


@dataclass
class LoadedCitation:
    path: str
    citation: Citation
    text: str


_FIELD_NAMES: dict[str, list[str]] = {}


def _known_keys(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def _model_at(loc: tuple) -> type[BaseModel]:
    model: type[BaseModel] = Citation
    for part in loc:
        if isinstance(part, int):
            continue
        f = model.model_fields.get(part)
        if f is None:
            break
        ann = f.annotation
        inner = getattr(ann, "__args__", (ann,))
        nxt = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if nxt is None:
            break
        model = nxt
    return model


def _format_error(err: ErrorDetails, text: str, name: str) -> str:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    typ = err["type"]
    dotted = ".".join(str(p) for p in loc)
    if typ == "extra_forbidden":
        key = loc[-1]
        line, col = yamlio.locate(text, loc, key=True)
        parent = _model_at(loc[:-1])
        keys = _known_keys(parent)
        hint = difflib.get_close_matches(str(key), keys, n=1, cutoff=0.6)
        where = ".".join(str(p) for p in loc[:-1])
        msg = f"unknown key '{key}'" + (f" in {where}" if where else "")
        if hint:
            msg += f" (did you mean '{hint[0]}'?)"
        else:
            msg += f" (allowed: {', '.join(keys)})"
        return f"{name}:{line}:{col}: {msg}"
    line, col = yamlio.locate(text, loc)
    if typ == "missing":
        line, col = yamlio.locate(text, loc[:-1])
        return f"{name}:{line}:{col}: missing required key '{dotted}'"
    if typ in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        return f"{name}:{line}:{col}: {dotted}: '{err.get('input')}' is not allowed; use one of {expected}"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return f"{name}:{line}:{col}: {dotted}: {msg}" if dotted else f"{name}:{line}:{col}: {msg}"


def load_citation(path: str, display: str | None = None) -> LoadedCitation:
    name = display or path
    return parse_citation(yamlio.read_text(path, name, "citation file", CitationError), name)


def parse_citation(text: str, name: str) -> LoadedCitation:
    try:
        data = yamlio.load(text, name)
    except yamlio.YamlError as exc:
        raise CitationError(str(exc)) from None
    if data is None:
        raise CitationError(f"{name}:1:1: citation file is empty (it needs at least a title)")
    if not isinstance(data, dict):
        kind = type(data).__name__.replace("str", "text").replace("list", "a list")
        raise CitationError(f"{name}:1:1: a citation file must be a mapping of keys to values, not {kind}")
    try:
        cit = Citation.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = _format_error(errors[0], text, name)
        more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
        raise CitationError(first + more) from None
    return LoadedCitation(path=name, citation=cit, text=text)


def sidecar_for(article_path: str) -> str:
    base, _ = os.path.splitext(article_path)
    return base + ".citation.yaml"


# ---- describing the study in plain words ------------------------------------------

DESIGN_WORDS = {
    "rct": "a randomized controlled trial",
    "non-randomized-trial": "a non-randomized trial",
    "single-arm-trial": "a single-arm trial",
    "cohort": "an observational cohort study",
    "case-control": "a case-control study",
    "cross-sectional": "a cross-sectional study",
    "case-series": "a case series",
    "case-report": "a case report",
    "systematic-review": "a systematic review",
    "meta-analysis": "a meta-analysis",
    "animal": "an animal study",
    "in-vitro": "a laboratory study in cells",
    "modelling": "a modelling study",
    "qualitative": "a qualitative study",
}


def describe(c: Citation, short: bool = False) -> str:
    """'a case series of 13 patients with no control group' (short: 'case series of 13 patients')"""
    s = c.study
    words = DESIGN_WORDS.get(s.design or "", "the study")
    if s.phase:
        words = f"a phase {s.phase} " + words.split(" ", 1)[1] if s.design in TRIALS else words
    human = s.subjects in (None, "humans", "human", "people", "patients")
    non_human = not human and s.design != "in-vitro"
    if s.sample_size:
        if s.design in ("meta-analysis", "systematic-review"):
            unit = "studies"
        elif not human:
            unit = s.subjects or "subjects"
        elif s.design in ("cohort", "case-control", "cross-sectional"):
            unit = "people"  # a population cohort's members are not all patients
        else:
            unit = "patients"
        if s.sample_size == 1:
            unit = {"studies": "study", "people": "person", "patients": "patient"}.get(unit, unit)
        words += f" of {s.sample_size:,} {unit}"
    elif non_human and s.subjects:
        words += f" in {s.subjects}"
    if short:
        return words.split(" ", 1)[1] if words.startswith(("a ", "an ")) else words
    if s.control == "none" and s.design not in ("cohort", "case-control", "cross-sectional"):
        words += " with no control group"
    if c.effective_status == "preprint":
        words += ", not yet peer reviewed"
    if c.effective_status == "retracted":
        words += ", since retracted"
    return words
