"""Measure the linter's components on the shared benchmarks.

    python -m tools.evaluate claim-strength [--csv PATH] [--classifier rules|model|both]
    python -m tools.evaluate exaggeration [--jsonl PATH] [--through-linter] [--classifier rules|model|both]
    python -m tools.evaluate corpus [--dir tests/corpus] [--verbose]
    python -m tools.evaluate journals [--part dev|held-out|all] [--csv PATH] [--show N]
    python -m tools.evaluate statements [--part dev|held-out|all] [--csv PATH] [--classifier rules|model|both]
    python -m tools.evaluate through-linter [--part dev|held-out|all] [--source SOURCE] [--show N]
    python -m tools.evaluate model-speed [--n 512] [--threads 1,2]

``--classifier``: ``rules`` (``lint.claimstrength``, the default), ``model`` (the learned
classifier, ``lint.claimmodel``; needs ``pip install '.[model]'``) or ``both`` (see
``levels``).

Subcommands live in ``SUBCOMMANDS`` (name -> (add_arguments, run)); add one by
registering a pair there.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from lint.claimstrength import classify

_REPO = Path(__file__).resolve().parent.parent
_BENCH = _REPO.parent / "shared" / "benchmarks"
DEFAULT_CSV = _BENCH / "claim-strength" / "pubmed_conclusions.csv"
DEFAULT_STATEMENTS = _BENCH / "claim-strength" / "insciout_statements.csv"
DEFAULT_JSONL = _BENCH / "exaggeration" / "insciout_dev.jsonl"
DEFAULT_JOURNAL_CSV = _REPO.parent / "shared" / "real-stories" / "journal-mentions" / "journal_sentences_labeled.csv"

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


def load_statements(path: Path) -> list[dict]:
    """InSciOut statements: sentence, label (0-3), source, where, reference."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["label"] = int(row["label"])
    return rows


def statement_parts(rows: list[dict], seed: int = SPLIT_SEED) -> dict[str, list[int]]:
    """Fixed 50/50 split of the InSciOut statements by ``reference`` (one study's press
    release, news and journal statements stay together): row indices of the
    'dev' and 'held-out' halves.  Never develop on the held-out half."""
    refs = sorted({row["reference"] for row in rows})
    random.Random(seed).shuffle(refs)
    dev_refs = set(refs[: len(refs) // 2])
    parts: dict[str, list[int]] = {"dev": [], "held-out": []}
    for i, row in enumerate(rows):
        parts["dev" if row["reference"] in dev_refs else "held-out"].append(i)
    return parts


# ---------------------------------------------------------------------------
# the classifiers: rules, the learned model, both

CLASSIFIERS = ("rules", "model", "both")


def _classifier_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--classifier", choices=CLASSIFIERS, default="rules",
                   help="the rules (lint.claimstrength), the learned model (lint.claimmodel, the 'model' extra) "
                        "or both combined (default: %(default)s)")


def _model():
    from lint import claimmodel

    if not claimmodel.available():
        raise _Missing("sciencelint evaluate: the claim-strength model is not available "
                       "(pip install '.[model]'; SCIENCELINT_CLAIM_MODEL not off)")
    return claimmodel


def _scheme_level(strength, scheme: str) -> int:
    """The rules' level under a benchmark's annotation scheme.  ``sumner`` (InSciOut, and
    the linter): "can reduce" is a hedged claim (Sumner et al. 2014 code "can" apart from
    direct causal, and it maps to 2 on the 0-3 scale), and "did not reduce" is an explicit
    statement of no relationship (0; the linter's context takes it for no claim).  ``yu``
    (the PubMed conclusions of Yu et al. 2019): "can reduce" is labelled direct causal, and
    a negated relation keeps its type ("was not associated with" is correlational)."""
    if scheme == "yu":
        return 3 if strength.level == 2 and strength.modal == "can" else strength.level
    return 0 if strength.negated else strength.level


def levels(texts: Sequence[str], classifier: str, scheme: str = "sumner") -> list[int]:
    """The claim-strength level of each text by the chosen classifier, under an annotation
    scheme (``_scheme_level``).  ``both``, as a sentence classifier: the model's most
    probable level, except that a causal cue found by the rules (direct or hedged) stands.  (Inside the
    linter the model may only lower the rules' level 1-2, so that every finding keeps the
    rules' words: ``lint.analyses.claims``.)"""
    strengths = [classify(t) for t in texts] if classifier in ("rules", "both") else []
    rules = [_scheme_level(s, scheme) for s in strengths]
    if classifier == "rules":
        return rules
    model = _model()
    found = [model.most_likely(p) for p in model.probabilities(texts)]
    if classifier == "model":
        return found
    # the rules' causal cue (2 or 3) stands, and so does a negation the scheme reads as "no
    # relationship" (the model learnt Yu et al.'s scheme, where "did not reduce" keeps its
    # level); elsewhere (no cue, or only an association's) the model reads the sentence
    return [r if r >= 2 or (s.negated and r == 0) else m for s, r, m in zip(strengths, rules, found)]


# ---------------------------------------------------------------------------
# claim-strength


def _claim_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="sentence,label CSV (default: %(default)s)")
    _classifier_arg(p)


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
    pred = levels(sentences, args.classifier, scheme="yu")
    elapsed = time.perf_counter() - t0

    print(f"classifier: {args.classifier}", file=out)
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


def _statement_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--csv", type=Path, default=DEFAULT_STATEMENTS,
                   help="InSciOut statements CSV (default: %(default)s)")
    p.add_argument("--part", choices=("dev", "held-out", "all"), default="dev",
                   help="the development half (split by reference, seed 0; tune on it), "
                        "the held-out half (final measurement only), or both")
    _classifier_arg(p)


def run_statements(args: argparse.Namespace, out=sys.stdout) -> int:
    rows = load_statements(_need(args.csv, "InSciOut statements CSV"))
    parts = statement_parts(rows)
    idx = parts["dev"] + parts["held-out"] if args.part == "all" else parts[args.part]
    pred = dict(zip(idx, levels([rows[i]["sentence"] for i in idx], args.classifier)))
    print(f"classifier: {args.classifier}", file=out)
    _report_block(f"InSciOut statements, {args.part}", [rows[i]["label"] for i in idx], [pred[i] for i in idx], out)
    for source in ("press release", "news", "journal article"):
        sel = [i for i in idx if rows[i]["source"] == source]
        gold, got = [rows[i]["label"] for i in sel], [pred[i] for i in sel]
        print(f"  {source:<16} n={len(sel):<5} macro-F1 {macro_f1(gold, got):.3f}  "
              f"causal F1 {causal_f1(gold, got):.3f}", file=out)
    return 0


# The statements through the whole linter: each study's press-release (or news) title
# becomes a headline and its main statement the first paragraph, linted against the
# citation of a correlational cohort study that names no exposure or outcome, with the
# causal rules selected.  A statement "reads as direct causal" when SJ301 reports it at
# warning or above, "conditional" on SJ302/SJ303.
THROUGH_CITATION = """title: An observational cohort study
journal: Example Journal
published: 2014
status: peer-reviewed
study: {design: cohort, subjects: humans}
claim_strength: correlational
"""
THROUGH_LEVEL = {"SJ301": 3, "SJ302": 2, "SJ303": 2}


def _through_args(p: argparse.ArgumentParser) -> None:
    _statement_args(p)
    p.add_argument("--source", choices=("press release", "news"), action="append",
                   help="which statements (default: press releases and news)")
    p.add_argument("--show", type=int, default=0, help="print this many misses and false alarms")


def run_through(args: argparse.Namespace, out=sys.stdout) -> int:
    import tempfile

    from lint.api import Options, lint_text

    rows = load_statements(_need(args.csv, "InSciOut statements CSV"))
    parts = statement_parts(rows)
    idx = set(parts["dev"] + parts["held-out"] if args.part == "all" else parts[args.part])
    sources = args.source or ["press release", "news"]
    docs: dict[tuple[str, str], dict[str, int]] = {}
    for i in sorted(idx):
        row = rows[i]
        if row["source"] in sources:
            docs.setdefault((row["reference"], row["source"]), {})[row["where"]] = i
    gold, got, linter_gold, linter_got, shown = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        cit = Path(tmp) / "paper.citation.yaml"
        cit.write_text(THROUGH_CITATION, encoding="utf-8")
        # the causal rules only: elsewhere an overclaim finding on the same words ("restores"
        # said of a repair) takes the place of SJ301 (one finding per words in that group)
        options = Options(no_config=True, citation=str(cit), select=tuple(THROUGH_LEVEL))
        for (_ref, _source), where in sorted(docs.items()):
            lines, at = [], {}
            if "title" in where:
                at[len(lines) + 1] = where["title"]
                lines += ["# " + " ".join(rows[where["title"]]["sentence"].split()), ""]
            if "main statement" in where:
                at[len(lines) + 1] = where["main statement"]
                lines += [" ".join(rows[where["main statement"]]["sentence"].split()), ""]
            result = lint_text("\n".join(lines), str(Path(tmp) / "story.md"), options=options)
            found: dict[int, int] = {}
            for d in result.diagnostics:
                level = THROUGH_LEVEL.get(d.code)
                if level and d.severity in ("error", "warning"):
                    found[d.line] = max(found.get(d.line, 0), level)
            for line, i in at.items():
                g = rows[i]["label"]
                linter_gold.append(g == 3)
                linter_got.append(found.get(line, 0) == 3)
                gold.append(g)
                got.append(i)
                if (g == 3) != (found.get(line, 0) == 3) and len(shown) < args.show:
                    shown.append(f"{'MISS' if g == 3 else 'FALSE'} [{rows[i]['where']}] {rows[i]['sentence'][:150]}")
    got = levels([rows[i]["sentence"] for i in got], args.classifier)
    print(f"== InSciOut {' and '.join(sources)} statements through the linter ({args.part}): {len(gold)}",
          file=out)
    p, r, f, n = prf(linter_gold, linter_got, True)
    print(f"direct causal, linter (SJ301 at warning+): P {p:.3f} R {r:.3f} F1 {f:.3f} (support {n})", file=out)
    p, r, f, n = prf([g == 3 for g in gold], [x == 3 for x in got], True)
    print(f"direct causal, classifier alone:           P {p:.3f} R {r:.3f} F1 {f:.3f}", file=out)
    for line in shown:
        print("  " + line, file=out)
    return 0


# ---------------------------------------------------------------------------
# exaggeration


def _exag_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jsonl", type=Path, default=DEFAULT_JSONL, help="InSciOut pairs (default: %(default)s)")
    _classifier_arg(p)
    p.add_argument("--through-linter", action="store_true",
                   help="also lint each press-release conclusion (one paragraph) against a citation whose "
                        "claim_strength is the abstract's: 'exaggerates' when a causal rule reports it")
    p.add_argument("--statements", choices=("dev", "held-out"),
                   help="instead of --jsonl, pairs built from one half of the InSciOut statements (split by "
                        "reference as for `statements`): each press release's main statement against the "
                        "strongest main statement of its journal article")
    p.add_argument("--csv", type=Path, default=DEFAULT_STATEMENTS,
                   help="InSciOut statements CSV (default: %(default)s)")


def statement_pairs(rows: list[dict], part: str) -> list[dict]:
    """Press-release / journal pairs from the InSciOut statements, in the form of the
    exaggeration JSONL: per study in ``part``, each press-release main statement against the
    strongest of its journal article's main statements (the paper's own claim)."""
    idx = statement_parts(rows)[part]
    by_ref: dict[str, dict[str, list[dict]]] = {}
    for i in idx:
        row = rows[i]
        if row["where"] == "main statement" and row["source"] in ("press release", "journal article"):
            by_ref.setdefault(row["reference"], {}).setdefault(row["source"], []).append(row)
    pairs = []
    for ref, found in sorted(by_ref.items()):
        if "press release" not in found or "journal article" not in found:
            continue
        paper = max(int(r["label"]) for r in found["journal article"])
        for r in found["press release"]:
            pairs.append({"original_file_id": ref, "press_release_conclusion": r["sentence"],
                          "press_release_strength": int(r["label"]), "abstract_strength": paper,
                          "exaggeration_label": _relation(int(r["label"]), paper)})
    return pairs


EXAG_CLAIM = {0: "none", 1: "correlational", 2: "conditional-causal", 3: "causal"}


def _exaggerates_through_linter(pairs: list[dict]) -> list[str]:
    """Per pair, 'exaggerates' when a causal-category rule (any severity) reports the
    press-release conclusion, linted as one paragraph against a citation whose
    claim_strength is the abstract's, else 'same'."""
    import tempfile

    from lint.api import Options, lint_text

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        cits = {}
        for level, name in EXAG_CLAIM.items():
            cits[level] = Path(tmp) / f"{level}.citation.yaml"
            cits[level].write_text("title: A study\njournal: Example Journal\npublished: 2014\n"
                                   f"status: peer-reviewed\nclaim_strength: {name}\n", encoding="utf-8")
        for pair in pairs:
            text = " ".join(pair["press_release_conclusion"].split()) + "\n"
            options = Options(no_config=True, citation=str(cits[int(pair["abstract_strength"])]))
            result = lint_text(text, str(Path(tmp) / "release.md"), options=options)
            out.append("exaggerates" if any(d.category == "causal" for d in result.diagnostics) else "same")
    return out


def _relation(pred: int, reference: int) -> str:
    if pred > reference:
        return "exaggerates"
    if pred < reference:
        return "downplays"
    return "same"


def run_exaggeration(args: argparse.Namespace, out=sys.stdout) -> int:
    if getattr(args, "statements", None):
        pairs = statement_pairs(load_statements(_need(args.csv, "InSciOut statements CSV")), args.statements)
        what = f"InSciOut statements ({args.statements} half)"
    else:
        path = _need(args.jsonl, "exaggeration JSONL")
        pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        what = "press-release / abstract pairs"
    gold, pred, strength_gold, strength_pred = [], [], [], []
    found = levels([pair["press_release_conclusion"] for pair in pairs], args.classifier)
    print(f"classifier: {args.classifier}", file=out)
    for pair, level in zip(pairs, found):
        pred.append(_relation(level, int(pair["abstract_strength"])))
        gold.append(pair["exaggeration_label"])
        strength_gold.append(int(pair["press_release_strength"]))
        strength_pred.append(level)
    print(f"== exaggeration: {len(pairs)} {what}", file=out)
    p, r, f, s = prf(gold, pred, "exaggerates")
    print(f"'exaggerates'  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (support {s})", file=out)
    print(f"3-way accuracy (same / exaggerates / downplays)  {accuracy(gold, pred):.3f}", file=out)
    for lab in ("same", "exaggerates", "downplays"):
        p, r, f, s = prf(gold, pred, lab)
        print(f"  {lab:<12} prec {p:.3f} rec {r:.3f} F1 {f:.3f} support {s}", file=out)
    print(f"press-release strength: accuracy {accuracy(strength_gold, strength_pred):.3f}, "
          f"macro-F1 {macro_f1(strength_gold, strength_pred):.3f}", file=out)
    if getattr(args, "through_linter", False):
        through = _exaggerates_through_linter(pairs)
        p, r, f, s = prf(gold, through, "exaggerates")
        print(f"through the linter: 'exaggerates' precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}", file=out)
    return 0


# ---------------------------------------------------------------------------
# the labelled corpus (tests/corpus): per-category precision and recall

DEFAULT_CORPUS = _REPO / "tests" / "corpus"
CATEGORIES = ("overclaim", "causal", "extrapolation", "design", "number", "attribution", "caveat", "hype")


def _spans(line_text: str, match: str) -> list[tuple[int, int]]:
    out, i = [], line_text.find(match)
    while i >= 0:
        out.append((i + 1, i + 1 + len(match)))
        i = line_text.find(match, i + 1)
    return out


def score_article(name: str, diags: list, findings: list[dict], lines: list[str], stats: dict,
                  details: list[str]) -> None:
    """Match one article's diagnostics to its expected findings, adding to ``stats``
    (per category tp/fp/fn/second) and ``details`` (one line per miss or false alarm)."""
    used = [False] * len(findings)
    for d in diags:
        hit = None
        for i, f in enumerate(findings):
            if used[i] or f.get("category") != d.category:
                continue
            if d.category == "caveat" and "line" not in f:
                if f.get("name") == d.name:
                    hit = i
                    break
                continue
            if f.get("line") != d.line or f["line"] > len(lines):
                continue
            if any(a < d.end_column and d.column < b or (d.column == d.end_column and a <= d.column <= b)
                   for a, b in _spans(lines[f["line"] - 1], str(f.get("match", "")))):
                hit = i
                break
        if hit is None and d.category != "caveat" and any(
                f.get("line") == d.line and f["line"] <= len(lines)
                and any(a < d.end_column and d.column < b
                        for a, b in _spans(lines[f["line"] - 1], str(f.get("match", ""))))
                for f in findings):
            stats[d.category]["second"] += 1
            details.append(f"{name}:{d.line}:{d.column}: SECOND VIEW {d.code} {d.category} {d.match!r}")
        elif hit is None:
            stats[d.category]["fp"] += 1
            details.append(f"{name}:{d.line}:{d.column}: FP {d.code} {d.category} {d.match!r}")
        else:
            used[hit] = True
            stats[d.category]["tp"] += 1
            details.append(f"{name}:{d.line}:{d.column}: TP {d.code} {d.category} {d.match!r}")
    for i, f in enumerate(findings):
        if not used[i] and f.get("category") in stats:
            stats[f["category"]]["fn"] += 1
            where = f"{f.get('line', '-')}" if "line" in f else "doc"
            details.append(f"{name}:{where}: FN {f['category']} {f.get('match', f.get('name'))!r}")


def score_corpus(folder: Path = DEFAULT_CORPUS) -> dict:
    """Lint every article in the corpus; match diagnostics to expected findings.

    A diagnostic matches an expected finding of the same category on the same line whose
    text overlaps it; a caveat matches by rule name.  A diagnostic of another category on
    the words of a labelled finding is a second view of a labelled problem (the labels
    give one category per problem, the linter reports every rule that applies): counted
    as ``second``, neither right nor wrong.  Other unmatched diagnostics are false
    positives."""
    import yaml

    from lint.api import lint_file as lint_path

    stats = {c: {"tp": 0, "fp": 0, "fn": 0, "second": 0} for c in CATEGORIES}
    details: list[str] = []
    articles = sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt") and p.name != "README.md")
    clean = 0
    for art in articles:
        exp_path = art.with_suffix(".expected.yaml")
        if not exp_path.is_file():
            continue
        expected = yaml.safe_load(exp_path.read_text(encoding="utf-8")) or {}
        findings = expected.get("findings") or []
        res = lint_path(str(art))
        if res.error:
            details.append(f"{art.name}: ERROR {res.error}")
            continue
        lines = res.source.split("\n") if res.source else []
        diags = [d for d in res.diagnostics if d.category in stats]
        if not diags and not findings:
            clean += 1
        score_article(art.name, diags, findings, lines, stats, details)
    return {"stats": stats, "details": details, "articles": len(articles), "clean_negatives": clean}


def print_category_table(stats: dict, out) -> None:
    """Precision, recall and F1 per category, then micro-averaged over all of them."""
    print(f"{'category':<14} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn  second", file=out)
    tot = {"tp": 0, "fp": 0, "fn": 0, "second": 0}
    for cat, s in stats.items():
        for k in tot:
            tot[k] += s[k]
        p_, r_, f_ = _prf_counts(s)
        print(f"{cat:<14} {p_:6.2f} {r_:6.2f} {f_:6.2f}  {s['tp']:3d} {s['fp']:3d} {s['fn']:3d}  {s['second']:3d}",
              file=out)
    p_, r_, f_ = _prf_counts(tot)
    print(f"{'all (micro)':<14} {p_:6.2f} {r_:6.2f} {f_:6.2f}  {tot['tp']:3d} {tot['fp']:3d} {tot['fn']:3d}"
          f"  {tot['second']:3d}", file=out)


def _corpus_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dir", type=Path, default=DEFAULT_CORPUS, help="corpus folder (default tests/corpus)")
    p.add_argument("--verbose", "-v", action="store_true", help="list every false positive and miss")


def run_corpus(args: argparse.Namespace, out=sys.stdout) -> int:
    if not args.dir.is_dir():
        raise _Missing(f"sciencelint evaluate: corpus folder not found: {args.dir}")
    t0 = time.perf_counter()
    r = score_corpus(args.dir)
    elapsed = time.perf_counter() - t0
    print(f"Labelled corpus: {r['articles']} articles ({elapsed:.1f} s)", file=out)
    print_category_table(r["stats"], out)
    if args.verbose:
        print("", file=out)
        for line in r["details"]:
            print(line, file=out)
    return 0


def _prf_counts(s: dict) -> tuple[float, float, float]:
    p_ = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
    r_ = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
    f_ = 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0
    return p_, r_, f_


# ---------------------------------------------------------------------------
# journals: where a sentence names the journal that published a study


def _journal_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--csv", type=Path, default=DEFAULT_JOURNAL_CSV,
                   help="sentence,jo,label CSV (default: %(default)s)")
    p.add_argument("--part", choices=("dev", "held-out", "all"), default="dev",
                   help="the development half (seed 0; tune on it), the held-out half (final measurement only)"
                        " or all rows")
    p.add_argument("--show", type=int, default=0, help="list up to N misses and false finds")


def _bare(name: str) -> str:
    name = name.strip().strip(".,;:")
    return name[4:] if name.lower().startswith("the ") else name


def run_journals(args: argparse.Namespace, out=sys.stdout) -> int:
    """Sentence level: does the extractor find a journal in the sentences labelled 1 (the
    sentence names the journal that published the study) and none in those labelled 0?
    Name level, on the sentences labelled 1: is a found name exactly ``jo`` (as written,
    and without a leading "The"), or does it overlap it?"""
    from lint.journals import journal_mentions

    with open(_need(args.csv, "journal sentences CSV"), newline="", encoding="utf-8") as fh:
        rows = [(r["sentence"], r["jo"], int(r["label"])) for r in csv.DictReader(fh)]
    dev, held = split_indices(len(rows))
    idx = {"dev": dev, "held-out": held, "all": list(range(len(rows)))}[args.part]
    tp = fp = fn = tn = 0
    exact = bare = overlap = positives = 0
    names_found = names_right = 0
    misses: list[str] = []
    t0 = time.perf_counter()
    for i in idx:
        sentence, jo, label = rows[i]
        found = journal_mentions(sentence)
        names_found += len(found)
        if label:
            positives += 1
            if found:
                tp += 1
            else:
                fn += 1
                misses.append(f"miss  {jo!r}: {sentence[:200]}")
            a = sentence.find(jo) if jo else -1
            b = a + len(jo)
            ok_exact = any(m.name == jo for m in found)
            ok_bare = any(_bare(m.name) == _bare(jo) for m in found)
            ok_overlap = a >= 0 and any(m.start < b and a < m.end for m in found)
            exact += ok_exact
            bare += ok_bare
            overlap += ok_overlap
            names_right += sum(1 for m in found if _bare(m.name) == _bare(jo))
            if found and not ok_bare:
                misses.append(f"name  {jo!r} != {[m.name for m in found]}: {sentence[:200]}")
        elif found:
            fp += 1
            misses.append(f"false {[m.name for m in found]}: {sentence[:200]}")
        else:
            tn += 1
    elapsed = time.perf_counter() - t0
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    which = {"dev": "development half", "held-out": "held-out half", "all": "all rows"}[args.part]
    print(f"== journal mentions: {len(idx)} Reuters sentences ({which}, split seed {SPLIT_SEED}), "
          f"{positives} name the publishing journal", file=out)
    print(f"sentence level   precision {prec:.3f}  recall {rec:.3f}  F1 {f1:.3f}  "
          f"(tp {tp} fp {fp} fn {fn} tn {tn})", file=out)
    n = max(positives, 1)
    print(f"name level       exact {exact / n:.3f}  exact but a leading 'The' {bare / n:.3f}  "
          f"overlap {overlap / n:.3f}  (of the {positives} labelled sentences)", file=out)
    print(f"names found      {names_found}, of which the labelled name {names_right} "
          f"(precision {names_right / max(names_found, 1):.3f})", file=out)
    print(f"speed: {elapsed / max(len(idx), 1) * 1e6:.1f} microseconds per sentence", file=out)
    for line in misses[: args.show]:
        print("  " + line, file=out)
    return 0


# ---------------------------------------------------------------------------
# the learned model's speed


def _speed_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="sentences to time (default: %(default)s)")
    p.add_argument("--n", type=int, default=512, help="sentences for the throughput measure (default %(default)s)")
    p.add_argument("--threads", default="1,2", help="intra-op thread counts to compare (default %(default)s)")


def run_model_speed(args: argparse.Namespace, out=sys.stdout) -> int:
    """Load time, throughput in batches of 32 and single-sentence latency of the learned
    model (``lint.claimmodel``), for each thread count; the cache is cleared before
    each measure.  Sentences: the PubMed development half."""
    import os

    model = _model()
    rows = load_pubmed(_need(args.csv, "claim-strength CSV"))
    dev, _ = split_indices(len(rows))
    texts = list(dict.fromkeys(rows[i][0] for i in dev))[: args.n]
    size = (model.MODEL_DIR / "model.onnx").stat().st_size
    print(f"== claim-strength model: {model.MODEL_DIR / 'model.onnx'} ({size / 1e6:.1f} MB), "
          f"{len(texts)} sentences", file=out)
    old = os.environ.get("SCIENCELINT_CLAIM_MODEL_THREADS")
    try:
        for n in [int(x) for x in args.threads.split(",")]:
            os.environ["SCIENCELINT_CLAIM_MODEL_THREADS"] = str(n)
            model.reset()
            t0 = time.perf_counter()
            model.probabilities(["Coffee reduces the risk of diabetes."])
            load = time.perf_counter() - t0
            model.clear_cache()
            t0 = time.perf_counter()
            for i in range(0, len(texts), 32):
                model.probabilities(texts[i: i + 32])
            batched = len(texts) / (time.perf_counter() - t0)
            model.clear_cache()
            single = []
            for t in texts[:100]:
                t0 = time.perf_counter()
                model.probabilities([t])
                single.append(time.perf_counter() - t0)
            single.sort()
            t0 = time.perf_counter()
            for t in texts[:100]:
                model.probabilities([t])
            cached = (time.perf_counter() - t0) / 100
            print(f"threads {n}: first call (load + 1 sentence) {load * 1000:.0f} ms; batches of 32 "
                  f"{batched:.0f} sentences/s; one sentence median {single[len(single) // 2] * 1000:.1f} ms, "
                  f"90th percentile {single[int(len(single) * 0.9)] * 1000:.1f} ms; cached {cached * 1e6:.0f} us",
                  file=out)
    finally:
        if old is None:
            os.environ.pop("SCIENCELINT_CLAIM_MODEL_THREADS", None)
        else:
            os.environ["SCIENCELINT_CLAIM_MODEL_THREADS"] = old
        model.reset()
    return 0


# ---------------------------------------------------------------------------

Subcommand = tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
SUBCOMMANDS: dict[str, Subcommand] = {
    "claim-strength": (_claim_args, run_claim_strength),
    "exaggeration": (_exag_args, run_exaggeration),
    "corpus": (_corpus_args, run_corpus),
    "journals": (_journal_args, run_journals),
    "statements": (_statement_args, run_statements),
    "through-linter": (_through_args, run_through),
    "model-speed": (_speed_args, run_model_speed),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.evaluate", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (add_args, run) in SUBCOMMANDS.items():
        sp = sub.add_parser(name)
        add_args(sp)
        sp.set_defaults(_run=run)
    args = parser.parse_args(argv)
    if getattr(args, "classifier", None) == "rules":  # the linter inside through-linter, too
        os.environ["SCIENCELINT_CLAIM_MODEL"] = "off"
    try:
        return args._run(args)
    except _Missing as exc:
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
