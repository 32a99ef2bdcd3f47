"""An identifier -> a record, from the services that know it (through ``net.Client``).

A PMID is read from PubMed, a PMCID through NCBI's PMC ID converter and then PubMed, a DOI
from Crossref and PubMed, a preprint from its server's API, an arXiv id from arXiv.  When
NCBI fails or has no record, Europe PMC (which mirrors PubMed and PMC) is asked instead.
Every failure is a ``NetError`` with a one-line message that names the identifier; a
response that cannot be read is a failure of its service, never a traceback."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from . import csl, preprints, pubmed
from .ids import Identifier
from .net import Client, NetError, NotFound
from .record import Record

EUTILS = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
CROSSREF = "https://api.crossref.org/works/"
EPMC = "https://www.ebi.ac.uk/europepmc/webservices/rest/search"
BIORXIV = "https://api.biorxiv.org/details/"
ARXIV = "https://export.arxiv.org/api/query"
IDCONV = "https://www.ncbi.nlm.nih.gov/pmc/utils/idconv/v1.0/"


def _records(c: Client, service: str, url: str, params: dict[str, str] | None, parse: Callable) -> list:
    """The records in a response.  One that cannot be read is a ``NetError`` of its service;
    one that cannot be read or holds no record is dropped from the cache (the next run asks
    again rather than reading an error page back for ever)."""
    data = c.get(service, url, params)
    try:
        recs = parse(data)
    except ValueError as exc:  # each parser's ParseError
        c.forget(url, params)
        raise NetError(f"{url}: {exc}") from None
    if not recs:
        c.forget(url, params)
    return recs


def _parse_pubmed(data: bytes) -> list[Record]:
    if b"<PubmedArticle" in data:
        return pubmed.parse(data)
    m = re.search(rb"<ERROR>(.*?)</ERROR>", data, re.S)  # HTTP 200 with <eFetchResult><ERROR>: a failure
    if m:
        raise ValueError(f"E-utilities error: {m.group(1).decode('utf-8', 'replace').strip()}")
    return []  # an empty <PubmedArticleSet/>: no such PMID


def pubmed_record(c: Client, pmid: str) -> Record:
    recs = _records(c, "ncbi", f"{EUTILS}/efetch.fcgi", {"db": "pubmed", "id": pmid, "retmode": "xml"},
                    _parse_pubmed)
    if not recs:
        raise NotFound(f"PMID {pmid} is not in PubMed")
    return recs[0]


def pmid_for_doi(c: Client, doi: str) -> str | None:
    """The one PMID PubMed gives the DOI, or None (none, several, or an answer that cannot be read)."""
    url, params = f"{EUTILS}/esearch.fcgi", {"db": "pubmed", "term": f"{doi}[doi]", "retmode": "json"}
    data = c.get("ncbi", url, params)
    try:
        result = json.loads(data)["esearchresult"]
        error, ids = result.get("ERROR"), result.get("idlist")
    except (ValueError, KeyError, TypeError, AttributeError):
        error, ids = None, None
    if error:  # HTTP 200 with {"esearchresult": {"ERROR": ...}}: a failure, not an answer
        c.forget(url, params)
        raise NetError(f"{url}: E-utilities error: {error}")
    if isinstance(ids, list) and len(ids) == 1 and str(ids[0]).isdigit():
        return str(ids[0])
    c.forget(url, params)
    return None


def europepmc(c: Client, query: str, match: Callable[[Record], bool] | None = None) -> Record | None:
    """The first Europe PMC result (that ``match`` accepts), or None."""
    params = {"query": query, "resultType": "core", "format": "json", "pageSize": "1"}
    try:
        recs = _records(c, "europepmc", EPMC, params, preprints.parse_europepmc)
    except NotFound:
        return None
    recs = [r for r in recs if match is None or match(r)]
    if not recs:
        c.forget(EPMC, params)
    return recs[0] if recs else None


def crossref_record(c: Client, doi: str) -> Record:
    return _records(c, "crossref", CROSSREF + quote(doi, safe="/"), None, lambda d: [csl.parse_crossref(d)])[0]


def _add_crossref(r: Record, c: Client, doi: str, used: list[str]) -> None:
    """Add what Crossref knows of the DOI to the record (journal, type, funders, updates),
    when it answers."""
    try:
        r.merge(crossref_record(c, doi))
        used.append(f"Crossref (doi {doi})")
    except NetError:
        pass


def _pmcid_to_pmid(c: Client, pmcid: str) -> tuple[str | None, str]:
    """(PMID, "") from NCBI's PMC ID converter, or (None, why there is none)."""
    params = {"ids": pmcid, "format": "json"}
    data = c.get("ncbi", IDCONV, params)
    try:
        doc = json.loads(data)
        rec = doc["records"][0] if doc.get("records") else None
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        doc, rec = None, None
    if not isinstance(rec, dict):
        c.forget(IDCONV, params)
        if isinstance(doc, dict) and doc.get("status") == "error":
            raise NetError(f"it answered an error: {doc.get('message') or doc.get('errmsg') or 'no reason given'}")
        raise NetError("it sent a response sciencelint cannot read")
    pmid = str(rec.get("pmid") or "")
    if pmid.isdigit():
        return pmid, ""
    c.forget(IDCONV, params)
    if rec.get("status") == "error":
        return None, f"the PMC ID converter does not know it ('{rec.get('errmsg') or 'error'}')"
    return None, "the PMC ID converter gives it no PMID"


def _from_europepmc(c: Client, query: str, match: Callable[[Record], bool], subject: str, why: str,
                    failure: NetError | None, used: list[str]) -> Record:
    """Europe PMC's record, asked because NCBI has none (``why``) or failed (``failure``);
    else the error that gives both answers."""
    said = f"{why} ({failure})" if failure is not None else why
    try:
        rec = europepmc(c, query, match)
    except NetError as exc:
        raise NetError(f"{subject}: {said}; Europe PMC failed too ({exc})") from None
    if rec is None:
        kind = NotFound if failure is None or isinstance(failure, NotFound) else NetError
        raise kind(f"{subject}: {said}; Europe PMC has no record of it either")
    used.append(f"Europe PMC ({subject}; {why})")
    if rec.doi:
        _add_crossref(rec, c, rec.doi, used)
    return rec


def _pmid(c: Client, pmid: str, used: list[str]) -> Record:
    """PubMed's record (with Crossref's), else Europe PMC's copy of it."""
    query, match = f"EXT_ID:{pmid} AND SRC:MED", (lambda x: x.pmid == pmid)
    try:
        r = pubmed_record(c, pmid)
    except NotFound:
        return _from_europepmc(c, query, match, f"PMID {pmid}", "PubMed has no record of it", None, used)
    except NetError as exc:
        return _from_europepmc(c, query, match, f"PMID {pmid}", "PubMed failed", exc, used)
    used.append(f"PubMed efetch (PMID {pmid})")
    if r.doi:
        _add_crossref(r, c, r.doi, used)
    return r


def _doi(c: Client, doi: str, used: list[str], problems: list[str]) -> Record:
    """Crossref, then the PubMed record for the same DOI, else Europe PMC."""
    cr: Record | None = None
    try:
        cr = crossref_record(c, doi)
        used.append(f"Crossref (doi {doi})")
    except NotFound:
        pass
    except NetError as exc:
        problems.append(f"Crossref failed ({exc})")
    pmid = None
    try:
        pmid = pmid_for_doi(c, doi)
    except NotFound:
        pass
    except NetError as exc:
        problems.append(f"PubMed failed ({exc})")
    if pmid:
        try:
            r = pubmed_record(c, pmid)
            used.insert(0, f"PubMed efetch (PMID {pmid}, found by doi)")
            if cr is not None:
                r.merge(cr)
            return r
        except NetError as exc:
            problems.append(f"PubMed failed ({exc})")
    if cr is not None:
        return cr
    try:
        rec = europepmc(c, f'DOI:"{doi}"', lambda r: (r.doi or "").lower() == doi.lower())
    except NetError as exc:
        raise NetError(f"doi {doi}: {'; '.join(problems + [f'Europe PMC failed ({exc})'])}") from None
    if rec is not None:
        used.append(f"Europe PMC (doi {doi})")
        return rec
    if problems:
        raise NetError(f"doi {doi}: {'; '.join(problems)}; Europe PMC has no record of it")
    raise NotFound(f"doi {doi} is not known to Crossref, PubMed or Europe PMC")


def _resolve(ident: Identifier, c: Client) -> tuple[Record, list[str]]:
    used: list[str] = []
    if ident.kind == "pmid":
        return _pmid(c, ident.value, used), used
    if ident.kind == "pmcid":
        failed: NetError | None = None
        try:
            pmid, why = _pmcid_to_pmid(c, ident.value)
        except NetError as exc:
            pmid, why, failed = None, "the PMC ID converter failed", exc
        if pmid:
            used.append(f"PMC id converter ({ident.value} -> PMID {pmid})")
            return _pmid(c, pmid, used), used
        return _from_europepmc(c, f"PMCID:{ident.value}", lambda x: (x.pmcid or "").upper() == ident.value,
                               ident.value, why, failed, used), used
    if ident.kind == "arxiv":
        recs = _records(c, "arxiv", ARXIV, {"id_list": ident.value}, preprints.parse_arxiv)
        if not recs:
            raise NotFound(f"arXiv has no paper {ident.value}")
        return recs[0], [f"arXiv API ({ident.value})"]
    problems: list[str] = []
    if ident.kind in ("biorxiv", "medrxiv"):
        for server in ([ident.kind] + [s for s in ("biorxiv", "medrxiv") if s != ident.kind]):
            try:
                recs = _records(c, "biorxiv", f"{BIORXIV}{server}/{ident.value}", None, preprints.parse_biorxiv)
            except NotFound:
                recs = []
            except NetError as exc:  # the preprint may still be found through its DOI
                problems.append(str(exc))
                recs = []
            if recs:
                r = recs[0]
                used.append(f"{r.journal} API (doi {ident.value})")
                _add_crossref(r, c, ident.value, used)
                return r, used
    return _doi(c, ident.value, used, problems), used


def resolve(ident: Identifier, c: Client) -> tuple[Record, list[str]]:
    """(record, the sources used, in order).  Raises ``NetError`` (``NotFound`` when no
    service knows the identifier) with a one-line message naming it."""
    try:
        return _resolve(ident, c)
    except NetError as exc:
        if c.offline and c.missed:
            raise NetError(cache_only_hint(ident, c.cache)) from None
        msg = re.sub(r"\s+", " ", str(exc)).strip()
        if ident.value.lower() not in msg.lower():
            msg = f"{ident}: {msg}"
        raise type(exc)(msg) from None


def cache_only_hint(ident: Identifier, cache: Path | None = None) -> str:
    where = f" ({cache})" if cache else " (the cache is off: SCIENCELINT_CACHE_DIR is empty)"
    return re.sub(r"\s+", " ", f"{ident} is not in the cache{where}; run once without --offline")
