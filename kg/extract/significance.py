"""Whether a finding sentence reports a statistically significant difference or a null result.

A trial abstract reports most comparisons with their statistics, and a null result ("did not
differ", "P = 0.41", "95% CI 0.8 to 1.3") is as much a finding as a significant one: it must
become a ``no_difference`` claim, not be read as a benefit because the sentence also says
"reduced". The decision is made from general statistical wording only, in this order:

1. explicit null wording ("no significant difference", "did not differ", "similar",
   "comparable", "not statistically significant", "NS") and explicit significance wording
   ("significantly lower", "a significant reduction"), after dropping negated significance;
2. reported P values: all above the significance level is a null result, any at or below it
   is significant;
3. confidence intervals of a ratio (including 1) or of a difference (including 0).

When a sentence reports several comparisons, ``focus`` (the character span of the outcome the
claim is about) restricts the decision to the clause holding it. A sentence with none of these
signals is ``unstated``: a difference may still be reported, but not its significance.
"""

from __future__ import annotations

import re
from typing import Literal

from kg.extract.context import fold_hyphens

__all__ = ["ALPHA", "Significance", "clause_around", "significance"]

Significance = Literal["significant", "not_significant", "unstated"]
ALPHA = 0.05
"""The significance level abstracts almost always use; a P value at or below it is significant."""


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_NULL = _rx(
    r"\bno (?:statistically )?significant\b"
    r"|\bno (?:[\w-]+ ){0,4}?(?:differences?|effects?|changes?|improvements?|benefits?|"
    r"reductions?|increases?|decreases?|associations?|impact|influence|advantages?|"
    r"superiority)\b|\bno (?:\w+ ){0,2}?evidence (?:of|for|that)\b|\bnot (?:\w+ )?associated\b"
    r"|\b(?:equally|as) effective\b|\bnon-?inferior(?:ity)?\b|\bnot (?:superior|better)\b"
    r"|\bnot (?:statistically |clinically )?(?:significant(?:ly)?|different|differ)\b"
    r"|\b(?:non[- ]?|in)significant(?:ly)?\b|\bn\.?s\.?(?=[\s),;]|$)"
    r"|\b(?:did|does|do|could) not (?:\w+ )?(?:differ|vary|change|reach|achieve|show|find|"
    r"detect|demonstrate|affect|improve|reduce|increase|decrease|alter|influence|result|lead|"
    r"produce|have|yield|provide)\b"
    r"|\bfailed to (?:\w+ )?(?:reach|achieve|show|find|detect|demonstrate|improve|reduce|"
    r"differ)\b"
    r"|\b(?:was|were|is|are|remained|being) (?:\w+ )?(?:similar|comparable|equivalent|"
    r"unchanged|unaffected|the same|equal|not changed|not affected|not altered)\b"
    r"|\b(?:similar|comparable|equivalent) (?:\w+ )?(?:in|between|across|for|to|among|of|with)\b"
    r"|\b(?:similar|comparable|equal|identical) (?:[\w-]+ ){0,2}?(?:proportions?|rates?|"
    r"numbers?|levels?|scores?|results?|outcomes?|incidences?|frequenc(?:y|ies)|changes?|"
    r"improvements?|reductions?|durations?|values?|percentages?)\b"
    r"|\b(?:no|none of the)\b[^.;]{0,80}?\b(?:in|between|for) (?:either|both|any) (?:of the )?"
    r"(?:[\w-]+ )?(?:groups?|arms?)\b|\bneither (?:group|arm)\b"
    r"|\bremained (?:\w+ )?(?:stable|constant|unchanged|similar)\b|\bwere alike\b"
    r"|\bto (?:a |an )?(?:similar|comparable|equal|the same) (?:extent|degree)\b"
    r"|\b(?:produced|had|showed|achieved|gave|yielded|resulted in|led to) (?:a |an )?"
    r"(?:similar|comparable|equal|identical)\b"
    r"|\bsimilarly\b|\blittle (?:or no )?(?:\w+ )?(?:difference|effect|change)s?\b"
    r"|\bneither\b[^.;]{0,80}\bnor\b"
    r"|\btrend(?:s|ed)? (?:\w+ ){0,3}?(?:toward|towards|to|for|in favou?r)\b"
    r"|\b(?:no|neither) (?:\w+ ){0,2}(?:group|arm|treatment) (?:was|were) (?:\w+ )?"
    r"(?:superior|better|more effective)\b")
_SIGNIFICANT = _rx(
    r"\b(?:statistically )?significant(?:ly)?\b|\bsignificance\b|\bstatistically\b"
    r"|\b(?:superior|inferior) to\b|\bmore effective than\b")
_NEGATED_SIGNIFICANCE = _rx(
    r"\b(?:no|not|non|without|nor|neither|failed to (?:\w+ )?(?:reach|achieve)|"
    r"did not (?:\w+ )?(?:reach|achieve|show)|lack of|absence of)\W+(?:\w+\W+){0,3}?$")
_P_VALUE = _rx(r"\bp\s*(?:-?\s*values?(?:\s+(?:were|was|of|all|is|are))?)?\s*(?:for \w+\s*)?"
               r"([<>=≤≥:]|&lt;|&gt;|of)\s*=?\s*"
               r"(0?[.·]\d+|1(?:[.·]0+)?|\d(?:\.\d+)?\s*[x×]\s*10\s*[-−]\s*\d+)"
               r"|\bp\s*(?:=\s*)?(n\.?s\.?)(?=[\s),;]|$)")
_CI = _rx(r"\b(?:\d{2}(?:\.\d)?\s*%\s*)?(?:CI|confidence intervals?|credible intervals?)\b"
          r"(?:\s*[\[(]CI[\])])?[\s:,=]*\(?\[?\s*(-?\d+(?:\.\d+)?)\s*(?:%\s*)?"
          r"(?:to|-|,|;)\s*(-?\d+(?:\.\d+)?)")
_RATIO = _rx(r"\bodds\b|\b(?:hazard|risk|rate|incidence) ratios?\b|\bratio\b"
             r"|(?-i:\b(?:a?OR|a?HR|a?RR|IRR|RRR)\b)")
_RATIO_INTERVAL = _rx(
    r"(?-i:\b(?:a?OR|a?HR|a?RR|IRR)\b)\s*[=:,]?\s*\d+(?:\.\d+)?\s*[(\[,;]\s*"
    r"(\d+(?:\.\d+)?)\s*(?:to|-|,)\s*(\d+(?:\.\d+)?)")
_WITHIN = _rx(r"\b(?:in|within|for|of) (?:both|each|all)\b(?: [\w-]+){0,4}? (?:groups?|arms?)\b")
_BETWEEN = _rx(r"\bthan\b|\bbetween\b|\bcompared\b|\bversus\b|\bvs\b|\brelative to\b")
_BACK_REFERENCE = _rx(r"\W*(?:but|although|though|yet|however)?\W*(?:(?:this|the|that|these) "
                      r"(?:\w+ )?(?:differences?|effects?|changes?|reductions?|improvements?|"
                      r"increases?|decreases?)|not|none|neither)\b")
_CLAUSE_BREAK = _rx(r";|\bwhereas\b|\bwhile\b|,\s*but\b|\bbut\b|\bhowever\b|\balthough\b|"
                    r"\bexcept\b|,\s*and\b(?=\s+(?:the|a|an|no|there|in|for|with)\b)|,\s*with\b")


_P_REACH = 80  # characters after an outcome within which its own P value is printed


def significance(sentence: str, focus: tuple[int, int] | None = None) -> Significance:
    """Significant, not significant, or unstated for the comparison a sentence reports.

    ``focus``: ``[start, end)`` of the outcome the caller asks about; the decision then uses
    the clause holding it when that clause has any statistical signal of its own.
    """
    text = fold_hyphens(sentence)
    if focus is None:
        return _decide(text)
    clause = clause_around(text, focus)
    if _null_wording(clause) and not _significant_wording(clause):
        return "not_significant"
    nearest = _p_after(text, focus[1])
    decided = nearest if nearest != "unstated" else _decide(clause)
    if decided != "unstated" or len(clause) == len(text):
        return decided
    return _decide(_next_clause(text, focus)) if _refers_back(text, focus) else "unstated"


def _next_clause(text: str, focus: tuple[int, int]) -> str:
    """The clause right after the one holding ``focus`` (empty when there is none)."""
    match = _CLAUSE_BREAK.search(text, focus[1])
    if match is None:
        return ""
    return clause_around(text, (match.end(), match.end()))


def _refers_back(text: str, focus: tuple[int, int]) -> bool:
    """True when the next clause only qualifies this one ("…, but not significantly",
    "although the difference was not significant"): its verdict is this clause's."""
    match = _CLAUSE_BREAK.search(text, focus[1])
    return match is not None and bool(_BACK_REFERENCE.match(text, match.end()))


def _p_after(text: str, end: int) -> Significance:
    """The verdict of the P value reported right after the outcome ("pain (P = 0.2), sleep
    (P = 0.01)"): the first one within ``_P_REACH`` characters, if readable."""
    for match in _P_VALUE.finditer(text, end, end + _P_REACH):
        verdict = _one_p(match)
        if verdict is not None:
            return "significant" if verdict else "not_significant"
        break
    return "unstated"


def clause_around(text: str, focus: tuple[int, int]) -> str:
    """The clause of ``text`` that holds the span ``focus`` (clauses end at ";", "whereas",
    "but", "while", "however")."""
    start, end = 0, len(text)
    for match in _CLAUSE_BREAK.finditer(text):
        if match.start() < focus[0]:  # a break the focus starts inside ("but more …") too
            start = match.end()
        elif match.start() >= focus[1]:
            end = match.start()
            break
    return text[start:end]


def _decide(text: str) -> Significance:
    """Wording first (it names the comparison), then P values, then confidence intervals."""
    null, significant = _null_wording(text), _significant_wording(text)
    if null and not significant:
        return "not_significant"
    p_values = _p_verdict(text)
    if p_values != "unstated":
        return p_values
    if significant and not null:
        return "significant"
    if null and significant:
        return "not_significant" if _first_null(text) else "significant"
    intervals = _ci_verdict(text)
    if intervals == "unstated" and _WITHIN.search(text) and not _BETWEEN.search(text):
        return "not_significant"  # change within each group, no difference between them
    return intervals


def _null_wording(text: str) -> bool:
    return bool(_NULL.search(text))


def _significant_wording(text: str) -> bool:
    """Significance wording not negated ("not significantly", "failed to reach significance")."""
    return any(not _NEGATED_SIGNIFICANCE.search(text[max(0, m.start() - 40):m.start()])
               and not _NULL.match(text, max(0, m.start() - 4))
               for m in _SIGNIFICANT.finditer(text))


def _first_null(text: str) -> bool:
    """When both are worded, the one stated first names the main comparison."""
    null = _NULL.search(text)
    significant = [m.start() for m in _SIGNIFICANT.finditer(text)
                   if not _NEGATED_SIGNIFICANCE.search(text[max(0, m.start() - 40):m.start()])]
    return null is not None and (not significant or null.start() < significant[0])


def _p_verdict(text: str) -> Significance:
    """All P values above ``ALPHA``: not significant; any at or below: significant."""
    verdicts = [_one_p(m) for m in _P_VALUE.finditer(text)]
    verdicts = [v for v in verdicts if v is not None]
    if not verdicts:
        return "unstated"
    return "significant" if any(verdicts) else "not_significant"


def _one_p(match: re.Match[str]) -> bool | None:
    """True: significant; False: not; None: unreadable."""
    if match.group(3):
        return False  # "P = NS"
    operator, value = match.group(1), _p_number(match.group(2))
    if value is None:
        return None
    if operator in ("<", "≤", "&lt;"):
        return value <= ALPHA
    if operator in (">", "≥", "&gt;"):
        return False if value >= ALPHA else None
    return value <= ALPHA


def _p_number(token: str) -> float | None:
    scientific = re.match(r"(\d(?:\.\d+)?)\s*[x×]\s*10\s*[-−]\s*(\d+)", token)
    if scientific:
        return float(scientific.group(1)) * 10 ** -int(scientific.group(2))
    try:
        return float(token.replace("·", "."))
    except ValueError:
        return None


def _ci_verdict(text: str) -> Significance:
    """A ratio's interval including 1, or a difference's including 0, is a null result."""
    verdicts: list[bool] = []
    for match in _CI.finditer(text):
        low, high = sorted((float(match.group(1)), float(match.group(2))))
        null = 1.0 if _RATIO.search(text[max(0, match.start() - 60):match.start()]) else 0.0
        verdicts.append(not low <= null <= high)
    for match in _RATIO_INTERVAL.finditer(text):
        low, high = sorted((float(match.group(1)), float(match.group(2))))
        verdicts.append(not low <= 1.0 <= high)
    if not verdicts:
        return "unstated"
    return "significant" if any(verdicts) else "not_significant"
