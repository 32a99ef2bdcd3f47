"""The phrase syntax of rule files (``lint/phrases.py``): alternatives, optional words,
suffixes, and the two markers of term rules: ``^`` (opens a clause) and [context]."""
from __future__ import annotations

import pytest

from lint.document import parse
from lint.phrases import anchored, build_matcher, expand, parse_label, phrase_label, validate_phrases


def test_expand_alternatives_optional_words_and_suffixes():
    assert sorted(expand("cure{,s} a|the? disease")) == sorted(
        ["cure a disease", "cure the disease", "cure disease", "cures a disease", "cures the disease",
         "cures disease"])


@pytest.mark.parametrize("phrase, parsed, label", [
    ("the best", (False, "the best", 0), "R"),
    ("^ cut", (True, "cut", 0), "R^"),
    ("^ try [a|an|more]", (True, "try a|an|more", 1), "R^+1"),
    ("you should eat [more] [fish]", (False, "you should eat more fish", 2), "R+2"),
])
def test_markers_and_labels(phrase, parsed, label):
    assert anchored(phrase) == parsed
    assert phrase_label("R", phrase) == label
    assert parse_label(label) == ("R", parsed[0], parsed[2])


@pytest.mark.parametrize("bad", ["^", "[a] try", "try [a] b", "^ [a]", "try [a?]", "", "try [long-term]"])
def test_bad_markers_are_refused(bad):
    with pytest.raises(ValueError):
        validate_phrases([bad])


def test_markers_are_refused_outside_term_rules():
    with pytest.raises(ValueError):
        build_matcher([("X", ["^ cut"])])
    assert build_matcher([("X", ["^ cut"])], markers=True) is not None


@pytest.mark.parametrize("text, word, opens", [
    ("Try an egg.", "Try", True),
    ("3PM SLUMP? TRY AN EGG", "TRY", True),
    ("Don't reach for a sweet \u00d0 have an egg.", "have", True),   # a mis-decoded em dash
    ("Don't reach for a sweet \u2014 have an egg.", "have", True),
    ("Don't reach for a sweet - have an egg.", "have", True),        # a spaced hyphen
    ("Don't reach for a sweet treat.", "reach", True),               # "don't" opens the imperative
    ("So just add a cup of berries.", "add", True),
    ("\"Get a dog,\" she said.", "Get", True),
    ("People who try an egg feel alert.", "try", False),
    ("A pick-me-up egg.", "me", False),                               # a hyphen inside a word
])
def test_opens_clause(text, word, opens):
    doc = parse(text + "\n", "story.md")
    i = next(t.i for t in doc.tokens if t.text == word)
    sent = doc.sentence_at(doc.tokens[i].idx)
    assert doc.opens_clause(sent, i) is opens
