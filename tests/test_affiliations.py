"""Affiliation strings parsed into units (``lint.affiliations``) and institutions as a story
writes them compared with those units (``lint.institutions``), on affiliation strings as
PubMed gives them (from the real-stories citations and the citation-source fixtures)."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from lint.affiliations import labels, parse_affiliation, parse_affiliations, scrub
from lint.institutions import bare_university, institution_matches, mention_level, near_miss

BIRMINGHAM = "School of Health and Population Sciences, University of Birmingham, Birmingham B15 2TT, UK. k.jolly@bham.ac.uk"
BRISTOL = ("Department of Social Medicine, University of Bristol, Oakfield House, Oakfield Grove, Clifton, "
           "Bristol BS8 1TQ, UK. kate.northstone@bristol.ac.uk")
ADDENBROOKES = ("Department of Paediatrics, Addenbrooke's Hospital, University of Cambridge, Box 116, Level 8, "
                "Hills Road, Cambridge CB2 0QQ, UK. vp265@cam.ac.uk")
FAIRCHILD = "Developmental Psychiatry Section, University of Cambridge, United Kingdom. g .f.fairchild@soton.ac.uk"
KEOWN = "Tranwell Unit, Queen Elizabeth Hospital, Gateshead, UK. patrick.keown@ncl.ac.uk"
SHULTZ = ("Institute of Cognitive and Evolutionary Anthropology, 64 Banbury Road, University of Oxford, "
          "Oxford OX2 6PN, UK. susanne.shultz@anthro.ox.ac.uk")
SALKER = "Institute of Reproductive and Developmental Biology, Imperial College London, Hammersmith Campus, London, UK."
MEIER = "The Heart Hospital, University College London Hospitals, Cardiology, London,  UK."
NORTH = "Division of Women's Health, King's College London, London, United Kingdom. robyn.north@kcl.ac.uk"
BROWN = "Clinical Pharmacology Unit, Department of Medicine, University of Cambridge, Cambridge, UK. m.j.brown@cai.cam.ac.uk"
SHIELS = ("Institute of Cancer Sciences, College of Medical, Veterinary and Life Sciences, University of Glasgow, "
          "Glasgow, Scotland. Paul.Shiels@glasgow.ac.uk")
PIQUERO = ("University of Texas at Dallas, Program in Criminology, Richardson, TX 75080, USA. (previously Florida "
           "State University, College of Criminology & Criminal Justice). apiquero@fsu.edu")
MODI = "Department of Medicine, Imperial College London, London, UK. n.modi@imperial.ac.uk"
# PubMed's one string for all the authors of a NEJM trial (pubmed-xml fixture 29768149)
NEJM = ("From the Firestone Institute for Respiratory Health, St. Joseph's Healthcare and Department of Medicine, "
        "Michael G. DeGroote School of Medicine, McMaster University, Hamilton, ON (P.M.O.), and the Institute for "
        "Heart and Lung Health, University of British Columbia, Vancouver (J.M.F.) - both in Canada; the Division of "
        "Pulmonology, Department of Medicine, University of Cape Town, Cape Town, South Africa (E.D.B.); Airway "
        "Disease Section, National Heart and Lung Institute, Imperial College, London (P.J.B.); State Key Laboratory "
        "of Respiratory Diseases, First Affiliated Hospital, Guangzhou Medical University, Guangzhou, China (N.Z.); "
        "AstraZeneca Research and Development, Gothenburg, Sweden (C.K., C.J., S.I.); AstraZeneca Research and "
        "Development, Barcelona (R.L.); and Woolcock Institute of Medical Research, University of Sydney, Sydney "
        "(H.K.R.).")


def units(text):
    return [[(u.kind, u.name) for u in a.units] for a in parse_affiliation(text)]


# ---------------------------------------------------------------- the parser

def test_units_with_email_and_postcode_dropped():
    assert units(BIRMINGHAM) == [[("department", "School of Health and Population Sciences"),
                                  ("institution", "University of Birmingham"), ("city", "Birmingham"),
                                  ("country", "UK")]]
    (a,) = parse_affiliation(BIRMINGHAM)
    assert a.domains == ("bham.ac.uk",)
    assert a.main().name == "University of Birmingham"
    assert a.label() == "School of Health and Population Sciences, University of Birmingham, Birmingham, UK"


@pytest.mark.parametrize("text, gone", [
    (BRISTOL, ["Oakfield House", "Oakfield Grove", "BS8 1TQ", "kate.northstone", "@"]),
    (ADDENBROOKES, ["Box 116", "Level 8", "Hills Road", "CB2 0QQ", "vp265"]),
    (SHULTZ, ["64 Banbury Road", "OX2 6PN", "susanne.shultz"]),
    (FAIRCHILD, ["fairchild", "soton"]),
    ("Department of Neurobiology and Behavior, Cornell University, Ithaca, NY 14853, USA. tds5@cornell.edu",
     ["14853", "tds5"]),
    ("Department of Internal Medicine, Meander Medical Centre, Postbox 1502, 3800 BM, Amersfoort, The Netherlands. "
     "jm.van.dodewaard@meandermc.nl", ["Postbox", "3800", "dodewaard"]),
    ("Department of Marketing, Bocconi University, Via Roentgen 1, 20136, Milan, Italy. estes@unibocconi.it",
     ["Roentgen", "20136", "estes"]),
])
def test_addresses_are_not_units(text, gone):
    label = labels(parse_affiliation(text))
    for g in gone:
        assert g not in label, (g, label)


def test_kinds_of_units():
    assert units(ADDENBROOKES)[0][:3] == [("department", "Department of Paediatrics"),
                                          ("hospital", "Addenbrooke's Hospital"),
                                          ("institution", "University of Cambridge")]
    assert units("Department of Medical Oncology, Dana-Farber Cancer Institute and Harvard Medical School, Boston, "
                 "Massachusetts, USA.") == [[("department", "Department of Medical Oncology"),
                                             ("institute", "Dana-Farber Cancer Institute"),
                                             ("institution", "Harvard Medical School"), ("city", "Boston"),
                                             ("region", "Massachusetts"), ("country", "USA")]]
    # a subject list cut by commas is one unit
    assert units(SHIELS)[0][1] == ("department", "College of Medical, Veterinary and Life Sciences")
    assert units("Department of Physiology, Anatomy, and Genetics, University of Oxford, Oxford, UK.")[0][0] == (
        "department", "Department of Physiology, Anatomy, and Genetics")
    # a campus after a university system is part of its name
    assert units("Department of Medicine, University of California, San Francisco, CA, USA.")[0][1] == (
        "institution", "University of California, San Francisco")


def test_several_affiliations_in_one_string():
    affs = parse_affiliation(NEJM)
    assert len(affs) == 8
    assert [a.main().name for a in affs] == [
        "McMaster University", "University of British Columbia", "University of Cape Town", "Imperial College",
        "Guangzhou Medical University", "AstraZeneca Research and Development", "AstraZeneca Research and Development",
        "University of Sydney"]
    two = parse_affiliation("Institute of Metabolic Science, University of Cambridge, Cambridge, UK; "
                            "Department of Medicine, Imperial College London, London, UK.")
    assert [a.main().name for a in two] == ["University of Cambridge", "Imperial College London"]
    numbered = parse_affiliation("1 Centre for Epidemiology and Biostatistics, University of Leeds, Leeds, UK. "
                                 "2 BHF Glasgow Cardiovascular Research Centre, University of Glasgow, Glasgow, UK.")
    assert [a.main().name for a in numbered] == ["University of Leeds", "University of Glasgow"]


def test_former_affiliation_kept_apart():
    (a,) = parse_affiliation(PIQUERO)
    assert a.main().name == "University of Texas at Dallas"
    assert "Florida State University" not in a.label()
    assert [u.name for u in a.former][0] == "Florida State University"


def test_scrub():
    assert scrub(BIRMINGHAM) == "School of Health and Population Sciences, University of Birmingham, Birmingham, UK"
    assert "@" not in scrub(FAIRCHILD)


def test_odd_strings_do_not_break():
    assert parse_affiliation("") == ()
    assert parse_affiliation("k.jolly@bham.ac.uk")[0].units == ()
    for s in ("UK.", ";;", "1 2 3", "(previously)", "Department of", "a" * 500):
        parse_affiliation(s)


# ---------------------------------------------------------------- agreement

@pytest.mark.parametrize("mention, affiliation", [
    ("Birmingham University", BIRMINGHAM),
    ("the University of Birmingham", BIRMINGHAM),
    ("Bristol University", BRISTOL),
    ("Oxford University's School of Anthropology", SHULTZ),
    ("Oxford", SHULTZ),                                   # the city alone, for the university named after it
    ("Imperial", SALKER),
    ("Imperial College", SALKER),
    ("UCL", MEIER),                                       # an acronym, and the university of the hospital
    ("University College London", MEIER),
    ("King's", NORTH),
    ("Kings College London", NORTH),
    ("Addenbrooke's Hospital", BROWN),                    # a hospital of the university
    ("Cambridge University and Addenbrooke's Hospital", BROWN),
    ("Chelsea and Westminster Hospital", MODI),           # a teaching hospital of the university
    ("University of Cambridge", ADDENBROOKES),            # the hospital's university
    ("University of Southampton", FAIRCHILD),             # the e-mail domain says Southampton
    ("Newcastle University", KEOWN),                      # ditto: ncl.ac.uk
    ("Glasgow University", SHIELS),
    ("University of Nottingham in England", "University of Nottingham, Nottingham, UK."),
    ("Britain's Sheffield University", "Academic Unit of Clinical Oncology, Weston Park Hospital, "
                                       "University of Sheffield, United Kingdom."),
    ("Karolinska Institute", "Department of Medical Epidemiology and Biostatistics, Karolinska Institutet, "
                             "Stockholm, Sweden."),
    ("Harvard", "Department of Medicine, Brigham and Women's Hospital, and Harvard Medical School, Boston, MA, USA."),
    ("Brigham and Women's Hospital", "Department of Epidemiology, Harvard T.H. Chan School of Public Health, Boston"),
    ("Imperial College London", NEJM),                     # the fourth of eight affiliations
    ("University of California", "University of California, San Diego"),  # less specific, not different
    ("Perelman School of Medicine", "University of Pennsylvania Perelman School of Medicine"),
])
def test_agrees(mention, affiliation):
    assert institution_matches(mention, [affiliation]) is True


@pytest.mark.parametrize("mention, affiliation", [
    ("University of Leeds", BIRMINGHAM),
    ("University of Leeds", FAIRCHILD),
    ("Stanford University", SHULTZ),
    ("Karolinska Institute", SHULTZ),
    ("University College Dublin", "School of Medicine, Trinity College Dublin, Dublin, Ireland."),
    ("University of Oxford", "Department of Psychology, Oxford Brookes University, Oxford, UK."),
    ("University of Birmingham", "Faculty of Health, Birmingham City University, Birmingham, UK."),
    ("University of California, San Diego", "Department of Medicine, University of California, San Francisco, CA."),
    ("Newcastle University", "Tranwell Unit, Queen Elizabeth Hospital, Gateshead, UK."),  # no domain to go by
    ("King's College London", SALKER),                    # not "College London" in "Imperial College London"
    ("University College London", SALKER),
])
def test_clearly_different(mention, affiliation):
    assert institution_matches(mention, [affiliation]) is False


@pytest.mark.parametrize("mention", [
    "the university", "School of Anthropology", "Institute of Neuroscience", "Department of Medicine", "Boston",
])
def test_not_clearly_an_institution(mention):
    assert institution_matches(mention, [SHULTZ]) is None


BOCCONI = "Department of Marketing, Bocconi University, Via Roentgen 1, 20136, Milan, Italy. estes@unibocconi.it"


@pytest.mark.parametrize("mention, affiliation, verdict", [
    # a university's town alone, as in "Dr Zachary Estes, of Warwick"
    ("Warwick", BOCCONI, False),
    ("Warwick", "Warwick Medical School, University of Warwick, Coventry, UK.", True),
    ("Cambridge", "MRC Epidemiology Unit, Addenbrooke's Hospital, Cambridge, UK.", True),   # the town itself
    ("Oxford", BOCCONI, None),       # Oxford Brookes too: not one university
    ("Boston", BOCCONI, None),       # Boston University, Boston College, Harvard's hospitals
])
def test_a_university_town_alone(mention, affiliation, verdict):
    assert institution_matches(mention, [affiliation]) is verdict


@pytest.mark.parametrize("mention, affiliation, verdict", [
    # a town's university and a hospital of that town: clinical academics hold posts at both
    ("Bradford University", "Centre for Ageing, Bradford Royal Infirmary, Bradford, UK.", None),
    ("University of Bradford", "Department of Medicine, St Luke's Hospital, Bradford BD5 0NA, UK.", None),
    ("Bradford Royal Infirmary", "School of Pharmacy, University of Bradford, Bradford, UK.", None),
    # ... not another town's, nor a university not named after the town
    ("University of Huddersfield", "Centre for Ageing, Bradford Royal Infirmary, Bradford, UK.", False),
    ("King's College London", "Centre for Ageing, Bradford Royal Infirmary, Bradford, UK.", False),
    ("Leeds General Infirmary", "School of Pharmacy, University of Bradford, Bradford, UK.", False),
])
def test_a_town_university_and_a_hospital_of_the_town(mention, affiliation, verdict):
    assert institution_matches(mention, [affiliation]) is verdict


@pytest.mark.parametrize("mention, affiliation, verdict", [
    # PubMed's affiliation names a unit and its town, no university: any of the town's may be it
    ("Bristol University", "School of Social and Community Medicine, Bristol, UK.", None),
    ("Queen's University Belfast", "Centre for Public Health, Belfast, UK.", None),
    ("Edinburgh University", "MRC Centre for Regenerative Medicine, Edinburgh, UK.", None),  # the MRC is no university
    # ... but another town's is clearly different, and so is another university the unit names
    ("Leeds University", "School of Social and Community Medicine, Bristol, UK.", False),
    ("King's College London", "Faculty of Epidemiology and Population Health, LSHTM, London, UK.", False),
    # an acronym between the unit and the town is an institution, not a town
    ("the London School of Hygiene and Tropical Medicine", "Faculty of Epidemiology and Population Health, LSHTM, London, UK.", True),
    ("the University of California", "Department of Psychiatry, UCSF, San Francisco, CA, USA.", True),   # its parent
])
def test_an_affiliation_without_its_university(mention, affiliation, verdict):
    assert institution_matches(mention, [affiliation]) is verdict


def test_bare_university_names():
    assert bare_university("Warwick") and bare_university("Durham")
    assert not bare_university("Oxford") and not bare_university("York")   # shared with Oxford Brookes, New York University
    assert not bare_university("Scotland") and not bare_university("Gateshead")


def test_a_former_affiliation_is_not_clearly_wrong():
    without_email = PIQUERO.replace(" apiquero@fsu.edu", "")
    assert institution_matches("Florida State University", [without_email]) is None
    assert institution_matches("Florida State University", [PIQUERO]) is True  # the e-mail is still fsu.edu


def test_mention_levels():
    assert mention_level("Stanford University") == "institution"
    assert mention_level("UCL") == "institution"
    assert mention_level("Addenbrooke's Hospital") == "institution"
    assert mention_level("Karolinska Institute") == "institution"
    assert mention_level("Institute of Cancer Sciences") == "unit"
    assert mention_level("School of Anthropology") == "unit"
    assert mention_level("Gateshead") is None


def test_near_miss_of_a_unit():
    affs = parse_affiliations([SHIELS])
    assert near_miss("Institute of Cancer Studies", affs).name == "Institute of Cancer Sciences"
    assert near_miss("Institute for Cancer Sciences", affs) is not None or \
        institution_matches("Institute for Cancer Sciences", [SHIELS]) is True
    assert near_miss("Institute of Cancer Research", affs) is None  # an institution of its own
    assert near_miss("Institute of Neuroscience", affs) is None
