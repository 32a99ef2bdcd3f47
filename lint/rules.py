"""Rules as data: load and validate ``rules/*.yaml``.

A rule file is a mapping with one key, ``rules``, holding a list of rules::

    rules:
      - code: SJ101
        name: cure-claim
        category: overclaim
        severity: error
        kind: term
        message: '"{match}" claims a cure, but the paper is {study}'
        params: {...}            # validated by the check kind's own schema
        replacements: [...]
        docs: {flags: ..., why: ..., source: ..., example: ..., rewrite: ...}

Every problem is reported as ``FILE:LINE:COL: message``.
"""
from __future__ import annotations

import difflib
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import registry, yamlio
from .errors import RuleError
from .phrases import expand, validate_phrases
from .resources import rules_dir

CATEGORIES = ("overclaim", "causal", "extrapolation", "design", "number", "attribution", "caveat", "hype", "grammar",
              "suppression")  # "suppression" extends the spec: unused suppression comments
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
CODE_RE = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Docs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    flags: str
    why: str
    source: str
    example: str
    rewrite: str


class ReplacementSpec(BaseModel):
    """Replacements for some of a rule's wordings only: ``{for: ["cured"], use: ["treated"]}``
    (``for`` in the phrase language of ``phrases``), so each suggestion fits the words it
    replaces ("cured" -> "treated", "cure" -> "treatment")."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    for_: list[str] = Field(alias="for")
    use: list[str]


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    name: str
    category: Literal[CATEGORIES]  # type: ignore[valid-type]
    severity: Literal[SEVERITIES]  # type: ignore[valid-type]
    kind: str
    message: str
    params: dict[str, Any] = Field(default_factory=dict)
    replacements: list[str | ReplacementSpec] = Field(default_factory=list)
    fix: Literal["safe", "unsafe"] = "unsafe"  # "safe": every replacement fits any match as-is
    docs: Docs


@dataclass
class Rule:
    code: str
    name: str
    category: str
    severity: str
    kind: str
    message: str
    params: Any  # the kind's validated params object
    replacements: list[str]
    docs: Docs
    origin: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    fix: str = "unsafe"
    replacements_by_phrase: dict[str, list[str]] = field(default_factory=dict)  # lower-cased wording -> its own

    def replacements_for(self, match: str) -> list[str]:
        """The replacements that fit these words: those given for this wording, else the
        rule's general ones."""
        own = self.replacements_by_phrase.get(" ".join(match.lower().split()))
        return list(own if own is not None else self.replacements)

    def render(self, **values: Any) -> str:
        return render(self.message, **values)


def render(template: str, **values: Any) -> str:
    """Fill ``{name}`` placeholders; unknown ones are left as they are."""
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), template)


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _problem(text: str, name: str, loc: tuple, msg: str, key: bool = False) -> RuleError:
    line, col = yamlio.locate(text, loc, key=key)
    return RuleError(f"{name}:{line}:{col}: {msg}")


def parse_rules(text: str, name: str, data: Any = None) -> list[Rule]:
    """Validate a rule file (``data`` is its parsed YAML, when already at hand)."""
    checks = registry.builtin_checks()
    if data is None:
        try:
            data = yamlio.load(text, name)
        except yamlio.YamlError as exc:
            raise RuleError(str(exc)) from None
    if not isinstance(data, dict) or set(data) != {"rules"} or not isinstance(data["rules"], list):
        raise RuleError(f"{name}:1:1: a rule file is a mapping with one key, 'rules', holding a list of rules")
    out: list[Rule] = []
    for i, raw in enumerate(data["rules"]):
        loc = ("rules", i)
        if not isinstance(raw, dict):
            raise _problem(text, name, loc, "each rule must be a mapping")
        try:
            spec = RuleSpec.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            eloc = loc + tuple(err["loc"])
            if err["type"] == "extra_forbidden":
                parent = Docs if "docs" in err["loc"][:-1] else RuleSpec
                hint = difflib.get_close_matches(str(err["loc"][-1]), list(parent.model_fields), n=1)
                raise _problem(text, name, eloc, f"unknown key '{err['loc'][-1]}' in rule"
                               + (f" (did you mean '{hint[0]}'?)" if hint else ""), key=True) from None
            if err["type"] == "missing":
                raise _problem(text, name, loc, f"rule is missing '{'.'.join(map(str, err['loc']))}'") from None
            raise _problem(text, name, eloc, f"{'.'.join(map(str, err['loc']))}: {err['msg']}") from None
        if not CODE_RE.match(spec.code):
            raise _problem(text, name, loc + ("code",), f"rule code '{spec.code}' must look like SJ123")
        if not NAME_RE.match(spec.name):
            raise _problem(text, name, loc + ("name",), f"rule name '{spec.name}' must be a lower-case slug")
        raw_params = dict(spec.params)
        kind_name = _legacy_kind(spec.kind, raw_params, checks)
        kind = checks.get(kind_name)
        if kind is None:
            hint = difflib.get_close_matches(spec.kind, list(checks), n=1)
            raise _problem(text, name, loc + ("kind",), f"unknown check kind '{spec.kind}'"
                           + (f" (did you mean '{hint[0]}'?)" if hint else f" (known: {', '.join(sorted(checks))})"))
        try:
            params = kind.params.model_validate(raw_params)
        except ValidationError as exc:
            err = exc.errors()[0]
            eloc = loc + ("params",) + tuple(err["loc"])
            if err["type"] == "extra_forbidden":
                hint = difflib.get_close_matches(str(err["loc"][-1]), list(kind.params.model_fields), n=1)
                raise _problem(text, name, eloc, f"unknown parameter '{err['loc'][-1]}' for kind '{kind_name}'"
                               + (f" (did you mean '{hint[0]}'?)" if hint else ""), key=True) from None
            raise _problem(text, name, eloc, f"params.{'.'.join(map(str, err['loc']))}: {err['msg']}") from None
        except ValueError as exc:
            raise _problem(text, name, loc + ("params",), str(exc)) from None
        general = [r for r in spec.replacements if isinstance(r, str)]
        by_phrase: dict[str, list[str]] = {}
        for i, r in enumerate(spec.replacements):
            if isinstance(r, ReplacementSpec):
                try:
                    for phrase in validate_phrases(r.for_):
                        for wording in expand(phrase):
                            by_phrase.setdefault(wording.lower(), []).extend(r.use)
                except ValueError as exc:
                    raise _problem(text, name, loc + ("replacements", i, "for"), str(exc)) from None
        out.append(Rule(spec.code, spec.name, spec.category, spec.severity, kind_name, spec.message,
                        params, general, spec.docs, origin=name, fix=spec.fix, replacements_by_phrase=by_phrase))
    return out


# Before checks were split by what they check, one kind served several checks through a
# parameter (``kind: design`` with ``fact: phase``).  Rule files written that way still
# load: the parameter's value names the check (``design.phase``; ``target: sample_size``
# names ``number.sample-size``).
LEGACY_MODE_PARAMS = {"design": "fact", "number": "target", "attribution": "check", "extrapolation": "mode"}


def _legacy_kind(kind: str, params: dict[str, Any], checks: dict) -> str:
    key = LEGACY_MODE_PARAMS.get(kind)
    if kind in checks or key is None or not isinstance(params.get(key), str):
        return kind
    name = f"{kind}.{params[key].replace('_', '-')}"
    if name in checks:
        del params[key]
        return name
    return kind


def load_rule_file(path: Path | str, display: str | None = None) -> list[Rule]:
    name = display or str(path)
    try:
        data, text = yamlio.load_file(path, name)
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{name}: cannot read rule file ({getattr(exc, 'strerror', None) or exc})") from None
    except yamlio.YamlError as exc:
        raise RuleError(str(exc)) from None
    return parse_rules(text, name, data)


def load_rules(extra: tuple[str, ...] = ()) -> RuleSet:
    """The built-in rules plus the rule files or folders in ``extra``: one rule set per
    distinct ``extra`` (the last 8 are kept), so runs that share rules share matchers."""
    return _load_rules(tuple(extra))


@lru_cache(maxsize=8)
def _load_rules(extra: tuple[str, ...]) -> RuleSet:
    files = sorted(rules_dir().glob("*.yaml"))
    rules: list[Rule] = []
    for f in files:
        rules.extend(load_rule_file(f, display=f"rules/{f.name}"))
    for e in extra:
        p = Path(e)
        for f in (sorted(p.glob("*.yaml")) if p.is_dir() else [p]):
            rules.extend(load_rule_file(f))
    seen: dict[str, Rule] = {}
    names: dict[str, Rule] = {}
    for r in rules:
        if r.code in seen:
            raise RuleError(f"{r.origin}: duplicate rule code {r.code} (also in {seen[r.code].origin})")
        if r.name in names:
            raise RuleError(f"{r.origin}: duplicate rule name {r.name} (also in {names[r.name].origin})")
        seen[r.code] = r
        names[r.name] = r
    return RuleSet(sorted(rules, key=lambda r: r.code))


def rules_by_code(rules: Iterable[Rule]) -> dict[str, Rule]:
    return {r.code: r for r in rules}


class RuleSet:
    """The rules of a run (the built-in ones plus a config's ``extra-rules``) and what
    their checks compile from them (phrase matchers, regular expressions).

    Compiled things belong to the rule set: checks ask ``compiled(key, build)`` instead
    of keeping module-level caches, so a rule set that is dropped (a config or rule file
    edited in the editor) takes its matchers with it.  The store is bounded: keys that
    depend on a citation (its species words, its people) come and go as it is edited.
    """

    MAX_COMPILED = 256

    def __init__(self, rules: Iterable[Rule]):
        self.rules: tuple[Rule, ...] = tuple(rules)
        self._compiled: OrderedDict[Hashable, Any] = OrderedDict()

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __getitem__(self, i: int) -> Rule:
        return self.rules[i]

    def by_code(self) -> dict[str, Rule]:
        return rules_by_code(self.rules)

    def compiled(self, key: Hashable, build: Callable[[], Any]) -> Any:
        try:
            value = self._compiled[key]
            self._compiled.move_to_end(key)
            return value
        except KeyError:
            value = self._compiled[key] = build()
            if len(self._compiled) > self.MAX_COMPILED:
                self._compiled.popitem(last=False)
            return value

    def compiled_count(self) -> int:
        return len(self._compiled)
