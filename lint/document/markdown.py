"""Reading an article into prose blocks: Markdown through markdown-it-py (CommonMark),
plain text by blank lines, each block's clean text with an offset map back to the source;
then which blocks are body, reference list or reader comments."""
from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

from .model import (
    BOILERPLATE_HEADINGS,
    BOILERPLATE_PARAGRAPH,
    COMMENT_HEADINGS,
    COMMENT_RE,
    REFERENCE_ENTRY,
    REFERENCE_HEADINGS,
    REFERENCE_NOTE,
    SOURCE_PARAGRAPH,
    URL_RE,
    Block,
    Comment,
    Document,
)

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


def _heading_like(b: Block) -> bool:
    """A heading, or a short line without closing punctuation ("Key Findings", "Ashley Yum")."""
    text = b.text.strip("*_# ")
    return b.kind == "heading" or (0 < len(text.split()) <= 8 and text[-1:] not in ".!?:;,\"”’)")


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
        if section in ("body", "boilerplate") and b is not doc.blocks[0] and len(b.text.split()) <= 10 \
                and BOILERPLATE_HEADINGS.match(b.text.strip("*_# ")):
            section = "boilerplate"  # "About Mayo Clinic": to the next heading or heading-like line
            b.section = section
            continue
        if section == "references" and b.kind == "heading" and doc.markdown:
            section = "body"
        if section == "boilerplate" and _heading_like(b):
            section = "body"  # "About the Study", "Key Findings": the release goes on
        if section == "body" and BOILERPLATE_PARAGRAPH.match(b.text):
            b.section = "boilerplate"
        elif section == "body" and (SOURCE_PARAGRAPH.match(b.text) or REFERENCE_ENTRY.match(b.text)
                                    or (b.kind == "list_item" and REFERENCE_NOTE.match(b.text))):
            b.section = "references"
        else:
            b.section = section


