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



def test_press_release_boilerplate_sections():
    src = ("About half of adults eat too much salt\n\nMEDIA CONTACT:\n\nAshley Yum\n\n"
           "Salt raised blood pressure in the study.\n\nAbout the Study\n\nThe trial enrolled 100 people.\n\n"
           "About Mayo Clinic\n\nMayo Clinic helps people live longer.\n\nIt cures many diseases.\n\n"
           "Key Findings\n\nSalt cut sleep.\n\n"
           "Forward-Looking Statements: statements in this release may cause results to differ.\n")
    doc = parse(src, "x.txt")
    sections = {b.text: b.section for b in doc.blocks}
    assert sections["About half of adults eat too much salt"] == "body"  # a headline, not a heading
    assert sections["MEDIA CONTACT:"] == "boilerplate"
    assert sections["Salt raised blood pressure in the study."] == "body"
    assert sections["The trial enrolled 100 people."] == "body"  # "About the Study" describes the research
    assert sections["Mayo Clinic helps people live longer."] == "boilerplate"
    assert sections["It cures many diseases."] == "boilerplate"
    assert sections["Salt cut sleep."] == "body"  # "Key Findings": the release goes on
    assert sections["Forward-Looking Statements: statements in this release may cause results to differ."] \
        == "boilerplate"


def test_label_text_inline_about_paragraphs_and_sources():
    src = ("Drug X cut strokes in the trial.\n\nImportant Safety Information\n\n"
           "Drug X can harm an unborn baby.\n\nKey Findings\n\nDrug X cut strokes by a third.\n\n"
           "About NIH: NIH, the nation's medical research agency, studies causes and cures.\n\n"
           "About the study: 100 people took part.\n\nSource: Office for National Statistics, 2018.\n")
    sections = {b.text: b.section for b in parse(src, "x.txt").blocks}
    assert sections["Drug X can harm an unborn baby."] == "boilerplate"
    assert sections["Drug X cut strokes by a third."] == "body"
    assert sections["About NIH: NIH, the nation's medical research agency, studies causes and cures."] == "boilerplate"
    assert sections["About the study: 100 people took part."] == "body"
    assert sections["Source: Office for National Statistics, 2018."] == "references"


def test_notes_to_editors_and_a_listed_paper():
    src = ("Drug X cut falls in the trial.\n\n"
           "1. The drug cut falls by half, Dr Jones said.\n\n"
           "Notes to editors\n\n"
           "1. Drug X for falls: a randomised, placebo-controlled, phase 2 trial. Jones A et al. Lancet Neurology. "
           "January 2016.\n\n"
           "2. Dr Jones is available for interview.\n")
    doc = parse(src, "x.md")
    sections = {b.text: (b.kind, b.section) for b in doc.blocks}
    assert sections["The drug cut falls by half, Dr Jones said."] == ("list_item", "body")
    assert sections["Notes to editors"][1] == "boilerplate"
    assert sections["Dr Jones is available for interview."][1] == "boilerplate"
    listed = "Drug X for falls: a randomised, placebo-controlled, phase 2 trial. Jones A et al. Lancet Neurology. January 2016."
    assert sections[listed][1] == "boilerplate"
    body = parse("Drug X cut falls.\n\n" + "1. " + listed + "\n", "x.md")
    assert {b.text: b.section for b in body.blocks}[listed] == "references"  # "et al" and a year in a list item


@pytest.mark.parametrize("entry,reference", [
    ("Hupin D, Roche F, Gremeaux V, et al. Relation between physical activity and mortality.", True),
    ("iv Wang L, Baser O, Wells P. (2017) Benefit of early discharge.", True),
    ("* Noratto, G. Garcia-Mazcorro, J. Chew, B. Dietary raspberry modifies gut microbes (2016).", True),
    ("Susan L. McElroy, M.D., of the Lindner Center, said in 2015 the drug works.", False),
    ("Dr A. Smith, B. Jones and C. Brown found the drug works.", False),
])
def test_a_reference_entry_standing_alone(entry, reference):
    block = next(b for b in parse(f"Body text.\n\n{entry}\n", "x.txt").blocks if b.text == entry)
    assert (block.section == "references") == reference

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


# ---- single quotes as UK papers write them ---------------------------------------------------

def _quoted(src: str, name: str = "x.md") -> list[str]:
    doc = parse(src, name)
    return [doc.text[q.start:q.end] for q in doc.quotes]


@pytest.mark.parametrize("text,quotes", [
    # apostrophes inside words and possessives are not quote marks
    ("It's the patients' choice and the doctors' too.", []),
    ("The trial's results weren't what they'd hoped.", []),
    # straight and curly single quotes around speech and scare quotes
    ("'It works,' said Dr Ann Lee.", ["'It works,'"]),
    ("\u2018It works,\u2019 said Dr Ann Lee.", ["\u2018It works,\u2019"]),
    ("The pill 'halves the risk', they said.", ["'halves the risk'"]),
    # an apostrophe inside the quote, and a possessive that is not its end
    ("'It's the patients' choice,' she said.", ["'It's the patients' choice,'"]),
    ("\u2018It\u2019s the patients\u2019 choice,\u2019 she said.", ["\u2018It\u2019s the patients\u2019 choice,\u2019"]),
    ("She called it 'the doctors' dilemma' on Monday.", ["'the doctors' dilemma'"]),
    # a quote that ends on a plural word before more text
    ("The drug 'works wonders' in mice, it's said.", ["'works wonders'"]),
    ("It was 'a success for patients' and the 'trial' worked.", ["'a success for patients'", "'trial'"]),
    # elisions are not opening quotes; a quoted word that looks like one is
    ("Rock 'n' roll in the '80s and '90s was 'great'.", ["'great'"]),
    ("In the summer of '76 the 'heatwave' began.", ["'heatwave'"]),
    ("The 'cause' was clear.", ["'cause'"]),
    ("A '24-hour' service.", ["'24-hour'"]),
    # typewriter double quotes: ``...'' and ''...''
    ("He said: ``It works.'' Then he left.", ["``It works.''"]),
    ("He said: ''It works.'' Then he left.", ["''It works.''"]),
    # nested quotes: the outer one is the speech
    ("'He called it \"a miracle\",' she said.", ["'He called it \"a miracle\",'"]),
    ("\"He called it 'a miracle',\" she said.", ["\"He called it 'a miracle',\""]),
    # an opening quote never closed, with no paragraph after it to continue it, is not a quote,
    # unless a speech verb introduces it (then it runs to the end of its paragraph)
    ("It was a 'first step towards a cure.", []),
    ("He said: 'It works in mice.", ["'It works in mice."]),
    ('Professor Taylor said: "People ought to eat less.', ['"People ought to eat less.']),
])
def test_single_quotes_and_apostrophes(text, quotes):
    assert _quoted(text) == quotes


def test_a_quote_runs_over_paragraphs_when_the_next_opens_with_a_quote_mark():
    src = ("Prof Ann Lee, who led the study, said: 'It works in mice.\n\n"
           "'It is the first time anyone has shown this.'\n\nThe end.\n")
    doc = parse(src, "x.md")
    assert [doc.text[q.start:q.end] for q in doc.quotes] == [
        "'It works in mice.", "'It is the first time anyone has shown this.'"]
    assert [q.speaker for q in doc.quotes] == ["Ann Lee", "Ann Lee"]
    src = 'Prof Ann Lee said: "It works in mice.\n\n"It is the first time."\n'
    assert _quoted(src) == ['"It works in mice.', '"It is the first time."']


def test_a_straight_quote_closing_a_paragraph_is_not_an_opening_one():
    assert _quoted('What they say is clear," said Ann Lee.\n\n"Next."\n') == ['"Next."']


def test_a_paragraph_of_quote_after_a_speakers_paragraph_is_theirs():
    src = "'It works,' said Prof John Gordon.\n\n'It also works in rats.'\n\nOther text.\n\n'Third.'\n"
    doc = parse(src, "x.md")
    assert [q.speaker for q in doc.quotes] == ["John Gordon", "John Gordon", None]


def test_a_headline_in_single_quotes_has_no_speaker():
    doc = parse("# Chocolate 'cuts heart disease risk'\n\nText.\n", "x.md")
    assert [doc.text[q.start:q.end] for q in doc.quotes] == ["'cuts heart disease risk'"]
    assert doc.quotes[0].speaker is None


def test_a_quote_whose_next_paragraphs_lost_their_opening_marks_runs_to_its_closing_mark():
    src = ("A spokesman for the charity said: \u2018Our advice has not changed.\n\n"
           "The best evidence shows the test helps.\u2019\n\nThe end.\n")
    assert _quoted(src) == ["\u2018Our advice has not changed.", "The best evidence shows the test helps.\u2019"]
    src = ('"The paper is careful.\n\nNor do the authors say more.\n\n'
           'What they show is an association," said Jane Doe, a dietitian.\n\nThe end.\n')
    doc = parse(src, "x.md")
    assert [doc.text[q.start:q.end] for q in doc.quotes] == [
        '"The paper is careful.', "Nor do the authors say more.", 'What they show is an association,"']
    assert {q.speaker for q in doc.quotes} == {"Jane Doe"}  # named at its end, speaker of it all


def test_a_paragraph_that_lost_its_opening_mark_between_two_of_a_quote_is_quoted():
    src = ("Prof Ann Lee said: \u2018Her research is a step closer.\n\n"
           "Her findings confirm the effects on the brain.\n\n"
           "\u2018The report should energise clinicians.\u2019\n\nThe end.\n")
    doc = parse(src, "x.md")
    assert [doc.text[q.start:q.end] for q in doc.quotes] == [
        "\u2018Her research is a step closer.", "Her findings confirm the effects on the brain.",
        "\u2018The report should energise clinicians.\u2019"]
    assert {q.speaker for q in doc.quotes} == {"Ann Lee"}


def test_an_open_quote_with_no_closing_mark_after_it_is_not_carried_over():
    src = "He said: 'It works.\n\nNothing quoted here.\n\nNor here, it's plain.\n\nThe patients' view.\n"
    assert _quoted(src) == ["'It works."]   # its own paragraph only: "said:" opens it for certain
    src = "It was a 'first step.\n\nNothing quoted here.\n\nNor here, it's plain.\n\nThe patients' view.\n"
    assert _quoted(src) == []


@pytest.mark.parametrize("heading", ["Reader comments (3)", "Comments (12)", "Comments:"])
def test_comment_headings_with_a_count(heading):
    doc = parse(f"Body text.\n\n{heading}\n\nreader1: a miracle drug!\n", "x.txt")
    assert {b.text: b.section for b in doc.blocks}["reader1: a miracle drug!"] == "comments"
