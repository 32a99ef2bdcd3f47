"""The language server, spoken to over real JSON-RPC on its stdio (``python -m lint server``)."""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from support import CASE_SERIES_CITATION

from lint.server import to_position, units

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 15.0

CITATION = CASE_SERIES_CITATION

RCT_CITATION = """\
title: "Stem cells in spinal cord injury: a randomised trial"
journal: The Lancet
published: 2021
status: peer-reviewed
study:
  design: rct
  phase: 2
  randomized: true
  blinding: double
  control: placebo
  subjects: humans
  sample_size: 400
  condition: spinal cord injury
"""

# an astral-plane character (two UTF-16 code units) before each finding on line 3
DRAFT = (
    "# Stem cells for spinal cord injury\n"
    "\n"
    "In 🧪 news, a phase 2 clinical trial of stem cells cured spinal cord injury in 14 patients.\n"
)


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def lsp_range(text: str, needle: str, line: int) -> dict:
    """The LSP range (0-based line, UTF-16 columns) of the first ``needle`` on ``line``."""
    src = text.split("\n")[line]
    i = src.index(needle)
    return {"start": {"line": line, "character": utf16(src[:i])},
            "end": {"line": line, "character": utf16(src[:i + len(needle)])}}


class Client:
    """A minimal LSP client: Content-Length framing, requests, notifications, and
    null answers to the server's own requests (client/registerCapability ...)."""

    def __init__(self, cwd: Path):
        self.stderr = open(cwd / "server.stderr", "w+b")
        env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        self.proc = subprocess.Popen([sys.executable, "-m", "lint", "server"], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr)
        self.messages: queue.Queue = queue.Queue()
        self.server_requests: list[dict] = []
        self.next_id = 0
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.decode("ascii").partition(":")
                headers[k.strip().lower()] = v.strip()
            body = out.read(int(headers["content-length"]))
            msg = json.loads(body.decode("utf-8"))
            if "method" in msg and "id" in msg:  # a request from the server
                self.server_requests.append(msg)
                self._send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
            else:
                self.messages.put(msg)

    def _send(self, msg: dict) -> None:
        body = json.dumps(msg).encode("utf-8")
        with self.lock:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.proc.stdin.flush()

    def notify(self, method: str, params: dict | None = None) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict | None = None):
        self.next_id += 1
        rid = self.next_id
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        msg = self.wait(lambda m: m.get("id") == rid and "method" not in m, f"answer to {method}")
        assert "error" not in msg, msg["error"]
        return msg["result"]

    def wait(self, pred, what: str) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while True:
            left = deadline - time.monotonic()
            try:
                msg = self.messages.get(timeout=max(0.01, left))
            except queue.Empty:
                msg = "timeout"
            if msg is None or msg == "timeout" or left <= 0:
                self.stderr.seek(0)
                raise AssertionError(f"no {what} ({msg or 'server closed its output'}); server stderr:\n"
                                     + self.stderr.read().decode(errors="replace")[-3000:])
            if pred(msg):
                return msg

    def diagnostics(self, uri: str, version: int | None = None, what: str = "diagnostics") -> dict:
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri
                         and (version is None or m["params"].get("version") == version), what)["params"]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        self.stderr.close()


@pytest.fixture
def client(tmp_path):
    c = Client(tmp_path)
    yield c
    c.close()


def by_code(diags: list[dict]) -> dict[str, dict]:
    return {d.get("code"): d for d in diags}


def test_positions_count_utf16_units():
    lines = ["a🧪b phase"]
    assert to_position(lines, 1, 5).character == 5  # after "a🧪b " : 1 + 2 + 1 + 1
    assert to_position(lines, 1, 5, "utf-32").character == 4
    assert to_position(lines, 1, 5, "utf-8").character == 7
    assert to_position(["\ufeffab"], 1, 2, bom=1).character == 2  # the engine does not count a BOM
    assert units("🧪", "utf-16") == 2


def test_crlf_and_emoji_ranges(tmp_path):
    from lint.server import SciencelintServer

    (tmp_path / "d.citation.yaml").write_text(CITATION, encoding="utf-8")
    text = DRAFT.replace("\n", "\r\n")
    from lint.api import lint_buffer

    result = lint_buffer(str(tmp_path / "d.md"), text)
    assert result.error is None
    lsp = {d.code: d.range for d, _ in SciencelintServer.to_lsp(None, text, result, "utf-16")}
    want = lsp_range(DRAFT, "phase 2 clinical trial", 2)
    assert (lsp["SJ201"].start.line, lsp["SJ201"].start.character, lsp["SJ201"].end.character) == \
        (2, want["start"]["character"], want["end"]["character"])


def test_language_server_session(client, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    cit = tmp_path / "draft.citation.yaml"
    cit.write_text(CITATION, encoding="utf-8")
    uri = draft.as_uri()

    init = client.request("initialize", {
        "processId": os.getpid(), "rootUri": tmp_path.as_uri(),
        "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}},
                         "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]},
                                          "codeAction": {"codeActionLiteralSupport": {
                                              "codeActionKind": {"valueSet": ["quickfix"]}}}}}})
    caps = init["capabilities"]
    assert caps["hoverProvider"] and caps["codeActionProvider"]
    assert init["serverInfo"]["name"] == "sciencelint"
    client.notify("initialized", {})

    # 1. didOpen -> diagnostics with 0-based UTF-16 ranges
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": DRAFT}})
    pub = client.diagnostics(uri, 1, "diagnostics after didOpen")
    diags = by_code(pub["diagnostics"])
    assert {"SJ201", "SJ101"} <= set(diags), pub
    phase = diags["SJ201"]
    assert phase["range"] == lsp_range(DRAFT, "phase 2 clinical trial", 2)
    assert phase["range"]["start"]["character"] == 14  # 13 code points, one of them astral
    assert phase["severity"] == 1 and phase["source"] == "sciencelint"
    assert phase["data"]["replacements"] == ["case series of 13 patients"]
    assert diags["SJ101"]["range"] == lsp_range(DRAFT, "cured", 2)
    assert all(d["severity"] in (1, 2, 3) for d in pub["diagnostics"])

    # the watchers were registered dynamically
    regs = [r for r in client.server_requests if r["method"] == "client/registerCapability"]
    assert regs, client.server_requests
    reg = regs[0]["params"]["registrations"][0]
    assert reg["method"] == "workspace/didChangeWatchedFiles"
    globs = {w["globPattern"] for w in reg["registerOptions"]["watchers"]}
    assert {"**/*.citation.yaml", "**/.sciencelint.yaml"} <= globs

    # 2. didChange (incremental, two quick edits): only the newest version is published
    prefix = "Reportedly 🎉 "
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}},
                            "text": "Oops "}]})
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 5}},
                            "text": prefix}]})
    text3 = DRAFT.replace("In 🧪", prefix + "In 🧪")
    pub = client.diagnostics(uri, None, "diagnostics after didChange")
    assert pub["version"] == 3, "a stale version was published"
    diags = by_code(pub["diagnostics"])
    assert diags["SJ201"]["range"] == lsp_range(text3, "phase 2 clinical trial", 2)
    assert diags["SJ101"]["range"] == lsp_range(text3, "cured", 2)

    # 3. code actions: a suggested wording ("case series of 13 patients" for "phase 2
    # clinical trial") is not safe to apply as-is ("a case series" needs its article), so
    # it is shown in the hover and never offered as an edit; safe fixes are (test below)
    assert diags["SJ201"]["data"]["fix"] == "unsafe"
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diags["SJ201"]["range"],
        "context": {"diagnostics": [diags["SJ201"]]}})
    assert actions == []
    # without context diagnostics the server uses what it published
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diags["SJ101"]["range"], "context": {"diagnostics": []}})
    assert actions == []
    # the citation's sample size for a wrong "14" is a safe fix: offered, and preferred
    assert diags["SJ501"]["data"]["fix"] == "safe"
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diags["SJ501"]["range"],
        "context": {"diagnostics": [diags["SJ501"]]}})
    [fix] = actions
    assert fix["kind"] == "quickfix" and fix["isPreferred"] is True
    assert fix["edit"]["changes"][uri][0] == {"range": diags["SJ501"]["range"], "newText": "13"}

    # 4. hover over "cured": the rule's docs and the citation's evidence, in Markdown
    start = diags["SJ101"]["range"]["start"]
    hover = client.request("textDocument/hover", {
        "textDocument": {"uri": uri}, "position": {"line": start["line"], "character": start["character"] + 2}})
    assert hover["contents"]["kind"] == "markdown"
    md = hover["contents"]["value"]
    for part in ("SJ101", "cure-claim", "study.design = case-series", "Why it matters", "Example", "Rewrite",
                 "Suggested wording"):
        assert part in md, md
    assert client.request("textDocument/hover", {
        "textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}) is None

    # 5. the citation changes on disk -> every open article is re-linted
    cit.write_text(RCT_CITATION, encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": cit.as_uri(), "type": 2}]})
    pub = client.diagnostics(uri, 3, "diagnostics after the citation changed")
    assert "SJ201" not in by_code(pub["diagnostics"]), pub

    # 6. a broken citation is one error on line 1, not a crash
    cit.write_text(CITATION.replace("journal:", "jornal:"), encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": cit.as_uri(), "type": 2}]})
    pub = client.diagnostics(uri, 3, "diagnostics for a broken citation")
    assert len(pub["diagnostics"]) == 1, pub
    err = pub["diagnostics"][0]
    assert err["severity"] == 1 and err["range"]["start"] == {"line": 0, "character": 0}
    assert "jornal" in err["message"] and "draft.citation.yaml" in err["message"]

    # ... and saving a fixed citation in the editor brings the findings back
    cit.write_text(CITATION, encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": cit.as_uri()}})
    pub = client.diagnostics(uri, 3, "diagnostics after saving the citation")
    assert "SJ201" in by_code(pub["diagnostics"])

    # 7. close clears the diagnostics; shutdown + exit end the process with status 0
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri, None, "cleared diagnostics")["diagnostics"] == []
    assert client.request("shutdown") is None
    client.notify("exit")
    assert client.proc.wait(TIMEOUT) == 0
