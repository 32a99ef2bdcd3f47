"""RIS (EndNote, Zotero, Scopus, publishers) -> records."""
from __future__ import annotations

import re

from .record import Author, Record, clean, inverted_name, make_date, norm_doi, sections_from_text, split_affiliation

SRC = "RIS"
_LINE = re.compile(r"^([A-Z][A-Z0-9])  ?- ?(.*)$")


def looks_like(text: str) -> bool:
    return bool(re.search(r"^TY  ?- ", text, re.M))


def parse(data: bytes | str) -> list[Record]:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    out: list[Record] = []
    cur: list[tuple[str, str]] = []
    for line in text.split("\n"):
        m = _LINE.match(line)
        if m:
            tag, value = m.group(1), m.group(2).strip()
            if tag == "ER":
                if cur:
                    out.append(_record(cur))
                cur = []
                continue
            cur.append((tag, value))
        elif line.strip() and cur:  # an untagged continuation line
            tag, value = cur[-1]
            cur[-1] = (tag, f"{value} {line.strip()}")
    if cur:
        out.append(_record(cur))
    return [r for r in out if r.title]


def _record(fs: list[tuple[str, str]]) -> Record:
    r = Record(source=SRC)

    def first(*tags: str) -> tuple[str, str]:
        for tag in tags:
            for t, v in fs:
                if t == tag and v.strip():
                    return v.strip(), tag
        return "", ""

    r.kind = first("TY")[0]
    title, tag = first("TI", "T1")
    r.set("title", clean(title).rstrip(".") or None, f"{SRC} {tag}")
    journal, tag = first("JF", "T2", "JO", "JA")
    r.set("journal", clean(journal), f"{SRC} {tag}")
    for t in ("JO", "JA", "J2"):
        v = clean(first(t)[0])
        if v and v != r.journal and v not in r.journal_abbrevs:
            r.journal_abbrevs.append(v)
            r.where["journal_abbrevs"] = f"{SRC} {t}"
    for t in ("DA", "PY", "Y1"):
        m = re.match(r"(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2}))?)?", first(t)[0])
        if m and m.group(1) != "0000":
            r.set("published", make_date(*m.groups()), f"{SRC} {t}")
            break
    doi, tag = first("DO")
    if not doi:
        for t in ("M3", "N1", "UR", "L3"):
            for tt, v in fs:
                m = re.search(r"\b(10\.\d{4,9}/[^\s;,]+)", v) if tt == t else None
                if m:
                    doi, tag = m.group(1), t
                    break
            if doi:
                break
    r.set("doi", norm_doi(doi), f"{SRC} {tag}")
    vol = first("VL")[0]
    r.set("volume", vol if vol != "9999" else "", f"{SRC} VL")
    sp, ep = first("SP")[0], first("EP")[0]
    r.set("pages", f"{sp}-{ep}" if sp and ep else sp, f"{SRC} SP/EP")
    for t, v in fs:
        if t in ("AU", "A1"):
            r.authors.append(Author(_case(inverted_name(v))))
    if r.authors:
        r.where["authors"] = f"{SRC} AU"
    affs = [v for t, v in fs if t == "AD"]
    if affs and r.authors and len(affs) == 1:
        parts = [p.strip() for p in affs[0].split(";") if p.strip()]
        if len(parts) == len(r.authors):
            for a, p in zip(r.authors, parts):
                a.affiliations.append(split_affiliation(p)[0])
        else:
            r.authors[0].affiliations.extend(split_affiliation(p)[0] for p in parts)
        r.where["affiliations"] = f"{SRC} AD"
    ab, tag = first("AB", "N2")
    r.abstract = sections_from_text(ab)
    if r.abstract:
        r.where["abstract"] = f"{SRC} {tag}"
    r.keywords = [v for t, v in fs if t == "KW"]
    pmid = next((m.group(1) for t, v in fs if t in ("AN", "N1", "M1")
                 for m in [re.search(r"PMID:?\s*(\d+)", v)] if m), "")
    r.set("pmid", pmid, f"{SRC} AN/N1")
    return r


def _case(name: str) -> str:
    """'A. P. Jason de KONING' (EndNote's capitals) -> 'A. P. Jason de Koning'."""
    return " ".join(w.capitalize() if len(w) > 1 and w.isalpha() and w.isupper() else w for w in name.split())
