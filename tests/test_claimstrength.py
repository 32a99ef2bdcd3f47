"""Unit tests for the rule-based claim-strength classifier (hand-written sentences)."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from lint.claimstrength import Strength, causal_word, classify, lowered

PUBMED_CSV = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "claim-strength" / "pubmed_conclusions.csv"


@pytest.mark.parametrize(
    "sentence, level",
    [
        # 3: direct causal
        ("Regular exercise reduces the risk of heart disease.", 3),
        ("The new inhaler prevented asthma attacks in most children.", 3),
        ("Statins cut the risk of a second heart attack by a third.", 3),
        ("Daily flossing led to fewer gum infections.", 3),
        ("The vaccine is effective in preventing severe illness.", 3),
        ("The training programme improved the reading scores of pupils.", 3),
        ("Wearing a helmet protects against serious head injury.", 3),
        ("The screening programme saves lives.", 3),
        ("Eating nuts makes you live longer.", 3),
        ("Pain was relieved by the new cream.", 3),
        ("Health campaigns have reduced women's risk of heart attacks.", 3),  # a possessive object
        ("Statins have cut deaths from heart disease.", 3),  # "cut" is its own participle
        ("The differences in death rates were mainly due to wealth.", 3),  # a copular explanation
        ("'Mutant gene' to blame for laziness", 3),
        ("Found: Genes that give you a stroke", 3),            # give + a person + a disease
        ("This gave them greater peripheral vision.", 3),      # give + a person + a changed state
        ("We would not wish to give people false hope.", 0),
        ("The research helps to illustrate brain physiology.", 0),      # help to research
        # 2: conditional causal
        ("Regular exercise may reduce the risk of heart disease.", 2),
        ("Daily walking could lead to better sleep in older adults.", 2),
        ("Vitamin D appears to protect against fractures.", 2),
        ("Green tea might increase alertness in shift workers.", 2),
        ("A low-salt diet may be helpful for people with kidney disease.", 2),
        ("Mindfulness training potentially improves concentration.", 2),
        # 1: correlational
        ("Coffee drinking was associated with a lower risk of stroke.", 1),
        ("Sleep deprivation is linked to obesity in children.", 1),
        ("Smokers were more likely to develop gum disease than non-smokers.", 1),
        ("Blood pressure correlated with salt intake.", 1),
        ("Low income is a strong predictor of poor dental health.", 1),
        ("Anxiety scores were higher in night-shift nurses than in day-shift nurses.", 1),
        ("Mortality was reduced in the group that walked daily.", 1),
        ("Walkers had reduced mortality compared with non-walkers.", 1),
        ("Toddlers who eat more chips and pizza have lower IQ.", 1),   # "have" + bare "lower": an attribute
        # an -s form before a modal is a plural subject: the modal's verb is the claim
        ("He said government cuts would worsen health inequalities.", 2),
        ("Inequality will grow as Government cuts ravage jobs in the North.", 1),   # a noun compound: a change
        # 0: no relationship stated
        ("The sample included 200 adults from three cities.", 0),
        ("Further trials are needed to determine whether aspirin prevents dementia.", 0),
        ("This trial was registered with the national registry.", 0),
        ("Clinicians should discuss treatment options with each patient.", 0),
        ("More than 60% of participants completed the questionnaire.", 0),
        ("Strategies to reduce waiting times are being developed.", 0),
        ("", 0),
    ],
)
def test_levels(sentence: str, level: int) -> None:
    assert classify(sentence).level == level


def test_negation_keeps_the_relation_type() -> None:
    # Yu et al. convention (and the shipped default, negated_relation: keep):
    # a negated relation is still a statement of that type.
    assert classify("The new drug did not reduce mortality.").level == 3
    assert classify("Tea intake was not associated with bladder cancer.").level == 1
    assert classify("There was no association between tea intake and cancer.").level == 1
    assert classify("The supplement may not improve memory.").level == 2
    assert classify("Exercise not only reduces weight but also improves mood.").level == 3


def test_hedge_scope_is_local() -> None:
    # the hedge governs only its own clause
    s = "Screening may be costly; however, it reduces deaths from bowel cancer."
    r = classify(s)
    assert r.level == 3 and r.cue == "reduces"


def test_purpose_and_attributive_forms_are_not_claims() -> None:
    assert classify("Patients treated with the drug were interviewed.").level == 0
    assert classify("We designed an app to improve adherence.").level == 0
    assert classify("Patients with increased appetite were excluded from the study.").level <= 1


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("Regular exercise reduces the risk of heart disease.", "reduces"),
        ("Regular exercise may reduce the risk of heart disease.", "may reduce"),
        ("Vitamin D appears to protect against fractures.", "appears to protect against"),
        ("Coffee drinking was associated with a lower risk of stroke.", "associated with"),
        ("Higher air pollution is correlated with asthma admissions.", "correlated"),
        ("The vaccine is EFFECTIVE in preventing severe illness.", "EFFECTIVE"),
        ("\u201cThe drug \u2013 given daily \u2013 lowers blood pressure,\u201d she said.", "lowers"),
    ],
)
def test_cue_spans(sentence: str, cue: str) -> None:
    r = classify(sentence)
    assert r.cue == cue
    assert sentence[r.start:r.end] == cue


def test_level_zero_has_empty_span() -> None:
    assert classify("The sample included 200 adults.") == Strength(0, 0, 0, "")


def test_strength_is_frozen() -> None:
    r = classify("Exercise reduces stress.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.level = 0  # type: ignore[misc]


def test_non_ascii_text_keeps_offsets() -> None:
    s = "Der Öl-Konsum (İstanbul cohort) was linked to ß-cell loss."
    r = classify(s)
    assert r.level == 1 and s[r.start:r.end] == r.cue == "linked"


@pytest.mark.skipif(not PUBMED_CSV.is_file(), reason="shared PubMed claim-strength benchmark not available")
def test_pubmed_benchmark_floor() -> None:
    from tools.evaluate import causal_f1, load_pubmed, macro_f1

    rows = load_pubmed(PUBMED_CSV)
    gold = [g for _, g in rows]
    pred = [classify(s).level for s, _ in rows]
    # measured: macro-F1 0.782, causal-vs-rest F1 0.726 on the whole set
    assert macro_f1(gold, pred) >= 0.76
    assert causal_f1(gold, pred) >= 0.70


# --- another classifier's lower level, on the rules' words (lint/claimstrength.lowered)


def test_lowered_takes_a_lower_level_and_keeps_the_words() -> None:
    s = "Drinkers were less likely to get diabetes."
    rules = classify(s)
    assert rules.level == 1
    assert lowered(rules, 1) is rules
    assert lowered(rules, 0) == Strength(0, 0, 0, "")
    conditional = classify("Green tea could help protect the heart.")
    down = lowered(conditional, 1)
    assert (down.level, down.cue, down.start, down.end) == (1, "could help protect", conditional.start, conditional.end)


def test_lowered_never_raises() -> None:
    for s in ("Drinkers were less likely to get diabetes.", "Exercise affects mood in teenagers."):
        rules = classify(s)
        for level in range(rules.level, 4):
            assert lowered(rules, level) is rules


@pytest.mark.parametrize(
    "sentence, level",
    [
        ("Vitamin D is the key to a long life.", 3),       # single-cause nouns of the news register
        ("Being single is bad for your health.", 3),
        ("A Mediterranean diet is good for you.", 3),
        ("Regular exercise could add years to your life.", 2),
        ("The way we navigate is controlled by two brain regions.", 3),
        ("Much of our immune system is under the control of our genes.", 3),
        ("Judgements are most influenced by what other teenagers think.", 3),
        # a count of deaths is background; an effect size or a kind of case is a claim
        ("Heart disease alone causes 91,000 deaths a year.", 0),
        ("Smoking causes 20% more deaths.", 3),
        ("A gene mutation causes some cases of melanoma.", 3),
        ("Hypertension affects more than 10 million Britons.", 0),
        # causative make with a person and an adjective; stop ... from + -ing
        ("How central heating is making you fat", 3),
        ("The effect was larger in men, making more extremely obese Russian men an important target.", 0),
        ("Sitting in your cosy home stops you from burning calories.", 3),
        ("People who stopped smoking from the age of 40 were studied.", 0),
        # a plural noun before a relative clause or after a subordinator; not "drives that figure"
        ("Pointing to brain changes that affect all youngsters.", 3),   # the cue is "affect"
        ("This is the stage when changes occur in the brain.", 1),
        ("Early daycare drives that figure down by nearly a quarter.", 3),
        ("The WHO says drug-resistant TB is rapidly increasing around the world.", 1),
        ("It means patients receive double the usual dose of medication.", 1),
        # "will" as a noun is no modal; "combat" before a noun is no verb
        ("The number admitted against their will has increased by more than 60 per cent.", 1),
        ("Both combat veteran soldiers and children tune their brains to danger.", 0),
        ("Exercise can combat depression.", 2),
        # causal wording around a number, in points or as a size; not what observers saw
        ("Children who ate junk food saw a 2 point fall in IQ.", 3),
        ("Patients saw a large drop in blood pressure.", 3),
        ("Researchers saw a twofold rise in cases.", 1),
        # a hypothetical passive needs no agent: a hedged effect
        ("The study showed that the failure rate could be cut in half.", 2),
        ("Blood pressure levels may be reduced.", 2),
        ("Blood pressure levels were reduced.", 1),
        # "worked" as a job or a collaboration, not a treatment that works
        ("Professor Smith, who also worked on the study, said it was good.", 0),
        ("The team worked with 200 patients.", 0),
        ("App works out chance of IVF baby", 0),
        ("The drug worked in mice.", 3),
        ("It works on the brain.", 3),
        ("It works as well as aspirin.", 3),
        # the main verb after a relative clause between commas
        ("Omega-3, which is found in oily fish, resulted in children sleeping longer.", 3),
        ("Patients, who were older, reduced their doses.", 3),
        ("Adults with reduced mortality, which was measured yearly, were older.", 1),  # attributive, as before
        ("Sugar is behind the obesity epidemic.", 3),
        ("Smoking was to blame for the rise in cases.", 3),
        ("Plain packs likely to deter smoking.", 2),
        ("The finding is a key to understanding the disease.", 0),  # a belief, not health
        ("The grant helped researchers find the gene.", 0),
        ("Many of them died of cardiovascular causes.", 0),         # the noun "causes"
        ("Deaths from all causes fell.", 0),
        ("Lack of sleep causes weight gain.", 3),
        ("Smoking kills.", 3),
        ("Heart defects affect around one in every 145 babies.", 0),  # a prevalence, not a cause
        ("The disease kills 5,000 people a year.", 0),
        ("Stress affects the immune system.", 3),
        ("The gap will worsen as unemployment rises.", 1),  # a change with no object: not a cause
        ("Smoking will worsen the symptoms.", 3),
        ("Drinking coffee is linked to living longer.", 1),  # the association's object, not a claim
        ("Coffee was associated with saving lives.", 1),
        ("People who drink coffee live longer.", 3),
        ("The greater the pain, the greater the amount of endorphins produced.", 1),  # a participle
        ("The drug produced more endorphins.", 3),
        ("The theory was that the drug would prevent the loosening.", 0),  # a hypothesis, not a finding
        ("The hypothesis was that statins reduce the risk.", 0),
        ("Mothers who opt for home birth face triple the risk of problems.", 1),  # a multiplier
        ("Smokers have double the risk of stroke.", 1),
        ("Smoking can triple the risk of stroke.", 2),
        ("Smokers double their risk of stroke.", 3),
        ("The movements are a direct result of his mother's smoking.", 3),  # causal nouns of the news register
        ("College finds cure for lethal superbug", 3),
        ("A mutation gives complete protection against the disease.", 3),
        # "help": a causal verb of its own unless it hands the claim on
        ("Second language helps you stay sharp in later life.", 3),
        ("Exercise helped patients recover faster.", 3),
        ("Exercise may help patients recover.", 2),
        ("These findings help explain why some people relapse.", 1),   # "explain" (level 1), not help
        ("The test will help patients and their families plan for their last days.", 0),
        ("Most people with hearing loss do not seek help.", 0),         # the noun
        ("Relatives die with the help of sedation.", 0),
        # headline grammar: an ambiguous bare verb after a short plural subject
        ("Statins cut heart attack risk", 3),
        ("Financial incentives help pregnant women to quit smoking", 3),
        ("Daily naps harm children's sleep", 3),
        ("Participants lower in income had worse health", 1),           # the comparative
        # a causal verb with its object inside
        ("Newer contraceptive pill puts millions of women at risk of blood clots", 3),
        ("Young men who use cannabis may be putting their fertility at risk", 2),
        ("The study put the results in context", 0),
        ("Early eating habits have a long term impact", 3),
        ("The scheme has had little effect", 0),
        ("We have the effect of age", 0),
        ("Response kinetics dictate sensitivity to hormone pulses.", 3),
        ("Second language keeps brain sharp in old age", 3),
        ("Coffee may keep dementia at bay", 2),
        ("Patients kept the diary for a week", 0),
        ("Research sheds light on the impact smoking has on unborn babies", 3),
        ("Weight management is critical for survival in motor neuron disease", 3),
        ("Wearing red makes men look angry and aggressive, new research claims.", 3),
        ("Shopping vouchers make pregnant smokers more likely to quit", 3),
        ("Osteoporosis drugs could make joint replacements last longer", 2),
        ("Junk food makes kids less brainy", 3),                               # a comparison made of people
        ("Focusing on the success of others can make us selfish", 2),
        ("The scheme will make people more money", 0),
        ("Experts hope that by making them more successful they will prove cost effective", 0),  # "them": things
        ("Prof Dunbar's theory is that endorphins make people more susceptible to developing bonds", 2),  # a conjecture
        ("Every age group is affected by a higher chance of a premature death.", 1),   # odds, not an agent
        ("Mortality was reduced by exercise.", 3),
        ("Lettuce and olive oil 'help heart health'", 3),                      # a coordinated subject
        ("The harmful effects of smoking in pregnancy may be seen in 4D scans", 2),   # the main verb's hedge
        ("Yet many countries are missing out on life-saving treatments", 0),  # a description, not a claim
        ("Short-sightedness is rising, with computers and too little time outdoors to blame", 3),
        ("4D ultrasound scans show the harmful effects of smoking during pregnancy on babies", 3),
        ("Ketamine has been successfully used to treat depression", 3),
        ("We made the decision to stop", 0),
        ("Scientists have found a way to stop nerve cells sensing pain", 3),
        ("Scientists found a way to predict who will develop dementia", 1),   # "predict": finding out
        ("Schools face significant funding cuts \u2013 weekly news review", 1),   # a dash ends the clause part
        ("Schools face significant funding cuts \u00d0 weekly news review", 1),   # an em dash mis-decoded
        ("Schools face significant funding cuts - weekly news review", 1),        # a spaced hyphen
        # session 8
        ("Around 10 percent continue to deliberately harm themselves into young adulthood", 0),  # a behaviour
        ("People living with mild diabetes can cure themselves", 2),           # an outcome, not a behaviour
        # "because (of)" gives a cause after an outcome or a comparison
        ("Some men more likely to riot because of 'impulsive' brains", 3),
        ("Deaf people have better sight because their retinas develop more fully", 3),
        ("The study failed to capture risk factors because of missing data", 1),   # the study's reasoning
        ("Obese women should be advised to exercise because it attenuates weight gain", 0),  # advice
        ("People feel less pain after a laugh, because it may cause the body to release endorphins", 2),  # hedged
        ("It is possible children are more vulnerable because of malnutrition", 0),   # a supposed reason
        ("The disease is a growing problem because of an ageing population", 0),      # no outcome compared
        ("Of 195 babies with an abnormal result in the test, 26 had a defect", 0),    # a noun after its determiner
        ("Smoking can result in cancer", 2),
        ("STAYING single is harmful to your health, a study has revealed.", 3),
        ("Naps ruin a night's sleep for children over two.", 3),
        ("A beautiful song can dispel the blues.", 2),
        ("A life on benefits is not a lifestyle choice.", 0),                # welfare payments
        ("New colon cancer culprit found in gut microbiome", 3),
        ("Heavy drinking link to longer work hours", 1),                     # headline noun
        ("Health campaigns have reduced veterans\u2019 risk of heart attacks", 3),
        ("Graphic images show how cigarettes make one baby agitated.", 3),       # causative make
        ("Big plates make people eat more.", 3),
        ("Judgements on how risky a situation might be are most influenced by peers", 3),   # the hedge is another clause's
        ("Stress may be reduced by exercise", 2),
        ("MND patients benefited most from enteral feeding", 3),                 # the cause follows "from"
        ("They form nitro fatty acids which lower blood pressure", 3),         # a relative clause's verb
        ("Daily dose of omega-3 stops youngsters waking during the night", 3),   # stop, object, -ing
        ("He stopped developing the app", 0),
        ("A device allows stroke victims to move their hands", 3),             # enabling lost function
        ("The method allows researchers to see the cells", 0),
        ("Patients who benefited were older", 0),
        ("Parental smoking puts nearly half a million UK children into poverty", 3),   # a plural possessive: an object
        ("Smokers have reduced 'heart attacks' risk", 1),                     # a closing quote mark, not a possessive
        ("There are six different types of obese person, scientists say.", 0),   # kinds, not a comparison
        ("The illegal drug ketamine could be used to treat depression.", 2),      # a hedged prospect
        ("Test could spot early dementia", 2),
        ("Women would be willing to trial gene therapy to treat growth restriction.", 0),   # a purpose
        ("Patients treated with the drug were followed for a year.", 0),
        ("Fat mass was significantly different between the groups.", 1),
        ("Their brains were different from those of controls.", 1),
        ("Genetic study links creativity to mental illness", 1),
        ("Frequent users of emergency care twice as likely to die", 1),
        ("Cellular memory of hypoxia elicits neuroblastoma metastasis.", 3),
        ("Pericytes are major regulators of cerebral blood flow.", 3),
        ("Benefit claimants were more likely to smoke.", 1),
        ("The benefits of exercise are clear.", 3),
        ("Smoking destroys health and undermines family budgets.", 3),
        ("NICE had changed its guidelines as a result of the study", 0),             # rules, not health
        ("They hoped its findings would help galvanise support for earlier intervention", 0),
        ("Toddlers' diets could affect IQ levels even if their eating habits later improved", 2),  # "if" after
        ("If it reduces mortality, it should be used", 0),                       # "if" before: supposed
        ("By the age of three, brain development is slowing down.", 1),         # a particle, no object
        ("Exercise slows down ageing", 3),
        ("It gives teenagers another reason to blame their parents", 0),        # the verb, with its object
        ("Sugar is to blame for obesity", 3),
        ("Despite the availability of effective therapies, glaucoma often goes untreated", 0),  # treatments in general
        ("There are no effective treatments for the disease", 0),
        ("Statins are effective treatments for heart disease", 3),
        ("In 2016, breast cancer was responsible for 14 percent of all cancer-related deaths", 0),  # a share
        ("The drug was responsible for the improvement", 3),
        ("Participants with 5 to 6 points had a 68 percent decreased risk of lethal prostate cancer", 1),  # an amount
        ("The diet reduced weight by 5 percent", 3),
        ("The larger number of people strengthens this earlier evidence", 0),  # a belief
        ("The charity has helped raise over £100 million to build theatres", 0),  # money
        ("The scheme could save the NHS £1bn a year", 0),
        ("The scheme could save lives and money", 2),
        ("Breast reconstruction provides good results in older women", 0),  # the noun
        ("Smoking results in cancer", 3),
        ("Mount Sinai researchers involved in successful phase 3 trial", 0),  # taking part
        ("The gene is involved in obesity", 3),
        ("The study examined the effects of curcumin on memory as well as its potential impact on plaques", 0),
        ("The study examined 500 people and found that diet had an effect on mood", 3),
        # ... and a noun of studying: the topic of the research, not a finding
        ("This was the second part of an investigation into the effects cocoa flavanols have on the brain", 0),
        ("As one of the largest analyses on the risks and benefits of ADHD medication, it drew on many records", 0),
        ("A review of 20 trials found benefits of exercise for depression", 3),
        ("The analysis proves the benefits of exercise", 3),
        ("The restrictions have limited effects on reducing the risk of death", 0),  # no claim of an effect
        ("There was no effect on lumen volume", 3),                                  # a negated relation keeps its level
        ("Cases were confirmed through records, and cause of death was recorded", 0),  # a variable
        ("Smoking is a cause of death", 3),
        ("Sleep improved more, as determined by the sleep diaries, than with the app", 1),  # how it was measured
        ("Ultrasound Headset May Be New Way to Recognize Concussion on the Sidelines", 0),  # a way to find out
        ("The drug is a new way to treat concussion", 3),
        ("Heart failure affects close to one million Canadians", 0),                 # a count of cases
        ("There is a lack of trials that compare the effectiveness of treatments", 0),
        ("Our research underlines the effectiveness of the drug", 3),
        ("This adds to concerns about increased resistance to antibiotics", 1),          # an attribute
        ("People with high blood pressure are at risk of developing elevated systolic pressure", 1),
        ("The board is educating consumers on the benefits of avocados", 0),          # a topic
        ("The findings may sway the ongoing debate over testosterone therapy's benefits", 0),
        ("Height is determined by genes", 3),
        ("Patients had an endovascular repair of the aorta", 0),                     # a noun after its article
        ("The disease is caused by DNA repair mutations", 3),
        ("Stem cells repair the spinal cord", 3),
        ("Genes that cause schizophrenia were found", 3),
        ("Finding an effective treatment is difficult", 0),                          # one sought
        ("Early results have led to more definitive studies", 0),                    # research, not health
        ("Although the ultimate cause of the disease remains unknown, trials went ahead", 0),
        ("This work was supported by a grant from Vita Solutions, a subsidiary of The Shield Group", 0),  # a name
        ("The research, which took three years, was paid for by a grant from the charity Help the Aged", 0),
        ("Exercise Helps Memory In Older Adults", 3),                              # a headline's capitals
        ("The design makes it impossible to ascertain direct cause and effect", 0),
        ("Ixekizumab works by neutralizing a pathway in the immune system", 0),    # how it acts
        ("The drug works in most patients", 3),
        ("The standard is contrast enhanced magnetic resonance imaging", 0),
        ("Public health efforts and effective cessation treatments were tried", 0),
        ("Insulin cell function in the pancreas increased towards normal", 1),   # a change, no object
        ("Scientists study insects to find more effective ways of controlling them", 0),
        ("The UK recommends prolonged breastfeeding as a means of reducing eczema", 1),
        ("RLS may affect as many as 10 percent of the population", 0),            # a prevalence
        ("Mothers are twice as likely to have a baby who dies or is seriously harmed", 1),  # an outcome
        ("Patients were harmed by the drug", 3),
        ("A low-calorie diet is also thought to slash the risk of cancer", 2),   # a belief, hedged
        ("Self-harm was associated with depression and alcohol use (which doubled the risk)", 1),  # the size
        ("The link between bullying and depression: Abuse doubles the risk of it", 3),
        ("Smoking doubled the risk of cancer", 3),
        ("Acne affects 85 percent of people under the age of 18", 0),        # a share of people
        ("Low back pain affects at least 80 percent of the population", 0),
        ("Smoking kills 20 percent more people", 3),                          # an effect size
        ("Obesity in children has different causes at different ages", 3),
        ("With health care cuts looming, magnesium is welcome", 1),          # the noun
        ("Screening programmes are designed to save lives through early diagnosis", 0),  # a purpose
        ("Scientists have modified the assay to offer faster diagnosis", 0),      # a tool worked on
        # session 11: a participle after "to" is never an infinitive
        ("Long working hours linked to increased risky alcohol use", 1),
        ("Chocolate consumption and links to reduced health risks were reviewed", 1),
        ("Exercise led to improved survival", 3),                               # the verb before it decides
        ("How drinking behaviour changes through the years", 1),                # intransitive
        ("Leicester discovery to help predict who will benefit from lung cancer treatment", 1),  # a prediction; "benefit" is in its embedded question
        ("A test can identify which patients will benefit from chemotherapy", 0),
    ],
)
def test_news_register(sentence: str, level: int) -> None:
    assert classify(sentence).level == level


@pytest.mark.parametrize("sentence, cue", [
    ("Exercise helps reduce blood pressure.", "reduce"),                  # the verb after "help" decides
    ("It can help protect against dementia.", "can help protect against"),   # the hedge is part of the cue
    ("Newer pill puts millions of women at risk of clots", "puts millions of women at risk"),
    ("Diet had a big effect, the study found.", "had a big effect"),
    ("Diet has a big impact on mood.", "impact on"),
    ("The harmful effects of smoking may be seen in scans.", "harmful effects of"),   # the hedge comes after
])
def test_help_and_put_cues(sentence: str, cue: str) -> None:
    assert classify(sentence).cue == cue


@pytest.mark.parametrize("sentence, level, modal", [
    ("Chocolate can cut the risk of heart disease.", 2, "can"),   # Sumner et al. 2014 code "can" as a hedged claim
    ("Chocolate could cut the risk of heart disease.", 2, "could"),
    ("Chocolate cuts the risk of heart disease.", 3, ""),
    ("Chocolate cannot cut the risk of heart disease.", 3, ""),   # negation is the context's (lint.context)
    ("Chocolate eaters can have lower blood pressure, and chocolate cuts heart risk.", 3, ""),
])
def test_the_hedge_that_made_a_claim_conditional_is_kept(sentence: str, level: int, modal: str) -> None:
    found = classify(sentence)
    assert (found.level, found.modal) == (level, modal)


def test_each_benchmark_reads_can_by_its_own_annotation_scheme() -> None:
    from tools.evaluate import levels

    texts = ["Exercise can reduce the risk of dementia.", "Exercise may reduce the risk of dementia.",
             "Exercise reduces the risk of dementia."]
    assert levels(texts, "rules") == [2, 2, 3]               # InSciOut (Sumner et al. 2014), as the linter reads it
    assert levels(texts, "rules", scheme="yu") == [3, 2, 3]  # Yu et al.'s PubMed labels: "can" is direct causal


@pytest.mark.parametrize("sentence", [
    "Climate change won't reduce winter deaths",
    "Climate change won\u2019t reduce winter deaths",          # the typographic apostrophe
    "Being highly educated DOESN'T make you any happier",
])
def test_contractions_negate(sentence: str) -> None:
    assert classify(sentence).negated


@pytest.mark.parametrize("sentence, level, negated", [
    ("Pentoxifylline did not improve survival in patients with alcoholic hepatitis.", 3, True),
    ("Water fluoride levels do not increase risk of bone cancer.", 3, True),
    ("Coffee was not associated with heart disease.", 1, True),
    ("Not only does coffee cut the risk, it improves mood.", 3, False),
    ("Coffee cuts the risk of heart disease.", 3, False),
])
def test_a_negated_relation_keeps_its_level_and_says_so(sentence: str, level: int, negated: bool) -> None:
    found = classify(sentence)
    assert (found.level, found.negated) == (level, negated)


def test_insciout_reads_a_negated_relation_as_no_relationship() -> None:
    from tools.evaluate import levels

    texts = ["Pentoxifylline did not improve survival.", "Coffee was not associated with heart disease."]
    assert levels(texts, "rules") == [0, 0]               # InSciOut codes "no relationship" as 0
    assert levels(texts, "rules", scheme="yu") == [3, 1]  # Yu et al. keep the relation's type


def test_statement_pairs_compare_a_release_with_its_papers_strongest_claim() -> None:
    from tools.evaluate import statement_pairs

    def row(ref, source, where, label):
        return {"sentence": f"{ref} {source} {where}", "label": str(label), "source": source, "where": where,
                "reference": ref}

    rows = []
    for k in range(40):  # enough studies that both halves hold some
        ref = f"r{k:02d}"
        rows += [row(ref, "press release", "main statement", 3), row(ref, "press release", "title", 0),
                 row(ref, "journal article", "main statement", 1), row(ref, "journal article", "main statement", k % 4)]
    pairs = statement_pairs(rows, "dev") + statement_pairs(rows, "held-out")
    assert len(pairs) == 40 and not {p["original_file_id"] for p in statement_pairs(rows, "dev")} & \
        {p["original_file_id"] for p in statement_pairs(rows, "held-out")}
    for p in pairs:
        paper = max(1, int(p["original_file_id"][1:]) % 4)
        assert p["abstract_strength"] == paper and p["press_release_strength"] == 3
        assert p["exaggeration_label"] == ("same" if paper == 3 else "exaggerates")


def test_both_keeps_the_rules_causal_cues_and_asks_the_model_elsewhere(monkeypatch) -> None:
    import tools.evaluate as ev

    class Fake:  # reads every sentence as correlational
        def probabilities(self, texts):
            return [[0.0, 1.0, 0.0, 0.0] for _ in texts]

        def most_likely(self, p):
            return max(range(4), key=lambda k: p[k])

    monkeypatch.setattr(ev, "_model", lambda: Fake())
    texts = ["Chocolate cuts heart disease.", "Chocolate may cut heart disease.",
             "Chocolate did not cut heart disease.", "Chocolate eaters were studied.",
             "Chocolate was associated with heart disease."]
    assert ev.levels(texts, "both") == [3, 2, 0, 1, 1]


@pytest.mark.parametrize("text,word", [
    ("Too much sleep 'hits brain power'", "hits"),                       # model_candidates
    ("Junk food makes kids less brainy", "makes"),                       # a causal frame's verb
    ("Impact of childhood bullying still evident after 40 years", "Impact"),
    ("Researchers found the pill lowered blood pressure", "lowered"),    # the rules' own verb
    ("Dr Reddy has been appointed", None),                               # no causal word
    ("Cocaine levels have risen", None),                                 # "have" is no claim
    ("Antibiotics have little effect on cough", None),                   # no effect
    ("Too much sleep may hit brain power", None),                        # hedged
    ("Sleep does not hit brain power", None),                            # negated
    ("The find raises the prospect of drugs that protect the heart", None),   # a prospect and its content
    ("Congenital heart defects affect around one in every 145 babies", None),  # a count of cases
    ("Parents save up to £6.58 a week by changing shopping habits", None),     # money
    ("'Language gene' effect explored by Edinburgh scientists", None),   # the topic of the research
    ("Ecstasy is being developed to fight leukaemia", None),             # an aim
    ("Breakthrough in Britain's fight against dementia", None),         # a noun
])
def test_causal_word_for_a_model_reading(text, word) -> None:
    found = causal_word(text)
    assert (found.cue if found else None) == word
    if found:
        assert text[found.start:found.end] == word and found.level == 3 and found.model_probability == 0.0
