"""Journal names: whether a name in a story is the citation's journal (language layer).

``journals_same`` compares journal names (case, "The", "&", abbreviations such as
"N Engl J Med", and aliases given by a rule); ``journal_names`` reads the readings a
journal name in a sentence may have.
"""
from __future__ import annotations

import re

from .institutions import InstSpan, capture_caps, clean_inst
from .names import fold


def norm_journal(name: str) -> str:
    t = fold(name).replace("&", " and ")
    t = re.sub(r"[^\w\s]", " ", t)
    t = re.sub(r"^\s*the\s+", "", t)
    return " ".join(t.split())


def _abbrev_of(short: str, full: str) -> bool:
    """"N Engl J Med" for "New England Journal of Medicine", "NEJM" too."""
    s_words = short.split()
    f_words = [w for w in full.split() if w not in ("of", "the", "and", "for", "in", "on")]
    if len(s_words) == 1 and len(s_words[0]) >= 2 and "".join(w[0] for w in f_words) == s_words[0]:
        return True
    if len(s_words) != len(f_words) or len(s_words) < 2:
        return False
    return all(f.startswith(s) for s, f in zip(s_words, f_words))


def journals_same(a: str, b: str, aliases: list[list[str]]) -> bool:
    na, nb = norm_journal(a), norm_journal(b)
    if na == nb:
        return True
    if _abbrev_of(na, nb) or _abbrev_of(nb, na):
        return True
    for group in aliases:
        ng = {norm_journal(g) for g in group}
        if na in ng and nb in ng:
            return True
    return False


def journal_names(text: str, inst: InstSpan, limit: int) -> tuple[InstSpan, list[str]]:
    """The journal name as flagged, and the longer readings it may have: "Circulation:
    Cardiovascular Imaging", "Cancer Epidemiology, Biomarkers & Prevention", "the Nature
    journal Translational Psychiatry", "the Endocrine Society's Journal of ..."."""
    inst = clean_inst(inst)
    # a publisher's possessive: keep what follows it
    pm = re.search(r"^.*['’]s\s+", inst.text)
    if pm and inst.start + pm.end() < inst.end:
        inst = InstSpan(inst.start + pm.end(), inst.end, inst.text[pm.end():])
    readings = [inst.text]
    cm = re.compile(r":\s+").match(text, inst.end)
    sub = capture_caps(text, cm.end(), limit, comma=False, articles=False) if cm else None
    if sub is not None:  # "Circulation: Cardiovascular Imaging" is one name
        readings.append(inst.text)
        inst = InstSpan(inst.start, sub.end, text[inst.start:sub.end])
        readings[0] = inst.text
    for sep in (r":\s+", r",\s+", r"\s+journal\s+"):
        m = re.compile(sep).match(text, inst.end)
        if m:
            more = capture_caps(text, m.end(), limit, comma=False, articles=False)
            if more:
                readings.append(text[inst.start:more.end])
                readings.append(more.text)
    return inst, readings
