"""Study facts the story itself states, for citations that leave them unset
(lint/analyses/storyfacts.py), through the public API."""
from __future__ import annotations

import pytest

from lint.api import lint_text

BARE = """title: Reduced adult lifespan following early-life stress is transmitted to breeding partners
journal: Proceedings of the Royal Society B
published: 2011
"""
HUMANS = BARE + "study: {subjects: humans}\n"


@pytest.fixture()
def cite(tmp_path):
    def make(text):
        p = tmp_path / "paper.citation.yaml"
        p.write_text(text, encoding="utf-8")
        return str(p)
    return make


def run(body, citation, code="SJ402"):
    text = "# Stressed-out partner can lead to early death\n\n" + body + "\n"
    return [d for d in lint_text(text, "story.md", citation=citation).diagnostics if d.code == code]


def test_the_species_the_story_names_makes_a_dropped_species_a_warning(cite):
    found = run("Research on birds has found that those paired with anxious partners died young.\n\n"
                "The next step is to test whether the same is true in people.", cite(BARE))
    assert [(d.line, d.severity, d.match) for d in found] == [(1, "warning", "can lead to")]  # an error, one level less sure
    assert 'study.subjects = birds (told by the story, line 3: "Research on birds")' in found[0].evidence


@pytest.mark.parametrize("body", [
    # people studied too: no animal fact
    "Experiments on mice and human tissue samples show that stress shortens lives.",
    "The study, conducted in mice, was repeated in 40 volunteers.",
    # another study, or the future
    "Earlier studies in mice found the same.",
    "Tests in mice will follow next year.",
    # not the study's subjects
    "Our research suggests genes in fat tissue decide the outcome.",
    # two kinds of animal
    "Research on birds was followed by experiments on mice.",
])
def test_no_fact_when_the_story_is_not_plain(cite, body):
    assert run(body, cite(BARE)) == []


def test_the_citation_wins(cite):
    assert run("Research on birds has found that those paired with anxious partners died young.", cite(HUMANS)) == []


def test_a_human_word_in_a_name_is_not_people(cite):
    text = ("# Partner's stress can cut lives short in mice\n\nResearch on mice has found that stress shortens "
            "lives.\n\nThe findings are published in the journal Human Molecular Genetics, with funding from Help "
            "the Aged.\n")
    found = [d for d in lint_text(text, "story.md", citation=cite(BARE)).diagnostics if d.code == "SJ401"]
    assert found == []


DIABETES = """title: Reversal of type 2 diabetes, normalisation of beta cell function
journal: Diabetologia
published: 2011
study: {subjects: humans}
"""


def _sj101(body, citation):
    text = "# Diet reverses diabetes\n\n" + body + "\n"
    return [(d.severity, d.match, d.evidence) for d in lint_text(text, "story.md", citation=citation).diagnostics
            if d.code == "SJ101"]


def test_a_small_sample_the_story_gives_is_weak_evidence(cite):
    found = _sj101("People with type 2 diabetes have been cured by a diet.\n\n"
                   "Eleven people with type 2 diabetes were put on a diet of 600 calories a day.", cite(DIABETES))
    assert found == [("warning", "cured", 'study.sample_size = 11 (told by the story, line 5: "Eleven people")')]


@pytest.mark.parametrize("body, words", [
    ("Prof Taylor asked 11 volunteers, all recently diagnosed, to follow the diet.", "11 volunteers"),
    ("Trials at Newcastle University put 11 patients on a diet of liquid drinks.", "11 patients"),
    ("The team scanned the brains of 11 people at the start and end of the diet.", "11 people"),
    ("Thirty men and women had their pancreas scanned.", "Thirty men"),
    # the clause with the count is about this study; a later clause's "before" is not
    ("Scientists studied 11 volunteers who had fasted before the scans.", "11 volunteers"),
    # a journal's name is not a count ("PLoS One, involved 11 patients")
    ("The study, published in PLoS One, involved 11 patients.", "11 patients"),
    # two counts that agree once rounded: the precise one
    ("About 10 people took part. In the trial, 11 people were put on the diet.", "11 people"),
])
def test_the_story_gives_the_sample_size_in_many_ways(cite, body, words):
    found = _sj101("People with type 2 diabetes have been cured by a diet.\n\n" + body, cite(DIABETES))
    assert [(sev, match) for sev, match, _ in found] == [("warning", "cured")]
    assert f'"{words}")' in found[0][2]


@pytest.mark.parametrize("body", [
    # a breakdown of two groups: not the sample
    "The researchers studied 54 boys and 51 girls.",
    "The team scanned the brains of 60 people who were dependent on cocaine and compared them with scans of 60 people without.",
    # groups, not people
    "Researchers monitored two groups of participants.",
    # people harmed, not studied
    "Poor care has put 11 people at risk of blindness this year.",
    # the count's own clause is about another or a future study
    "The next trial will recruit 11 patients.",
    # two different sizes: no fact
    "Eleven people took part in the study; 30 patients were recruited later.",
    # a count that is not the sample
    "Eleven people died of diabetes in the town last year.",
    "Diabetes affects 2.5 million people in Britain.",
])
def test_no_sample_size_when_the_story_is_not_plain(cite, body):
    assert _sj101("People with type 2 diabetes have been cured by a diet.\n\n" + body, cite(DIABETES)) == []


def test_a_size_only_the_story_gives_is_not_checked_against_the_story(cite):
    text = ("# Diet reverses diabetes\n\nIn the trial, 11 patients ate a milkshake diet.\n\n"
            "Twelve patients improved.\n\nA study of 11 people is small.\n")
    assert [d.code for d in lint_text(text, "story.md", citation=cite(DIABETES)).diagnostics
            if d.code in ("SJ501", "SJ703")] == []


def test_a_design_finding_on_a_size_the_story_gives_is_one_level_less_sure(cite):
    text = ("# Diet and diabetes\n\nA large study of 11 people with type 2 diabetes tried the diet.\n\n"
            "Eleven people took part in the study.\n")
    found = [(d.severity, d.match, d.evidence) for d in lint_text(text, "story.md", citation=cite(DIABETES)).diagnostics
             if d.code == "SJ207"]
    assert found == [("info", "large study", 'study.sample_size = 11 (told by the story, line 3: "11 people")')]

