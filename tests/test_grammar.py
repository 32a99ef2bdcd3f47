"""Grammar findings through LanguageTool (lint/grammar.py).

No internet and no real LanguageTool: a loopback HTTP server started here speaks
LanguageTool's documented HTTP API (``GET /v2/languages``, ``POST /v2/check`` answering
``{"software", "language", "matches": [...]}``), computing its matches from the text it
receives: every "teh" (misspelling, suggests "the") and every doubled word
(duplication).  The real language-tool-python client talks to it through the public
command line.
"""
from __future__ import annotations

import json
import os
import re
import socket
import stat
import subprocess
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("language_tool_python")

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent

LANGUAGES = [
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]


def _utf16(text: str, i: int) -> int:
    """LanguageTool counts offsets in UTF-16 code units (Java strings)."""
    return len(text[:i].encode("utf-16-le")) // 2


def _match(text: str, start: int, end: int, message: str, short: str, reps: list[str], rule: dict) -> dict:
    cstart = max(0, start - 40)
    ctext = text[cstart : end + 40].replace("\n", " ")
    sent_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    sent_end = min([i for i in (text.find(".", end), text.find("\n", end)) if i >= 0] or [len(text)])
    return {
        "message": message,
        "shortMessage": short,
        "replacements": [{"value": r} for r in reps],
        "offset": _utf16(text, start),
        "length": _utf16(text, end) - _utf16(text, start),
        "context": {"text": ctext, "offset": _utf16(ctext, start - cstart), "length": _utf16(text, end) - _utf16(text, start)},
        "sentence": text[sent_start : sent_end + 1].strip(),
        "type": {"typeName": "Other"},
        "rule": rule,
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


SPELLING = {"id": "MORFOLOGIK_RULE_EN_US", "description": "Possible spelling mistake", "issueType": "misspelling",
            "category": {"id": "TYPOS", "name": "Possible Typo"}}
REPEAT = {"id": "ENGLISH_WORD_REPEAT_RULE", "description": "Word repetition (e.g. 'will will')",
          "issueType": "duplication", "category": {"id": "MISC", "name": "Miscellaneous"}}


def lt_matches(text: str) -> list[dict]:
    out = []
    for m in re.finditer(r"\bteh\b", text, re.I):
        out.append(_match(text, m.start(), m.end(), "Possible spelling mistake found.", "Spelling mistake",
                          ["the", "ten", "tech", "Tet"], SPELLING))
    for m in re.finditer(r"\b(\w+) (\1)\b", text, re.I):
        out.append(_match(text, m.start(), m.end(), "Possible typo: you repeated a word.", "Word repetition",
                          [m.group(1)], REPEAT))
    return sorted(out, key=lambda d: d["offset"])


class FakeLanguageTool(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int = 0):
        super().__init__(("127.0.0.1", port), _Handler)
        self.log: list[tuple[str, str, dict]] = []  # (method, path, form)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def checks(self) -> list[dict]:
        return [form for method, path, form in self.log if path == "/v2/check"]


class _Handler(BaseHTTPRequestHandler):
    server: FakeLanguageTool

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body) -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        self.server.log.append(("GET", path, {}))
        if path == "/v2/languages":
            self._send(200, LANGUAGES)
        elif path == "/v2/healthcheck":
            self._send(200, {"status": "ok"})
        else:
            self._send(404, {"error": "not found"})

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        n = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(n).decode("utf-8")).items()}
        self.server.log.append(("POST", path, form))
        if path != "/v2/check":
            self._send(404, {"error": "not found"})
            return
        text = form.get("text", "")
        self._send(200, {
            "software": {"name": "LanguageTool", "version": "6.6", "buildDate": "2025-03-27", "apiVersion": 1,
                         "premium": False, "status": ""},
            "language": {"name": "English (US)", "code": "en-US",
                         "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 0.99}},
            "matches": lt_matches(text),
        })


def serve_forever_on(port: int) -> None:
    """Entry point of the fake ``java`` below: a LanguageTool server on ``port``."""
    FakeLanguageTool(port).serve_forever()


@pytest.fixture
def lt():
    server = FakeLanguageTool()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# The article: front matter, a code span, a URL, CRLF line ends, a quote, a non-BMP
# character before a match.  Every "teh" outside front matter, code, URL and quote is a
# finding; so are the doubled words outside the quote.
ARTICLE = (
    "---\r\n"
    "title: teh front matter is not sent\r\n"
    "---\r\n"
    "# Teh results\r\n"
    "\r\n"
    "Researchers said teh drug `teh` worked; see https://example.org/teh for details.\r\n"
    "\r\n"
    "\u201cWe saw teh the effect,\u201d said Jane Doe.\r\n"
    "\r\n"
    "The the study had 13 patients \U0001F389 and teh results held.\r\n"
    "\r\n"
    "Pass it to `run` to start teh\r\n"
    "\r\n"
    "```\r\n"
    "teh code block\r\n"
    "```\r\n"
    "\r\n"
    "After the code.\r\n"
)
EXPECTED = [  # (line, column, end_column, code, match, replacements)
    (4, 3, 6, "LT:MORFOLOGIK_RULE_EN_US", "Teh", ["the", "ten", "tech"]),
    (6, 18, 21, "LT:MORFOLOGIK_RULE_EN_US", "teh", ["the", "ten", "tech"]),
    (10, 1, 8, "LT:ENGLISH_WORD_REPEAT_RULE", "The the", ["The"]),
    (10, 37, 40, "LT:MORFOLOGIK_RULE_EN_US", "teh", ["the", "ten", "tech"]),
    (12, 27, 30, "LT:MORFOLOGIK_RULE_EN_US", "teh", ["the", "ten", "tech"]),
]


@pytest.fixture
def article(tmp_path: Path):
    def make(server_url: str | None, extra: str = "") -> Path:
        (tmp_path / "draft.md").write_bytes(ARTICLE.encode("utf-8"))
        cfg = "languagetool:\n" + (f"  server: {server_url}\n" if server_url else "  language: en-US\n") + extra
        (tmp_path / ".sciencelint.yaml").write_text(cfg, encoding="utf-8")
        return tmp_path / "draft.md"
    return make


def cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    e.pop("LTP_PATH", None)
    e["HOME"] = str(cwd)  # language-tool-python's download folder would be under here: it must stay empty
    if env:
        e.update(env)
    return subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, env=e, capture_output=True, text=True,
                          timeout=120)


def grammar_diags(proc: subprocess.CompletedProcess) -> list[dict]:
    data = json.loads(proc.stdout)
    return [d for f in data["files"] for d in f.get("diagnostics", []) if d["category"] == "grammar"]


def test_findings_have_exact_positions(lt, article):
    path = article(lt.url)
    proc = cli("check", "--grammar", "--format", "json", str(path), cwd=path.parent)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr and "warning" not in proc.stderr, proc.stderr
    got = [(d["line"], d["column"], d["end_column"], d["code"], d["match"], d["replacements"])
           for d in grammar_diags(proc)]
    assert got == EXPECTED
    d = grammar_diags(proc)[0]
    assert d["name"] == "morfologik-rule-en-us" and d["severity"] == "warning" and d["end_line"] == 4
    assert d["message"] == "Possible spelling mistake found."
    # one request per document, with the prose only
    checks = lt.checks()
    assert len(checks) == 1
    sent = checks[0]["text"]
    assert checks[0]["language"] == "en-US"
    assert "front matter" not in sent and "example.org" not in sent and "code block" not in sent
    assert "`" not in sent and "\r" not in sent
    assert sent.startswith("Teh results\n\nResearchers said teh drug")


def test_no_finding_inside_a_quote(lt, article):
    path = article(lt.url)
    proc = cli("check", "--grammar", "--format", "json", str(path), cwd=path.parent)
    assert not [d for d in grammar_diags(proc) if d["line"] == 8]
    assert "We saw teh the effect" in lt.checks()[0]["text"]  # sent (context), but not reported


def test_one_request_per_document_in_a_folder_run(lt, article, tmp_path):
    article(lt.url)
    (tmp_path / "second.md").write_text("A second draft with teh typo.\n", encoding="utf-8")
    proc = cli("check", "--grammar", "--format", "json", str(tmp_path), cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert len(lt.checks()) == 2
    assert sum(1 for m, p, _ in lt.log if p == "/v2/languages") == 1  # one client per process
    second = [d for d in grammar_diags(proc) if d["line"] == 1]
    assert [(d["column"], d["match"]) for d in second] == [(21, "teh")]


def test_unreachable_server_warns_once_and_keeps_exit_status(article, tmp_path):
    url = f"http://127.0.0.1:{closed_port()}"
    article(url)
    (tmp_path / "second.md").write_text("A second draft with teh typo.\n", encoding="utf-8")
    without = cli("check", "--format", "json", str(tmp_path), cwd=tmp_path)
    proc = cli("check", "--grammar", "--format", "json", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == without.returncode
    assert "Traceback" not in proc.stderr
    warnings = [ln for ln in proc.stderr.splitlines() if "warning" in ln]
    assert warnings == [f"sciencelint: warning: LanguageTool server {url} unreachable (connection refused); "
                        "grammar checks skipped"]
    assert grammar_diags(proc) == []
    assert json.loads(proc.stdout)["files"][0]["diagnostics"] == json.loads(without.stdout)["files"][0]["diagnostics"]
    assert not (tmp_path / ".cache").exists()  # nothing downloaded


def test_silent_server_times_out(article, tmp_path):
    """A server that accepts the connection but never answers: the configured timeout."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(8)  # never accepted, never answered
    try:
        url = f"http://127.0.0.1:{s.getsockname()[1]}"
        path = article(url, "  timeout: 1\n")
        proc = cli("check", "--grammar", "--format", "json", str(path), cwd=tmp_path)
    finally:
        s.close()
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == (f"sciencelint: warning: LanguageTool server {url} unreachable "
                                   "(no answer within 1 s); grammar checks skipped")


def test_no_server_configured_warns(article, tmp_path):
    path = article(None)
    proc = cli("check", "--grammar", "--format", "concise", str(path), cwd=tmp_path)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr
    assert proc.stderr.count("warning") == 1
    assert "no LanguageTool server configured" in proc.stderr and "grammar checks skipped" in proc.stderr


def test_grammar_off_sends_nothing(lt, article):
    path = article(lt.url)
    proc = cli("check", "--format", "json", str(path), cwd=path.parent)
    assert grammar_diags(proc) == [] and lt.log == []


def test_grammar_true_in_config(lt, article):
    path = article(lt.url, "grammar: true\n")
    proc = cli("check", "--format", "json", str(path), cwd=path.parent)
    assert len(grammar_diags(proc)) == len(EXPECTED)


def _lt_selectors_accepted() -> bool:
    """``--select LT:...`` needs ``lint.engine.check_selectors`` to accept codes that start
    with ``LT:`` (LanguageTool rules are not among the YAML rules it checks against)."""
    from lint.engine import check_selectors
    from lint.errors import ConfigError

    try:
        check_selectors(["LT:"], [], "--select")
    except ConfigError:
        return False
    return True


needs_lt_selectors = pytest.mark.skipif(not _lt_selectors_accepted(),
                                        reason="lint.engine.check_selectors does not accept LT: codes yet")


def test_ignore_grammar(lt, article):
    path = article(lt.url)
    proc = cli("check", "--grammar", "--ignore", "grammar", "--format", "json", str(path), cwd=path.parent)
    assert proc.returncode in (0, 1), proc.stderr
    assert grammar_diags(proc) == []


@needs_lt_selectors
def test_ignore_one_lt_rule(lt, article):
    path = article(lt.url)
    proc = cli("check", "--grammar", "--ignore", "LT:ENGLISH_WORD_REPEAT_RULE", "--format", "json", str(path),
               cwd=path.parent)
    assert proc.returncode in (0, 1), proc.stderr
    assert {d["code"] for d in grammar_diags(proc)} == {"LT:MORFOLOGIK_RULE_EN_US"}


@needs_lt_selectors
def test_select_lt_prefix(lt, article):
    path = article(lt.url)
    proc = cli("check", "--grammar", "--select", "LT:", "--format", "json", str(path), cwd=path.parent)
    assert proc.returncode in (0, 1), proc.stderr
    diags = [d for f in json.loads(proc.stdout)["files"] for d in f.get("diagnostics", [])]
    assert diags and all(d["code"].startswith("LT:") for d in diags)
    assert len(diags) == len(EXPECTED)


def test_full_format_shows_caret_and_suggestion(lt, article):
    path = article(lt.url)
    proc = cli("check", "--grammar", "--select", "grammar", "--format", "full", str(path), cwd=path.parent)
    assert f"{path}:4:3: LT:MORFOLOGIK_RULE_EN_US warning: Possible spelling mistake found." in proc.stdout
    assert f"{path}:10:1: LT:ENGLISH_WORD_REPEAT_RULE warning:" in proc.stdout


def test_directory_mode_starts_the_server_itself(tmp_path, article):
    """``languagetool.directory``: sciencelint runs ``java -cp DIR/languagetool-server.jar
    org.languagetool.server.HTTPServer --port P``; here ``java`` is a stand-in that
    serves the fake API on that port."""
    lt_dir = tmp_path / "LanguageTool-6.6"
    lt_dir.mkdir()
    (lt_dir / "languagetool-server.jar").write_bytes(b"not really a jar")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    java = bin_dir / "java"
    java.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        f"sys.path.insert(0, {str(TESTS)!r})\n"
        "args = sys.argv[1:]\n"
        "assert args[0] == '-cp' and args[1].endswith('languagetool-server.jar'), args\n"
        "assert args[2] == 'org.languagetool.server.HTTPServer' and args[3] == '--port', args\n"
        "from test_grammar import serve_forever_on\n"
        "serve_forever_on(int(args[4]))\n",
        encoding="utf-8",
    )
    java.chmod(java.stat().st_mode | stat.S_IXUSR)
    path = article(None, f"  directory: {lt_dir.name}\n")
    proc = cli("check", "--grammar", "--format", "json", str(path), cwd=tmp_path,
               env={"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"})
    assert proc.returncode in (0, 1), proc.stderr
    assert "warning" not in proc.stderr, proc.stderr
    got = [(d["line"], d["column"], d["end_column"], d["code"], d["match"], d["replacements"])
           for d in grammar_diags(proc)]
    assert got == EXPECTED


def test_directory_without_languagetool_warns(tmp_path, article):
    path = article(None, "  directory: nowhere\n")
    proc = cli("check", "--grammar", "--format", "json", str(path), cwd=tmp_path)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr
    assert "sciencelint: warning: LanguageTool in " in proc.stderr
    assert "no languagetool-server.jar" in proc.stderr and proc.stderr.count("warning") == 1


def test_never_downloads(monkeypatch):
    """The client sciencelint uses refuses to start (so to download) a LanguageTool."""
    from language_tool_python import download_lt

    from lint import grammar

    def boom(*a, **k):
        raise AssertionError("download attempted")

    monkeypatch.setattr(download_lt.ReleaseLocalLanguageTool, "download", boom)
    monkeypatch.setattr(download_lt.SnapshotLocalLanguageTool, "download", boom)
    cls = grammar._client_class(5.0)
    with pytest.raises(Exception, match="does not let language-tool-python"):
        cls("en-US")  # no remote_server: the library would start (and first download) its own


def test_in_process_api(lt):
    """``lint.grammar.check`` on a parsed document: Findings with doc.text offsets and
    cached rules."""
    from lint import grammar
    from lint.document import parse

    doc = parse("Teh start.\n\nAnother teh here.\n", "x.md")
    found = grammar.check(doc, {"server": lt.url, "timeout": 5})
    assert [doc.text[f.start:f.end] for f in found] == ["Teh", "teh"]
    assert found[0].rule is found[1].rule
    r = found[0].rule
    assert (r.code, r.name, r.category, r.severity) == ("LT:MORFOLOGIK_RULE_EN_US", "morfologik-rule-en-us",
                                                        "grammar", "warning")
    assert r.docs.source == "LanguageTool rule MORFOLOGIK_RULE_EN_US (category TYPOS)"
    assert r.docs.flags == "Possible spelling mistake"
    assert found[0].replacements == ["the", "ten", "tech"]
