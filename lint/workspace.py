"""The workspace: from files on disk to lints.

What the engine needs to lint one article, found the way a user expects:

- which articles a path means (``collect``: folders walked, suffixes from the document
  model, hidden and tool folders skipped);
- the config that applies to each (nearest ``.sciencelint.yaml`` or ``pyproject.toml``,
  or ``Options.config``), hence its rule set (built-in rules plus ``extra-rules``) and its
  selection (``select``/``ignore``/``per-file-ignores``/``severity``/``min-severity``);
- its citation (``--citation``, front matter, the sidecar, then the config's
  ``citation:``), loaded once per file version.

``lint_file`` and ``lint_text`` return a ``Result`` and never raise for bad input: a bad
file, citation or config becomes ``Result.error``, a one-line message naming the file
and line.  Their inputs (paths, text, ``Options``) and output are plain picklable data.
"""
from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from . import config as _config
from . import rules as _rules
from . import userregex
from .citation import Citation, LoadedCitation, load_citation, sidecar_for
from .claimmodel import configure as configure_claim_model
from .config import Config, config_for, load_config_file
from .document import ARTICLE_SUFFIXES, Document, parse, read_document
from .engine import Selection, check_selectors, lint_document
from .errors import CitationError, SciencelintError
from .findings import Result
from .pipeline import configure as configure_nlp
from .rules import RuleSet, load_rules

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".mypy_cache"}


@dataclass(frozen=True)
class Options:
    """What a user may ask of a lint beyond the config files (the command line's options).

    ``None`` means "as the config says"; ``ignore`` adds to the config's.  Plain data:
    it crosses process boundaries (``--jobs``, a distributed map) as it is.
    """

    citation: str | None = None  # one citation file for every article
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    min_severity: str | None = None
    grammar: bool | None = None
    config: str | None = None  # this config file instead of discovering one
    no_config: bool = False


def split_codes(value: Any) -> tuple[str, ...]:
    """``"SJ1, design"`` or a list -> ``("SJ1", "design")``."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(str(x).strip() for x in value if str(x).strip())


# ---- which articles ----------------------------------------------------------------


def collect(paths: Sequence[str]) -> tuple[list[str], list[Result]]:
    """Article files under the given paths (``-`` kept as it is), and error results for
    paths that are not there.  Each file once, in the order given, folders sorted."""
    files: list[str] = []
    errors: list[Result] = []
    seen: set[str] = set()

    def add(f: str) -> None:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            files.append(f)

    for p in paths:
        if p == "-":
            files.append(p)
        elif os.path.isdir(p):
            for root, dirs, names in os.walk(p):  # does not follow symlinked folders: no loops
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for n in sorted(names):
                    if n.lower().endswith(ARTICLE_SUFFIXES) and not n.startswith("."):
                        add(os.path.join(root, n))
        elif os.path.exists(p):
            add(p)
        else:
            errors.append(Result(p, error=f"{p}: no such file or folder"))
    return files, errors


# ---- config, rules, selection --------------------------------------------------------


def config_of(article: str, options: Options) -> Config:
    if options.no_config:
        return Config()
    if options.config:
        return load_config_file(options.config)
    return config_for(article)


def ruleset_for(cfg: Config) -> RuleSet:
    """The built-in rules plus the config's ``extra-rules`` (one shared rule set each)."""
    return load_rules(tuple(cfg.resolve(e) for e in (cfg.get("extra-rules") or ())))


def selection_for(article: str, cfg: Config, options: Options, rules: Iterable[_rules.Rule]) -> Selection:
    rules = list(rules)
    select = options.select if options.select is not None else split_codes(cfg.get("select"))
    cfg_ignore = split_codes(cfg.get("ignore")) + tuple(cfg.ignores_for(article))
    check_selectors(select, rules, "--select" if options.select is not None else cfg.where("select"))
    check_selectors(options.ignore, rules, "--ignore")
    check_selectors(cfg_ignore, rules, cfg.where("ignore"))
    sev = dict(cfg.get("severity") or {})
    codes = {r.code for r in rules}
    for code in sev:
        if code not in codes and not code.upper().startswith("LT:"):
            raise SciencelintError(f"{cfg.where('severity')}: unknown rule code '{code}' in severity")
    grammar_on = options.grammar if options.grammar is not None else bool(cfg.get("grammar", False))
    lt = dict(cfg.get("languagetool") or {})
    if lt.get("directory"):
        lt["directory"] = cfg.resolve(lt["directory"])
    return Selection(select=select, ignore=tuple(options.ignore) + cfg_ignore,
                     min_severity=options.min_severity or cfg.get("min-severity") or "info", severity=sev,
                     grammar=lt if grammar_on else None)


def rules_for(path: str, options: Options = Options()) -> RuleSet:
    """The rules that apply to an article (the built-in ones plus its config's ``extra-rules``)."""
    try:
        return ruleset_for(config_of(path, options))
    except SciencelintError:
        return load_rules()


def reset_caches(rules: bool = False) -> None:
    """Forget cached config files (and, with ``rules``, loaded rule files) so that edits on
    disk are seen.  Citation files need no reset: they are cached by mtime and size."""
    _config.reset()
    if rules:
        _rules._load_rules.cache_clear()


# ---- citations -----------------------------------------------------------------------


class CitationCache:
    """Loaded citation files by (path, mtime, size): an edited file is read again, and
    the oldest entries go once there are ``size`` of them."""

    def __init__(self, size: int = 64):
        self.size = size
        self._hits: OrderedDict[tuple[str, float, int], LoadedCitation] = OrderedDict()

    def load(self, path: str) -> LoadedCitation:
        try:
            st = os.stat(path)
            key = (os.path.abspath(path), st.st_mtime, st.st_size)
        except OSError:
            return load_citation(path)
        hit = self._hits.get(key)
        if hit is None:
            hit = self._hits[key] = load_citation(path)
            if len(self._hits) > self.size:
                self._hits.popitem(last=False)
        return hit

    def __len__(self) -> int:
        return len(self._hits)


CITATIONS = CitationCache()


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


def _missing_citation(doc: Document, name: str, cpath: str, explicit: Any, default: str | None,
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


def _citation_of(doc: Document, path: str, name: str, citation: Any, cfg: Config) -> tuple[Citation | None, str | None]:
    if isinstance(citation, LoadedCitation):
        return citation.citation, citation.path
    if isinstance(citation, Citation):
        return citation, None
    default = cfg.resolve(cfg.get("citation")) if cfg.get("citation") else None
    cpath = resolve_citation(path, doc, citation, default)
    if not cpath:
        return None, None
    missing = _missing_citation(doc, name, cpath, citation, default, cfg.where("citation") if default else None)
    if missing:
        raise CitationError(missing)
    return CITATIONS.load(cpath).citation, cpath


# ---- linting -------------------------------------------------------------------------


def lint_file(path: str, options: Options = Options(), *, data: bytes | None = None, display: str | None = None,
              selection: Selection | None = None, rules: Iterable[_rules.Rule] | None = None) -> Result:
    """Lint the article at ``path`` (or ``data``, its bytes, for an unsaved buffer or
    standard input) with the config, rules and citation that apply to it.
    ``selection`` and ``rules``, when given, replace what the config says."""
    name = display or path
    return _lint(path, name, options, lambda: read_document(path, data=data, display=name), selection, rules,
                 options.citation)


def lint_text(text: str, path: str = "draft.md", citation: str | Citation | LoadedCitation | None = None,
              options: Options = Options(), *, selection: Selection | None = None,
              rules: Iterable[_rules.Rule] | None = None) -> Result:
    """Lint ``text`` as the content of the file ``path``: the config found from ``path``
    applies (``Options(no_config=True)`` to ignore it), and the citation is ``citation``
    (a path, a loaded citation, a ``Citation``) or found as for a file at ``path``."""
    return _lint(path, path, options, lambda: parse(text, path), selection, rules, citation or options.citation)


def _lint(path: str, name: str, options: Options, read: Any, selection: Selection | None,
          rules: Iterable[_rules.Rule] | None, citation: Any) -> Result:
    try:
        cfg = config_of(path, options)
        try:
            configure_nlp((cfg.get("nlp") or {}).get("model"))
        except SciencelintError as exc:
            raise SciencelintError(f"{cfg.where('nlp')}: {exc}") from None
        try:
            configure_claim_model(cfg.get("claim-model"))
        except SciencelintError as exc:
            raise SciencelintError(f"{cfg.where('claim-model')}: {exc}") from None
        ruleset = ruleset_for(cfg) if rules is None else (rules if isinstance(rules, RuleSet) else RuleSet(rules))
        sel = selection or selection_for(path, cfg, options, ruleset)
        doc = read()
    except SciencelintError as exc:
        return Result(name, error=str(exc))
    res = Result(name, source=doc.source)
    if doc.front_matter_error:
        res.error = doc.front_matter_error
        return res
    try:
        cit, res.citation = _citation_of(doc, path, name, citation, cfg)
    except SciencelintError as exc:
        res.error = str(exc)
        return res
    if cit is None:
        res.notes.append(f"{name}: no citation (no --citation, front matter or {os.path.basename(sidecar_for(name))}); "
                         "rules that compare with the paper were skipped")
    try:
        res.diagnostics = lint_document(doc, cit, ruleset, sel)
    except userregex.SlowPattern as exc:
        res.error = f"{name}: {exc}"
    return res
