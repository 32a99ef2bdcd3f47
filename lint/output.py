"""Output formats (spec/output.md): full, concise, json, sarif, github; and (an extension)
jsonl, one finding per line with its path."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .findings import Diagnostic, Result

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
CONTEXT = 60  # characters of the source line shown either side of a match


def counts(results: Iterable[Result]) -> dict[str, int]:
    c = {"files": 0, "errors": 0, "warnings": 0, "infos": 0}
    for r in results:
        c["files"] += 1
        for d in r.diagnostics:
            c[d.severity + "s"] += 1
    return c


def summary_line(results: list[Result]) -> str:
    c = counts(results)
    n = c["errors"] + c["warnings"] + c["infos"]
    return f"Found {n} findings ({c['errors']} errors, {c['warnings']} warnings, {c['infos']} infos)"


def concise(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column}: {d.code} {d.severity}: {d.message}"


def _excerpt(line_text: str, col: int, end_col: int) -> tuple[str, int, int]:
    """A window of a long line around the match: (text, caret start, caret width)."""
    line_text = line_text.replace("\t", " ")
    start = col - 1
    width = max(1, end_col - col)
    lo = max(0, start - CONTEXT)
    hi = min(len(line_text), start + width + CONTEXT)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line_text) else ""
    return prefix + line_text[lo:hi] + suffix, len(prefix) + start - lo, min(width, hi - start)


def full(d: Diagnostic, result: Result) -> str:
    out = [concise(d)]
    if result.source is not None and d.match:
        text = result.line_text(d.line)
        end_col = d.end_column if d.end_line == d.line else len(text) + 1
        shown, caret_at, width = _excerpt(text, d.column, end_col)
        gutter = f"{d.line:>5} | "
        out.append(gutter + shown)
        out.append(" " * (len(gutter) - 2) + "| " + " " * caret_at + "^" * max(1, width))
    if d.evidence:
        out.append(f"      = evidence: {d.evidence}")
    label = "fix" if d.fix == "safe" else "suggestion"  # a fix applies as-is; a suggestion needs adapting
    for r in d.replacements:
        out.append(f"      = {label}: {r}")
    return "\n".join(out)


def render_text(results: list[Result], fmt: str) -> str:
    lines: list[str] = []
    for r in results:
        for d in r.diagnostics:
            lines.append(full(d, r) if fmt == "full" else concise(d))
            if fmt == "full":
                lines.append("")
    lines.append(summary_line(results))
    return "\n".join(lines) + "\n"


def render_json(results: list[Result]) -> str:
    files: list[dict[str, Any]] = []
    for r in results:
        if r.error:
            files.append({"path": r.path, "error": {"message": r.error}})
            continue
        entry: dict[str, Any] = {"path": r.path, "citation": r.citation,
                                 "diagnostics": [d.to_json() for d in r.diagnostics]}
        if r.notes:
            entry["notes"] = list(r.notes)
        files.append(entry)
    return json.dumps({"version": 1, "files": files, "summary": counts(results)}, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(results: list[Result]) -> str:
    """One JSON object per line: each finding with its ``path``, and each file that could
    not be checked as ``{"path": ..., "error": {"message": ...}}``.  For archives and
    streams: lines from many runs concatenate."""
    lines = []
    for r in results:
        if r.error:
            lines.append(json.dumps({"path": r.path, "error": {"message": r.error}}, ensure_ascii=False))
        for d in r.diagnostics:
            lines.append(json.dumps({"path": r.path, **d.to_json()}, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def render_github(results: list[Result]) -> str:
    lines = []
    for r in results:
        if r.error:
            lines.append(f"::error file={_gh_prop(r.path)},title=sciencelint::{_gh_msg(r.error)}")
        for d in r.diagnostics:
            level = {"error": "error", "warning": "warning", "info": "notice"}[d.severity]
            lines.append(
                f"::{level} file={_gh_prop(d.path)},line={d.line},col={d.column},endLine={d.end_line},"
                f"endColumn={d.end_column},title={_gh_prop(d.code)}::{_gh_msg(d.message)}"
            )
    return "\n".join(lines) + ("\n" if lines else "")


def _gh_msg(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_msg(s).replace(":", "%3A").replace(",", "%2C")


def render_sarif(results: list[Result], rules_by_code: dict) -> str:
    fired = sorted({d.code for r in results for d in r.diagnostics})
    index = {code: i for i, code in enumerate(fired)}
    driver_rules: list[dict[str, Any]] = []
    for code in fired:
        rule = rules_by_code.get(code)
        if rule is None:
            driver_rules.append({"id": code})
            continue
        driver_rules.append({
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.docs.flags},
            "fullDescription": {"text": rule.docs.why},
            "help": {"text": f"{rule.docs.flags}\nWhy: {rule.docs.why}\nSource: {rule.docs.source}\n"
                             f"Example: {rule.docs.example}\nRewrite: {rule.docs.rewrite}"},
            "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
            "properties": {"category": rule.category},
        })
    sarif_results = []
    notifications = []
    for r in results:
        if r.error:
            notifications.append({"level": "error", "message": {"text": r.error},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}]})
        for d in r.diagnostics:
            res = {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": SARIF_LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(d.path)},
                    "region": {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line,
                               "endColumn": d.end_column, "snippet": {"text": d.match}},
                }}],
                "properties": {"category": d.category, "evidence": d.evidence},
            }
            if d.replacements and d.fix == "safe":  # SARIF fixes are applied as-is: safe ones only
                res["fixes"] = [{"description": {"text": f"Replace with: {rep}"},
                                 "artifactChanges": [{"artifactLocation": {"uri": _uri(d.path)}, "replacements": [{
                                     "deletedRegion": {"startLine": d.line, "startColumn": d.column,
                                                       "endLine": d.end_line, "endColumn": d.end_column},
                                     "insertedContent": {"text": rep}}]}]} for rep in d.replacements]
            sarif_results.append(res)
    from . import __version__

    run = {
        "tool": {"driver": {"name": "sciencelint", "version": __version__,
                            "rules": driver_rules}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    doc = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _uri(path: str) -> str:
    return path.replace("\\", "/")
