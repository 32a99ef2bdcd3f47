"""From bytes or text to a Document: decode, normalise newlines, read front matter, read
the blocks, tokenise the whole text once with spaCy (sentence starts forced at block
starts), build sentences, find quotes."""
from __future__ import annotations

import re

from .. import yamlio
from ..errors import InputError
from ..pipeline import get_nlp, is_blank, make_doc, segment
from .markdown import _mark_sections, _MarkdownReader, _read_plain
from .model import FRONT_MATTER_RE, TEXT_SUFFIXES, Document, Sentence
from .quotes import _find_quotes

# ---------------------------------------------------------------------------------
# reading files
# ---------------------------------------------------------------------------------

def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file (contains NUL bytes), not linted")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{name}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8"
        ) from None
    return text


def normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def is_markdown(path: str) -> bool:
    lower = path.lower()
    return not any(lower.endswith(s) for s in TEXT_SUFFIXES)



# ---------------------------------------------------------------------------------
# the entry point
# ---------------------------------------------------------------------------------

def parse(source: str, path: str = "<stdin>", markdown: bool | None = None) -> Document:
    """Parse decoded text into a Document (front matter read, never linted)."""
    source = normalise_newlines(source)
    if markdown is None:
        markdown = is_markdown(path)
    doc = Document(path=path, source=source, markdown=markdown)
    starts = [0]
    find = source.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    doc._line_starts = starts

    body = source
    fm = FRONT_MATTER_RE.match(source)
    if fm:
        raw = fm.group(1) or ""
        try:
            data = yamlio.load(raw, path) if raw.strip() else {}
            if data is None:
                data = {}
            if not isinstance(data, dict):
                doc.front_matter_error = f"{path}:2:1: front matter must be a mapping of keys to values"
            else:
                doc.front_matter = data
        except yamlio.YamlError as exc:
            # positions are relative to the YAML inside the fences: shift past the opening ---
            m = re.match(r"^[^:]*:(\d+):(\d+): (.*)$", str(exc)[len(path):] if str(exc).startswith(path) else "")
            if m:
                doc.front_matter_error = f"{path}:{int(m.group(1)) + 1}:{m.group(2)}: front matter: {m.group(3)}"
            else:
                doc.front_matter_error = f"{path}:2: front matter: {str(exc)[len(path) + 2:]}"
        # blank out the front matter, keeping every offset
        body = re.sub(r"[^\n]", " ", source[: fm.end()]) + source[fm.end() :]

    if markdown:
        reader = _MarkdownReader(body, starts)
        reader.source = body
        reader.read(doc)
    else:
        saved = doc.source
        doc.source = body
        _read_plain(doc, starts)
        doc.source = saved
    _mark_sections(doc)
    _tokenise(doc)
    _find_quotes(doc)
    return doc


def _tokenise(doc: Document) -> None:
    parts: list[str] = []
    doc_map: list[int] = []
    pos = 0
    for b in doc.blocks:
        if parts:
            parts.append("\n\n")
            doc_map.extend([b.start, b.start])
            pos += 2
        b.doc_start = pos
        parts.append(b.text)
        doc_map.extend(b.offsets[:-1])
        pos += len(b.text)
    doc_map.append(doc.blocks[-1].offsets[-1] if doc.blocks else 0)
    doc.text = "".join(parts)
    doc.doc_map = doc_map
    nlp = get_nlp()
    tokens = make_doc(nlp, doc.text)
    # force a sentence start at every block start; the sentencizer fills in the rest
    if is_blank():
        segment(nlp, tokens, [b.doc_start for b in doc.blocks if b.doc_start < len(doc.text)])
    else:
        for b in doc.blocks:
            span = tokens.char_span(b.doc_start, b.doc_start + 1, alignment_mode="expand")
            if span is not None and span.start > 0:
                tokens[span.start].is_sent_start = True
        for _, proc in nlp.pipeline:
            tokens = proc(tokens)
    doc.tokens = tokens
    bi = 0
    blocks = doc.blocks
    for span in tokens.sents:
        first, last = span.start, span.end - 1
        while first <= last and tokens[first].is_space:
            first += 1
        while last >= first and tokens[last].is_space:
            last -= 1
        if first > last:
            continue
        ft, lt = tokens[first], tokens[last]
        ds, de = ft.idx, lt.idx + len(lt.text)
        while bi + 1 < len(blocks) and blocks[bi + 1].doc_start <= ds:
            bi += 1
        s, e = doc.src_span(ds, de)
        doc.sentences.append(
            Sentence(
                index=len(doc.sentences), block=blocks[bi], start=s, end=e, text=doc.text[ds:de],
                doc_start=ds, doc_end=de, tok_start=first, tok_end=last + 1,
            )
        )


def read_document(path: str, data: bytes | None = None, display: str | None = None) -> Document:
    """Read and parse a file (or given bytes)."""
    name = display or path
    if data is None:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except IsADirectoryError:
            raise InputError(f"{name}: is a folder, not a file") from None
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except PermissionError:
            raise InputError(f"{name}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    return parse(decode(data, name), name, markdown=is_markdown(name))

