"""Quotations in the prose and who speaks them ("... ," said co-senior author Jeffery
Kocsis): the speech verbs are the one list in ``rules/lexicons/names.yaml``."""
from __future__ import annotations

import re

from .. import syntax
from ..lexicons import lexicon
from .model import Block, Document, Quote

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


