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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator
from pydantic_core import ErrorDetails

from . import yamlio
from .errors import CitationError
from .lexicons import lexicon

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
    _told: dict[str, str] = PrivateAttr(default_factory=dict)

    def derived(self, key: str, build: Callable[[], Any]) -> Any:
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = build()
            return value

    def with_told(self, facts: Iterable[Any]) -> Citation:
        """A copy with study facts the story states (``field`` ``study.X``, ``value``,
        ``describe()``: lint/analyses/storyfacts.py) filled in where this citation leaves
        them unset; ``told(field)`` then says where each came from."""
        facts = [f for f in facts if f.field.startswith("study.") and getattr(self.study, f.field[6:]) is None]
        if not facts:
            return self
        new = self.model_copy(update={"study": self.study.model_copy(update={f.field[6:]: f.value for f in facts})})
        for name in [k for k, v in vars(type(self)).items() if isinstance(v, cached_property)]:
            new.__dict__.pop(name, None)  # derived from the facts: derive again
        new._derived = {}
        new._told = {f.field: f.describe() for f in facts}
        return new

    def told(self, dotted: str) -> str:
        """Where the story told a fact this citation did not give ("" if the citation gave it)."""
        return self._told.get(dotted, "")

    def evidence(self, dotted: str, shown: str) -> str:
        """A finding's evidence for one fact, ``field = value``, saying where the story told
        it when the citation did not (the engine lowers such findings)."""
        told = self.told(dotted)
        return f"{dotted} = {shown}" + (f" ({told})" if told else "")

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
        nxt = _submodel(f.annotation)
        if nxt is None:
            break
        model = nxt
    return model


def _submodel(ann: Any) -> type[BaseModel] | None:
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for a in getattr(ann, "__args__", ()):
        m = _submodel(a)
        if m is not None:
            return m
    return None


_TAG = re.compile(r"^(int|str|float|bool|none|[a-z-]+\[.*\])$")


def _clean_loc(loc: tuple) -> tuple:
    """The error's path as the file has it: pydantic's union and validator tags dropped."""
    out: list[Any] = []
    model: type[BaseModel] | None = Citation
    for part in loc:
        if isinstance(part, int):
            out.append(part)
        elif model is not None and part in model.model_fields:
            out.append(part)
            model = _submodel(model.model_fields[part].annotation)
        elif not _TAG.match(part):
            out.append(part)  # an unknown key
            model = None
    return tuple(out)


def where(loc: tuple) -> str:
    """'study.design', 'authors #2 roles' (list items counted from 1, as people count)."""
    words: list[str] = []
    for part in loc:
        if isinstance(part, int):
            words[-1:] = [f"{words[-1] if words else ''} #{part + 1}".strip()]
        elif words and "#" in words[-1]:
            words.append(" " + str(part))
        else:
            words.append(("." if words else "") + str(part))
    return "".join(words)


_KIND = {  # pydantic error type -> what the value should be, in plain words
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "float_type": "a number", "float_parsing": "a number",
    "bool_type": "true or false", "bool_parsing": "true or false", "list_type": "a list",
    "dict_type": "a mapping of keys to values", "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values", "none_required": "null",
}
_ITEM_EXAMPLE = {
    "authors": "{name: Ann Lee, affiliations: [Yale University], roles: [first]}",
    "sources": "{name: Ann Lee, affiliations: [King's College London], roles: [independent]}",
    "findings": "{what: patients who improved, value: 12, of: 13}",
    "dates": "{what: approval in Japan, date: 2018-12-28}",
}


def _shown(v: Any) -> str:
    if isinstance(v, (dict, list)):
        return "a mapping" if isinstance(v, dict) else "a list"
    return f"'{v}'"


def _problem(errs: list[ErrorDetails], text: str, name: str) -> tuple[int, int, str]:
    """One problem at one place (several errors at one place come from a union of types)."""
    err = errs[0]
    loc = _clean_loc(tuple(err["loc"]))
    typ = err["type"]
    dotted = where(loc)
    if typ == "extra_forbidden":
        key = loc[-1] if loc else "?"
        line, col = yamlio.locate(text, loc, key=True)
        keys = _known_keys(_model_at(loc[:-1]))
        hint = difflib.get_close_matches(str(key), keys, n=1, cutoff=0.6)
        at = where(loc[:-1])
        msg = f"unknown key '{key}'" + (f" in {at}" if at else "")
        msg += f" (did you mean '{hint[0]}'?)" if hint else f" (allowed: {', '.join(keys)})"
        return line, col, msg
    if typ == "missing":
        line, col = yamlio.locate(text, loc[:-1])
        above = where(loc[:-1])
        return line, col, f"missing required key '{loc[-1]}'" + (f" in {above}" if above else "")
    line, col = yamlio.locate(text, loc)
    if typ in ("literal_error", "enum"):
        allowed = [a.strip().strip("'") for e in errs for a in re.split(r",| or ", e.get("ctx", {}).get(
            "expected", "")) if a.strip()]
        expected = err.get("ctx", {}).get("expected", "")
        value = err.get("input")
        hint = difflib.get_close_matches(str(value).lower().replace(" ", "-"), allowed, n=1, cutoff=0.6)
        msg = f"{dotted}: '{value}' is not allowed; use one of {expected}"
        return line, col, msg + (f" (did you mean '{hint[0]}'?)" if hint else "")
    kinds = [_KIND[e["type"]] for e in errs if e["type"] in _KIND]
    if kinds:
        want = " or ".join(dict.fromkeys(kinds))
        value = err.get("input")
        if typ in ("model_type", "dict_type", "model_attributes_type") and loc and isinstance(loc[-1], int):
            example = _ITEM_EXAMPLE.get(str(loc[-2]), "")
            msg = f"{dotted}: each item must be a mapping of keys to values" + (f", e.g. {example}" if example else "")
            return line, col, msg + f", not {_shown(value)}"
        return line, col, f"{dotted}: should be {want}, not {_shown(value)}"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    elif typ == "greater_than_equal":
        msg = f"must be {err.get('ctx', {}).get('ge')} or more, not {err.get('input')}"
    return line, col, f"{dotted}: {msg}" if dotted else msg


# ---- closed vocabularies (roles of authors; subjects) -------------------------------

AUTHOR_ROLES = ("first", "senior", "corresponding")
SOURCE_ROLES = ("independent", "funder", "press-officer")  # known ones; the spec leaves the list open
HUMAN_SUBJECTS = frozenset({"humans", "human", "people", "patients", "adults", "children", "women", "men",
                            "volunteers", "participants", "infants", "adolescents"})


@cache
def known_subjects() -> tuple[str, ...]:
    """``humans`` (and its synonyms), ``cells``, and every subject the species lexicon knows."""
    animals = [k for k in lexicon("species") if k != "any"]
    return tuple(dict.fromkeys(["humans", "cells", *animals, *sorted(HUMAN_SUBJECTS)]))


def subject_hint(value: str) -> str | None:
    """The known subject a written one probably means: '5xFAD mice' -> 'mice'."""
    known = known_subjects()
    words = re.findall(r"[a-z]+", value.lower())
    for w in reversed(words):
        if w in known:
            return w
    for w in reversed(words):
        hit = difflib.get_close_matches(w, known, n=1, cutoff=0.75)
        if hit:
            return hit[0]
    return None


def _vocabulary(data: dict) -> list[tuple[tuple, str]]:
    out: list[tuple[tuple, str]] = []
    for group, allowed in (("authors", AUTHOR_ROLES), ("sources", SOURCE_ROLES)):
        people = data.get(group)
        if not isinstance(people, list):
            continue
        for i, p in enumerate(people):
            roles = p.get("roles") if isinstance(p, dict) else None
            roles = [roles] if isinstance(roles, str) else roles
            if not isinstance(roles, list):
                continue
            for j, r in enumerate(roles):
                if not isinstance(r, str) or r in allowed:
                    continue
                loc = (group, i, "roles", j) if isinstance(p.get("roles"), list) else (group, i, "roles")
                hint = difflib.get_close_matches(r.strip().lower(), allowed, n=1, cutoff=0.6)
                if group == "authors":
                    msg = f"{where(loc[:3])}: '{r}' is not an author role; use first, senior or corresponding"
                    if r.strip().lower() in ("lead", "leader", "lead author", "principal", "pi"):
                        msg += " (a lead author is the first or the senior one)"
                    elif hint:
                        msg += f" (did you mean '{hint[0]}'?)"
                    elif r.strip().lower() in SOURCE_ROLES:
                        msg += f" ('{r}' is a role of a source: list this person under sources)"
                    out.append((loc, msg))
                elif hint and hint[0] != r.strip().lower():
                    out.append((loc, f"{where(loc[:3])}: '{r}' is not a known role (did you mean '{hint[0]}'?)"))
    study = data.get("study")
    subj = study.get("subjects") if isinstance(study, dict) else None
    if isinstance(subj, str) and subj.strip().lower() not in known_subjects():
        guess = subject_hint(subj)
        animals = [k for k in known_subjects() if k not in HUMAN_SUBJECTS and k != "cells"]
        msg = (f"study.subjects: '{subj}' is not a known subject"
               + (f" (did you mean '{guess}'?)" if guess else "")
               + f"; use humans, cells or one of {', '.join(animals)}; a strain or model such as "
                 "'5xFAD mice' goes in study.condition or study.intervention")
        out.append((("study", "subjects"), msg))
    return out


def problems(data: dict, text: str, name: str) -> tuple[Citation | None, list[str]]:
    """The citation, or every problem in it as ``FILE:LINE:COL: message``, in line order."""
    found: list[tuple[int, int, str]] = []
    cit: Citation | None = None
    try:
        cit = Citation.model_validate(data)
    except ValidationError as exc:
        groups: dict[tuple, list[ErrorDetails]] = {}
        for e in exc.errors():
            groups.setdefault(_clean_loc(tuple(e["loc"])) + (e["type"] == "extra_forbidden",), []).append(e)
        for errs in groups.values():
            found.append(_problem(errs, text, name))
    for loc, msg in _vocabulary(data):
        line, col = yamlio.locate(text, loc)
        found.append((line, col, msg))
    found = sorted(set(found))
    if found:
        return None, [f"{name}:{line}:{col}: {msg}" for line, col, msg in found]
    return cit, []


def load_citation(path: str, display: str | None = None) -> LoadedCitation:
    name = display or path
    return parse_citation(yamlio.read_text(path, name, "citation file", CitationError), name)


def parse_citation(text: str, name: str) -> LoadedCitation:
    """Load and validate; a ``CitationError`` lists every problem, one per line, in line order."""
    try:
        data = yamlio.load(text, name)
    except yamlio.YamlError as exc:
        raise CitationError(str(exc)) from None
    if data is None:
        raise CitationError(f"{name}:1:1: citation file is empty (it needs at least a title)")
    if not isinstance(data, dict):
        kind = type(data).__name__.replace("str", "text").replace("list", "a list")
        raise CitationError(f"{name}:1:1: a citation file must be a mapping of keys to values, not {kind}")
    cit, found = problems(data, text, name)
    if cit is None:
        raise CitationError("\n".join(found))
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
