"""The ``sciencelint`` command (spec/output.md)."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from . import __version__
from .api import AUTO_JOBS_MIN_FILES, Options, collect, lint_files, rules_for
from .config import FAIL_ON, FORMATS, Config, config_for, load_config_file
from .document import ARTICLE_SUFFIXES
from .errors import SciencelintError, install_advice
from .findings import Result
from .rules import SEVERITIES, SEVERITY_RANK, load_rules
from .workspace import split_codes


class UsageError(SciencelintError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2
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
    c.add_argument("--show-config", action="store_true",
                   help="print the effective config and where each value came from")
    c.add_argument("--grammar", action="store_true", default=None,
                   help="add LanguageTool grammar findings (needs languagetool.server or .directory in config)")
    ct = sub.add_parser("cite", help="write a citation file from a PMID, PMCID, DOI, arXiv id or an exported record")
    ct.add_argument("source", nargs="?", metavar="ID-OR-FILE",
                    help="PMID, PMCID, DOI (or doi.org URL), arXiv id, bioRxiv/medRxiv DOI, or a file: PubMed XML, "
                         "MEDLINE/.nbib, RIS, BibTeX, CSL-JSON")
    ct.add_argument("-o", "--output", metavar="NAME.citation.yaml", help="write here (default: standard output)")
    ct.add_argument("--email", metavar="ADDR", help="your e-mail, sent to NCBI and Crossref as their policies ask "
                    "(default: $SCIENCELINT_EMAIL)")
    ct.add_argument("--offline", action="store_true", help="use cached responses only; never open the network")
    ct.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    ct.add_argument("--template", action="store_true", help="write a commented skeleton to fill in by hand")
    ct.add_argument("--record", type=int, default=1, metavar="N", help="which record of a file holding several "
                    "(default: the first)")
    sub.add_parser("rules", help="list every rule")
    r = sub.add_parser("rule", help="show a rule's documentation")
    r.add_argument("code", metavar="CODE")
    s = sub.add_parser("server", help="run the language server on stdio")
    s.add_argument("--stdio", action="store_true", help="(default) talk over stdin/stdout")
    return p


@dataclass
class RunSettings:
    format: str = "full"
    fail_on: str = "error"
    exit_zero: bool = False
    jobs: int | None = None  # None: automatic


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
    options = Options(citation=args.citation,
                      select=split_codes(args.select) if args.select is not None else None,
                      ignore=split_codes(args.ignore), min_severity=args.min_severity, grammar=args.grammar,
                      config=run_cfg.path if args.config else None, no_config=bool(args.no_config))
    items: list[str | tuple[str, bytes]] = []
    for f in files:
        if f == "-":
            items.append((args.stdin_filename or "<stdin>", sys.stdin.buffer.read()))
        else:
            items.append(f)
    results.extend(lint_files(items, options, jobs=rs.jobs))
    if not results:
        print(f"sciencelint: error: no articles ({', '.join(ARTICLE_SUFFIXES)}) found in " + ", ".join(args.paths),
              file=sys.stderr)
        return 2
    emit(results, rs, options)
    if any(r.error for r in results):
        return 2
    if rs.exit_zero or rs.fail_on == "never":
        return 0
    floor = SEVERITY_RANK[rs.fail_on]
    return 1 if any(SEVERITY_RANK[d.severity] >= floor for r in results for d in r.diagnostics) else 0


def emit(results: list[Result], rs: RunSettings, options: Options = Options()) -> None:
    from . import output

    for r in results:
        if r.error:  # a citation file's problems come one per line
            for line in r.error.splitlines():
                print(f"sciencelint: error: {line}", file=sys.stderr)
    if rs.format == "json":
        sys.stdout.write(output.render_json(results))
    elif rs.format == "jsonl":
        sys.stdout.write(output.render_jsonl(results))
    elif rs.format == "sarif":
        sys.stdout.write(output.render_sarif(results, _rules_of(results, options)))
    elif rs.format == "github":
        sys.stdout.write(output.render_github(results))
    else:
        notes = [n for r in results for n in r.notes]
        for n in notes:
            print(f"note: {n}", file=sys.stderr)
        sys.stdout.write(output.render_text(results, rs.format))


def _rules_of(results: list[Result], options: Options) -> dict:
    """Every rule that can appear in these results: built-in ones and each article's
    config's ``extra-rules`` (so SARIF describes a house rule as fully as a built-in one)."""
    known = load_rules().by_code()
    for r in results:
        if any(d.code not in known for d in r.diagnostics):
            known.update(rules_for(r.path, options).by_code())
    return known


RUN_KEYS = ("format", "fail-on", "exit-zero", "jobs")  # one value for the whole run, not per article


def show_config(args: argparse.Namespace, run_cfg: Config) -> int:
    target = next((p for p in args.paths if p != "-"), ".")
    cfg = run_cfg if (args.config or args.no_config) else config_for(
        os.path.join(target, "_") if os.path.isdir(target) else target)
    print(f"# config file: {cfg.path or '(none found; defaults)'}")
    if run_cfg.path != cfg.path:
        print(f"# run-wide keys ({', '.join(RUN_KEYS)}) come from {run_cfg.path or 'no config file'}: "
              "the config of the folder the run starts in (or --config)")
    defaults: dict[str, Any] = {"citation": None, "format": "full", "select": [], "ignore": [], "min-severity": "info",
                "fail-on": "error", "exit-zero": False, "severity": {}, "per-file-ignores": {},
                "extra-rules": [], "jobs": "auto", "nlp": {"model": None}, "grammar": False,
                "languagetool": {"server": None, "directory": None, "language": "en-US"}, "claim-model": "auto"}
    flags = {"citation": args.citation, "format": args.format, "select": args.select, "ignore": args.ignore,
             "min-severity": args.min_severity, "fail-on": args.fail_on, "exit-zero": args.exit_zero,
             "jobs": args.jobs, "grammar": args.grammar}
    for key, default in defaults.items():
        if flags.get(key) is not None:
            value, source = flags[key], f"--{key}"
        elif key in (run_cfg if key in RUN_KEYS else cfg).values:
            where = run_cfg if key in RUN_KEYS else cfg
            value, source = where.values[key], where.where(key)
        else:
            value, source = default, "default"
        print(f"{key} = {_show(value)}    # {source}")
    from . import claimmodel

    if not claimmodel.installed():
        state = "not installed (pip install '.[model]'); the rules decide claim strength"
    else:
        state = "installed" + ("" if claimmodel.available() else ", switched off by SCIENCELINT_CLAIM_MODEL")
    print(f"# claim-strength model: {state}")
    return 0


def _show(v: Any) -> str:
    import json

    return json.dumps(v, ensure_ascii=False)


def cmd_cite(args: argparse.Namespace) -> int:
    """A citation file from an identifier or a record file (network code imported only here)."""
    from .cite import files as cite_files
    from .cite.ids import parse_identifier
    from .cite.infer import infer
    from .cite.write import TEMPLATE, render

    def fail(msg: str) -> int:
        print(f"sciencelint: error: {msg}", file=sys.stderr)
        return 2

    if args.output and os.path.exists(args.output) and not args.force:
        return fail(f"{args.output} exists; use --force to overwrite it")
    if args.template:
        return _write_out(args.output, TEMPLATE)
    if not args.source:
        return fail("cite needs an identifier or a file (or --template)")
    notes: list[str] = []
    if os.path.isfile(args.source):
        try:
            fmt, records = cite_files.read_records(args.source)
        except (OSError, cite_files.FormatError) as exc:
            return fail(f"{args.source}: {exc}")
        if not records:
            return fail(f"{args.source}: no record found ({fmt})")
        if not 1 <= args.record <= len(records):
            return fail(f"{args.source}: --record {args.record}, but it holds {len(records)} record(s)")
        record = records[args.record - 1]
        if len(records) > 1:
            notes.append(f"{args.source} holds {len(records)} records; used number {args.record} "
                         f"({record.title or 'untitled'}); choose another with --record N")
        origin = f"{os.path.basename(args.source)} ({fmt})"
    else:
        ident = parse_identifier(args.source)
        if ident is None:
            return fail(f"'{args.source}' is neither a file nor an identifier (PMID, PMCID, DOI, arXiv id)")
        try:
            from .cite.net import Client, NetError
            from .cite.resolve import resolve
        except ImportError as exc:
            return fail(f"looking up identifiers needs the cite extra ({exc}); {install_advice('cite')}")
        try:
            record, used = resolve(ident, Client(email=args.email, offline=args.offline))
        except NetError as exc:
            return fail(str(exc))
        origin = ", then ".join(used)
    try:
        text = render(infer(record), origin)
    except SciencelintError as exc:  # a bug: the written file would not load
        return fail(f"the citation written from {origin} does not load: {exc}")
    for n in notes:
        print(f"note: {n}", file=sys.stderr)
    return _write_out(args.output, text)


def _write_out(path: str | None, text: str) -> int:
    if not path:
        sys.stdout.write(text)
        return 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"wrote {path}: check the values marked CHECK and fill in the TODOs", file=sys.stderr)
    return 0


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
        if args.command == "cite":
            return cmd_cite(args)
        if args.command == "rule":
            return cmd_rule(args)
        if args.command == "server":
            try:
                from .server import serve
            except ImportError as exc:
                print(f"sciencelint: error: the language server needs pygls ({exc}); {install_advice('server')}",
                      file=sys.stderr)
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
