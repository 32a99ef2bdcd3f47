"""Speed benchmark: ratios measured in one run (never absolute times across runs).

    python -m tools.bench [--dir ../shared/benchmarks/press-releases]
                         [--citation seeds/honmou2021.citation.yaml] [--rounds 3]

Times, on the same files and in this one run:
- ``sciencelint check`` (all rules, with a citation; a subprocess, process start included),
  as users run it (processes chosen automatically) and with ``--jobs 1``; the latter also
  with the learned claim-strength model switched off, when it is installed,
- the spaCy floor: a blank English pipeline with a sentencizer over the same texts (``nlp.pipe``),
- proselint 0.16 (``proselint check DIR``; skipped with a note when not installed),
``--rounds`` times, interleaved (a shared machine's slow spells then hit every measure
alike), and prints the median of the per-round ratios with their range; then peak memory
of the sciencelint processes, one article cold (process start included; median of 5,
beside the start-up of ``import spacy; spacy.blank("en")`` alone, which no spaCy-based
tool can beat), and re-linting a 1,000-word draft through the library API and in the
language server (30 edits sent over JSON-RPC; the lint time it reports with
``SCIENCELINT_TRACE=1``).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = _REPO.parent / "shared" / "benchmarks" / "press-releases"
DEFAULT_CITATION = _REPO / "seeds" / "honmou2021.citation.yaml"


def _timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int, float]:
    """(wall seconds, exit code, peak RSS of the largest child so far in MB, CPU seconds of
    the child and its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=None if env is None else {**os.environ, **env})
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return elapsed, p.returncode, max(after.ru_maxrss, before.ru_maxrss) // 1024, cpu


FLOOR = """
import sys, pathlib, spacy
nlp = spacy.blank("en")
nlp.add_pipe("sentencizer")
texts = (p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.md")))
for _ in nlp.pipe(texts):
    pass
"""


def floor(folder: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the spaCy floor run as a process: start-up, a blank
    English pipeline with a sentencizer, and every file of the folder read and tokenised."""
    t, _, _, cpu = _timed([sys.executable, "-c", FLOOR, str(folder)])
    return t, cpu


def relint_ms(citation: Path, repeats: int = 30) -> float:
    """Median time (ms) to re-lint a 1,000-word draft after an edit, through the library API."""
    from lint.api import lint_text
    from lint.citation import load_citation

    text = _draft_1000_words()
    cit = load_citation(str(citation))
    lint_text(text, "draft.md", citation=cit)  # warm up: rules compiled once
    times = []
    for i in range(repeats):
        edited = text + f" Edit {i}."
        t = time.perf_counter()
        lint_text(edited, "draft.md", citation=cit)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _draft_1000_words() -> str:
    words = (DEFAULT_DIR / "news_reviews_00000.md")
    base = words.read_text(encoding="utf-8") if words.is_file() else "A study found a cure. " * 40
    text = base
    while len(text.split()) < 1000:
        text += "\n\n" + base
    return " ".join(text.split(" ")[:1000])


class _Server:
    """A language server started in ``folder``, spoken to over JSON-RPC on its stdio."""

    def __init__(self, folder: str):
        import json

        self.json = json
        env = dict(os.environ, SCIENCELINT_TRACE="1")
        self.proc = subprocess.Popen([sys.executable, "-m", "lint", "server"], cwd=folder, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": None, "rootUri": Path(folder).resolve().as_uri(), "capabilities": {}}})
        while self.read().get("id") != 1:
            pass
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def send(self, msg: dict) -> None:
        assert self.proc.stdin is not None
        body = self.json.dumps(msg).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self) -> dict:
        assert self.proc.stdout is not None
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the language server closed its output")
            if not line.strip():
                break
            k, _, v = line.decode("ascii").partition(":")
            if k.strip().lower() == "content-length":
                length = int(v)
        msg = self.json.loads(self.proc.stdout.read(length))
        if "method" in msg and "id" in msg:  # the server's own requests: answer null
            self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
        return msg

    def open(self, path: Path, text: str) -> str:
        uri = path.resolve().as_uri()
        self.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}})

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait(10)


def server_relint_ms(citation: Path, edits: int = 30) -> float | None:
    """Median lint time reported by the language server (``SCIENCELINT_TRACE=1``) for
    ``edits`` edits of a 1,000-word draft sent over JSON-RPC on its stdio; None when
    pygls is not installed."""
    import importlib.util
    import tempfile

    if importlib.util.find_spec("pygls") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "draft.md"
        text = _draft_1000_words()
        draft.write_text(text, encoding="utf-8")
        shutil.copy(citation, Path(tmp) / "draft.citation.yaml")
        server = _Server(tmp)

        def lint_ms() -> float:
            while True:
                msg = server.read()
                text_ = (msg.get("params") or {}).get("message", "") if msg.get("method") == "window/logMessage" else ""
                if text_.startswith("sciencelint: linted "):
                    return float(text_.split(" in ")[1].split(" ms")[0])

        try:
            uri = server.open(draft, text)
            lint_ms()  # the first lint builds the pipeline
            times = []
            for v in range(2, edits + 2):
                text += f" Edit {v}."
                server.change(uri, v, text)
                times.append(lint_ms())
            return statistics.median(times)
        finally:
            server.close()


def server_memory(citation: Path, rounds: int = 300) -> tuple[float, float] | None:
    """Resident memory (MB) of the language server after 10 and after ``rounds`` rounds of
    editing a draft and saving its citation and its config (each save re-lints with the
    citation re-read and the rules reloaded);
    None when pygls is not installed or /proc is not there."""
    import importlib.util
    import tempfile

    if importlib.util.find_spec("pygls") is None or not Path("/proc/self/status").is_file():
        return None

    def rss(pid: int) -> float:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    with tempfile.TemporaryDirectory() as tmp:
        draft, cit, cfg = Path(tmp) / "draft.md", Path(tmp) / "draft.citation.yaml", Path(tmp) / ".sciencelint.yaml"
        text = _draft_1000_words()
        draft.write_text(text, encoding="utf-8")
        base_citation = citation.read_text(encoding="utf-8")
        cit.write_text(base_citation, encoding="utf-8")
        server = _Server(tmp)

        def linted() -> None:
            while server.read().get("method") != "textDocument/publishDiagnostics":
                pass

        try:
            uri = server.open(draft, text)
            linted()
            early = 0.0
            for v in range(2, rounds + 2):
                # an edit of the last sentence: the draft keeps its size, as in an editing session
                server.change(uri, v, text + f" Edit {v}.")
                linted()
                # the citation and the config saved with a change: the citation is re-read and
                # the rules reloaded (a config edit may change extra-rules)
                cit.write_text(base_citation + f"\n# edit {v}\n", encoding="utf-8")
                cfg.write_text(f"# edit {v}\nmin-severity: info\n", encoding="utf-8")
                server.send({"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles",
                             "params": {"changes": [{"uri": cit.resolve().as_uri(), "type": 2},
                                                    {"uri": cfg.resolve().as_uri(), "type": 2}]}})
                linted()
                if v == 11:
                    early = rss(server.proc.pid)
            return early, rss(server.proc.pid)
        finally:
            server.close()


def _median_ratio(num: list[float], den: list[float]) -> str:
    """Median of the per-round ratios, with their range when there are several rounds."""
    rs = sorted(a / b for a, b in zip(num, den))
    med = statistics.median(rs)
    return f"{med:5.2f}" + (f" (rounds {rs[0]:.2f}-{rs[-1]:.2f})" if len(rs) > 1 else "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--citation", type=Path, default=DEFAULT_CITATION)
    ap.add_argument("--rounds", type=int, default=3,
                    help="times each folder measurement is repeated, interleaved; ratios are per-round medians")
    ap.add_argument("--server-rounds", type=int, default=300, help="edit-and-save rounds for the server's memory")
    args = ap.parse_args(argv)
    if not args.dir.is_dir():
        print(f"python -m tools.bench: folder not found: {args.dir}", file=sys.stderr)
        return 2
    if args.rounds < 1:
        print("python -m tools.bench: --rounds must be at least 1", file=sys.stderr)
        return 2
    files = sorted(args.dir.glob("*.md"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    words = sum(len(t.split()) for t in texts)
    exe = [sys.executable, "-m", "lint"]
    print(f"{len(files)} files, {words:,} words; python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"{args.rounds} round(s)")

    run = exe + ["check", "--no-config", "--format", "json", "--citation", str(args.citation)]
    prose = shutil.which("proselint")
    from lint import claimmodel

    model = claimmodel.installed()
    t_floor, t_sl, t_serial, t_pl, t_nomodel = [], [], [], [], []
    c_floor, c_serial, c_pl = [], [], []  # CPU seconds: a shared machine's stolen time is not counted
    code, peak = 0, 0
    for _ in range(args.rounds):  # interleaved, so a slow spell on a shared machine hits every measure alike
        wall, cpu = floor(args.dir)
        t_floor.append(wall)
        c_floor.append(cpu)
        t, code, pk, _ = _timed(run + [str(args.dir)])  # as users run it: processes chosen automatically
        t_sl.append(t)
        t, _, pk2, cpu = _timed(run + ["--jobs", "1", str(args.dir)])
        t_serial.append(t)
        c_serial.append(cpu)
        if model:  # the same without the learned claim-strength model
            t_nomodel.append(_timed(run + ["--jobs", "1", str(args.dir)], env={"SCIENCELINT_CLAIM_MODEL": "off"})[0])
        peak = max(peak, pk, pk2)
        if prose:
            t, _, _, cpu = _timed([prose, "check", "-o", "json", str(args.dir)])
            t_pl.append(t)
            c_pl.append(cpu)
    cold = [_timed(exe + ["check", "--no-config", "--citation", str(args.citation), str(files[0])])[0]
            for _ in range(5)]
    imports = [_timed([sys.executable, "-c", "import spacy; spacy.blank('en')"])[0] for _ in range(5)]
    t_cold, t_import = statistics.median(cold), statistics.median(imports)
    ms = relint_ms(args.citation)
    ms_nomodel = None
    if model:
        saved = os.environ.get("SCIENCELINT_CLAIM_MODEL")
        os.environ["SCIENCELINT_CLAIM_MODEL"] = "off"
        try:
            ms_nomodel = relint_ms(args.citation)
        finally:
            if saved is None:
                del os.environ["SCIENCELINT_CLAIM_MODEL"]
            else:
                os.environ["SCIENCELINT_CLAIM_MODEL"] = saved
    server_ms = server_relint_ms(args.citation)

    print(f"spaCy floor as a process (start-up, blank en + sentencizer, nlp.pipe): 1.00   "
          f"({statistics.median(t_floor):.1f} s in this run)")
    print(f"sciencelint check / floor:      {_median_ratio(t_sl, t_floor)}   (target <= 1.5; exit {code}; "
          f"default --jobs: one process per core here)")
    print(f"sciencelint --jobs 1 / floor:   {_median_ratio(t_serial, t_floor)}   (one process, like the floor)")
    if t_pl:
        print(f"proselint 0.16 / floor:         {_median_ratio(t_pl, t_floor)}")
        print(f"sciencelint / proselint:        {_median_ratio(t_sl, t_pl)}   (target <= 0.33; "
              f"--jobs 1: {statistics.median(a / b for a, b in zip(t_serial, t_pl)):.2f})")
    else:
        print("proselint not installed (pip install proselint==0.16.0): ratio skipped")
    print(f"CPU time, --jobs 1 / floor:     {_median_ratio(c_serial, c_floor)}"
          + (f";  proselint / floor: {_median_ratio(c_pl, c_floor)}" if c_pl else ""))
    print(f"peak memory of sciencelint:     {peak} MB, largest process   (target <= 300)")
    print(f"one article cold / python -c 'import spacy; spacy.blank(\"en\")' (medians of 5): "
          f"{t_cold / t_import:.2f}   (target <= 1.25)")
    print(f"re-lint of a 1,000-word draft (library API, median of 30): {ms:.1f} ms   (target <= 30)")
    if model:
        print(f"claim-strength model in use / off: --jobs 1 folder {_median_ratio(t_serial, t_nomodel)}   "
              f"(target <= 1.10); re-lint {ms / ms_nomodel:.2f}")
    else:
        print("claim-strength model not installed (pip install '.[model]'): its cost not measured")
    if server_ms is not None:
        print(f"the same in the language server (30 edits over JSON-RPC, as it reports): {server_ms:.1f} ms")
        mem = server_memory(args.citation, args.server_rounds)
        if mem is not None:
            print(f"language server memory, {args.server_rounds} rounds of editing the draft and saving its citation: "
                  f"{mem[0]:.0f} MB after 10, {mem[1]:.0f} MB after {args.server_rounds} (should stay flat)")
    else:
        print("language server not measured (pip install '.[server]')")
    return 0


if __name__ == "__main__":
    sys.exit(main())
