"""The recogniser: concepts in a record's title and abstract, grounded to MeSH (or curated) IRIs.

For each section the text is tokenised and normalised once (``kg.vocab.normalise``), every
vocabulary key is found in one automaton pass, and spans are chosen leftmost-longest, as a reader
segments "complex regional pain syndrome" rather than "pain". Then:

* a span that names neither a disease nor a chemical (a receptor, an enzyme, a procedure) does not
  hide one inside it: "dopamine" in "dopamine D2 receptor" is kept, with role ``other``;
* abbreviations defined in the record ("complex regional pain syndrome (CRPS)") mean their long
  form's concept everywhere in that record; an abbreviation defined as something the vocabulary
  does not know silences the dictionary's global sense of it ("PD" as peritoneal dialysis);
* a match the surrounding characters show to be something else is dropped
  (``kg.extract.grounding``): a piece of a gene symbol, variant or cell line ("MSH2",
  "val158met", "MDA-MB-231"), a word after "non-" ("non-cancer pain"), a participle used as a
  verb ("halothane depressed contractility"), words inside an organisation's name; a drug named
  in a dose unit ("mg of morphine equivalents") is kept with role ``other``. An undefined
  all-capitals short form grounds only when training text showed it unambiguous
  (``kg.vocab.learn``);
* NegEx-style cues set ``negated``, speculative sentences set ``hedged``, and a condition after
  "reduce"/"minimise"/"improvement in" becomes an ``outcome``;
* a drug's mechanism-type pharmacological actions give derived mechanism mentions (ketamine →
  Excitatory Amino Acid Antagonists, labelled NMDA receptor antagonism), with a lower confidence
  and their own recogniser name.

Confidence is the estimated precision of the surface form for its concept (learned from training
corpora when available, else the vocabulary's prior); spans below ``MIN_CONFIDENCE`` are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.extract.grounding import judge_spans
from kg.extract.model import Mention, Role
from kg.extract.negation import SectionContext
from kg.extract.spans import Found, apply_abbreviations, select_spans
from kg.rdf.iris import mesh_iri
from kg.records.model import Record
from kg.vocab.default import Defaults, default_vocabulary
from kg.vocab.matcher import Matcher, Target
from kg.vocab.normalise import Token, normalise_term, tokenise
from kg.vocab.roles import NMDA_ANTAGONISTS, NMDA_CURATED_SLUG

__all__ = [
    "ACTION_FACTOR",
    "ACTION_RECOGNISER",
    "INDEXER_RECOGNISER",
    "MIN_CONFIDENCE",
    "RECOGNISER",
    "RECOGNISER_VERSION",
    "Section",
    "indexed_mentions",
    "recognise",
    "recognise_sections",
    "recognise_text",
    "recogniser_fingerprint",
    "split_record_sections",
]

RECOGNISER = "ekg-dictionary"
ACTION_RECOGNISER = "ekg-pharmacological-action"
INDEXER_RECOGNISER = "nlm-indexing"
RECOGNISER_VERSION = "1.1"
MIN_CONFIDENCE = 0.5
ACTION_FACTOR = 0.6
NMDA_LABEL = "NMDA receptor antagonism"


@dataclass(frozen=True, slots=True)
class Section:
    """A named piece of text whose offsets mentions count in."""

    name: str
    text: str


def split_record_sections(record: Record) -> list[Section]:
    """``title``, then each abstract section by label (``abstract`` when unlabelled)."""
    sections = [Section("title", record.title)] if record.title else []
    sections += [Section(s.label or "abstract", s.text) for s in record.abstract if s.text]
    return sections


def recognise(record: Record, *, use_overlay: bool = True,
              include_indexed: bool = True) -> tuple[Mention, ...]:
    """Text-mined mentions of a record, derived mechanisms, and (optionally) its MeSH indexing."""
    vocab = default_vocabulary()
    mentions = recognise_sections(split_record_sections(record), vocab, use_overlay=use_overlay)
    if include_indexed:
        mentions += _indexed(record, vocab)
    return mentions


def recognise_text(text: str, section: str = "abstract", *, vocab: Defaults | None = None,
                   use_overlay: bool = True) -> tuple[Mention, ...]:
    """Mentions in one piece of text (offsets into ``text``)."""
    return recognise_sections([Section(section, text)], vocab or default_vocabulary(),
                              use_overlay=use_overlay)


def recogniser_fingerprint() -> str:
    """Recogniser version + vocabulary build: changes whenever recognition could change."""
    vocab = default_vocabulary()
    return f"{RECOGNISER_VERSION}+{vocab.base.fingerprint[:10]}+{vocab.overlay_fingerprint[:8]}"


def recognise_sections(sections: list[Section], vocab: Defaults, *,
                       use_overlay: bool = True) -> tuple[Mention, ...]:
    """Mentions in several sections of one record (abbreviations are shared between them)."""
    matchers = [vocab.base.matcher] + ([vocab.overlay] if use_overlay else [])
    tokens = [tokenise(s.text) for s in sections]
    found = [select_spans(_hits(t, matchers), MIN_CONFIDENCE) for t in tokens]
    found = apply_abbreviations([s.text for s in sections], tokens, found,
                                lambda text: _lookup(text, matchers))
    found = [judge_spans(s.text, t, f) for s, t, f in zip(sections, tokens, found, strict=True)]
    version = f"{RECOGNISER_VERSION}+{vocab.base.fingerprint[:10]}"
    mentions: list[Mention] = []
    for section, section_tokens, spans in zip(sections, tokens, found, strict=True):
        mentions += _mentions(section, section_tokens, spans, version)
    return tuple(mentions) + _derived(mentions, vocab, use_overlay)


def _hits(tokens: list[Token], matchers: list[Matcher]) -> list[Found]:
    """Every key occurrence of every matcher, with its best candidate; overlay ranks first."""
    out = []
    for priority, matcher in enumerate(reversed(matchers)):
        for first, last, index in matcher.hits(tokens):
            target_index, weight = matcher.candidates[index][0][:2]
            out.append(Found(first, last, matcher.targets[target_index], weight, priority,
                             matcher.keys[index]))
    return out


def _lookup(text: str, matchers: list[Matcher]) -> Found | None:
    """The best concept of an exact term (overlay first), when confident enough."""
    key = normalise_term(text)
    for priority, matcher in enumerate(reversed(matchers)):
        candidates = matcher.lookup(key)
        if candidates and candidates[0][1] >= MIN_CONFIDENCE:
            target_index, weight = candidates[0][:2]
            return Found(0, 0, matcher.targets[target_index], weight, priority, key)
    return None


def _mentions(section: Section, tokens: list[Token], spans: Iterable[Found],
              version: str) -> list[Mention]:
    """Mentions of the chosen spans, with negation, hedging and contextual role."""
    context: SectionContext | None = None
    out = []
    for span in spans:
        start, end = tokens[span.first].start, tokens[span.last - 1].end
        context = context or SectionContext(section.text)
        ctx = context.assess(start, end)
        out.append(Mention(
            concept=span.target.iri, label=span.target.label,
            role=_role(span, ctx.outcome), section=section.name, start=start, end=end,
            text=section.text[start:end], negated=ctx.negated, hedged=ctx.hedged,
            confidence=round(min(span.weight, 0.99), 3), recogniser=RECOGNISER,
            recogniser_version=version))
    return out


def _role(span: Found, outcome_context: bool) -> Role:
    """The target's role, ``other`` for a name inside a larger name, ``outcome`` by context."""
    if span.nested:
        return "other"
    if span.target.role == "condition" and outcome_context:
        return "outcome"
    return span.target.role


def _derived(mentions: list[Mention], vocab: Defaults, use_overlay: bool) -> tuple[Mention, ...]:
    """One mechanism mention per (drug, action) of the record, at the drug's first mention."""
    out: dict[tuple[str, str], Mention] = {}
    for mention in mentions:
        if mention.role == "other":
            continue
        target = vocab.base.target(mention.concept)
        for ui, name in target.mechanisms if target else ():
            key = (mention.concept, ui)
            if key not in out:
                out[key] = _action_mention(mention, target, ui, name, vocab, use_overlay)
    return tuple(out.values())


def _action_mention(mention: Mention, drug: Target, ui: str, name: str, vocab: Defaults,
                    use_overlay: bool) -> Mention:
    """The derived mechanism: MeSH action, or the curated NMDA concept where that is exact."""
    concept, label = str(mesh_iri(ui)), name
    if ui == "D018691" and drug.ui in NMDA_ANTAGONISTS:
        label = NMDA_LABEL
        curated = _curated(vocab, NMDA_CURATED_SLUG) if use_overlay else None
        concept = curated or concept
    return replace(mention, concept=concept, label=label, role="mechanism", negated=False,
                   confidence=round(mention.confidence * ACTION_FACTOR, 3),
                   recogniser=ACTION_RECOGNISER, derived_from=mention.concept)


def _curated(vocab: Defaults, slug: str) -> str | None:
    """The IRI of a curated overlay concept by slug, when the overlay defines it."""
    for target in vocab.overlay.targets:
        if target.iri.endswith(f"/concept/{slug}"):
            return target.iri
    return None


def indexed_mentions(record: Record) -> tuple[Mention, ...]:
    """Only the indexer-assigned concepts (MeSH headings, chemicals) of a record."""
    return _indexed(record, default_vocabulary())


def _indexed(record: Record, vocab: Defaults) -> tuple[Mention, ...]:
    """MeSH headings and chemicals an indexer assigned (no span; role from the vocabulary)."""
    out = []
    pairs = [(h.descriptor_ui, h.descriptor_name, h.major_topic) for h in record.mesh_headings]
    pairs += [(c.ui, c.name, False) for c in record.chemicals if c.ui]
    seen: set[str] = set()
    for ui, name, major in pairs:
        if not _is_mesh_ui(ui) or str(mesh_iri(ui)) in seen:
            continue
        iri = str(mesh_iri(ui))
        seen.add(iri)
        target = vocab.base.target(iri)
        out.append(Mention(concept=iri, label=name, role=target.role if target else "other",
                           agent="indexer", recogniser=INDEXER_RECOGNISER,
                           recogniser_version=RECOGNISER_VERSION, major_topic=major))
    return tuple(out)


def _is_mesh_ui(ui: str) -> bool:
    """A descriptor (D…) or supplementary record (C…) identifier, as PubMed gives them."""
    return 7 <= len(ui) <= 10 and ui[0] in "DC" and ui[1:].isdigit()
