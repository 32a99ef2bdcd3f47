"""A ``Draft`` as a commented citation file (version 1 of the citation spec).

Every value says where it came from; inferred values say ``CHECK``; what only a person
can add is a ``TODO`` comment.  The text is validated with ``lint.citation`` before it is
returned, so a written file always loads."""
from __future__ import annotations

import json
import re
from typing import Any

from ..citation import parse_citation
from .infer import Draft

_PLAIN = re.compile(r"^[A-Za-z][\w .'()/&+-]*$")  # no commas: values also go in flow lists
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def scalar(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    s = str(v)
    if _PLAIN.match(s) and s.lower() not in _RESERVED and ": " not in s and " #" not in s and not s.endswith(":"):
        return s
    return json.dumps(s, ensure_ascii=False)


def flow(items: list[Any]) -> str:
    return "[" + ", ".join(scalar(x) for x in items) + "]"


def _line(key: str, value: str, comment: str = "", indent: int = 0) -> str:
    text = " " * indent + f"{key}: {value}"
    return f"{text}  # {comment}" if comment else text


def _note(v: Any) -> str:
    return f"CHECK: {v.note}" if v.inferred else v.note


def render(d: Draft, origin: str) -> str:
    f = d.fields
    out = [
        f"# Citation file written by `sciencelint cite` from {origin}.",
        "# Comments say where each value came from. CHECK: inferred, read the paper and correct it.",
        "# TODO: only a person can add it. A key left out means 'unknown' (rules that need it stay silent).",
    ]
    order = ["title", "journal", "journal_aliases", "published", "doi", "pmid", "volume", "pages", "status"]
    for k in order:
        if k in f:
            v = f[k]
            val = flow(v.value) if isinstance(v.value, list) else scalar(
                str(v.value) if k in ("pmid", "pages", "doi") else v.value)
            if k == "published":
                val = str(v.value)
            if k == "volume" and str(v.value).isdigit():
                val = str(int(v.value))
            if k == "pmid":
                val = json.dumps(str(v.value))
            out.append(_line(k, val, _note(v)))
        elif k in d.left_out:
            out.append(f"# {k}: left out: {d.left_out[k]}")
    if d.people:
        out.append("authors:  # " + (d.record.where.get("authors", d.record.source) if d.record else ""))
        for p in d.people:
            out.append(f"  - name: {scalar(p['name'])}" + ("  # a group author" if p["collective"] else ""))
            if p["affiliations"]:
                out.append(f"    affiliations: {flow(p['affiliations'])}")
            if p["roles"]:
                out.append(_line("roles", flow(p["roles"]), f"CHECK: {p['why']}", indent=4))
    else:
        out.append("# authors: TODO (the record lists none): - {name: ..., affiliations: [...], roles: [first]}")
    out.append("# sources: TODO people the story quotes who are not authors:")
    out.append("#   - {name: ..., affiliations: [...], roles: [independent]}   # independent | funder | press-officer")
    study_keys = ["design", "phase", "randomized", "blinding", "control", "subjects", "sample_size"]
    if "study" in d.left_out:
        out.append(f"# study: left out: {d.left_out['study']}")
    else:
        head = len(out)
        out.append("study:")
        for k in study_keys:
            dk = f"study.{k}"
            if dk in f:
                val = f[dk].value
                shown = str(val) if k == "phase" and isinstance(val, str) and val.isdigit() else scalar(val)
                out.append(_line(k, shown, _note(f[dk]), indent=2))
            elif dk in d.left_out:
                out.append(f"  # {k}: left out: {d.left_out[dk]}")
        out.append("  # intervention: TODO what was tested, in a few words")
        out.append("  # condition: TODO the disease or condition studied")
        out.append("  # outcomes: TODO what the study measured, e.g. [ASIA grade] (lets SJ404 tell hard outcomes)")
        if not any(k.startswith("study.") for k in f):  # nothing known: the whole block is a comment
            out[head] = "# study: TODO (the record does not say)"
            out[head + 1:] = ["#" + ln[1:] if ln.startswith("  #") else ln for ln in out[head + 1:]]
    out.append("# findings: TODO numbers a story may repeat, e.g. - {what: patients who improved, value: 12, of: 13}")
    if "dates" in f:
        out.append(f"dates:  # {_note(f['dates'])}")
        for e in f["dates"].value:
            out.append(f"  - {{what: {scalar(e['what'])}, date: {e['date']}}}")
    else:
        out.append("# dates: TODO dated events a story may mention, e.g. - {what: approval in Japan, date: 2018-12-28}")
    out.append("# limitations: TODO as the paper states them, e.g. [no control group, small sample]")
    if "claim_strength" in f:
        out.append(_line("claim_strength", scalar(f["claim_strength"].value), _note(f["claim_strength"])))
    elif "claim_strength" in d.left_out:
        out.append(f"# claim_strength: left out: {d.left_out['claim_strength']}")
    for k in ("funding", "conflicts"):
        if k in f:
            out.append(f"{k}:  # {_note(f[k])}")
            out.extend(f"  - {scalar(x)}" for x in f[k].value)
        else:
            out.append(f"# {k}: TODO (not in the record)")
    text = "\n".join(out) + "\n"
    parse_citation(text, "<written citation>")  # a written file always loads (raises CitationError if not)
    return text


TEMPLATE = """\
# A citation file: the paper a story reports on (version 1 of the citation spec).
# Fill in what you know; a key left out means "unknown" and rules that need it stay silent.
# `sciencelint cite PMID-or-DOI` fills most of this from PubMed or Crossref.
title: "The paper's title"                # required
journal: Journal Name                     # or a preprint server: medRxiv, bioRxiv, arXiv, SSRN
# journal_aliases: [J Abbrev]             # other names of the journal a story may use
published: 2021-02                        # YYYY, YYYY-MM or YYYY-MM-DD
# doi: 10.xxxx/xxxxx
# pmid: "12345678"                        # as text
# volume: 203
# pages: "106565"
status: peer-reviewed                     # peer-reviewed | preprint | retracted | conference-abstract
authors:                                  # in the paper's order
  - name: First Author
    affiliations: [University]
    roles: [first]                        # first | senior | corresponding
  - name: Last Author
    affiliations: [University, Hospital]
    roles: [senior, corresponding]
# sources:                                # people a story may quote who are not authors
#   - {name: Jane Doe, affiliations: [King's College London], roles: [independent]}
#     (roles of a source: independent | funder | press-officer | another word)
study:
  design: case-series      # rct | non-randomized-trial | single-arm-trial | cohort | case-control |
                           # cross-sectional | case-series | case-report | systematic-review |
                           # meta-analysis | animal | in-vitro | modelling | qualitative
  phase: null              # 1 | 2 | 3 | 4 | "1/2" | "2/3" | null (not a phased trial)
  randomized: false
  blinding: none           # none | single | double | triple
  control: none            # none | placebo | active | usual-care | untreated | historical
  subjects: humans         # humans | cells | mice | rats | primates | zebrafish | ...
                           # (no strains or models: '5xFAD mice' is mice)
  sample_size: 13          # participants (animals for an animal study, studies for a meta-analysis)
  # intervention: what was tested
  # condition: the disease or condition
  # outcomes: [what the study measured]
findings:                  # numbers a story may repeat; `of` makes a fraction, `unit` a measure
  - {what: patients who improved, value: 12, of: 13}
# dates:                   # dated events a story may mention
#   - {what: approval in Japan, date: 2018-12-28}
limitations: [no control group]
claim_strength: correlational   # strongest claim the paper makes: none | correlational | conditional-causal | causal
# funding: [who paid for it]
# conflicts: [the authors' declared interests]
"""
