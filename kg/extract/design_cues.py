"""Reading a study's design from its own wording, sentence by sentence.

An abstract names many designs that are not its own: a review's search sentence names the designs
it looked for, its results name the designs it found, a background sentence recalls earlier
trials. So a design word counts only where the article speaks of itself: in the title, in an
objective or methods sentence that is not a search or eligibility sentence, or in any sentence
that refers to the study itself ("this trial", "we conducted a survey", "were randomly
assigned"). Reviews are recognised before primary designs, so a review that names trials is
still a review; the designs it names elsewhere become its included designs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.sentences import SentenceMentions

__all__ = [
    "NOT_NEGATED",
    "RANDOMISED",
    "RANDOM_ALLOCATION",
    "DesignCue",
    "find_design_cue",
    "is_search_sentence",
]

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


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_REVIEW_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("study-protocol", _rx(r"\bthis is (?:a|the) protocol\b|\bstudy protocol (?:for|of)\b"
                           r"|\bprotocol (?:for|of) a (?:\w+ ){0,3}(?:review|trial|study)\b"
                           r"|\bthis (?:study )?protocol (?:describes|will)\b|\bwill be "
                           r"(?:randomi[sz]ed|recruited|searched|included)\b")),
    ("overview-of-reviews", _rx(r"\bumbrella review|\boverview of (?:\w+[- ]){0,3}reviews\b"
                                r"|\breview of (?:\w+[- ]){0,2}reviews\b|\bmeta-?review\b")),
    ("scoping-review", _rx(r"\bscoping (?:review|study|literature review)|\bevidence map")),
    ("systematic-review", _rx(r"\bsystematic (?:literature )?review(?! of (?:the )?(?:data|"
                              r"records|charts|clinical|cardiac|medical|case notes|the question|"
                              r"\w+ forms))|\bsystematically "
                              r"reviewed (?:the )?(?:literature|studies|trials|evidence|"
                              r"publications)|\bmeta-?analys[ie]s"
                              r"|\bmeta-?analy[sz]ed\b|\bcochrane review"
                              r"|\bsystematic (?:overview|search and|literature search)")),
)
"""Review and protocol designs, most specific first (an overview names systematic reviews)."""

_PRIMARY_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("non-randomised-controlled", _rx(r"\bnon-?\s?" + _R + r"\b(?!,? (?:patients|participants|"
                                      r"subjects|cohorts?|registry|individuals)\b)"
                                      r"|\bquasi-?\s?(?:experimental|"
                                      + _R + r")|\bcontrolled before[- ]and[- ]after\b"
                                      r"|\bbefore[- ]and[- ]after controlled\b|"
                                      r"\bhistorical(?:ly)? controls?\b|\bhistorically "
                                      r"controlled\b")),
    ("randomised-controlled-trial", _rx(
        _NOT_NEG + r"\b" + _R + r"\b[, ]+(?:[\w-]+[, ]+){0,5}?(?:trials?|stud(?:y|ies)|"
        r"experiments?|design)\b|" + RANDOM_ALLOCATION
        + r"|\b(?:were|was|being|been|are|patients|participants|subjects) " + _NOT_NEG
        + r"randomi[sz]ed\b|" + _NOT_NEG + r"\brandomi[sz]ed (?:to|into|in a|1:1|2:1|equally)\b"
        r"|\b(?:double|triple|single)[- ](?:blind|mask)|\bplacebo[- ]controlled\b"
        r"|\bcross-?over (?:trial|study|design)|" + _NOT_NEG + r"\bRCTs?\b"
        r"|\b(?:non-?inferiority|equivalence|phase (?:III|3|IV|4)) (?:\w+ )?trial")),
    ("randomised-controlled-trial", _rx(_NOT_NEG + r"\b" + _R + r"\b")),
    ("guideline", _rx(r"\bconsensus (?:statement|conference|panel|meeting|document|"
                      r"recommendations?|guidelines?|development)|\bdelphi\b|\bexpert panel\b"
                      r"|\b(?:practice|clinical|evidence-based) guidelines?\b"
                      r"|\bguidelines? (?:for|on) (?:the )?(?:management|diagnosis|treatment|"
                      r"prevention|care|use)\b|\brecommendations (?:and rationale|for the "
                      r"(?:management|diagnosis|treatment)|of the)\b|\bposition (?:statement|"
                      r"paper)\b|\btask force recommend")),
    ("case-control", _rx(r"\bcase[- ](?:control|referent|comparison) stud|\bcase[- ]control\b")),
    ("retrospective-cohort", _rx(r"\bretrospective(?:ly)? (?:\w+ ){0,2}(?:cohort|stud|review|"
                                 r"analys|chart|data|evaluat)|\bchart review|\bmedical records? "
                                 r"(?:review|were reviewed)|\bregistry[- ]based\b|"
                                 r"\bretrospectively (?:reviewed|analy[sz]ed|collected|"
                                 r"identified|evaluated)")),
    ("prospective-cohort", _rx(r"\bprospective(?:ly)? (?:\w+ ){0,2}(?:cohort|observational|"
                               r"follow-up stud|longitudinal)|\bfollowed (?:up )?prospectively"
                               r"|\bprospectively (?:followed|enrolled|recruited|collected)")),
    ("cohort", _rx(r"\bcohort stud|\b(?:observational|longitudinal|population-based) "
                   r"(?:cohort|stud)|\bin a cohort of\b|\bcohort of \d")),
    ("uncontrolled-before-after", _rx(
        r"\bsingle[- ](?:arm|group)\b|\buncontrolled\b|\bnon-?controlled\b|\bone[- ]group\b"
        r"|\bpre-?(?:test)?[- /]?(?:and[- ])?post-?(?:test)?[- ](?:design|study|intervention|"
        r"test|assessment|comparison)|\bbefore[- ]and[- ]after (?:study|design|comparison)"
        r"|\bopen[- ]label,? (?:single|pilot|phase (?:1|2|I|II))|\bphase (?:1|2|I|II|1/2|I/II)"
        r"(?:a|b)? (?:open|single|study|trial)\b")),
    ("qualitative", _rx(r"\bqualitative (?:study|research|design|interview|analysis|"
                        r"descriptive|methods?)|\bsemi-?structured interviews?|\bfocus groups?"
                        r"|\bthematic analysis|\bgrounded theory|\binterpretative "
                        r"phenomenological")),
    ("cross-sectional", _rx(r"\bcross[- ]sectional|\b(?:online|national|web-based|anonymous|"
                            r"postal|nationwide|questionnaire|telephone|electronic) survey\b"
                            r"|\bwe surveyed\b|\bwere surveyed\b|\bsurvey (?:was|of|among)\b"
                            r"|\bprevalence study|\ba survey\b")),
    ("case-series", _rx(r"\bcase series\b|\bwe (?:report|describe|present|reviewed) (?:\d+|two|"
                        r"three|four|five|six|seven|eight|nine|ten|several|a series of) "
                        r"(?:\w+ ){0,2}(?:cases|patients)|\breport of (?:two|three|four|five|"
                        r"six|\d+) (?:\w+ )?cases|\bseries of (?:\d+|two|three|four|five|six|"
                        r"seven|eight|nine|ten) (?:\w+ ){0,2}(?:cases|patients)")),
    ("case-report", _rx(r"\bcase report\b|\bwe (?:present|report|describe) (?:a|an|the|one|this)"
                        r" (?:[\w-]+ ){0,3}(?:case|patient|man|woman|boy|girl|child|infant)"
                        r"(?![- ](?:cent|group|populat|educat|care))"
                        r"|\ba case of\b|\ba \d+[- ](?:year|month|week|day)"
                        r"[- ]old\b|\bcase presentation\b|\bcase (?:is|was) (?:presented|reported|"
                        r"described)|\bthis (?:is the first )?(?:such )?report\b")),
)
"""Primary designs (and guidelines) in order of precedence: the first that the study says of
itself wins ("a randomised controlled trial of a case-control cohort" is the trial)."""

_CASE_CUES = tuple((d, p) for d, p in _PRIMARY_CUES if d in ("case-series", "case-report"))
_LITERATURE_SEARCH = _rx(
    r"\bsearched\b[^.]{0,80}\b(?:medline|pubmed|embase|cinahl|cochrane|web of science|scopus|"
    r"psycinfo|databases)\b|\bsystematic(?:ally)? (?:literature )?search")
"""A search of bibliographic databases is what a review does: with no other review wording, a
reproducible search makes the article a systematic review (a case report's look at the
literature for similar cases does not)."""

_CONTROLLED_CUE = _rx(
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

_OPINION_CUE = _rx(
    r"\b(?:this|in this|the present|our) (?:commentary|editorial|viewpoint|perspective|essay|"
    r"opinion)\b|\baccording to (?:a )?(?:new|recent) (?:study|report)|\bthe new study\b"
    r"|\binterview(?:ed)? (?:by|with)\b|\ba conversation with\b|\bletter to the editor\b")
"""An article that comments on others' work or reports news: opinion, no new data."""

_TITLE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("guideline", _rx(r"\bguidelines?\b|\brecommendations\b|\bconsensus\b|\bposition "
                      r"(?:statement|paper)\b")),
    ("narrative-review", _rx(r"\breview\b|\boverview\b|\ban update\b|\bupdate on\b")),
    ("expert-opinion", _rx(r"\beditorial\b|\bcommentary\b|\bviewpoint\b|\bletter\b")),
)
"""Words that name an article's kind only in its title ("guidelines for …", "… : an update")."""

_TOPIC_TITLE = _rx(
    r"^(?:the )?(?:current |modern )?(?:treatment|management|diagnosis|therapy|prevention|"
    r"pharmacology|pharmacotherapy|pathophysiology|pathogenesis) of\b"
    r"|\bclinical (?:relevance|implications|significance|aspects|applications|use)\b"
    r"|\b(?:advances|progress|developments|perspectives|trends|concepts) in\b"
    r"|\bcurrent (?:concepts|status|perspectives|management|treatment|understanding)\b")
"""Topic wording of a review's title, used only for records that have nothing but a title."""

_NARRATIVE_CUE = _rx(
    r"\b(?:this|we|our|the present) (?:\w+ )?review\b|\breview (?:of|on) (?:the )?(?:current |"
    r"recent |available |published )?(?:literature|evidence|data|advances|developments)\b"
    r"|\bliterature review\b|\bwe (?:summari[sz]e|discuss|review|highlight|outline)\b"
    r"|\boverview (?:of|on)\b|\ban update on\b|\bstate of the art\b|\bwe review\b"
    r"|\b(?:this|the present) (?:article|paper|chapter) (?:reviews|summari[sz]es|discusses)\b"
    r"|(?:^|[:.] ?)(?:a )?(?:narrative |critical |clinical )?review\.?$"
    r"|\b(?:is|are|were|was) (?:briefly |also )?(?:discussed|reviewed|summari[sz]ed)\b")

_ANIMAL = _rx(r"\b(?:in|of|to|with|on) (?:\w+ ){0,2}(?:rats|mice|dogs|rabbits|pigs|piglets|"
              r"monkeys|primates|guinea pigs|cats|sheep|zebrafish|rodents|hamsters|horses|"
              r"cattle|calves|ferrets)\b|\b(?:rats|mice|rodents|animals) (?:were|received|"
              r"treated|underwent)|\b(?:rat|mouse|murine|rodent|porcine|canine|ovine) model\b")
_IN_VITRO = _rx(r"\bin vitro\b(?! fertili)|\bcell lines?\b|\bcultured (?:\w+ )?cells"
                r"|\bcell cultures?\b")
_HUMAN = _rx(r"\b(?:patients?|volunteers|participants|women|men|children|adults|infants|"
             r"humans?|subjects)\b")
_TITLE_ANIMAL = _rx(r"\b(?:rats?|mice|mouse|murine|rodents?|canine|dogs|rabbits|pigs)\b")

_STRONG_SELF = _rx(r"\b(?:this|the present|the current|our|we|here(?:in)?|it (?:is|was))\b"
                   r"[^.;:]{0,100}$")
_WEAK_SELF = _rx(r"(?:\b(?:a|an|was|were|is|as|in|all|of|total)\b[^.;:]{0,30}"
                 r"|\b(?:design|methods?|setting|study design)\s*[:.]?\s*)$")
_SELF_START = _rx(r"(?:we|were|was|being|been|are|randomly|this|our)\b")
_SELF_AFTER = _rx(r"^[^.;]{0,80}\bwe\b")
_WANTED = _rx(r"\b(?:needed|warranted|required|future|further|should be|are lacking)\b")
_STUDIES = r"(?:studies|trials|articles|reviews|publications|papers|reports|RCTs)"
_SEARCH = _rx(
    r"\bsearch(?:ed|es|ing)?\b|\bdatabases\b|\bmedline\b|\bpubmed\b|\bembase\b|\bcinahl\b"
    r"|\bcochrane (?:library|central|register|database)|\bweb of science\b|\bscopus\b"
    r"|\bpsycinfo\b|\bgrey literature|\bhand-?search|\beligible " + _STUDIES + r"|\b"
    + _STUDIES + r" (?:were|was) (?:included|"
    r"eligible|selected|identified|retrieved|screened)|\bincluded (?:\w+ ){0,3}" + _STUDIES
    + r"|\b" + _STUDIES + r" (?:were |was )?(?:included|eligible) if\b")

_CRITERIA = _rx(r"\b(?:inclusion|selection|eligibility) criteria\b")
"""A criteria sentence names the designs a review sought; a trial's names its patients."""
_STATISTICS = _rx(r"\bp\s?[<=>≤]|\d\s?%|\b95\s?% CI\b|\bconfidence interval|\bn\s?=\s?\d")
"""Results with statistics: a study's own data, so "… is discussed" there is not a review."""
_OWN_ROLES = frozenset({"title", "objective", "methods"})
_QUASI = _rx(r"\bquasi-?\s?experimental\b")
_ALLOCATED = _rx(RANDOM_ALLOCATION)
_AIM = _rx(r"\b(?:the (?:aim|objective|purpose|goal)s? of (?:this|the present|our)|"
           r"(?:this|the present|our) (?:study|trial|paper|report|analysis) (?:aims?|aimed|"
           r"sought|seeks|evaluates|examines|assesses|investigates|reports|describes))\b")
"""An aim sentence speaks of the study even where its authors filed it under a background
heading."""


@dataclass(frozen=True, slots=True)
class DesignCue:
    """A design named by the study's own wording, with the words and the sentence role."""

    design: str
    text: str
    role: str


def is_search_sentence(text: str) -> bool:
    """True for a review's search, selection or eligibility sentence (names designs it sought)."""
    return bool(_SEARCH.search(text))


def find_design_cue(sentences: Sequence[SentenceMentions]) -> DesignCue | None:
    """The design the study states of itself: reviews first, then primary designs, then
    non-human subjects, then a narrative review; None when nothing names one."""
    own = [s for s in sentences if not is_search_sentence(s.text)]
    found = _first_cue([s for s in own if not _CRITERIA.search(s.text)], _REVIEW_CUES)
    if found:
        return found
    searched = _first_cue(sentences, (("systematic-review", _LITERATURE_SEARCH),), loose=True)
    if searched and not _first_cue(own, _CASE_CUES):
        return searched
    subject = _non_human(sentences)
    primary = _first_cue(own, _PRIMARY_CUES) or _first_cue(
        own, (("randomised-controlled-trial", _CONTROLLED_CUE),), loose=True)
    if subject and (primary is None or primary.design != "guideline"):
        return subject
    primary = _randomly_allocated(own, primary)
    if primary:
        return primary
    titles = [s for s in sentences if s.role == "title"]
    return (_first_cue(own, (("expert-opinion", _OPINION_CUE),), loose=True)
            or _first_cue(titles, _TITLE_CUES)
            or _first_cue(own, (("narrative-review", _NARRATIVE_CUE),),
                          loose=not any(_STATISTICS.search(s.text) for s in sentences))
            or _topic_title(sentences, titles))


def _topic_title(sentences: Sequence[SentenceMentions],
                 titles: Sequence[SentenceMentions]) -> DesignCue | None:
    """A record that is only its title names a review by its topic wording ("Management of
    X", "Advances in Y", "X: clinical relevance"); with an abstract, the abstract decides."""
    if len(titles) != len(sentences):
        return None
    return _first_cue(titles, (("narrative-review", _TOPIC_TITLE),))


def _randomly_allocated(sentences: Sequence[SentenceMentions],
                        primary: DesignCue | None) -> DesignCue | None:
    """A "quasi-experimental" study whose participants were randomly assigned is a randomised
    trial: the allocation, not the label, decides (unlike "non-" or "quasi-randomised", which
    say it was not by chance)."""
    if primary is None or primary.design != "non-randomised-controlled" or not _QUASI.search(
            primary.text):
        return primary
    return _first_cue(sentences, (("randomised-controlled-trial", _ALLOCATED),)) or primary


def _first_cue(sentences: Sequence[SentenceMentions],
               cues: Sequence[tuple[str, re.Pattern[str]]],
               loose: bool = False) -> DesignCue | None:
    """The first design (by table order) that some sentence states of the study itself;
    ``loose`` cues need no self-reference, only a sentence that is not background."""
    whole = "\n".join(s.text for s in sentences)
    for design, pattern in cues:
        if pattern is not _NARRATIVE_CUE and not pattern.search(whole):
            continue  # one search rules out most cues; only a hit is checked sentence by sentence
        for sentence in sentences:
            match = pattern.search(sentence.text)
            if match and (_not_background(sentence) if loose
                          else _speaks_of_itself(sentence, match)):
                return DesignCue(design, match.group(0), sentence.role)
    return None


def _speaks_of_itself(sentence: SentenceMentions, match: re.Match[str]) -> bool:
    """Title, objective and methods sentences describe the study; elsewhere only words that
    refer to the study itself do ("this trial", "we conducted a", "patients were randomised"),
    and never a sentence that asks for more studies ("further trials are needed")."""
    if sentence.role in _OWN_ROLES or _AIM.search(sentence.text):
        return True
    if _WANTED.search(sentence.text):
        return False
    start = match.start()
    before = sentence.text[:start]
    if _STRONG_SELF.search(before) or _SELF_START.match(match.group(0)) or (
            _SELF_AFTER.search(sentence.text[match.end():])):
        return True
    guessed = sentence.section == "abstract"  # roles of an unlabelled abstract are guesses
    if sentence.role == "background" and not guessed:
        return False
    return start == 0 or bool(_WEAK_SELF.search(before))


def _not_background(sentence: SentenceMentions) -> bool:
    return sentence.role != "background" or sentence.section == "abstract"


def _non_human(sentences: Sequence[SentenceMentions]) -> DesignCue | None:
    """Animal or in-vitro study: its subjects are named and no human subjects are (a title that
    names the animal wins over people named in passing)."""
    title = next((s.text for s in sentences if s.role == "title"), "")
    text = " ".join(s.text for s in sentences)
    titled = _TITLE_ANIMAL.search(title)
    if _HUMAN.search(text) and not titled:
        return None
    if not titled:
        match = _IN_VITRO.search(text)
        if match:
            return DesignCue("in-vitro-study", match.group(0), "subjects")
    match = _ANIMAL.search(text) or titled
    return DesignCue("animal-study", match.group(0), "subjects") if match else None
