"""The ``attribution`` check kind (rules SJ601-SJ608): names, roles, affiliations,
journal and year compared with the citation, with negative controls for each rule."""
import os
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from lint.api import Options, lint_file, lint_text
from lint.engine import Selection
from lint.errors import RuleError
from lint.institutions import institution_matches
from lint.journals import journals_same
from lint.rules import load_rule_file, parse_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rule_file(ROOT / "rules" / "attribution.yaml")

CITATION = """\
title: Intravenous infusion of stem cells in spinal cord injury patients
journal: Clinical Neurology and Neurosurgery
published: 2021-02
study: {design: case-series, sample_size: 13}
authors:
  - {name: Osamu Honmou, affiliations: [Sapporo Medical University], roles: [first, corresponding]}
  - {name: Masanori Sasaki, affiliations: [Sapporo Medical University, Yale University School of Medicine]}
  - {name: Stephen G. Waxman, affiliations: [Yale University School of Medicine, VA Connecticut Healthcare System], roles: [senior]}
  - {name: Jeffery D. Kocsis, affiliations: [Yale University School of Medicine, VA Connecticut Healthcare System], roles: [senior, corresponding]}
sources:
  - {name: Michael O'Connor, affiliations: ["King's College London"], roles: [independent]}
  - {name: Anna Müller, affiliations: ["Charite - Universitaetsmedizin Berlin"], roles: [independent]}
"""


@pytest.fixture(scope="module")
def citation(tmp_path_factory):
    p = tmp_path_factory.mktemp("cit") / "paper.citation.yaml"
    p.write_text(CITATION, encoding="utf-8")
    return str(p)


def run(text, citation, path="draft.md"):
    return lint_text(text, path, citation=citation, rules=RULES).diagnostics


def codes(text, citation, code=None):
    ds = run(text, citation)
    return [(d.code, d.match) for d in ds if code is None or d.code == code]


def write(tmp_path, text, name="paper.citation.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(p)


# ---------------------------------------------------------------- SJ601 names

@pytest.mark.parametrize("text, match", [
    ('"It may help," says co-senior author Jeffrey Kocsis.', "Jeffrey Kocsis"),
    ('"It may help," said Stephen Waxmann.', "Stephen Waxmann"),
    ('"It may help," Waxmann said.', "Waxmann"),
    ("Stephen Waxman shares Koscis’ view.", "Koscis"),
    ('"Interesting," said Michael O’Conner.', "Michael O’Conner"),
    ('"We were surprised," said Dr. Osamu Honmu.', "Osamu Honmu"),
])
def test_name_misspelled(citation, text, match):
    assert codes(text, citation, "SJ601") == [("SJ601", match)]


def test_name_message_evidence_and_replacement(citation):
    [d] = run('"It may help," says co-senior author Jeffrey Kocsis.', citation)
    assert d.code == "SJ601" and d.severity == "error" and d.category == "attribution"
    assert d.message == 'Jeffrey Kocsis: the paper spells this author "Jeffery D. Kocsis"'
    assert d.evidence == "authors[3].name = Jeffery D. Kocsis"
    assert d.replacements == ["Jeffery Kocsis"] and d.fix == "safe"  # only the misspelt word changes


def test_lone_misspelt_surname_gets_the_surname_not_the_first_name(citation):
    [d] = run('"It may help," Kocsiss said.', citation)
    assert (d.code, d.match, d.replacements, d.fix) == ("SJ601", "Kocsiss", ["Kocsis"], "safe")


@pytest.mark.parametrize("text", [
    '"It works," said Jeffery Kocsis.',                       # exact
    '"It works," said Dr. Jeffery D. Kocsis.',                # middle initial given
    '"It works," said Stephen Waxman.',                       # middle initial left out
    "Stephen Waxman shares Kocsis’ view that more work is needed.",   # possessive, curly
    "Stephen Waxman shares Kocsis's view that more work is needed.",
    "Michael O’Connor, who was not involved, said it was small.",     # curly apostrophe
    '"Good," said Anna Muller of the Charite in Berlin.',     # accents dropped
    '"Good," said Anna Mueller of the Charite in Berlin.',    # umlaut transliterated
    "John Kocsis, a local patient, was happy.",               # another person, same surname
    "Mark Waxman, a patient in New Haven, was happy.",
    "The work was done in Sapporo and New Haven.",            # places
    "Yale and Sapporo colleagues worked on it for years.",
])
def test_name_negative_controls(citation, text):
    assert codes(text, citation, "SJ601") == []


@pytest.mark.parametrize("text, found_", [
    ('"Yes," said Professor Ian Buchan.', [("SJ601", "Ian Buchan")]),   # a letter short of "Iain"
    ('"Yes," said Professor Iain Buchan.', []),
    ('"Yes," said Professor Tim Buchan.', []),   # a changed letter is another name, not a slip
])
def test_three_letter_given_name_slips(tmp_path, text, found_):
    cit = write(tmp_path, """\
        title: A paper
        authors:
          - {name: Iain E Buchan}
        """)
    assert codes(text, cit, "SJ601") == found_


def test_first_letter_slip_of_an_author_the_story_names(citation):
    # "Dr Paxman" for Dr Waxman: the index looks under the same first letter, so only the
    # story's own correct mention of Stephen Waxman makes this a misspelling
    text = '"Yes," said Dr Stephen Waxman. Dr Paxman added that it was early.'
    [d] = [d for d in run(text, citation) if d.code == "SJ601"]
    assert (d.match, d.replacements) == ("Paxman", ["Waxman"])


@pytest.mark.parametrize("text", [
    'Dr Paxman added that it was early.',                                   # Waxman never named
    '"Yes," said Dr Stephen Waxman. Dr Paxman added that it was early. John Paxman agreed.',
    '"Yes," said Dr Stephen Waxman. Paxman added that it was early.',       # no title
])
def test_first_letter_slip_negative_controls(citation, text):
    assert codes(text, citation, "SJ601") == []


def test_name_silent_without_authors(tmp_path):
    cit = write(tmp_path, "title: A paper\njournal: Neurology\n")
    assert codes('"It may help," says co-senior author Jeffrey Kocsis.', cit) == []


def test_names_in_reference_list_and_comments_are_skipped(citation):
    text = ("The study was small.\n\n## References\n\nKocsiss, J. D. (2021). A paper.\n\n"
            "## Comments\n\nJeffrey Kocsis said it was great.\n")
    assert codes(text, citation) == []


# ---------------------------------------------------------------- SJ602 roles

@pytest.mark.parametrize("text, match, severity", [
    ('"Yes," said first author Stephen Waxman.', "first author", "error"),
    ('"Yes," said senior author Osamu Honmou.', "senior author", "error"),  # the first author
    ("Osamu Honmou, the study's senior author, agreed.", "senior author", "error"),
    ('"Yes," said study author Michael O\'Connor.', "study author", "error"),
    ('"Yes," said lead author Michael O\'Connor.', "lead author", "error"),  # a source, not an author
    ('"Yes," said independent expert Jeffery Kocsis.', "independent expert", "error"),
    ("Jeffery Kocsis, who was not involved in the study, praised it.", "who was not involved", "error"),
])
def test_role_mismatch(citation, text, match, severity):
    ds = [d for d in run(text, citation) if d.code == "SJ602"]
    assert [(d.match, d.severity) for d in ds] == [(match, severity)]


def test_role_message(citation):
    [d] = [d for d in run('"Yes," said senior author Osamu Honmou.', citation) if d.code == "SJ602"]
    assert "Osamu Honmou" in d.message and "not a senior author" in d.message
    assert d.evidence.startswith("authors[0].roles = [first, corresponding]")


@pytest.mark.parametrize("text", [
    '"Yes," said first author Osamu Honmou.',
    '"Yes," said lead author Osamu Honmou.',
    '"Yes," said co-author Masanori Sasaki.',
    "Stephen Waxman, co-senior author on the study, agreed.",
    "Stephen Waxman, a neurologist of Yale University and senior study author, stated it.",
    '"It may help," says co-senior author Jeffery Kocsis.',
    "Michael O'Connor, who was not involved in the study, praised it.",
    '"Yes," said Stephen Waxman, lead author of a previous study on stroke.',
    # "lead author", "lead researcher", "who led the study": the first OR the senior author (UK usage)
    "Lead author Stephen Waxman said the team will continue.",
    '"Yes," said lead author Jeffery Kocsis.',
    '"Yes," said lead researcher Professor Steve Waxman.',
    "Jeffery Kocsis, who led the study, said it was small.",
    # a role the citation does not give is unknown: Sasaki may be an unmarked co-senior author
    "Masanori Sasaki, the study's senior author, agreed.",
    '"Yes," said lead author Masanori Sasaki.',
])
def test_role_negative_controls(citation, text):
    assert codes(text, citation, "SJ602") == []


def test_role_senior_unknown_when_no_author_has_roles(tmp_path):
    cit = write(tmp_path, """\
        title: A paper
        authors:
          - {name: Ann Lee}
          - {name: Bob Stone}
          - {name: Cara Diaz}
        """)
    assert codes('"Yes," said senior author Bob Stone.', cit) == []
    assert codes('"Yes," said first author Bob Stone.', cit) == [("SJ602", "first author")]


# ---------------------------------------------------------------- SJ603 affiliations

@pytest.mark.parametrize("text, match", [
    ('"Good," said Kocsis of Harvard.', "Harvard"),
    ('"Good," said Jeffery Kocsis of Harvard University.', "Harvard University"),
    ("Stephen Waxman, a professor at Stanford, agreed.", "Stanford"),
    ("Harvard's Stephen Waxman agreed.", "Harvard"),
    # a job title between institution and name ties them
    ("Stanford neurologist Stephen Waxman agreed.", "Stanford"),
    ("University of Oslo pain researcher Dr Jeffery Kocsis agreed.", "University of Oslo"),
    ('"Good," said Jeffery Kocsis from the University of Oslo.', "University of Oslo"),
    # another author's institution given to the wrong person
    ('"Good," said Osamu Honmou of Yale.', "Yale"),
    ('"Good," said Michael O\'Connor of University College London.', "University College London"),
])
def test_affiliation_mismatch(citation, text, match):
    ds = [d for d in run(text, citation) if d.code == "SJ603"]
    assert [d.match for d in ds] == [match]
    assert ds[0].severity == "warning" and "affiliations = [" in ds[0].evidence


@pytest.mark.parametrize("text", [
    '"Good," said Jeffery Kocsis of Yale.',
    '"Good," said Jeffery Kocsis of VA Connecticut.',
    '"Good," said Jeffery Kocsis, a neurologist at Yale University and VA Connecticut.',
    "Jeffery D. Kocsis, professor of neurology and neuroscience at Yale, said so.",
    "Stephen Waxman, a neurologist of Yale University and senior study author, stated it.",
    '"Good," said Anna Müller of the Charite in Berlin.',
    '"Good," said Michael O\'Connor of Kings College London.',
    '"Good," said Osamu Honmou of Sapporo Medical University of Japan.',
    "Stephen Waxman, who trained at Harvard, agreed.",
    "Stephen Waxman, who previously worked at Stanford, agreed.",
    "Stephen Waxman worked with colleagues at Harvard.",
    "Stephen Waxman flew in from Boston.",                    # a city, not an institution
    "Yale neurologist Stephen Waxman agreed.",               # the right institution
    "Yale said neurologist Stephen Waxman agreed.",          # no job title ties them
    "Lead researcher Dr Stephen Waxman agreed.",             # not an institution
    "In Boston neurologist Stephen Waxman agreed.",           # a city
])
def test_affiliation_negative_controls(citation, text):
    assert codes(text, citation, "SJ603") == []


@pytest.mark.parametrize("mention, affiliation, expected", [
    ("the Charite in Berlin", "Charite - Universitaetsmedizin Berlin", True),
    ("Yale", "Yale University School of Medicine", True),
    ("VA Connecticut", "VA Connecticut Healthcare System", True),
    ("Harvard", "Stanford University", False),
    ("University of Queensland", "University of Southern Queensland", False),
    ("University College Dublin", "Trinity College Dublin", False),
    ("University of California, San Diego", "University of California, San Francisco", False),
    ("Perelman School of Medicine", "University of Pennsylvania Perelman School of Medicine", True),
    ("UCSF", "University of California, San Francisco", True),
    ("the university", "King's College London", None),
])
def test_institution_matching(mention, affiliation, expected):
    assert institution_matches(mention, [affiliation]) is expected


# SJ603 with a citation as PubMed gives it: the first author's affiliation as one string, the
# other authors' affiliations unknown
PUBMED_AFFILIATION = """\
title: Effectiveness of commercial weight loss programmes
journal: "Bmj : British Medical Journal"
published: 2011-10
authors:
  - name: Kate Jolly
    affiliations: ["School of Health and Population Sciences, University of Birmingham, Birmingham B15 2TT, UK. k.jolly@bham.ac.uk"]
    roles: [first]
  - name: Amanda J Lewis
  - name: Jonathan Jolly
  - name: Paul Aveyard
    roles: [senior]
"""


@pytest.fixture(scope="module")
def pubmed_affiliation(tmp_path_factory):
    p = tmp_path_factory.mktemp("cit") / "pubmed.citation.yaml"
    p.write_text(PUBMED_AFFILIATION, encoding="utf-8")
    return str(p)


@pytest.mark.parametrize("text", [
    '"It works," said Kate Jolly, of Birmingham University.',
    '"It works," said Kate Jolly, of the University of Birmingham.',
    "Kate Jolly, from the School of Health and Population Sciences at Birmingham, said so.",
    "Birmingham University's Kate Jolly said so.",
    "Kate Jolly, who is now based at the University of Leeds, said so.",       # not about the paper's affiliation
    "Kate Jolly, who trained at the University of Leeds, said so.",
    "Kate Jolly, who is also a consultant at Leeds General Infirmary, said so.",  # a second post
    '"It works," said Paul Aveyard of the University of Oxford.',              # his affiliations are not given
    '"It works," said Dr Jolly of the University of Leeds.',                   # which Jolly?
    "Kate Jolly, of the School of Anthropology, said so.",                      # not clearly an institution
])
def test_affiliation_only_clear_cases(pubmed_affiliation, text):
    assert codes(text, pubmed_affiliation, "SJ603") == []


def test_affiliation_clearly_different(pubmed_affiliation):
    text = '"It works," said Kate Jolly, of the University of Leeds, who led the study.'
    ds = [d for d in run(text, pubmed_affiliation) if d.code == "SJ603"]
    assert [(d.match, d.severity) for d in ds] == [("University of Leeds", "warning")]
    d = ds[0]
    # the message and evidence name the affiliation's units, never its e-mail address or postcode
    for text in (d.message, d.evidence):
        assert "School of Health and Population Sciences, University of Birmingham, Birmingham, UK" in text
        assert "@" not in text and "bham" not in text and "B15" not in text
    assert d.replacements == ["University of Birmingham"]


def test_affiliation_of_a_misspelt_name_is_only_info(pubmed_affiliation):
    text = '"It works," said Kate Jolley, of the University of Leeds.'
    ds = [d for d in run(text, pubmed_affiliation) if d.code == "SJ603"]
    assert [(d.match, d.severity) for d in ds] == [("University of Leeds", "info")]


def test_affiliation_unit_misnamed(tmp_path):
    cit = write(tmp_path, """\
        title: Accelerated ageing and deprivation
        authors:
          - name: Paul G Shiels
            affiliations: ["Institute of Cancer Sciences, College of Medical, Veterinary and Life Sciences, University of Glasgow, Glasgow, Scotland. Paul.Shiels@glasgow.ac.uk"]
        """)
    ds = [d for d in run("Dr Paul Shiels, of the Institute of Cancer Studies at Glasgow University, said so.", cit)
          if d.code == "SJ603"]
    assert [(d.match, d.replacements, d.severity) for d in ds] == [
        ("Institute of Cancer Studies", ["Institute of Cancer Sciences"], "info")]  # a slip: one level lower
    assert codes("Dr Paul Shiels, of the Institute of Cancer Sciences at Glasgow University, said so.", cit,
                 "SJ603") == []


# ---------------------------------------------------------------- SJ608 team affiliation

def test_team_affiliation_names_units_not_addresses(tmp_path):
    cit = write(tmp_path, """\
        title: Heart rate and feeding
        authors:
          - name: Kate Jolly
            affiliations: ["School of Health and Population Sciences, University of Birmingham, Birmingham B15 2TT, UK. k.jolly@bham.ac.uk"]
          - name: Ann Other
            affiliations: ["Department of Medicine, Imperial College London, London, UK."]
        """)
    assert codes("Researchers at Birmingham University and Imperial treated 13 patients.", cit, "SJ608") == []
    ds = [d for d in run("Researchers at the University of Leeds treated 13 patients.", cit) if d.code == "SJ608"]
    assert [d.match for d in ds] == ["University of Leeds"]
    assert "@" not in ds[0].message and "B15" not in ds[0].evidence


def test_team_affiliation(citation):
    assert codes("Researchers at Harvard University treated 13 patients.", citation, "SJ608") == [
        ("SJ608", "Harvard University")]
    assert codes("The trial, run by psychiatrists at the University of Oslo, enrolled 13.", citation, "SJ608") == [
        ("SJ608", "University of Oslo")]
    for ok in ("Researchers at Sapporo Medical University and Yale treated 13 patients.",
               "Researchers at the Sapporo Medical University of Japan and the Yale School of Medicine met.",
               "Researchers at Harvard who were not involved in the study were sceptical.",
               "A previous study by researchers at Harvard found the same."):
        assert codes(ok, citation, "SJ608") == [], ok


# ---------------------------------------------------------------- SJ604 journal

@pytest.mark.parametrize("text, match", [
    ("The study was published in Nature.", "Nature"),
    ("The study was published today in the journal Nature Medicine.", "Nature Medicine"),
    ("The findings appear in the journal Clinical Neurology.", "Clinical Neurology"),
    ("The study, published in *The Lancet*, found improvements.", "Lancet"),
])
def test_journal_mismatch(citation, text, match):
    ds = [d for d in run(text, citation) if d.code == "SJ604"]
    assert [d.match for d in ds] == [match]
    assert ds[0].evidence == "journal = Clinical Neurology and Neurosurgery"
    assert ds[0].replacements == ["Clinical Neurology and Neurosurgery"]


@pytest.mark.parametrize("text", [
    "The study was published in the journal Clinical Neurology and Neurosurgery.",
    "The study appears in Clinical Neurology and Neurosurgery.",
    "The study was published in Japan.",
    "The study was published in March.",
    "An earlier study published in Nature found similar results.",
    "Cell therapies were tested in Japan.",
])
def test_journal_negative_controls(citation, text):
    assert codes(text, citation, "SJ604") == []


@pytest.mark.parametrize("journal, written, same", [
    ("BMJ", "The BMJ", True),
    ("N Engl J Med", "the New England Journal of Medicine", True),
    ("New England Journal of Medicine", "NEJM", True),
    ("Cell Metabolism", "Cell", False),
    ("Nature Medicine", "Nature", False),
    ("The Lancet Psychiatry", "Lancet Psychiatry", True),
])
def test_journal_names(journal, written, same):
    aliases = [["BMJ", "The BMJ", "British Medical Journal"]]
    assert journals_same(written, journal, aliases) is same


def test_journal_silent_without_journal(tmp_path):
    cit = write(tmp_path, "title: A paper\npublished: 2021\n")
    assert codes("The study was published in Nature.", cit, "SJ604") == []


# ---------------------------------------------------------------- SJ605 year

@pytest.mark.parametrize("text", [
    "The study was published in 2019.",
    "The 2019 study found that the cells helped.",
    "The findings appeared in the journal Clinical Neurology and Neurosurgery in 2019.",
    "A 2019 study of 13 patients found that the cells helped.",
])
def test_year_mismatch(citation, text):
    ds = [d for d in run(text, citation) if d.code == "SJ605"]
    assert [d.match for d in ds] == ["2019"]
    assert ds[0].evidence == "published = 2021-02" and ds[0].replacements == ["2021"]


@pytest.mark.parametrize("text", [
    "The study was published in 2021.",
    "The therapy was approved in 2019.",                      # another event
    "The study, published in the journal Clinical Neurology and Neurosurgery, led to an approval in Japan back in 2019.",
    "An earlier 2015 study published in Nature found similar results.",
    "A 2015 study found that exercise helped.",               # some other study
    "The results of that study were published in 2009.",
    "In research published in 2009, scientists showed that the gene mattered.",  # no article: any research
    '"Having published the first paper on this back in 2013, we knew," she said.',
])
def test_year_negative_controls(citation, text):
    assert codes(text, citation, "SJ605") == []


def test_year_boundary_tolerated(tmp_path):
    cit = write(tmp_path, "title: A paper\npublished: 2021-01\n")
    assert codes("The study was published in 2020.", cit, "SJ605") == []
    assert codes("The study was published in 2019.", cit, "SJ605") == [("SJ605", "2019")]


# ---------------------------------------------------------------- SJ606 / SJ607 unlisted people

@pytest.mark.parametrize("text, match", [
    ('"It works," said lead author Jane Smith.', "Jane Smith"),
    ("The researchers, led by John Doe, treated 13 patients.", "John Doe"),
    ("Professor Ann Brown, who led the study, was pleased.", "Ann Brown"),
    ("Co-author Peter Grant was more cautious.", "Peter Grant"),
    ('Dr Chris Doe, one of the lead authors from Yale, said: "It works."', "Chris Doe"),
])
def test_unlisted_author(citation, text, match):
    ds = [d for d in run(text, citation) if d.code in ("SJ606", "SJ607")]
    assert [(d.code, d.match, d.severity) for d in ds] == [("SJ606", match, "warning")]


def test_unlisted_source_is_info_only(citation):
    ds = run('"It is a start," said Dr. Rita Gomez, who was not involved.', citation)
    assert [(d.code, d.match, d.severity) for d in ds] == [("SJ607", "Rita Gomez", "info")]


@pytest.mark.parametrize("text", [
    '"It works," said Jeffery Kocsis.',
    '"It is a start," said Michael O\'Connor, who was not involved.',
    "The researchers, led by Osamu Honmou, treated 13 patients.",
    "Johns Hopkins researchers led by a new director found this.",
    "The Centers for Disease Control said so.",
    "Pfizer said the drug would be ready next year.",        # one word: not clearly a person
])
def test_unlisted_negative_controls(citation, text):
    assert codes(text, citation, "SJ606") + codes(text, citation, "SJ607") == []


def test_no_citation_no_findings():
    assert lint_text('"It works," said lead author Jane Smith in Nature in 2019.', "d.md", rules=RULES).diagnostics == []


# ---------------------------------------------------------------- rule data

def test_rule_docs_render():
    from lint.cli import main
    for r in RULES:
        assert r.docs.flags and r.docs.why and r.docs.source and r.docs.example and r.docs.rewrite
    assert main(["rule", "SJ601"]) == 0


def test_new_wordings_need_no_python(citation):
    text = textwrap.dedent("""\
        rules:
          - code: XY601
            name: house-role
            category: attribution
            severity: warning
            kind: attribution
            message: '"{match}": {person} is {actual}'
            params:
              check: role
              cues: [{role: senior, phrases: ["head of the study team"]}]
            docs: {flags: f, why: w, source: s, example: e, rewrite: r}
        """)
    rules = parse_rules(text, "house.yaml")
    ds = lint_text("Osamu Honmou, head of the study team, agreed.", "d.md", citation=citation, rules=rules).diagnostics
    assert [(d.code, d.match) for d in ds] == [("XY601", "head of the study team")]


def test_bad_params_are_rule_errors():
    text = textwrap.dedent("""\
        rules:
          - code: XY602
            name: bad-role
            category: attribution
            severity: warning
            kind: attribution
            message: m
            params: {check: role}
            docs: {flags: f, why: w, source: s, example: e, rewrite: r}
        """)
    with pytest.raises(RuleError, match="cues"):
        parse_rules(text, "house.yaml")
    with pytest.raises(RuleError, match="unknown parameter"):
        parse_rules(text.replace("{check: role}", "{check: name, phrasez: [a]}"), "house.yaml")


# ---------------------------------------------------------------- the seed articles

def test_seeds():
    cit = str(ROOT / "seeds" / "honmou2021.citation.yaml")
    sel = Selection(select=("attribution",))
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert len(seeds) == 3
    found = {}
    for s in seeds:
        res = lint_file(str(s), Options(citation=cit), selection=sel)
        assert res.error is None
        found[s.name[:3]] = res.diagnostics
    [d] = found["000"]
    assert (d.code, d.line, d.column, d.end_line, d.end_column, d.match) == (
        "SJ601", 27, 151, 27, 165, "Jeffrey Kocsis")
    assert d.evidence == "authors[18].name = Jeffery D. Kocsis"
    assert d.replacements[0] == "Jeffery Kocsis"
    assert found["001"] == []
    assert found["002"] == []


# ---------------------------------------------------------------- layout: one check per thing checked

LEGACY = """\
rules:
  - code: XY611
    name: house-name
    category: attribution
    severity: warning
    kind: {kind}
    message: '{{match}}: the paper spells this {{group}} "{{person}}"'
    params: {params}
    docs: {{flags: f, why: w, source: s, example: e, rewrite: r}}
"""


def test_legacy_kind_with_check_still_loads(citation):
    """Rule files written before the split (``kind: attribution`` + ``check: name``) load
    as the registered check they name, and behave like the new spelling."""
    [old] = parse_rules(LEGACY.format(kind="attribution", params="{check: name, min_similarity: 80}"), "old.yaml")
    [new] = parse_rules(LEGACY.format(kind="attribution.name", params="{min_similarity: 80}"), "new.yaml")
    assert old.kind == new.kind == "attribution.name"
    assert old.params == new.params
    text = '"It may help," says co-senior author Jeffrey Kocsis.'
    for rules in ([old], [new]):
        ds = lint_text(text, "d.md", citation=citation, rules=rules).diagnostics
        assert [(d.code, d.match, d.severity) for d in ds] == [("XY611", "Jeffrey Kocsis", "warning")]


def test_new_kind_rejects_check_and_foreign_params():
    with pytest.raises(RuleError, match="unknown parameter 'check'"):
        parse_rules(LEGACY.format(kind="attribution.name", params="{check: name}"), "x.yaml")
    # each check has only the parameters it uses: a journal wording means nothing to names
    with pytest.raises(RuleError, match="unknown parameter 'journal_words'"):
        parse_rules(LEGACY.format(kind="attribution.name", params="{journal_words: [journal]}"), "x.yaml")
    with pytest.raises(RuleError, match="unknown check kind 'attribution.nmae'"):
        parse_rules(LEGACY.format(kind="attribution.nmae", params="{}"), "x.yaml")


def test_every_attribution_check_is_registered():
    from lint.registry import builtin_checks
    names = {n for n in builtin_checks() if n.startswith("attribution")}
    assert names == {"attribution.name", "attribution.role", "attribution.affiliation",
                     "attribution.team-affiliation", "attribution.journal", "attribution.year",
                     "attribution.unlisted-author", "attribution.unlisted-source"}
    assert {r.kind for r in RULES} == names


def test_people_are_analyses_not_document_caches(citation):
    from lint.analyses import Analyses
    from lint.analyses.people import CitedPeople, PersonMentions
    from lint.citation import load_citation
    from lint.document import parse
    doc = parse('"It may help," said Stephen Waxmann of Yale. Jane Roe agreed.', "d.md")
    an = Analyses(doc, load_citation(citation).citation)
    mentions, cited = an.get("people"), an.get("cited_people")
    assert isinstance(mentions, PersonMentions) and isinstance(cited, CitedPeople)
    texts = [m.text for m in mentions.mentions]  # one-word candidates ("Yale") are judged later
    assert texts[0] == "Stephen Waxmann" and texts[-1] == "Jane Roe"
    r = cited.resolve(mentions.mentions[0], 80, 72)
    assert r.close is not None and r.close.person.name == "Stephen G. Waxman"
    assert not any(k.startswith("_attribution") for k in vars(doc))
    assert not hasattr(doc, "cache") or not any("attribution" in str(k) for k in (doc.cache or {}))


def test_compiled_wordings_do_not_grow_with_citations(tmp_path):
    """The language server re-lints with a new citation object on every save: the rule
    set's store of compiled wordings must stay the same size."""
    from lint.rules import RuleSet
    rs = RuleSet(RULES)
    text = '"It works," said lead author Dr. Ann Smith, published in Cell in 2019.'
    sizes = []
    for i in range(5):
        cit = write(tmp_path, CITATION.replace("published: 2021-02", f"published: {2015 + i}"), f"c{i}.yaml")
        lint_text(text, "d.md", citation=cit, rules=rs)
        sizes.append(rs.compiled_count())
    assert len(set(sizes)) == 1


def test_one_speech_verb_list():
    """The quote finder and the attribution checks read one list of speech verbs."""
    import re

    from lint import document
    from lint.analyses import people
    from lint.lexicons import lexicon
    verbs = lexicon("names")["speech_verbs"]
    assert "suggested" in verbs and "points out" in verbs
    assert people.SPEECH_VERBS == tuple(verbs)
    assert set(document.SPEECH_VERBS.split("|")) == {re.escape(v) for v in verbs}
    q = document.parse('"It is early days," Jane Roe cautioned.', "d.md").quotes
    assert q and q[0].speaker == "Jane Roe"


# ---------------------------------------------------------------- people as PubMed lists them
# (issue 13): initials, short forms, nicknames, titles, apostrophes, hyphens and particles

from lint.names import compatible, listed_name, near_miss, split_name  # noqa: E402


def _story(name):
    return split_name(name.split())


@pytest.mark.parametrize("story, listed", [
    ("Roy Taylor", "R Taylor"),                        # PubMed initials
    ("Ian Deary", "I J Deary"),
    ("Professor Roy Taylor", "R Taylor"),              # titles
    ("Dr Nik Morton", "Nicholas M Morton"),            # nickname (rules/lexicons/nicknames.yaml)
    ("Steve Harper", "Steven J Harper"),
    ("Bob Smith", "Robert Smith"),
    ("Bill Jones", "William H Jones"),
    ("Liz Brown", "Elizabeth C Brown"),
    ("Gill Hastings", "Gillian Hastings"),             # a short form that is a prefix
    ("Chris Butler", "C C Butler"),
    ("Clea Warburton", "Elizabeth C Warburton"),       # known by the middle name
    ("Miss Quigley", "Maria A Quigley"),
    ("Sir Michael Marmot", "M G Marmot"),
    ("Michael OBrien", "Michael O'Brien"),             # apostrophes
    ("Dr A'Court", "Christine A'Court"),
    ("Jane Smith-Jones", "J Smith Jones"),             # hyphens
    ("Julian Hamilton-Shield", "Julian P H Shield"),   # a double-barrelled form of a listed surname
    ("Mark van Vugt", "M Van Vugt"),                   # particles
    ("Van Vugt", "Mark van Vugt"),
    ("Vugt", "Mark van Vugt"),
    ("Ursula von der Leyen", "U von der Leyen"),
    ("Jan-Emmanuel De Neve", "J-E De Neve"),
    ("Jeffery Kocsis", "Kocsis JD"),                   # PubMed's "Surname Initials"
    ("Jeffery Kocsis", "Kocsis, Jeffery D."),
    ("Kocsis", "Jeffery D. Kocsis Jr"),
])
def test_compatible_names(story, listed):
    assert compatible(_story(story), listed_name(listed))
    assert near_miss(_story(story), listed_name(listed), 80, 72) is None  # compatible is never a misspelling


@pytest.mark.parametrize("story, listed", [
    ("John Taylor", "R Taylor"),          # another initial
    ("Mark Waxman", "Stephen G. Waxman"),  # another given name
    ("Roy Tailor", "R Taylor"),           # the surname must agree
    ("Alistair Compston", "Alastair Compston"),  # a spelling, no short form
    ("Ian Buchan", "Iain E Buchan"),       # spelling variants are not nicknames
    ("Stephen Harper", "Steven J Harper"),
])
def test_incompatible_names(story, listed):
    assert not compatible(_story(story), listed_name(listed))


@pytest.mark.parametrize("story, listed, given, surname", [
    ("Roy Tayllor", "R Taylor", (), True),
    ("Alistair Compston", "Alastair Compston", (0,), False),
    ("Graham Hardie", "D Grahame Hardie", (0,), False),
    ("Suzanne Shultz", "Susanne Shultz", (0,), False),
    ("Francisco Cappucio", "Francesco P Cappuccio", (0,), True),
    ("Cappucio", "Francesco P Cappuccio", (), True),
    ("Mark van Vugtt", "Mark van Vugt", (), True),
    ("Steve Harpper", "Steven J Harper", (), True),
    ("Ian Buchan", "Iain E Buchan", (0,), False),     # a three-letter name a letter short
])
def test_near_misses(story, listed, given, surname):
    miss = near_miss(_story(story), listed_name(listed), 80, 72)
    assert miss is not None and (miss.given, miss.surname) == (given, surname)


@pytest.mark.parametrize("story, listed", [
    ("Reddys", "Srinath Reddy"),            # a plural or a possessive without its apostrophe
    ("John Kocsis", "Jeffery D. Kocsis"),   # another person of the family
    ("Tim Buchan", "Tom E Buchan"),          # a changed letter in a short name: another name
])
def test_not_near_misses(story, listed):
    assert near_miss(_story(story), listed_name(listed), 80, 72) is None


PUBMED = """\
title: A paper
journal: Diabetologia
published: 2011-06
authors:
  - {name: E L Lim, roles: [first], affiliations: ["Magnetic Resonance Centre, Newcastle University, Newcastle upon Tyne, UK."]}
  - {name: Steven J Harper}
  - {name: Nicholas M Morton}
  - {name: Srinath Reddy}
  - {name: R Taylor, roles: [senior]}
"""


@pytest.fixture(scope="module")
def pubmed(tmp_path_factory):
    p = tmp_path_factory.mktemp("pubmed") / "paper.citation.yaml"
    p.write_text(PUBMED, encoding="utf-8")
    return str(p)


@pytest.mark.parametrize("text", [
    "Professor Roy Taylor, who led the study, said the diet worked.",
    '"It worked," said lead author Professor Roy Taylor.',      # the senior author as lead author
    "The team, led by Professor Roy Taylor, treated 11 people.",
    '"It worked," said Professor Steve Harper.',
    '"It worked," said Dr Nik Morton, who led the research.',
    "The pharmaceutical firm Dr Reddys will make the pill.",   # a company, not author Reddy
    '"It is proportionate," the British Board of Film Classification said.',
    '"Good," said Professor Srinath Reddy.',
])
def test_pubmed_forms_raise_nothing(pubmed, text):
    found = [(d.code, d.match) for d in run(text, pubmed) if d.code in ("SJ601", "SJ602", "SJ606", "SJ607")]
    assert found == []


def test_misspelt_surname_of_an_author_listed_with_initials(pubmed):
    [d] = [d for d in run('"It worked," said Professor Roy Tayllor.', pubmed) if d.code == "SJ601"]
    assert (d.match, d.severity, d.replacements, d.fix) == ("Roy Tayllor", "error", ["Roy Taylor"], "safe")


def test_both_words_misspelt_get_both_fixed(pubmed):
    [d] = [d for d in run('"It worked," said Dr Nic Mortonn.', pubmed) if d.code == "SJ601"]
    assert d.replacements == ["Nic Morton"]  # "Nic" agrees with Nicholas (a prefix): only the surname
    [d] = [d for d in run('"It worked," said Dr Stevn Harpper.', pubmed) if d.code == "SJ601"]
    assert d.replacements == ["Steven Harper"] and d.fix == "safe"


def test_senior_role_of_a_middle_author_is_unknown(pubmed):
    assert codes('"It worked," said senior author Steve Harper.', pubmed, "SJ602") == []
    assert codes('"It worked," said senior author Dr E L Lim.', pubmed, "SJ602") == [("SJ602", "senior author")]


def test_unlisted_author_only_when_certainly_not_listed(pubmed):
    # a different given name with an author's surname may be the author: not certain, no finding
    assert codes("Professor John Taylor, who led the study, said it worked.", pubmed, "SJ606") == []
    assert codes("Professor Ann Brown, who led the study, said it worked.", pubmed, "SJ606") == [("SJ606", "Ann Brown")]
    # a sentence about another study
    assert codes("A previous study, led by Professor Ann Brown, found the opposite.", pubmed, "SJ606") == []


def test_opinion_verbs_do_not_make_a_quoted_source(pubmed):
    assert codes("Work by Professor Ann Brown suggests the opposite.", pubmed, "SJ607") == []
    assert codes("Professor Ann Brown thinks the diet is too harsh.", pubmed, "SJ607") == []
    assert codes("Professor Ann Brown said the diet was too harsh.", pubmed, "SJ607") == [("SJ607", "Ann Brown")]
    assert codes('Professor Ann Brown argued: "The diet is too harsh."', pubmed, "SJ607") == [("SJ607", "Ann Brown")]


@pytest.mark.parametrize("text", [
    '"It was good," a spokesman told the Daily Mail.',
    "Researchers at Johns Hopkins said the diet was harsh.",
    '"It is proportionate," said the British Board of Film Classification.',
    'Staff at St George said: "We are pleased."',
])
def test_organisations_are_not_people(pubmed, text):
    assert codes(text, pubmed, "SJ607") + codes(text, pubmed, "SJ606") == []


@pytest.mark.parametrize("sentence, found", [
    ("Dr Stephen Waxman, of Warwick, said the results were encouraging.", [("SJ603", "Warwick")]),
    ("Dr Stephen Waxman, of New Haven, said the results were encouraging.", []),   # a town, not a university
    ("Dr Michael O'Connor, of Cambridge, said the results were encouraging.", [("SJ603", "Cambridge")]),
])
def test_a_university_town_alone_is_the_university(citation, sentence, found):
    # UK news writes "Dr Jane Smith, of Warwick" for the University of Warwick; a town that is
    # no one university's ("of Oxford": Oxford Brookes too) is left alone
    assert codes(f"# Stem cells\n\n{sentence}\n", citation, "SJ603") == found
