"""The document model: one parse of an article into blocks, sentences, tokens and quotes.

Every piece keeps exact offsets into ``Document.source`` (the decoded file, newlines
normalised to ``\\n``, BOM removed), so any finding maps back to a 1-based line and a
1-based column counted in characters.  Normalising ``\\r\\n`` does not move any column:
a carriage return only ever sits at the end of a line.

Markdown is parsed with markdown-it-py (CommonMark).  Prose text is rebuilt per block
as "clean text" (markup, code, URLs, link targets and image sources removed) together
with an offset map from every clean character back to the source, and the whole
document is tokenised once by spaCy with sentence starts forced at block starts.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from markdown_it import MarkdownIt
from spacy.attrs import LOWER

from . import syntax, yamlio
from .errors import InputError
from .lexicons import lexicon
from .pipeline import get_nlp, is_blank, make_doc, segment

URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]{}\"'“”]+[^\s<>()\[\]{}\"'“”.,;:!?]", re.I)
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
COMMENT_RE = re.compile(r"<!--(.*?)-->", re.S)

REFERENCE_HEADINGS = re.compile(
    r"^\s*(works cited|references?|bibliography|sources|citations?|further reading|notes|literature cited)\s*:?\s*$",
    re.I,
)
COMMENT_HEADINGS = re.compile(
    r"^\s*(\d+\s+comments?|comments?|reader comments|post (a )?comment|leave a (reply|comment)|"
    r"join the (conversation|discussion)|discussion)\s*$",
    re.I,
)

TEXT_SUFFIXES = (".txt", ".text")  # plain text: blank lines separate paragraphs
MARKDOWN_SUFFIXES = (".md", ".markdown")
ARTICLE_SUFFIXES = MARKDOWN_SUFFIXES + TEXT_SUFFIXES  # what a folder run lints


@dataclass
class Block:
    """A unit of prose: heading, paragraph, list item, block quote paragraph, table cell."""

    kind: str  # heading | paragraph | list_item | table_cell
    start: int  # source offset of the first prose character
    end: int  # source offset just past the last prose character
    text: str  # clean text
    offsets: list[int]  # clean index -> source offset (len(text) + 1 entries)
    level: int = 0  # heading level
    blockquote: bool = False
    section: str = "body"  # body | references | comments
    doc_start: int = 0  # offset of this block's text in the spaCy doc text

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


@dataclass
class Sentence:
    index: int
    block: Block
    start: int  # source offsets
    end: int
    text: str  # clean text of the sentence
    doc_start: int  # char offsets in the spaCy doc text
    doc_end: int
    tok_start: int  # token indices in the spaCy doc
    tok_end: int

    @property
    def is_heading(self) -> bool:
        return self.block.is_heading

    @property
    def is_question(self) -> bool:
        return self.text.rstrip(" \"'”’)*_").endswith("?")


@dataclass
class Quote:
    start: int  # doc char offsets of the quoted text, quotation marks included
    end: int
    speaker: str | None = None
    descriptor: str = ""  # words around the speaker's name: "co-senior author"
    block: Block | None = None


@dataclass
class Comment:
    """An HTML comment (kept for suppressions)."""

    start: int
    end: int
    body: str


@dataclass
class Document:
    path: str
    source: str
    markdown: bool
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_error: str | None = None
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    text: str = ""  # the spaCy doc text: clean block texts joined by blank lines
    doc: Any = None  # spacy.tokens.Doc
    doc_map: list[int] = field(default_factory=list)  # doc char -> source offset
    _line_starts: list[int] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)  # TODO(architecture): being replaced by lint.analyses

    # ---- positions -------------------------------------------------------------
    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a source offset."""
        offset = max(0, min(offset, len(self.source)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self.source.find("\n", start)
        return self.source[start:] if end < 0 else self.source[start:end]

    def src_span(self, doc_start: int, doc_end: int) -> tuple[int, int]:
        """Source span of the spaCy-doc character span [doc_start, doc_end)."""
        if doc_end <= doc_start:
            s = self.doc_map[doc_start] if doc_start < len(self.doc_map) else len(self.source)
            return s, s
        return self.doc_map[doc_start], self.doc_map[doc_end - 1] + 1

    # ---- navigation ------------------------------------------------------------
    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.doc_start for s in self.sentences]

    @cached_property
    def lowers(self) -> Any:
        """The LOWER column of the spaCy doc (a numpy array of word hashes, one per token)."""
        return self.doc.to_array(LOWER)

    def sentence_at(self, doc_offset: int) -> Sentence | None:
        starts = self._sentence_starts
        i = bisect.bisect_right(starts, doc_offset) - 1
        if i >= 0 and self.sentences[i].doc_start <= doc_offset < self.sentences[i].doc_end:
            return self.sentences[i]
        return None

    def quote_at(self, doc_start: int, doc_end: int) -> Quote | None:
        for q in self.quotes:
            if q.start <= doc_start and doc_end <= q.end:
                return q
        return None

    def body_sentences(self) -> Iterator[Sentence]:
        for s in self.sentences:
            if s.block.section == "body":
                yield s

    def first_body_offset(self) -> int:
        """Source offset of the first line of body text (for document-level findings)."""
        for b in self.blocks:
            if b.section == "body" and not b.is_heading:
                return b.start
        return self.blocks[0].start if self.blocks else 0


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
# building blocks
# ---------------------------------------------------------------------------------

class _Builder:
    """Accumulates clean text with its source offsets."""

    __slots__ = ("chars", "offs")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offs: list[int] = []

    def add_mapped(self, text: str, src: int) -> None:
        """Characters that all map to one source offset (a replaced break)."""
        self.chars.append(text)
        self.offs.extend([src] * len(text))


def _collapse(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """Collapse runs of whitespace to one space (keeps tokens clean)."""
    if "  " not in text and "\t" not in text and "\n" not in text:
        return text, offs
    out: list[str] = []
    out_offs: list[int] = []
    prev_space = False
    for ch, o in zip(text, offs):
        if ch.isspace():
            if prev_space:
                continue
            out.append(" ")
            out_offs.append(o)
            prev_space = True
        else:
            out.append(ch)
            out_offs.append(o)
            prev_space = False
    out_offs.append(offs[-1])
    return "".join(out), out_offs


class _MarkdownReader:
    def __init__(self, source: str, line_starts: list[int]):
        self.source = source
        self.line_starts = line_starts
        self.md = _markdown()

    def _line(self, i: int) -> tuple[int, str]:
        start = self.line_starts[i]
        end = self.source.find("\n", start)
        if end < 0:
            end = len(self.source)
        return start, self.source[start:end]

    def _locate_lines(self, content: str, first_line: int, search_from: int = 0) -> list[int]:
        """Source offset of each line of an inline token's content."""
        result = []
        for k, cl in enumerate(content.split("\n")):
            li = first_line + k
            if li >= len(self.line_starts):
                result.append(len(self.source))
                continue
            ls, lt = self._line(li)
            pos = lt.find(cl, search_from if k == 0 else 0) if cl else len(lt)
            if pos < 0:
                stripped = cl.strip()
                pos = lt.find(stripped) if stripped else len(lt)
                if pos < 0:
                    pos = len(lt) - len(lt.lstrip())
            result.append(ls + pos)
        return result

    def _inline(self, tok, line_offsets: list[int], content_base: int) -> tuple[str, list[int]]:
        """Clean text of an inline token, mapped to source offsets."""
        content = tok.content
        # absolute offset of each content char
        abs_offs: list[int] = []
        for k, cl in enumerate(content.split("\n")):
            base = line_offsets[k] if k < len(line_offsets) else (abs_offs[-1] + 1 if abs_offs else content_base)
            abs_offs.extend(range(base, base + len(cl)))
            abs_offs.append(base + len(cl))  # the newline
        b = _Builder()
        cursor = 0
        depth_skip = 0
        children = tok.children or []
        for child in children:
            t = child.type
            if t == "image":
                # skip ![alt](src)
                j = content.find("](", cursor)
                if j >= 0:
                    close = _matching_paren(content, j + 1)
                    cursor = close + 1 if close > 0 else j + 2
                continue
            if t in ("link_open",):
                j = content.find("[", cursor)
                if j >= 0 and child.markup != "autolink" and child.info != "auto":
                    cursor = j + 1
                if child.markup == "autolink" or child.info == "auto":
                    depth_skip += 1
                continue
            if t == "link_close":
                if depth_skip:
                    depth_skip -= 1
                    j = content.find(">", cursor)
                    cursor = j + 1 if j >= 0 else cursor
                    continue
                if content.startswith("](", cursor):
                    close = _matching_paren(content, cursor + 1)
                    cursor = close + 1 if close > 0 else cursor + 2
                elif content.startswith("][", cursor):
                    j = content.find("]", cursor + 2)
                    cursor = j + 1 if j >= 0 else cursor + 2
                elif content.startswith("]", cursor):
                    cursor += 1
                continue
            if depth_skip:
                continue
            if t == "text":
                s = child.content
                if not s:
                    continue
                j = content.find(s, cursor)
                if j >= 0:
                    _add_prose(b, s, abs_offs[j : j + len(s)])
                    cursor = j + len(s)
                else:
                    # escapes or entities changed the text: align character by character
                    mapped = []
                    c = cursor
                    for ch in s:
                        k = content.find(ch, c, c + 12)
                        if k >= 0:
                            mapped.append(abs_offs[k])
                            c = k + 1
                        else:
                            mapped.append(abs_offs[min(c, len(abs_offs) - 1)])
                    cursor = c
                    _add_prose(b, s, mapped)
            elif t in ("softbreak", "hardbreak"):
                j = content.find("\n", cursor)
                if j >= 0:
                    b.add_mapped(" ", abs_offs[j])
                    cursor = j + 1
                else:
                    b.add_mapped(" ", abs_offs[min(cursor, len(abs_offs) - 1)])
            elif t == "code_inline":
                marker = child.markup or "`"
                j = content.find(marker, cursor)
                if j >= 0:
                    search_from = j + len(marker) + len(child.content.strip()) - 1 if child.content else j + len(marker)
                    k = content.find(marker, search_from)
                    cursor = k + len(marker) if k >= 0 else j + len(marker)
                b.add_mapped(" ", abs_offs[min(max(cursor - 1, 0), len(abs_offs) - 1)])
            elif t == "html_inline":
                j = content.find(child.content, cursor)
                if j >= 0:
                    cursor = j + len(child.content)
            # em/strong open/close and others: markup only, nothing to add
        return _finish(b)

    def read(self, doc: Document) -> None:
        tokens = self.md.parse(self.source)
        blocks = doc.blocks
        kind_stack: list[str] = []
        bq_depth = 0
        heading_level = 0
        cell_cursor: dict[int, int] = {}
        for tok in tokens:
            t = tok.type
            if t == "blockquote_open":
                bq_depth += 1
            elif t == "blockquote_close":
                bq_depth -= 1
            elif t in ("list_item_open", "heading_open", "th_open", "td_open", "paragraph_open"):
                kind_stack.append(t)
                if t == "heading_open":
                    heading_level = int(tok.tag[1:])
            elif t in ("list_item_close", "heading_close", "th_close", "td_close", "paragraph_close"):
                if kind_stack:
                    kind_stack.pop()
            elif t == "html_block":
                if tok.map:
                    start = self.line_starts[tok.map[0]]
                    end = self.line_starts[tok.map[1]] if tok.map[1] < len(self.line_starts) else len(self.source)
                    for m in COMMENT_RE.finditer(self.source, start, end):
                        doc.comments.append(Comment(m.start(), m.end(), m.group(1)))
            elif t == "inline" and tok.map is not None:
                if "heading_open" in kind_stack:
                    kind = "heading"
                elif kind_stack and kind_stack[-1] in ("th_open", "td_open"):
                    kind = "table_cell"
                elif "list_item_open" in kind_stack:
                    kind = "list_item"
                else:
                    kind = "paragraph"
                first = tok.map[0]
                search_from = 0
                if kind == "table_cell":
                    search_from = cell_cursor.get(first, 0)
                line_offsets = self._locate_lines(tok.content, first, search_from)
                if kind == "table_cell" and line_offsets:
                    cell_cursor[first] = line_offsets[0] - self.line_starts[first] + len(tok.content)
                text, offs = self._inline(tok, line_offsets, line_offsets[0] if line_offsets else 0)
                for child in tok.children or []:
                    if child.type == "html_inline":
                        for m in COMMENT_RE.finditer(child.content):
                            pos = self.source.find(child.content, line_offsets[0] if line_offsets else 0)
                            if pos >= 0:
                                doc.comments.append(Comment(pos + m.start(), pos + m.end(), m.group(1)))
                if not text:
                    continue
                blocks.append(
                    Block(
                        kind=kind,
                        start=offs[0],
                        end=offs[-1],
                        text=text,
                        offsets=offs,
                        level=heading_level if kind == "heading" else 0,
                        blockquote=bq_depth > 0,
                    )
                )


def _finish(b: _Builder) -> tuple[str, list[int]]:
    text = "".join(b.chars)
    offs = b.offs
    if not text:
        return "", [0]
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    offs = offs[lead : lead + len(stripped)]
    if not stripped:
        return "", [0]
    return _collapse(stripped, offs + [offs[-1] + 1])


def _add_prose(b: _Builder, s: str, mapped) -> None:
    """Add a run of prose whose characters sit at source offsets ``mapped``, dropping bare URLs."""
    pos = 0
    for m in URL_RE.finditer(s):
        if m.start() > pos:
            b.chars.append(s[pos : m.start()])
            b.offs.extend(mapped[pos : m.start()])
        pos = m.end()
    if pos < len(s):
        b.chars.append(s[pos:])
        b.offs.extend(mapped[pos:])


def _matching_paren(s: str, open_pos: int) -> int:
    """Index of the ')' closing the '(' at open_pos, or -1."""
    if open_pos >= len(s) or s[open_pos] != "(":
        return -1
    depth = 0
    for i in range(open_pos, len(s)):
        c = s[i]
        if c == "\\":
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


TERMINAL = tuple(".!?:;\"”’)")


def _read_plain(doc: Document, line_starts: list[int]) -> None:
    """Plain text: blank lines separate blocks; a line that does not end a sentence and
    is followed by a line starting in lower case continues the paragraph; any other
    line break ends the block (scraped articles put one paragraph or headline a line)."""
    src = doc.source
    lines = src.split("\n")
    b: _Builder | None = None
    short_line = True

    def flush(end: int) -> None:
        nonlocal b, short_line
        if b is not None:
            text, offs = _finish(b)
            if text:
                kind = "paragraph"
                if short_line and not text.rstrip().endswith((".", "!", "?", ":", ";", "”", '"')) and len(text) <= 160:
                    kind = "heading"
                doc.blocks.append(Block(kind=kind, start=offs[0], end=offs[-1], text=text, offsets=offs))
        b = None
        short_line = True

    for i, line in enumerate(lines):
        ls = line_starts[i]
        if not line.strip():
            flush(ls)
            continue
        if b is not None:
            prev = lines[i - 1].rstrip()
            nxt = line.lstrip()
            continues = not prev.endswith(TERMINAL) and nxt[:1].islower()
            if not continues:
                flush(ls)
        if b is None:
            b = _Builder()
        else:
            b.add_mapped(" ", ls - 1)
            short_line = False
        _add_prose(b, line, range(ls, ls + len(line)))
        for m in COMMENT_RE.finditer(line):
            doc.comments.append(Comment(ls + m.start(), ls + m.end(), m.group(1)))
    flush(len(src))


def _mark_sections(doc: Document) -> None:
    section = "body"
    for b in doc.blocks:
        if COMMENT_HEADINGS.match(b.text):
            section = "comments"
            b.section = section
            continue
        if section != "comments" and REFERENCE_HEADINGS.match(b.text.strip("*_# ")):
            section = "references"
            b.section = section
            continue
        if section == "references" and b.kind == "heading" and doc.markdown:
            section = "body"
        b.section = section


# ---------------------------------------------------------------------------------
# quotes and speakers
# ---------------------------------------------------------------------------------

QUOTE_RE = re.compile(r"“[^“”]*”|\"[^\"\n]*\"|“[^“”]*$")
# the one list of speech verbs (rules/lexicons/names.yaml), shared with the attribution checks
SPEECH_VERBS = "|".join(re.escape(v) for v in lexicon("names")["speech_verbs"])
AFTER_QUOTE_RE = re.compile(
    rf"^\s*,?\s*(?:(?P<verb1>{SPEECH_VERBS})\s+(?P<desc1>[^.;:“\"]{{0,120}}?)(?=[.;:,“\"]|$)"
    rf"|(?P<desc2>[^.;:“\",]{{0,80}}?)\s+(?P<verb2>{SPEECH_VERBS})\b)"
)
_VERB_RE = re.compile(rf"\b(?:{SPEECH_VERBS}|according to)\b")  # cheap test before the costly search
ACCORDING_RE = re.compile(r"\baccording to (?P<desc>[^.;:“\",]{0,120})")
CAP_NAME_RE = re.compile(r"[A-Z][\w'’.\u2024-]*(?:\s+(?:[A-Z][.\u2024]|[A-Z][\w'’.\u2024-]*|de|van|von|der|da|la))*")
NOT_NAMES = {"The", "A", "An", "This", "That", "It", "He", "She", "They", "We", "I", "In", "But", "And",
             "Dr", "Dr.", "Professor", "Prof.", "Mr", "Ms", "Mrs", "Mr.", "Ms.", "Mrs.", "Yale", "University"}
PRONOUNS = {"he", "she", "they", "we", "i", "it"}


def split_name(desc: str) -> tuple[str | None, str]:
    """Find the person's name in a descriptor ("co-senior author Jeffrey Kocsis")."""
    best = None
    for m in CAP_NAME_RE.finditer(desc):
        words = [w for w in m.group(0).split()
                 if w not in NOT_NAMES and w.rstrip("." + _DOT) not in {"Dr", "Prof", "Mr", "Mrs", "Ms"}]
        if not words:
            continue
        cand = " ".join(words)
        # Prefer a multi-word name; keep the first one found
        if best is None or (len(words) > 1 and len(best.split()) == 1):
            best = cand
            if len(words) > 1:
                break
    if best is None:
        w = desc.strip().lower()
        if w in PRONOUNS:
            return None, desc.strip()
        return None, desc.strip()
    return best.rstrip(".,").replace(_DOT, "."), desc.strip().replace(_DOT, ".")


ABBREV_RE = re.compile(r"\b(?:Dr|Prof|Mr|Mrs|Ms|St|Jr|Sr|Drs|[A-Z])\.(?=\s)")
_DOT = "\u2024"  # one dot leader: stands in for an abbreviation's period while matching


_STOPS = re.compile(r"[.;“\"]")
_TAIL = re.compile(r"[^.;“\"]{0,40}[:,]?\s*$")


def _speaker_before(before: str) -> str | None:
    """The words naming the speaker when a quote follows "X said:" / "X, according to":
    the clause before the first speech verb that ends the text (within 40 characters)."""
    for m in _VERB_RE.finditer(before):
        if _TAIL.fullmatch(before, m.end()):
            head = before[max(0, m.start() - 160) : m.start()]
            stops = list(_STOPS.finditer(head))
            desc = head[stops[-1].end() :] if stops else head
            return desc if desc.strip() else None
    return None


def _protect(text: str) -> str:
    """Same length as ``text``, with periods of titles and initials hidden."""
    return ABBREV_RE.sub(lambda m: m.group(0)[:-1] + _DOT, text)


def _find_quotes(doc: Document) -> None:
    prev_block: Block | None = None
    for b in doc.blocks:
        if b.section != "body":
            prev_block = b
            continue
        text = b.text
        block_quotes: list[Quote] = []
        matches = QUOTE_RE.finditer(text) if ('"' in text or "“" in text) else ()
        for m in matches:
            q = Quote(start=b.doc_start + m.start(), end=b.doc_start + m.end(), block=b)
            # the speaker is named close to the quote: look at a window either side
            after = _protect(text[m.end() : m.end() + 200])
            before = _protect(text[max(0, m.start() - 240) : m.start()])
            am = AFTER_QUOTE_RE.match(after)
            desc = None
            if am:
                desc = am.group("desc1") if am.group("desc1") is not None else am.group("desc2")
            if desc is None:
                desc = _speaker_before(before)
            if desc is None:
                acc = None
                if "according" in after + before:
                    acc = ACCORDING_RE.search(after) or ACCORDING_RE.search(before)
                if acc:
                    desc = acc.group("desc")
            if desc is not None:
                name, d = split_name(desc)
                q.speaker, q.descriptor = name, d
            block_quotes.append(q)
        # quotes in a block with a known speaker share it
        known = [q for q in block_quotes if q.speaker]
        if syntax.has_entities(doc):  # with a statistical model: PERSON subjects
            for q in block_quotes:
                if q.speaker is None:
                    hit = syntax.speaker(doc, q)
                    if hit:
                        q.speaker, q.descriptor = hit
            known = [q for q in block_quotes if q.speaker]
        for q in block_quotes:
            if not q.speaker:
                if known:
                    q.speaker, q.descriptor = known[0].speaker, known[0].descriptor
                elif prev_block is not None and prev_block.text.rstrip().endswith(":"):
                    name, d = _speaker_of_intro(prev_block.text)
                    if name:
                        q.speaker, q.descriptor = name, d
        # a block quote introduced by "X said:" is the speaker's words
        if b.blockquote and not block_quotes:
            q = Quote(start=b.doc_start, end=b.doc_start + len(text), block=b)
            if prev_block is not None and prev_block.text.rstrip().endswith(":"):
                q.speaker, q.descriptor = _speaker_of_intro(prev_block.text)
            block_quotes.append(q)
        doc.quotes.extend(block_quotes)
        prev_block = b


def _speaker_of_intro(text: str) -> tuple[str | None, str]:
    m = re.search(rf"(?P<desc>[^.;]*?)\b(?:{SPEECH_VERBS})\b[^.;]*:\s*$", text)
    if m:
        return split_name(m.group("desc"))
    return None, ""


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
    sdoc = make_doc(nlp, doc.text)
    # force a sentence start at every block start; the sentencizer fills in the rest
    if is_blank():
        segment(nlp, sdoc, [b.doc_start for b in doc.blocks if b.doc_start < len(doc.text)])
    else:
        for b in doc.blocks:
            span = sdoc.char_span(b.doc_start, b.doc_start + 1, alignment_mode="expand")
            if span is not None and span.start > 0:
                sdoc[span.start].is_sent_start = True
        for _, proc in nlp.pipeline:
            sdoc = proc(sdoc)
    doc.doc = sdoc
    bi = 0
    blocks = doc.blocks
    for span in sdoc.sents:
        first, last = span.start, span.end - 1
        while first <= last and sdoc[first].is_space:
            first += 1
        while last >= first and sdoc[last].is_space:
            last -= 1
        if first > last:
            continue
        ft, lt = sdoc[first], sdoc[last]
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
