"""The document model: blocks, sentences, quotes and exact source positions."""
from __future__ import annotations

import pytest

from lint.document import decode, parse
from lint.errors import InputError


def spans_ok(doc):
    """Every token maps back to the same characters in the source."""
    for tok in doc.tokens:
        if tok.is_space:
            continue
        s, e = doc.src_span(tok.idx, tok.idx + len(tok.text))
        assert doc.source[s:e] == tok.text, (tok.text, doc.source[s:e])


def find(doc, word):
    """Source (line, col) of the first token equal to word."""
    for tok in doc.tokens:
        if tok.text == word:
            s, _ = doc.src_span(tok.idx, tok.idx + len(tok.text))
            return doc.line_col(s)
    raise AssertionError(word)


def test_markdown_blocks_and_positions():
    src = (
        "# A Headline About Cures\n"
        "\n"
        "Some *emphasised* text with `code cure` and a [link text](http://example.com/cure) here.\n"
        "\n"
        "> A quoted block\n"
        "> that continues.\n"
        "\n"
        "- item one\n"
        "- item **two**\n"
        "\n"
        "| a | b |\n"
        "|---|---|\n"
        "| cell one | cell two |\n"
        "\n"
        "```\n"
        "code block cure\n"
        "```\n"
        "<!-- a comment cure -->\n"
    )
    doc = parse(src, "x.md")
    kinds = [b.kind for b in doc.blocks]
    assert kinds[0] == "heading"
    assert "list_item" in kinds and "table_cell" in kinds
    assert any(b.blockquote for b in doc.blocks)
    texts = " ".join(b.text for b in doc.blocks)
    assert "code cure" not in texts and "code block" not in texts and "example.com" not in texts
    assert "a comment" not in texts
    assert "link text" in texts
    spans_ok(doc)
    assert find(doc, "emphasised") == (3, 7)
    assert find(doc, "link") == (3, 48)
    assert find(doc, "continues") == (6, 8)
    assert find(doc, "two") == (9, 10)
    assert find(doc, "cell") == (13, 3)
    assert len(doc.comments) == 1


def test_crlf_bom_tabs_and_non_ascii():
    src = "\ufeffTitle line\r\n\r\nCaf\u00e9 \u201cquoted\u201d text\twith tab and \U0001F600 emoji cure.\r\n"
    doc = parse(src, "x.md")
    spans_ok(doc)
    assert find(doc, "cure") == (3, 41)  # the emoji is one character
    assert find(doc, "quoted") == (3, 7)
    # a lone CR also ends a line
    doc2 = parse("One line\rSecond line with cure", "y.txt")
    assert find(doc2, "cure") == (2, 18)


def test_front_matter_is_read_not_linted():
    src = "---\ncitation: paper.yaml\ntitle: cure\n---\n# Head\n\nBody cure.\n"
    doc = parse(src, "x.md")
    assert doc.front_matter == {"citation": "paper.yaml", "title": "cure"}
    assert all("citation" not in b.text for b in doc.blocks)
    assert find(doc, "Body") == (7, 1)


def test_bad_front_matter_is_reported_with_line():
    doc = parse("---\ncitation: [unclosed\n---\nText.\n", "x.md")
    assert doc.front_matter_error and doc.front_matter_error.startswith("x.md:")


def test_plain_text_headlines_and_paragraphs():
    src = "Short Headline Without Period\n\nA first paragraph. It has two sentences, hard\nwrapped continuation here.\n"
    doc = parse(src, "x.txt")
    assert doc.blocks[0].kind == "heading"
    assert doc.blocks[1].kind == "paragraph"
    assert "continuation" in doc.blocks[1].text
    assert [s.text for s in doc.sentences] == ["Short Headline Without Period", "A first paragraph.",
                                               "It has two sentences, hard wrapped continuation here."]
    spans_ok(doc)


def test_sentences_respect_blocks():
    doc = parse("# Heading without period\n\nFirst sentence here\n\n- list item\n", "x.md")
    assert [s.text for s in doc.sentences] == ["Heading without period", "First sentence here", "list item"]


def test_reference_and_comment_sections():
    src = "Body text.\n\nWorks Cited\n\nSmith, J. (2020). A cure. Journal.\n\n2 comments\n\nReader: what a cure!\n"
    doc = parse(src, "x.txt")
    sections = {b.text: b.section for b in doc.blocks}
    assert sections["Body text."] == "body"
    assert sections["Smith, J. (2020). A cure. Journal."] == "references"
    assert sections["Reader: what a cure!"] == "comments"


@pytest.mark.parametrize("text,speaker", [
    ("\u201cIt works,\u201d says co-senior author Jeffrey Kocsis.", "Jeffrey Kocsis"),
    ("\u201cIt works,\u201d Kocsis said.", "Kocsis"),
    ('Jane Smith said: "It works."', "Jane Smith"),
    ('"It works," according to Dr. Ann Lee of Yale.', "Ann Lee"),
])
def test_quote_speakers(text, speaker):
    doc = parse(text, "x.md")
    assert doc.quotes and doc.quotes[0].speaker == speaker


def test_quote_speaker_from_introducing_paragraph():
    src = "Stephen Waxman, a neurologist, stated:\n\n\u201cWe may be able to restore function.\u201d\n"
    doc = parse(src, "x.txt")
    assert doc.quotes[0].speaker == "Stephen Waxman"


def test_second_quote_in_block_inherits_speaker():
    src = "\u201cFirst,\u201d says Ann Lee. \u201cSecond sentence of hers.\u201d"
    doc = parse(src, "x.md")
    assert [q.speaker for q in doc.quotes] == ["Ann Lee", "Ann Lee"]


def test_decode_errors_are_one_line():
    with pytest.raises(InputError, match=r"^f.md: binary file"):
        decode(b"abc\x00def", "f.md")
    with pytest.raises(InputError, match=r"^f.md:2: not valid UTF-8"):
        decode(b"ok\n\xff\xfe bad", "f.md")


def test_empty_document():
    doc = parse("", "x.md")
    assert doc.blocks == [] and doc.sentences == []
