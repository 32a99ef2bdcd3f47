"""Measure the linter on real published news (``../shared/real-stories``).

    python -m tools.realstories alarms [--show]      # false alarms with citations as PubMed gives them
    python -m tools.realstories planted [--show]     # recall of errors planted into the stories
    python -m tools.realstories labelled [-v] [--labels DIR]   # labelled stories, study facts added: P/R per category

``alarms``: every error and warning on the stories, judged by the editor's verdicts
(``judgments.csv``) and, for findings the editor never saw, by ours
(``tests/real_stories/verdicts.csv``: same columns, judged by reading the finding in its
story).  Reported per category as false alarms per 100 stories; findings nobody has
judged are listed with ``--show`` so that they can be read and added to our verdicts.

``planted``: one error of each kind planted into copies of the stories (never written
into the repository): an author's surname misspelt where the story names them, a
sentence naming another journal as the study's, a sentence placing a named author at
another university.  Recall is the share the linter reports at warning or above, on the
planted words, with the right code.

``labelled``: the stories labelled in ``tests/real_stories/labels/`` (``NAME.yaml``: the
study facts the paper's title makes certain, merged into the story's citation, and the
expected findings), scored like ``tools.evaluate corpus`` at warning or above; ``--labels DIR``
scores another folder of labels in the same format (e.g. ``tests/real_stories/labels-fresh``).

The stories are newspapers' text: they are read from ``../shared`` and never copied here.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import yaml

from lint.api import Options, lint_file

_REPO = Path(__file__).resolve().parent.parent
SHARED = _REPO.parent / "shared" / "real-stories"
OURS = _REPO / "tests" / "real_stories"
LOUD = ("error", "warning")

OTHER_JOURNALS = ["The New England Journal of Medicine", "The Lancet", "Nature", "Science", "JAMA", "The BMJ",
                  "Cell", "PLoS Medicine", "Annals of Internal Medicine", "Nature Medicine"]
OTHER_UNIVERSITIES = ["University of Leeds", "University of Glasgow", "University of Toronto", "Stanford University",
                      "University of Sydney", "Karolinska Institute", "University of Cape Town"]


def stories(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.md"))


def _verdicts() -> dict[tuple[str, int, str, str], tuple[str, str]]:
    """(file, line, code, match) -> (verdict, reason), the editor's first, then ours."""
    out: dict[tuple[str, int, str, str], tuple[str, str]] = {}
    for path in (OURS / "verdicts.csv", SHARED / "judgments.csv"):  # the editor's win
        if path.is_file():
            with path.open(encoding="utf-8") as fh:
                for r in csv.DictReader(fh):
                    out[(r["file"], int(r["line"]), r["code"], r["match"])] = (r["verdict"], r.get("reason", ""))
    return out


def run_alarms(args: argparse.Namespace, out=sys.stdout) -> int:
    files = stories(args.dir / "stories")
    verdicts = _verdicts()
    by_cat: dict[str, Counter] = {}
    unjudged, failed = [], []
    for f in files:
        res = lint_file(str(f), Options(no_config=True))
        if res.error:  # a broken rule file or citation must not read as "no false alarms"
            failed.append(f"{f.name}: {res.error}")
        for d in res.diagnostics:
            if d.severity not in LOUD:
                continue
            v, _ = verdicts.get((f.name, d.line, d.code, d.match), ("?", ""))
            by_cat.setdefault(d.category, Counter())[v] += 1
            if v == "?":
                unjudged.append(f"{f.name},{d.line},{d.code},{d.severity},{d.match},?,\"{d.message}\"")
    n = len(files)
    print(f"Real stories, citations as PubMed gives them: {n} stories", file=out)
    print(f"{'category':<14} {'loud':>5} {'TP':>4} {'FP':>4} {'D':>4} {'?':>4}  FP per 100 stories", file=out)
    tot: Counter = Counter()
    for cat in sorted(by_cat):
        c = by_cat[cat]
        tot.update(c)
        print(f"{cat:<14} {sum(c.values()):5d} {c['TP']:4d} {c['FP']:4d} {c['D']:4d} {c['?']:4d}  "
              f"{100 * c['FP'] / n:.1f}", file=out)
    print(f"{'all':<14} {sum(tot.values()):5d} {tot['TP']:4d} {tot['FP']:4d} {tot['D']:4d} {tot['?']:4d}  "
          f"{100 * tot['FP'] / n:.1f}", file=out)
    if unjudged:
        print(f"{len(unjudged)} findings nobody has judged yet (read them; add to {OURS / 'verdicts.csv'})",
              file=out)
        if args.show:
            for u in unjudged:
                print("  " + u, file=out)
    return _failed(failed, out)


def _failed(failed: list[str], out) -> int:
    """Exit status 2, with the first errors, when some story could not be linted."""
    if not failed:
        return 0
    print(f"{len(failed)} stories could not be linted; the figures above are wrong:", file=out)
    for line in failed[:3]:
        print("  " + line, file=out)
    return 2


# ---- planted errors ------------------------------------------------------------------


def _misspell(word: str) -> str:
    """A realistic misspelling: a doubled letter halved, else one inner letter doubled."""
    m = re.search(r"([a-z])\1", word)
    if m:
        return word[: m.start()] + word[m.start() + 1:]
    i = len(word) // 2
    return word[:i] + word[i] + word[i:]


def _body_line(lines: list[str]) -> int:
    """Index of the first body paragraph (after the '# headline')."""
    for i, ln in enumerate(lines):
        if i > 0 and ln.strip() and not ln.startswith("#"):
            return i
    return len(lines) - 1


def plants(story: Path, citation: dict, rnd: random.Random) -> list[tuple[str, str, str, str]]:
    """(kind, expected code, new text, planted words) for one story."""
    text = story.read_text(encoding="utf-8")
    lines = text.split("\n")
    out = []
    authors = [a for a in citation.get("authors") or [] if isinstance(a, dict) and a.get("name")]
    # 1. a misspelt surname where the story names an author
    for a in authors:
        surname = a["name"].split()[-1]
        if len(surname) < 5 or not surname[0].isupper():
            continue
        m = re.search(rf"\b{re.escape(surname)}\b", text)
        if m:
            wrong = _misspell(surname)
            out.append(("misspelt surname", "SJ601", text[: m.start()] + wrong + text[m.end():], wrong))
            break
    # 2. another journal named as the study's
    journal = str(citation.get("journal") or "")
    other = rnd.choice([j for j in OTHER_JOURNALS if j.lower().split()[-1] not in journal.lower()])
    at = _body_line(lines)
    planted = f"The findings were published in the journal {other}."
    out.append(("another journal", "SJ604", "\n".join(lines[: at + 1] + ["", planted] + lines[at + 1:]), other))
    # 3. a named author placed at another university
    for a in authors:
        affs = " ".join(a.get("affiliations") or [])
        parts = a["name"].split()
        if not affs or len(parts) < 2:
            continue
        uni = rnd.choice([u for u in OTHER_UNIVERSITIES if u.split()[-1] not in affs])
        planted = f"{parts[0]} {parts[-1]}, of the {uni}, who led the study, said the results were clear."
        out.append(("another university", "SJ603",
                     "\n".join(lines[: at + 1] + ["", planted] + lines[at + 1:]), uni))
        break
    return out


def run_planted(args: argparse.Namespace, out=sys.stdout) -> int:
    rnd = random.Random(args.seed)
    caught: Counter = Counter()
    total: Counter = Counter()
    missed = []
    with tempfile.TemporaryDirectory() as tmp:
        for story in stories(args.dir / "stories"):
            cpath = story.with_suffix(".citation.yaml")
            citation = yaml.safe_load(cpath.read_text(encoding="utf-8")) or {}
            for kind, code, new_text, words in plants(story, citation, rnd):
                total[kind] += 1
                planted = Path(tmp) / story.name
                planted.write_text(new_text, encoding="utf-8")
                res = lint_file(str(planted), Options(citation=str(cpath), no_config=True))
                hit = any(d.code == code and d.severity in LOUD and (words in d.match or d.match in words)
                          for d in res.diagnostics)
                caught[kind] += hit
                if not hit:
                    missed.append(f"{story.name}: {kind}: {words!r}")
    print(f"Planted errors in {len(stories(args.dir / 'stories'))} real stories (seed {args.seed})", file=out)
    for kind in total:
        print(f"{kind:<20} {caught[kind]:4d} / {total[kind]:4d}  recall {caught[kind] / total[kind]:.2f}", file=out)
    all_c, all_t = sum(caught.values()), sum(total.values())
    print(f"{'all':<20} {all_c:4d} / {all_t:4d}  recall {all_c / max(all_t, 1):.2f}", file=out)
    if args.show:
        for m in missed:
            print("  missed " + m, file=out)
    return 0


# ---- labelled stories --------------------------------------------------------------------


def run_labelled(args: argparse.Namespace, out=None) -> int:
    from tools.evaluate import CATEGORIES, print_category_table, score_article

    out = out or sys.stdout  # looked up at call time, so that tests can capture it

    labels = sorted(args.labels.glob("*.yaml"))
    stats = {c: {"tp": 0, "fp": 0, "fn": 0, "second": 0} for c in CATEGORIES}
    details: list[str] = []
    failed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for lab in labels:
            spec = yaml.safe_load(lab.read_text(encoding="utf-8")) or {}
            story = args.dir / "stories" / f"{lab.stem}.md"
            citation = yaml.safe_load(story.with_suffix(".citation.yaml").read_text(encoding="utf-8")) or {}
            citation.update(spec.get("citation") or {})  # study facts the title makes certain
            cpath = Path(tmp) / f"{lab.stem}.citation.yaml"
            cpath.write_text(yaml.safe_dump(citation, sort_keys=False, allow_unicode=True), encoding="utf-8")
            res = lint_file(str(story), Options(citation=str(cpath), no_config=True))
            if res.error:
                failed.append(f"{lab.stem}: {res.error}")
                continue
            lines = (res.source or "").split("\n")
            diags = [d for d in res.diagnostics if d.severity in LOUD and d.category in stats]
            findings = [f for f in spec.get("findings") or [] if f.get("severity", "warning") in LOUD]
            score_article(lab.stem, diags, findings, lines, stats, details)
    print(f"Labelled real stories: {len(labels)} in {args.labels.name}/ (study facts from the paper's title; "
          "warning or above)", file=out)
    print_category_table(stats, out)
    if args.verbose:
        for line in details:
            print(line, file=out)
    return _failed(failed, out)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.realstories", description=__doc__.split("\n\n")[0])
    p.add_argument("--dir", type=Path, default=SHARED, help="the real-stories folder (default ../shared/real-stories)")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("alarms", help="false alarms with citations as given")
    a.add_argument("--show", action="store_true", help="list findings nobody has judged")
    pl = sub.add_parser("planted", help="recall of planted attribution errors")
    pl.add_argument("--seed", type=int, default=0)
    pl.add_argument("--show", action="store_true", help="list the misses")
    lb = sub.add_parser("labelled", help="precision and recall on the labelled stories")
    lb.add_argument("-v", "--verbose", action="store_true")
    lb.add_argument("--labels", type=Path, default=OURS / "labels",
                    help="folder of NAME.yaml labels (default tests/real_stories/labels)")
    args = p.parse_args(argv)
    if not (args.dir / "stories").is_dir():
        print(f"python -m tools.realstories: {args.dir / 'stories'} not found", file=sys.stderr)
        return 2
    return {"alarms": run_alarms, "planted": run_planted, "labelled": run_labelled}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
