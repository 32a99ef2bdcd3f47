"""Quotations in the prose and who speaks them ("... ," said co-senior author Jeffery
Kocsis): the speech verbs are the one list in ``rules/lexicons/names.yaml``.

Quotation marks as papers write them: double (“...”, "...", ``...'' and ''...'') and
single ('...' and ‘...’, as UK papers quote speech and headline claims).  A single mark
opens a quote at the start of a word and closes one at the end of a word; a mark inside
a word is an apostrophe ("it's"), a leading one before an elision is not a quote ("'80s",
"rock 'n' roll": ``rules/lexicons/quotes.yaml``), and a plural possessive ("patients'
lives") closes a quote only when nothing later does.  Only the outermost quote counts (a
quote inside a quote is the speaker's words too).  A quote left open at the end of a
paragraph runs to its end when the next paragraph opens with a quote mark (a long quote
in UK style opens every paragraph and closes only the last), or when within three
paragraphs one closes a quote it never opened, those between having no quote marks (the
opening marks of continued paragraphs are often lost: "...have been.’"); a quote carried
over paragraphs is one person's, and a paragraph that opens with a quote nobody is named
for is the previous paragraph's speaker's."""
from __future__ import annotations

import re

from .. import syntax
from ..lexicons import lexicon
from .model import Block, Document, Quote

# ---------------------------------------------------------------------------------
# quotes and speakers
# ---------------------------------------------------------------------------------

QUOTE_RE = re.compile(r"“[^“”]*”|\"[^\"\n]*\"|“[^“”]*$")
# a straight double quote left open at the end of a paragraph (continued in the next one)
_OPEN_STRAIGHT_RE = re.compile(r"\"[^\"\n]*$")
_DOUBLED_RE = re.compile(r"``|''")  # two backticks or two apostrophes standing for a double quote mark
_JOINER = "\u2060"  # fills the second character of a doubled mark while matching
_QLEX = lexicon("quotes")
_ELISION_RE = re.compile(  # "'80s", "'99", "'em", "rock 'n' roll": not an opening quote
    r"\d0s\b|\d\d(?![\w%-])"
    + "".join("|" + (re.escape(w[:-1]) + "['’]" if w.endswith("'") else re.escape(w) + r"\b(?![’'])")
              for w in _QLEX["elisions"]), re.I)
_OPEN_AFTER = frozenset(_QLEX["open_after"])
_CLOSE_BEFORE = frozenset(_QLEX["close_before"])
_SINGLE_MARK_RE = re.compile("['‘’]")
_ANY_MARK_RE = re.compile("['\"‘’“”`]")
_OPENING_MARKS = ("'", "‘", '"', "“", "``", "''")  # a paragraph that opens with one continues a quote
# the one list of speech verbs (rules/lexicons/names.yaml), shared with the attribution checks
SPEECH_VERBS = "|".join(re.escape(v) for v in lexicon("names")["speech_verbs"])
_INTRO_RE = re.compile(rf"\b(?:{SPEECH_VERBS})\s*[:,]\s*$", re.I)  # 'said: "' opens a quote for certain
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


def _double_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of double-quoted spans in a paragraph: “...”, "...", and the
    typewriter forms ``...'' and ''...''; a straight quote left open runs to the end."""
    norm = text
    if "``" in text or "''" in text:
        chars = list(text)
        for m in _DOUBLED_RE.finditer(text):
            i = m.start()
            opening = m.group(0) == "``" or i == 0 or text[i - 1].isspace() or text[i - 1] in _OPEN_AFTER
            chars[i], chars[i + 1] = (_JOINER, '"') if opening else ('"', _JOINER)
        norm = "".join(chars)
    out: list[tuple[int, int, bool]] = []
    if '"' not in norm and "“" not in norm:
        return out
    for m in QUOTE_RE.finditer(norm):
        start, end = m.start(), m.end()
        if start > 0 and norm[start - 1] == _JOINER:
            start -= 1
        if end < len(norm) and norm[end] == _JOINER:
            end += 1
        out.append((start, end, not m.group(0).startswith("“") or m.group(0).endswith("”")))
    last = out[-1][1] if out else 0
    tail = _OPEN_STRAIGHT_RE.search(norm, last)
    i = tail.start() if tail else 0
    if tail and i + 1 < len(norm) and norm[i + 1] in (_JOINER, " "):  # "outcomes," said X: a closing mark
        tail = None
    if tail and i > 0 and not (norm[i - 1].isspace() or norm[i - 1] in _OPEN_AFTER or norm[i - 1] == _JOINER):
        tail = None
    if tail:
        start = tail.start() - 1 if tail.start() > 0 and norm[tail.start() - 1] == _JOINER else tail.start()
        out.append((start, len(norm), False))
    return out


def _can_open(text: str, i: int) -> bool:
    """A single mark at the start of a word: after a space, an opening bracket or dash or
    the paragraph's start, before a word that is not an elision ("'em", "'80s")."""
    if text[i] == "’" or i + 1 >= len(text) or text[i + 1].isspace():
        return False
    if i > 0 and not (text[i - 1].isspace() or text[i - 1] in _OPEN_AFTER):
        return False
    return not _ELISION_RE.match(text, i + 1)


def _can_close(text: str, i: int) -> bool:
    """A single mark at the end of a word: after a character that is not a space, before
    a space, punctuation or the paragraph's end."""
    if text[i] == "‘" or i == 0 or text[i - 1].isspace():
        return False
    return i + 1 >= len(text) or text[i + 1].isspace() or text[i + 1] in _CLOSE_BEFORE


def _weak_close(text: str, i: int) -> bool:
    """A mark that may be a plural possessive rather than a closing quote: "patients' lives"."""
    return text[i - 1] in "sS" and bool(re.match(r"\s+[a-z0-9]", text[i + 1 : i + 3]))


def _single_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of single-quoted spans in a paragraph ('...' and ‘...’), with
    apostrophes inside words ("it's"), elisions ("'80s") and possessives ("patients'")
    told apart; a quote left open runs to the end (closed False)."""
    out: list[tuple[int, int, bool]] = []
    if "'" not in text and "‘" not in text:
        return out
    opened: int | None = None
    weak: int | None = None  # a possessive-looking mark after the opening one
    n = len(text)
    for m in _SINGLE_MARK_RE.finditer(text):
        i, ch = m.start(), m.group(0)
        if (i + 1 < n and text[i + 1] == "'" and ch == "'") or (i > 0 and text[i - 1] == "'" and ch == "'"):
            continue  # '' is a double quote mark
        if opened is None:
            if _can_open(text, i):
                opened, weak = i, None
            continue
        if _can_close(text, i):
            if _weak_close(text, i):
                if weak is None:
                    weak = i
                continue
            out.append((opened, i + 1, True))
            opened = None
        elif weak is not None and _can_open(text, i):
            out.append((opened, weak + 1, True))  # the possessive-looking mark closed it
            opened, weak = i, None
    if opened is not None:
        if weak is not None:
            out.append((opened, weak + 1, True))
        else:
            out.append((opened, n, False))
    return out


def _spans(text: str, continued: bool) -> list[tuple[int, int, bool]]:
    """Quoted spans of a paragraph, outermost only, in order.  A quote left open at the end
    of the paragraph counts only when the next paragraph opens with a quote mark
    (``continued``): UK papers open every paragraph of a long quote and close only the last;
    or when a speech verb introduces it ('Professor Taylor said: "People ought to ...').
    """
    double = _double_spans(text)
    single = _single_spans(text)
    spans = [d for d in double if d[2] or continued or text[d[0]] == "“" or _introduced(text, d[0])]
    for s in single:
        if not s[2] and not continued and not _introduced(text, s[0]):
            continue
        # nested in a double quote, or crossing one (a double quote nested in it is kept, then dropped below)
        if any(d[0] < s[1] and s[0] < d[1] and not (s[0] <= d[0] and d[1] <= s[1]) for d in spans):
            continue
        spans.append(s)
    spans.sort()
    out: list[tuple[int, int, bool]] = []
    for s in spans:  # a double quote nested in a single one: the outer quote is the speech
        if out and s[0] >= out[-1][0] and s[1] <= out[-1][1]:
            continue
        out.append(s)
    return out


def _introduced(text: str, i: int) -> bool:
    """Does a speech verb and a colon or comma introduce the quote mark at ``i`` ("said: ")?"""
    return _INTRO_RE.search(text[max(0, i - 40):i]) is not None


def _orphan_close(text: str) -> int | None:
    """The end of a closing quote mark that no opening mark precedes in the paragraph
    ("... than they would otherwise have been.’"): the end of a quote carried over from
    an earlier paragraph whose continuation lost its opening mark.  Only a mark after
    punctuation (or a double mark after a word) counts, never an apostrophe."""
    n = len(text)
    for m in _ANY_MARK_RE.finditer(text):
        i, ch = m.start(), m.group(0)
        if ch in "“‘`" or (ch in "'\"" and _can_open(text, i) and not (ch == "'" and text[i + 1 : i + 2] == "'")):
            return None  # an opening mark comes first
        after_ok = i + 1 >= n or text[i + 1].isspace() or text[i + 1] in _CLOSE_BEFORE or text[i + 1] in "'’"
        if i > 0 and after_ok and (text[i - 1] in ".,!?;:" or (ch in "\"”" and not text[i - 1].isspace())):
            return i + 2 if text[i + 1 : i + 2] == "'" else i + 1
    return None


def _has_marks(text: str) -> bool:
    return "'" in text or '"' in text or "“" in text or "‘" in text or "`" in text or "”" in text or "’" in text


def _continuation(blocks: list[Block], bi: int) -> tuple[bool, dict[int, tuple[int, int]]]:
    """Does the quote left open at the end of block ``bi`` go on, and over which spans of
    the next blocks (block index -> span) when they lost their opening marks?  It goes on
    when, within three paragraphs, one opens with a quote mark or closes a quote it never
    opened, the ones between having no quote marks at all (those are then quoted whole)."""
    forced: dict[int, tuple[int, int]] = {}
    for j in range(bi + 1, min(bi + 4, len(blocks))):
        bj = blocks[j]
        if bj.section != "body" or bj.is_heading:
            break
        if bj.text.lstrip().startswith(_OPENING_MARKS):
            # the next paragraph, or one after paragraphs with no quote marks at all (a
            # continuation that lost its opening mark: "'...' / His findings ... / 'The
            # report should ...'"), opens a quote mark: the speaker goes on
            return True, forced
        end = _orphan_close(bj.text) if _has_marks(bj.text) else None
        if end is not None:
            forced[j] = (0, end)
            return True, forced
        if _has_marks(bj.text) and _spans(bj.text, True):
            break
        forced[j] = (0, len(bj.text))
    return False, {}


def _find_quotes(doc: Document) -> None:
    prev_block: Block | None = None
    runon: Quote | None = None  # a quote of the previous paragraph left open at its end
    prev_speech: Quote | None = None  # the previous paragraph's last quote
    blocks = doc.blocks
    carried: dict[int, tuple[int, int]] = {}  # block index -> span of a quote carried over into it
    chain: list[Quote] = []  # the quotes of one quotation carried over paragraphs, so far
    for bi, b in enumerate(blocks):
        if b.section != "body":
            prev_block, runon, prev_speech, chain = b, None, None, []
            continue
        text = b.text
        block_quotes: list[Quote] = []
        head = carried.pop(bi, None)
        offset = head[1] if head else 0
        spans: list[tuple[int, int, bool]] = []
        if _has_marks(text[offset:]):
            spans = [(s + offset, e + offset, c) for s, e, c in _spans(text[offset:], True)]
            if any(not c for _, _, c in spans):
                continued, forced = _continuation(blocks, bi)
                if not continued:
                    spans = [(s + offset, e + offset, c) for s, e, c in _spans(text[offset:], False)]
                carried.update(forced)
        if head:
            spans.insert(0, (head[0], head[1], head[1] < len(text) or bi + 1 not in carried))
        open_quote: Quote | None = None
        for qs, qe, closed in spans:
            q = Quote(start=b.doc_start + qs, end=b.doc_start + qe, block=b)
            if not closed:
                open_quote = q
            # the speaker is named close to the quote: look at a window either side
            after = _protect(text[qe : qe + 200])
            before = _protect(text[max(0, qs - 240) : qs])
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
        # a paragraph that opens with a quote nobody is named for continues the previous
        # paragraph's speaker (its open quote, or its last quote: "'...,' she said." then "'...'")
        last = runon or prev_speech
        if (last is not None and last.speaker and block_quotes and not block_quotes[0].speaker
                and not text[: block_quotes[0].start - b.doc_start].strip()):
            block_quotes[0].speaker, block_quotes[0].descriptor = last.speaker, last.descriptor
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
        # a quote carried over paragraphs is one person's: a speaker named at its end names it all
        goes_on = runon is not None and bool(block_quotes) and not text[: block_quotes[0].start - b.doc_start].strip()
        chain = (chain + [block_quotes[0]]) if goes_on else []
        if open_quote is not None:
            if not chain or chain[-1] is not open_quote:
                chain.append(open_quote)
        elif chain:
            who = next((q for q in reversed(chain) if q.speaker), None)
            if who is not None:
                for q in chain:
                    if not q.speaker:
                        q.speaker, q.descriptor = who.speaker, who.descriptor
            chain = []
        # a block quote introduced by "X said:" is the speaker's words
        if b.blockquote and not block_quotes:
            q = Quote(start=b.doc_start, end=b.doc_start + len(text), block=b)
            if prev_block is not None and prev_block.text.rstrip().endswith(":"):
                q.speaker, q.descriptor = _speaker_of_intro(prev_block.text)
            block_quotes.append(q)
        doc.quotes.extend(block_quotes)
        prev_block, runon = b, open_quote
        prev_speech = block_quotes[-1] if block_quotes else None


def _speaker_of_intro(text: str) -> tuple[str | None, str]:
    m = re.search(rf"(?P<desc>[^.;]*?)\b(?:{SPEECH_VERBS})\b[^.;]*:\s*$", text)
    if m:
        return split_name(m.group("desc"))
    return None, ""


