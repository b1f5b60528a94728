"""Trilateral search without enumerating N^3 triples: a join over the partner lists, then a beam.

For each slot p and each firm eligible for it (the anchor a), with q and r the two other slots:
1. candidates: the DEEP_WIDTH firms b of slot q with the best (v(a, b) + breadth_r(b)) * u_q(b),
   where breadth_r(b) is the mean pair value of b's partner list for slot r, in nested tiers: the
   SEEDS best, the NEAR_WIDTH best, the next CHAIN_DEPTH, the rest; the same for r. The breadth
   term favours partners that also pair well with the third slot;
2. stars: every seed for q with every candidate for r, and every candidate for q with every seed
   for r (pair values by batched matrix products). A firm's best triples mostly join one strong
   partner with a third member moderately tied to the anchor but well tied to that partner: on the
   10,000-firm benchmark, in the exact top-20 triples that a 40 x 40 star of the best candidates
   missed, the stronger partner ranked 4th (median) among the candidates, the weaker 57th to 92nd;
3. chains: each of the NEAR_WIDTH candidates b with its list partners L[b, r][:EXPANSION], each c
   with L[c, q][:EXPANSION], and the next CHAIN_DEPTH candidates with the first CHAIN_LENGTH of
   their lists (pair values read from the lists): triples whose third member is tied to the second
   more than to the anchor;
4. BEAM_ROUNDS more chain rounds from the members of the BEAM best triples kept so far.
The anchor's own pair values come from its rows of the exact block product against each slot
(computed per batch of anchors, never stored for all firms), so every candidate gets its exact
score from the shared formula (scores.triple_scores). Each anchor's whole beam (at least ``keep`` +
KEEP_MARGIN triples, as some of them may be better assigned or found from another slot) goes to a
pool, which is de-duplicated (for the ``any`` template, one set of firms keeps its best slot
assignment); each firm's suggestions are the best pool triples that include it, whichever member
anchored them. Work per anchor is bounded (2 * (SEEDS * DEEP_WIDTH + (NEAR_WIDTH + BEAM) * EXPANSION
+ CHAIN_DEPTH * CHAIN_LENGTH), about 15,600 candidates), so the search is linear in the number of
firms once the lists exist; the exact reference scores millions per anchor at 10,000 firms.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from matchmaker.scoring.participants import Participants
from matchmaker.scoring.partners import PartnerLists, top_k_rows
from matchmaker.scoring.scores import Columns, block_terms, grid_terms, pair_values, triple_scores

ANCHOR_BATCH = 256
# Candidates per slot and anchor, in nested tiers (see the module doc for what each tier is paired with).
SEEDS, NEAR_WIDTH, CHAIN_DEPTH, DEEP_WIDTH = 12, 40, 80, 256
EXPANSION = 48  # list partners tried per near candidate and beam member
CHAIN_LENGTH = 16  # list partners tried per candidate of the chain tier
BEAM = 32  # triples kept per anchor between rounds
KEEP_MARGIN = 12  # the beam holds at least this many more than the suggestions wanted
BEAM_ROUNDS = 1


@dataclass(frozen=True, eq=False)
class Triples:
    members: np.ndarray  # int64 (n, 3): firm indices in slot order
    scores: np.ndarray  # float32 (n,)

    def __len__(self) -> int:
        return len(self.scores)


def slot_order_key(members: np.ndarray, size: int) -> np.ndarray:
    """One int64 per triple that orders triples by their members' ids in slot order (indices follow ids)."""
    members = members.astype(np.int64)
    return (members[:, 0] * size + members[:, 1]) * size + members[:, 2]


@dataclass(frozen=True, eq=False)
class _Slot:
    firms: np.ndarray  # eligible firm indices
    position_padded: np.ndarray  # (N + 1,): position among them; the last entry (index -1) is len(firms)
    factor_padded: np.ndarray  # (N + 1,): u in the slot; the last entry (index -1) is 0
    columns: Columns
    list_positions: np.ndarray  # (N, m): positions of every firm's list partners for this slot
    list_factors: np.ndarray  # (N, m): their u

    @classmethod
    def of(cls, setup: Participants, lists: PartnerLists, s: int) -> _Slot:
        firms = np.flatnonzero(setup.eligible[s])
        position = np.full(len(setup.features) + 1, len(firms), dtype=np.int64)
        position[firms] = np.arange(len(firms))
        factor = np.append(setup.slot_factor[s], np.float32(0))
        partners = lists.slot_index[s]
        return cls(firms, position, factor, Columns.of(setup.features, firms), position[partners], factor[partners])


def trilateral_pool(setup: Participants, lists: PartnerLists, keep: int,
                    progress: Callable[[float], None] | None = None) -> Triples:
    """Every anchor's best triples (at least ``keep`` + KEEP_MARGIN), de-duplicated, best first (ties by
    ids in slot order)."""
    slots = [_Slot.of(setup, lists, s) for s in range(3)]
    if any(len(slot.firms) == 0 for slot in slots):  # a role nobody can fill: no triple at all
        slots = []
    breadth = lists.slot_value.mean(axis=2)  # (3, N): how strongly each firm pairs with each slot
    batches = [(p, slots[p].firms[start:start + ANCHOR_BATCH])
               for p in range(len(slots)) for start in range(0, len(slots[p].firms), ANCHOR_BATCH)]
    found = []
    for done, (p, anchors) in enumerate(batches, 1):
        found.append(_Beam(setup, lists, slots, p, anchors, breadth, max(BEAM, keep + KEEP_MARGIN)).search())
        if progress:
            progress(done / len(batches))
    members = np.concatenate([t.members for t in found]) if found else np.zeros((0, 3), np.int64)
    scores = np.concatenate([t.scores for t in found]) if found else np.zeros(0, np.float32)
    return best_assignment(Triples(members, scores), len(setup.features))


class _Beam:
    """The search for one batch of anchors in slot p; candidates are (left in slot q, right in slot r).

    Index -1 (no candidate) needs no masks: it reads the last entry of per-firm arrays, and the
    member factors are given a trailing 0 there, so such a triple scores 0 and is never kept.
    """

    def __init__(self, setup: Participants, lists: PartnerLists, slots: list[_Slot], p: int, anchors: np.ndarray,
                 breadth: np.ndarray, width: int):
        self.setup, self.lists, self.slots, self.p, self.anchors = setup, lists, slots, p, anchors
        self.breadth, self.width = breadth, width
        self.q, self.r = [s for s in range(3) if s != p]
        self.size = len(setup.features)
        self.anchor_factor = setup.slot_factor[p, anchors].reshape(-1, 1, 1)
        self.factor = {s: slots[s].factor_padded for s in (self.q, self.r)}
        self.known = {s: (slots[s].list_positions, slots[s].list_factors) for s in (self.q, self.r)}
        self.values = {s: self._anchor_values(slots[s]) for s in (self.q, self.r)}
        template = setup.template
        countries = [slot.country for slot in template.slots]
        self.check_countries = None in countries or len(set(countries)) < 3
        self.check_exclusions = len(setup.excluded_keys) > 0

    def search(self) -> Triples:
        deep_q, deep_r = self._candidates()
        near_q, near_r = deep_q[:, :NEAR_WIDTH], deep_r[:, :NEAR_WIDTH]
        beyond = slice(NEAR_WIDTH, NEAR_WIDTH + CHAIN_DEPTH)
        found = [
            self._star(deep_q[:, :SEEDS], deep_r),
            self._star(deep_q, deep_r[:, :SEEDS]),
            *self._chains(near_q, near_r, EXPANSION),
            *self._chains(deep_q[:, beyond], deep_r[:, beyond], CHAIN_LENGTH),
        ]
        best = _merged(found, self.size, self.width)
        for _ in range(BEAM_ROUNDS):
            best = _merged([best, *self._chains(_distinct(best[0]), _distinct(best[1]), EXPANSION)], self.size, self.width)
        return self._triples(*best)

    def _candidates(self) -> tuple[np.ndarray, np.ndarray]:
        """The anchor's candidates for slots q and r (see the module doc)."""
        return self._near(self.q, self.r), self._near(self.r, self.q)

    def _star(self, from_q: np.ndarray, from_r: np.ndarray):
        """Every pair of candidates, their pair value by batched products."""
        features = self.setup.features
        safe_q, safe_r = np.maximum(from_q, 0), np.maximum(from_r, 0)
        between = pair_values(features, grid_terms(features, safe_q, safe_r), safe_q[:, :, None], safe_r[:, None, :])
        return self._best(from_q[:, :, None], from_r[:, None, :], between)

    def _chains(self, from_q: np.ndarray, from_r: np.ndarray, length: int):
        """Each firm of ``from_q`` with its first ``length`` list partners for slot r, and each firm of
        ``from_r`` with its partners for slot q (pair values from the lists); rows hold distinct firms."""
        lists, q, r = self.lists, self.q, self.r
        width = min(length, lists.slot_index.shape[2])
        known_r = tuple(table[from_q, :width] for table in self.known[r])
        known_q = tuple(table[from_r, :width] for table in self.known[q])
        return (
            self._best(from_q[:, :, None], lists.slot_index[r, from_q, :width], lists.slot_value[r, from_q, :width],
                       right_known=known_r),
            self._best(lists.slot_index[q, from_r, :width], from_r[:, :, None], lists.slot_value[q, from_r, :width],
                       left_known=known_q),
        )

    def _best(self, left: np.ndarray, right: np.ndarray, between: np.ndarray, left_known=None, right_known=None):
        """The beam's width best candidates (left, right broadcastable to between's shape (n, a, b)) of each
        anchor; ``*_known``: their positions among their slot's firms and their factors, when at hand."""
        n, _, width = between.shape
        if not between.size:  # a tier beyond a small slot's firms
            return np.full((n, self.width), -1), np.full((n, self.width), -1), np.zeros((n, self.width), np.float32)
        scores = self._scores(left, right, between, left_known, right_known).reshape(n, -1)
        left, right = np.broadcast_to(left, between.shape), np.broadcast_to(right, between.shape)

        def members(rows: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            first, second = np.divmod(positions, width)
            return left[rows, first, second], right[rows, first, second]

        def tie(rows: np.ndarray, positions: np.ndarray) -> np.ndarray:
            found_left, found_right = members(rows, positions)
            return found_left.astype(np.int64) * self.size + found_right

        positions, found = top_k_rows(scores, self.width, tie)
        kept = positions >= 0
        rows = np.broadcast_to(np.arange(n)[:, None], positions.shape)
        found_left, found_right = members(rows, np.maximum(positions, 0))
        return np.where(kept, found_left, -1), np.where(kept, found_right, -1), found

    def _scores(self, left: np.ndarray, right: np.ndarray, between: np.ndarray, left_known=None,
                right_known=None) -> np.ndarray:
        """Exact scores of (anchor, left, right) by the shared formula; 0 where the hard rules forbid."""
        p, q, r = self.p, self.q, self.r
        left_position, left_factor = left_known or (self.slots[q].position_padded[left], self.factor[q][left])
        right_position, right_factor = right_known or (self.slots[r].position_padded[right], self.factor[r][right])
        value = {(p, q): self._anchor_value(q, left_position), (p, r): self._anchor_value(r, right_position),
                 (q, r): between}
        factor = {p: self.anchor_factor, q: left_factor, r: right_factor}
        v01, v02, v12 = (value[pair] if pair in value else value[pair[::-1]] for pair in ((0, 1), (0, 2), (1, 2)))
        scores = triple_scores(v01, v02, v12, factor[0], factor[1], factor[2])
        if self.check_countries or self.check_exclusions:
            scores = np.where(self._forbidden(left, right), 0, scores)
        return scores

    def _forbidden(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        setup, anchor = self.setup, self.anchors.reshape(-1, 1, 1)
        left, right = np.maximum(left, 0), np.maximum(right, 0)
        codes = setup.features.country_codes
        forbidden = np.zeros(np.broadcast_shapes(left.shape, right.shape), dtype=bool)
        if self.check_countries:
            forbidden |= (codes[left] == codes[right]) | (codes[left] == codes[anchor]) | (codes[right] == codes[anchor])
        if self.check_exclusions:
            forbidden |= setup.excluded(left, right) | setup.excluded(anchor, left) | setup.excluded(anchor, right)
        return forbidden

    def _anchor_value(self, s: int, positions: np.ndarray) -> np.ndarray:
        """v(anchor, firm) for firms at ``positions`` (shape (n, a, b)) among slot s's, from the anchors' rows."""
        rows = self.values[s]
        offsets = (np.arange(len(self.anchors)) * rows.shape[1]).reshape(-1, 1, 1)
        return np.take(rows, offsets + positions)

    def _near(self, s: int, other: int) -> np.ndarray:
        """Each anchor's DEEP_WIDTH best candidates for slot s by (v(anchor, b) + breadth_other(b)) * u_s(b), in tiers."""
        setup, firms = self.setup, self.slots[s].firms
        keys = (self.values[s][:, :-1] + self.breadth[other][firms][None, :]) * setup.slot_factor[s][firms][None, :]
        codes = setup.features.country_codes
        if self.check_countries:  # else every slot has its own country
            keys[codes[self.anchors][:, None] == codes[firms][None, :]] = 0
        if self.check_exclusions:
            keys[setup.excluded(self.anchors[:, None], firms[None, :])] = 0
        return _tiers(keys, firms, (SEEDS, NEAR_WIDTH, NEAR_WIDTH + CHAIN_DEPTH, DEEP_WIDTH))

    def _anchor_values(self, slot: _Slot) -> np.ndarray:
        """v(anchor, every firm eligible for the slot), plus a 0 column for "no firm": the anchors'
        rows of the exact block product."""
        features = self.setup.features
        terms = block_terms(features, self.anchors, slot.columns)
        values = pair_values(features, terms, self.anchors[:, None], slot.firms[None, :], in_place=True)
        return np.hstack([values, np.zeros((len(self.anchors), 1), dtype=values.dtype)])

    def _triples(self, left: np.ndarray, right: np.ndarray, scores: np.ndarray) -> Triples:
        row, rank = np.nonzero(scores > 0)
        members = np.empty((len(row), 3), dtype=np.int64)
        members[:, self.p] = self.anchors[row]
        members[:, self.q] = left[row, rank]
        members[:, self.r] = right[row, rank]
        return Triples(members, scores[row, rank])


def _tiers(keys: np.ndarray, firms: np.ndarray, bounds: tuple[int, ...]) -> np.ndarray:
    """Each row's best ``bounds[-1]`` firms by key in nested tiers: the first bounds[0] columns hold
    the best bounds[0], and so on; unordered within a tier, -1 for keys <= 0.

    Partitioning is deterministic, and the tiers are all the search needs: each tier is used as a
    set, so sorting whole rows (the costliest step at this width) would buy nothing.
    """
    width = keys.shape[1]
    bounds = tuple(min(bound, width) for bound in bounds)
    positions = np.argpartition(-keys, bounds[-1] - 1, axis=1)[:, :bounds[-1]]
    found = np.take_along_axis(keys, positions, axis=1)
    inner = np.argpartition(-found, [bound - 1 for bound in bounds[:-1]], axis=1)  # within the kept few
    positions, found = np.take_along_axis(positions, inner, axis=1), np.take_along_axis(found, inner, axis=1)
    return np.where(found > 0, firms[positions], -1).astype(np.int32)


def _distinct(firms: np.ndarray) -> np.ndarray:
    """Each row's firms with repeats (after their first occurrence) replaced by -1."""
    order = np.argsort(firms, axis=1, kind="stable")
    ordered = np.take_along_axis(firms, order, axis=1)
    repeat = np.zeros_like(firms, dtype=bool)
    repeat[:, 1:] = ordered[:, 1:] == ordered[:, :-1]
    out = firms.copy()
    np.put_along_axis(out, order, np.where(repeat, -1, ordered), axis=1)
    return out


def _merged(parts, size: int, width: int):
    """The ``width`` best distinct candidates of several ranked sets, best first (ties by ids in slot order)."""
    left = np.hstack([part[0] for part in parts])
    right = np.hstack([part[1] for part in parts])
    scores = np.hstack([part[2] for part in parts])
    key = left.astype(np.int64) * size + right
    order = _row_order(scores, key)
    left, right, scores, key = (np.take_along_axis(a, order, axis=1) for a in (left, right, scores, key))
    repeat = np.zeros_like(scores, dtype=bool)
    repeat[:, 1:] = key[:, 1:] == key[:, :-1]
    repeat |= scores <= 0
    order = np.argsort(repeat, axis=1, kind="stable")[:, :width]  # drop repeats, keep the order
    left, right, scores, repeat = (np.take_along_axis(a, order, axis=1) for a in (left, right, scores, repeat))
    return np.where(repeat, -1, left), np.where(repeat, -1, right), np.where(repeat, 0, scores)


def _row_order(scores: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Per row: by score descending, then key ascending (one sort of a combined 64-bit key)."""
    if key.max(initial=0) >= 1 << 32:
        n, width = scores.shape
        rows = np.repeat(np.arange(n), width)
        return (np.lexsort((key.ravel(), -scores.ravel(), rows)) - rows * width).reshape(n, width)
    descending = np.int64(0x7FFFFFFF) - np.maximum(scores, 0).view(np.int32)  # positive floats sort as their bits
    return np.argsort((descending << 32) | np.maximum(key, 0), axis=1)


def best_assignment(triples: Triples, size: int) -> Triples:
    """One entry per set of firms, with its best score (ties: smaller ids in slot order), sorted best first."""
    if not len(triples):
        return triples
    members = triples.members
    as_set = slot_order_key(np.sort(members, axis=1), size)
    in_slots = slot_order_key(members, size)
    order = np.lexsort((in_slots, -triples.scores, as_set))
    first = np.ones(len(order), dtype=bool)
    first[1:] = as_set[order][1:] != as_set[order][:-1]
    chosen = order[first]
    ranked = chosen[np.lexsort((in_slots[chosen], -triples.scores[chosen]))]
    return Triples(members[ranked], triples.scores[ranked])


def per_firm(triples: Triples, k: int, size: int) -> dict[int, np.ndarray]:
    """For each firm index, the positions in ``triples`` of the best k triples that include it."""
    if not len(triples):
        return {}
    firms = triples.members.ravel()
    position = np.repeat(np.arange(len(triples)), 3)
    in_slots = slot_order_key(triples.members, size)[position]
    order = np.lexsort((in_slots, -triples.scores[position], firms))
    firms, position = firms[order], position[order]
    rank = np.arange(len(firms)) - np.searchsorted(firms, firms)
    kept = rank < k
    firms, position = firms[kept], position[kept]
    bounds = np.flatnonzero(np.diff(firms)) + 1
    return {int(group[0]): chunk for group, chunk in zip(np.split(firms, bounds), np.split(position, bounds))}
