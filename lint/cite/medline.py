"""MEDLINE text (PubMed's "Save, PubMed format", ``.nbib``) -> records."""
from __future__ import annotations

import re

from .record import (
    Author,
    Record,
    inverted_name,
    medline_date,
    sections_from_text,
    split_affiliation,
)

SRC = "MEDLINE"
_TAG = re.compile(r"^([A-Z][A-Z0-9 ]{1,3})- ?(.*)$")


def fields(text: str) -> list[list[tuple[str, str]]]:
    """Records as lists of (tag, value), continuation lines joined."""
    records: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        m = _TAG.match(line)
        if m:
            tag = m.group(1).strip()
            if tag == "PMID" and cur:
                records.append(cur)
                cur = []
            cur.append((tag, m.group(2).strip()))
        elif line.startswith("      ") and cur:
            tag, value = cur[-1]
            cur[-1] = (tag, f"{value} {line.strip()}".strip())
        elif not line.strip() and cur and any(t == "PMID" for t, _ in cur):
            continue
    if cur:
        records.append(cur)
    return [r for r in records if any(t in ("PMID", "TI") for t, _ in r)]


def looks_like(text: str) -> bool:
    return bool(re.search(r"^PMID- ?\d+", text, re.M))


def parse(data: bytes | str) -> list[Record]:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return [_record(f) for f in fields(text.lstrip("\ufeff"))]


def _record(fs: list[tuple[str, str]]) -> Record:
    r = Record(source=SRC)

    def first(tag: str) -> str:
        return next((v for t, v in fs if t == tag), "")

    def every(tag: str) -> list[str]:
        return [v for t, v in fs if t == tag]

    r.set("pmid", first("PMID"), f"{SRC} PMID")
    r.set("title", first("TI").rstrip(".") or None, f"{SRC} TI")
    r.set("journal", first("JT"), f"{SRC} JT (NLM title)")
    r.journal_abbrevs = [a for a in dict.fromkeys([first("TA")]) if a]
    if r.journal_abbrevs:
        r.where["journal_abbrevs"] = f"{SRC} TA"
    r.set("volume", first("VI"), f"{SRC} VI")
    r.set("pages", first("PG"), f"{SRC} PG")
    dep = first("DEP")
    dp = medline_date(first("DP"))
    epub = medline_date(f"{dep[:4]}-{dep[4:6]}-{dep[6:8]}") if re.fullmatch(r"\d{8}", dep) else None
    if epub and (not dp or epub[:4] <= dp[:4]):
        r.set("published", epub, f"{SRC} DEP (published online)")
    else:
        r.set("published", dp, f"{SRC} DP")
    for v in every("LID") + every("AID"):
        if v.endswith("[doi]"):
            r.set("doi", v[: -len("[doi]")].strip(), f"{SRC} LID/AID [doi]")
    r.set("pmcid", first("PMC"), f"{SRC} PMC")
    # Authors: FAU (full) with the AD lines that follow it; old records give AD before the names.
    has_fau = any(t == "FAU" for t, _ in fs)
    cur: Author | None = None
    pending: list[str] = []
    for t, v in fs:
        if t == "FAU":
            cur = Author(inverted_name(v))
            r.authors.append(cur)
        elif t == "AU" and not has_fau:  # very old records give AU only
            cur = Author(inverted_name(v))
            r.authors.append(cur)
        elif t == "CN":
            cur = Author(v, collective=True)
            r.authors.append(cur)
        elif t == "AD":
            if cur is None:
                pending.append(v)
            else:
                text, email = split_affiliation(v)
                if text and text not in cur.affiliations:
                    cur.affiliations.append(text)
                cur.email = cur.email or email
        elif t == "AUID" and cur is not None and "ORCID" in v:
            cur.orcid = v.split(":", 1)[-1].strip()
    if pending and r.authors:  # old style: the first author's address, before the names
        text, email = split_affiliation(" ".join(pending))
        r.authors[0].affiliations.append(text)
        r.authors[0].email = email
    if r.authors:
        r.where["authors"] = f"{SRC} FAU/AU"
        if any(a.affiliations for a in r.authors):
            r.where["affiliations"] = f"{SRC} AD"
    r.abstract = sections_from_text(first("AB"))
    if r.abstract:
        r.where["abstract"] = f"{SRC} AB"
    r.publication_types = every("PT")
    r.where["publication_types"] = f"{SRC} PT"
    r.mesh = [re.sub(r"/.*$", "", m).lstrip("*") for m in every("MH")]
    r.indexed = bool(r.mesh)
    r.where["mesh"] = f"{SRC} MH"
    r.keywords = every("OT")
    r.funding = every("GR")
    if r.funding:
        r.where["funding"] = f"{SRC} GR"
    if first("COIS"):
        r.conflicts = [first("COIS")]
        r.where["conflicts"] = f"{SRC} COIS"
    for v in every("RIN"):
        r.retracted, r.retraction = True, f"RIN {v}"
        r.where["retracted"] = f"{SRC} RIN"
    if "Retracted Publication" in r.publication_types and not r.retracted:
        r.retracted, r.retraction = True, "PT Retracted Publication"
        r.where["retracted"] = f"{SRC} PT Retracted Publication"
    r.retraction_notice = bool(every("ROF")) or "Retraction of Publication" in r.publication_types
    if "Preprint" in r.publication_types:
        r.preprint = True
        r.where["preprint"] = f"{SRC} PT Preprint"
    upd = every("UIN")
    if upd:
        r.preprint_of = upd[0]
    r.kind = "journal-article"
    return r

