"""The disease model of an experimental study: "X-induced Y" names how Y was made, not a finding.

In an animal or in-vitro study (or a sentence that names the model) "Z attenuated X-induced Y
in rats" tests Z on a disease that X was used to induce (``kg.extract.subjects`` gives X the
role ``other`` there, so Z is the subject of the finding). That X induces Y is what the study
presupposes — the literature's knowledge, not its result — so it is kept as a ``cited``
``causes`` claim and never as a finding, and Y, the model's disease, is no harm of any other
chemical of the record: the document-level adverse scoring would otherwise pair it with the
tested agent once the inducer is no candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kg.extract.evidence import RecordContext, make_claim, resolve_overlaps
from kg.extract.model import Claim, Mention
from kg.extract.sentences import SentenceMentions
from kg.extract.subjects import EXPERIMENTAL_DESIGNS, is_model_inducer

__all__ = ["MODEL_STRENGTH", "drop_model_harms", "model_claims", "model_diseases"]

MODEL_STRENGTH = 0.6
"""How sure "X-induced Y" in a model makes the (presupposed) X causes Y."""
_LINK = re.compile(r"[\s-]*(?:induced|evoked|provoked|elicited|triggered)\s+(?:[\w-]+\s+){0,3}$",
                   re.IGNORECASE)


def model_claims(sentences: Sequence[SentenceMentions], ctx: RecordContext) -> list[Claim]:
    """``causes`` claims of kind ``cited`` for each "X-induced Y" model the record names."""
    return [make_claim([x], "causes", y, "supports", sentence=s, ctx=ctx,
                       confidence=MODEL_STRENGTH, study_facts=False, kind="cited")
            for s, x, y in _models(sentences, ctx.design.design)]


def model_diseases(sentences: Sequence[SentenceMentions], design: str) -> dict[str, set[str]]:
    """Model disease concept → the concepts of the chemicals that induce it in this record."""
    found: dict[str, set[str]] = {}
    for _, x, y in _models(sentences, design):
        found.setdefault(y.concept, set()).add(x.concept)
    return found


def drop_model_harms(claims: Iterable[Claim], models: dict[str, set[str]]) -> list[Claim]:
    """The claims without a ``causes`` claim that makes a model's disease the harm of anything
    but its inducer (the model claim itself stays, as ``cited``)."""
    return [c for c in claims if not (c.relation == "causes" and c.object in models and (
        c.subject not in models[c.object] or any(e.kind != "cited" for e in c.evidence)))]


def _models(sentences: Sequence[SentenceMentions], design: str
            ) -> Iterable[tuple[SentenceMentions, Mention, Mention]]:
    """(sentence, inducer, disease) of every "X-induced Y" read as a model."""
    experimental = design in EXPERIMENTAL_DESIGNS
    for sentence in sentences:
        mentions = resolve_overlaps(sentence.mentions)
        for x in mentions:
            if x.role == "other" and is_model_inducer(sentence, x, experimental):
                y = _induced(sentence, x, mentions)
                if y is not None:
                    yield sentence, x, y


def _induced(sentence: SentenceMentions, x: Mention, mentions: list[Mention]) -> Mention | None:
    """The condition or outcome right after "X-induced" (a few modifiers may come between)."""
    end = sentence.local(x)[1]
    for m in mentions:
        start = sentence.local(m)[0]
        if start >= end and m.role in ("condition", "outcome") and not m.negated:
            return m if _LINK.fullmatch(sentence.text[end:start]) else None
    return None
