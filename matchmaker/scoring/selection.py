"""Proposals: a diversified selection for review, so reviewers do not get twenty variants of one idea.

Greedy over the candidates, best first: a candidate is taken unless one of its firms already
appears in ``max_per_firm`` taken proposals or, for triples, two of its firms already appear
together in a taken triple (near-identical triples share two members: of those only the best is
proposed). Selection stops at ``top``. Greedy is deterministic given the candidates' order, which is
by score and then ids.
"""
from __future__ import annotations

from itertools import combinations

import numpy as np


def diversified(members: np.ndarray, top: int, max_per_firm: int, thin_pairs: bool) -> list[int]:
    """Positions of the chosen rows of ``members`` (ranked best first), in that order."""
    chosen: list[int] = []
    appearances: dict[int, int] = {}
    together: set[tuple[int, int]] = set()
    for position, row in enumerate(members.tolist()):
        if any(appearances.get(firm, 0) >= max_per_firm for firm in row):
            continue
        pairs = list(combinations(sorted(row), 2)) if thin_pairs else []
        if any(pair in together for pair in pairs):
            continue
        chosen.append(position)
        together.update(pairs)
        for firm in row:
            appearances[firm] = appearances.get(firm, 0) + 1
        if len(chosen) == top:
            break
    return chosen
