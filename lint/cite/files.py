"""An exported record file: which format, and its records (no network)."""
from __future__ import annotations

import json
import os

from . import bibtex, csl, medline, preprints, pubmed, ris
from .record import Record


class FormatError(ValueError):
    pass


FORMATS = ("pubmed-xml", "medline", "ris", "bibtex", "csl-json", "crossref", "europepmc", "biorxiv", "arxiv")


def sniff(data: bytes, name: str = "") -> str:
    text = data[:20000].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    ext = os.path.splitext(name)[1].lower()
    if text.startswith("<"):
        if "<PubmedArticle" in text:
            return "pubmed-xml"
        if "http://www.w3.org/2005/Atom" in text or "<feed" in text[:300]:
            return "arxiv"
    if text.startswith(("{", "[")):
        try:
            doc = json.loads(data)
        except ValueError:
            doc = None
        if isinstance(doc, dict) and doc.get("message-type") == "work":
            return "crossref"
        if isinstance(doc, dict) and "resultList" in doc:
            return "europepmc"
        if isinstance(doc, dict) and "collection" in doc and "messages" in doc:
            return "biorxiv"
        if doc is not None:
            return "csl-json"
    if medline.looks_like(text) or ext == ".nbib":
        return "medline"
    if ris.looks_like(text) or ext == ".ris":
        return "ris"
    if bibtex.looks_like(text) or ext in (".bib", ".bibtex"):
        return "bibtex"
    raise FormatError("not a record format sciencelint reads (PubMed XML, MEDLINE/.nbib, RIS, BibTeX, CSL-JSON, "
                      "Crossref JSON, Europe PMC JSON, arXiv Atom)")


def parse_bytes(data: bytes, fmt: str) -> list[Record]:
    try:
        if fmt == "pubmed-xml":
            return pubmed.parse(data)
        if fmt == "medline":
            return medline.parse(data)
        if fmt == "ris":
            return ris.parse(data)
        if fmt == "bibtex":
            return bibtex.parse(data)
        if fmt == "csl-json":
            return csl.parse_csl(data)
        if fmt == "crossref":
            return [csl.parse_crossref(data)]
        if fmt == "europepmc":
            return preprints.parse_europepmc(data)
        if fmt == "biorxiv":
            return preprints.parse_biorxiv(data)
        if fmt == "arxiv":
            return preprints.parse_arxiv(data)
    except ValueError as exc:
        raise FormatError(str(exc)) from None
    raise FormatError(f"unknown format {fmt}")


def read_records(path: str) -> tuple[str, list[Record]]:
    with open(path, "rb") as fh:
        data = fh.read()
    fmt = sniff(data, path)
    return fmt, parse_bytes(data, fmt)
