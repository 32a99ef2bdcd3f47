"""Extrapolation checks: an animal or cell study reported as a finding about people.

``extrapolation.human-claim`` flags a sentence that makes a claim (claim strength at least
``min_level``, or one of ``claim_phrases``) about people (``human_phrases``) without
naming the animals or cells (the words for the citation's ``study.subjects`` in
``rules/lexicons/species.yaml``, plus ``species_phrases``).  ``extrapolation.species-dropped``
flags a headline or lede sentence that makes such a claim before the article has
named the species at all.  The finding spans the claim and the people it is about.
Message placeholders: ``{match}``, ``{subjects}``,
``{study}``, ``{evidence}``.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..analyses.claims import about_study, cue_tokens, names_intervention, strength
from ..citation import describe
from ..claimstrength import acts_on_belief
from ..conditions import When, evaluate
from ..findings import Finding, join_evidence
from ..lexicons import lexicon
from ..phrases import Phrases, build_matcher, expand, longest_matches
from ..policy import ClaimPolicy, judge, lower
from ..registry import check as register_check
from ..species import species_phrases
from ._claims import frame, in_name


class ExtrapolationParams(ClaimPolicy):
    """What both checks read: the claim, the species named, the claim policy."""

    species_phrases: Phrases = []
    claim_phrases: Phrases = []
    # a one-word claim after one of these is a noun or an adjective, not a claim: "the
    # fight against obesity", "Britain's fight", "for an energy boost", "a lower IQ"
    claim_not_after: list[str] = []
    # comparatives among the claim words ("lower") are adjectives after these too:
    # "have lower IQs", "linked to lower IQ"
    comparatives: list[str] = []
    comparative_not_after: list[str] = []
    # a one-word claim followed by one of its words describes what was given, not an effect:
    # "patients treated with proton therapy", "mice were treated for two weeks"
    claim_not_before: dict[str, list[str]] = {}
    min_level: int = 2
    max_level: int = 3  # no finding when the sentence's claim strength is above this
    when: When = None


class HumanClaimParams(ExtrapolationParams):
    human_phrases: Phrases = []


class SpeciesDroppedParams(ExtrapolationParams):
    pass


def _matcher(ctx, rule, subjects: str | None):
    def build():
        p = rule.params
        species = list(p.species_phrases) + list(species_phrases(subjects)) or ["~~"]
        return build_matcher([("human", getattr(p, "human_phrases", None) or ["people"]), ("species", species),
                              ("claim", p.claim_phrases or ["~~"])])

    return ctx.compiled(("extrapolation", rule.code, subjects), build)


@register_check("extrapolation.human-claim", HumanClaimParams)
def check_human_claim(rules, ctx) -> Iterator[Finding]:
    """A claim about people (patients, humans, "you") that does not name the animals or cells."""
    return _check(rules, ctx, "human-claim")


@register_check("extrapolation.species-dropped", SpeciesDroppedParams)
def check_species_dropped(rules, ctx) -> Iterator[Finding]:
    """A headline or lede claim made before the article names the species at all."""
    return _check(rules, ctx, "species-dropped")


def _noun_use(tokens, m: tuple[int, int], p: ExtrapolationParams) -> bool:
    """Is a one-word claim match a noun or an adjective by the word before it, or a
    description of what was given by the word after it?"""
    s, e = m
    if e - s != 1:
        return False
    nxt = tokens[e].lower_ if e < len(tokens) else ""
    if nxt and nxt in p.claim_not_before.get(tokens[s].lower_, ()):
        return True
    if s == 0:
        return False
    prev = tokens[s - 1].lower_
    if tokens[s - 1].text == "A" and s >= 2 and tokens[s - 2].text[:1].isalpha():
        return False  # "vitamin A prevented", not the article
    if prev in p.claim_not_after or prev in ("'s", "’s") or prev.endswith(("'s", "’s")):
        return True
    if s >= 2 and tokens[s - 2].lower_ == "for" and tokens[s - 1].text.isalpha():
        return True  # "Skin transformed for cancer fight": a noun after its modifier
    return tokens[s].lower_ in p.comparatives and prev in p.comparative_not_after


def _clause_break(doc, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Is there a semicolon, a colon or a lone dash between two token spans?  A pair of
    dashes around an aside ("a water pill - or diuretic - can prevent") is no break."""
    between = range(min(a[1], b[1]), max(a[0], b[0]))
    if any(doc.tokens[i].text in (";", ":") for i in between):
        return True
    return sum(doc.is_dash(i) for i in between) % 2 == 1


def _background(ctx, sent, st) -> bool:
    """Is the sentence's strongest claim background ("the blood-brain barrier that protects
    the brain from harmful chemicals"), not the sentence's own claim?"""
    span = cue_tokens(ctx.doc, sent, st)
    return span is not None and bool(frame(ctx, sent, span.start, span.end).background)


def _check(rules, ctx, mode: str) -> Iterator[Finding]:
    c = ctx.citation
    if c is None:
        return
    doc = ctx.doc
    tokens = doc.tokens
    subjects = c.study.subjects
    for rule in rules:
        p = rule.params
        cond = evaluate(p.when, c)
        if cond is None:
            continue
        matcher = _matcher(ctx, rule, subjects)
        per_sent: dict[int, dict[str, list[tuple[int, int]]]] = {}
        vocab = tokens.vocab.strings
        for label, s, e in matcher(tokens):
            sent = doc.sentence_at(tokens[s].idx)
            if sent is None or sent.block.section != "body":
                continue
            if vocab[label] == "human" and in_name(doc, sent, tokens[s].idx,
                                                   tokens[e - 1].idx + len(tokens[e - 1].text)):
                continue  # "the journal Human Molecular Genetics", "Help the Aged": a name, not people
            per_sent.setdefault(sent.index, {}).setdefault(vocab[label], []).append((s, e))
        species_seen = False
        # a paragraph that names the species in any of its sentences scopes all of them
        # ("Scientists modified curcumin ... When they added it to cancer cells ...")
        scoped_blocks = {id(doc.sentences[i].block) for i, f in per_sent.items() if f.get("species")}
        for sent in doc.sentences:
            if sent.block.section != "body":
                continue
            found = per_sent.get(sent.index, {})
            if found.get("species"):
                species_seen = True
                continue
            if mode == "species-dropped" and (species_seen or id(sent.block) in scoped_blocks
                                              or not (sent.is_heading or doc.in_lede(sent))):
                continue
            if mode == "human-claim" and not found.get("human"):
                continue
            st = strength(ctx.analyses, sent)
            if st is not None and st.level > p.max_level and not _background(ctx, sent, st):
                continue  # a stronger claim than this rule's: another rule's (not one in background)
            # not a claim word used as a noun, nor one acting on research or a belief
            # ("could help the understanding and treatment of motor neurone disease")
            claim_tokens = [m for m in found.get("claim", ()) if not _noun_use(tokens, m, p)
                            and not acts_on_belief([t.lower_ for t in tokens[m[1]:min(m[1] + 4, sent.tok_end)]])]
            strong = st is not None and st.level >= p.min_level
            if not (strong or claim_tokens):
                continue
            cue = None
            if strong and st is not None:  # strong implies st is not None; the check tells mypy
                cue = cue_tokens(doc, sent, st)
            if cue is not None:
                cue_span = (cue.start, cue.end)
            else:
                # not strong, so there are claim words; or a strength cue that char_span could not
                # place, which "expand" only fails for offsets outside the text (the cue is inside)
                assert claim_tokens, "claim-strength cue outside the sentence and no claim words"
                cue_span = min(claim_tokens, key=lambda m: (m[0], -m[1]))  # the first, longest wording
            if mode == "human-claim":
                # the people the claim is about: in its own clause (not across a semicolon,
                # a colon or a dash: "can lead to early death; Having a stressed-out partner
                # can send you ..."), the nearest
                humans = [h for h in found.get("human", ()) if not _clause_break(doc, h, cue_span)]
                if not humans or not about_study(ctx.analyses, sent, ("condition",)):
                    continue
                near = min(humans, key=lambda h: min(abs(h[0] - cue_span[1]), abs(cue_span[0] - h[1])))
                s, e = min(cue_span[0], near[0]), max(cue_span[1], near[1])
            else:
                if not (about_study(ctx.analyses, sent, ("intervention",))
                        or about_study(ctx.analyses, sent, ("condition",))):
                    continue
                s, e = cue_span
            # judged where the claim is: a negation or hedge between the people and the claim
            # ("you switch to ..., that strategy isn't very effective") counts
            framing = frame(ctx, sent, *cue_span)
            verdict = judge(p, rule.severity, framing)
            if verdict is None:
                continue
            start, end = tokens[s].idx, tokens[e - 1].idx + len(tokens[e - 1].text)
            evidence = f"study.subjects = {subjects}" if subjects else cond.evidence
            if cond.evidence and cond.evidence not in evidence:
                evidence = cond.evidence + "; " + evidence
            msg = rule.render(match=doc.text[start:end], subjects=subjects or "animals", study=describe(c),
                              evidence=evidence) + verdict[1]
            yield Finding(rule, start, end, msg, evidence=evidence, severity=verdict[0],
                          replacements=[r.replace("{subjects}", subjects or "animals") for r in rule.replacements])


class SurrogateParams(ClaimPolicy):
    min_level: int = 2
    when: When = None


@lru_cache(maxsize=1)
def _hard_outcomes() -> tuple[str, ...]:
    return tuple(lexicon("outcomes")["hard"])


@register_check("extrapolation.surrogate", SurrogateParams)
def check_surrogate(rules, ctx) -> Iterator[Finding]:
    """A hard outcome (heart attacks, deaths) claimed when the study measured only surrogates."""
    c = ctx.citation
    if c is None or not c.study.outcomes:
        return
    hard = _hard_outcomes()
    measured = [o.lower() for o in c.study.outcomes]
    if any(h in o for o in measured for p in hard for h in expand(p)):
        return  # the study measured a hard outcome
    doc = ctx.doc
    tokens = doc.tokens
    matcher = ctx.compiled(("surrogate-hard",), lambda: build_matcher([("hard", list(hard))]))
    by_sent: dict[int, list[tuple[int, int]]] = {}
    for _label, s, e in longest_matches(matcher(tokens)):
        sent = doc.sentence_at(tokens[s].idx)
        if sent is not None and sent.block.section == "body":
            by_sent.setdefault(sent.index, []).append((s, e))
    evidence = "study.outcomes = [" + "; ".join(c.study.outcomes) + "]"
    for rule in rules:
        p = rule.params
        cond = evaluate(p.when, c)
        if cond is None:
            continue
        for sent in doc.sentences:
            spans = by_sent.get(sent.index)
            if not spans or not names_intervention(ctx.analyses, sent):
                continue
            st = strength(ctx.analyses, sent)
            if st is None or st.level < p.min_level:
                continue
            cue = cue_tokens(doc, sent, st)
            if cue is None:
                continue
            near = [(a, b) for a, b in spans if cue.end <= a <= cue.end + 8 or cue.start - 8 <= b <= cue.start]
            if not near:
                continue
            a, b = near[0]
            s, e = min(cue.start, a), max(cue.end, b)
            # the strength counts hedges: "would halve the chance" (2) is one level below "halves" (3)
            verdict = judge(p, rule.severity if st.level >= 3 else lower(rule.severity), frame(ctx, sent, s, e))
            if verdict is None:
                continue
            start, end = tokens[s].idx, tokens[e - 1].idx + len(tokens[e - 1].text)
            ev = join_evidence(cond.evidence, evidence)
            msg = rule.render(match=doc.text[start:end], outcome=doc.text[tokens[a].idx: tokens[b - 1].idx
                                                                           + len(tokens[b - 1].text)],
                              measured=" and ".join(c.study.outcomes), study=describe(c), evidence=ev) + verdict[1]
            yield Finding(rule, start, end, msg, evidence=ev, severity=verdict[0], replacements=[])
