"""An identifier -> a record, from the services that know it (through ``net.Client``)."""
from __future__ import annotations

import json
import re
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


def pubmed_record(c: Client, pmid: str) -> Record:
    data = c.get("ncbi", f"{EUTILS}/efetch.fcgi", {"db": "pubmed", "id": pmid, "retmode": "xml"})
    recs = pubmed.parse(data) if b"<PubmedArticle" in data else []
    if not recs:
        raise NotFound(f"PMID {pmid} is not in PubMed")
    return recs[0]


def pmid_for_doi(c: Client, doi: str) -> str | None:
    data = c.get("ncbi", f"{EUTILS}/esearch.fcgi", {"db": "pubmed", "term": f"{doi}[doi]", "retmode": "json"})
    try:
        ids = json.loads(data)["esearchresult"]["idlist"]
    except (ValueError, KeyError, TypeError):
        return None
    return ids[0] if len(ids) == 1 else None


def europepmc(c: Client, query: str) -> Record | None:
    data = c.get("europepmc", EPMC, {"query": query, "resultType": "core", "format": "json", "pageSize": "1"})
    recs = preprints.parse_europepmc(data)
    return recs[0] if recs else None



def _add_crossref(r, c, doi: str, used: list[str]) -> None:
    """Add what Crossref knows of the DOI to the record (journal, type, funders, updates),
    when it answers."""
    try:
        r.merge(csl.parse_crossref(c.get("crossref", CROSSREF + quote(doi, safe="/"))))
        used.append(f"Crossref (doi {doi})")
    except NetError:
        pass

def resolve(ident: Identifier, c: Client) -> tuple[Record, list[str]]:
    """(record, the sources used, in order)."""
    used: list[str] = []
    if ident.kind == "pmid":
        r = pubmed_record(c, ident.value)
        used.append(f"PubMed efetch (PMID {ident.value})")
        if r.doi:
            _add_crossref(r, c, r.doi, used)
        return r, used
    if ident.kind == "pmcid":
        data = c.get("ncbi", IDCONV, {"ids": ident.value, "format": "json"})
        try:
            pmid = json.loads(data)["records"][0].get("pmid")
        except (ValueError, KeyError, IndexError, TypeError):
            pmid = None
        if pmid:
            r, more = resolve(Identifier("pmid", str(pmid)), c)
            return r, [f"PMC id converter ({ident.value} -> PMID {pmid})", *more]
        rec = europepmc(c, f"PMCID:{ident.value}")
        if rec is None:
            raise NotFound(f"{ident.value} is not known to PubMed Central or Europe PMC")
        return rec, [f"Europe PMC ({ident.value})"]
    if ident.kind == "arxiv":
        data = c.get("arxiv", ARXIV, {"id_list": ident.value})
        recs = preprints.parse_arxiv(data)
        if not recs:
            raise NotFound(f"arXiv has no paper {ident.value}")
        return recs[0], [f"arXiv API ({ident.value})"]
    if ident.kind in ("biorxiv", "medrxiv"):
        for server in ([ident.kind] + [s for s in ("biorxiv", "medrxiv") if s != ident.kind]):
            try:
                recs = preprints.parse_biorxiv(c.get("biorxiv", f"{BIORXIV}{server}/{ident.value}"))
            except NotFound:
                recs = []
            if recs:
                r = recs[0]
                used.append(f"{r.journal} API (doi {ident.value})")
                _add_crossref(r, c, ident.value, used)
                return r, used
        ident = Identifier("doi", ident.value)
    # a DOI: Crossref, then the PubMed record for the same DOI, else Europe PMC
    cr: Record | None = None
    try:
        cr = csl.parse_crossref(c.get("crossref", CROSSREF + quote(ident.value, safe="/")))
        used.append(f"Crossref (doi {ident.value})")
    except NotFound:
        pass
    pmid = None
    try:
        pmid = pmid_for_doi(c, ident.value)
    except NotFound:
        pass
    if pmid:
        r = pubmed_record(c, pmid)
        used.insert(0, f"PubMed efetch (PMID {pmid}, found by doi)")
        if cr is not None:
            r.merge(cr)
        return r, used
    if cr is not None:
        return cr, used
    rec = europepmc(c, f'DOI:"{ident.value}"')
    if rec is not None and rec.doi and rec.doi.lower() == ident.value.lower():
        return rec, [f"Europe PMC (doi {ident.value})"]
    raise NotFound(f"doi {ident.value} is not known to Crossref, PubMed or Europe PMC")


def cache_only_hint(ident: Identifier) -> str:
    return re.sub(r"\s+", " ", f"{ident} is not in the cache; run once without --offline")
