"""Claims judged in the scope and patterns of real news (issue 13, points 4-6), through
the public API: only sentences about this study count (not other studies, background
facts, or claims already scoped to the animals); scare quotes in headlines; causal
wording around numbers; soft promises from animal studies; hard outcomes from surrogate
measures; observational meta-analyses; "confirmed"; severity and spans."""
from __future__ import annotations

import pytest

from lint.api import lint_text

COHORT = """title: Chocolate consumption and heart disease in a cohort
published: 2011
study: {design: cohort, subjects: humans, sample_size: 20000, intervention: chocolate consumption,
        condition: heart disease}
"""
META = """title: Chocolate consumption and cardiometabolic disorders, systematic review and meta-analysis
published: 2011
study: {design: meta-analysis, subjects: humans, intervention: chocolate consumption,
        condition: cardiometabolic disorders}
claim_strength: correlational
"""
MICE = """title: A drug for muscular dystrophy in mice
published: 2011
study: {design: animal, subjects: mice, intervention: exon-skipping drug, condition: muscular dystrophy}
"""
POLYPILL = """title: A randomised placebo-controlled trial of a polypill
published: 2011
study: {design: rct, randomized: true, control: placebo, blinding: double, subjects: humans, sample_size: 378,
        intervention: polypill, condition: raised cardiovascular risk, outcomes: [blood pressure, LDL cholesterol]}
"""


@pytest.fixture(scope="module")
def cite(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scope")
    paths = {}
    for name, text in {"cohort": COHORT, "meta": META, "mice": MICE, "polypill": POLYPILL, "gwas": GWAS}.items():
        p = folder / f"{name}.citation.yaml"
        p.write_text(text, encoding="utf-8")
        paths[name] = str(p)
    return paths


def run(text, citation):
    return lint_text(text, "story.md", citation=citation).diagnostics


def found(text, citation, code):
    return [(d.severity, d.match) for d in run(text, citation) if d.code == code]


def matches_in_body(body, citation, code="SJ301", headline="Chocolate study"):
    """The matches of ``code`` for one body sentence after a headline and a first paragraph."""
    return [m for _, m in found(f"# {headline}\n\nA report.\n\n{body}\n", citation, code)]


# ---- scare quotes in headlines ------------------------------------------------------------

@pytest.mark.parametrize("headline", ["# Chocolate cuts heart disease risk",
                                      "# Chocolate 'cuts heart disease risk'",
                                      "# Chocolate \u2018cuts heart disease risk\u2019",
                                      '# Chocolate "cuts heart disease risk"'])
def test_headline_quotes_are_the_storys_claim(cite, headline):
    text = headline + "\n\nPeople who ate chocolate had less heart disease, an observational study found.\n"
    assert found(text, cite["cohort"], "SJ301") == [("warning", "cuts")]


@pytest.mark.parametrize("quote", ['"Chocolate cuts heart disease risk,"', "'Chocolate cuts heart disease risk,'",
                                   "\u2018Chocolate cuts heart disease risk,\u2019",
                                   "'It's the eaters' hearts: chocolate cuts heart disease risk,'"])
def test_a_named_persons_quote_in_the_body_is_still_lowered(cite, quote):
    text = f"# Chocolate study\n\n{quote} said Dr Jane Smith, who led the study.\n"
    assert [s for s, _ in found(text, cite["cohort"], "SJ301")] == ["info"]


# ---- causal wording around numbers ----------------------------------------------------------

def test_saw_a_fall_in_risk_is_causal(cite):
    text = "# Chocolate study\n\nChocolate eaters saw a 29 per cent fall in the risk of heart disease.\n"
    assert found(text, cite["cohort"], "SJ301") == [("warning", "saw a 29 per cent fall")]


def test_a_change_by_an_amount_is_not_causal(cite):
    text = "# Chocolate study\n\nIn chocolate eaters, heart disease rates fell by an average of 7 per cent.\n"
    assert found(text, cite["cohort"], "SJ301") == []


def test_an_attribute_participle_is_not_causal(cite):
    text = "# Chocolate study\n\nWe show that accelerated heart disease is associated with eating less chocolate.\n"
    assert found(text, cite["cohort"], "SJ301") == []


# ---- hedged causal claims about observational studies ------------------------------------------

def test_hedged_causal_about_a_cohort_is_a_warning(cite):
    text = "# Chocolate study\n\nEating chocolate could cut the risk of heart disease, researchers said.\n"
    ds = run(text, cite["cohort"])
    assert [(d.code, d.severity, d.match) for d in ds if d.category == "causal"] == \
        [("SJ303", "warning", "could cut")]


@pytest.mark.parametrize("body,found_", [
    # the prospect of a tool is not the exposure's effect
    ("A simple chocolate test could cut deaths from heart disease.", []),
    ("A SIMPLE CHOCOLATE SENSOR THAT COULD CUT HEART DISEASE DEATHS.", []),
    # experiments that showed it: the claim is chocolate's
    ("Tests showed chocolate could cut the risk of heart disease.", ["could cut"]),
    ("With a new test, chocolate could cut the risk of heart disease.", ["could cut"]),
])
def test_a_hedged_prospect_of_a_tool_is_not_the_exposures_effect(cite, body, found_):
    assert [m for _, m in found(f"# Chocolate study\n\n{body}\n", cite["cohort"], "SJ303")] == found_


def test_no_after_a_preposition_does_not_negate(cite):
    text = ("# Chocolate study\n\nEating chocolate, compared with no chocolate, can cut the risk of heart "
            "disease.\n\nChocolate does no harm and cannot cut the risk of heart disease.\n")
    assert found(text, cite["cohort"], "SJ303") == [("warning", "can cut")]  # "can": a hedged claim


def test_a_span_opening_with_its_hedge_is_hedged(cite):
    text = "# Drug study\n\nThe drug could help millions of patients with muscular dystrophy walk again.\n"
    assert [(d.code, d.severity) for d in run(text, cite["mice"]) if d.code == "SJ401"] == [("SJ401", "warning")]


# ---- scope: other studies, background, claims scoped to the animals ---------------------------------

@pytest.mark.parametrize("sentence", [
    "A study published in 2009 found that chocolate cuts the risk of heart disease.",
    "Previous studies have found that chocolate cuts the risk of heart disease.",
    "A landmark trial published a year ago showed that chocolate cuts the risk of heart disease.",
    "Studies in animals have shown that chocolate cuts the risk of heart disease.",
])
def test_claims_about_other_studies_do_not_count(cite, sentence):
    text = "# Chocolate study\n\nChocolate eaters had less heart disease.\n\n" + sentence + "\n"
    assert found(text, cite["cohort"], "SJ301") == []


def test_the_studys_own_year_is_this_study(cite):
    text = "# Chocolate study\n\nA study published in 2011 found that chocolate cuts the risk of heart disease.\n"
    assert found(text, cite["cohort"], "SJ301") == [("warning", "cuts")]


def test_background_about_the_disease_is_not_a_mouse_result(cite):
    text = ("# Drug restores muscle in mice\n\nThe exon-skipping drug restored muscle strength in mice.\n\n"
            "Duchenne muscular dystrophy is an inherited disorder of boys. It causes progressive muscle "
            "weakness in patients.\n")
    assert [d.code for d in run(text, cite["mice"]) if d.category == "extrapolation"] == []


def test_a_pronoun_after_a_sentence_about_the_drug_is_the_drug(cite):
    text = ("# Drug restores muscle in mice\n\nThe exon-skipping drug restored muscle strength in mice.\n\n"
            "The drug was given for a month. It protects patients with muscular dystrophy from muscle damage.\n")
    assert [d.code for d in run(text, cite["mice"]) if d.code == "SJ401"] == ["SJ401"]


def test_a_relative_clause_on_another_noun_is_background(cite):
    text = ("# Muscle study\n\nThe drug crosses the membrane that protects muscle fibres in muscular dystrophy.\n\n"
            "It worked in mice.\n")
    assert [d.code for d in run(text, cite["mice"]) if d.code in ("SJ401", "SJ402")] == []


@pytest.mark.parametrize("lede", [
    "The gene could be the latest weapon in the fight against muscular dystrophy.",   # a noun
    "Boys with the gene have lower muscle strength in muscular dystrophy.",          # an adjective
    "The gene is linked to lower muscle strength in muscular dystrophy.",
    "Britain's fight against muscular dystrophy got a boost.",
    "Cells transformed for dystrophy fight.",                                        # "for" + modifier + noun
])
def test_claim_words_used_as_nouns_or_adjectives_are_no_claims(cite, lede):
    text = f"# Muscle gene\n\n{lede}\n\nIt was studied in mice.\n"
    assert [d.code for d in run(text, cite["mice"]) if d.code in ("SJ401", "SJ402")] == []


def test_claim_words_used_as_verbs_still_count(cite):
    text = "# Muscle gene\n\nThe drug could fight muscular dystrophy.\n\nIt was studied in mice.\n"
    assert [d.code for d in run(text, cite["mice"]) if d.code == "SJ402"] == ["SJ402"]


def test_a_claim_scoped_to_the_mice_is_not_an_overclaim(cite):
    text = "# Drug for muscular dystrophy\n\nThe drug was tested in mice. It really works in the mice, she said.\n"
    assert found(text, cite["mice"], "SJ105") == []


# ---- soft promises from animal studies -----------------------------------------------------------

def test_soft_headline_promise_from_a_mouse_study(cite):
    text = "# Drug offers hope for treating muscular dystrophy\n\nThe drug restored muscle in mice.\n"
    assert found(text, cite["mice"], "SJ403") == [("warning", "offers hope for")]


@pytest.mark.parametrize("headline, match", [
    ("Muscular dystrophy hope after new drug discovery", "hope after"),   # UK headline grammar
    ("Muscular dystrophy hope as new drug found", "hope as"),
    # a hurdle to treatment cleared, before any species is named
    ("Scientists overcome a key problem in treating muscular dystrophy", "overcome a key problem"),
    ("New technique crosses the blood-brain barrier", "crosses the blood-brain barrier"),
    # a way made to treat, before any species is named
    ("Scientists have developed a way to deliver drugs to wasting muscles", "developed a way to"),
    ("Team devises a new method to repair muscle", "devises a new method to"),
])
def test_a_headline_hope_noun_from_a_mouse_study(cite, headline, match):
    text = f"# {headline}\n\nThe drug restored muscle in mice.\n"
    assert found(text, cite["mice"], "SJ403") == [("warning", match)]


def test_soft_promise_after_the_species_is_named_is_fine(cite):
    text = "# Drug helps mice with muscular dystrophy\n\nThe finding offers hope for treating muscular dystrophy.\n"
    assert found(text, cite["mice"], "SJ403") == []


# ---- hard outcomes from surrogate measures --------------------------------------------------------

def test_hard_outcome_from_surrogate_measures(cite):
    text = "# The polypill that halves risk of heart disease\n\nThe trial lasted 12 weeks.\n"
    assert found(text, cite["polypill"], "SJ404") == [("warning", "halves risk of heart disease")]


def test_a_projected_hard_outcome_is_info(cite):
    text = "# Polypill trial\n\nThe polypill would roughly halve the chance of heart attacks, they calculated.\n"
    assert [s for s, _ in found(text, cite["polypill"], "SJ404")] == ["info"]


def test_surrogate_claims_about_the_surrogates_are_fine(cite, tmp_path):
    text = "# The polypill halves blood pressure\n\nThe trial lasted 12 weeks.\n"
    assert found(text, cite["polypill"], "SJ404") == []
    hard = tmp_path / "hard.citation.yaml"
    hard.write_text(POLYPILL.replace("outcomes: [blood pressure, LDL cholesterol]", "outcomes: [heart attacks]"),
                    encoding="utf-8")
    assert found("# The polypill that halves risk of heart disease\n\nIt did.\n", str(hard), "SJ404") == []


# ---- observational meta-analyses --------------------------------------------------------------------

def test_meta_analysis_of_observational_studies_needs_the_caveat(cite):
    text = "# Chocolate cuts heart disease risk\n\nA review of seven studies found the link.\n"
    assert [(s, m) for s, m in found(text, cite["meta"], "SJ704")] == [("warning", "cuts")]
    said = text + "\nThe studies were observational and cannot prove cause and effect.\n"
    assert found(said, cite["meta"], "SJ704") == []


# ---- "confirmed" -----------------------------------------------------------------------------------

def test_confirmed_is_a_proof_claim(cite):
    text = "# Chocolate study\n\nThe study confirmed the benefits of chocolate for heart health.\n"
    assert found(text, cite["cohort"], "SJ103") == [("error", "confirmed the benefits")]
    # an association is what an observational study can show
    link = "# Chocolate study\n\nThe study confirmed the link between chocolate and heart health.\n"
    assert found(link, cite["cohort"], "SJ103") == []


@pytest.mark.parametrize("sentence", [
    "Getting people to eat chocolate has often proved difficult.",
    "Earlier tests of chocolate have proved inconclusive.",
    "Eating chocolate proved generally very safe.",
    "Chocolate proved generally as safe as fruit.",
    "The team ran a proof-of-concept study of chocolate in 20 people.",
    "The study of chocolate shows proof of principle.",
])
def test_a_copula_or_a_study_type_is_not_proof(cite, sentence):
    assert found(f"# Chocolate study\n\n{sentence}\n", cite["cohort"], "SJ103") == []


def test_proves_that_is_proof(cite):
    text = "# Chocolate study\n\nThe researchers said it proves that chocolate protects the heart.\n"
    assert found(text, cite["cohort"], "SJ103") == [("error", "proves")]


# ---- spans: a caveat sits on the claim that needs it ----------------------------------------------

def test_caveat_is_placed_on_the_strongest_claim(cite):
    text = "# Chocolate study\n\nThe study followed 20,000 people.\n\nChocolate cuts the risk of heart disease.\n"
    (d,) = [d for d in run(text, cite["cohort"]) if d.code == "SJ704"]
    assert (d.line, d.match) == (5, "cuts")


def test_caveat_is_not_placed_on_a_negated_or_background_claim(cite):
    text = ("# Chocolate study\n\nChocolate may cut the risk of heart disease.\n\n"
            "Chocolate eaten after the age of 60 had no impact on heart disease.\n\n"
            "Heart disease is the leading cause of death in chocolate eaters.\n")
    (d,) = [d for d in run(text, cite["cohort"]) if d.code == "SJ704"]
    assert (d.line, d.match) == (3, "may cut")


def test_caveat_without_a_claim_has_an_empty_span(cite):
    text = "# Chocolate study\n\nThe study followed 20,000 people who ate chocolate.\n"
    (d,) = [d for d in run(text, cite["cohort"]) if d.code == "SJ704"]
    assert (d.line, d.column, d.end_line, d.end_column, d.match) == (3, 1, 3, 1, "")


def test_association_wording_half_gives_the_observational_caveat(cite):
    text = "# Chocolate study\n\nChocolate cuts the risk of heart disease.\n"
    assert found(text, cite["cohort"], "SJ704") == [("warning", "cuts")]
    linked = text + "\nEating chocolate was linked to fewer heart attacks.\n"
    assert found(linked, cite["cohort"], "SJ704") == [("info", "cuts")]
    said = linked + "\nThe study was observational and cannot prove cause and effect.\n"
    assert found(said, cite["cohort"], "SJ704") == []


@pytest.mark.parametrize("quote,severity", [
    # an independent expert's association wording does not tell the study's result
    ('Professor Jane Smith, of a heart charity, said: "The risks associated with sugar are well known."',
     "warning"),
    # the authors' own does
    ('The authors concluded: "Chocolate consumption seems to be associated with fewer heart attacks."', "info"),
    ('"Chocolate consumption seems to be associated with fewer heart attacks," the researchers wrote.', "info"),
])
def test_an_association_wording_counts_in_the_authors_words_not_an_outsiders(cite, quote, severity):
    text = f"# Chocolate study\n\nChocolate cuts the risk of heart disease.\n\n{quote}\n"
    assert found(text, cite["cohort"], "SJ704") == [(severity, "cuts")]

# ---- subjects beyond the usual lab animals ----------------------------------------------------

BEES = """title: Stop signals in the decisions of honeybee swarms
published: 2011
study: {design: animal, subjects: honeybees}
"""


def test_a_honeybee_study_is_an_animal_study_its_words_name(tmp_path):
    cit = tmp_path / "bees.citation.yaml"
    cit.write_text(BEES, encoding="utf-8")
    named = "# How swarms decide\n\nSwarms of bees pick a new home by a kind of vote, a study found.\n"
    unnamed = "# How groups decide\n\nGroups pick a new home by a kind of vote, a study found.\n"
    assert [d.code for d in lint_text(named, "story.md", citation=str(cit)).diagnostics if d.code == "SJ705"] == []
    assert [d.code for d in lint_text(unnamed, "story.md", citation=str(cit)).diagnostics
            if d.code == "SJ705"] == ["SJ705"]


# ---- words inside proper names ------------------------------------------------------------------

@pytest.mark.parametrize("sentence,found_", [
    ("Dr Jane Doe of Breakthrough Breast Cancer said screening saves lives.", []),
    ("The drug was given Breakthrough Therapy designation last year.", []),
    ("The team reported a breakthrough for patients.", ["breakthrough for"]),   # SJ803 takes the words
    ("The team reported a major breakthrough.", ["breakthrough"]),
    ("Scientists Hail Breakthrough In Chocolate Research", ["Breakthrough In"]),  # a headline in title case
])
def test_a_hype_word_inside_a_name_is_not_a_claim(cite, sentence, found_):
    text = f"# Chocolate study\n\n{sentence}\n"
    assert [m for _, m in found(text, cite["cohort"], "SJ104") + found(text, cite["cohort"], "SJ803")] == found_


@pytest.mark.parametrize("sentence,found_", [
    ("The drug was tested in the REVERSE-DMD study of muscular dystrophy.", []),     # a trial's name in capitals
    ("The P-Cure system was built for muscular dystrophy clinics.", []),             # a product's name
    ("The drug will cure muscular dystrophy.", ["cure"]),
    ("The drug will CURE muscular dystrophy.", ["CURE"]),                            # a tabloid's emphasis
    ("Its mission is to find a cure for muscular dystrophy.", []),                   # an aim
    ("Radiotherapy for muscular dystrophy was given with curative intent.", []),    # the treatment's aim
    ("The drug eliminates the need for muscular dystrophy patients to use a wheelchair.", []),  # an idiom
    ("The drug eliminates muscular dystrophy.", ["eliminates"]),
    ("It is among the most proven drugs for muscular dystrophy.", []),              # an adjective
    ("The team has proven experience with muscular dystrophy.", []),
])
def test_names_aims_and_idioms_are_not_claims(cite, sentence, found_):
    assert [m for code in ("SJ101", "SJ102", "SJ103")
            for m in matches_in_body(sentence, cite["mice"], code, headline="Drug study")] == found_


# ---- the observational caveat: told as an association, or not at all -------------------------

@pytest.mark.parametrize("body,severity", [
    ("People who ate chocolate had fewer heart attacks over ten years.", "warning"),
    ("Chocolate eaters were less likely to have a heart attack over ten years.", "info"),
    ("Chocolate eating was linked to fewer heart attacks over ten years.", "info"),
    ("Low chocolate intake could be a risk factor for heart disease, the authors say.", "info"),
    ("The observational study cannot show that chocolate was the reason.", None),
])
def test_the_observational_caveat_is_a_warning_only_when_nothing_tells_an_association(cite, body, severity):
    text = f"# Chocolate cuts heart disease\n\n{body}\n"
    result = lint_text(text, "story.md", citation=cite["cohort"])
    assert [d.severity for d in result.diagnostics if d.code == "SJ704"] == ([severity] if severity else [])


# ---- eradication wordings are repair claims --------------------------------------------------

@pytest.mark.parametrize("sentence,found_", [
    ("The drug wipes out muscular dystrophy, the team says.", ["wipes out"]),
    ("The new drug knocked out muscular dystrophy.", ["knocked out"]),
    ("The researchers knocked out a gene to see what it does.", []),  # no condition named
    ("The drug wiped out muscular dystrophy in mice.", []),           # scoped to the animals
])
def test_wiping_out_a_condition_is_a_repair_claim(cite, sentence, found_):
    text = f"# Drug study\n\n{sentence}\n"
    assert [m for _, m in found(text, cite["mice"], "SJ102")] == found_


# ---- a negator heading the subject does not negate the verb -------------------------------------

@pytest.mark.parametrize("headline,found_", [
    ("Lack of chocolate raises heart disease risk", ["raises"]),
    ("A lack of chocolate causes heart disease", ["causes"]),
    ("There was a lack of chocolate benefit for heart disease", []),  # the claim is inside the negated phrase
    ("Chocolate does not cut heart disease risk", []),
])
def test_a_negator_heading_the_subject_does_not_negate_the_claim(cite, headline, found_):
    text = f"# {headline}\n\nA report.\n"
    assert [m for _, m in found(text, cite["cohort"], "SJ301")] == found_


def test_a_negation_between_the_people_and_the_claim_counts(cite):
    text = ("# Drug study\n\nIn mice, the drug restored muscle.\n\n"
            "Once patients with muscular dystrophy stop walking, the drug is not effective.\n")
    assert [d.code for d in run(text, cite["mice"]) if d.code == "SJ401"] == []
    text = text.replace("is not effective", "is effective")
    assert [d.code for d in run(text, cite["mice"]) if d.code == "SJ401"] == ["SJ401"]


@pytest.mark.parametrize("sentence, flagged", [
    ("Parts of the reward system \u2014 where chocolate exerts its effects \u2014 were larger in eaters.", False),
    ("Parts of the reward system, which chocolate damages, were larger in eaters.", False),
    ("The study found that chocolate damages the heart.", True),   # "that" here is the finding
])
def test_a_relative_clause_with_its_own_subject_is_background(cite, sentence, flagged):
    text = f"# Chocolate study\n\nThe team followed 20,000 people.\n\n{sentence}\n"
    assert bool(found(text, cite["cohort"], "SJ301")) is flagged


# ---- advice to readers (SJ109) -----------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Feeling tired? Try an egg.", [("warning", "Try")]),
    ("Don't reach for chocolate \u00d0 have an egg.", [("warning", "reach for"), ("warning", "have")]),
    ("People ought to think about cutting down on chocolate.", [("warning", "People ought to think about cutting")]),
    ("Current NHS guidelines say adults should eat five portions a day.", []),
    ("We may need to review the UK's advice on how long mothers should breastfeed.", []),
    ("People should not stop taking their medicines.", []),
    ("People who try a new diet often give up.", []),   # not an imperative
    ('"You should eat chocolate because you like it," said Dr Jane Doe.', [("info", "You should eat")]),
])
def test_advice_to_readers(cite, sentence, expected):
    text = f"# Chocolate study\n\nThe team followed 20,000 people.\n\n{sentence}\n"
    assert found(text, cite["cohort"], "SJ109") == expected


# ---- research of another nationality is another study ------------------------------------------

OXFORD_COHORT = COHORT + """journal: BMJ
authors:
  - name: Jane Doe
    affiliations: ["Department of Public Health, University of Oxford, Oxford, UK. jane.doe@ox.ac.uk"]
"""


@pytest.mark.parametrize("sentence, flagged", [
    ("The US research found that chocolate cuts the risk of heart disease.", False),
    ("An American-led team found that chocolate cuts the risk of heart disease.", False),
    ("The British research found that chocolate cuts the risk of heart disease.", True),
    ("The Oxford research found that chocolate cuts the risk of heart disease.", True),
])
def test_research_of_another_nationality_is_another_study(tmp_path, sentence, flagged):
    cit = tmp_path / "oxford.citation.yaml"
    cit.write_text(OXFORD_COHORT, encoding="utf-8")
    text = f"# Chocolate study\n\nThe team followed 20,000 people.\n\n{sentence}\n"
    assert bool(found(text, str(cit), "SJ301")) is flagged


@pytest.mark.parametrize("after, flagged", [
    ("The US research, published in Science, could open up new targets.", False),   # names another study
    ("The Oxford research, published in the BMJ, could open up new targets.", True),
    ("It could open up new targets.", True),
])
def test_a_finding_the_next_sentence_names_as_another_study(tmp_path, after, flagged):
    cit = tmp_path / "oxford.citation.yaml"
    cit.write_text(OXFORD_COHORT, encoding="utf-8")
    text = (f"# Chocolate study\n\nThe team followed 20,000 people.\n\n"
            f"Scientists have shown that chocolate cuts the risk of heart disease.\n\n{after}\n")
    assert bool(found(text, str(cit), "SJ301")) is flagged


@pytest.mark.parametrize("body, severities", [
    # what was known before the study
    ("Chocolate was already known to cut the risk of heart disease.", []),
    ("Chocolate is already associated with other benefits for the heart.", []),
    # a relative clause on another noun, over "helps"
    ("People who eat chocolate have less of a chemical that helps keep heart disease under control.", []),
    # a claim told as the idea in doubt
    ("Doubts have been raised over the idea that chocolate cuts the risk of heart disease.", []),
    ("The study challenges the long-held idea that chocolate cuts the risk of heart disease.", []),
    # "not to" negates the infinitive's verb, not a claim in its object; a claim verb after it is negated
    ("Doctors warned people not to try chocolate, which cuts the risk of heart disease.", ["warning"]),
    ("Chocolate was found not to cut the risk of heart disease.", []),
    # none of ... : a negated subject
    ("The study concluded that none of the chocolate measures improved heart disease outcomes.", []),
    # outside voices told indirectly are judged like their quotes
    ("But experts warned chocolate was bad for the heart, whatever the heart disease risk.", ["info"]),
    ("Professor Stephen Holgate of the MRC said chocolate led to heart disease.", ["info"]),
    # the study reported by the writer is the claim
    ("Researchers said chocolate cuts the risk of heart disease.", ["warning"]),
])
def test_background_doubted_negated_and_outside_claims(cite, body, severities):
    assert [s for s, _ in found(f"# Chocolate study\n\nThe team followed 20,000 people.\n\n{body}\n",
                                cite["cohort"], "SJ301")] == severities


def test_a_journal_named_for_research_of_another_nationality_is_not_checked(tmp_path):
    cit = tmp_path / "oxford.citation.yaml"
    cit.write_text(OXFORD_COHORT, encoding="utf-8")
    other = "# Chocolate study\n\nThe US research conducted on yeast, published in the journal Science, is older.\n"
    assert found(other, str(cit), "SJ604") == []
    ours = "# Chocolate study\n\nThe research, published in the journal Science, followed 20,000 people.\n"
    assert [m for _, m in found(ours, str(cit), "SJ604")] == ["Science"]


# ---- the researchers' conjecture, told indirectly ----------------------------------------------

@pytest.mark.parametrize("text,severity", [
    ("# Chocolate study\n\nThey suggest chocolate may cut the risk of heart disease.\n", "info"),
    ("# Chocolate study\n\nResearchers also suggested that chocolate may cut the risk of heart disease.\n", "info"),
    # a tag at the end is often the writer's own sentence with an attribution added
    ("# Chocolate study\n\nChocolate may cut the risk of heart disease, the researchers believe.\n", "warning"),
    # the study as evidence is not a person's view
    ("# Chocolate study\n\nThe study suggests chocolate may cut the risk of heart disease.\n", "warning"),
    ("# Chocolate study\n\nChocolate may cut the risk of heart disease, research suggests.\n", "warning"),
    # a headline states the story's own claim
    ("# Chocolate may cut heart disease risk, researchers suggest\n\nA study of 20,000 people.\n", "warning"),
    # a view that ends before the claim's clause
    ("# Chocolate study\n\nThe researchers believe in diet, but chocolate may cut the risk of heart disease.\n",
     "warning"),
])
def test_the_researchers_reported_conjecture_is_judged_like_their_quote(cite, text, severity):
    assert [s for s, _ in found(text, cite["cohort"], "SJ303")] == [severity]


def test_a_relative_clause_with_its_own_subject_over_adverbs_is_background(cite):
    text = ("# Chocolate study\n\nPeople who ate chocolate spent their days in offices where the temperature is carefully "
            "controlled by air conditioning units.\n")
    assert found(text, cite["cohort"], "SJ301") == []
    claim = "# Chocolate study\n\nHeart disease is controlled by chocolate.\n"
    assert found(claim, cite["cohort"], "SJ301") == [("warning", "controlled by")]


@pytest.mark.parametrize("body,severity", [
    # the paper's own words, in a closing tag that names the journal
    ("Chocolate could prevent many cases of heart disease, they write in The Lancet.", "info"),
    # a person's words told indirectly after "he said"
    ("He said chocolate could prevent many cases of heart disease.", "info"),
    ("Professor Alan Maryon-Davis said chocolate could prevent many cases of heart disease.", "info"),
    ("Dr Emmett added that chocolate could prevent many cases of heart disease.", "info"),
    # not a titled name: the writer reporting the study
    ("Academics in North Wales say chocolate could prevent many cases of heart disease.", "warning"),
    ("But chocolate, he said, could prevent many cases of heart disease.", "info"),
    # the writer's own sentence
    ("Chocolate could prevent many cases of heart disease.", "warning"),
])
def test_reported_words_of_the_paper_or_a_person_are_judged_like_a_quote(cite, body, severity):
    assert [s for s, _ in found(f"# Chocolate study\n\n{body}\n", cite["cohort"], "SJ303")] == [severity]


@pytest.mark.parametrize("body", [
    "People who eat chocolate often have diabetes, which is also responsible for heart disease.",
    "Chocolate eaters often get heart disease, so anything that can help is welcomed.",
])
def test_a_relative_clause_on_another_noun_is_background_over_auxiliaries(cite, body):
    assert found(f"# Chocolate study\n\n{body}\n", cite["cohort"], "SJ301") == []


def test_a_relative_clause_with_who_and_an_auxiliary_can_be_the_finding(cite):
    text = "# Chocolate study\n\nThe scheme runs through chocolate clubs who have prevented heart disease in members.\n"
    assert [s for s, _ in found(text, cite["cohort"], "SJ301")] == ["warning"]


@pytest.mark.parametrize("body,expected", [
    # a claim word right after another noun describes that noun
    ("People who eat chocolate use the part of the brain responsible for heart disease risk.", []),
    ("Chocolate eaters switch off brain regions involved in heart disease.", []),
    ("Chocolate eaters use the insula, known to be involved in heart disease.", []),
    ("Chocolate eaters had fewer critical events (those that result in heart disease).", []),
    ("Chocolate eaters have heart disease, one of the leading causes of death.", []),
    ("Heart disease is the most common cause of death in chocolate eaters.", []),
    ("Chocolate is a cause of heart disease.", ["warning"]),
    ("Chocolate is a major cause of this heart disease.", ["warning"]),   # not a population's deaths
    ("Researchers identified chocolate as the leading cause of heart disease.", ["warning"]),
    ("Chocolate eaters had scans of areas of the heart affected by the disease.", []),
    ("Heart disease is caused by chocolate.", ["warning"]),
    # ... unless the sentence tells what was found
    ("A chocolate gene responsible for heart disease has been identified.", ["warning"]),
    # a copula makes it the sentence's claim
    ("Chocolate is responsible for heart disease.", ["warning"]),
])
def test_a_reduced_relative_on_another_noun_is_background(cite, body, expected):
    assert [s for s, _ in found(f"# Chocolate study\n\n{body}\n", cite["cohort"], "SJ301")] == expected


def test_who_was_not_involved_in_the_study_is_no_claim():
    from lint.claimstrength import classify
    assert classify("Professor Hawton was not involved in the study.").level == 0
    assert classify("Professor Hawton was not involved in the trial, he said.").level == 0


# ---- genetic susceptibility, tools, noun frames (session 8) ---------------------------------

GWAS = """title: Genome-wide association study identifies five loci for Alzheimer's disease
published: 2011
study: {design: case-control, subjects: humans, intervention: genetic variants, condition: Alzheimer's disease}
claim_strength: correlational
"""


@pytest.mark.parametrize("body,found_", [
    # the usual wording of genetic susceptibility: not an overstatement
    ("FIVE genes found to increase the risk of Alzheimer's disease were identified.", []),
    ("Five genetic causes of Alzheimer's disease have been discovered by scientists.", []),
    ("A total of ten genes are now known to play a role in Alzheimer's disease.", []),
    ("# Faulty genes 'increase risk' of Alzheimer's disease", []),
    ("Genetic variants have been identified that increase the risk of Alzheimer's disease.", []),
    # a gene's effect on the disease or a trait, not its risk: still a claim
    ("The genetic variants speed up Alzheimer's disease.", ["speed up"]),
])
def test_genetic_susceptibility_wording_is_not_a_causal_overstatement(cite, body, found_):
    assert [d.match for d in run(f"# Alzheimer's study\n\n{body}\n", cite["gwas"]) if d.code == "SJ301"] == found_


@pytest.mark.parametrize("body,found_", [
    ("Prognostic tools could help. Chocolate consumption could cut heart disease.", ["could cut"]),
    ("Blood tests could prevent heart disease in chocolate eaters.", []),
    ("A routine screening test for all chocolate eaters could save lives from heart disease.", []),
    # plural devices and apps are usually the exposure
    ("Using chocolate apps could harm the heart and cause heart disease.", ["could harm"]),
])
def test_tool_prospects_in_the_plural(cite, body, found_):
    assert [m for _, m in found(f"# Chocolate study\n\n{body}\n", cite["cohort"], "SJ303")] == found_


def test_to_blame_with_an_object_is_the_verb(cite):
    text = ("# Chocolate study\n\nIt gives teenagers another reason to blame their parents, as chocolate "
            "consumption is linked with heart disease.\n\nChocolate is to blame for heart disease, it says.\n")
    assert [m for _, m in found(text, cite["cohort"], "SJ301")] == ["to blame for"]


def test_a_relative_clause_over_a_light_verb_and_a_causal_noun_is_background(cite):
    text = ("# Chocolate study\n\nChocolate contains flavanols and hormones which play a key role in heart "
            "disease.\n\nChocolate consumption plays a role in heart disease, the study found.\n")
    assert [m for _, m in found(text, cite["cohort"], "SJ301")] == ["role in"]


def test_a_change_verb_with_a_particle_and_no_object_is_a_change(cite):
    text = ("# Chocolate study\n\nBy the age of three, heart disease is slowing down which is why chocolate "
            "consumption matters less.\n\nChocolate consumption slows down heart disease.\n")
    assert [m for _, m in found(text, cite["cohort"], "SJ301")] == ["slows"]


def test_the_caveat_does_not_anchor_on_a_tools_prospect(cite):
    text = "# Chocolate study\n\nPrognostic tools can help with heart disease, chocolate consumption data show.\n"
    caveats = [d for d in run(text, cite["cohort"]) if d.code == "SJ704"]
    assert [(d.severity, d.match) for d in caveats] == [("info", "")]


def test_a_claim_inside_an_if_clause_is_supposed_not_asserted(cite):
    text = ("# Alzheimer's study\n\nIf the effects of the genetic variants could be eliminated the risk of "
            "Alzheimer's disease would be cut.\n\nThe genetic variants speed up Alzheimer's disease.\n")
    assert [(d.code, d.match) for d in run(text, cite["gwas"]) if d.code in ("SJ102", "SJ301", "SJ302", "SJ303")] == [
        ("SJ301", "speed up")]


def test_a_paper_that_claims_only_an_association_is_weak_evidence_for_certainty(tmp_path):
    cit = tmp_path / "laugh.citation.yaml"
    cit.write_text("title: Social laughter is correlated with an elevated pain threshold\npublished: 2011\n"
                   "claim_strength: correlational\n", encoding="utf-8")
    text = "# Study reveals laughter really is the best medicine\n\nPeople laughed at comedy videos.\n"
    assert [(d.code, d.severity) for d in run(text, str(cit)) if d.code.startswith("SJ1")] == [("SJ108", "warning")]


def test_unsure_what_causes_is_no_claim(cite):
    text = ("# Chocolate study\n\nThe team is unsure what causes the effect of chocolate consumption on heart "
            "disease.\n")
    assert found(text, cite["cohort"], "SJ301") == []


def test_the_trial_itself_told_as_a_first_is_not_a_novelty_claim(cite):
    text = ("# Polypill study\n\nThe polypill can halve blood pressure, according to the world's first "
            "international trial of the drug.\n\nIt is the world's first polypill to cut blood pressure.\n")
    assert [m for _, m in found(text, cite["polypill"], "SJ107")] == ["world's first"]
    assert [d.line for d in run(text, cite["polypill"]) if d.code == "SJ107"] == [5]


def test_a_trial_named_with_its_animals_is_not_a_design_error(cite):
    text = ("# Dystrophy study\n\nThe trial showed that the exon-skipping drug reached the muscles of the mice.\n\n"
            "The trial showed that the exon-skipping drug helped muscular dystrophy.\n")
    assert [d.line for d in run(text, cite["mice"]) if d.code == "SJ202"] == [5]


def test_a_definition_of_the_condition_is_background(cite):
    text = ("# Chocolate study\n\nHeart disease is caused by a build-up of fatty plaques in chocolate eaters and "
            "others.\n\nHeart disease is caused by a chocolate habit, the study found.\n")
    assert [d.line for d in run(text, cite["cohort"]) if d.code == "SJ301"] == [5]


def test_confirming_an_association_is_not_a_proof_claim(cite):
    text = ("# Chocolate study\n\nThe analysis confirmed that chocolate consumption is a major risk factor for "
            "heart disease.\n\nThe analysis confirmed that chocolate consumption cuts heart disease.\n")
    assert [d.line for d in run(text, cite["cohort"]) if d.code == "SJ103"] == [5]


def test_a_titled_name_with_where_they_work_between_commas_is_indirect_speech(cite):
    text = ("# Chocolate study\n\nProf Jane Patton, of the University of Melbourne, Australia, said chocolate "
            "consumption could cut heart disease.\n")
    assert found(text, cite["cohort"], "SJ303") == [("info", "could cut")]


def test_a_claim_only_in_a_quote_does_not_make_the_caveat_a_warning(cite):
    quoted = ('# Chocolate study\n\nChocolate consumption was linked to less heart disease.\n\n'
              '"We can prevent heart disease with chocolate consumption," said Dr Jane Roe.\n')
    told = "# Chocolate study\n\nChocolate consumption prevents heart disease, the study found.\n"
    assert [d.severity for d in run(quoted, cite["cohort"]) if d.code == "SJ704"] == ["info"]
    assert [d.severity for d in run(told, cite["cohort"]) if d.code == "SJ704"] == ["warning"]


@pytest.mark.parametrize("body,found_", [
    ("Heart disease is caused by a build-up of plaque which kills around half of those affected.", []),
    ("Heart disease is caused by a chocolate habit in those affected, the study found.", ["caused"]),
    ("Heart disease, which used to be rare, is caused by too much fat in the blood.", []),
    ("Heart disease usually develops late and is caused by the body's own immune system.", []),
])
def test_a_definition_of_the_condition_among_those_affected_is_background(cite, body, found_):
    assert [d.match for d in run(f"# Chocolate study\n\n{body}\n", cite["cohort"]) if d.code == "SJ301"] == found_


@pytest.mark.parametrize("body,found_", [
    ("The discovery of chocolate's effect on heart disease is raising hopes of a cure.", []),
    ("The search for a cure for heart disease goes on.", []),
    ("Chocolate is a cure for heart disease.", ["cure"]),
])
def test_a_cure_hoped_for_is_not_claimed(cite, body, found_):
    assert [d.match for d in run(f"# Chocolate study\n\n{body}\n", cite["cohort"]) if d.code == "SJ101"] == found_


@pytest.mark.parametrize("body,found_", [
    ("The 5-HTT gene, which regulates the brain chemical serotonin, is linked to Alzheimer's disease.", []),
    ("The genetic variants affect the make-up of the immune system in Alzheimer's disease.", []),
    ("The genetic variants speed up Alzheimer's disease.", ["speed up"]),
])
def test_what_a_gene_does_in_the_body_is_not_an_overstatement(cite, body, found_):
    assert [d.match for d in run(f"# Alzheimer's study\n\n{body}\n", cite["gwas"]) if d.code == "SJ301"] == found_


def test_an_authors_first_ever_claim_keeps_its_level(cite):
    text = ('# Chocolate study\n\n"This is the first time chocolate has been studied this way," said Dr Jane Roe, '
            "who led the study.\n")
    assert found(text, cite["cohort"], "SJ107") == [("warning", "is the first time")]


def test_no_novelty_finding_when_the_papers_title_claims_the_novelty(tmp_path):
    text = '# Chocolate study\n\nDr Jane Roe said this was the first time such genes had been found.\n'
    for title, want in (("Chocolate consumption and heart disease in a cohort", ["was the first time"]),
                        ("A cohort study identifies novel candidate genes for heart disease", [])):
        p = tmp_path / "c.citation.yaml"
        p.write_text(f"title: {title}\npublished: 2011\n", encoding="utf-8")
        assert [d.match for d in run(text, str(p)) if d.code == "SJ107"] == want


@pytest.mark.parametrize("told,severity", [
    ("Another group of volunteers watched golf programmes instead.", "info"),
    ("Half were given chocolate and half a placebo.", "info"),
    ("The next study will give half of them chocolate and half a placebo.", "warning"),
    ("The other group likely to be offered chocolate are older people.", "warning"),
    ("", "warning"),
])
def test_an_experiment_the_story_describes_makes_a_causal_claim_less_sure(tmp_path, told, severity):
    cit = tmp_path / "c.citation.yaml"
    cit.write_text("title: Chocolate consumption is correlated with less heart disease\npublished: 2011\n"
                   "claim_strength: correlational\n", encoding="utf-8")
    text = f"# Chocolate study\n\nIn the study, volunteers ate chocolate every day.\n\n{told}\n\nChocolate cuts heart disease.\n"
    got = [(d.severity, "assigned comparison" in d.message) for d in run(text, str(cit)) if d.code == "SJ301"]
    assert got == [(severity, severity == "info")]


@pytest.mark.parametrize("told,severity", [
    ("Another group of volunteers watched golf programmes instead.", "info"),
    ("", "warning"),
])
def test_an_experiment_the_story_describes_makes_a_cause_found_less_sure(tmp_path, told, severity):
    cit = tmp_path / "c.citation.yaml"
    cit.write_text("title: Chocolate consumption is correlated with less heart disease\npublished: 2011\n"
                   "claim_strength: correlational\n", encoding="utf-8")
    text = f"# Chocolate study\n\nScientists have discovered why chocolate eaters live longer.\n\n{told}\n"
    got = [(d.severity, "assigned comparison" in d.message) for d in run(text, str(cit)) if d.code == "SJ304"]
    assert got == [(severity, severity == "info")]


def test_a_design_in_the_citation_wins_over_the_experiment_the_story_describes(cite):
    text = ("# Chocolate study\n\nAnother group of volunteers watched golf programmes instead.\n\n"
            "Chocolate cuts heart disease.\n")
    assert found(text, cite["cohort"], "SJ301") == [("warning", "cuts")]


@pytest.mark.parametrize("body,found_", [
    # a relative clause after a comma on another noun: background
    ("It could be nutrients such as fatty acids, which boost growth of brain cells.", []),
    ("Fatty acids boost growth of brain cells.", ["boost"]),
    # ... but on the whole finding the sentence tells: still the claim
    ("Researchers found chocolate eaters had less heart disease, which cuts deaths.", ["cuts"]),
])
def test_a_relative_clause_after_a_comma(tmp_path, body, found_):
    cit = tmp_path / "c.citation.yaml"  # no intervention given: any sentence may be about the study
    cit.write_text("title: Chocolate and heart disease\npublished: 2011\nstudy: {design: cohort}\n",
                   encoding="utf-8")
    assert [d.match for d in run(f"# Chocolate study\n\nIntro.\n\nMore.\n\n{body}\n", str(cit))
            if d.code in ("SJ301", "SJ302", "SJ303")] == found_


@pytest.mark.parametrize("body,found_", [
    ("Measuring chocolate consumption may improve diagnosis rates of heart disease.", []),  # a test's prospect
    ("Measuring chocolate consumption leads to better diagnosis of heart disease.", ["leads to"]),
    ("Chocolate consumption may improve heart disease outcomes.", ["may improve"]),
])
def test_a_hedged_effect_on_diagnosis_is_a_tests_prospect(cite, body, found_):
    assert [d.match for d in run(f"# Chocolate study\n\n{body}\n", cite["cohort"])
            if d.code in ("SJ301", "SJ302", "SJ303")] == found_


@pytest.mark.parametrize("body,found_", [
    ("Poor sleep matters because chocolate consumption has been shown to increase heart disease.", []),
    ("Chocolate consumption has been shown to increase heart disease in the new study.", ["increase"]),
    ("Studies over the past few years have found chocolate consumption cuts heart disease.", []),
])
def test_established_knowledge_and_past_studies_are_background(cite, body, found_):
    assert [d.match for d in run(f"# Chocolate study\n\nIntro.\n\nMore.\n\n{body}\n", cite["cohort"])
            if d.code in ("SJ301", "SJ302", "SJ303")] == found_


def test_established_knowledge_in_the_lede_is_the_storys_claim(cite):
    text = "# Chocolate news\n\nChocolate consumption has been shown to cut heart disease.\n\nMore text here.\n"
    assert [d.match for d in run(text, cite["cohort"]) if d.code == "SJ301"] == ["cut"]


@pytest.mark.parametrize("body,found_", [
    ("It is already well-established that chocolate consumption cuts heart disease.", []),
    ("In 2004, a study showed that chocolate consumption cut heart disease.", []),       # another year's study
    ("Some previous cell and animal studies suggest chocolate consumption cuts heart disease.", []),
    ("Pills were used despite a lack of high-quality evidence that chocolate consumption cuts heart disease.", []),
    ("Chocolate consumption cuts heart disease.", ["cuts"]),
])
def test_known_facts_earlier_studies_and_missing_evidence(cite, body, found_):
    assert [d.match for d in run(f"# Chocolate study\n\nIntro.\n\nMore.\n\n{body}\n", cite["cohort"])
            if d.code in ("SJ301", "SJ302", "SJ303")] == found_


def test_a_cue_wording_may_hold_a_comma():
    from lint.cues import CueMatcher
    m = CueMatcher(["in YEAR ,? a study"])
    assert m.rx.search("In 2014, a study showed") and m.rx.search("In 2014 a study showed")
    assert not m.rx.search("In 2014 the study showed")


@pytest.mark.parametrize("body,found_", [
    ("Being too fat is unhealthy and increases the risk of many cancers.", []),  # a general fact
    ("Chocolate increases the risk of many diseases.", ["increases"]),           # names the title's topic
])
def test_without_an_intervention_the_title_tells_a_general_fact_from_a_claim(tmp_path, body, found_):
    cit = tmp_path / "c.citation.yaml"
    cit.write_text("title: Chocolate consumption and heart disease in a cohort\npublished: 2011\n"
                   "study: {design: cohort}\n", encoding="utf-8")
    assert [d.match for d in run(f"# Chocolate study\n\nIntro.\n\nMore.\n\n{body}\n", str(cit))
            if d.code in ("SJ301", "SJ302", "SJ303")] == found_


@pytest.mark.parametrize("body,found_", [
    ("Cholesterol: Essential for healthy cells, but too much can lead to heart disease.", []),  # a fact box
    ("He said: Chocolate consumption cuts heart disease.", ["cuts"]),                           # a speaker
    ("It is caused by damage to the protective insulation around nerve fibres.", []),           # a definition
    ("The findings could lead to new treatments for heart disease.", []),                       # research's prospect
    ("Aspirin has also been shown to cut the risk of heart disease.", []),                      # known before
])
def test_fact_boxes_definitions_and_prospects_of_research(tmp_path, body, found_):
    cit = tmp_path / "c.citation.yaml"  # no intervention given: any sentence may be about the study
    cit.write_text("title: Chocolate and heart disease\npublished: 2011\nstudy: {design: cohort}\n", encoding="utf-8")
    assert [d.match for d in run(f"# Chocolate study\n\nIntro.\n\nMore.\n\n{body}\n", str(cit))
            if d.code in ("SJ301", "SJ302", "SJ303")] == found_


@pytest.mark.parametrize("body,code,found_", [
    ("Chocolate works by blocking a protein in the heart.", "SJ105", []),          # how, not whether
    ("Chocolate works for heart disease.", "SJ105", ["works"]),
    ("Chocolate consumption gave a 98 percent cure rate for heart disease.", "SJ101", []),  # a measure
    ("Chocolate consumption cured heart disease.", "SJ101", ["cured"]),
    ("This is a proof-in-principle study of chocolate and heart disease.", "SJ103", []),
    ("Patients who ate chocolate needed less surgical repair of the heart.", "SJ102", []),
])
def test_term_rules_read_the_words_around(cite, body, code, found_):
    assert [d.match for d in run(f"# Chocolate study\n\n{body}\n", cite["cohort"]) if d.code == code] == found_


@pytest.mark.parametrize("body,found_", [
    ("Chocolate was granted breakthrough therapy designation by the FDA.", []),
    ("The charity invests in breakthrough treatments for heart disease.", []),
    ("Breakthrough chocolate heals hearts with a single bite.", ["Breakthrough"]),
])
def test_breakthrough_as_a_status_or_a_charitys_words(cite, body, found_):
    assert [d.match for d in run(f"# Chocolate study\n\nIntro text.\n\n{body}\n", cite["cohort"])
            if d.code == "SJ104"] == found_


@pytest.mark.parametrize("body,found_", [
    ("Two professors, in a seminal article in 2003, anticipated that chocolate consumption could cut heart disease.", []),
    ("The disease is caused when chocolate consumption blocks the arteries.", []),          # a definition
])
def test_an_earlier_article_and_a_definition_with_when(cite, body, found_):
    assert [d.match for d in run(f"# Chocolate study\n\nIntro.\n\nMore.\n\n{body}\n", cite["cohort"])
            if d.code in ("SJ301", "SJ302", "SJ303")] == found_


@pytest.mark.parametrize("body,found_", [
    ("Luzi said scientists now know that chocolate consumption can alter heart disease.", []),   # known
    ("Based on their laboratory data that chocolate consumption drives heart disease, the team ran a trial.", []),
    ("Chocolate consumption rarely led to heart disease.", []),                                   # negated
])
def test_what_scientists_already_know_and_rare_effects(cite, body, found_):
    assert [d.match for d in run(f"# Chocolate study\n\nIntro.\n\nMore.\n\n{body}\n", cite["cohort"])
            if d.code in ("SJ301", "SJ302", "SJ303")] == found_


@pytest.mark.parametrize("body,code,found_", [
    ('Chocolate consumption may help, but the "cure" could be developed in the next ten years.', "SJ101", []),
    ('It raised hopes of a "cure" for heart disease.', "SJ101", []),          # a scare quote does not hide the hope
    ("Chocolate consumption cured heart disease.", "SJ101", ["cured"]),
])
def test_scare_quotes_do_not_hide_the_words_around(cite, body, code, found_):
    assert [d.match for d in run(f"# Chocolate study\n\nIntro text.\n\n{body}\n", cite["cohort"]) if d.code == code] == found_


def test_the_fields_history_is_background(tmp_path):
    cit = tmp_path / "c.citation.yaml"
    cit.write_text("title: A drug for heart disease\npublished: 2011\nstudy: {design: animal, subjects: mice}\n",
                   encoding="utf-8")
    text = ("# Heart study\n\nIntro text.\n\nMore text.\n\nEfforts to treat the disease have been hampered over the "
            "last 50 years by the difficulty of getting drugs to the heart.\n")
    assert [d.code for d in run(text, str(cit)) if d.code.startswith(("SJ30", "SJ40"))] == []


@pytest.mark.parametrize("body,found_", [
    ("Aspirin is primarily used to help reduce heart disease in older people.", []),       # what it is for
    ("HIV, which stands for human immunodeficiency virus, can destroy immune cells and cause heart disease.", []),
])
def test_what_a_drug_is_for_and_what_a_name_stands_for(tmp_path, body, found_):
    cit = tmp_path / "c.citation.yaml"
    cit.write_text("title: Chocolate and heart disease\npublished: 2011\nstudy: {design: cohort}\n", encoding="utf-8")
    assert [d.match for d in run(f"# Chocolate study\n\nIntro.\n\nMore.\n\n{body}\n", str(cit))
            if d.code in ("SJ301", "SJ302", "SJ303")] == found_


@pytest.mark.parametrize("body,found_", [
    ("The device was granted breakthrough device designation by the FDA.", []),
    ("Breakthrough device heals hearts with a single touch.", ["Breakthrough"]),
])
def test_breakthrough_skips_only_the_fda_device_status(cite, body, found_):
    # SJ104 and SJ803 give one finding on the same words (one per words in the overclaim group)
    assert [d.match for d in run(f"# Chocolate study\n\nIntro text.\n\n{body}\n", cite["cohort"])
            if d.code in ("SJ104", "SJ803")] == found_


@pytest.mark.parametrize("headline,found_", [
    ("The pill to cure (almost) every ill", ["cure (almost) every ill"]),   # a panacea in other words
    ("Polypill cures all ills", ["cures all ills"]),
    ("Polypill could cure all ills", []),                                     # hedged
])
def test_a_cure_for_every_ill_is_a_hype_label(cite, headline, found_):
    # against a randomised trial, so that the cure rule (SJ101) leaves the words to SJ803
    assert [d.match for d in run(f"# {headline}\n\nIntro text.\n", cite["polypill"]) if d.code == "SJ803"] == found_


# ---- a span that opens with its hedge and the hedge's negation ------------------------------

@pytest.mark.parametrize("sentence, found_", [
    ("Chocolate may not protect people against heart disease, a study suggests.", []),
    ("Chocolate is unlikely to reduce heart disease.", []),
    ("Chocolate would not repair the damage to the heart.", []),
    ("Chocolate may protect people against heart disease, a study suggests.", ["may protect"]),
])
def test_a_hedge_and_its_negation_open_the_span(cite, sentence, found_):
    text = f"# Chocolate study\n\n{sentence}\n"
    assert [m for _, m in found(text, cite["cohort"], "SJ303")] == found_


# ---- what was known, set against the finding ------------------------------------------------

@pytest.mark.parametrize("sentence, found_", [
    ("It has long been believed that chocolate cuts heart disease.", []),   # what was known
    ("While it has long been believed that heart disease gets worse, we have shown that chocolate cuts it.",
     ["cuts"]),
    ("'While it has long been believed that heart disease gets worse, we have shown that chocolate cuts it.'",
     ["cuts"]),
    ("It has long been believed that heart disease only gets worse, but chocolate cuts it.", ["cuts"]),
])
def test_a_finding_set_against_what_was_known_is_no_background(cite, sentence, found_):
    text = f"# Chocolate study\n\nA report.\n\n{sentence}\n"
    assert [m for _, m in found(text, cite["cohort"], "SJ301")] == found_


@pytest.mark.parametrize("sentence, severity", [
    ("We have shown that the drug can reverse muscular dystrophy.", "error"),   # an ability the study showed
    ("The drug can reverse muscular dystrophy, the researchers hope.", "warning"),
    # a closing clause of showing: the ability is what the study showed
    ("The drug can reverse muscular dystrophy in eight weeks, dramatic new research has shown.", "error"),
    ("The drug can reverse muscular dystrophy in eight weeks, if the research is confirmed.", "warning"),
])
def test_can_after_a_verb_of_showing_is_no_hedge(tmp_path, sentence, severity):
    cit = tmp_path / "c.citation.yaml"
    cit.write_text("title: A drug for muscular dystrophy\npublished: 2011\n"
                   "study: {design: case-series, subjects: humans, sample_size: 11, condition: muscular dystrophy}\n",
                   encoding="utf-8")
    text = f"# Drug study\n\nA report.\n\n{sentence}\n"
    got = [d.severity for d in lint_text(text, "story.md", citation=str(cit)).diagnostics if d.code == "SJ102"]
    assert got == [severity]


# ---- scare quotes in running text are the writer's term --------------------------------------

@pytest.mark.parametrize("sentence, severity", [
    ('Scientists have found a "happiness gene" that makes people satisfied.', "warning"),   # the writer's term
    ('Researchers found what they described as a "happiness gene".', "info"),              # framed as someone's words
    ('He told the BBC the results showed a "happiness gene".', "info"),
    ('"Happiness gene"', "info"),                                                           # a crosshead quoting someone
])
def test_scare_quotes_in_running_text_are_the_story_claim(tmp_path, sentence, severity):
    cit = tmp_path / "c.citation.yaml"
    cit.write_text("title: Genetic variation in the serotonin transporter and life satisfaction\npublished: 2011\n"
                   "study: {design: cohort, subjects: humans}\n", encoding="utf-8")
    text = f"# Gene study\n\nA report.\n\n{sentence}\n"
    got = [d.severity for d in lint_text(text, "story.md", citation=str(cit)).diagnostics if d.code == "SJ110"]
    assert got == ([severity] if severity else [])


# ---- danger labels (SJ806) -------------------------------------------------------------------------

@pytest.mark.parametrize("headline, body, expected", [
    ("Hidden danger in chocolate", "Chocolate eaters had more heart attacks.", [("warning", "Hidden danger")]),
    ("Chocolate study", "Chocolate lovers are putting their health in danger, a study suggests.",
     [("warning", "putting their health in danger")]),
    # known before the study: background, not the story's label
    ("Chocolate study", "The dangers of sugar are well known, but a new study looks at chocolate.", []),
    ("Chocolate study", "Doctors have long warned of the dangers of sugar; now chocolate is under scrutiny.", []),
    # someone's warning, reported
    ("Vaping study", "Experts warn of the dangers of vaping after a study of 500 teenagers.", []),
    # the risk of an outcome, a question, a negation
    ("Chocolate study", "The danger of stroke was higher in chocolate eaters.", []),
    ("Is chocolate a danger to your heart?", "Chocolate eaters had more heart attacks.", []),
    ("Chocolate study", "There is no danger to the heart from one bar a day, the study found.", []),
])
def test_a_danger_label_in_the_story_s_own_voice(cite, headline, body, expected):
    assert found(f"# {headline}\n\n{body}\n", cite["cohort"], "SJ806") == expected


@pytest.mark.parametrize("study, found_", [
    ("{design: rct, randomized: true, control: placebo, subjects: humans, sample_size: 11}", ["proves"]),
    ("{design: rct, randomized: true, control: none, subjects: humans, sample_size: 500}", ["proves"]),
    ("{design: rct, randomized: true, control: placebo, subjects: humans, sample_size: 500}", []),
])
def test_proof_from_a_small_or_uncontrolled_study(tmp_path, study, found_):
    cit = tmp_path / "c.citation.yaml"
    cit.write_text(f"title: A diet for diabetes\npublished: 2011\nstudy: {study}\n", encoding="utf-8")
    text = "# Diabetes diet\n\nThe professor said it proves that diabetes need not be a life sentence.\n"
    assert [d.match for d in run(text, str(cit)) if d.code == "SJ103"] == found_


@pytest.mark.parametrize("sentence, found_", [
    # the people a claim is about are in its own clause, the nearest ones
    ("Telomeres act like the caps on the end of your shoelaces: they protect the chromosomes.", []),
    ("Some patients take aspirin, while a water pill - or diuretic - can prevent muscular dystrophy.",
     ["patients take aspirin, while a water pill - or diuretic - can prevent"]),   # an aside in dashes
    ("The drug helped muscle in muscular dystrophy to regrow; patients welcomed the news.", []),
    ("Scientists say the drug could help patients with muscular dystrophy and their families.", ["could help patients"]),
])
def test_a_claim_about_people_in_its_own_clause(cite, sentence, found_):
    text = f"# Muscular dystrophy\n\nThe study was reported on Monday.\n\nMore text here.\n\n{sentence}\n"
    assert [d.match for d in run(text, cite["mice"]) if d.code == "SJ401"] == found_


def test_a_soft_promise_beside_a_background_claim(cite):
    # the sentence's strong claim ("protects the brain from") is the barrier's, in a relative
    # clause: it does not make the soft promise another rule's business
    text = ("# Muscular dystrophy study\n\nThe technique overcomes the blood-brain barrier that protects the brain "
            "from harmful chemicals but also stops drugs reaching target cells.\n\nMore about the mice.\n")
    assert found(text, cite["mice"], "SJ403") == [("warning", "overcomes the blood-brain barrier")]


@pytest.mark.parametrize("sentence, found_", [
    ("Chocolate eaters had less heart disease, according to the first study ever to follow them.", ["first study ever"]),
    ("Chocolate eaters had less heart disease, according to the first ever study of them.", ["first ever"]),
])
def test_first_study_ever(cite, sentence, found_):
    assert [m for _, m in found(f"# Chocolate study\n\n{sentence}\n", cite["cohort"], "SJ107")] == found_


@pytest.mark.parametrize("sentence, found_", [
    ("Scientists yesterday confirmed what campaigners have always known: chocolate cuts heart disease.", ["confirmed what"]),
    # the same sentence denies proof: balanced, not a claim of proof
    ("Experts said the research confirmed what doctors had assumed, though it did not prove that chocolate cuts heart disease.", []),
])
def test_confirmed_what_was_known(cite, sentence, found_):
    assert [m for _, m in found(f"# Chocolate study\n\n{sentence}\n", cite["cohort"], "SJ103")] == found_


@pytest.mark.parametrize("body,found_", [
    # "rather than" cancels only its own phrase: the main clause after it is asserted
    ("Rather than pinning the blame on smoking, the key factor was that chocolate cuts heart disease.", ["cuts"]),
    ("The study shows an association rather than that chocolate cuts heart disease.", []),
])
def test_rather_than_cancels_only_its_own_phrase(cite, body, found_):
    assert matches_in_body(body, cite["cohort"]) == found_


@pytest.mark.parametrize("body,found_", [
    ("Their heart disease is too advanced to benefit from chocolate.", []),     # "too ... to": not
    ("Their heart disease is too far advanced to benefit from chocolate.", []),
    ("Chocolate eaters benefit from chocolate.", ["benefit"]),
])
def test_too_much_to_is_a_negation(cite, body, found_):
    assert matches_in_body(body, cite["cohort"]) == found_


@pytest.mark.parametrize("body,found_", [
    # other studies in the plural, counted or recent, and a body of evidence
    ("Recent studies have also found that chocolate cuts heart disease.", []),
    ("Many studies suggest chocolate cuts heart disease.", []),
    ("A number of randomized trials demonstrate that chocolate cuts heart disease.", []),
    ("A growing body of evidence shows chocolate cuts heart disease.", []),
    ("The two studies found that chocolate cuts heart disease.", ["cuts"]),            # may be this paper's
    # ... unless the claim is set against them
    ("While previous studies have linked cocoa to health, we have shown that chocolate cuts heart disease.", ["cuts"]),
])
def test_other_studies_counted_and_set_against(cite, body, found_):
    assert matches_in_body(body, cite["cohort"]) == found_


def test_a_reviews_numerous_studies_are_its_own(cite):
    body = "The team combined the results of numerous studies to show that chocolate cuts heart disease."
    assert matches_in_body(body, cite["meta"]) == ["cuts"]
    assert matches_in_body(body, cite["cohort"]) == []


@pytest.mark.parametrize("sentence,code,found_", [
    ("Your doctor will decide how long you should take the drug for muscular dystrophy.", "SJ109", []),  # a question
    ("People should take the drug for muscular dystrophy.", "SJ109", ["People should take"]),
    ("Grip strength was the single most powerful predictor of muscular dystrophy.", "SJ108", []),   # a statistic
    ("The drug is the most powerful treatment for muscular dystrophy.", "SJ108", ["most powerful"]),
])
def test_embedded_questions_and_statistics_are_not_claims(cite, sentence, code, found_):
    assert matches_in_body(sentence, cite["mice"], code, headline="Drug study") == found_


@pytest.mark.parametrize("body,found_", [
    # a claim that is the subject of a denial after it
    ("The benefits of chocolate for heart disease are not known.", []),
    ("The effect of chocolate on heart disease has not been proven.", []),
    ("The effects of chocolate on heart disease remain unclear, but it is tasty.", []),
    # ... not a new finding told in a relative clause
    ("Chocolate has an effect on heart disease that was not known before.", ["effect on"]),
])
def test_a_denial_after_the_claim_negates_it(cite, body, found_):
    assert matches_in_body(body, cite["cohort"]) == found_


@pytest.mark.parametrize("body,found_", [
    # what was given, not its effect
    ("Patients with muscular dystrophy are usually treated with steroids.", []),
    ("Children treated for muscular dystrophy were followed for a year.", []),
    ("The drug treated children with muscular dystrophy.", ["SJ401"]),
])
def test_a_description_of_treatment_is_no_claim_about_people(cite, body, found_):
    text = f"# Drug study\n\nThe drug was tested in mice.\n\n{body}\n"
    assert [d.code for d in run(text, cite["mice"]) if d.code in ("SJ401", "SJ402")] == found_


def test_a_definition_in_a_closing_clause_leaves_the_claim_before_it(tmp_path):
    text = ("# Diet study\n\nA report.\n\nThe breakthrough is good news for the people who have this type of "
            "diabetes, which is caused by the pancreas not producing enough insulin.\n")
    cit = tmp_path / "c.citation.yaml"
    cit.write_text("title: A diet for type 2 diabetes\npublished: 2011\nstudy: {design: case-series, sample_size: 11}\n",
                   encoding="utf-8")
    assert [d.match for d in run(text, str(cit)) if d.code in ("SJ104", "SJ803")] == ["breakthrough"]

