"""BibTeX (Zotero, Crossref, MathSciNet exports) -> records."""
from __future__ import annotations

import re
import unicodedata

from .record import Author, Record, inverted_name, make_date, norm_doi, person_name, sections_from_text

SRC = "BibTeX"
_ACCENTS = {"'": "\u0301", "`": "\u0300", '"': "\u0308", "^": "\u0302", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "v": "\u030c", "u": "\u0306", "H": "\u030b", "c": "\u0327", "k": "\u0328", "r": "\u030a"}
_LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
            "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ"}
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def looks_like(text: str) -> bool:
    return bool(re.search(r"@\s*[A-Za-z]+\s*\{", text))


def latex(text: str) -> str:
    """LaTeX accents and escapes -> Unicode; protective braces removed."""
    t = text

    def accent(m: re.Match) -> str:
        base = m.group(2) or m.group(3) or ""
        if base in ("\\i", "\\j"):
            base = base[1]  # a dotless i under an accent is an accented i
        elif base.startswith("\\"):
            base = _LETTERS.get(base[1:], base[1:])
        return unicodedata.normalize("NFC", base + _ACCENTS[m.group(1)])

    for _ in range(2):
        t = re.sub(r"\\([vuHckr'`\"^~=.])\s*(?:\{\s*(\\?[A-Za-z]{0,2})\s*\}|(\\?[A-Za-z]))", accent, t)
    t = re.sub(r"\{\\(ss|ae|AE|oe|OE|aa|AA|[oOlLij])\}", lambda m: _LETTERS[m.group(1)], t)
    t = re.sub(r"\\(ss|ae|AE|oe|OE|aa|AA|[oOlLij])(?![a-zA-Z])\s?", lambda m: _LETTERS[m.group(1)], t)
    t = t.replace("\\&", "&").replace("\\%", "%").replace("\\_", "_").replace("--", "\u2013").replace("~", " ")
    t = re.sub(r"\\[a-zA-Z]+\s*", "", t)  # other commands (\textit ...): their argument stays
    return re.sub(r"\s+", " ", t.replace("{", "").replace("}", "")).strip()


def _entries(text: str) -> list[tuple[str, dict[str, str]]]:
    out = []
    for m in re.finditer(r"@\s*([A-Za-z]+)\s*\{", text):
        kind = m.group(1).lower()
        if kind in ("comment", "preamble", "string"):
            continue
        i, depth = m.end(), 1
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        body = text[m.end(): i - 1]
        out.append((kind, _fields(body.split(",", 1)[1] if "," in body else "")))
    return out


def _fields(body: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    i, n = 0, len(body)
    while i < n:
        m = re.compile(r"\s*,?\s*([A-Za-z][\w:-]*)\s*=\s*").match(body, i)
        if not m:
            break
        name, i = m.group(1).lower(), m.end()
        if i < n and body[i] == "{":
            depth, j = 1, i + 1
            while j < n and depth:
                depth += {"{": 1, "}": -1}.get(body[j], 0)
                j += 1
            value, i = body[i + 1: j - 1], j
        elif i < n and body[i] == '"':
            j = i + 1
            while j < n and not (body[j] == '"' and body[j - 1] != "\\"):
                j += 1
            value, i = body[i + 1: j], j + 1
        else:
            m2 = re.compile(r"[^,}\s]+").match(body, i)
            value = m2.group(0) if m2 else ""
            i = m2.end() if m2 else i + 1
        fields[name] = value
    return fields


def _split_authors(raw: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for tok in re.split(r"(\{|\}|\s+and\s+)", raw):
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        if re.fullmatch(r"\s+and\s+", tok or "") and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += tok or ""
    out.append(cur)
    return [a.strip() for a in out if a.strip()]


def parse(data: bytes | str) -> list[Record]:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return [_record(kind, f) for kind, f in _entries(text) if f.get("title")]


def _record(kind: str, f: dict[str, str]) -> Record:
    r = Record(source=SRC, kind=kind)
    r.set("title", latex(f.get("title", "")).rstrip(".") or None, f"{SRC} title")
    r.set("journal", latex(f.get("journal") or f.get("journaltitle") or ""), f"{SRC} journal")
    if f.get("shortjournal"):
        r.journal_abbrevs.append(latex(f["shortjournal"]))
    month = f.get("month", "").strip().lower()
    mo = _MONTHS.get(month[:3]) if month and not month.isdigit() else (int(month) if month.isdigit() else None)
    date = f.get("date", "")
    if re.match(r"\d{4}", date):
        r.set("published", make_date(*(date.split("-") + [None, None])[:3]), f"{SRC} date")
    else:
        r.set("published", make_date(latex(f.get("year", "")), mo), f"{SRC} year/month")
    r.set("doi", norm_doi(f.get("doi")), f"{SRC} doi")
    r.set("volume", latex(f.get("volume", "")), f"{SRC} volume")
    r.set("pages", latex(f.get("pages", "")).replace("\u2013", "-"), f"{SRC} pages")
    for raw in _split_authors(f.get("author", "")):
        if raw.startswith("{") and raw.endswith("}") and raw.count("{") == 1 + raw[1:-1].count("{"):
            r.authors.append(Author(latex(raw), collective=True))
            continue
        name = latex(raw)
        if "," in name:
            r.authors.append(Author(inverted_name(name)))
        else:
            parts = name.rsplit(" ", 1)
            r.authors.append(Author(person_name(parts[0], parts[1]) if len(parts) == 2 else name))
    if r.authors:
        r.where["authors"] = f"{SRC} author"
    r.abstract = sections_from_text(latex(f.get("abstract", "")))
    if r.abstract:
        r.where["abstract"] = f"{SRC} abstract"
    m = re.search(r"PMID:?\s*(\d+)", latex(f.get("note", "")) + " " + f.get("pmid", ""))
    r.set("pmid", m.group(1) if m else "", f"{SRC} note/pmid")
    r.keywords = [k.strip() for k in re.split(r"[;,]", latex(f.get("keywords", ""))) if k.strip()]
    return r
