"""Grammar and spelling findings (category ``grammar``) from a LanguageTool server.

``check(doc, settings)`` is called by ``lint.engine.run_rules`` when grammar checking is
on (``--grammar`` or ``grammar: true``).  ``settings`` is the ``languagetool`` config
mapping, every key optional::

    languagetool:
      server: http://localhost:8081   # a running LanguageTool HTTP server
      directory: ~/LanguageTool-6.6   # or: an unpacked LanguageTool release to start
      language: en-US                 # default en-US
      timeout: 30                     # seconds per request (default 30)

``server`` wins when both are given.  With ``directory``, sciencelint starts
``java -cp DIR/languagetool-server.jar org.languagetool.server.HTTPServer`` itself on a
free loopback port (once per process, stopped at exit) and talks to it like to any
other server.

The HTTP client is language-tool-python's ``LanguageTool``, always in remote-server
mode.  language-tool-python downloads LanguageTool only from
``LanguageTool._start_local_server`` (via ``LocalLanguageTool.download``), which it calls
only when no ``remote_server`` is given; sciencelint always gives one, and its client
subclass also overrides ``_start_local_server`` to refuse, so nothing is ever downloaded.

One request per document: the prose of the body blocks (headings, paragraphs, list
items, block quotes, table cells; front matter, code, URLs, link targets, reference
lists and reader comments are not in it), blocks separated by blank lines.  Matches
inside quoted speech, and matches next to text the linter removed (inline code, a URL),
are dropped.

Each LanguageTool rule becomes a ``Rule`` once per process: code ``LT:<RULE_ID>``, name
the id lower-cased with ``-`` for ``_``, category ``grammar``.  Severity comes from the
rule's issue type: ``misspelling``, ``grammar`` and ``duplication`` (a doubled word) are
warnings; everything else (``typographical``, ``style``, ``whitespace``,
``uncategorized``, ...) is info.  So grammar findings never fail a run under the
default ``--fail-on error``.

When no server is configured, or it cannot be reached, one warning per server and
process goes to stderr and the document gets no grammar findings; the exit status is
not affected.
"""
from __future__ import annotations

import atexit
import importlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from bisect import bisect_right
from typing import Any

from .document import URL_RE, Document
from .errors import install_advice
from .findings import Finding
from .rules import Docs, Rule

DEFAULT_LANGUAGE = "en-US"
DEFAULT_TIMEOUT = 30.0
RETRY_AFTER = 60.0  # seconds before a failed server is tried again (matters to the language server)
MAX_REPLACEMENTS = 3
WARNING_TYPES = frozenset({"misspelling", "grammar", "duplication"})

_RULES: dict[str, Rule] = {}
_CLIENTS: dict[tuple, Any] = {}
_FAILED: dict[str, float] = {}  # server -> when it last failed
_WARNED: set[str] = set()
_STARTED: dict[str, tuple[subprocess.Popen, str]] = {}  # directory -> (process, url)


class Unavailable(Exception):
    """The LanguageTool server cannot be used; ``where`` names it."""

    def __init__(self, where: str, reason: str):
        super().__init__(reason)
        self.where = where
        self.reason = reason


# ---------------------------------------------------------------------------------
# the entry point


def check(doc: Document, settings: dict | None) -> list[Finding]:
    settings = dict(settings or {})
    text, pieces = body_text(doc)
    if not text.strip():
        return []
    where = _describe(settings)
    if where in _FAILED and time.monotonic() - _FAILED[where] < RETRY_AFTER:
        return []
    try:
        tool = _client(settings)
        matches = tool.check(text)
        raw = getattr(tool, "last_raw", None) or {}
    except Unavailable as exc:
        _fail(exc.where, exc.reason)
        return []
    except Exception as exc:
        _fail(where, _reason(exc, settings))
        return []
    _FAILED.pop(where, None)
    info: dict[str | None, dict[str, Any]] = {}  # rule id -> the rule's raw JSON
    for m in (raw.get("matches") or []) if isinstance(raw, dict) else []:
        r = m.get("rule") or {}
        info.setdefault(r.get("id"), r)
    out: list[Finding] = []
    for m in matches:
        span = _to_doc(text, pieces, m.offset, m.error_length)
        if span is None:
            continue
        start, end = span
        if end <= start or doc.quote_at(start, end) is not None or _touches_removed(doc, start, end):
            continue
        rule = rule_for(m.rule_id, m.category, m.rule_issue_type, info.get(m.rule_id) or {}, m)
        reps = [r for r in (m.replacements or []) if r != doc.text[start:end]][:MAX_REPLACEMENTS]
        out.append(Finding(rule, start, end, _clean_message(m.message) or rule.docs.flags, replacements=reps,
                           fix_safe=True))  # LanguageTool suggests drop-in corrections
    return out


def body_text(doc: Document) -> tuple[str, list[tuple[int, int, int]]]:
    """The text sent to LanguageTool (body blocks joined by blank lines) and its pieces:
    (offset in that text, offset in ``doc.text``, length), one per block."""
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    pos = 0
    for b in doc.blocks:
        if b.section != "body" or not b.text:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        pieces.append((pos, b.doc_start, len(b.text)))
        parts.append(b.text)
        pos += len(b.text)
    return "".join(parts), pieces


def _to_doc(text: str, pieces: list[tuple[int, int, int]], offset: int, length: int) -> tuple[int, int] | None:
    """Offsets in ``doc.text`` of a match in the sent text (clipped to its block)."""
    # LanguageTool counts UTF-16 units; language-tool-python corrects the offset, not the length
    end, units = offset, 0
    while units < length and end < len(text):
        units += 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    i = bisect_right([p[0] for p in pieces], offset) - 1
    if i < 0:
        return None
    sent, dstart, n = pieces[i]
    if offset >= sent + n:  # in a block separator
        return None
    return dstart + offset - sent, dstart + min(end, sent + n) - sent


def _touches_removed(doc: Document, start: int, end: int) -> bool:
    """Does the match, with one character either side, span code or a URL the linter
    removed (so LanguageTool saw text the author did not write)?"""
    text = doc.text
    lo_i = start - 1 if start > 0 and text[start - 1] != "\n" else start  # not across a block separator
    hi_i = end if end < len(text) and text[end] != "\n" else end - 1
    lo, hi = doc.doc_map[lo_i], doc.doc_map[hi_i] + 1
    gap = doc.source[lo:hi]
    return "`" in gap or URL_RE.search(gap) is not None


_TAG_RE = re.compile(r"</?suggestion>")


def _clean_message(msg: str) -> str:
    return " ".join(_TAG_RE.sub(lambda m: "”" if m.group(0).startswith("</") else "“", msg or "").split())


# ---------------------------------------------------------------------------------
# rules


def rule_for(rule_id: str, category: str, issue_type: str, raw: dict, match: Any = None) -> Rule:
    """The cached ``Rule`` of a LanguageTool rule id (built from its first match)."""
    hit = _RULES.get(rule_id)
    if hit is not None:
        return hit
    description = (raw.get("description") or "").strip() or f"LanguageTool rule {rule_id}"
    cat = raw.get("category") or {}
    cat_id = cat.get("id") or category or "MISC"
    cat_name = cat.get("name") or cat_id
    itype = issue_type or raw.get("issueType") or "other"
    severity = "warning" if itype in WARNING_TYPES else "info"
    example, rewrite = "", ""
    if match is not None:
        example = (getattr(match, "sentence", "") or getattr(match, "context", "") or "").strip()
        wrong = getattr(match, "matched_text", "")
        reps = getattr(match, "replacements", None) or []
        if example and wrong and reps and wrong in example:
            rewrite = example.replace(wrong, reps[0], 1)
    docs = Docs(
        flags=description,
        why=f"LanguageTool reports this as {itype} ({cat_name}); a slip like this costs a news story "
            "readers' trust.",
        source=f"LanguageTool rule {rule_id} (category {cat_id})",
        example=example or "(an example is shown by LanguageTool's own rule documentation)",
        rewrite=rewrite or "Apply LanguageTool's suggestion, or rephrase.",
    )
    rule = Rule(code=f"LT:{rule_id}", name=rule_id.lower().replace("_", "-"), category="grammar",
                severity=severity, kind="languagetool", message=description, params=None, replacements=[],
                docs=docs, origin="LanguageTool", extra={"issue_type": itype, "category_id": cat_id})
    _RULES[rule_id] = rule
    return rule


# ---------------------------------------------------------------------------------
# the client and the server


def _describe(settings: dict) -> str:
    if settings.get("server"):
        return str(settings["server"])
    if settings.get("directory"):
        return f"in {settings['directory']}"
    return "(none configured)"


def _timeout(settings: dict) -> float:
    try:
        t = float(settings.get("timeout") or DEFAULT_TIMEOUT)
    except (TypeError, ValueError):
        t = DEFAULT_TIMEOUT
    return t if t > 0 else DEFAULT_TIMEOUT


def _client(settings: dict):
    language = str(settings.get("language") or DEFAULT_LANGUAGE)
    timeout = _timeout(settings)
    if settings.get("server"):
        url = str(settings["server"])
        where = url
    elif settings.get("directory"):
        where = f"in {settings['directory']}"
        url = _start_local(str(settings["directory"]), timeout)
    else:
        raise Unavailable("(none configured)", "set languagetool.server or languagetool.directory in config")
    key = (url, language, timeout)
    tool = _CLIENTS.get(key)
    if tool is None:
        try:
            cls = _client_class(timeout)
        except ImportError as exc:
            raise Unavailable(where, f"language-tool-python is not installed ({exc}); "
                              + install_advice("grammar")) from None
        try:
            tool = cls(language, remote_server=url)
        except ValueError as exc:  # unsupported language tag
            raise Unavailable(where, f"language '{language}': {exc}") from None
        except Exception as exc:
            raise Unavailable(where, _reason(exc, settings)) from None
        _CLIENTS[key] = tool
    return tool


_CLASSES: dict[float, type] = {}


def _client_class(timeout: float) -> type:
    """language-tool-python's client, with our timeout, keeping the raw JSON of the last
    check (rule descriptions and category names, which its ``Match`` drops), and unable
    to start (so to download) a LanguageTool of its own."""
    cls = _CLASSES.get(timeout)
    if cls is not None:
        return cls
    import language_tool_python

    # by module name, so that mypy (which sees only the installed release) accepts both places
    try:
        errors = importlib.import_module("language_tool_python.exceptions")
    except ImportError:  # older releases
        errors = importlib.import_module("language_tool_python.utils")
    LanguageToolError = errors.LanguageToolError

    class _Client(language_tool_python.LanguageTool):
        # language-tool-python annotates _TIMEOUT as Literal[300] (its default), though any
        # number of seconds works: it is only passed on as the requests timeout
        _TIMEOUT = timeout  # type: ignore[assignment]
        last_raw: Any = None

        def _query_server(self, url, *args, **kwargs):
            resp = super()._query_server(url, *args, **kwargs)
            if url.endswith("/check") and isinstance(resp, dict):
                self.last_raw = {"matches": [{"rule": dict(m.get("rule") or {})} for m in resp.get("matches") or []]}
            return resp

        def _start_local_server(self) -> None:  # never download or start a LanguageTool
            raise LanguageToolError("sciencelint does not let language-tool-python start or download LanguageTool")

    _CLASSES[timeout] = _Client
    return _Client


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _find_jar(directory: str) -> str | None:
    d = os.path.expanduser(directory)
    if not os.path.isdir(d):
        return None
    nested = sorted((os.path.join(d, n) for n in os.listdir(d) if n.startswith("LanguageTool")), reverse=True)
    for cand in [d] + nested:  # the release folder itself, or the folder it was unpacked in
        jar = os.path.join(cand, "languagetool-server.jar")
        if os.path.isfile(jar):
            return jar
    return None


def _start_local(directory: str, timeout: float) -> str:
    """Start (once per process) the LanguageTool server of an unpacked release; its URL."""
    hit = _STARTED.get(directory)
    if hit is not None and hit[0].poll() is None:
        return hit[1]
    where = f"in {directory}"
    jar = _find_jar(directory)
    if jar is None:
        raise Unavailable(where, f"no languagetool-server.jar in {directory}")
    java = shutil.which("java")
    if java is None:
        raise Unavailable(where, "java not found on PATH (LanguageTool needs Java 17 or later)")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    try:
        proc = subprocess.Popen([java, "-cp", jar, "org.languagetool.server.HTTPServer", "--port", str(port)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError as exc:
        raise Unavailable(where, f"cannot run java ({exc.strerror or exc})") from None
    _STARTED[directory] = (proc, url)
    deadline = time.monotonic() + max(timeout, 60.0)  # a cold start takes a few seconds
    while time.monotonic() < deadline:
        code = proc.poll()
        if code is not None:
            raise Unavailable(where, f"the LanguageTool server exited with status {code}")
        try:
            with urllib.request.urlopen(f"{url}/v2/languages", timeout=2) as resp:
                if resp.status == 200:
                    return url
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    _stop(proc)
    raise Unavailable(where, f"the LanguageTool server did not answer within {max(timeout, 60.0):.0f} s")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@atexit.register
def _stop_started() -> None:
    for proc, _ in _STARTED.values():
        try:
            _stop(proc)
        except Exception:
            pass


# ---------------------------------------------------------------------------------
# warnings


def _reason(exc: BaseException, settings: dict) -> str:
    """A short reason from an exception chain: connection refused, timeout, ..."""
    seen: BaseException | None = exc
    chain: list[BaseException] = []
    while seen is not None and len(chain) < 10:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    names = {type(e).__name__ for e in chain}
    text = " ".join(str(e) for e in chain)
    if "ConnectionRefusedError" in names or "Connection refused" in text:
        return "connection refused"
    if names & {"Timeout", "ReadTimeout", "ConnectTimeout", "TimeoutError", "socket.timeout"} or "timed out" in text:
        return f"no answer within {_timeout(settings):g} s"
    if "NameResolutionError" in text or "gaierror" in names or "Name or service not known" in text:
        return "host name not found"
    if names & {"ConnectionError", "NewConnectionError", "MaxRetryError"}:
        return "cannot connect"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return first[:160]


_UNREACHABLE = ("connection refused", "host name not found", "cannot connect")


def _fail(where: str, reason: str) -> None:
    _FAILED[where] = time.monotonic()
    if where in _WARNED:
        return
    _WARNED.add(where)
    if where.startswith("in "):
        what = f"LanguageTool {where} could not be started"
    elif where == "(none configured)":
        what = "no LanguageTool server configured"
    elif reason in _UNREACHABLE or reason.startswith("no answer within"):
        what = f"LanguageTool server {where} unreachable"
    else:
        what = f"LanguageTool server {where} failed"
    print(f"sciencelint: warning: {what} ({reason}); grammar checks skipped", file=sys.stderr)
