"""Self-check for the labelled corpus (stdlib + PyYAML only; independent of lint/).

Run: python tests/corpus/check_corpus.py [FOLDER]   (default: this folder; e.g. tests/corpus_holdout)
Checks: every article has a sidecar citation and an expected file; citation files use only
the keys of spec/citation.md with valid enumerations; every finding/near-miss uses a known
category (and caveat name); every `match` occurs verbatim on its 1-based `line`.
"""
import datetime
import pathlib
import re
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
CATEGORIES = {"overclaim", "causal", "extrapolation", "design", "number", "attribution", "caveat", "hype"}
CAVEATS = {"caveat-no-control", "caveat-not-blinded", "caveat-small-sample", "caveat-observational",
           "caveat-animal-study", "caveat-preprint", "caveat-retracted", "caveat-phase1-safety",
           "caveat-funding-conflict"}
TOP = {"title", "journal", "published", "doi", "pmid", "volume", "pages", "status", "authors", "sources",
       "study", "findings", "dates", "limitations", "claim_strength", "funding", "conflicts"}
PERSON = {"name", "affiliations", "roles"}
STUDY = {"design", "phase", "randomized", "blinding", "control", "subjects", "sample_size",
         "intervention", "condition"}
FINDING = {"what", "value", "of", "unit"}
DATE = {"what", "date"}
DESIGNS = {"rct", "non-randomized-trial", "single-arm-trial", "cohort", "case-control", "cross-sectional",
           "case-series", "case-report", "systematic-review", "meta-analysis", "animal", "in-vitro",
           "modelling", "qualitative"}
STATUS = {"peer-reviewed", "preprint", "retracted", "conference-abstract"}
BLINDING = {"none", "single", "double", "triple"}
CONTROL = {"none", "placebo", "active", "usual-care", "untreated", "historical"}
PHASES = {1, 2, 3, 4, "1/2", "2/3", None}
STRENGTH = {"none", "correlational", "conditional-causal", "causal"}
AUTHOR_ROLES = {"first", "senior", "corresponding"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(v, where, errs):
    if isinstance(v, (datetime.date, int)):
        v = str(v)
    if not isinstance(v, str) or not DATE_RE.match(v):
        errs.append(f"{where}: bad date {v!r}")


def check_citation(path, errs):
    c = yaml.safe_load(path.read_text(encoding="utf-8"))
    w = path.name
    for k in set(c) - TOP:
        errs.append(f"{w}: unknown key {k}")
    if "title" not in c:
        errs.append(f"{w}: missing title")
    if "published" in c:
        check_date(c["published"], f"{w}: published", errs)
    if c.get("status", "peer-reviewed") not in STATUS:
        errs.append(f"{w}: bad status")
    if "pmid" in c and not isinstance(c["pmid"], str):
        errs.append(f"{w}: pmid must be a string")
    for group in ("authors", "sources"):
        for p in c.get(group, []) or []:
            for k in set(p) - PERSON:
                errs.append(f"{w}: {group} unknown key {k}")
            if "name" not in p:
                errs.append(f"{w}: {group} entry without name")
            if group == "authors":
                for r in p.get("roles", []) or []:
                    if r not in AUTHOR_ROLES:
                        errs.append(f"{w}: bad author role {r}")
    s = c.get("study", {}) or {}
    for k in set(s) - STUDY:
        errs.append(f"{w}: study unknown key {k}")
    checks = [("design", DESIGNS), ("blinding", BLINDING), ("control", CONTROL), ("phase", PHASES)]
    for k, allowed in checks:
        if k in s and s[k] not in allowed:
            errs.append(f"{w}: study.{k} = {s[k]!r} not allowed")
    if "randomized" in s and not isinstance(s["randomized"], bool):
        errs.append(f"{w}: study.randomized must be boolean")
    if "sample_size" in s and not isinstance(s["sample_size"], int):
        errs.append(f"{w}: study.sample_size must be an integer")
    for f in c.get("findings", []) or []:
        for k in set(f) - FINDING:
            errs.append(f"{w}: findings unknown key {k}")
        if "what" not in f or "value" not in f:
            errs.append(f"{w}: finding needs what and value")
    for d in c.get("dates", []) or []:
        for k in set(d) - DATE:
            errs.append(f"{w}: dates unknown key {k}")
        check_date(d.get("date"), f"{w}: dates", errs)
    if "claim_strength" in c and c["claim_strength"] not in STRENGTH:
        errs.append(f"{w}: bad claim_strength")
    for k in ("limitations", "funding", "conflicts"):
        if k in c and not isinstance(c[k], list):
            errs.append(f"{w}: {k} must be a list")
    return c


def check_expected(art, exp, errs):
    lines = art.read_text(encoding="utf-8").split("\n")
    e = yaml.safe_load(exp.read_text(encoding="utf-8"))
    if set(e) - {"findings", "near_misses"}:
        errs.append(f"{exp.name}: unknown keys {set(e) - {'findings', 'near_misses'}}")
    out = {"findings": e.get("findings") or [], "near_misses": e.get("near_misses") or []}
    for kind, items in out.items():
        for it in items:
            cat = it.get("category")
            if cat not in CATEGORIES:
                errs.append(f"{exp.name}: bad category {cat}")
            if cat == "caveat":
                if it.get("name") not in CAVEATS:
                    errs.append(f"{exp.name}: bad caveat name {it.get('name')}")
            elif "name" in it:
                errs.append(f"{exp.name}: name only for caveats")
            if "line" in it or "match" in it:
                ln, m = it.get("line"), it.get("match")
                if not isinstance(ln, int) or not m or not (1 <= ln <= len(lines)) or m not in lines[ln - 1]:
                    errs.append(f"{exp.name}: {kind} {m!r} not on line {ln}")
            elif cat != "caveat":
                errs.append(f"{exp.name}: line-level category {cat} without line/match")
    return out


def main():
    global HERE
    if len(sys.argv) > 1:
        HERE = pathlib.Path(sys.argv[1]).resolve()
    errs = []
    articles = sorted(p for p in HERE.iterdir()
                      if p.suffix in (".md", ".txt") and re.match(r"^\d\d_", p.name))
    totals = {}
    for art in articles:
        base = art.with_suffix("")
        cit = base.with_name(base.name + ".citation.yaml")
        exp = base.with_name(base.name + ".expected.yaml")
        if not cit.exists() or not exp.exists():
            errs.append(f"{art.name}: missing sidecar files")
            continue
        check_citation(cit, errs)
        out = check_expected(art, exp, errs)
        words = len(re.findall(r"\S+", art.read_text(encoding="utf-8")))
        if not 150 <= words <= 450:
            errs.append(f"{art.name}: {words} words")
        for kind, items in out.items():
            for it in items:
                key = (it.get("category"), kind)
                totals[key] = totals.get(key, 0) + 1
    print(f"{len(articles)} articles")
    print(f"{'category':<14}{'findings':>9}{'near-misses':>13}")
    for cat in sorted(CATEGORIES):
        print(f"{cat:<14}{totals.get((cat, 'findings'), 0):>9}{totals.get((cat, 'near_misses'), 0):>13}")
    cav = {}
    for exp in sorted(HERE.glob("*.expected.yaml")):
        e = yaml.safe_load(exp.read_text(encoding="utf-8")) or {}
        names = [f.get("name") for f in e.get("findings") or [] if f.get("category") == "caveat"]
        if len(names) != len(set(names)):
            errs.append(f"{exp.name}: duplicate caveat finding")
        fnames = set(names)
        for nm in e.get("near_misses") or []:
            if nm.get("category") == "caveat" and nm.get("name") in fnames:
                errs.append(f"{exp.name}: caveat {nm.get('name')} is both finding and near-miss")
        for n in names:
            cav[n] = cav.get(n, 0) + 1
    print("caveat findings by name:", ", ".join(f"{k} {v}" for k, v in sorted(cav.items())))
    for e in errs:
        print("ERROR", e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
