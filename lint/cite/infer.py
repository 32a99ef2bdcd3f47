"""What a record implies about the study: design, phase, randomisation, blinding,
control, subjects, sample size, claim strength, status, roles and the journal's other
names.  Every inferred value carries the reason, shown as a ``# CHECK`` comment."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..citation import AUTHOR_ROLES, PREPRINT_SERVERS
from ..claimstrength import classify
from ..journals import display_name, known_journal
from .record import Record


@dataclass
class Value:
    value: Any
    note: str              # where it came from, or why it was inferred
    inferred: bool = False  # shown as "CHECK: note"


@dataclass
class Draft:
    """Field -> value with its note, plus what was left out and why."""
    fields: dict[str, Value] = field(default_factory=dict)
    people: list[dict[str, Any]] = field(default_factory=list)  # name, affiliations, roles, notes
    left_out: dict[str, str] = field(default_factory=dict)     # field -> why it was left out
    record: Record | None = None

    def put(self, name: str, value: Any, note: str, inferred: bool = False) -> None:
        if value is None or value == "" or value == []:
            return
        self.fields[name] = Value(value, note, inferred)


NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUM = r"(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_UNITS = (r"patients|participants|subjects|people|persons|individuals|adults|children|women|men|infants|"
          r"adolescents|volunteers|cases|mice|rats|animals|pigs|dogs|monkeys|studies|trials|articles|"
          r"respondents|recipients|survivors|residents|workers|students|users")


def _num(s: str) -> int | None:
    s = s.lower().replace(",", "")
    if s.isdigit():
        return int(s)
    return NUMBER_WORDS.get(s)


def _sections(r: Record, *cats: str) -> str:
    return " ".join(s.text for s in r.abstract if s.category in cats)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(])", text) if s.strip()]


def infer(r: Record) -> Draft:
    d = Draft(record=r)
    _bibliographic(r, d)
    _people(r, d)
    _study(r, d)
    _claim_strength(r, d)
    _dates(r, d)
    return d


# ---- bibliographic facts (given, not inferred) ------------------------------------------

def _journal_name(r: Record) -> tuple[str | None, list[str]]:
    """(the name readers know, the record's other names)."""
    if not r.journal:
        return None, []
    nlm = r.journal
    name = display_name(nlm)
    if known_journal(nlm) is None and nlm[:1].isupper() and nlm[1:] == nlm[1:].lower() and " " in nlm:
        small = {"and", "of", "the", "in", "for", "on", "a", "an", "de", "la", "et", "to"}
        words = name.split()
        name = " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))
    others = [nlm, *r.journal_abbrevs]
    seen = {name.lower()}
    aliases = []
    for a in others:
        if a and a.lower() not in seen:
            seen.add(a.lower())
            aliases.append(a)
    return name, aliases


def _bibliographic(r: Record, d: Draft) -> None:
    w = r.where
    d.put("title", r.title, w.get("title", r.source))
    journal, aliases = _journal_name(r)
    if journal:
        note = w.get("journal", r.source)
        if journal != r.journal:
            note += f": '{r.journal}'"
        d.put("journal", journal, note)
    if aliases:
        d.put("journal_aliases", aliases, "the record's other names of the journal (NLM title, ISO and MEDLINE "
              "abbreviations)", inferred=True)
    d.put("published", r.published, w.get("published", r.source))
    d.put("doi", r.doi, w.get("doi", r.source))
    d.put("pmid", r.pmid, w.get("pmid", r.source))
    d.put("volume", r.volume, w.get("volume", r.source))
    d.put("pages", _pages(r.pages), w.get("pages", r.source))
    if r.funding:
        d.put("funding", r.funding, w.get("funding", r.source))
    if r.conflicts:
        d.put("conflicts", r.conflicts, w.get("conflicts", r.source))
    # status
    if r.retracted:
        d.put("status", "retracted", f"{r.retraction or 'a retraction'} ({w.get('retracted', r.source)})", True)
    elif r.retraction_notice:
        d.left_out["status"] = "the record is a notice retracting another paper, not a study"
    elif r.preprint or (r.journal or "").strip().lower().split(":")[0] in PREPRINT_SERVERS:
        note = w.get("preprint", "the journal is a preprint server")
        if r.preprint_of:
            note += f"; published since as {r.preprint_of}: cite that version if the story reports it"
        d.put("status", "preprint", note, True)
    elif r.journal and (r.kind in (None, "journal-article", "JOUR", "article", "article-journal")):
        d.put("status", "peer-reviewed", "a journal article with no retraction or preprint mark in the record",
              True)


def _pages(p: str | None) -> str | None:
    """'1000-9' (MEDLINE's short form) -> '1000-1009'."""
    if not p:
        return p
    m = re.fullmatch(r"(\d+)-(\d+)", p)
    if m and len(m.group(2)) < len(m.group(1)):
        a, b = m.groups()
        return f"{a}-{a[: len(a) - len(b)]}{b}"
    return p


def _people(r: Record, d: Draft) -> None:
    persons = [i for i, a in enumerate(r.authors) if not a.collective]
    for i, a in enumerate(r.authors):
        roles: list[str] = []
        why: list[str] = []
        if persons and i == persons[0]:
            roles.append("first")
            why.append("listed first")
        if len(persons) > 1 and i == persons[-1]:
            roles.append("senior")
            why.append("listed last")
        if a.email:
            roles.append("corresponding")
            why.append("e-mail in the affiliation" if "@" in a.email else "named as corresponding author")
        assert all(x in AUTHOR_ROLES for x in roles)
        d.people.append({"name": a.name, "affiliations": a.affiliations, "roles": roles,
                         "why": "; ".join(why), "collective": a.collective})


# ---- the study -------------------------------------------------------------------------

def _has(rx: str, text: str) -> re.Match | None:
    return re.search(rx, text, re.I)


def _first_cue(cues: tuple[tuple[str, str], ...], text: str) -> tuple[str, str] | None:
    """(value, why) of the first cue pattern found in the abstract, or None."""
    for rx, value in cues:
        m = _has(rx, text)
        if m:
            return value, f"'{m.group(0)}' in the abstract"
    return None


_ANIMALS = [  # MeSH descriptor (lower case) -> subjects
    ("mice", "mice"), ("mice, knockout", "mice"), ("mice, transgenic", "mice"), ("rats", "rats"),
    ("zebrafish", "zebrafish"), ("macaca mulatta", "primates"), ("macaca", "primates"), ("primates", "primates"),
    ("swine", "pigs"), ("dogs", "dogs"), ("drosophila", "flies"), ("drosophila melanogaster", "flies"),
    ("caenorhabditis elegans", "worms"), ("saccharomyces cerevisiae", "yeast"),
    ("bees", "bees"), ("culicidae", "mosquitoes"), ("anopheles", "mosquitoes"), ("aedes", "mosquitoes"),
    ("ants", "ants"), ("xenopus laevis", "frogs"), ("xenopus", "frogs"), ("chickens", "chickens"),
    ("chick embryo", "chickens"), ("cats", "cats"), ("cattle", "cattle"), ("sheep", "sheep"), ("horses", "horses"),
    ("rabbits", "rabbits"), ("cricetinae", "hamsters"), ("guinea pigs", "guinea pigs"), ("ferrets", "ferrets"),
    ("chiroptera", "bats"), ("callithrix", "marmosets"), ("pan troglodytes", "chimpanzees"),
    ("arvicolinae", "voles"), ("birds", "birds"), ("songbirds", "birds"), ("fishes", "fish"), ("insecta", "insects"),
]
_TEXT_ANIMALS = [(r"\b(mice|mouse|murine)\b", "mice"), (r"\brats?\b", "rats"), (r"\bzebrafish\b", "zebrafish"),
                 (r"\b(macaques?|monkeys?|non-?human primates?)\b", "primates"),
                 (r"\b(pigs?|piglets?|swine)\b", "pigs"),
                 (r"\bdogs?\b", "dogs"), (r"\bdrosophila\b", "flies"), (r"\bc\. elegans\b", "worms")]
_HUMAN_WORDS = (r"\b(patients?|participants?|adults|children|women|men|people|volunteers|individuals|"
                r"respondents|infants|adolescents|residents|recipients|survivors)\b")


def _study(r: Record, d: Draft) -> None:
    pts = {p.lower() for p in r.publication_types}
    mesh = {m.lower() for m in r.mesh}
    title = r.title or ""
    abstract = r.abstract_text()
    methods = _sections(r, "METHODS", "RESULTS") or abstract
    text = f"{title}. {abstract}"
    design: str | None = None
    why = ""
    if r.retraction_notice or "retraction of publication" in pts:
        d.left_out["study"] = "the record is a retraction notice"
        return
    # -- design: publication types first (when indexed), then the text --------------------
    narrative = _has(r"\bnarrative review\b|\bliterature review\b(?! and meta)", methods)
    if "meta-analysis" in pts:
        design, why = "meta-analysis", "publication type Meta-Analysis"
        if narrative:
            d.left_out["study.design"] = (f"the publication type says meta-analysis but the abstract says "
                                          f"'{narrative.group(0)}', which is neither")
            design = None
    elif "systematic review" in pts:
        design, why = "systematic-review", "publication type Systematic Review"
    elif "randomized controlled trial" in pts:
        design, why = "rct", "publication type Randomized Controlled Trial"
    elif "controlled clinical trial" in pts and not _has(r"\brandomi[sz]", text):
        design, why = "non-randomized-trial", "publication type Controlled Clinical Trial"
    elif "case reports" in pts:
        n = _has(r"\b(?:we (?:present|report|describe)|this (?:report|series) (?:describes|presents))\s+"
                 + _NUM + r"\s+(?:cases|patients)", text)
        if n and (_num(n.group(1)) or 0) >= 2 or _has(r"\bcase series\b", text):
            design, why = "case-series", "publication type Case Reports, and the abstract describes several cases"
        else:
            design, why = "case-report", "publication type Case Reports"
    elif "observational study" in pts or mesh & {"cohort studies", "case-control studies", "cross-sectional studies",
                                                 "prospective studies", "retrospective studies",
                                                 "longitudinal studies"}:
        if "case-control studies" in mesh:
            design, why = "case-control", "MeSH Case-Control Studies"
        elif "cross-sectional studies" in mesh:
            design, why = "cross-sectional", "MeSH Cross-Sectional Studies"
        elif mesh & {"cohort studies", "prospective studies", "retrospective studies", "longitudinal studies"}:
            design, why = "cohort", "MeSH " + ", ".join(sorted(m.title() for m in mesh & {
                "cohort studies", "prospective studies", "retrospective studies", "longitudinal studies"}))
    if design is None and "study.design" not in d.left_out:
        design, why = _design_from_text(title, methods, abstract)
    is_trial_pt = any(p.startswith("clinical trial") for p in pts)
    if design is None and is_trial_pt:
        if _has(r"\bsingle[- ]arm\b|\bopen[- ]label,? single[- ]arm\b", text):
            design, why = "single-arm-trial", "publication type Clinical Trial; 'single-arm' in the abstract"
        else:
            d.left_out["study.design"] = "a clinical trial, but the record does not say whether it was randomized"
    # -- animals and cells ----------------------------------------------------------------
    subjects, swhy = _subjects(r, mesh, text, design)
    if design in (None, "cohort", "case-series", "case-report") and subjects not in (None, "humans"):
        if subjects == "cells":
            design, why = "in-vitro", swhy
        elif design is None:
            design, why = "animal", swhy
    if design:
        d.put("study.design", design, why, True)
    elif "study.design" not in d.left_out:
        d.left_out["study.design"] = "nothing in the record names the design"
    if subjects:
        d.put("study.subjects", subjects, swhy, True)
    # -- phase ------------------------------------------------------------------------------
    phase = None
    for p in r.publication_types:
        m = re.match(r"Clinical Trial, Phase (I{1,3}|IV)(?:/(I{1,3}|IV))?", p)
        if m:
            phase = _roman(m.group(1)) + (f"/{_roman(m.group(2))}" if m.group(2) else "")
            d.put("study.phase", phase, f"publication type {p}", True)
    trial_like = design in ("rct", "non-randomized-trial", "single-arm-trial") or (design is None and is_trial_pt)
    if phase is None and trial_like:
        m = _has(r"\bphase[- ](1|2|3|4|i{1,3}|iv)(?:\s*[/-]\s*(1|2|3|4|i{1,3}|iv))?\b", text)
        if m:
            phase = _roman(m.group(1)) + (f"/{_roman(m.group(2))}" if m.group(2) else "")
            d.put("study.phase", phase, f"'{m.group(0)}' in the abstract", True)
    if phase is None and design and not trial_like:
        a = "an" if design[0] in "aeiou" else "a"  # "an in-vitro", "an animal"
        d.fields["study.phase"] = Value(None, f"{a} {design} is not a phased trial", True)  # null: a statement
    # -- randomized, blinding, control -----------------------------------------------------
    if design == "rct":
        d.put("study.randomized", True, why, True)
    elif design in ("non-randomized-trial", "single-arm-trial", "cohort", "case-control", "cross-sectional",
                    "case-series", "case-report"):
        d.put("study.randomized", False, f"a {design} is not randomized", True)
    blind = None
    if "double-blind method" in mesh:
        blind = ("double", "MeSH Double-Blind Method")
    elif "single-blind method" in mesh:
        blind = ("single", "MeSH Single-Blind Method")
    else:
        blind = _first_cue(((r"\btriple[- ](?:blind|mask)", "triple"), (r"\bdouble[- ](?:blind|mask)", "double"),
                             (r"\bsingle[- ](?:blind|mask)", "single"),
                             (r"\bopen[- ]label\b|\bunblinded\b|\bnot blinded\b", "none")), text)
    if blind is None and design in ("case-series", "case-report", "single-arm-trial"):
        blind = ("none", f"a {design} has no blinded comparison")
    if blind and design in (None, "rct", "non-randomized-trial", "single-arm-trial", "case-series", "case-report",
                            "animal"):
        d.put("study.blinding", blind[0], blind[1], True)
    control = None
    if design in ("rct", "non-randomized-trial", "animal") or (design is None and is_trial_pt):
        control = _first_cue(((r"\bplacebo\b", "placebo"),
                               (r"\b(?:usual|standard) care\b|\bstandard of care\b", "usual-care"),
                               (r"\bhistorical control", "historical"),
                               (r"\bno[- ]treatment control|\buntreated control", "untreated"),
                               (r"\bactive (?:comparator|control)\b", "active")), text)
    if control is None and design in ("case-series", "case-report", "single-arm-trial"):
        control = ("none", f"a {design} has no control group")
    if control:
        d.put("study.control", control[0], control[1], True)
    # -- sample size --------------------------------------------------------------------------
    _sample_size(r, d, design, title, methods, abstract)


def _roman(s: str) -> str:
    return {"i": "1", "ii": "2", "iii": "3", "iv": "4"}.get(s.lower(), s)


def _design_from_text(title: str, methods: str, abstract: str) -> tuple[str | None, str]:
    text = f"{title}. {abstract}"
    tests = [
        (r"\bmeta-?analys[ie]s\b", "meta-analysis"),
        (r"\bsystematic (?:literature )?review\b", "systematic-review"),
        (r"\bnon-?randomi[sz]ed (?:controlled )?(?:clinical )?trial\b", "non-randomized-trial"),
        (r"\brandomi[sz]ed,? (?:(?:double|single|triple)[- ]blind(?:ed)?,? )?(?:placebo-controlled,? )?"
         r"(?:controlled )?(?:clinical )?(?:trial|study)\b|\bunderwent randomi[sz]ation\b|\bwere randomi[sz]ed\b|"
         r"\brandomly assigned\b", "rct"),
        (r"\bsingle[- ]arm\b", "single-arm-trial"),
        (r"\bcase[- ]series\b|\bwe (?:present|report|describe) (?:" + "|".join(
            w for w in NUMBER_WORDS if NUMBER_WORDS[w] >= 2) + r"|[2-9]|\d\d+) (?:cases|patients)\b", "case-series"),
        (r"\bcase report\b|\bwe (?:present|report|describe) (?:a|an|one) (?:case|patient)\b|\ba case of\b",
         "case-report"),
        (r"\bcase[- ]control\b", "case-control"),
        (r"\bcross[- ]sectional\b", "cross-sectional"),
        (r"\bcohort\b|\bprospective(?:ly)? (?:study|followed)\b|\bfollowed (?:up )?for\b", "cohort"),
        (r"\bfocus groups?\b|\bsemi-?structured interviews?\b|\bqualitative\b|\bthematic analysis\b", "qualitative"),
        (r"\bmodell?ing study\b|\bsimulation model\b|\bmathematical model\b", "modelling"),
    ]
    for rx, design in tests:
        m = _has(rx, text)
        if m:
            where = "the title" if _has(rx, title) else "the abstract"
            return design, f"'{m.group(0)}' in {where}"
    return None, ""


def _subjects(r: Record, mesh: set[str], text: str, design: str | None) -> tuple[str | None, str]:
    if r.mesh:
        animal = next(((m, s) for m, s in _ANIMALS if m in mesh), None)
        cells = mesh & {"cells, cultured", "cell line", "cell line, tumor"}
        if "humans" in mesh and "animals" not in mesh:
            if cells and _has(r"\bin vitro\b", text):
                return "cells", "MeSH Cells, Cultured/Cell Line and 'in vitro' in the abstract"
            return "humans", "MeSH Humans"
        if "animals" in mesh and "humans" not in mesh:
            if cells and not _has(r"\bin vivo\b", text):
                return "cells", "MeSH " + ", ".join(sorted(c.title() for c in cells)) + " (no in-vivo work named)"
            if animal:
                return animal[1], f"MeSH Animals, {animal[0].title()}"
            return "animals", "MeSH Animals (a species not in the subjects list)"
    if design in ("meta-analysis", "systematic-review") and not _has(r"\b(mice|rats|animal)", text):
        return ("humans", "the reviewed studies are of people") if _has(_HUMAN_WORDS, text) else (None, "")
    if _has(r"\bin vitro\b|\bcell lines?\b|\bcultured cells\b", text) and not _has(_HUMAN_WORDS, text):
        return "cells", "'in vitro' or cell lines in the abstract, no people"
    for rx, s in _TEXT_ANIMALS:
        m = _has(rx, text)
        if m and not _has(_HUMAN_WORDS, text):
            return s, f"'{m.group(0)}' in the abstract"
    m = _has(_HUMAN_WORDS, text)
    if m:
        return "humans", f"'{m.group(0)}' in the abstract"
    return None, ""


def _sample_size(r: Record, d: Draft, design: str | None, title: str, methods: str, abstract: str) -> None:
    text = f"{title}. {abstract}"
    study_unit = r"studies|trials|articles" if design in ("meta-analysis", "systematic-review") else None
    strong: list[tuple[int, str]] = []
    weak: list[tuple[int, str]] = []
    units = _UNITS
    adj = r"(?:[\w-]+\s+){0,3}?"
    pats_strong = [
        rf"\b(?:a total of|in total,?|overall,?|altogether,?)\s+{_NUM}\s+{adj}({units})\b",
        rf"\b{_NUM}\s+{adj}({units})\s+(?:were|was|had been)\s+(?:\w+\s+)?(?:enrolled|included|randomi[sz]ed|"
        rf"recruited|studied|analy[sz]ed|assigned|identified|treated)\b",
        rf"\b{_NUM}\s+{adj}({units})\s+underwent randomi[sz]ation\b",
        rf"\b(?:we (?:present|report|describe|enrolled|included|recruited|studied|analy[sz]ed))\s+"
        rf"{_NUM}\s+{adj}({units})\b",
        rf"\b{_NUM}\s+(case) series\b",
    ]
    if study_unit:
        pats_strong.append(rf"\b{_NUM}\s+{adj}({study_unit})\b(?! (?:have|has) )")
    pats_weak = [rf"\b(?:of|in|among|from|involving|including)\s+{_NUM}\s+{adj}({units})\b"]
    for pats, out in ((pats_strong, strong), (pats_weak, weak)):
        for rx in pats:
            for m in re.finditer(rx, text, re.I):
                n = _num(m.group(1))
                unit = m.group(2).lower()
                if n is None or n < 1:
                    continue
                if study_unit and not re.fullmatch(study_unit, unit):
                    continue
                if not study_unit and unit in ("studies", "trials", "articles"):
                    continue
                out.append((n, m.group(0)))
    cc = re.search(rf"\b{_NUM}\s+{adj}cases\s+and\s+{_NUM}\s+{adj}controls\b", text, re.I)
    if cc and _num(cc.group(1)) and _num(cc.group(2)):
        total = (_num(cc.group(1)) or 0) + (_num(cc.group(2)) or 0)
        d.put("study.sample_size", total, f"cases and controls added: '{cc.group(0)}'", True)
        return
    if design == "case-report" and not strong:
        d.put("study.sample_size", 1, "a case report describes one patient", True)
        return
    for cands in (strong, weak):
        values = sorted({n for n, _ in cands})
        if len(values) == 1:
            d.put("study.sample_size", values[0], f"'{cands[0][1]}'", True)
            return
        if len(values) > 1:
            shown = "; ".join(f"'{s}'" for _, s in cands[:4])
            d.left_out["study.sample_size"] = f"the abstract gives several counts that disagree: {shown}"
            return
    d.left_out["study.sample_size"] = "the abstract gives no count of participants"


# ---- claim strength, dates ------------------------------------------------------------------

STRENGTH_NAMES = ("none", "correlational", "conditional-causal", "causal")


def _claim_strength(r: Record, d: Draft) -> None:
    concl = [s for s in r.abstract if s.category == "CONCLUSIONS"]
    if concl:
        sents = [x for s in concl for x in _sentences(s.text)]
        where = "the abstract's conclusions"
    elif r.abstract:
        sents = _sentences(r.abstract_text())[-2:]
        where = "the abstract's last sentences"
    else:
        d.left_out["claim_strength"] = "the record has no abstract"
        return
    best, cue = -1, ""
    for s in sents:
        st = classify(s)
        if st.level > best:
            best, cue = st.level, s[st.start:st.end] if st.end > st.start else ""
    if best < 0:
        return
    note = f"the project's claim-strength classifier on {where}" + (f" ('{cue}')" if cue else "")
    d.put("claim_strength", STRENGTH_NAMES[best], note, True)


_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_EVENT = re.compile(r"\b(approv\w*|authori[sz]\w*|licen[cs]\w*|took effect|takes effect|came into|launch\w*|"
                    r"introduc\w*|began|started|entered into force|clearance|cleared)\b", re.I)


def _dates(r: Record, d: Draft) -> None:
    """Dated events the abstract states ('approved in Japan on 28 December 2018')."""
    events = []
    month_no = {m: i for i, m in enumerate(_MONTH[1:-1].split("|"), start=1)}
    for s in _sentences(r.abstract_text()):
        if not _EVENT.search(s):
            continue
        for m in re.finditer(rf"\b(?:on |in )?(?:(\d{{1,2}}) {_MONTH}|{_MONTH} (\d{{1,2}}),?|{_MONTH}) (\d{{4}})\b", s):
            day = m.group(1) or m.group(3)
            month = month_no[m.group(2) or m.group(4) or m.group(5)]
            date = f"{m.group(6)}-{month:02d}" + (f"-{int(day):02d}" if day else "")
            what = _event_words(s, m.start(), m.end())
            if what:
                events.append({"what": what, "date": date})
    if events:
        d.put("dates", events, "dated events the abstract states", True)


_BOUNDARY = re.compile(r";|,\s+(?=(?:which|that|under|and|but|when|after|before|following|while|whereas|although)\b)")


def _event_words(sentence: str, start: int, end: int) -> str:
    """The clause that holds a date, without the date: 'Stemirac received conditional approval
    in Japan'; a 'which' clause takes the noun it refers to ('... system, which took effect')."""
    cuts = [0] + [m.start() for m in _BOUNDARY.finditer(sentence)] + [len(sentence)]
    i = max(k for k in range(len(cuts) - 1) if cuts[k] <= start)
    clause = sentence[cuts[i]:cuts[i + 1]]
    rel = start - cuts[i]
    clause = (clause[:rel] + clause[rel + (end - start):]).strip(" ,.;")
    clause = re.sub(r"^(?:and|but|while|whereas|although)\s+", "", clause)
    if re.match(r"(?:which|that)\b", clause) and i > 0:
        head = sentence[cuts[i - 1]:cuts[i]].strip(" ,.;")
        head = re.sub(r"^(?:under|of|for|in|by|with|through)\s+", "", head)
        verb = re.sub(r"^(?:which|that)\s+", "", clause)
        clause = f"{head} {verb}"
    clause = re.sub(r"\s+(?:on|in)$", "", re.sub(r"\s+", " ", clause)).strip(" ,")
    return re.sub(r"^(?:the|a|an) ", "", clause, flags=re.I)  # messages say "the {what}"
