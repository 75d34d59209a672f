"""The adverse-claim model: named features of a (chemical, disease) pair, their logistic weights
and the threshold above which a pair is a ``causes`` claim.

Kept apart from the reading of an abstract (``kg.extract.adverse``) because the weights are data
fitted by ``bench/relation_eval.py --fit`` and replaced as a block when the features change.
"""

from __future__ import annotations

import math

__all__ = ["FEATURES", "THRESHOLD", "WEIGHTS", "score"]

FEATURES: tuple[str, ...] = (
    "bias", "log_cooc", "cue", "treat_only", "pattern", "title_both", "chem_title", "dis_title",
    "chem_top", "chem_share", "log_dis_count", "hyper", "log_n_chem", "pop", "dis_cue", "cooc",
    "between_cue", "log_dist", "neg", "other_pattern", "pop_share", "host", "harm", "benefit",
)
WEIGHTS: dict[str, float] = {
    "bias": -4.347, "log_cooc": 0.044, "cue": -0.509, "treat_only": -0.095, "pattern": 1.100,
    "title_both": -0.833, "chem_title": 0.716, "dis_title": 0.372, "chem_top": 0.539,
    "chem_share": 1.708, "log_dis_count": 0.497, "hyper": -1.353, "log_n_chem": 0.220,
    "pop": -0.312, "dis_cue": 0.416, "cooc": 0.569, "between_cue": 0.975, "log_dist": -0.192,
    "neg": -0.136, "other_pattern": -0.620, "pop_share": -1.597, "host": -1.293, "harm": 0.512,
    "benefit": -0.479,
}
"""Logistic weights per feature, fitted on BC5CDR train with the recogniser's own mentions
(``bench/relation_eval.py --split train --fit --learn train``)."""
THRESHOLD = 0.22
"""Probability above which a pair becomes a claim (chosen on BC5CDR dev for F1)."""


def score(features: dict[str, float]) -> float:
    """The model's probability that the pair is a chemical-induced disease."""
    z = sum(WEIGHTS[name] * features.get(name, 0.0) for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-z))
