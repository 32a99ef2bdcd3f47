"""PubMed efetch XML (``<PubmedArticleSet>``, or a bare ``<PubmedArticle>``) -> records."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .record import Author, Record, Section, category_of, clean, make_date, medline_date, split_affiliation

SRC = "PubMed"


class ParseError(ValueError):
    pass


def _text(el: ET.Element | None) -> str:
    return clean("".join(el.itertext())) if el is not None else ""


def parse(data: bytes | str) -> list[Record]:
    """Every ``PubmedArticle`` in the document, in order."""
    raw = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    raw = raw.lstrip("\ufeff \t\r\n")
    if not raw.startswith(("<?xml", "<!DOCTYPE", "<PubmedArticleSet")):
        raw = f"<PubmedArticleSet>{raw}</PubmedArticleSet>"  # bare <PubmedArticle> elements
    raw = re.sub(r"<!DOCTYPE[^>\[]*(\[[^\]]*\])?>", "", raw, count=1)  # no DTD is fetched or expanded
    try:
        root = ET.fromstring(raw.encode("utf-8"))
    except ET.ParseError as exc:
        raise ParseError(f"not PubMed XML ({exc})") from None
    arts = [root] if root.tag == "PubmedArticle" else root.findall(".//PubmedArticle")
    return [_article(a) for a in arts]


def _article(pa: ET.Element) -> Record:
    r = Record(source=SRC)
    mc = pa.find("MedlineCitation")
    if mc is None:
        raise ParseError("a PubmedArticle without MedlineCitation")
    art = mc.find("Article")
    if art is None:
        raise ParseError("a PubmedArticle without Article")
    r.set("pmid", _text(mc.find("PMID")), f"{SRC} <PMID>")
    r.set("title", _text(art.find("ArticleTitle")).rstrip(".") or None, f"{SRC} <ArticleTitle>")
    j = art.find("Journal")
    if j is not None:
        r.set("journal", _text(j.find("Title")), f"{SRC} <Journal><Title> (NLM title)")
        iso = _text(j.find("ISOAbbreviation"))
        if iso:
            r.journal_abbrevs.append(iso)
        ji = j.find("JournalIssue")
        if ji is not None:
            r.set("volume", _text(ji.find("Volume")), f"{SRC} <Volume>")
            pd = ji.find("PubDate")
            if pd is not None:
                date = (make_date(_text(pd.find("Year")), _text(pd.find("Month")), _text(pd.find("Day")))
                        or medline_date(_text(pd.find("MedlineDate"))))
                r.set("published", date, f"{SRC} <PubDate> (the issue)")
    ad = art.find("ArticleDate")
    if ad is not None:
        e = make_date(_text(ad.find("Year")), _text(ad.find("Month")), _text(ad.find("Day")))
        if e and (not r.published or e[:4] <= r.published[:4]):
            r.published = e
            r.where["published"] = f"{SRC} <ArticleDate> (published online)"
    ta = _text(mc.find("MedlineJournalInfo/MedlineTA"))
    if ta and ta not in r.journal_abbrevs:
        r.journal_abbrevs.append(ta)
    if r.journal_abbrevs:
        r.where["journal_abbrevs"] = f"{SRC} <ISOAbbreviation>, <MedlineTA>"
    pg = _text(art.find("Pagination/MedlinePgn"))
    if not pg:
        pg = next((_text(e) for e in art.findall("ELocationID") if e.get("EIdType") == "pii"), "")
    r.set("pages", pg, f"{SRC} <MedlinePgn>")
    for loc in art.findall("ELocationID"):
        if loc.get("EIdType") == "doi":
            r.set("doi", _text(loc), f"{SRC} <ELocationID EIdType=doi>")
    for aid in pa.findall("PubmedData/ArticleIdList/ArticleId"):
        kind = aid.get("IdType")
        if kind == "doi":
            r.set("doi", _text(aid), f"{SRC} <ArticleId IdType=doi>")
        elif kind == "pmc":
            r.set("pmcid", _text(aid), f"{SRC} <ArticleId IdType=pmc>")
    for au in art.findall("AuthorList/Author"):
        if au.get("ValidYN") == "N":
            continue
        coll = _text(au.find("CollectiveName"))
        if coll:
            r.authors.append(Author(coll, collective=True))
            continue
        from .record import person_name
        name = person_name(_text(au.find("ForeName")) or _text(au.find("Initials")), _text(au.find("LastName")))
        a = Author(name)
        for af in au.findall("AffiliationInfo/Affiliation"):
            text, email = split_affiliation(_text(af))
            for part in _split_joined(text):
                if part and part not in a.affiliations:
                    a.affiliations.append(part)
            a.email = a.email or email
        for ident in au.findall("Identifier"):
            if ident.get("Source") == "ORCID":
                a.orcid = _text(ident)
        r.authors.append(a)
    if r.authors:
        r.where["authors"] = f"{SRC} <AuthorList>"
        if any(a.affiliations for a in r.authors):
            r.where["affiliations"] = f"{SRC} <AffiliationInfo>"
    for at in art.findall("Abstract/AbstractText"):
        label = at.get("Label") or ""
        cat = at.get("NlmCategory") or (category_of(label) if label else "UNASSIGNED")
        text = _text(at)
        if text:
            r.abstract.append(Section(label, cat, text))
    if r.abstract:
        r.where["abstract"] = f"{SRC} <Abstract>"
    r.publication_types = [_text(p) for p in art.findall("PublicationTypeList/PublicationType")]
    r.where["publication_types"] = f"{SRC} <PublicationType>"
    r.mesh = [_text(d) for d in mc.findall("MeshHeadingList/MeshHeading/DescriptorName")]
    r.indexed = bool(r.mesh)
    r.where["mesh"] = f"{SRC} <MeshHeading>"
    r.keywords = [_text(k) for k in mc.findall("KeywordList/Keyword")]
    for g in art.findall("GrantList/Grant"):
        agency, gid = _text(g.find("Agency")), _text(g.find("GrantID"))
        item = f"{agency} ({gid})" if agency and gid else agency or gid
        if item and item not in r.funding:
            r.funding.append(item)
    if r.funding:
        r.where["funding"] = f"{SRC} <GrantList>"
    coi = _text(mc.find("CoiStatement"))
    if coi:
        r.conflicts = [coi]
        r.where["conflicts"] = f"{SRC} <CoiStatement>"
    for cc in mc.findall("CommentsCorrectionsList/CommentsCorrections"):
        kind = cc.get("RefType")
        ref = _text(cc.find("PMID"))
        if kind == "RetractionIn":
            r.retracted = True
            r.retraction = f"RetractionIn PMID {ref}" if ref else f"RetractionIn {_text(cc.find('RefSource'))}"
            r.where["retracted"] = f"{SRC} <CommentsCorrections RefType=RetractionIn>"
        elif kind == "RetractionOf":
            r.retraction_notice = True
        elif kind == "UpdateIn" and ref:
            r.preprint_of = f"PMID {ref}"
    if "Retracted Publication" in r.publication_types and not r.retracted:
        r.retracted = True
        r.retraction = "PublicationType Retracted Publication"
        r.where["retracted"] = f"{SRC} <PublicationType>Retracted Publication"
    if "Retraction of Publication" in r.publication_types:
        r.retraction_notice = True
    if "Preprint" in r.publication_types:
        r.preprint = True
        r.where["preprint"] = f"{SRC} <PublicationType>Preprint"
    r.kind = "journal-article"
    return r


def _split_joined(aff: str) -> list[str]:
    """Old records join several affiliations in one element with '; '."""
    parts = [p.strip() for p in re.split(r";\s+(?=[A-Z])", aff)]
    return [re.sub(r"\s*\.$", "", p) for p in parts if p]
