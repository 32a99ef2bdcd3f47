"""The ``sciencelint`` command (spec/output.md)."""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from typing import Any, Sequence

from . import __version__
from .config import FAIL_ON, FORMATS, Config, config_for, load_config_file
from .engine import Result, Selection, check_selectors, lint_path
from .errors import SciencelintError
from .pipeline import configure as configure_nlp
from .rules import SEVERITIES, SEVERITY_RANK, load_rules, rules_by_code

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".mypy_cache"}


AUTO_JOBS_MIN_FILES = 40  # below this, starting worker processes (each imports spaCy) costs more than it saves


def auto_jobs(n_files: int) -> int:
    """Processes for a run that did not ask: one per core for big runs, else serial."""
    if n_files < AUTO_JOBS_MIN_FILES:
        return 1
    return max(1, min(os.cpu_count() or 1, n_files // (AUTO_JOBS_MIN_FILES // 2)))


class UsageError(SciencelintError):
    pass


class SourceLines:
    """What the output formats need of a document once it has been linted."""

    __slots__ = ("lines",)

    def __init__(self, source: str):
        self.lines = source.split("\n")

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        self.exit(2, f"sciencelint: error: {message} (see `sciencelint {self.prog.split()[-1]} --help`)\n"
                  if " " in self.prog else f"sciencelint: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="sciencelint", description="Check a science news draft against the paper it reports on.")
    p.add_argument("--version", action="version", version=f"sciencelint {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    c = sub.add_parser("check", help="lint articles (files, folders, or - for stdin)")
    c.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    c.add_argument("--citation", metavar="FILE", help="citation file for every article in this run")
    c.add_argument("--format", choices=FORMATS, help="output format (default: full)")
    c.add_argument("--select", metavar="CODES", help="comma-separated codes, prefixes, names or categories to run")
    c.add_argument("--ignore", metavar="CODES", help="comma-separated codes, prefixes, names or categories to skip")
    c.add_argument("--min-severity", choices=SEVERITIES, help="hide findings below this severity")
    c.add_argument("--fail-on", choices=FAIL_ON, help="exit 1 when a finding is at or above this (default: error)")
    c.add_argument("--exit-zero", action="store_true", default=None, help="exit 0 even when findings are reported")
    c.add_argument("--config", metavar="FILE", help="use this config file instead of discovering one")
    c.add_argument("--no-config", action="store_true", help="ignore config files")
    c.add_argument("--stdin-filename", metavar="NAME", help="name (and location) of the text read from -")
    c.add_argument("--jobs", "-j", type=int, metavar="N",
                   help="lint with N processes (default: one per core when there are at least "
                        f"{AUTO_JOBS_MIN_FILES} files, else 1)")
    c.add_argument("--show-config", action="store_true", help="print the effective config and where each value came from")
    c.add_argument("--grammar", action="store_true", default=None,
                   help="add LanguageTool grammar findings (needs languagetool.server or .directory in config)")
    sub.add_parser("rules", help="list every rule")
    r = sub.add_parser("rule", help="show a rule's documentation")
    r.add_argument("code", metavar="CODE")
    s = sub.add_parser("server", help="run the language server on stdio")
    s.add_argument("--stdio", action="store_true", help="(default) talk over stdin/stdout")
    return p


def _split(v: Any) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        v = v.split(",")
    return tuple(x.strip() for x in v if str(x).strip())


@dataclass
class RunSettings:
    format: str = "full"
    fail_on: str = "error"
    exit_zero: bool = False
    jobs: int | None = None  # None: automatic


def collect(paths: Sequence[str]) -> tuple[list[str], list[Result]]:
    """Article files under the given paths, and error results for paths that are not there."""
    files: list[str] = []
    errors: list[Result] = []
    seen: set[str] = set()
    for p in paths:
        if p == "-":
            files.append(p)
            continue
        if os.path.isdir(p):
            found = []
            for root, dirs, names in os.walk(p):  # does not follow symlinked folders: no loops
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for n in sorted(names):
                    if n.lower().endswith(ARTICLE_SUFFIXES) and not n.startswith("."):
                        found.append(os.path.join(root, n))
            for f in found:
                key = os.path.realpath(f)
                if key not in seen:
                    seen.add(key)
                    files.append(f)
        elif os.path.exists(p):
            key = os.path.realpath(p)
            if key not in seen:
                seen.add(key)
                files.append(p)
        else:
            errors.append(Result(p, error=f"{p}: no such file or folder"))
    return files, errors


def _selection_for(article: str, cfg: Config, args: argparse.Namespace, rules) -> Selection:
    select = _split(args.select) if args.select is not None else _split(cfg.get("select"))
    ignore = _split(args.ignore) + _split(cfg.get("ignore")) + tuple(cfg.ignores_for(article))
    where_sel = "--select" if args.select is not None else cfg.where("select")
    check_selectors(select, rules, where_sel)
    check_selectors(_split(args.ignore), rules, "--ignore")
    check_selectors(_split(cfg.get("ignore")) + tuple(cfg.ignores_for(article)), rules, cfg.where("ignore"))
    sev = dict(cfg.get("severity") or {})
    codes = {r.code for r in rules}
    for code in sev:
        if code not in codes and not code.upper().startswith("LT:"):
            raise SciencelintError(f"{cfg.where('severity')}: unknown rule code '{code}' in severity")
    grammar_on = args.grammar if getattr(args, "grammar", None) is not None else bool(cfg.get("grammar", False))
    lt = dict(cfg.get("languagetool") or {})
    if lt.get("directory"):
        lt["directory"] = cfg.resolve(lt["directory"])
    return Selection(select=select, ignore=ignore,
                     min_severity=args.min_severity or cfg.get("min-severity") or "info", severity=sev,
                     grammar=lt if grammar_on else None)


def _lint_one(task: tuple) -> Result:
    path, display, data, args_dict, cfg_path = task
    args = argparse.Namespace(**args_dict)
    return lint_one(path, display, data, args, cfg_path)


def lint_one(path: str, display: str, data: bytes | None, args: argparse.Namespace, cfg_path: str | None) -> Result:
    try:
        if args.no_config:
            cfg = Config()
        elif cfg_path:
            cfg = load_config_file(cfg_path)
        else:
            cfg = config_for(path)
        try:
            configure_nlp((cfg.get("nlp") or {}).get("model"))
        except SciencelintError as exc:
            raise SciencelintError(f"{cfg.where('nlp')}: {exc}") from None
        extra = tuple(cfg.resolve(e) for e in (cfg.get("extra-rules") or ()))
        rules = load_rules(extra)
        sel = _selection_for(path, cfg, args, rules)
        default_cit = cfg.resolve(cfg.get("citation")) if cfg.get("citation") else None
        res = lint_path(path, citation=args.citation, selection=sel, rules=rules,
                        default_citation=default_cit, data=data, display=display,
                        default_citation_where=cfg.where("citation") if default_cit else None)
        if res.document is not None:  # keep only the text: a folder run must not hold every parse
            res.document = SourceLines(res.document.source)
        return res
    except SciencelintError as exc:
        return Result(display, error=str(exc))


def run_settings(args: argparse.Namespace) -> tuple[RunSettings, Config]:
    if args.no_config:
        cfg = Config()
    elif args.config:
        cfg = load_config_file(args.config)
    else:
        cfg = config_for(os.path.join(os.getcwd(), "_"))
    rs = RunSettings(
        format=args.format or cfg.get("format") or "full",
        fail_on=args.fail_on or cfg.get("fail-on") or "error",
        exit_zero=bool(args.exit_zero if args.exit_zero is not None else cfg.get("exit-zero", False)),
        jobs=args.jobs or cfg.get("jobs") or None,
    )
    if rs.jobs is not None and rs.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    return rs, cfg


def cmd_check(args: argparse.Namespace) -> int:
    if args.citation and not os.path.isfile(args.citation):
        print(f"sciencelint: error: {args.citation}: citation file not found", file=sys.stderr)
        return 2
    if args.config and not os.path.isfile(args.config):
        print(f"sciencelint: error: {args.config}: config file not found", file=sys.stderr)
        return 2
    try:
        rs, run_cfg = run_settings(args)
    except SciencelintError as exc:
        print(f"sciencelint: error: {exc}", file=sys.stderr)
        return 2
    if args.show_config:
        return show_config(args, run_cfg)
    files, results = collect(args.paths)
    cfg_path = run_cfg.path if args.config else None
    stdin_data = None
    if "-" in files:
        stdin_data = sys.stdin.buffer.read()
    tasks = []
    for f in files:
        if f == "-":
            name = args.stdin_filename or "<stdin>"
            tasks.append((name, name, stdin_data, vars(args), cfg_path))
        else:
            tasks.append((f, f, None, vars(args), cfg_path))
    jobs = rs.jobs or auto_jobs(len(tasks))
    if jobs > 1 and len(tasks) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            # small chunks, so the workers finish close together instead of one core idling
            # through the last big chunk; results come back in order
            results.extend(pool.map(_lint_one, tasks, chunksize=max(1, min(16, len(tasks) // (jobs * 4)))))
    else:
        results.extend(_lint_one(t) for t in tasks)
    if not results:
        print("sciencelint: error: no articles (.md, .markdown, .txt) found in " + ", ".join(args.paths),
              file=sys.stderr)
        return 2
    emit(results, rs)
    if any(r.error for r in results):
        return 2
    if rs.exit_zero or rs.fail_on == "never":
        return 0
    floor = SEVERITY_RANK[rs.fail_on]
    return 1 if any(SEVERITY_RANK[d.severity] >= floor for r in results for d in r.diagnostics) else 0


def emit(results: list[Result], rs: RunSettings) -> None:
    from . import output

    for r in results:
        if r.error:
            print(f"sciencelint: error: {r.error}", file=sys.stderr)
    if rs.format == "json":
        sys.stdout.write(output.render_json(results))
    elif rs.format == "sarif":
        sys.stdout.write(output.render_sarif(results, rules_by_code(load_rules())))
    elif rs.format == "github":
        sys.stdout.write(output.render_github(results))
    else:
        notes = [n for r in results for n in r.notes]
        for n in notes:
            print(f"note: {n}", file=sys.stderr)
        sys.stdout.write(output.render_text(results, rs.format))


def show_config(args: argparse.Namespace, run_cfg: Config) -> int:
    target = next((p for p in args.paths if p != "-"), ".")
    cfg = run_cfg if (args.config or args.no_config) else config_for(
        os.path.join(target, "_") if os.path.isdir(target) else target)
    print(f"# config file: {cfg.path or '(none found; defaults)'}")
    defaults = {"citation": None, "format": "full", "select": [], "ignore": [], "min-severity": "info",
                "fail-on": "error", "exit-zero": False, "severity": {}, "per-file-ignores": {},
                "extra-rules": [], "jobs": "auto", "nlp": {"model": None}, "grammar": False,
                "languagetool": {"server": None, "directory": None, "language": "en-US"}}
    flags = {"citation": args.citation, "format": args.format, "select": args.select, "ignore": args.ignore,
             "min-severity": args.min_severity, "fail-on": args.fail_on, "exit-zero": args.exit_zero,
             "jobs": args.jobs, "grammar": args.grammar}
    for key, default in defaults.items():
        if flags.get(key) is not None:
            value, source = flags[key], f"--{key}"
        elif key in cfg.values:
            value, source = cfg.values[key], cfg.where(key)
        else:
            value, source = default, "default"
        print(f"{key} = {_show(value)}    # {source}")
    return 0


def _show(v: Any) -> str:
    import json

    return json.dumps(v, ensure_ascii=False)


def cmd_rules(args: argparse.Namespace) -> int:
    rules = load_rules()
    w = max(len(r.name) for r in rules)
    print(f"{'CODE':<7} {'NAME':<{w}} {'CATEGORY':<14} SEVERITY")
    for r in rules:
        print(f"{r.code:<7} {r.name:<{w}} {r.category:<14} {r.severity}")
    print(f"\n{len(rules)} rules. `sciencelint rule CODE` shows one rule's documentation.")
    return 0


def cmd_rule(args: argparse.Namespace) -> int:
    rules = load_rules()
    want = args.code.strip()
    rule = next((r for r in rules if r.code == want.upper() or r.name == want.lower()), None)
    if rule is None:
        import difflib

        hint = difflib.get_close_matches(want.upper(), [r.code for r in rules] + [r.name for r in rules], n=1)
        print(f"sciencelint: error: unknown rule '{want}'" + (f" (did you mean {hint[0]}?)" if hint else ""),
              file=sys.stderr)
        return 2
    d = rule.docs
    print(f"{rule.code} {rule.name}  [{rule.category}, default severity {rule.severity}]\n")
    print(f"What it flags\n  {d.flags}\n")
    print(f"Why it matters\n  {d.why}\n  Source: {d.source}\n")
    print(f"Example that triggers it\n  {d.example}\n")
    print(f"Rewrite that does not\n  {d.rewrite}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "rule":
            return cmd_rule(args)
        if args.command == "server":
            try:
                from .server import serve
            except ImportError as exc:
                print(f"sciencelint: error: the language server needs pygls ({exc}); "
                      "pip install 'sciencelint[server]'", file=sys.stderr)
                return 2
            return serve()
        parser.print_help()
        return 2
    except SciencelintError as exc:
        print(f"sciencelint: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
