"""Which concepts say what an article is *about*, and which only describe the study.

MEDLINE indexers attach check tags to nearly every article (NLM, "MEDLINE Indexing: Check
Tags", https://www.nlm.nih.gov/bsd/indexing/training/CHK_010.html): the species studied
(Humans, Animals), sex (Male, Female), Pregnancy, the age groups of the participants (Infant,
Newborn … Aged, 80 and over) and, for historical articles, the period (History, 15th Century …).
Publication-type headings (MeSH tree V, "Publication Characteristics": Journal Article,
Randomized Controlled Trial, Review, Research Support …) describe the document, not its
subject; a recogniser may still meet them in text. Two articles sharing "Humans" or "Journal
Article" share nothing worth ranking, so the article–concept projection leaves these concepts
out, and with it related articles, hidden links, communities and central mechanisms.

The identifiers are MeSH 2024 descriptor UIs (the MeSH data under ``../shared/data/mesh``):
the check tags in full, and the publication types PubMed assigns to journal articles; the rest
of tree V (catalogues, broadsides, almanacs …) names historical library material, not articles.
"""

from __future__ import annotations

__all__ = ["CHECK_TAGS", "NON_CONTENT", "PUBLICATION_TYPES", "is_content"]

_MESH = "http://id.nlm.nih.gov/mesh/"

CHECK_TAGS: frozenset[str] = frozenset(_MESH + ui for ui in (
    "D006801",  # Humans
    "D000818",  # Animals
    "D008297",  # Male
    "D005260",  # Female
    "D011247",  # Pregnancy
    "D007231",  # Infant, Newborn
    "D007223",  # Infant
    "D002675",  # Child, Preschool
    "D002648",  # Child
    "D000293",  # Adolescent
    "D055815",  # Young Adult
    "D000328",  # Adult
    "D008875",  # Middle Aged
    "D000368",  # Aged
    "D000369",  # Aged, 80 and over
    "D049668", "D049669", "D049670", "D049671", "D049672", "D049673",  # History, 15th–20th C.
    "D049674", "D049690", "D049691", "D049692", "D049711",  # 21st C., Ancient, Medieval, Modern
))
"""NLM's check tags: species, sex, pregnancy, age groups, historical periods."""

PUBLICATION_TYPES: frozenset[str] = frozenset(_MESH + ui for ui in (
    "D016428", "D054711", "D016454", "D000078182", "D017418",  # journal article … meta-analysis
    "D002363", "D016430", "D016449", "D018848", "D016448", "D064888",  # case reports … observ.
    "D017426", "D017427", "D017428", "D017429", "D065007", "D000073843",  # trial phases …
    "D000076362", "D000078325", "D000068397", "D018486", "D003160",  # adaptive … comparative
    "D023361", "D023362", "D016431", "D017065", "D016446", "D016447",  # validation … consensus
    "D016420", "D016421", "D016422", "D016433", "D018431", "D017203",  # comment … interview
    "D016456", "D019215", "D016419", "D016425", "D016438", "D016439",  # historical … duplicate
    "D016440", "D016441", "D000075742", "D016426", "D016427", "D004740",  # retractions … abstract
    "D013485", "D013486", "D013487", "D052060", "D052061", "D057666",  # research support
    "D057689", "D016416", "D016423", "D016429", "D016467", "D000076942",  # … preprint
    "D064886", "D029282", "D062210", "D022921",  # dataset, handout, personal narrative, review
))
"""Publication types PubMed gives journal articles (MeSH tree V)."""

NON_CONTENT: frozenset[str] = CHECK_TAGS | PUBLICATION_TYPES
"""Concepts left out of content similarity."""


def is_content(concept: str) -> bool:
    """Whether a concept IRI can say what an article is about (not a check tag or type)."""
    return concept not in NON_CONTENT
