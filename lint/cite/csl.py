"""Crossref ``/works/{doi}`` responses and CSL-JSON (Zotero, citeproc, Crossref's
transform) -> records.  Both are citeproc-shaped: one reader serves them."""
from __future__ import annotations

import json
import re
from typing import Any

from .record import Author, Record, clean, make_date, norm_doi, person_name, sections_from_text, split_affiliation


class ParseError(ValueError):
    pass


def parse_crossref(data: bytes | str) -> Record:
    try:
        doc = json.loads(data)
    except ValueError as exc:
        raise ParseError(f"not a Crossref response ({exc})") from None
    msg = doc.get("message") if isinstance(doc, dict) and "message" in doc else doc
    if not isinstance(msg, dict):
        raise ParseError("not a Crossref work")
    return item(msg, "Crossref")


def parse_csl(data: bytes | str) -> list[Record]:
    try:
        doc = json.loads(data)
    except ValueError as exc:
        raise ParseError(f"not CSL-JSON ({exc})") from None
    items = doc if isinstance(doc, list) else doc.get("items", [doc]) if isinstance(doc, dict) else []
    return [item(x, "CSL-JSON") for x in items if isinstance(x, dict)]


def _one(v: Any) -> str:
    if isinstance(v, list):
        v = v[0] if v else ""
    return clean(str(v)) if v else ""


def _date(v: Any) -> str | None:
    if not isinstance(v, dict):
        return None
    parts = v.get("date-parts") or [[]]
    p = parts[0] if parts and isinstance(parts[0], list) else []
    if not p or p[0] is None:
        raw = v.get("raw") or v.get("literal")
        m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", str(raw or ""))
        return make_date(*m.groups()) if m else None
    return make_date(*(list(p) + [None, None])[:3])


def item(m: dict, src: str) -> Record:
    r = Record(source=src)
    title = _one(m.get("title"))
    sub = _one(m.get("subtitle"))
    if sub and sub.lower() not in title.lower():
        title = f"{title}: {sub}"
    r.set("title", title.rstrip(".") or None, f"{src} title")
    r.set("journal", _one(m.get("container-title")), f"{src} container-title")
    for short in m.get("short-container-title") or [m.get("container-title-short") or m.get("journalAbbreviation")]:
        if short and clean(short) not in r.journal_abbrevs:
            r.journal_abbrevs.append(clean(short))
    if r.journal_abbrevs:
        r.where["journal_abbrevs"] = f"{src} short-container-title"
    kind = m.get("type") or ""
    r.kind = kind
    inst = [clean(i.get("name", "")) for i in m.get("institution") or [] if isinstance(i, dict)]
    if kind == "posted-content" or m.get("subtype") == "preprint":
        r.preprint = True
        r.where["preprint"] = f"{src} type {kind}" + (f" ({m.get('subtype')})" if m.get("subtype") else "")
        if not r.journal and inst:
            r.set("journal", inst[0], f"{src} institution")
    for key, label in (("published-online", "published-online"), ("posted", "posted"),
                       ("published-print", "published-print"), ("issued", "issued"), ("published", "published")):
        d = _date(m.get(key))
        if d:
            r.set("published", d, f"{src} {label}")
            break
    r.set("doi", norm_doi(m.get("DOI")), f"{src} DOI")
    r.set("pmid", str(m.get("PMID") or ""), f"{src} PMID")
    r.set("pmcid", str(m.get("PMCID") or ""), f"{src} PMCID")
    r.set("volume", str(m.get("volume") or ""), f"{src} volume")
    r.set("pages", clean(str(m.get("page") or m.get("article-number") or "")).replace("\u2013", "-"), f"{src} page")
    for a in m.get("author") or []:
        if not isinstance(a, dict):
            continue
        if a.get("family") or a.get("given"):
            au = Author(person_name(a.get("given"), a.get("family")))
        elif a.get("name") or a.get("literal"):
            au = Author(clean(a.get("name") or a.get("literal")), collective=True)
        else:
            continue
        for af in a.get("affiliation") or []:
            name = af.get("name") if isinstance(af, dict) else af
            if name:
                text, email = split_affiliation(clean(str(name)))
                if text and text not in au.affiliations:
                    au.affiliations.append(text)
                au.email = au.email or email
        au.orcid = (a.get("ORCID") or "").rsplit("/", 1)[-1] or None
        r.authors.append(au)
    if r.authors:
        r.where["authors"] = f"{src} author"
        if any(a.affiliations for a in r.authors):
            r.where["affiliations"] = f"{src} author.affiliation"
    abstract = m.get("abstract")
    if abstract:
        r.abstract = jats_sections(str(abstract))
        r.where["abstract"] = f"{src} abstract"
    for f in m.get("funder") or []:
        if isinstance(f, dict) and f.get("name"):
            awards = ", ".join(str(x) for x in f.get("award") or [])
            r.funding.append(clean(f["name"]) + (f" ({awards})" if awards else ""))
    if r.funding:
        r.where["funding"] = f"{src} funder"
    pulled = [u for u in m.get("updated-by") or []
              if isinstance(u, dict) and str(u.get("type", "")).lower() in ("retraction", "removal", "withdrawal")]
    if pulled:  # one entry per source that says so: the publisher's, Retraction Watch's
        u = pulled[0]
        who = " (Retraction Watch)" if any("retraction-watch" in str(x.get("source", "")) for x in pulled) else ""
        r.retracted = True
        r.retraction = f"updated-by {u.get('type')} {u.get('DOI', '')}{who}".strip()
        r.where["retracted"] = f"{src} updated-by{who}"
    for u in m.get("update-to") or []:
        if isinstance(u, dict) and str(u.get("type", "")).lower() == "retraction":
            r.retraction_notice = True
    rel = m.get("relation") or {}
    for x in rel.get("is-preprint-of") or []:
        if isinstance(x, dict) and x.get("id"):
            r.preprint_of = f"doi {x['id']}"
    subjects = m.get("keyword") or ""
    if isinstance(subjects, str) and subjects:
        r.keywords = [k.strip() for k in re.split(r"[;,]", subjects) if k.strip()]
    return r


_JATS_SEC = re.compile(r"<jats:sec[^>]*>(.*?)</jats:sec>", re.S)
_JATS_TITLE = re.compile(r"<jats:title[^>]*>(.*?)</jats:title>", re.S)
_H4 = re.compile(r"<h4>(.*?)</h4>", re.S)


def jats_sections(text: str) -> list:
    """A JATS (or Europe PMC ``<h4>``) abstract as sections."""
    from .record import Section, category_of

    secs = _JATS_SEC.findall(text)
    if secs:
        out = []
        for s in secs:
            t = _JATS_TITLE.search(s)
            label = clean(t.group(1)) if t else ""
            body = clean(_JATS_TITLE.sub("", s))
            if body:
                out.append(Section(label, category_of(label) if label else "UNASSIGNED", body))
        return out
    if _H4.search(text):
        parts = _H4.split(text)
        out = [Section("", "UNASSIGNED", clean(parts[0]))] if clean(parts[0]) else []
        for label, body in zip(parts[1::2], parts[2::2]):
            out.append(Section(clean(label), category_of(clean(label)), clean(body)))
        return out
    text = _JATS_TITLE.sub(lambda m: "" if clean(m.group(1)).lower() == "abstract" else m.group(0), text)
    return sections_from_text(text)
