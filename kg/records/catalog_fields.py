"""Field parsers for catalogue-style bibliographic text: names, journal line, imprint, summary.

Kept apart from the layout reader because nothing here knows about the page layout: a
``Family, Given, …`` list, a ``Vol.; no.; pp.`` line or a summary with inline section labels
("Background … Methods … Results …") turn up in other exports too.
"""

from __future__ import annotations

import re

from kg.records.identifiers import normalise_text
from kg.records.model import AbstractSection, Author, Journal, PartialDate
from kg.records.names import looks_collective, make_person

__all__ = ["map_publication_types", "parse_authors", "parse_imprint", "parse_journal",
           "parse_languages", "parse_object_types", "parse_summary"]

_DATE = re.compile(r"(?:^|\s)(?:(?:(?P<day>\d{1,2})\.)?(?P<month>\d{1,2})\.)?(?P<year>\d{4})\s*$")
_LANGUAGES = dict(pair.split(":") for pair in (
    "english:eng french:fre german:ger spanish:spa italian:ita portuguese:por dutch:dut "
    "japanese:jpn chinese:chi russian:rus polish:pol swedish:swe danish:dan norwegian:nor "
    "finnish:fin korean:kor turkish:tur czech:cze hungarian:hun greek:gre hebrew:heb arabic:ara "
    "persian:per croatian:hrv serbian:srp slovak:slo slovenian:slv romanian:rum bulgarian:bul "
    "ukrainian:ukr lithuanian:lit icelandic:ice afrikaans:afr catalan:cat latin:lat "
    "estonian:est latvian:lav thai:tha vietnamese:vie indonesian:ind malay:may hindi:hin "
    "multiple:mul").split())
_COUNTRIES = sorted((
    "United States|United Kingdom|England|Scotland|Wales|Ireland|Netherlands|Germany|France|"
    "Switzerland|Italy|Spain|Portugal|Belgium|Austria|Denmark|Sweden|Norway|Finland|Poland|"
    "Czech Republic|Hungary|Greece|Turkey|Israel|Canada|Australia|New Zealand|Japan|China|India|"
    "Korea (South)|South Korea|Brazil|Mexico|Argentina|South Africa|Egypt|Iran|Singapore|Taiwan|"
    "Russia|Croatia|Romania|Nigeria|Pakistan|Thailand|Malaysia|Indonesia").split("|"),
    key=len, reverse=True)


def _invert(table: dict[str, str]) -> dict[str, str]:
    """``{target: "a|b"}`` → ``{"a": target, "b": target}``: long synonym lists stay readable."""
    return {alias: target for target, aliases in table.items() for alias in aliases.split("|")}


# Catalogue ObjectType / Format names → PubMed publication types, so that study-design
# classification sees one vocabulary whatever the source.
_PUBLICATION_TYPES = _invert({
    "Case Reports": "case study|case report", "Review": "review|literature review",
    "Systematic Review": "systematic review", "Meta-Analysis": "meta-analysis|meta analysis",
    "Randomized Controlled Trial": "randomized controlled trial|randomised controlled trial",
    "Clinical Trial": "clinical trial", "Controlled Clinical Trial": "controlled clinical trial",
    "Observational Study": "observational study", "Comparative Study": "comparative study",
    "Multicenter Study": "multicenter study", "Editorial": "editorial",
    "Letter": "letter|letter to the editor|correspondence", "Comment": "comment|commentary",
    "News": "news", "Published Erratum": "erratum|correction",
    "Retraction of Publication": "retraction", "Retracted Publication": "retracted publication",
    "Guideline": "guideline", "Practice Guideline": "practice guideline",
    "Journal Article": "journal article|article", "Congress": "conference proceeding"})
_IGNORED_OBJECT_TYPES = frozenset({"feature", "report"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Summary section labels → NLM category (matched longest first: "Case presentation" before "Case").
_SECTIONS = _invert({
    "BACKGROUND": "background|introduction|context|importance|rationale|trial registration",
    "OBJECTIVE": "objective|objectives|aim|aims|purpose|study objective|background and purpose|"
                 "background and aims",
    "METHODS": "methods|method|materials and methods|patients and methods|design|setting|"
               "participants|patients|interventions|intervention|measurements|"
               "main outcome measures|study design|design, setting, and participants|"
               "main outcomes and measures|data sources|study selection|data extraction|"
               "evidence acquisition|case|case presentation|case report|case description|"
               "case summary",
    "RESULTS": "results|findings|main results|evidence synthesis",
    "CONCLUSIONS": "discussion|conclusion|conclusions|interpretation|limitations|implications|"
                   "perspective|significance"})
_SECTION_RX = re.compile(
    r"(?:^|(?<=[.!?)\]]\s))(?P<label>" + "|".join(
        re.escape(s) for s in sorted(_SECTIONS, key=len, reverse=True)) +
    r")(?P<sep>\s*:\s*|\s+)(?=\S)", re.I | re.M)
_LEADING_HEADING = re.compile(r"^(?:Abstract|ABSTRACT|Summary|SUMMARY)\s*:?\s+(?=[A-Z])")


def parse_authors(text: str) -> tuple[Author, ...]:
    """``Family, Given, Family, Given, …`` (or ``;``-separated names) as persons in order."""
    text = text.strip().strip(",;")
    if ";" in text:
        pairs = [tuple(p.split(",", 1)) for p in text.split(";") if p.strip()]
    else:
        tokens = [t.strip() for t in text.split(",") if t.strip()]
        merged: list[str] = []
        for token in tokens:  # "Smith, John, Jr.": suffix dropped, as in kg.records.names
            if len(merged) % 2 == 0 and merged and token.rstrip(".").lower() in _SUFFIXES:
                continue
            merged.append(token)
        pairs = [tuple(merged[i:i + 2]) for i in range(0, len(merged), 2)]
    people = (Author(collective=p[0].strip()) if len(p) == 1 and looks_collective(p[0])
              else make_person(p[0].strip(), p[1].strip() if len(p) > 1 else None) for p in pairs)
    return tuple(a for a in people if a is not None)


def parse_journal(text: str) -> Journal:
    """``Pain practice Vol. 20; no. 1; pp. 95 - 100`` → title, volume, issue and pages."""
    m = re.search(r"\s*\b(?:Vol\.|no\.|pp?\.)", text)
    title = (text[:m.start()] if m else text).strip().rstrip(",;:") or None
    rest = text[m.start():] if m else ""

    def part(rx: str) -> str | None:
        found = re.search(rx + r"\s*([^;]+?)\s*(?:;|$)", rest)
        return normalise_text(found.group(1)) if found else None

    volume, issue, pages = part(r"Vol\."), part(r"\bno\."), part(r"\bpp?\.")
    start = end = None
    if pages:
        bits = [b for b in re.split(r"\s*-\s*", pages) if b] or [None]
        start, end = bits[0], (bits[1] if len(bits) > 1 else None)
        pages = "-".join(b for b in bits[:2] if b) or None
    return Journal(title=title, volume=volume, issue=issue, pages=pages, page_start=start,
                   page_end=end)


def parse_imprint(text: str) -> tuple[str | None, PartialDate | None]:
    """``United States 01.01.2020`` → (country, date at the precision the padding allows)."""
    m = _DATE.search(text)
    place = (text[:m.start()] if m else text).strip().strip(",:;") or None
    country = next((c for c in _COUNTRIES if place and (place == c or place.startswith(c + " "))),
                   place)
    if not m:
        return country, None
    day, month = (int(g) if g else None for g in m.group("day", "month"))
    if month is not None and not 1 <= month <= 12:
        day = month = None
    if day is not None and not 1 <= day <= 31:
        day = None
    if day == 1 or (day is None and month == 1):  # "01" pads an unknown part (module doc)
        day = None
        month = None if month == 1 else month
    return country, PartialDate(year=int(m.group("year")), month=month, day=day)


def parse_languages(text: str) -> tuple[str, ...]:
    """Language names as ISO 639-2/B codes (MEDLINE's); unknown names are kept as printed."""
    out: list[str] = []
    for name in re.split(r"\s*(?:[,;/]|\band\b)\s*", text.strip()):
        if not name:
            continue
        code = _LANGUAGES.get(name.lower())
        if code is None and re.fullmatch(r"[a-z]{3}", name):
            code = name
        if (code or name) not in out:
            out.append(code or name)
    return tuple(out)


def parse_summary(text: str) -> tuple[AbstractSection, ...]:
    """Split a summary at its labels (Background, Case, Discussion …); else one unlabelled part.

    Labels count only when the summary opens with one, each label once, and when followed by a
    capital, a digit or a colon, so a sentence such as "Results were mixed" stays prose.
    """
    text = _LEADING_HEADING.sub("", text.strip())
    if not text:
        return ()
    seen: set[str] = set()
    cuts: list[re.Match[str]] = []
    for m in _SECTION_RX.finditer(text):
        label = m.group("label")
        after = text[m.end()]
        if (not label[0].isupper() or label.lower() in seen
                or (":" not in m.group("sep") and not (after.isupper() or after.isdigit()))):
            continue
        if not cuts and m.start() != 0:
            break
        seen.add(label.lower())
        cuts.append(m)
    if not cuts:
        return (AbstractSection(text=text),)
    ends = [c.start() for c in cuts[1:]] + [len(text)]
    return tuple(
        AbstractSection(text=text[c.end():end].strip(), label=c.group("label"),
                        nlm_category=_SECTIONS[c.group("label").lower()])
        for c, end in zip(cuts, ends, strict=True) if text[c.end():end].strip())


def parse_object_types(lines: list[str]) -> tuple[str, ...]:
    """``ObjectType-Case Study-2`` lines → ``Case Study`` (rank suffix dropped), printed order."""
    found: list[str] = []
    for line in lines:
        m = re.fullmatch(r"ObjectType-(.+?)(?:-\d+)?", line.strip())
        if m and m.group(1) not in found:
            found.append(m.group(1))
    return tuple(found)


def map_publication_types(formats: list[str], object_types: tuple[str, ...]) -> tuple[str, ...]:
    """PubMed publication-type names for a catalogue's Format and ObjectType values.

    Study-design classification reads PubMed's vocabulary ("Case Reports"), so the catalogue's
    own words ("Case Study") are translated here; generic ones ("Feature", "Report") are dropped
    and unknown ones kept as printed.
    """
    out: list[str] = []
    for fmt in formats:
        out.append(_PUBLICATION_TYPES.get(fmt.lower(), fmt))
    for obj in object_types:
        if obj.lower() not in _IGNORED_OBJECT_TYPES:
            out.append(_PUBLICATION_TYPES.get(obj.lower(), obj))
    return tuple(dict.fromkeys(out))
