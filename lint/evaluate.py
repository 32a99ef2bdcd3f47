"""Measure the linter's components on the shared benchmarks.

    python -m lint.evaluate claim-strength [--csv PATH]
    python -m lint.evaluate exaggeration [--jsonl PATH]

Subcommands live in ``SUBCOMMANDS`` (name -> (add_arguments, run)); add one by
registering a pair there.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Sequence

from lint.claimstrength import classify

_REPO = Path(__file__).resolve().parent.parent
_BENCH = _REPO.parent / "shared" / "benchmarks"
DEFAULT_CSV = _BENCH / "claim-strength" / "pubmed_conclusions.csv"
DEFAULT_JSONL = _BENCH / "exaggeration" / "insciout_dev.jsonl"

SPLIT_SEED = 0  # fixed 50/50 development / held-out split of the PubMed set
LEVELS = (0, 1, 2, 3)
LEVEL_NAMES = {0: "none", 1: "correlational", 2: "conditional", 3: "causal"}


class _Missing(Exception):
    pass


def _need(path: Path, what: str) -> Path:
    if not path.is_file():
        raise _Missing(f"sciencelint evaluate: {what} not found: {path}")
    return path


# ---------------------------------------------------------------------------
# metrics


def prf(gold: Sequence, pred: Sequence, positive) -> tuple[float, float, float, int]:
    tp = sum(1 for g, p in zip(gold, pred) if g == positive and p == positive)
    fp = sum(1 for g, p in zip(gold, pred) if g != positive and p == positive)
    fn = sum(1 for g, p in zip(gold, pred) if g == positive and p != positive)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, tp + fn


def macro_f1(gold: Sequence[int], pred: Sequence[int], labels: Iterable = LEVELS) -> float:
    labels = list(labels)
    return sum(prf(gold, pred, lab)[2] for lab in labels) / len(labels)


def causal_f1(gold: Sequence[int], pred: Sequence[int]) -> float:
    """Direct causal (3) vs the rest."""
    return prf([g == 3 for g in gold], [p == 3 for p in pred], True)[2]


def accuracy(gold: Sequence, pred: Sequence) -> float:
    return sum(1 for g, p in zip(gold, pred) if g == p) / len(gold) if gold else 0.0


def split_indices(n: int, seed: int = SPLIT_SEED) -> tuple[list[int], list[int]]:
    """Fixed random 50/50 split: (development, held-out) row indices."""
    idx = list(range(n))
    random.Random(seed).shuffle(idx)
    half = n // 2
    return sorted(idx[:half]), sorted(idx[half:])


def load_pubmed(path: Path) -> list[tuple[str, int]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [(row["sentence"], int(row["label"])) for row in csv.DictReader(fh)]


# ---------------------------------------------------------------------------
# claim-strength


def _claim_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="sentence,label CSV (default: %(default)s)")


def _report_block(title: str, gold: list[int], pred: list[int], out) -> None:
    print(f"== {title}: {len(gold)} sentences", file=out)
    print(f"{'class':<16}{'prec':>7}{'rec':>7}{'F1':>7}{'support':>9}", file=out)
    for lab in LEVELS:
        p, r, f, s = prf(gold, pred, lab)
        print(f"{lab} {LEVEL_NAMES[lab]:<14}{p:7.3f}{r:7.3f}{f:7.3f}{s:9d}", file=out)
    print(f"macro-F1 (4-way)         {macro_f1(gold, pred):.3f}", file=out)
    print(f"causal (3) vs rest F1    {causal_f1(gold, pred):.3f}", file=out)
    print(f"accuracy                 {accuracy(gold, pred):.3f}", file=out)


def run_claim_strength(args: argparse.Namespace, out=sys.stdout) -> int:
    rows = load_pubmed(_need(args.csv, "claim-strength CSV"))
    sentences = [s for s, _ in rows]
    gold = [g for _, g in rows]
    t0 = time.perf_counter()
    pred = [classify(s).level for s in sentences]
    elapsed = time.perf_counter() - t0

    _report_block("whole set", gold, pred, out)
    print("confusion (rows gold, columns predicted)", file=out)
    print("      " + "".join(f"{lab:>6}" for lab in LEVELS), file=out)
    for g in LEVELS:
        counts = [sum(1 for a, b in zip(gold, pred) if a == g and b == p) for p in LEVELS]
        print(f"{g:>6}" + "".join(f"{c:>6}" for c in counts), file=out)
    dev, held = split_indices(len(rows))
    for name, idx in (("development half (seed 0)", dev), ("held-out half (seed 0)", held)):
        _report_block(name, [gold[i] for i in idx], [pred[i] for i in idx], out)
    print(f"speed: {elapsed / max(len(rows), 1) * 1e6:.1f} microseconds per sentence", file=out)
    return 0


# ---------------------------------------------------------------------------
# exaggeration


def _exag_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jsonl", type=Path, default=DEFAULT_JSONL, help="InSciOut pairs (default: %(default)s)")


def _relation(pred: int, reference: int) -> str:
    if pred > reference:
        return "exaggerates"
    if pred < reference:
        return "downplays"
    return "same"


def run_exaggeration(args: argparse.Namespace, out=sys.stdout) -> int:
    path = _need(args.jsonl, "exaggeration JSONL")
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold, pred, strength_gold, strength_pred = [], [], [], []
    for pair in pairs:
        level = classify(pair["press_release_conclusion"]).level
        pred.append(_relation(level, int(pair["abstract_strength"])))
        gold.append(pair["exaggeration_label"])
        strength_gold.append(int(pair["press_release_strength"]))
        strength_pred.append(level)
    print(f"== exaggeration: {len(pairs)} press-release / abstract pairs", file=out)
    p, r, f, s = prf(gold, pred, "exaggerates")
    print(f"'exaggerates'  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (support {s})", file=out)
    print(f"3-way accuracy (same / exaggerates / downplays)  {accuracy(gold, pred):.3f}", file=out)
    for lab in ("same", "exaggerates", "downplays"):
        p, r, f, s = prf(gold, pred, lab)
        print(f"  {lab:<12} prec {p:.3f} rec {r:.3f} F1 {f:.3f} support {s}", file=out)
    print(f"press-release strength: accuracy {accuracy(strength_gold, strength_pred):.3f}, "
          f"macro-F1 {macro_f1(strength_gold, strength_pred):.3f}", file=out)
    return 0


# ---------------------------------------------------------------------------

Subcommand = tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
SUBCOMMANDS: dict[str, Subcommand] = {
    "claim-strength": (_claim_args, run_claim_strength),
    "exaggeration": (_exag_args, run_exaggeration),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lint.evaluate", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (add_args, run) in SUBCOMMANDS.items():
        sp = sub.add_parser(name)
        add_args(sp)
        sp.set_defaults(_run=run)
    args = parser.parse_args(argv)
    try:
        return args._run(args)
    except _Missing as exc:
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
