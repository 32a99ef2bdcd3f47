"""The sciencelint language server (``sciencelint server``): LSP over stdio, built on pygls 2.

What it offers:

- diagnostics on open and while typing (debounced, the newest version wins), on save too;
- quick fixes (code actions) that replace a flagged phrase with a suggested rewrite;
- hover on a flagged phrase: the rule's documentation and what the citation says;
- re-linting every open article when a citation or config file changes on disk
  (``workspace/didChangeWatchedFiles``, registered dynamically when the client can) or
  is saved in the editor.

A citation or config problem is shown as one error diagnostic on the first line.
Linting runs on a worker thread so the server keeps answering while it works.
Positions: the engine counts 1-based lines and code points; LSP wants 0-based lines and
(by default) UTF-16 code units, or whatever encoding was negotiated at initialize.
"""
from __future__ import annotations

import asyncio
import logging
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from . import __version__
from .api import lint_buffer, reset_caches, rules_for
from .document import ARTICLE_SUFFIXES
from .findings import Diagnostic, Result

log = logging.getLogger("sciencelint.server")

DEBOUNCE = 0.15  # seconds between the last keystroke and a lint
SOURCE = "sciencelint"
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}
WATCH_GLOBS = ("**/*.citation.yaml", "**/.sciencelint.yaml", "**/pyproject.toml")
CONFIG_NAMES = (".sciencelint.yaml", "pyproject.toml")
ARTICLE_LANGUAGES = {"markdown", "plaintext", "text", "txt"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ERROR_AT = re.compile(r"^(?P<file>.+?):(?P<line>\d+)(?::(?P<col>\d+))?: ")


@dataclass
class Linted:
    """The last lint of one open document, kept for hover and code actions."""

    version: int | None
    text: str
    result: Result
    lsp: list[tuple[types.Diagnostic, Diagnostic | None]] = field(default_factory=list)


class SciencelintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(name="sciencelint", version=__version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        # one worker: lints are serialised (the NLP pipeline is not shared between threads)
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sciencelint-lint")
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.linted: dict[str, Linted] = {}
        self.noted: set[str] = set()
        self.trace = bool(os.environ.get("SCIENCELINT_TRACE"))

    # ---- linting -------------------------------------------------------------------

    def schedule(self, uri: str, delay: float = DEBOUNCE) -> None:
        """Lint ``uri`` after ``delay`` seconds unless another change comes first."""
        loop = asyncio.get_running_loop()
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = loop.call_later(delay, lambda: asyncio.ensure_future(self.lint(uri)))

    def lint_all(self, delay: float = 0.0) -> None:
        for uri in list(self.workspace.text_documents):
            if self.is_article(uri):
                self.schedule(uri, delay)

    def is_article(self, uri: str) -> bool:
        doc = self.workspace.text_documents.get(uri)
        if doc is None:
            return False
        path = to_fs_path(uri) or uri
        return path.lower().endswith(ARTICLE_SUFFIXES) or (doc.language_id or "").lower() in ARTICLE_LANGUAGES

    async def lint(self, uri: str) -> None:
        self.pending.pop(uri, None)
        doc = self.workspace.text_documents.get(uri)
        if doc is None:
            return
        text, version = doc.source, doc.version
        path = to_fs_path(uri) or _fake_path(uri, doc.language_id)
        loop = asyncio.get_running_loop()
        t0 = time.perf_counter()
        try:
            result = await loop.run_in_executor(self.executor, lint_buffer, path, text)
        except Exception as exc:  # an engine bug must not take the server down
            log.exception("lint failed")
            result = Result(path, error=f"sciencelint crashed on this file: {type(exc).__name__}: {exc}")
        ms = (time.perf_counter() - t0) * 1000
        cur = self.workspace.text_documents.get(uri)
        if cur is None or cur.version != version:
            return  # closed or edited meanwhile: a newer lint is scheduled
        if uri in self.pending:
            return  # another lint of this document is already due
        linted = Linted(version, text, result)
        linted.lsp = self.to_lsp(text, result, cur.position_codec.encoding)
        self.linted[uri] = linted
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[d for d, _ in linted.lsp]))
        if result.notes and uri not in self.noted:  # e.g. "no citation": say it once per document
            self.noted.add(uri)
            for note in result.notes:
                self.window_log_message(types.LogMessageParams(type=types.MessageType.Info, message=note))
        if self.trace:
            self.window_log_message(types.LogMessageParams(
                type=types.MessageType.Log,
                message=f"sciencelint: linted {os.path.basename(path)} v{version} in {ms:.1f} ms "
                        f"({len(result.diagnostics)} findings)"))

    def to_lsp(self, text: str, result: Result, encoding: Any) -> list[tuple[types.Diagnostic, Diagnostic | None]]:
        lines = _LINE_BREAK.split(text)
        bom = 1 if text.startswith("\ufeff") else 0
        if result.error:
            return [(error_diagnostic(result.error, lines, encoding), None)]
        out: list[tuple[types.Diagnostic, Diagnostic | None]] = []
        for d in result.diagnostics:
            rng = types.Range(start=to_position(lines, d.line, d.column, encoding, bom),
                              end=to_position(lines, d.end_line, d.end_column, encoding, bom))
            out.append((types.Diagnostic(
                range=rng,
                message=d.message + (f"\n(evidence: {d.evidence})" if d.evidence else ""),
                severity=SEVERITY[d.severity],
                code=d.code,
                source=SOURCE,
                data={"name": d.name, "category": d.category, "match": d.match, "evidence": d.evidence,
                      "replacements": list(d.replacements), "fix": d.fix},
            ), d))
        return out


def _fake_path(uri: str, language_id: str | None) -> str:
    """A file name for an unsaved buffer (untitled:...): no sidecar, config from the cwd."""
    name = re.sub(r"[^\w.-]+", "_", uri.rsplit("/", 1)[-1].split(":")[-1]) or "untitled"
    if not name.lower().endswith(ARTICLE_SUFFIXES):
        name += ".md" if (language_id or "").lower() == "markdown" else ".txt"
    return os.path.join(os.getcwd(), name)


def units(s: str, encoding: Any) -> int:
    """Length of ``s`` in the negotiated position encoding's code units."""
    enc = str(getattr(encoding, "value", encoding) or "utf-16")
    if enc == "utf-32":
        return len(s)
    if enc == "utf-8":
        return len(s.encode("utf-8", "surrogatepass"))
    return len(s) + sum(1 for c in s if ord(c) > 0xFFFF)


def to_position(lines: list[str], line: int, column: int, encoding: Any = "utf-16", bom: int = 0) -> types.Position:
    """Engine position (1-based line, 1-based code-point column) -> LSP Position."""
    li = max(0, line - 1)
    if li >= len(lines):
        return types.Position(line=len(lines) - 1, character=units(lines[-1], encoding))
    text = lines[li]
    cp = max(0, column - 1) + (bom if li == 0 else 0)
    return types.Position(line=li, character=units(text[:cp], encoding))


def error_diagnostic(message: str, lines: list[str], encoding: Any = "utf-16") -> types.Diagnostic:
    """A citation/config/input problem: one error on the article's first line."""
    end = types.Position(line=0, character=units(lines[0], encoding) if lines else 0)
    related = None
    m = _ERROR_AT.match(message)
    if m and os.path.isfile(m.group("file")):
        ln = int(m.group("line")) - 1
        col = int(m.group("col") or 1) - 1
        pos = types.Position(line=max(0, ln), character=max(0, col))
        related = [types.DiagnosticRelatedInformation(
            location=types.Location(uri=from_fs_path(os.path.abspath(m.group("file"))) or m.group("file"),
                                    range=types.Range(start=pos, end=pos)),
            message=message[m.end():])]
    return types.Diagnostic(range=types.Range(start=types.Position(line=0, character=0), end=end),
                            message=message, severity=types.DiagnosticSeverity.Error, source=SOURCE,
                            related_information=related)


def hover_markdown(d: Diagnostic, rule, citation: str | None) -> str:
    parts = [f"**{d.code} {d.name}** ({d.category}, {d.severity})", "", d.message]
    if d.evidence:
        where = f" ({os.path.basename(citation)})" if citation else ""
        parts += ["", f"**The citation says:** `{d.evidence}`{where}"]
    if d.replacements:
        label = "**Fix:** " if d.fix == "safe" else "**Suggested wording** (adapt it to the sentence): "
        parts += ["", label + "; ".join(f"“{r}”" for r in d.replacements)]
    if rule is not None:
        doc = rule.docs
        parts += ["", "---", "", f"**What it flags:** {doc.flags}", "", f"**Why it matters:** {doc.why}", "",
                  f"**Source:** {doc.source}", "", f"**Example:** {doc.example}", "", f"**Rewrite:** {doc.rewrite}"]
    return "\n".join(parts)


def _before(a: types.Position, b: types.Position) -> bool:
    return (a.line, a.character) < (b.line, b.character)


def _overlaps(r: types.Range, s: types.Range) -> bool:
    """Ranges touch or overlap (an empty range at the edge of a finding counts)."""
    return not (_before(r.end, s.start) or _before(s.end, r.start))


def _warm_up() -> None:
    try:
        lint_buffer(os.path.join(os.getcwd(), "_warmup.md"), "Warm up: a phase 2 trial cured it.")
    except Exception:  # pragma: no cover - only a speed-up
        log.debug("warm-up failed", exc_info=True)


def _is_config_or_citation(uri: str) -> bool:
    path = (to_fs_path(uri) or uri).lower()
    return path.endswith((".yaml", ".yml")) or os.path.basename(path) in CONFIG_NAMES


def build_server() -> SciencelintServer:
    server = SciencelintServer()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: SciencelintServer, params: types.InitializedParams) -> None:
        # warm the NLP pipeline and rules so the first lint is fast
        asyncio.get_running_loop().run_in_executor(ls.executor, _warm_up)
        caps = ls.client_capabilities
        dyn = getattr(getattr(getattr(caps, "workspace", None), "did_change_watched_files", None),
                      "dynamic_registration", False)
        if dyn:
            reg = types.Registration(
                id="sciencelint-watch-citations",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCH_GLOBS]))
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[reg]))
            except Exception as exc:  # the client said no: didSave still works
                log.warning("could not register file watchers: %s", exc)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: SciencelintServer, params: types.DidOpenTextDocumentParams) -> None:
        if ls.is_article(params.text_document.uri):
            ls.schedule(params.text_document.uri, 0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: SciencelintServer, params: types.DidChangeTextDocumentParams) -> None:
        if ls.is_article(params.text_document.uri):
            ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: SciencelintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _is_config_or_citation(uri):
            reset_caches(rules=True)
            ls.lint_all()
        elif ls.is_article(uri):
            ls.schedule(uri, 0.0)  # front matter may now name another citation

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: SciencelintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        h = ls.pending.pop(uri, None)
        if h is not None:
            h.cancel()
        if ls.linted.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: SciencelintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(_is_config_or_citation(c.uri) for c in params.changes):
            reset_caches(rules=any(os.path.basename(to_fs_path(c.uri) or c.uri) in CONFIG_NAMES
                                   for c in params.changes))
            ls.lint_all()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: SciencelintServer, params: types.HoverParams) -> types.Hover | None:
        linted = ls.linted.get(params.text_document.uri)
        if linted is None:
            return None
        pos = params.position
        here = [(lsp, d) for lsp, d in linted.lsp
                if not _before(pos, lsp.range.start) and not _before(lsp.range.end, pos)]
        if not here:
            return None
        # the finding on these words first; whole-article caveats after
        here.sort(key=lambda x: (x[1] is None or not x[1].match, (x[1].end - x[1].start) if x[1] else 0))
        doc = ls.workspace.text_documents.get(params.text_document.uri)
        path = to_fs_path(params.text_document.uri) or _fake_path(params.text_document.uri,
                                                                   doc.language_id if doc else None)
        codes = {r.code: r for r in rules_for(path)}
        blocks = []
        for lsp, d in here:
            if d is None:
                blocks.append(f"**sciencelint could not check this article**\n\n{lsp.message}")
            else:
                blocks.append(hover_markdown(d, codes.get(d.code), linted.result.citation))
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                        value="\n\n---\n\n".join(blocks)),
                           range=here[0][0].range)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: SciencelintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        ours = [d for d in params.context.diagnostics if d.source == SOURCE]
        if not ours:  # some clients send no context: use what we published
            linted = ls.linted.get(uri)
            ours = [lsp for lsp, _ in linted.lsp if _overlaps(lsp.range, params.range)] if linted else []
        actions = []
        for diag in ours:
            data = diag.data if isinstance(diag.data, dict) else {}
            if data.get("fix") != "safe":
                continue  # a suggested wording is shown in the hover, never applied blindly
            reps = data.get("replacements") or ()
            match = data.get("match", "")
            for i, rep in enumerate(reps):
                actions.append(types.CodeAction(
                    title=f"Replace “{match}” with “{rep}”" if match else f"Replace with “{rep}”",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=(i == 0 and len(reps) == 1),
                    edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=diag.range, new_text=rep)]})))
        return actions

    return server


def serve() -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="sciencelint-server %(levelname)s: %(message)s")
    server = build_server()
    server.start_io()
    # pygls swallows the SystemExit of the `exit` notification: report its code ourselves
    return 0 if getattr(server.protocol, "_shutdown", False) else 1
