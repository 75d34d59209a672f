"""The wording that names a study design: the pattern tables ``kg.extract.design_cues`` reads.

Kept apart from the reading rules (where a design word counts, which design wins) because the
tables are what grows: each is a list of (design slug, pattern) in order of precedence, or one
pattern for one kind of wording. Patterns are matched case-insensitively on sentence text.
"""

from __future__ import annotations

import re

__all__ = [
    "CASE_CUES",
    "CONTROLLED_CUE",
    "LITERATURE_SEARCH",
    "NARRATIVE_CUE",
    "NOT_NEGATED",
    "OPINION_CUE",
    "PRIMARY_CUES",
    "RANDOMISED",
    "RANDOM_ALLOCATION",
    "REVIEW_CUES",
    "TITLE_CUES",
    "TOPIC_TITLE",
    "rx",
]


def rx(pattern: str) -> re.Pattern[str]:
    """Design wording is matched without regard to case."""
    return re.compile(pattern, re.IGNORECASE)


RANDOMISED = r"randomi[sz](?:ed|ation)"
NOT_NEGATED = r"(?<!non-)(?<!non)(?<!non )(?<!quasi-)(?<!quasi )"
"""Regex parts: "randomised" in either spelling, and "not preceded by non- or quasi-"."""
_R, _NOT_NEG = RANDOMISED, NOT_NEGATED
RANDOM_ALLOCATION = (
    r"\brandomly (?:and \w+ )?(?:assigned|allocated|divided|distributed|categori[sz]ed|split|"
    r"placed|sorted|received|selected to receive)\b|\b(?:assigned|allocated|divided|"
    r"distributed|categori[sz]ed) (?:\w+ ){0,3}?(?:randomly|at random)\b|\brandom "
    r"(?:allocation|assignment)\b|\b(?:computer-generated|computerised|computerized) "
    r"(?:random|randomi[sz]ation)|\brandom (?:number|numbers) (?:table|tables|list)\b"
    r"|\bin (?:a )?(?:random|randomi[sz]ed|counterbalanced random) order\b")
"""Wording that says who got which treatment was decided by chance: the heart of a trial."""


REVIEW_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("study-protocol", rx(r"\bthis is (?:a|the) protocol\b|\bstudy protocol (?:for|of)\b"
                           r"|\bprotocol (?:for|of) a (?:\w+ ){0,3}(?:review|trial|study)\b"
                           r"|\bthis (?:study )?protocol (?:describes|will)\b|\bwill be "
                           r"(?:randomi[sz]ed|recruited|searched|included)\b")),
    ("overview-of-reviews", rx(r"\bumbrella review|\boverview of (?:\w+[- ]){0,3}reviews\b"
                                r"|\breview of (?:\w+[- ]){0,2}reviews\b|\bmeta-?review\b")),
    ("scoping-review", rx(r"\bscoping (?:review|study|literature review)|\bevidence map")),
    ("systematic-review", rx(r"\bsystematic (?:literature )?review(?! of (?:the )?(?:data|"
                              r"records|charts|clinical|cardiac|medical|case notes|the question|"
                              r"\w+ forms))|\bsystematically "
                              r"reviewed (?:the )?(?:literature|studies|trials|evidence|"
                              r"publications)|\bmeta-?analys[ie]s"
                              r"|\bmeta-?analy[sz]ed\b|\bcochrane review"
                              r"|\bsystematic (?:overview|search and|literature search)")),
)
"""Review and protocol designs, most specific first (an overview names systematic reviews)."""

PRIMARY_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("non-randomised-controlled", rx(r"\bnon-?\s?" + _R + r"\b(?!,? (?:patients|participants|"
                                      r"subjects|cohorts?|registry|individuals)\b)"
                                      r"|\bquasi-?\s?(?:experimental|"
                                      + _R + r")|\bcontrolled before[- ]and[- ]after\b"
                                      r"|\bbefore[- ]and[- ]after controlled\b|"
                                      r"\bhistorical(?:ly)? controls?\b|\bhistorically "
                                      r"controlled\b")),
    ("randomised-controlled-trial", rx(
        _NOT_NEG + r"\b" + _R + r"\b[, ]+(?:[\w-]+[, ]+){0,5}?(?:trials?|stud(?:y|ies)|"
        r"experiments?|design)\b|" + RANDOM_ALLOCATION
        + r"|\b(?:were|was|being|been|are|patients|participants|subjects) " + _NOT_NEG
        + r"randomi[sz]ed\b|" + _NOT_NEG + r"\brandomi[sz]ed (?:to|into|in a|1:1|2:1|equally)\b"
        r"|\b(?:double|triple|single)[- ](?:blind|mask)|\bplacebo[- ]controlled\b"
        r"|\bcross-?over (?:trial|study|design)|" + _NOT_NEG + r"\bRCTs?\b"
        r"|\b(?:non-?inferiority|equivalence|phase (?:III|3|IV|4)) (?:\w+ )?trial")),
    ("randomised-controlled-trial", rx(_NOT_NEG + r"\b" + _R + r"\b")),
    ("guideline", rx(r"\bconsensus (?:statement|conference|panel|meeting|document|"
                      r"recommendations?|guidelines?|development)|\bdelphi\b|\bexpert panel\b"
                      r"|\b(?:practice|clinical|evidence-based) guidelines?\b"
                      r"|\bguidelines? (?:for|on) (?:the )?(?:management|diagnosis|treatment|"
                      r"prevention|care|use)\b|\brecommendations (?:and rationale|for the "
                      r"(?:management|diagnosis|treatment)|of the)\b|\bposition (?:statement|"
                      r"paper)\b|\btask force recommend")),
    ("case-control", rx(r"\bcase[- ](?:control|referent|comparison) stud|\bcase[- ]control\b")),
    ("retrospective-cohort", rx(r"\bretrospective(?:ly)? (?:\w+ ){0,2}(?:cohort|stud|review|"
                                 r"analys|chart|data|evaluat)|\bchart review|\bmedical records? "
                                 r"(?:review|were reviewed)|\bregistry[- ]based\b|"
                                 r"\bretrospectively (?:reviewed|analy[sz]ed|collected|"
                                 r"identified|evaluated)")),
    ("prospective-cohort", rx(r"\bprospective(?:ly)? (?:\w+ ){0,2}(?:cohort|observational|"
                               r"follow-up stud|longitudinal)|\bfollowed (?:up )?prospectively"
                               r"|\bprospectively (?:followed|enrolled|recruited|collected)")),
    ("cohort", rx(r"\bcohort stud|\b(?:observational|longitudinal|population-based) "
                   r"(?:cohort|stud)|\bin a cohort of\b|\bcohort of \d")),
    ("uncontrolled-before-after", rx(
        r"\bsingle[- ](?:arm|group)\b|\buncontrolled\b|\bnon-?controlled\b|\bone[- ]group\b"
        r"|\bpre-?(?:test)?[- /]?(?:and[- ])?post-?(?:test)?[- ](?:design|study|intervention|"
        r"test|assessment|comparison)|\bbefore[- ]and[- ]after (?:study|design|comparison)"
        r"|\bopen[- ]label,? (?:single|pilot|phase (?:1|2|I|II))|\bphase (?:1|2|I|II|1/2|I/II)"
        r"(?:a|b)? (?:open|single|study|trial)\b")),
    ("qualitative", rx(r"\bqualitative (?:study|research|design|interview|analysis|"
                        r"descriptive|methods?)|\bsemi-?structured interviews?|\bfocus groups?"
                        r"|\bthematic analysis|\bgrounded theory|\binterpretative "
                        r"phenomenological")),
    ("cross-sectional", rx(r"\bcross[- ]sectional|\b(?:online|national|web-based|anonymous|"
                            r"postal|nationwide|questionnaire|telephone|electronic) survey\b"
                            r"|\bwe surveyed\b|\bwere surveyed\b|\bsurvey (?:was|of|among)\b"
                            r"|\bprevalence study|\ba survey\b")),
    ("case-series", rx(r"\bcase series\b|\bwe (?:report|describe|present|reviewed) (?:\d+|two|"
                        r"three|four|five|six|seven|eight|nine|ten|several|a series of) "
                        r"(?:\w+ ){0,2}(?:cases|patients)|\breport of (?:two|three|four|five|"
                        r"six|\d+) (?:\w+ )?cases|\bseries of (?:\d+|two|three|four|five|six|"
                        r"seven|eight|nine|ten) (?:\w+ ){0,2}(?:cases|patients)")),
    ("case-report", rx(r"\bcase report\b|\bwe (?:present|report|describe) (?:a|an|the|one|this)"
                        r" (?:[\w-]+ ){0,3}(?:case|patient|man|woman|boy|girl|child|infant)"
                        r"(?![- ](?:cent|group|populat|educat|care))"
                        r"|\ba case of\b|\ba \d+[- ](?:year|month|week|day)"
                        r"[- ]old\b|\bcase presentation\b|\bcase (?:is|was) (?:presented|reported|"
                        r"described)|\bthis (?:is the first )?(?:such )?report\b")),
)
"""Primary designs (and guidelines) in order of precedence: the first that the study says of
itself wins ("a randomised controlled trial of a case-control cohort" is the trial)."""

CASE_CUES = tuple((d, p) for d, p in PRIMARY_CUES if d in ("case-series", "case-report"))
LITERATURE_SEARCH = rx(
    r"\bsearched\b[^.]{0,80}\b(?:medline|pubmed|embase|cinahl|cochrane|web of science|scopus|"
    r"psycinfo|databases)\b|\bsystematic(?:ally)? (?:literature )?search")
"""A search of bibliographic databases is what a review does: with no other review wording, a
reproducible search makes the article a systematic review (a case report's look at the
literature for similar cases does not)."""

CONTROLLED_CUE = rx(
    r"(?<!non-randomi[sz]ed )(?<!uncontrolled )\b(?:controlled|comparative|multicent\w*|"
    r"pragmatic|blinded|masked|clinical|intervention) (?:\w+ )?trial\b|\bplacebo\b"
    r"|\bblind(?:ed)?\b|\bmasked\b|\bsham\b|\ba trial\b|\btrial of\b|\bNCT\d{8}\b"
    r"|\bparallel[- ]groups?\b|\b(?:assigned|allocated) to (?:receive )?(?:either|one of)\b"
    r"|\b(?:post[- ]hoc|secondary|sub-?group|sub-?)\s?analys[ie]s (?:of|from) (?:[\w-]+ ){0,4}"
    r"trials?\b|\bISRCTN\s?\d+|\bACTRN\s?\d+|\btrial regist"
    r"|\b(?:assigned|allocated|divided) (?:\w+ ){0,3}(?:to|into|in) (?:\w+ ){0,3}"
    r"(?:groups?|arms?)\b"
    r"|\b(?:intervention|experimental) (?:group|arm)\b|\bcontrol (?:group|arm|condition)\b")
"""A controlled comparison (placebo, blinding, allocated groups, a registered trial) with
no design named: read as a randomised trial, the usual design of such a report."""

OPINION_CUE = rx(
    r"\b(?:this|in this|the present|our) (?:commentary|editorial|viewpoint|perspective|essay|"
    r"opinion)\b|\baccording to (?:a )?(?:new|recent) (?:study|report)|\bthe new study\b"
    r"|\binterview(?:ed)? (?:by|with)\b|\ba conversation with\b|\bletter to the editor\b")
"""An article that comments on others' work or reports news: opinion, no new data."""

TITLE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("guideline", rx(r"\bguidelines?\b|\brecommendations\b|\bconsensus\b|\bposition "
                      r"(?:statement|paper)\b")),
    ("narrative-review", rx(r"\breview\b|\boverview\b|\ban update\b|\bupdate on\b")),
    ("expert-opinion", rx(r"\beditorial\b|\bcommentary\b|\bviewpoint\b|\bletter\b")),
)
"""Words that name an article's kind only in its title ("guidelines for …", "… : an update")."""

TOPIC_TITLE = rx(
    r"^(?:the )?(?:current |modern )?(?:treatment|management|diagnosis|therapy|prevention|"
    r"pharmacology|pharmacotherapy|pathophysiology|pathogenesis) of\b"
    r"|\bclinical (?:relevance|implications|significance|aspects|applications|use)\b"
    r"|\b(?:advances|progress|developments|perspectives|trends|concepts) in\b"
    r"|\bcurrent (?:concepts|status|perspectives|management|treatment|understanding)\b")
"""Topic wording of a review's title, used only for records that have nothing but a title."""

NARRATIVE_CUE = rx(
    r"\b(?:this|we|our|the present) (?:\w+ )?review\b|\breview (?:of|on) (?:the )?(?:current |"
    r"recent |available |published )?(?:literature|evidence|data|advances|developments)\b"
    r"|\bliterature review\b|\bwe (?:summari[sz]e|discuss|review|highlight|outline)\b"
    r"|\boverview (?:of|on)\b|\ban update on\b|\bstate of the art\b|\bwe review\b"
    r"|\b(?:this|the present) (?:article|paper|chapter) (?:reviews|summari[sz]es|discusses)\b"
    r"|(?:^|[:.] ?)(?:a )?(?:narrative |critical |clinical )?review\.?$"
    r"|\b(?:is|are|were|was) (?:briefly |also )?(?:discussed|reviewed|summari[sz]ed)\b")
