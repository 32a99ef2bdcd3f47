"""The `number` check kind (rules/number.yaml, SJ501-SJ505): numbers in the article that
contradict the citation, with negative controls for each rule, rounding tolerance,
and the seed articles at exact positions."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lint.analyses import Analyses
from lint.api import lint_file, lint_text
from lint.cli import main as cli_main
from lint.document import parse
from lint.engine import Selection
from lint.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_CITATION = str(SEEDS / "honmou2021.citation.yaml")
NUMBER = Selection(select=("number",))

CITATION = textwrap.dedent("""\
    title: "Intravenous infusion of mesenchymal stem cells in spinal cord injury patients: 13 case series"
    journal: Clinical Neurology and Neurosurgery
    published: 2021
    study:
      design: case-series
      control: none
      subjects: humans
      sample_size: 13
    findings:
      - {what: patients improved by at least one ASIA grade, value: 12, of: 13}
      - {what: lower risk of cardiovascular death, value: 18, unit: percent}
      - {what: median follow-up, value: 2.6, unit: years}
      - {what: countries, value: 31}
      - {what: patients with a partial response (tumour shrinkage of at least 30 percent), value: 9, of: 46}
    dates:
      - {what: "conditional, time-limited approval of Stemirac in Japan", date: 2018-12-28}
      - {what: "Japan's conditional fast-track system for regenerative medicine takes effect", date: 2014-11}
    """)


@pytest.fixture(scope="module")
def citation(tmp_path_factory):
    p = tmp_path_factory.mktemp("cit") / "paper.citation.yaml"
    p.write_text(CITATION, encoding="utf-8")
    return str(p)


def lint(text: str, citation: str, path: str = "draft.md"):
    return lint_text(text if text.endswith("\n") else text + "\n", path, citation=citation, selection=NUMBER).diagnostics


def codes(text: str, citation: str) -> list[tuple[str, str]]:
    return [(d.code, d.match) for d in lint(text, citation)]


# ---------------------------------------------------------------------------------
# the seeds


def _seed(prefix: str) -> str:
    return str(next(SEEDS.glob(prefix + "_*.txt")))


def test_seed_000_approval_year_flagged_at_exact_position():
    path = _seed("000")
    res = lint_file(path, selection=NUMBER)
    assert res.error is None
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(lines, 1) if "approval of the therapy for clinical use in Japan back in 2019" in t)
    col = lines[line - 1].index("2019") + 1
    assert [(d.code, d.line, d.column, d.end_column, d.match) for d in res.diagnostics] == [
        ("SJ503", line, col, col + 4, "2019")
    ]
    d = res.diagnostics[0]
    assert d.severity == "error" and d.category == "number" and d.name == "date-mismatch"
    assert d.message == ('"2019": the paper dates the conditional, time-limited approval of Stemirac in Japan '
                         "to 2018-12-28")
    assert d.evidence == "dates[0] = 2018-12-28 (conditional, time-limited approval of Stemirac in Japan)"
    assert d.replacements == ["2018"]


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_seed_001_002_no_number_findings(prefix):
    # 001: "twelve of the thirteen patients" agrees; 002: "approval in late 2018" agrees,
    # "thirteen patients" is the sample, "Hundreds of thousands of people" is background
    res = lint_file(_seed(prefix), selection=NUMBER)
    assert res.error is None
    assert res.diagnostics == []


def test_mentions_extracted_once_per_document():
    doc = parse("In the study, 12 of 13 patients improved.\n\n## References\n\nSmith J (2019). A paper.\n", "a.md")
    an = Analyses(doc)
    per = an.get("numbers")
    assert an.get("numbers") is per and an.computed() == ("numbers",)
    assert len(per) == len(doc.sentences)
    assert [m.text for m in per[0]] == ["12 of 13"]
    assert all(not ms for s, ms in zip(doc.sentences, per) if s.block.section != "body")


# ---------------------------------------------------------------------------------
# SJ501 sample size


@pytest.mark.parametrize("text, match", [
    ("The study enrolled 14 patients.", "14"),
    ("The trial enrolled fourteen people with spinal cord injury.", "fourteen"),
    ("The study (n = 40) reported improvements in motor function.", "40"),
    ("Researchers at the university surveyed more than 16 patients about their recovery.", "more than 16"),
    ("In a small study of 28 adults with chronic pain, motor scores rose.", "28"),
    ("The study included only 12 patients.", "12"),  # 12 is the number who improved, not the sample
])
def test_sample_size_positive(citation, text, match):
    assert codes(text, citation) == [("SJ501", match)]


def test_sample_size_message_and_replacement(citation):
    (d,) = lint("The study enrolled 14 patients.", citation)
    assert d.message == '"14" does not match the size of the study: the paper reports 13 participants'
    assert d.evidence == "study.sample_size = 13"
    assert d.replacements == ["13"]
    (d,) = lint("The trial enrolled fourteen people.", citation)
    assert d.replacements == ["thirteen"]


@pytest.mark.parametrize("text", [
    "The study enrolled 13 patients.",
    "In a collaboration between scientists, thirteen patients registered a range of improvements.",
    # background, other and future studies
    "Hundreds of thousands of people experience spinal cord injuries.",
    "About 500 patients are diagnosed with spinal cord injury in Japan each year, the study notes.",
    "A larger trial of 200 patients is now recruiting.",
    "An earlier study of 200 patients found no benefit.",
    # sub-groups and outcomes are not the sample
    "In the trial, 10 patients improved by at least one ASIA grade.",
    "Of the 13, the study found 5 women had improved.",
    "The trial enrolled 500 women and 300 men.",
    "The study treated 12 patients, while another 2 patients received physiotherapy.",
    "In the study, 4 patients in the placebo group had headaches.",
    # rates, not people
    "The study suggests 17 fewer events for every 1,000 patients treated.",
    # negated
    "The study did not enrol 50 patients, as was first reported.",
])
def test_sample_size_negative(citation, text):
    assert codes(text, citation) == []


def test_sample_size_rounding(tmp_path):
    cit = tmp_path / "big.citation.yaml"
    cit.write_text("title: T\nstudy: {design: cohort, sample_size: 27406}\n", encoding="utf-8")
    c = str(cit)
    assert codes("The researchers tracked more than 27,000 British adults for 14 years.", c) == []
    assert codes("The researchers tracked about 27,400 adults.", c) == []
    assert codes("The researchers tracked nearly 30,000 adults.", c) == []  # nearly: within 10%
    assert codes("The researchers tracked nearly 35,000 adults.", c) == [("SJ501", "nearly 35,000")]
    assert codes("The researchers tracked more than 30,000 adults.", c) == [("SJ501", "more than 30,000")]
    assert codes("The researchers tracked 2,700 adults.", c) == [("SJ501", "2,700")]


def test_sample_size_count_that_is_a_finding_is_not_flagged(tmp_path):
    cit = tmp_path / "cc.citation.yaml"
    cit.write_text("title: T\nstudy: {design: case-control, sample_size: 3870}\n"
                   "findings:\n  - {what: cases, value: 1290}\n  - {what: controls, value: 2580}\n", encoding="utf-8")
    text = ("The team sequenced the DNA of 1,290 people diagnosed with migraine and compared it with "
            "2,580 people without migraine.")
    assert codes(text, str(cit)) == []


# ---------------------------------------------------------------------------------
# SJ502 findings


@pytest.mark.parametrize("text, match, replacement", [
    ("In the study, 11 of 13 patients improved by at least one ASIA grade.", "11 of 13", "12 of 13"),
    ("Eleven of the thirteen patients improved by at least one grade.", "Eleven of the thirteen",
     "Twelve of the thirteen"),
    ("About 70% of the patients improved by at least one ASIA grade.", "About 70%", "92%"),
    ("The drug lowered the risk of cardiovascular death by 30%.", "30%", "18%"),
    ("The drug cut the risk of death from cardiovascular causes by 30 percent.", "30 percent", "18 percent"),
    ("The drug cut the risk of cardiovascular death by about a third.", "about a third", "18%"),
    ("Tumors shrank by at least 30 percent in 11 of the 46 patients, including four with pancreatic cancer.",
     "11 of the 46", "9 of the 46"),
])
def test_findings_positive(citation, text, match, replacement):
    ds = lint(text, citation)
    assert [(d.code, d.match) for d in ds] == [("SJ502", match)]
    assert ds[0].replacements == [replacement]
    assert ds[0].severity == "error"


def test_findings_message_and_evidence(citation):
    (d,) = lint("In the study, 11 of 13 patients improved by at least one ASIA grade.", citation)
    assert d.message == ('"11 of 13" does not match the paper, which reports 12 of 13 '
                         "(patients improved by at least one ASIA grade)")
    assert d.evidence == "findings[0] = 12 of 13 (patients improved by at least one ASIA grade)"


@pytest.mark.parametrize("text", [
    # agreement, in digits or words, with honest rounding
    "In the study, 12 of 13 patients improved by at least one ASIA grade.",
    "Twelve of the thirteen patients improved by at least one ASIA grade.",
    "More than 90% of the patients improved by at least one ASIA grade.",
    "Nearly all patients improved by at least one grade, and more than half walked again.",
    "About 92 percent of patients improved by at least one ASIA grade.",
    "The drug lowered the risk of cardiovascular death by nearly a fifth.",
    "The drug lowered the risk of cardiovascular death by 18 percent.",
    "The drug lowered the risk of cardiovascular death by about 20%.",
    "The drug lowered the risk of cardiovascular death by 17.6%.",
    # a threshold written into a finding is not a result
    "Tumors shrank by at least 30 percent in 9 of the 46 patients.",
    # numbers the citation does not give: not errors
    "Spinal cord injury costs about 40% of patients their jobs.",
    "Without treatment, 30% of patients die from cardiovascular causes.",
    "About 10 to 15 percent of spinal cord injuries are cervical.",
    # negated, or about another study
    "The drug did not lower the risk of cardiovascular death by 30%, as first reported.",
    "The drug didn't cut the risk of cardiovascular death by 30%.",
    "An earlier study found the drug cut the risk of cardiovascular death by 30%.",
])
def test_findings_negative(citation, text):
    assert codes(text, citation) == []


def test_findings_quoted_number_is_still_checked(citation):
    text = '"We saw 11 of 13 patients improve by at least one grade," said Jane Smith, a neurologist.\n'
    (d,) = lint(text, citation)
    assert d.code == "SJ502" and d.match == "11 of 13"
    assert "in a quote from Jane Smith" in d.message
    assert d.severity == "error"


def test_findings_pick_best_overlap_and_agree_with_any(tmp_path):
    cit = tmp_path / "rct.citation.yaml"
    cit.write_text(textwrap.dedent("""\
        title: T
        study: {design: rct, sample_size: 48}
        findings:
          - {what: responders in the FMT group at 8 weeks, value: 9, of: 24}
          - {what: responders in the placebo group at 8 weeks, value: 4, of: 24}
          - {what: vaccinated macaques surviving challenge, value: 10, of: 12}
          - {what: sham-vaccinated macaques surviving challenge, value: 2, of: 12}
          - {what: heavy users reporting high anxiety, value: 38, unit: percent}
          - {what: light users reporting high anxiety, value: 19, unit: percent}
        """), encoding="utf-8")
    c = str(cit)
    # each agrees with one of the findings: no error
    assert codes("After eight weeks, nine of the 24 patients had responded, compared with four of the 24 "
                 "given placebo.", c) == []
    assert codes("Among the heaviest users, 38% reported high anxiety, compared with 19% of light users.", c) == []
    # "All 12" is 12 of 12: the best-matching finding (vaccinated, survived) says 10 of 12
    ds = lint("All 12 vaccinated animals survived, compared with just 2 of the 12 unvaccinated monkeys.", c)
    assert [(d.code, d.match) for d in ds] == [("SJ502", "All 12")]
    assert "10 of 12 (vaccinated macaques surviving challenge)" in ds[0].message
    # a context that matches no finding well enough is not compared
    assert codes("Roughly 70% of the monkeys were female.", c) == []


def test_findings_previous_sentence_gives_context(tmp_path):
    cit = tmp_path / "rats.citation.yaml"
    cit.write_text("title: T\nstudy: {design: animal, subjects: rats, sample_size: 36}\nfindings:\n"
                   "  - {what: reduction in striatal D2 receptor density, value: 22, unit: percent}\n",
                   encoding="utf-8")
    c = str(cit)
    text = ("The rats had fewer dopamine D2 receptors in the striatum. The number fell by about a third, "
            "a change also seen with cocaine.")
    assert codes(text, c) == [("SJ502", "about a third")]
    ok = ("The rats had fewer dopamine D2 receptors in the striatum. The number fell by about a fifth, "
          "a change also seen with cocaine.")
    assert codes(ok, c) == []
    # a new paragraph is a new context
    assert codes("The rats had fewer dopamine D2 receptors in the striatum.\n\nThe number fell by about a third.",
                 c) == []


# ---------------------------------------------------------------------------------
# SJ503 dates


@pytest.mark.parametrize("text, match, replacement", [
    ("Stemirac received conditional approval in Japan in 2019.", "2019", "2018"),
    ("The therapy led to a controversial approval for clinical use in Japan back in 2017.", "2017", "2018"),
    ("Stemirac won conditional approval in Japan in November 2018.", "November 2018", "December 2018"),
])
def test_dates_positive(citation, text, match, replacement):
    ds = lint(text, citation)
    assert [(d.code, d.match) for d in ds] == [("SJ503", match)]
    assert ds[0].replacements == [replacement]


@pytest.mark.parametrize("text", [
    "Japan managed to fast-track commercialisation approval of Stemirac in late 2018.",
    "Stemirac received conditional approval in Japan in December 2018.",
    "Stemirac received conditional approval in Japan on 28 December 2018.",
    "In 2014, Japan introduced a fast-track approval system allowing conditional, time-limited use.",
    # years about other things
    "In 2010, Japanese doctors began trying stem cells in patients.",
    "The trial, which began in 2016, was small.",
    # the publication year belongs to the attribution rules
    "The paper was published in 2020 in the journal Clinical Neurology and Neurosurgery.",
])
def test_dates_negative(citation, text):
    assert codes(text, citation) == []


# ---------------------------------------------------------------------------------
# SJ504 durations


@pytest.mark.parametrize("text, match, replacement", [
    ("Patients were followed for two years.", "two years", "2.6 years"),
    ("The patients were followed up for five years.", "five years", "2.6 years"),
    ("Over a median follow-up of 4 years, nobody died.", "4 years", "2.6 years"),
])
def test_durations_positive(citation, text, match, replacement):
    ds = lint(text, citation)
    assert [(d.code, d.match) for d in ds] == [("SJ504", match)]
    assert ds[0].severity == "warning"
    assert ds[0].replacements == [replacement]


@pytest.mark.parametrize("text", [
    "Patients were followed for a median of 2.6 years.",
    "Patients were followed for two and a half years.",  # rounded from 2.6
    "Patients were followed for about three years.",
    "Patients were followed for 31 months.",  # 2.6 years, converted
    "Patients were followed for more than two years.",
    # other durations: not the follow-up
    "Each infusion took three hours, and patients were followed afterwards.",
    "Patients had lived with their injury for 20 years.",
    "The researchers hope to test the cells in a larger trial within three years.",
])
def test_durations_negative(citation, text):
    assert codes(text, citation) == []


def test_durations_time_point_from_a_finding(tmp_path):
    cit = tmp_path / "tp.citation.yaml"
    cit.write_text(textwrap.dedent("""\
        title: T
        study: {design: rct, sample_size: 48}
        findings:
          - {what: responders in the FMT group at 8 weeks, value: 9, of: 24}
          - {what: time point of primary outcome, value: 8, unit: weeks}
          - {what: longest follow-up, value: 6, unit: months}
        """), encoding="utf-8")
    c = str(cit)
    assert codes("After just four weeks, nine of the 24 patients had responded to treatment.", c) == [
        ("SJ504", "four weeks")]
    assert codes("After eight weeks, nine of the 24 patients had responded to treatment.", c) == []
    # "for six weeks" is how long something lasted, not the time point "at 8 weeks"
    assert codes("Patients who used the capsules for six weeks responded better, a trial of 48 adults found.", c) == []


def test_durations_only_duration_of_the_study(tmp_path):
    cit = tmp_path / "cells.citation.yaml"
    cit.write_text("title: T\nstudy: {design: in-vitro, subjects: cells}\nfindings:\n"
                   "  - {what: cancer cells killed at 20 micromolar, value: 80, unit: percent}\n"
                   "  - {what: time point, value: 48, unit: hours}\n", encoding="utf-8")
    c = str(cit)
    assert codes("It killed 80% of the cancer cells within 24 hours.", c) == [("SJ504", "within 24 hours")]
    assert codes("It killed 80% of the cancer cells within 48 hours.", c) == []
    assert codes("Side effects passed within 24 hours.", c) == []  # no finding in the sentence


# ---------------------------------------------------------------------------------
# SJ505 counts


def test_counts(citation):
    assert codes("The trial ran in 25 countries.", citation) == [("SJ505", "25")]
    assert codes("The trial ran in 31 countries.", citation) == []
    assert codes("Patients exercised two or three times a week.", citation) == []
    assert codes("The clinic has 25 beds.", citation) == []


# ---------------------------------------------------------------------------------
# rules as data


def test_rules_have_full_docs():
    rules = [r for r in load_rules() if r.kind.split(".")[0] == "number"]
    assert {r.code for r in rules} >= {"SJ501", "SJ502", "SJ503", "SJ504", "SJ505"}
    for r in rules:
        assert r.category == "number"
        for part in ("flags", "why", "source", "example", "rewrite"):
            assert getattr(r.docs, part).strip(), (r.code, part)
        assert "HealthNewsReview" in r.docs.source and "SPJ" in r.docs.source


@pytest.mark.parametrize("code", ["SJ501", "SJ502", "SJ503", "SJ504", "SJ505"])
def test_rule_doc_example_triggers_and_rewrite_does_not(code, tmp_path):
    """Each rule's documented example is flagged by that rule against a citation that
    holds the facts its rewrite uses; the rewrite is not."""
    cit = tmp_path / "doc.citation.yaml"
    cit.write_text(textwrap.dedent("""\
        title: T
        published: 2021
        study: {design: cohort, sample_size: 6214}
        findings:
          - {what: lower risk of dementia in people eating at least one cup of berries per week, value: 23, unit: percent}
          - {what: median follow-up, value: 9.4, unit: years}
          - {what: countries, value: 31}
        dates:
          - {what: "conditional, time-limited approval of Stemirac in Japan", date: 2018-12-28}
        """), encoding="utf-8")
    rule = next(r for r in load_rules() if r.code == code)
    sel = Selection(select=(code,))
    ex = lint_text(rule.docs.example + "\n", "a.md", citation=str(cit), selection=sel).diagnostics
    rw = lint_text(rule.docs.rewrite + "\n", "a.md", citation=str(cit), selection=sel).diagnostics
    assert [d.code for d in ex] == [code]
    assert rw == []


def test_cli_renders_rule_docs(capsys):
    assert cli_main(["rule", "SJ502"]) == 0
    out = capsys.readouterr().out
    assert "SJ502" in out and "finding-mismatch" in out
    assert "HealthNewsReview" in out


def test_no_citation_no_findings():
    res = lint_text("The study enrolled 14 patients; 11 of 13 improved in 2019.\n", "nowhere/draft.md",
                    selection=NUMBER)
    assert res.diagnostics == []


# ---------------------------------------------------------------------------------
# choosing the finding a number is about


@pytest.fixture(scope="module")
def rct(tmp_path_factory):
    p = tmp_path_factory.mktemp("rct") / "rct.citation.yaml"
    p.write_text(textwrap.dedent("""\
        title: T
        study: {design: rct, sample_size: 8412}
        findings:
          - {what: relative reduction in major adverse cardiovascular events, value: 18, unit: percent}
          - {what: major adverse cardiovascular events in the zilvatran group, value: 7.9, unit: percent}
          - {what: major adverse cardiovascular events in the placebo group, value: 9.6, unit: percent}
          - {what: major bleeding in the zilvatran group, value: 1.4, unit: percent}
          - {what: major bleeding in the placebo group, value: 1.1, unit: percent}
          - {what: drug-free remission at last follow-up, value: 18, unit: months}
        """), encoding="utf-8")
    return str(p)


@pytest.mark.parametrize("text", [
    # a relative change is not a level: 1.4% vs 1.1% is a 27% relative rise
    "The risk of major bleeding rose by 27% with zilvatran.",
    # the words next to the number name another finding (bleeding), not the one that matched
    "The drug cut major bleeding by 20%.",
    # levels that agree, in words or digits, with the paper rounding too
    "Roughly one in ten patients on placebo had a major cardiovascular event.",
    "About 8% of the zilvatran group had a major cardiovascular event, against nearly 10% of those on placebo.",
    # a round count is approximate
    "The trial enrolled 8,000 patients.",
    "The trial enrolled more than 8,000 patients.",
])
def test_findings_choice_negative(rct, text):
    assert codes(text, rct) == []


def test_findings_choice_positive(rct):
    assert codes("The drug reduced major cardiovascular events by a quarter.", rct) == [("SJ502", "a quarter")]
    assert codes("The trial enrolled 9,500 patients.", rct) == [("SJ501", "9,500")]


def test_duration_rounding_is_strict_across_units(rct):
    # 18 months is a year and a half: "two years" is not an honest rounding of it
    ds = lint("She has now been in drug-free remission for two years.", rct)
    assert [(d.code, d.match, d.replacements) for d in ds] == [("SJ504", "two years", ["18 months"])]
    assert codes("She has now been in drug-free remission for a year and a half.", rct) == []
    assert codes("She has now been in drug-free remission for 18 months.", rct) == []
