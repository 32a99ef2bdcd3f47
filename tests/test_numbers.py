import os
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from lint.agreement import agrees, agrees_date
from lint.numbers import NumberMention, extract


def one(text, kind=None):
    ms = [m for m in extract(text) if kind is None or m.kind == kind]
    assert len(ms) == 1, (text, ms)
    m = ms[0]
    assert text[m.start:m.end] == m.text
    return m


def texts(text):
    ms = extract(text)
    for m in ms:
        assert text[m.start:m.end] == m.text
    return [m.text for m in ms]


# ---------------------------------------------------------------- extraction

@pytest.mark.parametrize("text, span, value", [
    ("A total of 210,482 people.", "210,482", 210482),
    ("It rose by 3.5 on average.", "3.5", 3.5),
    ("We saw thirteen patients.", "thirteen", 13),
    ("Thirteen patients enrolled.", "Thirteen", 13),
    ("They had twenty-one sites.", "twenty-one", 21),
    ("They had twenty one sites.", "twenty one", 21),
    ("About two hundred mice.", "About two hundred", 200),
    ("two hundred and fifty mice", "two hundred and fifty", 250),
    ("It affects 1.2 million people.", "1.2 million", 1_200_000),
    ("It affects a million people.", "a million", 1_000_000),
    ("three thousand five hundred cases", "three thousand five hundred",
     3500),
    ("half a million people", "half a million", 500_000),
    ("a dozen labs", "a dozen", 12),
    ("n = 2000 in total", "2000", 2000),
    ("2000 patients took part", "2000", 2000),
])
def test_counts(text, span, value):
    m = one(text)
    assert m.kind == "count"
    assert m.text == span
    assert m.value == value
    assert m.start == text.index(span)


def test_vague_counts():
    m = one("Hundreds of thousands of people have SCI.")
    assert (m.kind, m.value, m.qualifier, m.vague) == (
        "count", 200_000, "about", True)
    assert m.text == "Hundreds of thousands"
    assert one("THOUSANDS of people").vague
    assert one("tens of thousands of cases").value == 20_000
    assert extract("the tens digit") == []


@pytest.mark.parametrize("text, span, value, unit", [
    ("Rates fell 18% overall.", "18%", 18, "percent"),
    ("Rates fell 18 percent.", "18 percent", 18, "percent"),
    ("Rates fell 18 per cent.", "18 per cent", 18, "percent"),
    ("Rates fell 18.4%.", "18.4%", 18.4, "percent"),
    ("eighteen percent of them", "eighteen percent", 18, "percent"),
    ("a drop of 4 percentage points", "4 percentage points", 4, "points"),
])
def test_percents(text, span, value, unit):
    m = one(text)
    assert (m.kind, m.text, m.value, m.unit) == ("percent", span, value, unit)


@pytest.mark.parametrize("text, span, num, den", [
    ("improved in 12 of 13 patients", "12 of 13", 12, 13),
    ("in twelve of the thirteen patients", "twelve of the thirteen", 12, 13),
    ("45 out of 60 responded", "45 out of 60", 45, 60),
    ("one in five adults", "one in five", 1, 5),
    ("1 in 4 adults", "1 in 4", 1, 4),
    ("one in a million", "one in a million", 1, 1_000_000),
    ("a fifth of users", "a fifth", 1, 5),
    ("one-third of users", "one-third", 1, 3),
    ("two-thirds of users", "two-thirds", 2, 3),
    ("three quarters of users", "three quarters", 3, 4),
    ("half of the cohort", "half", 1, 2),
    ("a quarter of the cohort", "a quarter", 1, 4),
    ("three in four doctors", "three in four", 3, 4),
])
def test_fractions(text, span, num, den):
    m = one(text)
    assert (m.kind, m.text, m.value, m.of) == ("fraction", span, num, den)


def test_fraction_words_need_a_numerator():
    assert extract("the third patient") == []
    assert extract("in the first quarter") == []
    assert extract("during the first half") == []
    assert extract("the drug's half-life") == []


def test_fraction_rejections():
    # not fractions: years and durations after "in"
    assert texts("5 in 2018") == ["5", "2018"]
    assert [m.kind for m in extract("5 in 10 years")] == ["count", "duration"]
    assert [m.kind for m in extract("13 of 2 things")] == ["count", "count"]


@pytest.mark.parametrize("text, span, year", [
    ("In 2014, Japan introduced it.", "2014", 2014),
    ("approved back in 2019.", "2019", 2019),
    ("a 2019 study", "2019", 2019),
    ("(2021)", "2021", 2021),
])
def test_years(text, span, year):
    m = one(text)
    assert (m.kind, m.text, m.value) == ("year", span, year)
    assert m.month is None and m.day is None


@pytest.mark.parametrize("text, span, y, mo, d, q", [
    ("on 28 December 2018 it", "28 December 2018", 2018, 12, 28, None),
    ("on the 28th of December, 2018", "the 28th of December, 2018",
     2018, 12, 28, None),
    ("on December 28, 2018 it", "December 28, 2018", 2018, 12, 28, None),
    ("on December 28th, 2018 it", "December 28th, 2018", 2018, 12, 28, None),
    ("on Dec. 17, 2018 it", "Dec. 17, 2018", 2018, 12, 17, None),
    ("on 2018-12-28 it", "2018-12-28", 2018, 12, 28, None),
    ("(2021, February 22).", "2021, February 22", 2021, 2, 22, None),
    ("in December 2018", "December 2018", 2018, 12, None, None),
    ("in May 2019", "May 2019", 2019, 5, None, None),
    ("in late 2018, before", "late 2018", 2018, None, None, "late"),
    ("in early 2019", "early 2019", 2019, None, None, "early"),
    ("by mid-2018", "mid-2018", 2018, None, None, "mid"),
    ("by the end of 2018", "the end of 2018", 2018, None, None, "late"),
    ("in late December 2018", "late December 2018", 2018, 12, None, "late"),
])
def test_dates(text, span, y, mo, d, q):
    m = one(text)
    assert (m.kind, m.text, m.value, m.month, m.day, m.qualifier) == (
        "date", span, y, mo, d, q)


def test_month_words_are_case_sensitive():
    assert [m.kind for m in extract("it may 2019")] == ["year"]


@pytest.mark.parametrize("text, span, value, unit", [
    ("for six months", "six months", 6, "months"),
    ("after 12 weeks", "12 weeks", 12, "weeks"),
    ("for two years", "two years", 2, "years"),
    ("a 12-week trial", "12-week", 12, "weeks"),
    ("a six-month course", "six-month", 6, "months"),
    ("two and a half years", "two and a half years", 2.5, "years"),
    ("1 day", "1 day", 1, "days"),
])
def test_durations(text, span, value, unit):
    m = one(text)
    assert (m.kind, m.text, m.value, m.unit) == ("duration", span, value, unit)


def test_over_a_duration_is_not_a_qualifier():
    m = one("followed over 12 weeks")
    assert m.qualifier is None
    assert one("for more than two years").qualifier == "over"


@pytest.mark.parametrize("text, span, value, unit", [
    ("cost $1.2 million", "$1.2 million", 1_200_000, "USD"),
    ("cost $5m", "$5m", 5_000_000, "USD"),
    ("cost £300", "£300", 300, "GBP"),
    ("cost €2bn", "€2bn", 2e9, "EUR"),
    ("cost 500 dollars", "500 dollars", 500, "USD"),
])
def test_money(text, span, value, unit):
    m = one(text)
    assert (m.kind, m.text, m.value, m.unit) == ("money", span, value, unit)


@pytest.mark.parametrize("text, span, value", [
    ("a 3-fold rise", "3-fold", 3),
    ("a threefold rise", "threefold", 3),
    ("2.5 times higher", "2.5 times", 2.5),
    ("three times as likely", "three times", 3),
    ("twice as likely", "twice", 2),
    ("the risk doubled", "doubled", 2),
    ("costs halved", "halved", 0.5),
])
def test_ratios(text, span, value):
    m = one(text)
    assert (m.kind, m.text, m.value) == ("ratio", span, value)


@pytest.mark.parametrize("text, span, qualifier", [
    ("about 13 patients", "about 13", "about"),
    ("around 13 patients", "around 13", "about"),
    ("roughly 13 patients", "roughly 13", "about"),
    ("approximately 13", "approximately 13", "about"),
    ("some 200 patients", "some 200", "about"),
    ("~18% of", "~18%", "about"),
    ("more than 200,000 people", "more than 200,000", "over"),
    ("over 200,000 people", "over 200,000", "over"),
    ("above 18%", "above 18%", "over"),
    ("upwards of 200 people", "upwards of 200", "over"),
    ("at least 12 patients", "at least 12", "atleast"),
    ("less than 5%", "less than 5%", "under"),
    ("fewer than 20 patients", "fewer than 20", "under"),
    ("under 20 patients", "under 20", "under"),
    ("below 5%", "below 5%", "under"),
    ("up to 20%", "up to 20%", "atmost"),
    ("nearly 13 patients", "nearly 13", "nearly"),
    ("almost 13 patients", "almost 13", "nearly"),
    ("close to 13 patients", "close to 13", "nearly"),
    ("just under 13 patients", "just under 13", "nearly"),
    ("just over 13 patients", "just over 13", "just-over"),
    ("nearly a fifth of them", "nearly a fifth", "nearly"),
    ("more than half of the cohort", "more than half", "over"),
])
def test_qualifiers(text, span, qualifier):
    m = one(text)
    assert (m.text, m.qualifier) == (span, qualifier)
    assert m.start == text.index(span)


def test_no_qualifier_glued_to_word():
    assert one("moreover 13 patients").qualifier is None
    assert one("handsome 13 patients").qualifier is None


def test_almost_all_is_not_numeric():
    assert extract("almost all of the patients improved") == []


# ---------------------------------------------------------------- exclusions

@pytest.mark.parametrize("text", [
    "COVID-19 cases",
    "the H1N1 virus",
    "MSC2 cells",
    "IL-6 levels",
    "SARS-CoV-2 spread",
    "a phase 2 clinical trial",
    "Phase 3 trial",
    "type 2 diabetes",
    "grade A evidence",
    "see Table 3",
    "as in Fig. 2",
    "with p < 0.05",
    "the 1990s",
    "the 21st century",
    "the first and second patients",
    "the twenty-first century",
    "on page 12",
    "pp. 101-109",
    "see https://example.org/a/2019/13 today",
    "doi:10.1016/j.clineuro.2021.106565",
    "doi.org/10.1016/j.clineuro.2021.106565",
    "mail jo13@example.com",
    "View 1/1 images",
    "version 3.5.1",
    "ranked #1",
    "a two-tailed test",
    "no one knew",
    "one of the authors",
    "One thing is clear",
    "Neurology 203(4): 106-112",
])
def test_exclusions(text):
    assert extract(text) == [], extract(text)


@pytest.mark.parametrize("text", [
    "at 5 p.m. sharp",
    "at 10:30 at night",
    "by 5pm",
    "on May 5 they met",
    "on 5 May they met",
    "(95% CI 30-60%)",
    "95% confidence interval 1.2 to 3.4",
])
def test_skipped_times_partial_dates_and_intervals(text):
    assert extract(text) == [], extract(text)


def test_ranges_take_the_unit_of_their_end():
    got = [(m.text, m.kind, m.unit) for m in extract(
        "10-20% had side effects for 6 to 12 months; between 5 and 10% and "
        "3 and 4 weeks")]
    assert got == [
        ("10", "percent", "percent"), ("20%", "percent", "percent"),
        ("6", "duration", "months"), ("12 months", "duration", "months"),
        ("5", "percent", "percent"), ("10%", "percent", "percent"),
        ("3", "count", None), ("4 weeks", "duration", "weeks"),
    ]


def test_exclusion_keeps_neighbours():
    assert texts("A phase 2 trial in 13 patients") == ["13"]
    assert texts("13 patients with COVID-19") == ["13"]
    assert texts("95% CI, 12 of 13 improved") == ["12 of 13"]


def test_ordinals_in_dates_are_kept():
    assert one("on the 28th of December 2018").kind == "date"


def test_empty_and_plain():
    assert extract("") == []
    assert extract("No numbers here at all.") == []


def test_seed_like_paragraph():
    text = ("Hundreds of thousands of people experience spinal cord "
            "injuries. New results from a phase 2 clinical trial: thirteen "
            "patients improved, twelve of the thirteen patients in all, "
            "after Japan approved it in late 2018 (back in 2019, some say).")
    got = [(m.text, m.kind) for m in extract(text)]
    assert got == [
        ("Hundreds of thousands", "count"),
        ("thirteen", "count"),
        ("twelve of the thirteen", "fraction"),
        ("late 2018", "date"),
        ("2019", "year"),
    ]


def test_offsets_are_exact_in_a_long_text():
    text = ("Of 210,482 adults (18.4%), about 12 of 13 sites reported "
            "on Dec. 17, 2018 that more than 200,000 had waited "
            "six months; costs were $1.2 million, a 3-fold rise.")
    ms = extract(text)
    for m in ms:
        assert text[m.start:m.end] == m.text
    assert [m.text for m in ms] == [
        "210,482", "18.4%", "about 12 of 13", "Dec. 17, 2018",
        "more than 200,000", "six months", "$1.2 million", "3-fold"]
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))


# ---------------------------------------------------------------- agreement

def m_(text, kind=None):
    return one(text, kind)


@pytest.mark.parametrize("text, value, of, unit, expected", [
    # small plain counts are exact
    ("13 patients", 13, None, None, True),
    ("13 patients", 12, None, None, False),
    ("thirteen patients", 13, None, "patients", True),
    # large rounded numbers
    ("210,000 people", 210_482, None, None, True),
    ("210,000 people", 216_000, None, None, False),
    ("210,482 people", 210_482, None, None, True),
    ("210,482 people", 210_480, None, None, False),
    ("1.2 million people", 1_180_000, None, None, True),
    ("1.2 million people", 1_260_000, None, None, False),
    ("3.5 units", 3.54, None, None, True),
    ("3.5 units", 3.6, None, None, False),
    # qualifiers
    ("more than 200,000 people", 210_482, None, None, True),
    ("more than 250,000 people", 210_482, None, None, False),
    ("over 13 patients", 13, None, None, False),
    ("at least 13 patients", 13, None, None, True),
    ("fewer than 20 patients", 13, None, None, True),
    ("fewer than 20 patients", 20, None, None, False),
    ("up to 20 patients", 20, None, None, True),
    ("nearly 13 patients", 12, None, None, True),
    ("nearly 13 patients", 11, None, None, False),
    ("nearly 13 patients", 14, None, None, False),
    ("just over 200 patients", 210, None, None, True),
    ("just over 200 patients", 260, None, None, False),
    ("about 13 patients", 12, None, None, True),
    ("about 13 patients", 10, None, None, False),
    ("about 200,000 people", 210_482, None, None, True),
    # vague plurals
    ("hundreds of thousands of people", 300_000, None, None, True),
    ("hundreds of thousands of people", 50_000, None, None, False),
    ("hundreds of thousands of people", 2_000_000, None, None, False),
    ("dozens of labs", 30, None, None, True),
    # percents
    ("18% of them", 18.4, None, None, True),
    ("18% of them", 18.4, None, "%", True),
    ("18% of them", 18.6, None, "%", False),
    ("18.4% of them", 18.4, None, "percent", True),
    ("18.4% of them", 18.5, None, "percent", False),
    ("about 20% of them", 18, None, "%", True),
    ("nearly 20% of them", 18, None, "%", True),
    ("nearly 20% of them", 16, None, "%", False),
    ("nearly 20% of them", 21, None, "%", False),
    ("more than 90% of them", 92.3, None, "%", True),
    ("92% of them", 12, 13, None, True),
    ("85% of them", 12, 13, None, False),
    # fraction words vs percents
    ("a fifth of them", 18, None, "%", True),
    ("a fifth of them", 16, None, "%", False),
    ("nearly a fifth of them", 18, None, "%", True),
    ("nearly a fifth of them", 21, None, "%", False),
    ("half of them", 45, None, "%", True),
    ("half of them", 40, None, "%", False),
    ("more than half of them", 12, 13, None, True),
    ("more than half of them", 6, 13, None, False),
    ("one in five adults", 18, None, "%", True),
    ("one in five adults", 1, 5, None, True),
    ("two-thirds of them", 60, None, "%", True),
    ("two-thirds of them", 50, None, "%", False),
    # explicit fractions
    ("12 of 13 patients", 12, 13, None, True),
    ("twelve of the thirteen", 12, 13, None, True),
    ("11 of 13 patients", 12, 13, None, False),
    ("12 of 13 patients", 11, 13, None, False),
    ("12 of 14 patients", 12, 13, None, False),
    ("12 of 13 patients", 92, None, "%", True),
    ("12 of 13 patients", 85, None, "%", False),
    ("9 out of 10 patients", 92, 100, None, True),
    # durations
    ("six months", 6, None, "months", True),
    ("six months", 7, None, "months", False),
    ("six months", 26, None, "weeks", True),
    ("six months", 40, None, "weeks", False),
    ("two years", 24, None, "months", True),
    ("12 weeks", 12, None, None, True),
    ("more than two years", 30, None, "months", True),
    # money and ratios
    ("$1.2 million", 1_180_000, None, "USD", True),
    ("$1.2 million", 1_180_000, None, "$", True),
    ("$1.2 million", 900_000, None, None, False),
    ("a 3-fold rise", 2.9, None, "fold", True),
    ("a 3-fold rise", 2.2, None, None, False),
    ("the risk doubled", 1.9, None, None, True),
    ("the risk doubled", 1.5, None, None, False),
    # not comparable
    ("13 patients", 13, None, "%", None),
    ("13 patients", 12, 13, None, None),
    ("18% of them", 18, None, "weeks", None),
    ("18% of them", 18, None, "points", None),
    ("six months", 6, None, "%", None),
    ("12 of 13 patients", 12, None, None, None),
    ("$1.2 million", 1_200_000, None, "EUR", None),
    ("a 3-fold rise", 3, None, "%", None),
])
def test_agrees_table(text, value, of, unit, expected):
    assert agrees(m_(text), value, of=of, unit=unit) is expected


@pytest.mark.parametrize("text, y, mo, d, expected", [
    ("approved in 2019", 2018, 12, 28, False),
    ("approved in 2018", 2018, 12, 28, True),
    ("approved in late 2018", 2018, 12, 28, True),
    ("approved in late 2018", 2018, None, None, True),
    ("approved in early 2018", 2018, 12, 28, False),
    ("approved by mid-2018", 2018, 6, None, True),
    ("approved in December 2018", 2018, 12, 28, True),
    ("approved in November 2018", 2018, 12, 28, False),
    ("approved in late December 2018", 2018, 12, 28, True),
    ("approved in early December 2018", 2018, 12, 28, False),
    ("approved on 28 December 2018", 2018, 12, 28, True),
    ("approved on December 27, 2018", 2018, 12, 28, False),
    ("approved on December 27, 2018", 2018, 12, None, True),
    ("approved on 2018-12-28", 2018, 12, 28, True),
    ("approved on 2018-12-28", 2019, None, None, False),
])
def test_agrees_date_table(text, y, mo, d, expected):
    assert agrees_date(m_(text), y, mo, d) is expected


def test_agrees_date_not_comparable():
    assert agrees_date(m_("13 patients"), 2018) is None
    assert agrees(m_("in 2019"), 2019) is True
    assert agrees(m_("in 2019"), 2018) is False
    assert agrees(m_("in 2019"), 2019, unit="%") is None


def test_mention_is_frozen():
    m = m_("13 patients")
    assert isinstance(m, NumberMention)
    with pytest.raises(Exception):
        m.value = 12  # type: ignore[misc]


# ---------------------------------------------------------------- properties

@settings(max_examples=400, deadline=None)
@given(st.text())
def test_extract_never_raises_and_spans_are_valid(text):
    prev_end = 0
    for m in extract(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= prev_end
        prev_end = m.end


_PIECES = st.sampled_from([
    " ", ", ", "-", "/", ".", "%", "$", "about ", "more than ", "nearly ",
    "of ", "out of ", "in ", "the ", "a ", "half", "third", "one", "twelve",
    "thirteen", "twenty", "hundred", "thousand", "million", "and ",
    "weeks", "months", "years", "percent", "fold", "times as", "December ",
    "Dec. ", "late ", "mid-", "2018", "13", "210,482", "3.5", "28th ",
    "COVID-", "phase ", "p < ", "doi:10.", "http://x/", "dozens", "of",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_extract_on_number_soup(text):
    for m in extract(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.kind in {"count", "percent", "fraction", "year", "date",
                          "duration", "money", "ratio"}
        for value in (m.value, 12.0, 2018.0):
            assert agrees(m, value) in (True, False, None)
            assert agrees(m, value, of=13) in (True, False, None)
            assert agrees(m, value, unit="%") in (True, False, None)
            assert agrees(m, value, unit="weeks") in (True, False, None)
        assert agrees_date(m, 2018, 12, 28) in (True, False, None)


def test_non_breaking_space_before_a_fraction_word():
    from lint.numbers import extract

    (m,) = extract("one\xa0third of patients")
    assert (m.kind, m.value, m.of, m.text) == ("fraction", 1.0, 3.0, "one\xa0third")
