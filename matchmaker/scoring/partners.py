"""Partner lists: for every firm, its best bilateral partners and its best partners for each slot of
the template, from exact blocked matrix products with a top-k kept per block of rows.

Rows are processed country by country, in blocks of BLOCK_ROWS, against every firm at once (columns
grouped by country, so "same country" is one slice to blank). Only each row's top k survive a
block, so memory is BLOCK_ROWS x N, never N x N.

The bilateral lists are the bilateral suggestions: exact top k by bilateral score. The slot lists
rank candidates by v(anchor, partner) * u(partner in the slot): what the partner brings to the
anchor and how well it fills the slot; the trilateral search starts from them.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from matchmaker.scoring.participants import Participants
from matchmaker.scoring.scores import Columns, bilateral_scores, block_terms, pair_values

BLOCK_ROWS = 512
SAMPLE_STRIDE = 7  # every 7th column estimates a row's top-k threshold
_LEVELS = np.float32(254)  # 8-bit levels below a row's sampled maximum


@dataclass(frozen=True, eq=False)
class PartnerLists:
    bilateral_index: np.ndarray  # int32 (N, k): best partners, best first, -1 where there are fewer
    bilateral_score: np.ndarray  # float32 (N, k)
    slot_index: np.ndarray  # int32 (3, N, m): best partners for slot s, -1 padded
    slot_value: np.ndarray  # float32 (3, N, m): v(firm, partner)


def top_k_rows(scores: np.ndarray, k: int, tie) -> tuple[np.ndarray, np.ndarray]:
    """Column positions and values of each row's k largest positive scores, ties by smaller ``tie``
    key (an int per column, or a function of (rows, columns) for the entries it is asked about);
    -1 / 0 where a row has fewer.

    Exact, without sorting whole rows: a threshold that at least k entries of the row pass is
    estimated on a sample of the columns (quantised to 8 bits, where a partition is cheap and ties
    do not slow it down), rows where fewer than k pass fall back to the whole row, and only the
    entries above the threshold are sorted. The estimate only saves work: the check makes the
    result exact whatever it is.
    """
    rows, width = scores.shape
    columns, values = np.full((rows, k), -1, dtype=np.int64), np.zeros((rows, k), dtype=scores.dtype)
    if rows == 0 or width == 0 or k == 0:
        return columns, values
    flat = np.flatnonzero(_above_threshold(scores, k))  # far faster than a 2-D nonzero
    r, c = np.divmod(flat, width)
    found = scores[r, c]
    keys = tie(r, c) if callable(tie) else tie[c]
    order = _ranked(r, found, keys)
    r, c, found = r[order], c[order], found[order]
    rank = np.arange(len(r)) - np.searchsorted(r, r)
    kept = rank < k
    columns[r[kept], rank[kept]] = c[kept]
    values[r[kept], rank[kept]] = found[kept]
    return columns, values


def _ranked(rows: np.ndarray, found: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Order by row, then score descending, then key: one sort of score and key packed in 64 bits (a
    positive float32 sorts as its bits), then a stable sort by row; lexsort is several times slower."""
    if not len(keys) or keys.min() < 0 or keys.max() >= 1 << 32:
        return np.lexsort((keys, -found, rows))
    packed = ((np.int64(0x7FFFFFFF) - found.view(np.int32)) << 32) | keys.astype(np.int64)
    order = np.argsort(packed, kind="stable")
    narrow = np.int16 if rows.max() < 1 << 15 else np.int64
    return order[np.argsort(rows[order].astype(narrow), kind="stable")]


def _above_threshold(scores: np.ndarray, k: int) -> np.ndarray:
    """A mask holding each row's k best positive entries and few others.

    The threshold is estimated on every SAMPLE_STRIDE-th column (a stride prime to the block widths
    of the search, whose rows are laid out in blocks), checked on the whole row, and for rows where
    fewer than k entries pass, taken from the whole row.
    """
    rows, width = scores.shape
    stride = max(1, min(SAMPLE_STRIDE, width // (4 * k)))
    sample = scores[:, ::stride]
    rank = math.ceil(1.5 * k / stride) + 2
    if rank >= sample.shape[1]:
        return scores > 0
    above = scores > _level(sample, rank)[:, None]
    short = np.flatnonzero(np.count_nonzero(above, axis=1) < k)
    if len(short):
        above[short] = scores[short] > (_level(scores[short], k)[:, None] if width > k else 0)
    return above


def _level(scores: np.ndarray, rank: int) -> np.ndarray:
    """A value below each row's rank-th largest entry: the rows in 8-bit levels (rounded up, so every
    entry above (level - 1) / scale has at least that level), and a partition of the levels."""
    width = scores.shape[1]
    peak = scores.max(axis=1)
    scale = _LEVELS / np.where(peak > 0, peak, 1)
    levels = np.ceil(scores * scale[:, None]).astype(np.uint8)  # at most 255: the peak maps to 254
    level = np.partition(levels, width - rank, axis=1)[:, width - rank].astype(scores.dtype)
    return (np.maximum(level - 1, 0) / scale).astype(scores.dtype)


def partner_lists(setup: Participants, k: int, m: int, progress: Callable[[float], None] | None = None) -> PartnerLists:
    """Bilateral top ``k`` and per-slot top ``m`` for every firm that takes part."""
    features = setup.features
    size = len(features)
    lists = PartnerLists(
        bilateral_index=np.full((size, k), -1, dtype=np.int32),
        bilateral_score=np.zeros((size, k), dtype=np.float32),
        slot_index=np.full((3, size, m), -1, dtype=np.int32),
        slot_value=np.zeros((3, size, m), dtype=np.float32),
    )
    everyone = _Candidates.of(setup, np.ones(size, dtype=bool), setup.pair_factor)
    slots = [_Candidates.of(setup, setup.eligible[s], setup.slot_factor[s]) for s in range(3)]
    in_a_slot = setup.eligible.any(axis=0)
    blocks = list(_blocks(setup))
    for done, (country, rows) in enumerate(blocks, 1):
        terms = block_terms(features, rows, everyone.columns)
        values = pair_values(features, terms, rows[:, None], everyone.firms[None, :], in_place=True)
        anchors = in_a_slot[rows]
        if anchors.any():
            for s, candidates in enumerate(slots):
                _slot(setup, lists, s, rows[anchors], country, values[anchors], everyone, candidates, m)
        _bilateral(setup, lists, rows, country, values, everyone, k)
        if progress:
            progress(done / len(blocks))
    return lists


@dataclass(frozen=True, eq=False)
class _Candidates:
    """Candidate partners grouped by country (then id), with what the products and masks need."""

    firms: np.ndarray  # firm indices
    factor: np.ndarray  # their member factor in this list
    columns: Columns
    spans: dict[int, tuple[int, int]]  # country code -> slice of positions
    position: np.ndarray  # (N,) position of each firm among the candidates, -1 if absent

    @classmethod
    def of(cls, setup: Participants, chosen: np.ndarray, factor: np.ndarray) -> _Candidates:
        features = setup.features
        codes = features.country_codes
        firms = np.lexsort((np.arange(len(features)), codes))
        firms = firms[chosen[firms]]
        ordered = codes[firms]
        spans = {int(code): (int(np.searchsorted(ordered, code)), int(np.searchsorted(ordered, code, side="right")))
                 for code in np.unique(ordered)}
        position = np.full(len(features), -1, dtype=np.int64)
        position[firms] = np.arange(len(firms))
        return cls(firms, factor[firms], Columns.of(features, firms), spans, position)


def _blocks(setup: Participants) -> Iterator[tuple[int, np.ndarray]]:
    codes = setup.features.country_codes
    for country in np.unique(codes[setup.active]):
        rows = np.flatnonzero(setup.active & (codes == country))
        for start in range(0, len(rows), BLOCK_ROWS):
            yield int(country), rows[start:start + BLOCK_ROWS]


def _bilateral(setup: Participants, lists: PartnerLists, rows: np.ndarray, country: int, values: np.ndarray,
               everyone: _Candidates, k: int) -> None:
    """Bilateral scores in place of the values (the slot lists have read them)."""
    scores = bilateral_scores(values, setup.pair_factor[rows][:, None], everyone.factor[None, :], out=values)
    _blank(setup, scores, rows, country, everyone)
    positions, found = top_k_rows(scores, k, tie=everyone.firms)
    lists.bilateral_index[rows] = np.where(positions >= 0, everyone.firms[positions], -1)
    lists.bilateral_score[rows] = found


def _slot(setup: Participants, lists: PartnerLists, s: int, rows: np.ndarray, country: int, values: np.ndarray,
          everyone: _Candidates, candidates: _Candidates, m: int) -> None:
    if not len(candidates.firms) or set(candidates.spans) == {country}:
        return  # the slot wants this country only: no partner for these rows
    values = values[:, everyone.position[candidates.firms]]
    keys = values * candidates.factor[None, :]
    _blank(setup, keys, rows, country, candidates)
    positions, _ = top_k_rows(keys, m, tie=candidates.firms)
    valid = positions >= 0
    safe = np.where(valid, positions, 0)
    lists.slot_index[s, rows] = np.where(valid, candidates.firms[safe], -1)
    lists.slot_value[s, rows] = np.where(valid, np.take_along_axis(values, safe, axis=1), 0)


def _blank(setup: Participants, scores: np.ndarray, rows: np.ndarray, country: int, candidates: _Candidates) -> None:
    """Zero the pairs the hard rules forbid: same country, excluded pairs."""
    if country in candidates.spans:
        low, high = candidates.spans[country]
        scores[:, low:high] = 0
    for local in np.flatnonzero(setup.has_exclusion[rows]):
        positions = candidates.position[setup.partners_excluded(int(rows[local]))]
        scores[local, positions[positions >= 0]] = 0
