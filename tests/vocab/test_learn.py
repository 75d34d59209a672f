"""Learning surface forms and precision from (hand-written) training files."""

from __future__ import annotations

import pytest

from kg.vocab.corpora import (
    AnnotatedDoc,
    Annotation,
    collect_gold_concepts,
    read_pubtator,
    split_ids,
)
from kg.vocab.learn import LearnedDoc, find_learning_files, learn_weights, read_learning_docs
from kg.vocab.matcher import WEIGHT_ACRONYM, MatcherBuilder
from kg.vocab.model import Concept
from tests.vocab.tiny import DATA, tiny_vocabulary

CORPORA = DATA / "corpora"
MESH = "http://id.nlm.nih.gov/mesh/"


def test_pubtator_reader_and_document_level_gold() -> None:
    docs = list(read_pubtator(CORPORA / "bc5cdr" / "CDR_TrainingSet.PubTator.txt"))
    assert [d.pmid for d in docs] == ["1001", "1002", "1003"]
    assert docs[0].text[docs[0].annotations[1].start:docs[0].annotations[1].end] == "lead poisoning"
    assert collect_gold_concepts(docs[1]) == {("Chemical", "D007649"), ("Disease", "D010146"),
                                      ("Disease", "D006973")}


def test_composite_ids_are_split_and_non_mesh_ignored() -> None:
    assert split_ids("D003110|D009369") == ("D003110", "D009369")
    assert split_ids("MESH:D012345+OMIM:123456") == ("D012345",)
    assert split_ids("-1") == ()


def test_learning_never_reads_a_test_split() -> None:
    names = [p.name for _, p in find_learning_files(CORPORA)]
    assert names == ["CDR_TrainingSet.PubTator.txt", "NCBItrainset_corpus.txt"]
    with pytest.raises(ValueError, match="test split"):
        find_learning_files(CORPORA, ("train", "test"))


def test_learned_forms_and_precisions() -> None:
    vocabulary = tiny_vocabulary()
    builder = MatcherBuilder()
    builder.add_concepts(vocabulary.concepts)
    docs = read_learning_docs(find_learning_files(CORPORA))
    learned = learn_weights(builder, vocabulary.by_ui(), docs)
    (hypertension, weight), = learned["hypertensive"]  # not a MeSH term: learned as a form
    assert hypertension.ui == "D006973" and hypertension.role == "condition" and weight > 0.8
    (pain, pain_weight), = learned["pain"]
    assert pain.ui == "D010146" and pain_weight >= 0.9  # right in every document it appeared in
    assert learned["ketamine"][0][1] > 0.8
    assert learned["ketalar"][0][1] < 0.5  # in a training text, but annotators did not tag it
    (neoplasm, _), = learned["tumor"]  # NCBI judges diseases only
    assert neoplasm.ui == "D009369"
    assert "lead" not in learned  # a stop word never matched, so never judged


def _doc(pmid: str, text: str, *tagged: tuple[str, str, str]) -> LearnedDoc:
    """A training document (title only) with (surface, type, id) tags at their first place."""
    annotations = tuple(Annotation(text.index(s), text.index(s) + len(s), s, kind, (ui,))
                        for s, kind, ui in tagged)
    return LearnedDoc(AnnotatedDoc(pmid, text, "", annotations),
                      frozenset({"Chemical", "Disease"}))


def _acronym_builder() -> MatcherBuilder:
    builder = MatcherBuilder()
    builder.add_concepts([
        Concept(MESH + "D900001", "D900001", "Examplamine", ("EXA",), ("D02.1",)),
        Concept(MESH + "D900002", "D900002", "Other Drug", ("ODR",), ("D02.2",)),
        Concept(MESH + "D900003", "D900003", "Odr Polymorphism", ("ODRs",), ("G05.1",)),
    ])
    return builder


def test_an_acronym_is_judged_only_where_it_is_used_undefined() -> None:
    builder = _acronym_builder()
    defined = [_doc(str(i), "Examplamine (EXA) was given; EXA helped.",
                    ("Examplamine", "Chemical", "D900001"), ("EXA", "Chemical", "D900001"))
               for i in range(5)]
    assert "EXA" not in learn_weights(builder, {}, defined)  # every use was defined
    undefined = [_doc(str(i), "EXA was given.", ("EXA", "Chemical", "D900001")) for i in range(3)]
    assert learn_weights(builder, {}, defined + undefined[:1])["EXA"][0][1] < 0.5  # one use
    assert learn_weights(builder, {}, defined + undefined)["EXA"][0][1] > 0.5


def test_an_acronym_whose_plural_names_another_concept_stays_below_the_threshold() -> None:
    docs = [_doc(str(i), "ODR was given.", ("ODR", "Chemical", "D900002")) for i in range(9)]
    (target, weight), = learn_weights(_acronym_builder(), {}, docs)["ODR"]
    assert target.ui == "D900002" and weight == WEIGHT_ACRONYM


def test_a_charged_form_is_not_learned_as_the_neutral_one() -> None:
    docs = [_doc(str(i), "Radical O2- formed.", ("O2-", "Chemical", "D900001"))
            for i in range(3)]
    assert "o 2" not in learn_weights(_acronym_builder(), {}, docs)
