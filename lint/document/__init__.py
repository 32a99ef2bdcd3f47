"""The document model: one parse of an article into blocks, sentences, tokens and quotes.

Every piece keeps exact offsets into ``Document.source`` (the decoded file, newlines
normalised to ``\\n``, BOM removed), so any finding maps back to a 1-based line and a
1-based column counted in characters.  Normalising ``\\r\\n`` does not move any column:
a carriage return only ever sits at the end of a line.

Markdown is parsed with markdown-it-py (CommonMark).  Prose text is rebuilt per block
as "clean text" (markup, code, URLs, link targets and image sources removed) together
with an offset map from every clean character back to the source, and the whole
document is tokenised once by spaCy with sentence starts forced at block starts.

The package: ``model`` (the classes and positions), ``markdown`` (reading blocks),
``quotes`` (quotations and speakers), ``parse`` (the entry points).
"""
from .model import (  # noqa: F401
    ARTICLE_SUFFIXES,
    MARKDOWN_SUFFIXES,
    TEXT_SUFFIXES,
    URL_RE,
    Block,
    Comment,
    Document,
    Quote,
    Sentence,
)
from .parse import decode, is_markdown, normalise_newlines, parse, read_document  # noqa: F401
from .quotes import SPEECH_VERBS  # noqa: F401
