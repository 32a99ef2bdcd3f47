"""arXiv API Atom, the bioRxiv/medRxiv ``details`` API and Europe PMC REST JSON -> records."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from .csl import jats_sections
from .record import Author, Record, clean, inverted_name, medline_date, norm_doi, person_name, split_affiliation

_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"


class ParseError(ValueError):
    pass


def parse_arxiv(data: bytes | str) -> list[Record]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise ParseError(f"not an arXiv Atom feed ({exc})") from None
    out = []
    for e in root.findall(f"{_ATOM}entry"):
        r = Record(source="arXiv", kind="preprint", journal="arXiv", preprint=True)
        r.where.update(journal="arXiv API", preprint="arXiv API")
        ident = clean(e.findtext(f"{_ATOM}id"))
        m = re.search(r"abs/(.+?)(v\d+)?$", ident)
        r.set("arxiv", m.group(1) if m else ident, "arXiv <id>")
        r.set("title", clean(e.findtext(f"{_ATOM}title")).rstrip("."), "arXiv <title>")
        r.set("published", (e.findtext(f"{_ATOM}published") or "")[:10] or None, "arXiv <published> (first version)")
        for a in e.findall(f"{_ATOM}author"):
            au = Author(clean(a.findtext(f"{_ATOM}name")))
            au.affiliations = [clean(x.text) for x in a.findall(f"{_ARXIV}affiliation") if x.text]
            r.authors.append(au)
        r.where["authors"] = "arXiv <author>"
        if any(a.affiliations for a in r.authors):
            r.where["affiliations"] = "arXiv <arxiv:affiliation>"
        summary = clean(e.findtext(f"{_ATOM}summary"))
        if summary:
            from .record import Section
            r.abstract = [Section("", "UNASSIGNED", summary)]
            r.where["abstract"] = "arXiv <summary>"
        doi = e.findtext(f"{_ARXIV}doi")
        if doi:  # published since: the journal version's DOI
            r.preprint_of = f"doi {clean(doi)}"
        ref = clean(e.findtext(f"{_ARXIV}journal_ref"))
        if ref:
            r.preprint_of = (r.preprint_of + f" ({ref})") if r.preprint_of else ref
        out.append(r)
    return out


def parse_biorxiv(data: bytes | str) -> list[Record]:
    """``https://api.biorxiv.org/details/{biorxiv|medrxiv}/{doi}``: the latest version."""
    try:
        doc = json.loads(data)
    except ValueError as exc:
        raise ParseError(f"not a bioRxiv/medRxiv API response ({exc})") from None
    coll = doc.get("collection") if isinstance(doc, dict) else None
    if not coll:
        return []
    v = coll[-1]
    server = "medRxiv" if str(v.get("server", "")).lower() == "medrxiv" else "bioRxiv"
    src = f"{server} API"
    r = Record(source=src, kind="preprint", preprint=True)
    r.set("journal", server, f"{src} server")
    r.where["preprint"] = src
    r.set("title", clean(v.get("title")).rstrip("."), f"{src} title")
    r.set("doi", norm_doi(v.get("doi")), f"{src} doi")
    r.set("published", str(coll[0].get("date") or "")[:10] or None, f"{src} date (first version)")
    for name in [n.strip() for n in str(v.get("authors") or "").split(";") if n.strip()]:
        r.authors.append(Author(inverted_name(name)))
    r.where["authors"] = f"{src} authors"
    corr = clean(v.get("author_corresponding"))
    if corr and r.authors:
        inst = clean(v.get("author_corresponding_institution"))
        for a in r.authors:
            if a.name.split()[-1].lower() == corr.split()[-1].lower():
                a.email = "(corresponding)"
                if inst:
                    a.affiliations = [inst]
    ab = clean(v.get("abstract"))
    if ab:
        from .record import sections_from_text
        r.abstract = sections_from_text(ab)
        r.where["abstract"] = f"{src} abstract"
    pub = str(v.get("published") or "NA")
    if pub != "NA":
        r.preprint_of = f"doi {pub}"
    return [r]


def parse_europepmc(data: bytes | str) -> list[Record]:
    """Europe PMC ``search`` (resultType=core) results."""
    try:
        doc = json.loads(data)
    except ValueError as exc:
        raise ParseError(f"not a Europe PMC response ({exc})") from None
    results = (doc.get("resultList") or {}).get("result") or [] if isinstance(doc, dict) else []
    return [_epmc(x) for x in results if isinstance(x, dict)]


def _epmc(x: dict) -> Record:
    src = "Europe PMC"
    r = Record(source=src)
    r.set("pmid", str(x.get("pmid") or ""), f"{src} pmid")
    r.set("pmcid", str(x.get("pmcid") or ""), f"{src} pmcid")
    r.set("doi", norm_doi(x.get("doi")), f"{src} doi")
    r.set("title", clean(x.get("title")).rstrip("."), f"{src} title")
    ji = x.get("journalInfo") or {}
    j = ji.get("journal") or {}
    r.set("journal", clean(j.get("title")), f"{src} journalInfo.journal.title (NLM title)")
    for k in ("isoabbreviation", "medlineAbbreviation"):
        if j.get(k) and j[k] not in r.journal_abbrevs:
            r.journal_abbrevs.append(j[k])
            r.where["journal_abbrevs"] = f"{src} journalInfo abbreviations"
    r.set("volume", str(ji.get("volume") or ""), f"{src} journalInfo.volume")
    r.set("pages", str(x.get("pageInfo") or ""), f"{src} pageInfo")
    date = x.get("electronicPublicationDate") or x.get("firstPublicationDate") or ji.get("dateOfPublication")
    r.set("published", medline_date(str(date or "")), f"{src} electronicPublicationDate")
    for a in (x.get("authorList") or {}).get("author") or []:
        if a.get("collectiveName"):
            r.authors.append(Author(clean(a["collectiveName"]), collective=True))
            continue
        au = Author(person_name(a.get("firstName") or a.get("initials"), a.get("lastName")) if a.get("lastName")
                    else clean(a.get("fullName")))
        for af in (a.get("authorAffiliationDetailsList") or {}).get("authorAffiliation") or []:
            text, email = split_affiliation(clean(af.get("affiliation")))
            if text and text not in au.affiliations:
                au.affiliations.append(text)
            au.email = au.email or email
        ident = a.get("authorId") or {}
        if ident.get("type") == "ORCID":
            au.orcid = ident.get("value")
        r.authors.append(au)
    if r.authors:
        r.where["authors"] = f"{src} authorList"
        if any(a.affiliations for a in r.authors):
            r.where["affiliations"] = f"{src} authorAffiliationDetailsList"
    if x.get("abstractText"):
        r.abstract = jats_sections(str(x["abstractText"]))
        r.where["abstract"] = f"{src} abstractText"
    r.publication_types = list((x.get("pubTypeList") or {}).get("pubType") or [])
    r.where["publication_types"] = f"{src} pubTypeList"
    r.mesh = [clean(m.get("descriptorName")) for m in (x.get("meshHeadingList") or {}).get("meshHeading") or []]
    r.indexed = bool(r.mesh)
    r.where["mesh"] = f"{src} meshHeadingList"
    for g in (x.get("grantsList") or {}).get("grant") or []:
        item = clean(g.get("agency")) + (f" ({g['grantId']})" if g.get("grantId") else "")
        if item and item not in r.funding:
            r.funding.append(item)
    if r.funding:
        r.where["funding"] = f"{src} grantsList"
    if "Retracted Publication" in r.publication_types:
        r.retracted, r.retraction = True, "pubType Retracted Publication"
        r.where["retracted"] = f"{src} pubTypeList"
    if x.get("source") == "PPR" or "Preprint" in r.publication_types:
        r.preprint = True
        r.where["preprint"] = f"{src} source PPR"
    r.kind = "journal-article"
    return r
