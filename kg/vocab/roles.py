"""The role of a concept in an evidence graph, decided from its place in the MeSH trees.

An evidence claim needs to know what was *done* (intervention), to *whom / for what* (condition),
*how it works* (mechanism) and *what was measured* (outcome). MeSH trees carry most of that:

=========================  ==============  ================================================
tree (longest prefix wins)  role            why
=========================  ==============  ================================================
C, F03                      condition       diseases; mental disorders
D12.776.543                 mechanism       receptors: the molecular target of a drug
D27.505.519                 mechanism       molecular mechanisms of pharmacological action
                                            (enzyme inhibitors, receptor antagonists …)
D08.811, D12.776            other           enzymes and proteins: markers and targets
                                            more often than something given (insulin,
                                            also a hormone D06, stays an intervention)
D                           intervention    chemicals and drugs, incl. drug classes (D27.505)
E02, E03, E04, E06          intervention    therapeutics, anaesthesia, surgery, dentistry
F04.754                     intervention    psychotherapy (CBT lives at F04.754.137.350)
G02–G16                     mechanism       physiological, cellular, genetic … processes
N (a short list)            outcome         functional status, quality of life, mortality …
=========================  ==============  ================================================

Anatomy (A), organisms (B), diagnosis and research methods (E01, E05), physics (G01),
mathematics (G17) and the information/health-care trees are not recognised at all: they would
flood the graph with "rats", "time" and "methods" while naming nothing a claim is about.
Each tree number takes the most specific rule above; when a concept sits in several trees,
conditions win (a drug-induced disorder is still a disorder), then mechanisms (a receptor is a
target before it is a chemical), then interventions. Category headings that NLM publishes
without a tree number ("Neoplasms", "Mental Disorders") get their category's code here.
"""

from __future__ import annotations

from kg.extract.model import Role
from kg.vocab.model import Concept

__all__ = [
    "CATEGORY_TREES",
    "MECHANISM_ACTION_PREFIX",
    "NMDA_ANTAGONISTS",
    "NMDA_CURATED_SLUG",
    "OUTCOME_UIS",
    "decide_role",
    "decide_role_from_trees",
    "is_recognised",
    "select_mechanism_actions",
]

_RULES: tuple[tuple[str, Role], ...] = (
    ("C", "condition"),
    ("F03", "condition"),
    ("D12.776.543", "mechanism"),
    ("D27.505.519", "mechanism"),
    ("D08.811", "other"),
    ("D12.776", "other"),
    ("D", "intervention"),
    ("E02", "intervention"),
    ("E03", "intervention"),
    ("E04", "intervention"),
    ("E06", "intervention"),
    ("F04.754", "intervention"),
    *((f"G{n:02d}", "mechanism") for n in range(2, 17)),
)
_PRIORITY: dict[Role, int] = {
    "condition": 0, "mechanism": 1, "intervention": 2, "outcome": 3, "other": 4,
}

MECHANISM_ACTION_PREFIX = "D27.505.519"
"""Pharmacological actions under this tree say *how* a drug acts, so they become mechanisms."""

NMDA_ANTAGONISTS: frozenset[str] = frozenset({
    "D007649",  # Ketamine
    "D008559",  # Memantine
    "D003915",  # Dextromethorphan
    "D003917",  # Dextrorphan
    "D010622",  # Phencyclidine
    "D016291",  # Dizocilpine Maleate (MK-801)
    "D015763",  # 2-Amino-5-phosphonovalerate (AP5)
    "D000078328",  # Felbamate
})
"""Drugs whose Excitatory Amino Acid Antagonists action (D018691) is NMDA-receptor blockade.

MeSH has no NMDA-specific action, and D018691 also covers AMPA/kainate blockers (CNQX) and drugs
with a minor glutamate effect (gabapentin, riluzole), so the narrower label is given only here.
"""

NMDA_CURATED_SLUG = "nmda-receptor-antagonism"
"""The curated overlay concept that names this mechanism exactly, when the overlay is in use."""

OUTCOME_UIS: frozenset[str] = frozenset({
    "D000085542",  # Functional Status
    "D000076604",  # Physical Functional Performance
    "D011788",  # Quality of Life
    "D009026",  # Mortality
    "D016896",  # Treatment Outcome
    "D017060",  # Patient Satisfaction
    "D015996",  # Survival Rate
    "D007902",  # Length of Stay
})
"""Descriptors outside the C/D/E/G trees that name what a study measures."""

CATEGORY_TREES: dict[str, str] = {
    "D000091642": "C12", "D000820": "C22", "D001523": "F03", "D002318": "C14",
    "D004066": "C06", "D004700": "C19", "D005128": "C11", "D006425": "C15", "D007154": "C20",
    "D007239": "C01", "D007280": "C21", "D009057": "C07", "D009140": "C05", "D009358": "C16",
    "D009369": "C04", "D009422": "C10", "D009750": "C18", "D009784": "C24", "D010038": "C09",
    "D012140": "C08", "D013568": "C23", "D014947": "C26", "D017437": "C17", "D064419": "C25",
    "D000602": "D12", "D002241": "D09", "D004364": "D26", "D006571": "D03", "D007287": "D01",
    "D008055": "D10", "D009706": "D13", "D009930": "D02", "D011083": "D04", "D045424": "D20",
    "D045762": "D08", "D046911": "D05", "D020164": "D27", "D000760": "E03", "D013514": "E04",
    "D013812": "E02",
}
"""Top-level category headings that the tree table lists without a tree number."""


def decide_role_from_trees(trees: tuple[str, ...]) -> Role | None:
    """The role the trees give, or None when no tree is recognised."""
    found: list[Role] = []
    for tree in trees:
        for prefix, role in _RULES:
            if tree.startswith(prefix):
                found.append(role)
                break
    if not found:
        return None
    return min(found, key=lambda r: _PRIORITY.get(r, 9))


def _trees(concept: Concept) -> tuple[str, ...]:
    """Tree numbers, with a category code for the headings NLM lists without one."""
    if concept.tree_numbers:
        return concept.tree_numbers
    code = CATEGORY_TREES.get(concept.ui)
    return (code,) if code else ()


def decide_role(concept: Concept) -> Role | None:
    """The role of a concept: its own when curated, else from its trees; None = not recognised."""
    if concept.role is not None:
        return concept.role
    if concept.ui in OUTCOME_UIS:
        return "outcome"
    if concept.source == "mesh-scr":
        return "intervention"  # supplementary records are chemicals (C-IDs)
    return decide_role_from_trees(_trees(concept))


def is_recognised(concept: Concept) -> bool:
    """True when the recogniser should look for this concept in text at all."""
    return decide_role(concept) is not None


def select_mechanism_actions(concept: Concept, action_trees: dict[str, tuple[str, ...]]
                      ) -> tuple[tuple[str, str], ...]:
    """The pharmacological actions of ``concept`` that are mechanisms (D27.505.519 subtree)."""
    return tuple(
        (ui, name) for ui, name in concept.pharmacological_actions
        if any(t.startswith(MECHANISM_ACTION_PREFIX) for t in action_trees.get(ui, ())))
