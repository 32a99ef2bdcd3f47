"""Speed benchmark: ratios measured in one run (never absolute times across runs).

    python -m lint.bench [--dir ../shared/benchmarks/press-releases] [--citation seeds/honmou2021.citation.yaml]

Times, on the same files and in this one run:
- ``sciencelint check`` (all rules, with a citation; a subprocess, process start included),
- the spaCy floor: a blank English pipeline with a sentencizer over the same texts (``nlp.pipe``),
- proselint 0.16 (``proselint check DIR``; skipped with a note when not installed),
and prints sciencelint/floor and sciencelint/proselint, peak memory of the sciencelint
process, one article cold (process start included), and re-linting a 1,000-word draft
through the library API.
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


def _timed(cmd: list[str]) -> tuple[float, int, int]:
    """(seconds, exit code, peak RSS of the child in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, p.returncode, max(peak, before) // 1024


def floor(texts: list[str]) -> float:
    import spacy

    t = time.perf_counter()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - t


def relint_ms(citation: Path, repeats: int = 30) -> float:
    from lint.engine import lint_text
    from lint.citation import load_citation

    words = (DEFAULT_DIR / "news_reviews_00000.md")
    base = words.read_text(encoding="utf-8") if words.is_file() else "A study found a cure. " * 40
    text = base
    while len(text.split()) < 1000:
        text += "\n\n" + base
    text = " ".join(text.split(" ")[:1000])
    cit = load_citation(str(citation))
    lint_text(text, "draft.md", citation=cit)  # warm up: rules compiled once
    times = []
    for i in range(repeats):
        edited = text + f" Edit {i}."
        t = time.perf_counter()
        lint_text(edited, "draft.md", citation=cit)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m lint.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--citation", type=Path, default=DEFAULT_CITATION)
    args = ap.parse_args(argv)
    if not args.dir.is_dir():
        print(f"python -m lint.bench: folder not found: {args.dir}", file=sys.stderr)
        return 2
    files = sorted(args.dir.glob("*.md"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    words = sum(len(t.split()) for t in texts)
    exe = [sys.executable, "-m", "lint"]
    print(f"{len(files)} files, {words:,} words; python {sys.version.split()[0]}, {os.cpu_count()} cores")

    t_floor = floor(texts)
    run = exe + ["check", "--no-config", "--format", "json", "--citation", str(args.citation)]
    t_sl, code, peak = _timed(run + [str(args.dir)])  # as users run it: processes chosen automatically
    t_serial, _, peak_serial = _timed(run + ["--jobs", "1", str(args.dir)])
    prose = shutil.which("proselint")
    t_pl = _timed([prose, "check", "-o", "json", str(args.dir)])[0] if prose else None
    t_cold = statistics.median(
        _timed(exe + ["check", "--no-config", "--citation", str(args.citation), str(files[0])])[0] for _ in range(5))
    ms = relint_ms(args.citation)

    print("spaCy floor (blank en + sentencizer, nlp.pipe): 1.00")
    print(f"sciencelint check / floor:      {t_sl / t_floor:5.2f}   (target <= 1.5; exit {code}; "
          f"default --jobs: one process per core here)")
    print(f"sciencelint --jobs 1 / floor:   {t_serial / t_floor:5.2f}   (one process, like the floor)")
    if t_pl is not None:
        print(f"proselint 0.16 / floor:         {t_pl / t_floor:5.2f}")
        print(f"sciencelint / proselint:        {t_sl / t_pl:5.2f}   (target <= 0.33; --jobs 1: {t_serial / t_pl:.2f})")
    else:
        print("proselint not installed (pip install proselint==0.16.0): ratio skipped")
    print(f"peak memory of sciencelint:     {max(peak, peak_serial)} MB, largest process   (target <= 300)")
    print(f"one article cold, process start included (median of 5): {t_cold:.2f} s   (target <= 1.5)")
    print(f"re-lint of a 1,000-word draft (library API, median of 30): {ms:.1f} ms   (target <= 30)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
