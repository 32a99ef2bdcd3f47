"""Rule-based claim-strength classifier for single sentences.

Scale (Yu et al. 2019/2020):

    0  no relationship stated
    1  correlational         "was associated with", "linked to", "predicts", group differences
    2  conditional causal    "may reduce", "appears to improve", "suggests that X lowers Y"
    3  direct causal         "reduces", "causes", "prevents", "is effective", "led to"

No model and no network: the sentence is split into word tokens, cue phrases from
``rules/lexicons/claim_strength.yaml`` are looked up, and a handful of general
syntactic heuristics decide whether a causal verb is really a finite claim (not a
purpose infinitive, an adjectival participle or a noun), whether a hedge scopes over
it, whether it sits in a recommendation / future-research frame, and whether it is
negated.  The strongest surviving cue decides the level; its character span is
returned so the linter can point at it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from lint.resources import rules_dir

__all__ = ["Strength", "classify"]


@dataclass(frozen=True, slots=True)
class Strength:
    level: int
    start: int = 0
    end: int = 0
    cue: str = ""


_NONE = Strength(0, 0, 0, "")

# ---------------------------------------------------------------------------
# lexicon loading (once, at import)


def _load_lexicon() -> dict:
    path = rules_dir() / "lexicons" / "claim_strength.yaml"
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    return data


_LEX = _load_lexicon()

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:['\u2019\-][a-z0-9]+)*|[,;:()\[\]]")
_SPLIT_RE = re.compile(r"\s+")
_NUMBER_RE = re.compile(r"^[0-9]")

# Kinds of phrase.  Cue kinds decide a level; context kinds modify one.
_ASSOC, _EFF, _CNOUN, _VERB, _COMP = "assoc", "eff", "cnoun", "verb", "comp"
_WEAK = "weak"
_HEDGE, _REPORT, _NEG, _FRAME, _COND = "hedge", "report", "neg", "frame", "cond"
_CUE_KINDS = (_ASSOC, _EFF, _CNOUN, _VERB, _WEAK, _COMP)  # priority on equal-length matches


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(_SPLIT_RE.split(phrase.strip().lower()))


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
    """first word -> list of (rest-of-phrase, kind, payload), longest first."""
    table: dict[str, list] = {}

    def add(words: tuple[str, ...], kind: str, payload=None) -> None:
        entry = (words[1:], kind, payload)
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
        lst.sort(key=lambda e: -len(e[0]))
    return table


_TABLE = _build_phrase_table(_LEX)
_CONTEXT_KINDS = frozenset((_HEDGE, _REPORT, _NEG, _FRAME, _COND))


def _set(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in (_LEX.get(key) or ()))


_NO_BASE = _set("causal_verbs_no_base")
_ADJ_PARTICIPLES = _set("participle_adjectives")
_CHANGE_LEMMAS = _set("change_verbs")
_INF_HEADS = _set("claim_infinitive_heads")
_AUX = _set("auxiliaries")
_BE = _set("be_forms")
_HAVE = _set("have_forms")
_DETPREP = _set("determiners_prepositions")
_DETPREP_NOUN = _DETPREP - {"and", "or"}
_PART_TAKERS = _set("participle_takers")
_OBJECT_START = frozenset(("the", "a", "an", "this", "these", "that", "those", "its", "their", "his", "her", "our"))
_INTRANS_NEXT = _set("intransitive_followers")
_ADVERB_SKIP = _set("skippable_adverbs")
_NOT_ADVERBS = _set("not_adverbs")
_CONTRAST = _set("clause_conjunctions")

_NEGATED_POLICY = str(_LEX.get("negated_relation", "keep")).lower()
if _NEGATED_POLICY not in ("keep", "zero"):
    raise ValueError("claim_strength.yaml: negated_relation must be 'keep' or 'zero'")
_REPORTING_HEDGES = bool(_LEX.get("reporting_verbs_hedge", True))

_REDUCED_RELATIVE = frozenset(("with", "at", "for", "in", "during", "from", "under", "within", "as", "on", "after"))
_QUANT = frozenset(("half", "one", "two", "three", "four", "five", "ten", "a", "twice", "double", "expected", "usual"))
_HARD_BOUNDARY = frozenset((";", ":", "(", ")", "[", "]"))
_HEDGE_WINDOW = 12
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
    if j >= len(toks):
        return True
    nxt = toks[j]
    if nxt == "by":
        return j + 1 >= len(toks) or bool(_NUMBER_RE.match(toks[j + 1]))
    return nxt in _INTRANS_NEXT


def _verb_role(toks: list[str], i: int, end: int, lemma: str, ftype: str, lo_clause: int, hi_clause: int):
    """Decide what a causal-verb token is: 'verb' (finite/claim), 'comp' (a change
    or difference statement, level 1), or None (purpose infinitive, noun, gerund)."""
    tok = toks[i]
    p = _prev_content(toks, i)
    prev = toks[p] if p >= 0 else ""
    change = lemma in _CHANGE_LEMMAS

    if ftype == "ing":
        if prev in _BE:  # progressive
            return "comp" if change and _intransitive(toks, end) else "verb"
        return None  # gerund / participle clause: the main verb decides

    if ftype == "base":
        if prev == "to":
            h = _prev_content(toks, p)
            head = toks[h] if h >= 0 else ""
            return "verb" if head in _INF_HEADS else None
        if prev in _AUX or prev.endswith(("n't", "n\u2019t")):
            return "verb"
        if lemma in _NO_BASE:
            return None
        if prev in _DETPREP_NOUN or (end < len(toks) and toks[end] in ("in", "of") and change):
            return "comp" if change else None  # noun use: "an increase in"
        if change and _intransitive(toks, end):
            return "comp"
        return "verb"

    if ftype == "s":
        if prev in _DETPREP_NOUN or (end < len(toks) and toks[end] in ("in", "of")):
            return "comp" if change else None  # plural noun: "changes in"
        if change and _intransitive(toks, end):
            return "comp"
        return "verb"

    # past tense / past participle
    adjectival = tok in _ADJ_PARTICIPLES
    if prev in _BE:
        if adjectival:
            # passive: causal only with an agent ("was reduced by exercise")
            j = end
            lim = min(hi_clause, end + 6)
            while j < lim:
                if toks[j] == "by":
                    return "comp" if (j + 1 >= len(toks) or _NUMBER_RE.match(toks[j + 1])) else "verb"
                j += 1
            return "comp"
        return "verb"
    nxt = toks[end] if end < len(toks) else ""
    if prev in _HAVE:
        pp = _prev_content(toks, p)
        if pp >= 0 and toks[pp] in _AUX:
            return "verb"  # "may have affected"
        if adjectival and nxt not in _OBJECT_START:
            return "comp" if change else None  # "had increased risk"
        return "comp" if change and _intransitive(toks, end) else "verb"
    if adjectival and prev in _PART_TAKERS:
        return "comp" if change else None  # "showed reduced uptake"
    if p < lo_clause or prev in _HARD_BOUNDARY or prev == "," or prev in _DETPREP_NOUN \
            or (adjectival and prev in ("and", "or")):
        return "comp" if (change and adjectival) else None  # attributive: "with reduced mortality"
    if change and _intransitive(toks, end):
        return "comp"
    if nxt in _REDUCED_RELATIVE:
        return None  # "patients treated with", "progress made in"
    return "verb"


def classify(text: str) -> Strength:
    """Claim strength (0-3) of one sentence, with the span of the deciding cue."""
    low = text.lower()
    if len(low) != len(text):  # a few non-ASCII characters change length when lowered
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    spans = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(low)]
    if not spans:
        return _NONE
    toks = [low[a:b] for a, b in spans]
    n = len(toks)

    # -- pass 1: phrase matching ------------------------------------------
    ctx = [None] * n            # context kind per token (hedge/report/neg/frame)
    cues = []                   # (i, end, kind, payload)
    table = _TABLE
    i = 0
    while i < n:
        entries = table.get(toks[i])
        if entries is None:
            i += 1
            continue
        best = None
        comp_len = -1
        for rest, kind, payload in entries:
            k = len(rest)
            if k and tuple(toks[i + 1:i + 1 + k]) != rest:
                continue
            if kind in _CONTEXT_KINDS:
                for j in range(i, i + 1 + k):
                    if ctx[j] is None:
                        ctx[j] = kind
                continue
            if kind == _COMP and k > comp_len:
                comp_len = k
            if best is None or k > len(best[0]) or (k == len(best[0]) and _CUE_KINDS.index(kind) < _CUE_KINDS.index(best[1])):
                best = (rest, kind, payload)
        if best is not None:
            k = len(best[0])
            cues.append((i, i + 1 + k, best[1], best[2], comp_len == k))
            i += 1 + k
        else:
            i += 1
    if not cues:
        return _NONE

    # -- clause structure ----------------------------------------------------
    # hard clause start (;:() and contrastive conjunctions) and comma clause start
    hard_start = [0] * n
    soft_start = [0] * n
    hs = ss = 0
    for j, t in enumerate(toks):
        if t in _HARD_BOUNDARY or t in _CONTRAST:
            hs = ss = j + 1
        elif t == ",":
            ss = j + 1
        hard_start[j] = hs
        soft_start[j] = ss
    soft_end = [n] * n
    hard_end = [n] * n
    se = he = n
    for j in range(n - 1, -1, -1):
        t = toks[j]
        if t in _HARD_BOUNDARY or t in _CONTRAST:
            se = he = j
        elif t == ",":
            se = j
        soft_end[j] = se
        hard_end[j] = he

    best_level = 0
    best_span = None
    for i, end, kind, payload, comp_too in cues:
        lo_soft, hi_soft = soft_start[i], soft_end[i]
        # recommendation / future-research frame anywhere in the comma clause
        framed = False
        for j in range(hard_start[i], hard_end[i]):
            c = ctx[j]
            if c == _FRAME or (c == _COND and lo_soft <= j < hi_soft):
                framed = True
                break
        if framed:
            continue

        level = 0
        if kind == _VERB:
            lemma, ftype = payload
            role = _verb_role(toks, i, end, lemma, ftype, lo_soft, hi_soft)
            if role is None:
                if not comp_too:
                    continue
                role = "comp"
            level = 3 if role == "verb" else 1
        elif kind in (_EFF, _CNOUN, _WEAK):
            level = 3
        elif kind == _COMP and toks[i] == "than" and end < n and (_NUMBER_RE.match(toks[end]) or toks[end] in _QUANT):
            continue  # "more than 50%": a quantity, not a comparison
        else:  # assoc, comp
            level = 1

        lo_hard = hard_start[i]
        # negation just before the cue, inside the comma clause
        if _NEGATED_POLICY == "zero":
            negated = False
            for j in range(max(lo_soft, i - _NEG_WINDOW), i):
                if ctx[j] == _NEG and not (j + 1 < n and toks[j + 1] == "only"):
                    negated = True
                    break
            if negated:
                continue

        hedge_at = -1
        if level == 3:
            for j in range(i - 1, max(lo_hard, i - _HEDGE_WINDOW) - 1, -1):
                if ctx[j] == _HEDGE:
                    hedge_at = j
                    while hedge_at > lo_hard and ctx[hedge_at - 1] == _HEDGE:
                        hedge_at -= 1
                    break
            if hedge_at >= 0:
                level = 2
            elif kind == _WEAK:
                continue
            elif _REPORTING_HEDGES:
                for j in range(lo_hard, i):
                    if ctx[j] == _REPORT:
                        level = 2
                        break

        if level > best_level:
            best_level = level
            if hedge_at >= 0 and i - hedge_at <= 4:
                best_span = (spans[hedge_at][0], spans[end - 1][1])
            else:
                best_span = (spans[i][0], spans[end - 1][1])
            if level == 3:
                break
    if best_level == 0:
        return _NONE
    a, b = best_span
    return Strength(best_level, a, b, text[a:b])
