"""The document model: blocks, sentences, quotes and comments of one article, each with
exact offsets into ``Document.source``, and the positions they map to (1-based line,
column in characters)."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from spacy.attrs import LOWER

URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]{}\"'“”]+[^\s<>()\[\]{}\"'“”.,;:!?]", re.I)
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
COMMENT_RE = re.compile(r"<!--(.*?)-->", re.S)

REFERENCE_HEADINGS = re.compile(
    r"^\s*(works cited|references?|bibliography|sources|citations?|further reading|notes|literature cited)\s*:?\s*$",
    re.I,
)
# The boilerplate a press release ends with: "About Mayo Clinic", "About the American Heart
# Association", "Forward-Looking Statements", "Media contact"; not "About the study" (it
# describes the research) nor a headline such as "About half of adults ..." (a name follows
# "About", capitalised, in at most ten words)
_ABOUT_NAME = (r"About (the |The )?(?!(?i:stud|trial|research|finding|result|paper|survey|data|analys|method|work|"
               r"project|experiment|patient|participant|author|researcher|scientist|[0-9]|one |two |half|a |an ))[A-Z]")
BOILERPLATE_HEADINGS = re.compile(
    r"^\s*(" + _ABOUT_NAME + r"[^!?]{1,80}(?<!\.)|"   # "About St. Jude Children's Research Hospital"
    r"(?i:(cautions? concerning |cautionary note regarding )?forward[- ]looking statements?|safe harbou?r statement|"
    r"(media|press) (contacts?|enquiries|inquiries)|notes? (to|for) editors|editors?['’]? notes?|"
    # a drug maker's label text: "Important Safety Information", "Indications and Usage"
    r"(important |selected )?safety information( and indications?)?|indications?( and usage)?|"
    r"(full )?prescribing information))\s*:?\s*$",
)
# ... and a paragraph that is itself such boilerplate, or opens with its heading ("About NIH:
# NIH, the nation's medical research agency, ...")
BOILERPLATE_PARAGRAPH = re.compile(
    r"^\s*(" + _ABOUT_NAME + r"[^.!?:]{1,80}:\s|"
    r"(?i:forward[- ]looking statements?\s*:|"
    r"(this|the|the foregoing) ((press|news) )?release (may )?contains? [\"“]?forward[- ]looking|"
    r"statements in this (press|news) release (may|that|which)|except for (the )?historical (matters|information)))",
)
# A paragraph giving its source ("Source: Australian Bureau of Statistics 2018, Causes of
# Death 2017"): a reference, not the story's claim
SOURCE_PARAGRAPH = re.compile(r"^\s*(sources?|references?|citation)\s*:\s*\S", re.I)
# ... and a reference entry standing alone: two or more authors as a reference list gives them
# ("Wang L, Baser O, Wells P. (2017) Benefit of early discharge ...", "* Noratto, G.
# Garcia-Mazcorro, J. Chew, B. ...")
REFERENCE_ENTRY = re.compile(
    r"^\W{0,3}(?:\d{1,3}[.)]\s+|[ivx]{1,4}\.?\s+)?"
    r"(?:[A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+)?,? (?!M\.?D\b|D\.?O\b|R\.?N\b|P\.?A\b)(?:[A-Z]\.?-?){1,3}[,.;]\s+"
    r"(?:and |& )?){2,}"
    r"(?=.*(?:\b(?:19|20)\d\d\b|\bet al\b))",  # with a year or "et al" somewhere in the entry
)
# A list item citing a paper, as press releases' notes do ("1. Rivastigmine for gait
# stability ...: a randomised, double-blind, placebo-controlled, phase 2 trial. Henderson E J
# et al. Lancet Neurology. January 2016."): "et al" and a year
REFERENCE_NOTE = re.compile(r"^(?=.*\bet al\b)(?=.*\b(?:19|20)\d\d\b)")
COMMENT_HEADINGS = re.compile(
    r"^\s*(\d+\s+comments?|comments?|reader comments|post (a )?comment|leave a (reply|comment)|"
    r"join the (conversation|discussion)|discussion)\s*(\(\d+\)|:)?\s*$",  # "Reader comments (3)"
    re.I,
)

DASHES = frozenset(("\u2014", "\u2013", "\u00d0"))  # em dash, en dash, and an em dash mis-decoded as Mac Roman
QUOTE_MARKS = frozenset(("'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "\u00ab", "\u00bb"))
# words that may stand before an imperative and still leave it opening its clause
CLAUSE_OPENERS = frozenset(("so", "then", "just", "simply", "instead", "and", "but", "now", "please", "do", "n't",
                            "not", "never", "always", "also"))

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


LEDE_SENTENCES = 2  # the lede is at least this many sentences of body text


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
    tokens: Any = None  # the spaCy Doc of ``text``: tokens and sentence starts
    doc_map: list[int] = field(default_factory=list)  # doc char -> source offset
    _line_starts: list[int] = field(default_factory=list)

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
        return self.tokens.to_array(LOWER)

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

    @cached_property
    def _lede(self) -> frozenset[int]:
        out: set[int] = set()
        text_sentences = 0
        first_paragraph = None
        for sent in self.sentences:
            block = sent.block
            if block.section != "body":
                continue
            if block.is_heading:
                if first_paragraph is None:
                    out.add(sent.index)  # the headline (and standfirst headings) before the text
                continue
            if first_paragraph is None:
                first_paragraph = block
            if block is first_paragraph or text_sentences < LEDE_SENTENCES:
                out.add(sent.index)
            elif block is not first_paragraph:
                break
            text_sentences += 1
        return frozenset(out)

    def in_lede(self, sent: Sentence) -> bool:
        """Is the sentence in the headline or the lede: the first paragraph of the body, or
        one of its first ``LEDE_SENTENCES`` sentences (UK papers give each sentence its own
        paragraph)?  That is where a story states its own claim."""
        return sent.index in self._lede

    def is_dash(self, i: int) -> bool:
        """Is token ``i`` a dash between words: an em or en dash, a spaced hyphen, or "Ð"
        (an em dash mis-decoded as Mac Roman, as in many stories copied from news sites)?"""
        t = self.tokens[i]
        if t.text in DASHES:
            return True
        return t.text in ("-", "--") and i > 0 and bool(self.tokens[i - 1].whitespace_) and bool(t.whitespace_)

    def opens_clause(self, sent: Sentence, i: int) -> bool:
        """Does token ``i`` open a clause of ``sent``: its first word, or the first after a
        dash, "?" or "!", past quote marks and openers ("so", "just", "don't")?"""
        tokens = self.tokens
        j = i - 1
        while j >= sent.tok_start and (tokens[j].lower_ in CLAUSE_OPENERS or tokens[j].text in QUOTE_MARKS):
            j -= 1
        return j < sent.tok_start or self.is_dash(j) or tokens[j].text in ("?", "!")

    def first_body_offset(self) -> int:
        """Source offset of the first line of body text (for document-level findings)."""
        for b in self.blocks:
            if b.section == "body" and not b.is_heading:
                return b.start
        return self.blocks[0].start if self.blocks else 0


