"""What kind of identifier a user typed (no network)."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Identifier:
    kind: str   # pmid | pmcid | doi | arxiv | biorxiv | medrxiv
    value: str

    def __str__(self) -> str:
        return {"pmid": "PMID ", "pmcid": "", "doi": "doi ", "arxiv": "arXiv ", "biorxiv": "bioRxiv doi ",
                "medrxiv": "medRxiv doi "}[self.kind] + self.value


_DOI = re.compile(r"^(10\.\d{4,9}/\S+)$")


def parse_identifier(text: str) -> Identifier | None:
    t = text.strip()
    t = re.sub(r"^(?:https?://)?(?:dx\.)?doi\.org/", "", t, flags=re.I)
    t = re.sub(r"^doi:\s*", "", t, flags=re.I)
    m = re.match(r"^(?:pmid:?\s*)?(\d{1,9})$", t, re.I)
    if m:
        return Identifier("pmid", m.group(1))
    m = re.match(r"^(?:pmcid:?\s*|https?://(?:(?:www\.)?ncbi\.nlm\.nih\.gov/pmc|pmc\.ncbi\.nlm\.nih\.gov)/articles/)?"
                 r"(PMC\d+)/?$", t, re.I)
    if m:
        return Identifier("pmcid", m.group(1).upper())
    m = re.match(r"^https?://(?:pubmed\.ncbi\.nlm\.nih\.gov|www\.ncbi\.nlm\.nih\.gov/pubmed)/(\d+)/?$", t)
    if m:
        return Identifier("pmid", m.group(1))
    m = re.match(r"^https?://(?:www\.)?(biorxiv|medrxiv)\.org/content/"
                 r"(10\.1101/(?:\d{4}\.\d{2}\.\d{2}\.)?\d+)(?:v\d+)?(?:[./?#].*)?$", t, re.I)
    if m:
        return Identifier(m.group(1).lower(), m.group(2))
    m = re.match(r"^(?:arxiv:|https?://arxiv\.org/(?:abs|pdf)/)?(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?"
                 r"(?:\.pdf)?$", t, re.I)
    if m:
        return Identifier("arxiv", m.group(1))
    m = _DOI.match(t)
    if m:
        doi = m.group(1).rstrip(".")
        if re.match(r"^10\.1101/(\d{4}\.\d{2}\.\d{2}\.)?\d{6,}", doi):
            return Identifier("biorxiv", re.sub(r"v\d+$", "", doi))  # bioRxiv and medRxiv share the prefix
        m2 = re.match(r"^10\.48550/arxiv\.(.+)$", doi, re.I)
        if m2:
            return Identifier("arxiv", m2.group(1))
        return Identifier("doi", doi)
    return None
