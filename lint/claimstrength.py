"""Rule-based claim-strength classifier for single sentences.

Scale (Yu et al. 2019/2020):

    0  no relationship stated
    1  correlational         "was associated with", "linked to", "predicts", group differences
    2  conditional causal    "may reduce", "appears to improve", "could lead to"
    3  direct causal         "reduces", "causes", "prevents", "is effective", "led to"

No model and no network: the sentence is split into word tokens, cue phrases from
``rules/lexicons/claim_strength.yaml`` are looked up, and a handful of general
syntactic heuristics decide whether a causal verb is really a finite claim (not a
purpose infinitive, an adjectival participle or a noun), whether a hedge scopes over
it, whether it sits in a recommendation / future-research frame, and whether it is
negated.  The strongest surviving cue decides the level; its character span is
returned so the linter can point at it.

Two conventions are switches in the YAML file.  ``negated_relation: keep`` (default)
keeps a negated relation at its type's level ("did not reduce" -> 3, "not associated"
-> 1), as the Yu et al. annotation does; ``zero`` makes it 0.
``reporting_verbs_hedge: false`` (default) leaves "our data suggest that X reduces Y"
at 3, as both shared benchmarks annotate it; ``true`` makes it 2.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .document.model import DASHES
from .lexicons import lexicon
from .lexicons import words as lexicon_words

__all__ = ["Strength", "causal_word", "classify", "lowered", "read_by_model"]


@dataclass(frozen=True, slots=True)
class Strength:
    level: int
    start: int = 0
    end: int = 0
    cue: str = ""
    # the hedge that made a causal cue conditional (level 2): "may", "could", "can" ...
    # Annotation schemes differ on "can": InSciOut (Sumner et al. 2014) codes "can reduce"
    # as a hedged claim, as the linter reads it; Yu et al.'s PubMed labels code it as direct
    # causal.  Keeping the word lets each benchmark apply its own scheme.
    modal: str = ""
    # a negator just before the deciding cue ("did not reduce"): the level is kept (Yu et
    # al.'s scheme: a negated relation keeps its type), and the flag tells schemes that
    # code an explicit "no relationship" as 0 (InSciOut), as the linter reads it: its
    # context analysis (``lint.context``) takes a negated claim for no claim
    negated: bool = False
    # read by another classifier (the learned model) where the rules found no causal cue:
    # its probability of this level; the span is the word the claim stands on (``causal_word``)
    model_probability: float = 0.0


_NONE = Strength(0, 0, 0, "")

# ---------------------------------------------------------------------------
# lexicon loading (once, at import)


_LEX = lexicon("claim_strength")


# the document model's dashes as this module sees them (lower-cased: "Ð" is "ð" here)
_DASHES = tuple(sorted(d.lower() for d in DASHES))


def _translation() -> dict[int, str]:
    """Lower-cased text -> space-separated tokens: letters, digits, apostrophes and
    hyphens stay inside words; clause punctuation becomes its own token; any
    other ASCII or common typographic punctuation becomes a space."""
    table: dict[int, str] = {}
    for c in range(128):
        ch = chr(c)
        if ch.isalnum() or ch in "'-":
            continue
        table[c] = f" {ch} " if ch in ",;:()[]" else " "
    for ch in "\u201c\u201d\u2018\u00ab\u00bb\u2026\u00a0\u2022\u00b7":
        table[ord(ch)] = " "
    for ch in _DASHES:  # a dash ends a clause part, like a comma
        table[ord(ch)] = f" {ch} "
    table[ord("\u2019")] = "'"  # the typographic apostrophe: "won’t" as "won't", "women’s" as "women's"
    return table


_TRANSLATE = _translation()
_SPLIT_RE = re.compile(r"\s+")
_NUMBER_RE = re.compile(r"^[0-9]")

# Kinds of phrase.  Cue kinds decide a level; context kinds modify one.
_ASSOC, _EFF, _CNOUN, _VERB, _COMP = "assoc", "eff", "cnoun", "verb", "comp"
_WEAK = "weak"
_HEDGE, _REPORT, _NEG, _FRAME, _COND = "hedge", "report", "neg", "frame", "cond"
_CUE_KINDS = (_ASSOC, _EFF, _CNOUN, _VERB, _WEAK, _COMP)  # priority on equal-length matches


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(_SPLIT_RE.split(str(phrase).strip().lower()))


def _inflections(lemma: str, irregular: dict) -> list[tuple[str, str]]:
    """(form, form-type) pairs: base / s / ed / ing."""
    if lemma in irregular:
        out = [(lemma, "base")]
        for f in irregular[lemma]:
            if f.endswith("ing"):
                out.append((f, "ing"))
            elif f.endswith("s") and not f.endswith("ss"):
                out.append((f, "s"))
            else:
                out.append((f, "ed"))
        return out
    if lemma.endswith("e"):
        return [(lemma, "base"), (lemma + "s", "s"), (lemma + "d", "ed"), (lemma[:-1] + "ing", "ing")]
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return [(lemma, "base"), (lemma[:-1] + "ies", "s"), (lemma[:-1] + "ied", "ed"), (lemma + "ing", "ing")]
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return [(lemma, "base"), (lemma + "es", "s"), (lemma + "ed", "ed"), (lemma + "ing", "ing")]
    return [(lemma, "base"), (lemma + "s", "s"), (lemma + "ed", "ed"), (lemma + "ing", "ing")]


def _build_phrase_table(lex: dict):
    """first word -> list of (rest-of-phrase, its length, kind, cue rank or -1, payload), longest first."""
    table: dict[str, list] = {}

    def add(words: tuple[str, ...], kind: str, payload=None) -> None:
        rank = _CUE_KINDS.index(kind) if kind in _CUE_KINDS else -1
        entry = (words[1:], len(words) - 1, kind, rank, payload)
        lst = table.setdefault(words[0], [])
        if entry not in lst:
            lst.append(entry)

    irregular = {k: list(v) for k, v in (lex.get("irregular_verbs") or {}).items()}
    for phrase in lex["causal_verbs"]:
        words = _words(phrase)
        lemma, rest = words[0], words[1:]
        for form, ftype in _inflections(lemma, irregular):
            add((form,) + rest, _VERB, (lemma, ftype))
    for key, kind in (("causal_nouns", _CNOUN), ("efficacy", _EFF), ("association", _ASSOC),
                      ("comparative", _COMP), ("hedges", _HEDGE), ("reporting", _REPORT),
                      ("negators", _NEG), ("non_claim_frames", _FRAME), ("conditional_frames", _COND),
                      ("hedged_only_predicates", _WEAK)):
        for phrase in lex.get(key) or ():
            add(_words(phrase), kind)
    for lst in table.values():
        lst.sort(key=lambda e: -e[1])
    return table


_TABLE = _build_phrase_table(_LEX)
_IRREGULAR = {k: list(v) for k, v in (_LEX.get("irregular_verbs") or {}).items()}
# verbs whose bare form is also their past participle ("have cut"): no "-ed" form listed
_BASE_IS_PARTICIPLE = frozenset(lemma for lemma, forms in _IRREGULAR.items()
                                if not any(not f.endswith(("ing", "s")) for f in forms))


def _set(key: str) -> frozenset[str]:
    return lexicon_words("claim_strength", key)


_NO_BASE = _set("causal_verbs_no_base")
_ADJ_PARTICIPLES = _set("participle_adjectives")
_CHANGE_LEMMAS = _set("change_verbs")
_INF_HEADS = _set("claim_infinitive_heads")
_WEAK_INF_HEADS = _set("prospect_infinitive_heads")
_AUX = _set("auxiliaries")
_BE = _set("be_forms")
_KIND_WORDS = _set("kind_words")
_FINITE = _set("finite_after_hedge")
_FROM_CLAIM = _set("from_claim_verbs")
_FROM_CLAIM_BETWEEN = _set("from_claim_between")
_RELATIVE_SUBJECTS = _set("relative_subjects")
_KIND_COMPARED = _set("kind_compared")
_KIND_DEGREE = _set("kind_degree")
_OBSERVERS = _set("change_observers")
_HYPOTHETICAL = _set("hypothetical_modals")
_HAVE = _set("have_forms")
_DETPREP = _set("determiners_prepositions")
_DETPREP_NOUN = _DETPREP - {"and", "or"}
_PART_TAKERS = _set("participle_takers")
_OBJECT_START = frozenset(("the", "a", "an", "this", "these", "that", "those", "its", "their", "his", "her", "our"))
# after an ambiguous bare form ("cut", "help"), an object pronoun also makes it a verb ("help you")
_BARE_OBJECT = _OBJECT_START | frozenset(("you", "us", "them", "him", "me", "your", "my"))
# the plural noun ending a short clause-opening subject ("Statins cut", "Financial incentives help")
_NOT_PLURAL = frozenset(("this", "its", "his", "hers", "ours", "yours", "theirs", "is", "was", "has", "does", "as",
                         "us", "thus", "plus", "less", "unless", "always", "perhaps", "sometimes", "whereas",
                         "across", "news", "yes", "says", "suggests", "shows", "finds", "means"))
_INTRANS_NEXT = _set("intransitive_followers") | frozenset(_DASHES + ("-", "--"))
_CHANGE_PARTICLES = _set("change_particles")
_AFTER_CLAIM_CONDITIONALS = _set("after_claim_conditionals")
_SELF_HARM = _set("self_harm_verbs")
_NOUN_DETERMINERS = _set("noun_determiners")
_ADJECTIVE_ENDINGS = tuple(_set("adjective_endings"))
_BECAUSE_OUTCOMES = _set("because_outcomes")
_BECAUSE_NOT_AFTER = _set("because_not_after")
_BECAUSE_HEDGES = frozenset(w for w in _LEX["hedges"] if " " not in w) | _set("because_hedges")
_REFLEXIVES = _set("reflexives")
_ADVERB_SKIP = _set("skippable_adverbs")
_NOT_ADVERBS = _set("not_adverbs")
_CONTRAST = _set("clause_conjunctions")
_SUBORD = _set("subordinators")

_NEGATED_POLICY = str(_LEX.get("negated_relation", "keep")).lower()
if _NEGATED_POLICY not in ("keep", "zero"):
    raise ValueError("claim_strength.yaml: negated_relation must be 'keep' or 'zero'")
_REPORTING_HEDGES = bool(_LEX.get("reporting_verbs_hedge", False))

_REDUCED_RELATIVE = frozenset(("with", "at", "for", "in", "during", "from", "under", "within", "as", "on", "after"))
_QUANT = frozenset(("half", "one", "two", "three", "four", "five", "ten", "a", "twice", "double", "expected", "usual"))
# words that open an amount after "by" ("shortened by an average of", "fell by about a third")
_BY_AMOUNT = _QUANT | _set("amount_openers")
_NON_CAUSAL_OBJECTS = _set("non_causal_objects")
_PREVALENCE_VERBS = _set("prevalence_verbs")
_MULTIPLIERS = _set("multipliers")
_MULTIPLIER_TAKERS = _set("multiplier_takers")
_PREVALENCE_OPENERS = _set("prevalence_openers")
_PREVALENCE_LEADS = tuple(str(p).lower().split() for p in _LEX.get("prevalence_leads") or ())
_EFFECT_SIZE = _set("effect_size_words")
_COUNT_ONLY_VERBS = _set("count_only_verbs")
_NOT_COUNTS = _set("not_count_openers")
_OBJECT_SKIP = _set("object_skip")
_MONEY_WORDS = _set("money_objects")
# before the money: "raise over £100 million", "could save the NHS £1bn"
_MONEY_SKIP = _OBJECT_SKIP | _set("money_object_skip")
_RESULT_ADJECTIVES = _set("result_adjectives")
_PARTICIPANTS = _set("participant_subjects")
_AIM_VERBS = _set("aim_verbs")
_FOUND_VERBS = _set("finding_verbs")
_NO_EFFECT = _set("no_effect_words")
_EFFECT_NOUNS = _set("effect_nouns")
_VARIABLE_BEFORE = _set("variable_before")
_ARTICLES = _set("noun_articles")
_EXPERIENCE = _set("experience_verbs")
_CHANGE_NOUNS = _set("change_nouns")
_AMOUNT_WORDS = _set("amount_words")
_HELP_RESEARCH = _set("help_research_verbs")
_WORK_NOT_BEFORE = _set("work_not_before")
_ATTRIBUTIVE = {k.lower(): frozenset(str(w).lower() for w in v)
                for k, v in (_LEX.get("attributive_uses") or {}).items()}
_COMPOUND_HEADS = {k.lower(): frozenset(str(w).lower() for w in v)
                   for k, v in (_LEX.get("noun_compound_heads") or {}).items()}
# words after which an -s form is a plural noun, the subject of what follows ("cuts would")
_PLURAL_SUBJECT_FOLLOWERS = _set("plural_subject_followers")
_WORKED_NOT_BEFORE = _WORK_NOT_BEFORE | _set("worked_not_before")
_GENERAL_TREATMENTS = _set("general_treatment_nouns")
_GENERAL_BEFORE = _set("general_treatment_before")
_SEEK_VERBS = _set("seek_verbs")
_SIZE_VERBS = _set("size_verbs")
_AMOUNT_AFTER = _set("amount_markers")
_ODDS_NOUNS = frozenset(("chance", "chances", "risk", "risks", "likelihood", "probability", "odds", "rate", "rates"))


def _lower_set(words) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words or ())


# each causal frame ("puts ... at risk", "keeps ... sharp", "have a ... impact"): verb forms,
# closers, the longest gap, the words a gap may hold (None: any), words that may not follow,
# whether an -ing form must follow ("stops you from burning")
_FRAMES = tuple((_lower_set(f["verbs"]), tuple(_words(c) for c in f["closers"]), int(f.get("max_gap", 6)),
                 _lower_set(f["gap"]) if "gap" in f else None, _lower_set(f.get("not_before")),
                 bool(f.get("before_ing", False)))
                for f in _LEX["causal_frames"])
_FRAME_VERBS = frozenset().union(*(f[0] for f in _FRAMES))
_FRAME_CLOSER_HEADS = frozenset(c[0] for f in _FRAMES for c in f[1])
_QUOTE_CHARS = "'\u2019\u2018"
_HARD_BOUNDARY = frozenset((";", ":", "(", ")", "[", "]"))
_SOFT_BOUNDARY = frozenset((",", "-", "--") + _DASHES)  # a lone "-" is a spaced hyphen: a dash
_BOUNDARY_ANY = _HARD_BOUNDARY | _CONTRAST | _SUBORD | _SOFT_BOUNDARY
_HEDGE_WINDOW = 12
# "can" hedges the verbs it governs ("can cut", "can delay assembly, reduce viral load, and
# lead to"), not a later clause's ("Chocolate eaters can have lower blood pressure, and
# chocolate cuts heart risk")
_CLAUSE_JOINERS = _set("clause_joiners")
_NEG_WINDOW = 4

# ---------------------------------------------------------------------------


def _is_adverb(tok: str) -> bool:
    return tok in _ADVERB_SKIP or (tok.endswith("ly") and tok not in _NOT_ADVERBS)


def _prev_content(toks: list[str], i: int) -> int:
    """Index of the nearest token left of i that is not a skippable adverb (-1 if none)."""
    j = i - 1
    while j >= 0 and _is_adverb(toks[j]):
        j -= 1
    return j


def _next_content(toks: list[str], i: int) -> int:
    j = i + 1
    n = len(toks)
    while j < n and _is_adverb(toks[j]):
        j += 1
    return j


def _intransitive(toks: list[str], end: int) -> bool:
    """A change verb used without an object ('levels increased over time')."""
    j = _next_content(toks, end - 1)
    if j < len(toks) and toks[j] in _CHANGE_PARTICLES:
        j = _next_content(toks, j)
    if j >= len(toks):
        return True
    nxt = toks[j]
    if nxt == "by":
        return j + 1 >= len(toks) or bool(_NUMBER_RE.match(toks[j + 1])) or toks[j + 1] in _BY_AMOUNT
    return nxt in _INTRANS_NEXT


def _counts_cases(toks: list[str], end: int, lemma: str) -> bool:
    """Does the prevalence verb ending at ``end`` count cases ("affects one in 145 babies",
    "kills 20,000 a year"), not give an effect size ("kills 20% more", "causes twice as many")?"""
    j = _next_content(toks, end - 1)
    openers = _PREVALENCE_OPENERS - _NOT_COUNTS if lemma in _COUNT_ONLY_VERBS else _PREVALENCE_OPENERS
    for lead in _PREVALENCE_LEADS:  # "affects at least 80 percent", "affects close to one million"
        if toks[j:j + len(lead)] == lead:
            j += len(lead)
            break
    return j < len(toks) and bool(_NUMBER_RE.match(toks[j]) or toks[j] in openers) and not _effect_size(toks, j)


def _verb_role(toks: list[str], i: int, end: int, lemma: str, ftype: str, lo_clause: int, hi_clause: int):
    """Decide what a causal-verb token is: 'verb' (finite/claim), 'comp' (a change
    or difference statement, level 1), or None (purpose infinitive, noun, gerund,
    a prevalence: "affects one in 145 babies")."""
    tok = toks[i]
    if lemma in _PREVALENCE_VERBS and _counts_cases(toks, end, lemma):
        return None
    p = _prev_content(toks, i)
    prev = toks[p] if p >= 0 else ""
    change = lemma in _CHANGE_LEMMAS
    if lemma == "result" and prev in _RESULT_ADJECTIVES:
        return None  # the noun: "provides good results in older women", "promising results in mice"
    if lemma == "cause" and toks[end:end + 2] == ["and", "effect"]:
        return None  # "cause and effect": the notion, named ("impossible to ascertain direct cause and effect")
    if ftype not in ("s", "base") and i >= 1 and toks[i - 1] in _COMPOUND_HEADS.get(lemma, ()):
        return None  # a compound adjective: "contrast enhanced magnetic resonance imaging"

    if lemma in _FROM_CLAIM and ftype != "ing" and prev not in _DETPREP_NOUN and prev not in _BE:
        j = end
        while j < len(toks) and (_is_adverb(toks[j]) or toks[j] in _FROM_CLAIM_BETWEEN):
            j += 1
        if j < len(toks) and toks[j] == "from":
            return "verb"  # "MND patients benefited most from enteral feeding": the cause follows "from"

    if ftype == "ing":
        if prev in _BE:  # progressive
            return "comp" if change and _intransitive(toks, end) else "verb"
        return None  # gerund / participle clause: the main verb decides

    if ftype == "base":
        if end < len(toks) and toks[end] in _ATTRIBUTIVE.get(lemma, ()):
            return None  # a noun before a noun: "combat veteran soldiers"
        if (lemma in _NO_BASE and prev in _NOUN_DETERMINERS) or (i >= 1 and toks[i - 1] in _ARTICLES) or (
                i >= 2 and toks[i - 2] in _NOUN_DETERMINERS and toks[i - 1].endswith(_ADJECTIVE_ENDINGS)):
            return None  # a noun after its determiner: "a cut in", "an abnormal result in", "an endovascular repair"
        if prev in _COMPOUND_HEADS.get(lemma, ()):
            return None  # a noun compound: "DNA repair mutations"
        if _hypothetical_be(toks, p, prev):
            return "verb"  # a participle like its base ("could be cut in half"): a hedged effect
        if lemma in _MULTIPLIERS and prev in _MULTIPLIER_TAKERS:
            return "comp"  # a predeterminer: "face triple the risk"
        if prev == "to":
            h = _prev_content(toks, p)
            head = toks[h] if h >= 0 else ""
            return "verb" if head in _INF_HEADS else None
        if prev in _AUX or prev.endswith(("n't", "n\u2019t")):
            if change and prev not in ("to", "help", "helps", "helped", "helping") and _intransitive(toks, end):
                return "comp"  # a change with no object: "the gap will worsen as cuts bite"
            return "verb"
        if lemma in _NO_BASE:
            # ambiguous bare form ("cut", "lower"): a verb only with an object, or after a
            # short plural subject opening the clause, with an object ("Statins cut heart risk")
            nxt = toks[end] if end < len(toks) else ""
            if prev in _HAVE:
                if lemma not in _BASE_IS_PARTICIPLE:
                    return "comp" if change else None  # "children who ... have lower IQ": an attribute
                if nxt and nxt not in _BOUNDARY_ANY:
                    return "verb"  # a perfect with its object: "Statins have cut deaths"
            if nxt in _BARE_OBJECT and prev not in _DETPREP_NOUN:
                return "verb"
            if prev in _RELATIVE_SUBJECTS and nxt and nxt != "than" and nxt not in _DETPREP \
                    and nxt not in _BOUNDARY_ANY and not _NUMBER_RE.match(nxt):
                return "verb"  # the verb of a relative clause: "nitro fatty acids which lower blood pressure"
            # a plural subject, or a coordinated one ("Lettuce and olive oil help")
            plural = _plural_noun(prev) or (p - lo_clause <= 5 and "and" in toks[lo_clause:p - 1]
                                             and prev.isalpha() and prev not in _DETPREP)
            if 0 <= p and p - lo_clause <= 5 and plural and nxt and nxt not in _DETPREP \
                    and nxt not in _BOUNDARY_ANY and nxt not in _INTRANS_NEXT and not _NUMBER_RE.match(nxt):
                return "verb"
            return None
        if prev in _DETPREP_NOUN or (end < len(toks) and toks[end] in ("in", "of") and change):
            return "comp" if change else None  # noun use: "an increase in"
        if change and _intransitive(toks, end):
            return "comp"
        return "verb"

    if ftype == "s":
        if prev in _COMPOUND_HEADS.get(lemma, ()):
            return "comp" if change else None  # a noun compound: "Government cuts ravage jobs", "funding cuts"
        if prev in _DETPREP_NOUN or (end < len(toks) and toks[end] in ("in", "of")):
            return "comp" if change else None  # plural noun: "changes in"
        relative = end < len(toks) and (toks[end] in ("which", "who")
                                        or (toks[end] == "that" and _verb_next(toks, end + 1)))
        if relative or prev in _SUBORD:
            return "comp" if change else None  # a plural noun: "brain changes that affect", "when changes occur"
        if end < len(toks) and toks[end] in _PLURAL_SUBJECT_FOLLOWERS:
            return "comp" if change else None  # a plural subject: "government cuts would worsen", "the benefits have"
        if p >= 1 and toks[p - 1] in ("of", "from") and (end >= len(toks) or toks[end] in _BOUNDARY_ANY):
            return None  # a plural noun ending a prepositional phrase: "died of cardiovascular causes"
        if change and _intransitive(toks, end):
            return "comp"
        return "verb"

    # past tense / past participle
    adjectival = tok in _ADJ_PARTICIPLES
    nxt = toks[end] if end < len(toks) else ""
    after = toks[end + 1] if end + 1 < len(toks) else ""
    if adjectival and nxt not in _OBJECT_START and nxt not in _REDUCED_RELATIVE and (after in _BE or after in _AUX) \
            and (p < lo_clause or prev in _DETPREP_NOUN or prev in ("that", ",") or prev in _HARD_BOUNDARY):
        return "comp" if change else None  # the subject's attribute: "accelerated ageing is associated with"
    if prev not in _BE and nxt in _OBJECT_START:
        return "verb"  # a determiner follows: a verb with its object ("improved the vision")
    if prev in _BE:
        if adjectival:
            # passive: causal only with an agent ("was reduced by exercise")
            j = end
            lim = min(hi_clause, end + 6)
            while j < lim:
                if toks[j] == "by":
                    if j + 1 >= len(toks) or _NUMBER_RE.match(toks[j + 1]) \
                            or any(t in _ODDS_NOUNS for t in toks[j + 1:j + 5]):
                        return "comp"  # "by 20%", "affected by a higher chance of": an amount or odds, not an agent
                    return "verb"
                j += 1
            if _hypothetical_be(toks, p, prev):
                return "verb"  # "levels may be reduced": a hedged effect, no agent needed
            return "comp"
        return "verb"
    if prev in _HAVE:
        pp = _prev_content(toks, p)
        if pp >= 0 and toks[pp] in _AUX and prev == "have":
            return "verb"  # "may have affected" (not "against their will has increased")
        if adjectival and change and nxt not in _OBJECT_START and not _possessive_next(toks, end):
            return "comp"  # "had increased risk" (not "have reduced women's risk")
        return "comp" if change and _intransitive(toks, end) else "verb"
    if adjectival and prev in _PART_TAKERS:
        return "comp" if change else None  # "showed reduced uptake"
    if prev == "to" and tok != lemma and tok.endswith("ed"):
        return "comp" if change else None  # never an infinitive: "linked to increased alcohol use"
    if adjectival and (prev in _AMOUNT_AFTER or _NUMBER_RE.match(prev) or prev.endswith("-fold")):
        return "comp" if change else None  # an amount before it: "a 68 percent decreased risk"
    if prev == "," and _closes_relative(toks, p) and nxt and nxt not in _BOUNDARY_ANY:
        return "verb"  # the main verb after ", which are found in oily fish,": "resulted in"
    if p < lo_clause or prev in _HARD_BOUNDARY or prev in _SOFT_BOUNDARY or prev in _DETPREP_NOUN \
            or (adjectival and prev in ("and", "or")):
        return "comp" if (change and adjectival) else None  # attributive: "with reduced mortality"
    if change and _intransitive(toks, end):
        return "comp"
    if nxt in _REDUCED_RELATIVE:
        return None  # "patients treated with", "progress made in"
    if not nxt or nxt in _BOUNDARY_ANY or nxt in _BE:
        return None  # a transitive verb with no object: a participle, "the amount of endorphins produced"
    return "verb"


def _new_clause(toks: list[str], j: int, i: int, starts: frozenset[int]) -> bool:
    """Between a modal at ``j`` and a cue at ``i``, a comma and a conjunction open a clause
    of their own ("..., and chocolate cuts"), unless a verb cue follows ("..., and lead to")."""
    for k in range(j + 1, i):
        if toks[k] == "," and k + 1 < i and toks[k + 1] in _CLAUSE_JOINERS:
            m = k + 2
            while m < i and _is_adverb(toks[m]):
                m += 1
            if m not in starts:
                return True
    return False


def _possessive_next(toks: list[str], j: int) -> bool:
    """A possessive noun within the next three words ("women's", "the patient's"):
    the verb before it has an object, it is no adjective ("have reduced women's risk",
    "have reduced veterans' risk": ``_tokenise`` keeps a plural possessive's apostrophe)."""
    for tok in toks[j:j + 3]:
        if tok in _BOUNDARY_ANY:
            return False
        if len(tok) > 2 and tok.endswith(("'s", "\u2019s", "s'")):
            return True
    return False


def _hypothetical_be(toks: list[str], p: int, prev: str) -> bool:
    """Is the word before the verb (``prev``, at ``p``) "be" after "could", "may" ...?"""
    return prev == "be" and p >= 1 and toks[_prev_content(toks, p)] in _HYPOTHETICAL


def _verb_next(toks: list[str], j: int) -> bool:
    """Is the word at ``j`` a verb: an auxiliary, a form of be or have, or a causal verb
    ("brain changes that | affect", not "daycare drives that | figure down")?"""
    if j >= len(toks):
        return False
    t = toks[j]
    return t in _AUX or t in _BE or t in _HAVE or any(e[2] == "verb" for e in _TABLE.get(t, ()))


def _effect_size(toks: list[str], j: int) -> bool:
    """Do the words from ``j`` give an effect size ("20% more", "twice as many"), not a count
    ("more than 10 million")?"""
    for k in range(j, min(len(toks), j + 4)):
        nxt = toks[k + 1] if k + 1 < len(toks) else ""
        if toks[k] in ("%", "percent", "cent") and nxt == "of":
            return False  # a share of people: "affects 85 percent of people under 18"
        if toks[k] in _EFFECT_SIZE and nxt != "than":
            return True
    return False


def _closes_relative(toks: list[str], p: int) -> bool:
    """Does the comma at ``p`` close a relative clause that a comma and "which"/"who"
    opened after the subject ("Omega-3, which is found in oily fish, | resulted in")?"""
    for j in range(p - 1, 0, -1):
        t = toks[j]
        if t in ("which", "who"):
            return toks[j - 1] == "," and j - 1 > 0
        if t in _BOUNDARY_ANY:
            return False
    return False


def _plural_noun(tok: str) -> bool:
    """A word that looks like a plural noun ("statins", "incentives"), not "this", "analysis"."""
    return (len(tok) > 3 and tok.endswith("s") and not tok.endswith(("ss", "us", "is", "'s", "\u2019s"))
            and tok.isalpha() and tok not in _NOT_PLURAL and tok not in _DETPREP and tok not in _BE
            and tok not in _HAVE and not _is_adverb(tok))


def _because_gives_cause(toks: list[str], lo: int, i: int, end: int) -> bool:
    """Does "because (of)" at ``i`` give the cause of an outcome or a comparison in its clause
    (from ``lo``)?  Not the study's reasoning or advice ("needed because", "failed because of
    missing data"), nor a hedged explanation, before or after it ("it is possible children are
    more vulnerable because of", "because it may cause"); "more likely" is a comparison, not a hedge."""
    before = toks[lo:i]
    hedged = any(t in _BECAUSE_HEDGES and not (t == "likely" and k and before[k - 1] in ("more", "less"))
                 for k, t in enumerate(before))
    return not (_BECAUSE_OUTCOMES.isdisjoint(before) or not _BECAUSE_NOT_AFTER.isdisjoint(before) or hedged
                or not _BECAUSE_HEDGES.isdisjoint(toks[end:end + 3]))


def acts_on_belief(words: list[str]) -> bool:
    """Do these words (lower case, after a claim word) open an object that is a belief, a
    prospect or research ("help | the understanding of", "help | scientists predict"), not health?"""
    return _acts_on_belief(words, 0)


def _acts_on_belief(toks: list[str], end: int) -> bool:
    """Is the verb's object a belief, a prospect or a question, not a health outcome?"""
    j = end
    while j < len(toks) and j < end + 3 and toks[j] in _OBJECT_SKIP:
        j += 1
    return j < len(toks) and toks[j] in _NON_CAUSAL_OBJECTS


_WELFARE_NOUNS = _set("welfare_nouns")
_WELFARE_BEFORE = _set("welfare_before")
_WELFARE_AFTER = _set("welfare_after")


def _cause_noun_no_claim(toks: list[str], i: int, end: int, lo_hard: int) -> bool:
    """Is the causal noun at ``i:end`` no claim of an effect here?"""
    n = len(toks)
    nxt = toks[end] if end < n else ""
    return (_acts_on_belief(toks, end)                      # "the key to understanding", "a role in explaining"
            # "researchers involved in the trial": who took part, not a cause
            or (toks[i:end] == ["involved", "in"] and i > 0 and toks[i - 1] in _PARTICIPANTS)
            # "had little effect on", "have limited effects on": no claim of an effect
            or (i > 0 and toks[i - 1] in _NO_EFFECT and toks[i] in _EFFECT_NOUNS)
            # "cases were confirmed, and cause of death": a recorded variable
            or (toks[i] in ("cause", "causes") and nxt in ("death", "deaths")
                and (i == 0 or toks[i - 1] in _VARIABLE_BEFORE))
            or (toks[i] == "because" and not _because_gives_cause(toks, lo_hard, i, end))
            # the verb with its object: "another reason to blame their parents"
            or (toks[i:end] == ["to", "blame"] and nxt.isalpha() and nxt not in _INTRANS_NEXT)
            # "as determined by the sleep diaries", "as controlled by the hospital": how it was
            # measured or run, not a cause
            or (toks[i:end] in (["determined", "by"], ["controlled", "by"]) and i > 0 and toks[i - 1] == "as")
            # "was responsible for 14 percent of all cancer deaths": a share, not an effect
            or (toks[i:end] == ["responsible", "for"] and bool(_NUMBER_RE.match(nxt)))
            # "a life on benefits", "claiming benefits", "benefit claimants": welfare payments
            or (toks[i] in _WELFARE_NOUNS and end == i + 1
                and ((i > 0 and toks[i - 1] in _WELFARE_BEFORE) or nxt in _WELFARE_AFTER)))


def _efficacy_no_claim(toks: list[str], i: int, end: int) -> bool:
    """Is the efficacy word at ``i:end`` no claim that this treatment works?"""
    n = len(toks)
    nxt = toks[end] if end < n else ""
    after = toks[end + 1] if end + 1 < n else ""
    return ((i > 0 and toks[i - 1] == "cost")                 # "cost effective": value for money
            # "found a way to predict": a way to find out, not to treat
            or (toks[end - 1] in ("to", "of") and bool(nxt) and _research_verb(nxt))
            # "works by neutralising a pathway": how it acts, not that it helps
            or (toks[i] in ("works", "worked", "work") and nxt == "by" and after.endswith("ing"))
            # "who also worked on the study", "the team worked with": a job, not a treatment
            or (toks[i] in ("works", "worked") and bool(nxt)
                and nxt in (_WORKED_NOT_BEFORE if toks[i] == "worked" else _WORK_NOT_BEFORE))
            # "the availability of effective therapies": treatments in general
            or (toks[i] == "effective" and (nxt in _GENERAL_TREATMENTS or after in _GENERAL_TREATMENTS)
                and (i == 0 or toks[i - 1] in _GENERAL_BEFORE))
            # "finding an effective treatment is difficult": one sought, not this one
            or ("effective" in toks[i:end] and i >= 1 and (toks[i - 1] in _SEEK_VERBS or (
                i >= 2 and toks[i - 1] in ("a", "an", "more", "most") and toks[i - 2] in _SEEK_VERBS))))


def _aimed_at(toks: list[str], lo: int, i: int) -> bool:
    """Is a causal noun at ``i`` what a verb of studying aims at, in its comma clause ("the
    study examined the effects of ..."), with no verb of finding between ("examined 500
    people and found that ... had an effect on")?"""
    for j in range(i - 1, lo - 1, -1):
        if toks[j] in _FOUND_VERBS:
            return False
        if toks[j] in _AIM_VERBS:
            return True
    return False


def _acts_on_money(toks: list[str], end: int) -> bool:
    """Is the verb's object an amount of money ("raise over £100 million", "could save the NHS
    £1bn", "raise funds"), not a health outcome?"""
    j = end
    while j < len(toks) and j < end + 4 and toks[j] in _MONEY_SKIP:
        j += 1
    if j >= len(toks):
        return False
    tok = toks[j]
    if tok[:1] in "£$€" or tok in _MONEY_WORDS:
        return True
    return bool(_NUMBER_RE.match(tok)) and j + 1 < len(toks) and toks[j + 1] in _MONEY_WORDS


def _research_verb(tok: str) -> bool:
    """A verb of finding out ("predict", "identifying"), from ``help_research_verbs``."""
    if tok in _HELP_RESEARCH:
        return True
    stem = tok[:-3] if tok.endswith("ing") else ""
    return bool(stem) and (stem in _HELP_RESEARCH or stem + "e" in _HELP_RESEARCH)


def _helps_other(toks: list[str], end: int, cues: list) -> bool:
    """Does "help" hand the claim on: to a causal verb after it ("helps reduce", "helped
    patients to recover faster" is help's own), or to finding out ("helps explain", "help
    scientists predict")?"""
    for j in range(end, min(len(toks), end + 7)):
        t = toks[j]
        if t in _HELP_RESEARCH or (j < end + 3 and t in _NON_CAUSAL_OBJECTS):
            return True
        if t in _BOUNDARY_ANY:
            break
    return any(end <= c[0] < end + 4 and c[2] is not _COMP and c[2] is not _ASSOC for c in cues)


def _framed_cues(toks: list[str]) -> list[tuple]:
    """Causal cues with words inside (``causal_frames``): "puts millions of women at risk",
    "keeps the brain sharp", "have a long-term impact": a frame's verb, a gap of one word
    or more, a closer."""
    out = []
    n = len(toks)
    for i, t in enumerate(toks):
        if t not in _FRAME_VERBS:
            continue
        for verbs, closers, max_gap, gap, not_before, before_ing in _FRAMES:
            if t not in verbs:
                continue
            for j in range(i + 2, min(n, i + 2 + max_gap)):
                if toks[j - 1] in _HARD_BOUNDARY or toks[j - 1] in _SOFT_BOUNDARY \
                        or (gap is not None and toks[j - 1] not in gap):
                    break
                hit = next((c for c in closers if tuple(toks[j:j + len(c)]) == c), None)
                after = toks[j + len(hit)] if hit is not None and j + len(hit) < n else ""
                if hit is not None and after not in not_before and (not before_ing or after.endswith("ing")):
                    out.append((i, j + len(hit), _EFF, None, False))
                    break
    return out


def _experienced_change(toks: list[str]) -> tuple[int, int] | None:
    """A change told as what a group went through ("saw a 29 per cent fall in the risk of",
    "enjoyed a drop in"): causal wording around a number.  (first, last) token of the cue."""
    for i, t in enumerate(toks):
        if t not in _EXPERIENCE:
            continue
        if i and _prev_content(toks, i) >= 0 and toks[_prev_content(toks, i)] in _OBSERVERS:
            continue  # "researchers saw a rise in cases": who watched, not who went through it
        for j in range(i + 1, min(len(toks) - 1, i + 8)):
            w = toks[j]
            if w in _CHANGE_NOUNS and toks[j + 1] in ("in", "of"):
                return i, j
            if not (w in _AMOUNT_WORDS or _NUMBER_RE.match(w)):
                break  # only an amount may stand between ("saw a 29 per cent fall"), not "larger"
    return None


def _experienced(text: str, low: str, toks: list[str]) -> Strength:
    """The sentence's strength when it has no other cue: an experienced change, or none."""
    seen = _experienced_change(toks)
    if seen is None:
        return _NONE
    offs = _offset(low, toks, seen[1])
    a, b = offs[seen[0]], offs[seen[1]] + len(toks[seen[1]])
    return Strength(3, a, b, text[a:b])


def _offset(low: str, toks: list[str], upto: int) -> list[int]:
    """Character offsets of toks[0..upto] in the lowered text (tokens are in order)."""
    out = []
    pos = 0
    find = low.find
    for t in toks[:upto + 1]:
        at = find(t, pos)
        if at < 0:  # a possessive whose apostrophe the text writes another way ("veterans’")
            at = find(t.rstrip("'"), pos)
        out.append(at)
        pos = at + len(t)
    return out


def _tokenise(text: str) -> tuple[str, list[str]]:
    """The lowered text (same length as ``text``) and its word tokens."""
    low = text.lower()
    if len(low) != len(text):  # a few non-ASCII characters change length when lowered
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    toks = []
    quoting = False  # inside single quotes: a closing mark after "s" is the quote's, not a possessive
    for w in low.translate(_TRANSLATE).split():
        if w[0] in _QUOTE_CHARS and len(w) > 1:
            quoting = True
        t = w.strip(_QUOTE_CHARS)
        if not t:
            continue
        if w[-1] in _QUOTE_CHARS and len(t) > 2 and t[-1] == "s" and w[0] not in _QUOTE_CHARS and not quoting:
            t += "'"  # a plural possessive ("veterans' risk"): kept, so the verb before it has an object
        elif w[-1] in _QUOTE_CHARS:
            quoting = False
        toks.append(t)
    return low, toks


def _name_tokens(text: str, n: int) -> frozenset[int]:
    """Positions of capitalised words inside a sentence in running text ("a subsidiary of The
    Shield Group"): a name, not a verb.  None in a headline or title (half its words or more
    capitalised), after a colon or a full stop, or when the words do not line up."""
    orig = [t for t in (w.strip(_QUOTE_CHARS) for w in text.translate(_TRANSLATE).split()) if t]
    if len(orig) != n:
        return frozenset()
    words = [t for t in orig if t[:1].isalpha()]
    if not words or sum(t[0].isupper() for t in words) * 2 >= len(words):
        return frozenset()
    return frozenset(i for i, t in enumerate(orig) if i > 0 and t[:1].isupper() and t[1:].islower() and len(t) > 1
                     and orig[i - 1] not in (":", ".", "!", "?", ";", "(", "-", "\u2013", "\u2014")
                     and orig[i - 1][-1:] not in (".", ":"))


def _phrase_cues(toks: list[str], cand: list[int]) -> tuple[dict[int, str], list]:
    """Phrase matching: context kinds per token (hedge/report/neg/frame/cond) and the cues,
    (first token, end, kind, payload, also-a-comparative), longest match first."""
    n = len(toks)
    table = _TABLE
    ctx: dict[int, str] = {}
    cues = []
    free = 0
    for i in cand:
        if i < free:
            continue
        best = None
        best_k = -1
        comp_len = -1
        for rest, k, kind, rank, payload in table[toks[i]]:
            if k and (i + k >= n or tuple(toks[i + 1:i + 1 + k]) != rest):
                continue
            if rank < 0:  # context kind
                for j in range(i, i + 1 + k):
                    if j not in ctx:
                        ctx[j] = kind
                continue
            if kind == _COMP and k > comp_len:
                comp_len = k
            # best_k == -1 exactly while best is None, so k == best_k implies best is set
            if k > best_k or (best is not None and k == best_k and rank < best[3]):
                best = (rest, k, kind, rank, payload)
                best_k = k
        if best is not None:
            cues.append((i, i + 1 + best_k, best[2], best[4], comp_len == best_k))
            free = i + 1 + best_k
    return ctx, cues


def lowered(rules: Strength, level: int) -> Strength:
    """The rules' answer lowered to ``level`` by another classifier (the learned model):
    the same words at the lower level, no claim at level 0.  A level at or above the rules'
    keeps the rules' answer: a finding must show its words, and the model only withdraws."""
    if level >= rules.level:
        return rules
    if level <= 0:
        return _NONE
    return Strength(level, rules.start, rules.end, rules.cue)


def classify(text: str) -> Strength:
    """Claim strength (0-3) of one sentence, with the span of the deciding cue."""
    low, toks = _tokenise(text)
    n = len(toks)
    cand = [j for j, t in enumerate(toks) if t in _TABLE]
    has_frame = not _FRAME_CLOSER_HEADS.isdisjoint(toks) and not _FRAME_VERBS.isdisjoint(toks)
    if not cand and not has_frame:
        return _experienced(text, low, toks)
    ctx, cues = _phrase_cues(toks, cand) if cand else ({}, [])
    framed_cues = _framed_cues(toks) if has_frame else []
    if framed_cues:
        inside = {k for i, end, *_ in framed_cues for k in range(i, end)}
        cues = sorted([c for c in cues if c[0] not in inside] + framed_cues, key=lambda c: c[0])
    if not cues:
        return _experienced(text, low, toks)

    # -- clause structure: boundaries only ------------------------------------
    hard = []      # indices of hard clause boundaries (;:() contrastive conjunctions, closing commas)
    soft = []      # hard boundaries plus every comma
    hs = 0
    sub = False
    for j in [j for j, t in enumerate(toks) if t in _BOUNDARY_ANY]:
        t = toks[j]
        if t in _SOFT_BOUNDARY:
            soft.append(j)
            if sub:
                hard.append(j)
                hs = j + 1
                sub = False
        elif t in _HARD_BOUNDARY or t in _CONTRAST:
            hard.append(j)
            soft.append(j)
            hs = j + 1
            sub = t in _SUBORD
        elif j == hs:  # a subordinator opening a clause
            sub = True

    best_level = 0
    best_rank = 0
    best_cue: tuple[int, int] | None = None
    best_modal = ""
    best_negated = False
    starts = frozenset(c[0] for c in cues)
    # where an association's object starts ("linked to | living longer", "associated
    # with | saving lives"): an outcome named there is what is associated, not a claim
    assoc_objects = {end + (end < n and toks[end] in ("to", "with")) for _i, end, kind, _p, _c in cues
                     if kind is _ASSOC}
    names = _name_tokens(text, n) if any("A" <= c <= "Z" for c in text[1:]) else frozenset()
    for i, end, kind, payload, comp_too in cues:
        if i in names and kind is not _COMP:
            continue  # a capitalised word in running text is a name: "a subsidiary of The Shield Group"
        k = bisect_left(soft, i)
        lo_soft = soft[k - 1] + 1 if k else 0
        hi_soft = soft[k] if k < len(soft) else n
        k = bisect_left(hard, i)
        lo_hard = hard[k - 1] + 1 if k else 0
        hi_hard = hard[k] if k < len(hard) else n

        # recommendation / future-research frame in the clause; purpose and
        # conditional frames in the comma clause
        framed = False
        for j, c in ctx.items():
            if c is _FRAME:
                if lo_hard <= j < hi_hard:
                    framed = True
                    break
            elif c is _COND and lo_soft <= j < hi_soft and (j < i or toks[j] not in _AFTER_CLAIM_CONDITIONALS) \
                    and not (kind is _ASSOC and ctx.get(i) is _COND):
                # "if" after the claim states when it holds ("People age more quickly if they
                # have a bad diet"); before it, the claim is only supposed ("if it reduces ...");
                # an association that opens the frame keeps its cue ("predict who will benefit":
                # a prediction, and "benefit" is in its embedded question)
                framed = True
                break
        if framed:
            continue

        if kind is _VERB:
            lemma, ftype = payload
            role = _verb_role(toks, i, end, lemma, ftype, lo_soft, hi_soft)
            if role is None:
                if not comp_too:
                    continue
                role = "comp"
            if role == "verb" and lemma in _SIZE_VERBS and any(t in _ODDS_NOUNS for t in toks[end:end + 3]) \
                    and any(c[2] is _ASSOC and c[0] < i and not {":", ";"} & set(toks[c[0]:i]) for c in cues):
                role = "comp"  # "was associated with ... (which doubled the risk)": the association's size
            if role == "verb" and (_acts_on_belief(toks, end) or _acts_on_money(toks, end)):
                continue  # "raise the prospect", "increases our confidence", "raise £100 million": not health
            if toks[i] in _SELF_HARM and end < n and toks[end] in _REFLEXIVES:
                continue  # "continue to deliberately harm themselves": a behaviour
            if lemma == "help" and _helps_other(toks, end, cues):
                continue  # "helps reduce": the verb after it decides; "helps explain": research
            level = 3 if role == "verb" else 1
        elif kind is _COMP:
            if toks[i] == "than" and end < n and (_NUMBER_RE.match(toks[end]) or toks[end] in _QUANT):
                continue  # "more than 50%": a quantity, not a comparison
            if toks[i] in _KIND_WORDS and end == i + 1 and not (end < n and toks[end] in _KIND_COMPARED) \
                    and not (i > 0 and (toks[i - 1] in _BE or toks[i - 1] in _KIND_DEGREE)):
                continue  # "six different types of obese person": a kind, not a comparison
            level = 1
        elif kind is _ASSOC:
            level = 1
        else:  # efficacy, causal noun, hedged-only predicate
            if i in assoc_objects or (kind in (_CNOUN, _EFF) and _aimed_at(toks, lo_soft, i)):
                continue  # "linked to living longer"; "examined the effects of ...": what was studied
            if kind is _CNOUN and _cause_noun_no_claim(toks, i, end, lo_hard):
                continue
            if kind is _EFF and _efficacy_no_claim(toks, i, end):
                continue
            level = 3

        negated = False
        for j in range(max(lo_soft, i - _NEG_WINDOW), i):
            if ctx.get(j) is _NEG and not (j + 1 < n and toks[j + 1] == "only"):
                negated = True
                break
        if negated and _NEGATED_POLICY == "zero":
            continue

        hedge_at = -1
        if level == 3:
            for j in range(i - 1, max(lo_hard, i - _HEDGE_WINDOW) - 1, -1):
                if ctx.get(j) is _HEDGE and not (toks[j] == "can" and _new_clause(toks, j, i, starts)) \
                        and not any(t in _FINITE for t in toks[j + 2:i]):
                    hedge_at = j
                    while hedge_at > lo_hard and ctx.get(hedge_at - 1) is _HEDGE:
                        hedge_at -= 1
                    break
            if hedge_at < 0 and kind in (_CNOUN, _EFF) and i - lo_hard <= 2:
                # a causal noun or efficacy word opening its clause is the subject: the main
                # verb's hedge is its hedge ("The harmful effects of smoking ... may be seen in")
                for j in range(end, min(hi_hard, end + _HEDGE_WINDOW)):
                    if ctx.get(j) is _HEDGE:
                        hedge_at = j
                        break
            if kind is _WEAK and i >= 2 and toks[i - 1] == "to" and toks[i - 2] not in _INF_HEADS \
                    and toks[i - 2] not in _WEAK_INF_HEADS:
                continue  # a purpose ("gene therapy to treat growth restriction"), not a prospect
            if hedge_at >= 0:
                level = 2
            elif kind is _WEAK:
                continue
            elif _REPORTING_HEDGES:
                for j in range(lo_hard, i):
                    if ctx.get(j) is _REPORT:
                        level = 2
                        break

        # strongest level wins; at equal level a specific cue beats a bare comparative
        rank = level * 2 + (kind is not _COMP and not (kind is _VERB and level == 1))
        if rank > best_rank:
            best_rank = rank
            best_level = level
            best_modal = toks[hedge_at] if level == 2 and hedge_at >= 0 else ""
            best_negated = negated
            first = hedge_at if (0 <= hedge_at < i and i - hedge_at <= 4) else i
            best_cue = (first, end - 1)
            if level == 3:
                break
    if best_level < 3:
        seen = _experienced_change(toks)
        if seen is not None:
            best_level, best_cue, best_modal, best_negated = 3, seen, "", False
    if best_level == 0:
        return _NONE
    assert best_cue is not None  # set in the same branch that makes best_level non-zero
    first, last = best_cue
    offs = _offset(low, toks, last)
    a = offs[first]
    b = offs[last] + len(toks[last])
    return Strength(best_level, a, b, text[a:b], best_modal, best_negated)


# words a causal claim may stand on that the rules did not take as one (a mechanism verb,
# "gives children a taste for", "make a difference"): the learned model decides
_MODEL_CANDIDATES = _set("model_candidates")
_NOT_CANDIDATES = _set("be_forms") | _set("have_forms")
# nouns among them ("Impact of childhood bullying still evident"): not the topic of the
# research ("'Language gene' effect explored by Edinburgh scientists")
_PREVALENCE_FORMS = {form: lemma for lemma in _PREVALENCE_VERBS
                     for form, _ in _inflections(lemma, _IRREGULAR)}
_NOUN_CANDIDATES = _EFFECT_NOUNS | frozenset(("difference", "role", "roles"))
_VERB_FORMS = (frozenset(w for w, lst in _TABLE.items() if any(e[2] is _VERB for e in lst))
               | _FRAME_VERBS | _MODEL_CANDIDATES) - _NOT_CANDIDATES


def causal_word(text: str) -> Strength | None:
    """The word a causal reading of the sentence stands on, for a claim read by another
    classifier (the learned model) where the rules found none: the first form of a causal
    verb (the rules' own and their frames', not "is" or "has") or of ``model_candidates``.
    None when the sentence has no such word: a finding must show its words."""
    low, toks = _tokenise(text)
    names = _name_tokens(text, len(toks))
    aim = not _AIM_VERBS.isdisjoint(toks)

    pick = None
    ctx = _phrase_cues(toks, [j for j, t in enumerate(toks) if t in _TABLE])[0]
    for j, t in enumerate(toks):
        if t not in _VERB_FORMS or j in names or (aim and t in _NOUN_CANDIDATES):
            continue
        prev = toks[j - 1] if j else ""
        if prev == "to" or (t not in _NOUN_CANDIDATES and (prev in _DETPREP or prev.endswith("'s"))):
            continue  # an aim ("developed to fight cancers") or a noun ("Britain's fight")
        if any(ctx.get(k) in (_HEDGE, _NEG) for k in range(j)) or prev in _NO_EFFECT:
            return None  # hedged, negated or no effect: not a direct claim
        if t in _PREVALENCE_FORMS and _counts_cases(toks, j + 1, _PREVALENCE_FORMS[t]):
            return None  # a count of cases ("affect around one in every 145 babies")
        if _acts_on_belief(toks, j + 1) or _acts_on_money(toks, j + 1):
            # a prospect or a hope, and what follows is its content ("raising the prospect of
            # ..."), or money ("save up to £6.58 a week"): no claim about health
            return None
        pick = j
        break
    if pick is None:
        return None
    a = _offset(low, toks, pick)[pick]
    return Strength(3, a, a + len(toks[pick]), text[a:a + len(toks[pick])])


def read_by_model(word: Strength, probability: float) -> Strength:
    """``word`` (from ``causal_word``) as a direct causal claim the model read."""
    return Strength(3, word.start, word.end, word.cue, model_probability=probability)

