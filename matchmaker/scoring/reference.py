"""The exact reference: every eligible triple that includes one firm, scored and ranked.

It shares the features, the hard rules (participants) and the score formulas with the fast path,
and nothing of its candidate generation: no partner lists, no stars, no pool. It is slow on
purpose (all |slot| x |slot| pairs for each slot the firm fits) and is what the fast path's recall
is measured against.
"""
from __future__ import annotations

import numpy as np

from matchmaker.scoring.participants import Participants
from matchmaker.scoring.scores import Columns, block_terms, pair_values, triple_scores

CHUNK = 256


def exact_triples(setup: Participants, firm: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The best ``k`` triples including firm index ``firm``: members (k, 3) in slot order, scores.

    Ranked by score, ties by the members' ids in slot order; one set of firms counts once, with
    its best slot assignment.
    """
    members, scores = [], []
    for p in range(3):
        if setup.eligible[p, firm]:
            for found_members, found_scores in _with_firm_in_slot(setup, firm, p):
                members.append(found_members)
                scores.append(found_scores)
    members, scores = (np.concatenate(members), np.concatenate(scores)) if members else (None, None)
    if members is None or not len(members):
        return np.zeros((0, 3), dtype=np.int64), np.zeros(0, dtype=np.float32)
    return _best(members, scores, k, len(setup.features))


def _with_firm_in_slot(setup: Participants, firm: int, p: int):
    features = setup.features
    q, r = [s for s in range(3) if s != p]
    left, right = _candidates(setup, firm, q), _candidates(setup, firm, r)
    if not len(left) or not len(right):
        return
    anchor = np.array([firm])
    right_columns = Columns.of(features, right)
    with_left = pair_values(features, block_terms(features, anchor, Columns.of(features, left)), anchor[:, None], left[None, :])[0]
    with_right = pair_values(features, block_terms(features, anchor, right_columns), anchor[:, None], right[None, :])[0]
    u = setup.slot_factor
    codes = features.country_codes
    for start in range(0, len(left), CHUNK):
        rows = left[start:start + CHUNK]
        between = pair_values(features, block_terms(features, rows, right_columns), rows[:, None], right[None, :])
        value = {(p, q): with_left[start:start + CHUNK][:, None], (p, r): with_right[None, :], (q, r): between}
        factor = {p: u[p, firm], q: u[q, rows][:, None], r: u[r, right][None, :]}
        v01, v02, v12 = (value[pair] if pair in value else value[pair[::-1]] for pair in ((0, 1), (0, 2), (1, 2)))
        scores = triple_scores(v01, v02, v12, factor[0], factor[1], factor[2])
        allowed = (codes[rows][:, None] != codes[right][None, :]) & ~setup.excluded(rows[:, None], right[None, :])
        allowed &= scores > 0
        i, j = np.nonzero(allowed)
        members = np.empty((len(i), 3), dtype=np.int64)
        members[:, p], members[:, q], members[:, r] = firm, rows[i], right[j]
        yield members, scores[i, j]


def _candidates(setup: Participants, firm: int, slot: int) -> np.ndarray:
    codes = setup.features.country_codes
    chosen = setup.eligible[slot] & (codes != codes[firm])
    chosen[setup.partners_excluded(firm)] = False
    return np.flatnonzero(chosen)


def _best(members: np.ndarray, scores: np.ndarray, k: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Plain ranking: best assignment per set of firms, then the top k."""
    def key(rows: np.ndarray) -> np.ndarray:
        rows = rows.astype(np.int64)
        return (rows[:, 0] * size + rows[:, 1]) * size + rows[:, 2]

    as_set, in_slots = key(np.sort(members, axis=1)), key(members)
    order = np.lexsort((in_slots, -scores, as_set))
    first = np.r_[True, as_set[order][1:] != as_set[order][:-1]]
    chosen = order[first]
    ranked = chosen[np.lexsort((in_slots[chosen], -scores[chosen]))][:k]
    return members[ranked], scores[ranked]
