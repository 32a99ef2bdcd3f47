"""The attribution checks: who did the study, where they work, and where and when it was
published, compared with the citation's ``authors``, ``sources``, ``journal`` and
``published``.  One check per thing checked:

- ``attribution.name``: a person named in the story whose name is close to, but not the
  same as, a listed author's or source's ("Jeffrey Kocsis" for "Jeffery D. Kocsis").
- ``attribution.role``: a listed person given a role the citation contradicts (``cues``:
  wordings and the role each one claims: ``first``, ``senior``, ``author``, ``not-author``).
- ``attribution.affiliation``: a listed person tied to an institution ("X of Harvard",
  "X, a professor at Stanford", "Harvard's X") that agrees with none of their
  affiliations (parsed into units by ``lint/affiliations.py``, compared in
  ``lint/institutions.py``).
- ``attribution.team-affiliation``: "researchers at X" where X matches no author's
  affiliation.
- ``attribution.journal``: "published in X", "in the journal X" where X names another journal.
- ``attribution.year``: "published in 2019", "a 2019 study" about this study, with another year.
- ``attribution.unlisted-author``: someone described as an author ("lead author X", "the
  team, led by X") who is not among the authors.
- ``attribution.unlisted-source``: a quoted person who is not listed at all (info).

Every wording (role cues, journal cues, year patterns, institution words...) is data in
the rule's ``params``, written in the cue language of ``lint/cues.py``; how names and
institutions are written is ``lint/names.py`` and ``lint/institutions.py``; the person
mentions and the citation's people are the ``people`` and ``cited_people`` analyses
(``lint/analyses/people.py``).  A rule whose citation facts are missing stays silent.

Message placeholders: ``{match}``, ``{person}`` (the listed name), ``{group}`` (author or
source), ``{actual}`` (what the citation says), ``{evidence}``, ``{cue}``, ``{journal}``,
``{year}``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from ..affiliations import labels, parse_affiliations
from ..analyses.people import Listed, PersonMention, Resolution
from ..analyses.scope import scope
from ..citation import Citation
from ..cues import YEAR_RE, Cues
from ..findings import Finding
from ..institutions import (
    InstSpan,
    agrees,
    capture_caps,
    clean_inst,
    inst_readings,
    near_miss,
    readings_match,
)
from ..journals import (
    DIFFERENT,
    SAME,
    UNSURE,
    JournalMention,
    display_name,
    journal_identity,
    journal_mentions,
    journal_name_at,
    looks_journal,
    names_journal,
)
from ..names import fold, is_initial
from ..policy import lower
from ..registry import check as register_check
from ..rules import render
from ._attribution import (
    AttributionParams,
    CueParams,
    InstitutionParams,
    OtherStudyParam,
    OtherStudySentenceParam,
    QuotedParam,
    SimilarityParams,
    all_affiliations,
    apposition_end,
    bind_cue,
    cue_matcher,
    indefinite,
    institution_words,
    linked,
    listed_people_and_mentions,
    looks_institution,
    names,
    people,
    resolve,
    role_cues,
    severity,
)

# ---------------------------------------------------------------------------------
# attribution.name
# ---------------------------------------------------------------------------------

class NameParams(AttributionParams, QuotedParam, SimilarityParams):
    check_name = "attribution.name"


def corrected(m: PersonMention, r: Resolution) -> str:
    """The mention as written, with only the misspelt words replaced by the paper's spelling
    (a given name by the listed given name it misspells, the surname by the listed surname)."""
    out = []
    for i, w in enumerate(m.words):
        w = r.fix.get(i, w)
        if w:
            out.append(w + ("." if is_initial(w) else ""))
    return " ".join(out)


@register_check("attribution.name", NameParams)
def check_name(rules, ctx) -> Iterator[Finding]:
    """A person named in the story whose name misspells a listed author's or source's."""
    found = listed_people_and_mentions(ctx)
    if found is None:
        return
    mentions, cited = found
    doc = ctx.doc
    for rule in rules:
        p: NameParams = rule.params
        for m in mentions.mentions:
            r = resolve(cited, m, p)
            if r.exact or r.close is None:
                continue
            x = r.close
            sev = severity(rule, p.quoted, doc, m.start, m.end)
            if sev is None:
                continue
            fix = corrected(m, r)
            evidence = f"{x.field}.name = {x.person.name}"
            msg = rule.render(match=doc.text[m.start:m.end], person=x.person.name, group=x.group,
                              evidence=evidence, actual=x.person.name)
            # the mention with only its misspelt words corrected fits the sentence as-is
            safe = len(fix.split()) == len(m.words)
            reps = [fix] if safe else [fix] + ([x.person.name] if fix != x.person.name else [])
            yield Finding(rule, m.start, m.end, msg, evidence=evidence, severity=sev, replacements=reps,
                          fix_safe=safe)


# ---------------------------------------------------------------------------------
# attribution.role
# ---------------------------------------------------------------------------------

class RoleParams(AttributionParams, QuotedParam, CueParams):
    check_name = "attribution.role"
    needs = ("cues",)


def _role_verdict(role: str, x: Listed, c: Citation) -> str | None:
    """None when consistent or unknown; else what the citation says instead.  Only what the
    citation states counts: a role it does not give is unknown, never its opposite."""
    roles = ", ".join(x.person.roles) or "no role listed"
    if role in ("first", "senior", "lead", "author") and x.group != "author":
        return f"listed as a source ({roles}), not an author"
    if role == "first":
        if x.first:
            return None
        return f"author {x.index + 1} of {len(c.authors)} ({roles}); the first author is {c.authors[0].name}"
    if role == "senior":
        # the first of several authors is not the senior one unless a role says so; any other
        # author without the senior role may be a co-senior author the citation does not mark
        if x.senior or not x.first or len(c.authors) < 2:
            return None
        seniors = [a.name for a in c.authors if "senior" in a.roles] or [c.authors[-1].name]
        return f"the first author ({roles}), not a senior author; senior: {', '.join(seniors)}"
    if role == "lead":
        return None  # "lead author", "led the study": the first or the senior author (UK usage)
    if role == "not-author":
        if x.group == "author":
            return f"an author of the study (author {x.index + 1} of {len(c.authors)})"
        return None
    return None


def _cue_hits(ctx, p: CueParams):
    """(cue, sentence, start, end) of every role wording, found once per document."""
    mentions = ctx.analyses.get("people")
    for h in mentions.cue_hits(role_cues(ctx, p), cue_matcher(ctx, p.other_study)):
        yield p.cues[h.cue], h.sentence, h.start, h.end


@register_check("attribution.role", RoleParams)
def check_role(rules, ctx) -> Iterator[Finding]:
    """A listed person given a role (first, senior, author, independent) the citation contradicts."""
    found = listed_people_and_mentions(ctx)
    if found is None:
        return
    mentions, cited = found
    doc = ctx.doc
    c = ctx.citation
    for rule in rules:
        p: RoleParams = rule.params
        seen: set[tuple[int, int]] = set()
        for cue, sent, cs, ce in _cue_hits(ctx, p):
            if any(a <= cs and ce <= b for a, b in seen):
                continue
            m = bind_cue(doc, mentions, sent, cs, ce)
            if m is None:
                continue
            x = resolve(cited, m, p).person
            if x is None:
                continue
            actual = _role_verdict(cue.role, x, c)
            if actual is None:
                continue
            base = rule.severity
            if cue.lenient and any(role in x.person.roles for role in cue.lenient):
                base = lower(base)
            sev = severity(rule, p.quoted, doc, cs, ce, base)
            if sev is None:
                continue
            seen.add((cs, ce))
            evidence = (f"{x.field}.roles = [{', '.join(x.person.roles)}]" if x.person.roles
                        else f"{x.field}.roles not given")
            if cue.role == "first" and x.group == "author":
                evidence += f"; authors[0].name = {c.authors[0].name}"
            if x.group == "source" or cue.role == "not-author":
                evidence = f"{x.field}.name = {x.person.name}"
            cue_text = doc.text[cs:ce]
            msg = rule.render(match=cue_text, cue=cue_text, person=x.person.name, group=x.group, actual=actual,
                              evidence=evidence)
            yield Finding(rule, cs, ce, msg, evidence=evidence, severity=sev)


# ---------------------------------------------------------------------------------
# attribution.affiliation
# ---------------------------------------------------------------------------------

class AffiliationParams(AttributionParams, QuotedParam, SimilarityParams, OtherStudyParam, InstitutionParams):
    check_name = "attribution.affiliation"
    needs = ("institution_words",)
    tie_words: list[str] = ["of", "at", "from"]  # "X of Y", "X, a professor at Y"
    unless_near: Cues = []  # "formerly", "trained at": not a current affiliation
    # a job title between an institution and a name ties them: "University of Warwick
    # psychology researcher Dr Zachary Estes", "Yale neurologist X" (the last lower-case
    # word before the name must be one of these)
    role_nouns: list[str] = []


_POSSESSOR = re.compile(r"((?:[A-Z][\w’'\-]*\s+(?:(?:of|for|and|the)\s+)?){0,5}[A-Z][\w’'\-]*)(?:['’]s)\s+"
                        r"(?:(?:Dr|Prof|Professor)\.?\s+)?$")
_PRENOMINAL = re.compile(r"((?:[A-Z][\w’'\-]*\s+(?:(?:of|for|and|the)\s+)?){0,5}[A-Z][\w’'\-]*)\s+"
                         r"((?:[a-z][\w\-]*\s+){0,2}([a-z][\w\-]*))\s+(?:(?:Dr|Prof|Professor)\.?\s+)?$")


def _ties(ctx, mentions, m: PersonMention, p: AffiliationParams) -> list[InstSpan]:
    """Institutions the sentence ties to this person."""
    text = ctx.doc.text
    sent = m.sentence
    ms = mentions.in_sentence(sent)
    starts = [o.start for o in ms if o is not m and (len(o.toks) >= 2 or o.titled)
              and not re.search(r"\b(?:of|at|from|in|with|the)\s+$", text[max(0, o.start - 6):o.start])]
    stop = set(starts)
    tie = "|".join(re.escape(t) for t in p.tie_words) or "of|at|from"
    other = cue_matcher(ctx, p.other_study).rx
    un = cue_matcher(ctx, p.unless_near).rx if p.unless_near else None
    out: list[InstSpan] = []
    after = m.end + (2 if text[m.end:m.end + 2] in ("'s", "’s") else 0)
    # "X of Harvard", "X at the University of Y"
    d = re.compile(rf"\s+(?:{tie})\s+").match(text, after)
    if d:
        inst = capture_caps(text, d.end(), sent.doc_end, stop)
        if inst:
            out.append(inst)
    # "X, a professor at Stanford, ..."
    if text[after:after + 1] == ",":
        end = apposition_end(text, after + 1, sent.doc_end, starts)
        seg = text[after + 1:end]
        for t in re.finditer(rf"\b(?:{tie})\s+", seg):
            pre = seg[max(0, t.start() - 40):t.start()]
            if (other is not None and other.search(pre)) or (un is not None and un.search(pre)):
                continue
            inst = capture_caps(text, after + 1 + t.end(), end, stop)
            if inst:
                out.append(inst)
    # "Harvard's X", "Yale neurologist X"
    bm = _POSSESSOR.search(text[sent.doc_start:m.start])
    if bm:
        out.append(InstSpan(sent.doc_start + bm.start(1), sent.doc_start + bm.end(1), bm.group(1)))
    # "University of Warwick psychology researcher X"
    pm = _PRENOMINAL.search(text[sent.doc_start:m.start]) if p.role_nouns else None
    if pm and pm.group(3) in p.role_nouns:
        out.append(InstSpan(sent.doc_start + pm.start(1), sent.doc_start + pm.end(1), pm.group(1)))
    # filter what is not an institution or was formerly one
    keep = []
    for inst in out:
        if un and un.search(text[max(sent.doc_start, inst.start - 40):inst.start]):
            continue
        keep.append(inst)
    return keep


@register_check("attribution.affiliation", AffiliationParams)
def check_affiliation(rules, ctx) -> Iterator[Finding]:
    """A listed person tied to an institution that agrees with none of their affiliations.

    Only a clearly different institution for a clearly identified person: the name
    resolves to one listed person (a misspelt name, resolved by similarity, gives one
    level lower), their affiliations are given, the place is clearly an institution
    (``lint.institutions.agrees`` is False, not None), and the sentence is about them now
    (``unless_near``: "now based at", "formerly of", "who trained at").  A unit of the
    right institution named almost as the paper names it ("Institute of Cancer Studies" for
    "Institute of Cancer Sciences") is reported too.  Messages name the affiliation's
    units, never its e-mail address or postcode."""
    found = listed_people_and_mentions(ctx)
    if found is None:
        return
    mentions, cited = found
    doc = ctx.doc
    allaff = all_affiliations(ctx.citation)
    for rule in rules:
        p: AffiliationParams = rule.params
        words = institution_words(ctx, p)
        for m in mentions.mentions:
            r = resolve(cited, m, p)
            x = r.person
            if x is None or not x.person.affiliations:
                continue  # not clearly one listed person, or their affiliations are unknown
            affs = parse_affiliations(x.person.affiliations)
            if not any(a.named for a in affs):
                continue
            insts = [clean_inst(i) for i in _ties(ctx, mentions, m, p)]
            insts = [i for i in insts if looks_institution(i.text, words, allaff)]
            verdicts = [(i, readings_match(inst_readings(doc.text, i, m.sentence.doc_end), affs)) for i in insts]
            if not verdicts or all(v is None for _, v in verdicts):
                continue
            base = rule.severity if len(r.exact) == 1 else lower(rule.severity)
            listed = labels(affs)
            evidence = f"{x.field}.affiliations = [{listed}]"
            if any(v for _, v in verdicts):
                # the right institution; a unit of it misnamed?
                for inst, v in verdicts:
                    unit = near_miss(inst.text, affs) if v and agrees(inst.text, affs) is not True else None
                    if unit is None:
                        continue
                    # a misnamed unit of the right institution is a slip worth a look, not a
                    # wrong affiliation: one level lower
                    sev = severity(rule, p.quoted, doc, inst.start, inst.end, lower(base))
                    if sev is None:
                        continue
                    msg = rule.render(match=inst.text, person=x.person.name, group=x.group, actual=unit.name,
                                      evidence=evidence)
                    yield Finding(rule, inst.start, inst.end, msg, evidence=evidence, severity=sev,
                                  replacements=[unit.name])
                    break
                continue
            for inst, v in verdicts:
                if v is not False:
                    continue
                sev = severity(rule, p.quoted, doc, inst.start, inst.end, base)
                if sev is None:
                    continue
                msg = rule.render(match=inst.text, person=x.person.name, group=x.group, actual=listed,
                                  evidence=evidence)
                main = next((u for u in (a.main() for a in affs) if u is not None), None)
                yield Finding(rule, inst.start, inst.end, msg, evidence=evidence, severity=sev,
                              replacements=[main.name] if main else [])
                break


# ---------------------------------------------------------------------------------
# attribution.team-affiliation
# ---------------------------------------------------------------------------------

class TeamAffiliationParams(AttributionParams, QuotedParam, OtherStudyParam, InstitutionParams):
    check_name = "attribution.team-affiliation"
    needs = ("institution_words", "team_words")
    team_words: Cues = []  # "the team", "researchers", "psychiatrists" (before "at X")
    tie_words: list[str] = ["at", "from"]  # "researchers at X", "a team from X" ("of" is never one here)


def _team_tie(ctx, p: TeamAffiliationParams) -> re.Pattern:
    words = tuple(t for t in p.tie_words if t != "of")

    def build() -> re.Pattern:
        tie = "|".join(re.escape(t) for t in words) or "at|from"
        return re.compile(rf"\s+(?:based\s+)?(?:{tie})\s+")

    return ctx.compiled(("attribution.team-tie", words), build)


_AND_AT = re.compile(r"\s+and\s+(?:(?:at|from)\s+)?")


@register_check("attribution.team-affiliation", TeamAffiliationParams)
def check_team_affiliation(rules, ctx) -> Iterator[Finding]:
    """"Researchers at X" where X matches no author's affiliation."""
    c = ctx.citation
    if c is None or not c.authors or any(not a.affiliations for a in c.authors):
        return
    mentions = ctx.analyses.get("people")
    doc = ctx.doc
    affs = parse_affiliations([a for x in c.authors for a in x.affiliations])
    if not any(a.named for a in affs):
        return
    texts = mentions.texts
    for rule in rules:
        p: TeamAffiliationParams = rule.params
        team_m = cue_matcher(ctx, p.team_words)
        team = team_m.rx
        if team is None:
            continue
        other = cue_matcher(ctx, p.other_study)
        words = institution_words(ctx, p)
        team_tie = _team_tie(ctx, p)
        for k in mentions.candidates(team_m):
            if mentions.mentions_other(other, k):
                continue
            sent = mentions.sentences[k]
            s = texts[k]
            starts = {o.start for o in mentions.in_sentence(sent)}
            for tm in team.finditer(s):
                g = team_tie.match(s, tm.end())
                if not g:
                    continue
                pos = sent.doc_start + g.end()
                found = []
                while True:
                    inst = capture_caps(doc.text, pos, sent.doc_end, starts)
                    if inst is None:
                        break
                    found.append(clean_inst(inst))
                    a = _AND_AT.match(doc.text, inst.end)
                    if not a:
                        break
                    pos = a.end()
                found = [i for i in found if looks_institution(i.text, words, all_affiliations(c))]
                for inst in found:
                    if readings_match(inst_readings(doc.text, inst, sent.doc_end), affs) is not False:
                        continue
                    sev = severity(rule, p.quoted, doc, inst.start, inst.end)
                    if sev is None:
                        continue
                    listed = labels(affs)
                    evidence = f"authors[*].affiliations = [{listed}]"
                    msg = rule.render(match=inst.text, actual=listed, evidence=evidence)
                    yield Finding(rule, inst.start, inst.end, msg, evidence=evidence, severity=sev)


# ---------------------------------------------------------------------------------
# attribution.journal
# ---------------------------------------------------------------------------------

class JournalParams(AttributionParams, QuotedParam, OtherStudyParam):
    """Where a sentence names the journal is found by ``lint.journals.journal_mentions``
    (its wordings and the journals' names are ``rules/lexicons/journals.yaml``); these
    parameters add to it."""

    check_name = "attribution.journal"
    phrases: Cues = []  # more wordings after which a journal-like name is the study's journal
    journal_words: list[str] = []  # more words that make a capitalised phrase a journal name
    journal_aliases: list[list[str]] = []  # more names that mean the same journal
    unsure: Literal["info", "skip"] = "info"  # a name that may or may not be the journal
    unsure_message: str = '"{match}" may not be where the study appeared: the paper is in {journal}'


_INDEFINITE_CUE = re.compile(r"(?i)an?\s")
_STUDY_NOUN = re.compile(r"(?i)\b(?:study|studies|paper|report|article|research|trial|analysis|review|survey|"
                         r"findings|results|work|letter)\b")


def _rule_mentions(ctx, doc, sent, p: JournalParams, found: list[JournalMention]) -> list[JournalMention]:
    """Names after the rule's own wordings (``phrases``) that look like journals'."""
    rx = cue_matcher(ctx, p.phrases).rx if p.phrases else None
    if rx is None:
        return found
    extra = {fold(w) for w in p.journal_words}
    s = doc.text[sent.doc_start:sent.doc_end]
    out = list(found)
    for cm in rx.finditer(s):
        jm = journal_name_at(doc.text, sent.doc_start + cm.end(), sent.doc_end)
        if jm is None or any(f.start <= jm.start < f.end or jm.start <= f.start < jm.end for f in out):
            continue
        toks = {t for t in re.split(r"[^\w']+", fold(jm.name)) if t}
        if "journal" in cm.group().lower().split()[-1:] or looks_journal(jm.name) or toks & extra:
            out.append(jm)
    return out


def _study_noun_before(s: str, at: int) -> re.Match | None:
    last = None
    for nm in _STUDY_NOUN.finditer(s[:at]):
        last = nm
    return last


def _about_another(s: str, at: int) -> bool:
    """Does the study noun before this point have an indefinite article ("a study
    published in X"): possibly some other study?"""
    last = _study_noun_before(s, at)
    return last is not None and indefinite(s[: last.start()])


_DEFINITE = re.compile(r"(?i)\b(?:the|this|these|their|its|our|his|her)\s+(?:[\w'’-]+\s+){0,3}$")
_NEWS_TIME = re.compile(r"(?i)\b(?:published|reported|appears?|online)\s+(?:\w+\s+)?(?:today|this\s+week|"
                        r"tomorrow|yesterday)\b")
_BY = re.compile(r"\bby\s+(?:the\s+)?$")
_YEAR_IN_SENTENCE = re.compile(rf"(?<!\d){YEAR_RE}(?!\d)")


def _this_study(s: str, at: int) -> bool:
    """Does the text before this point speak of the study with a definite article ("the
    findings were published in X", "the study's authors write in X")?"""
    last = _study_noun_before(s, at)
    return last is not None and bool(_DEFINITE.search(s[: last.start()]))


def _another_year(s: str, c: Citation) -> bool:
    """A year in the sentence that is not the paper's ("published in 2008 in X")."""
    pub = c.published
    if pub is None:
        return False
    return any(abs(int(y.group()) - pub.year) > 1 for y in _YEAR_IN_SENTENCE.finditer(s))


@register_check("attribution.journal", JournalParams)
def check_journal(rules, ctx) -> Iterator[Finding]:
    """"Published in X", "in the journal X" where X names another journal: an error when
    that is certain and the sentence is about this study; an info when X may or may not be
    the journal (a publisher, a cut or misspelt name)."""
    c = ctx.citation
    if c is None:
        return
    known, journal = c.field("journal")
    if not known or not journal:
        return
    mentions, cited = people(ctx)
    doc = ctx.doc
    shown = display_name(journal)
    for rule in rules:
        p: JournalParams = rule.params
        aliases = list(c.journal_aliases) + [n for g in p.journal_aliases if any(
            journal_identity(x, journal) == SAME for x in g) for n in g]
        other = cue_matcher(ctx, p.other_study)
        named: set[int] | None = None  # sentences that name the citation's journal
        for k, sent in enumerate(mentions.sentences):
            found = _rule_mentions(ctx, doc, sent, p, journal_mentions(doc.text, sent.doc_start, sent.doc_end))
            if not found or mentions.mentions_other(other, k) or scope(ctx.analyses).other_study(sent):
                continue  # about another study ("a previous study", "The US research" on a British paper)
            s = mentions.texts[k]
            if _another_year(s, c):
                continue  # "published in 2008 in X": another paper
            for jm in found:
                at = jm.start - sent.doc_start
                readings = (jm.name, *jm.readings)
                if any(journal_identity(x, journal, aliases, journal_like=jm.explicit or None) == SAME
                       for x in readings):
                    continue
                verdict = journal_identity(jm.name, journal, aliases, journal_like=jm.explicit or None)
                # "a study in X" may be any study: only this one when the text ties it to the paper
                tied = bool(_NEWS_TIME.search(s)) or linked(doc, sent, c, cited.people)
                if _about_another(s, at) and not tied:
                    continue
                if verdict == DIFFERENT and _BY.search(s[:at]):
                    verdict = UNSURE  # "published by the BMJ": the publisher, maybe of a sister journal
                if verdict == DIFFERENT and not tied and not _this_study(s, at):
                    # a story that names the right journal elsewhere may be on another paper here
                    if named is None:
                        named = {i for i, x in enumerate(mentions.texts) if names_journal(x, journal, aliases)}
                    if named - {k}:
                        verdict = UNSURE
                if verdict == DIFFERENT:
                    sev = severity(rule, p.quoted, doc, jm.start, jm.end)
                    template = rule.message
                elif p.unsure == "info":
                    sev = severity(rule, p.quoted, doc, jm.start, jm.end, "info")
                    template = p.unsure_message
                else:
                    continue
                if sev is None:
                    continue
                js, name = jm.start, jm.name
                if name.startswith("The ") and len(name) > 4:  # the span is the name's own words
                    js, name = js + 4, name[4:]
                fix = shown[4:] if shown.startswith("The ") and doc.text[max(0, js - 4):js].lower() == "the " \
                    else shown
                evidence = f"journal = {journal}"
                msg = render(template, match=name, journal=shown, actual=journal, evidence=evidence)
                yield Finding(rule, js, jm.end, msg, evidence=evidence, severity=sev,
                              replacements=[fix])


# ---------------------------------------------------------------------------------
# attribution.year
# ---------------------------------------------------------------------------------

class YearParams(AttributionParams, QuotedParam, OtherStudyParam):
    check_name = "attribution.year"
    needs = ("phrases", "study_words")
    phrases: Cues = []  # "published * in YEAR", "a YEAR study"
    study_words: Cues = []  # nouns that make a sentence about the study ("study", "findings")
    adjacent_year_ok: bool = True  # online-first in December, issue in January: tolerate one year


_YEAR_IN = re.compile(rf"(?<!\d){YEAR_RE}(?!\d)")


@register_check("attribution.year", YearParams)
def check_year(rules, ctx) -> Iterator[Finding]:
    """"Published in 2019", "a 2019 study" about this study, with another year."""
    c = ctx.citation
    if c is None:
        return
    known, pub = c.field("published")
    if not known or pub is None:
        return
    mentions, cited = people(ctx)
    doc = ctx.doc
    texts = mentions.texts
    for rule in rules:
        p: YearParams = rule.params
        phrases = cue_matcher(ctx, p.phrases)
        r = phrases.rx
        nouns = cue_matcher(ctx, p.study_words).rx
        if r is None or nouns is None:
            continue
        other = cue_matcher(ctx, p.other_study)
        for k in mentions.candidates(phrases):
            if mentions.mentions_other(other, k):
                continue
            sent = mentions.sentences[k]
            s = texts[k]
            for ym in r.finditer(s):
                years = list(_YEAR_IN.finditer(ym.group()))
                if not years:
                    continue
                y = years[-1]
                year = int(y.group())
                if year == pub.year:
                    continue
                if p.adjacent_year_ok and pub.month and (
                        (pub.month == 1 and year == pub.year - 1) or (pub.month == 12 and year == pub.year + 1)):
                    continue
                # the phrase must be about a study: a study noun in the phrase or before it
                if not nouns.search(s[: ym.end()]):
                    continue
                # "a 2019 study", "a study published in 2019" may be any study: only this one when
                # the text ties it to the paper (its journal, an author's name, its sample size)
                last_noun = None
                for nm in nouns.finditer(s[: ym.end()]):
                    last_noun = nm
                is_indefinite = _INDEFINITE_CUE.match(ym.group()) or (
                    last_noun is not None and indefinite(s[: last_noun.start()]))
                if is_indefinite and not linked(doc, sent, c, cited.people):
                    continue
                ys, ye = sent.doc_start + ym.start() + y.start(), sent.doc_start + ym.start() + y.end()
                sev = severity(rule, p.quoted, doc, ys, ye)
                if sev is None:
                    continue
                evidence = f"published = {pub}"
                msg = rule.render(match=str(year), year=str(pub.year), actual=str(pub), evidence=evidence)
                yield Finding(rule, ys, ye, msg, evidence=evidence, severity=sev, replacements=[str(pub.year)],
                              fix_safe=True)


# ---------------------------------------------------------------------------------
# attribution.unlisted-author
# ---------------------------------------------------------------------------------

class UnlistedAuthorParams(AttributionParams, QuotedParam, CueParams, OtherStudySentenceParam):
    check_name = "attribution.unlisted-author"
    needs = ("cues",)
    leader_cues: Cues = []  # "led by": names the study's leader after a team word
    team_words: Cues = []  # "the team", "researchers" (before "led by")


_TEAM_PEOPLE = frozenset({"team", "group", "researchers", "scientists", "investigators", "experts", "doctors"})


def _leader_bind(ctx, mentions, p: UnlistedAuthorParams) -> Iterator[tuple[int, int, PersonMention]]:
    """"The team, led by geneticist Ingrid Solheim" / "researchers led by Dr. X"."""
    doc = ctx.doc
    lead_m = cue_matcher(ctx, p.leader_cues)
    lead = lead_m.rx
    team = cue_matcher(ctx, p.team_words).rx if p.team_words else None
    if lead is None:
        return
    texts = mentions.texts
    for k in mentions.candidates(lead_m):
        sent = mentions.sentences[k]
        s = texts[k]
        for lm in lead.finditer(s):
            before = s[max(0, lm.start() - 40):lm.start()]
            if team is not None:
                teams = list(team.finditer(before))
                if not teams:
                    continue
                tm = teams[-1]
                # "a landmark study led by X" may be any study: only this one when the text ties
                # it to the paper ("a team led by X" is how stories introduce the authors)
                if (tm.group().lower() not in _TEAM_PEOPLE and indefinite(before[:tm.start()])
                        and not linked(doc, sent, ctx.citation, ctx.analyses.get("cited_people").people)):
                    continue
            cs, ce = sent.doc_start + lm.start(), sent.doc_start + lm.end()
            m = bind_cue(doc, mentions, sent, cs, ce, occupations=True)
            if m is not None and m.start >= ce:
                yield cs, ce, m


@register_check("attribution.unlisted-author", UnlistedAuthorParams)
def check_unlisted_author(rules, ctx) -> Iterator[Finding]:
    """Someone described as an author ("lead author X", "led by X") who is not among the authors."""
    c = ctx.citation
    if c is None or not c.authors:
        return
    mentions, cited = people(ctx)
    doc = ctx.doc
    for rule in rules:
        p: UnlistedAuthorParams = rule.params
        other = cue_matcher(ctx, p.other_study_sentence)
        done: set[int] = set()
        hits = [(cs, ce, bind_cue(doc, mentions, sent, cs, ce)) for cue, sent, cs, ce in _cue_hits(ctx, p)
                if cue.role != "not-author"]
        hits += list(_leader_bind(ctx, mentions, p))
        for cs, ce, m in hits:
            if m is None or id(m) in done:
                continue
            if len(m.toks) < 2 and not m.titled:
                continue
            # only someone certainly not listed (no compatible, misspelt or same-surname author),
            # in a sentence about this study
            r = resolve(cited, m, p)
            if r.listed or r.related or mentions.mentions_other(other, m.pos):
                continue
            done.add(id(m))
            sev = severity(rule, p.quoted, doc, m.start, m.end)
            if sev is None:
                continue
            evidence = f"authors = {names(c.authors)}"
            cue = doc.text[cs:ce]
            msg = rule.render(match=doc.text[m.start:m.end], cue=cue, evidence=evidence, actual=names(c.authors))
            yield Finding(rule, m.start, m.end, msg, evidence=evidence, severity=sev)


# ---------------------------------------------------------------------------------
# attribution.unlisted-source
# ---------------------------------------------------------------------------------

class UnlistedSourceParams(AttributionParams, CueParams, OtherStudySentenceParam):
    check_name = "attribution.unlisted-source"


@register_check("attribution.unlisted-source", UnlistedSourceParams)
def check_unlisted_source(rules, ctx) -> Iterator[Finding]:
    """A quoted person (next to "said", "according to") who is neither an author nor a listed source."""
    c = ctx.citation
    if c is None or (not c.authors and not c.sources):
        return
    mentions, cited = people(ctx)
    doc = ctx.doc
    for rule in rules:
        p: UnlistedSourceParams = rule.params
        # people already described as authors are the unlisted-author rule's business
        described: set[int] = set()
        for cue, sent, cs, ce in _cue_hits(ctx, p):
            if cue.role == "not-author":
                continue
            m = bind_cue(doc, mentions, sent, cs, ce)
            if m is not None:
                described.add(id(m))
        seen: set[str] = set()
        other = cue_matcher(ctx, p.other_study_sentence)
        for m in mentions.mentions:
            if id(m) in described or (len(m.toks) < 2 and not m.titled) or doc.quote_at(m.start, m.end) is not None:
                continue
            if not mentions.quoted(m) or mentions.mentions_other(other, m.pos):
                continue
            r = resolve(cited, m, p)
            if r.listed or r.related:
                continue
            key = " ".join(m.toks)
            if key in seen:
                continue
            seen.add(key)
            evidence = "sources = " + (names(c.sources) if c.sources else "(none listed)")
            msg = rule.render(match=doc.text[m.start:m.end], evidence=evidence)
            yield Finding(rule, m.start, m.end, msg, evidence=evidence, severity=rule.severity)
