"""The score formulas, shared by the fast search, the exact reference and the explanations.

Pair value (complementarity first, application as a bonus on top of it, never on its own):
    coverage(i -> j) = share of j's sought capabilities that i's offers meet (hierarchy-aware, 0..1)
    mutual(i, j)     = coverage(i -> j) + coverage(j -> i)                               (0..2)
    v(i, j)          = mutual(i, j) * (1 + APPLICATION_BONUS * application(i, j))
    application(i, j) = max(0, cos - floor) / (1 - floor), cos: cosine of the application vectors
                        (shared areas, then text; see features), floor: the registry's own for text
Two competitors that seek nothing from each other have mutual 0, hence v 0 and score 0, whatever
their texts share; any complementary pair scores above 0.

Bilateral score = v(i, j) * (m_i * m_j), with the member factor m = (1 + TRUST_WEIGHT * trust) * red.

Trilateral score, members in slot order 0, 1, 2:
    links   = v01 + v02 + v12
    weakest = the smallest member engagement, engagement of a member = sum of its two pair values
    core    = links + BALANCE_WEIGHT * weakest     (balanced triples beat one strong pair plus a guest)
    score   = core * u0 * u1 * u2, u = (1 + FIT_WEIGHT * role fit) * (1 + TRUST_WEIGHT * trust) * red,
              and 0 when weakest is 0: a member who neither gives nor gets anything is no partner
Role fit: how much of the slot's role kind the member offers (and capacity, for components and
manufacturing); trust: non-red status, certifications, and US-market eligibility when the
template has a US slot; red: RED_FLAG_FACTOR for a red-flagged member when they are penalised.

Score parts add up to the score, attributed in the order the formula applies them:
complementarity (sum of mutual), shared_application (links minus that), balance,
role_fit = core * (F - 1), supply_chain_trust = core * F * (T - 1), red_flag_penalty =
core * F * T * (R - 1), where F, T, R are the products of the members' fit, trust and red factors.

Every score is computed in float32 from exact integer inputs (see features), by elementwise
operations in one fixed order, so it has the same bits whichever path computes it. mutual is
computed as W * h_i * h_j / 2 with the integer W = given_ij * n_i + received_ij * n_j (n: number of
seeks, at least 1; h = 1/n), which one matrix product yields exactly and which is symmetric.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matchmaker.scoring.features import OFFER_FULL, TEXT_SCALE, Features

# Up to quadrupling a pair's value: partners on the same application area are what an expert
# proposes first, so a pair that complements one way on shared work outranks one that complements
# both ways on unrelated work. On the planted registry (dev wording, application areas, seeds 0-2),
# recall@10 was 0.70/0.90/0.80 at 1, 0.80/0.90/0.90 at 2, 0.87/0.90/0.90 at 3 and at 4.
APPLICATION_BONUS = 3.0
BALANCE_WEIGHT = 1.0
FIT_WEIGHT = 0.1
TRUST_WEIGHT = 0.1
RED_FLAG_FACTOR = 0.5
_HALF = np.float32(1 / OFFER_FULL)  # coverage = given / (OFFER_FULL * needs)
_BALANCE = np.float32(BALANCE_WEIGHT)
PART_NAMES = ("complementarity", "shared_application", "balance", "role_fit", "supply_chain_trust", "red_flag_penalty")
BILATERAL_PART_NAMES = ("complementarity", "shared_application", "supply_chain_trust", "red_flag_penalty")


@dataclass(frozen=True)
class PairTerms:
    """Exact integers (in float32) behind the value of pairs (i, j)."""

    weighted: np.ndarray  # W = given * n_i + received * n_j (given: i's offer levels over j's seeks)
    text: np.ndarray  # dot product of the quantised text vectors


def pair_terms(features: Features, i: np.ndarray, j: np.ndarray) -> PairTerms:
    """Terms of the pairs (i, j) for index arrays of any broadcastable shapes, by gathering."""
    i, j = np.asarray(i), np.asarray(j)
    given, received = _given(features, i, j), _given(features, j, i)
    needs = features.needs
    text = np.einsum("...d,...d->...", features.text[i], features.text[j], dtype=np.float32)
    return PairTerms(given * needs[i] + received * needs[j], text)


def _given(features: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """i's offer levels summed over j's seeks (exact)."""
    return features.offers_padded[i[..., None], features.seek_index[j]].sum(axis=-1, dtype=np.float32)


def block_terms(features: Features, rows: np.ndarray, columns: Columns) -> PairTerms:
    """Terms of every (row, column) pair by matrix products."""
    return PairTerms(features.pair_left[rows] @ columns.pair_right, features.text[rows] @ columns.text)


@dataclass(frozen=True, eq=False)
class Columns:
    """Some firms' features, transposed for block products."""

    firms: np.ndarray
    pair_right: np.ndarray
    text: np.ndarray

    @classmethod
    def of(cls, features: Features, firms: np.ndarray) -> Columns:
        return cls(firms, np.ascontiguousarray(features.pair_right[firms].T), np.ascontiguousarray(features.text[firms].T))


def grid_terms(features: Features, left: np.ndarray, right: np.ndarray) -> PairTerms:
    """Terms of every (left[n, a], right[n, b]) pair, for each n: batched matrix products."""
    return PairTerms(
        features.pair_left[left] @ features.pair_right[right].transpose(0, 2, 1),
        features.text[left] @ features.text[right].transpose(0, 2, 1),
    )


def pair_values(features: Features, terms: PairTerms, i: np.ndarray, j: np.ndarray, in_place: bool = False) -> np.ndarray:
    """v(i, j); ``i`` and ``j`` index the rows and columns the terms were computed for (broadcastable).

    ``in_place`` reuses the terms' arrays (same operations, same bits), saving two large allocations
    in the blocked products.
    """
    inverse = features.inverse_needs
    weighted, text = (terms.weighted, terms.text) if in_place else (terms.weighted.copy(), terms.text.copy())
    weighted *= np.multiply(inverse[i], inverse[j])
    text -= features.application_floor  # an integer: subtracting it stays exact
    np.maximum(text, 0, out=text)
    text *= _text_weight(features)
    text += _HALF
    weighted *= text
    return weighted


def _text_weight(features: Features) -> np.float32:
    """APPLICATION_BONUS per unit of similarity above the floor, on the integer scale, halved as mutual is."""
    return np.float32(APPLICATION_BONUS / (TEXT_SCALE**2 - float(features.application_floor)) / OFFER_FULL)


def triple_scores(v01, v02, v12, u0, u1, u2) -> np.ndarray:
    """The trilateral score from the three pair values and the three member factors, in slot order;
    0 when a member is a passenger (no complementarity with either of the others).

    The smallest engagement (sum of two pair values) is the sum of all three minus the largest;
    the member factors are multiplied first (u0 * u1) * u2, which is cheap when they broadcast.
    """
    links = v01 + v02 + v12
    largest = np.maximum(np.maximum(v01, v02), v12)
    weakest = np.subtract(links, largest, out=largest)  # in place: the search's arrays are big
    scores = weakest * _BALANCE
    scores += links
    scores *= (u0 * u1) * u2
    scores *= weakest > 0
    return scores


def bilateral_scores(values: np.ndarray, factor_i: np.ndarray, factor_j: np.ndarray,
                     out: np.ndarray | None = None) -> np.ndarray:
    """The bilateral score; the product of the factors is symmetric, so (i, j) and (j, i) agree."""
    return np.multiply(values, np.multiply(factor_i, factor_j), out=out)


@dataclass(frozen=True)
class Breakdown:
    """Scores of some combinations (float32, as ranked) with their parts (float64) and pair details."""

    scores: np.ndarray
    parts: dict[str, np.ndarray]
    coverage: np.ndarray  # (n, members, members): coverage[k, a, b] = coverage(member a -> member b)
    text: np.ndarray  # (n, members, members): application similarity 0..1 (see the module doc)


def explain_triples(features: Features, members: np.ndarray, factors: np.ndarray, fit: np.ndarray,
                    trust: np.ndarray, red: np.ndarray) -> Breakdown:
    """Scores and parts of triples ``members`` (n, 3) in slot order; ``factors`` are the members' u as
    the search used them, ``fit``, ``trust`` and ``red`` its three factors (all (n, 3))."""
    coverage, text, values = _pairs_of(features, members)
    v01, v02, v12 = values[:, 0, 1], values[:, 0, 2], values[:, 1, 2]
    scores = triple_scores(v01, v02, v12, factors[:, 0], factors[:, 1], factors[:, 2])
    mutual = coverage + coverage.transpose(0, 2, 1)
    complementarity = mutual[:, 0, 1] + mutual[:, 0, 2] + mutual[:, 1, 2]
    v = values.astype(np.float64)
    links = v[:, 0, 1] + v[:, 0, 2] + v[:, 1, 2]
    weakest = links - np.maximum(np.maximum(v[:, 0, 1], v[:, 0, 2]), v[:, 1, 2])
    core = links + BALANCE_WEIGHT * weakest
    parts = {"complementarity": complementarity, "shared_application": links - complementarity,
             "balance": BALANCE_WEIGHT * weakest, **_multiplied(core, fit, trust, red)}
    return Breakdown(scores, parts, coverage, text)


def explain_pairs(features: Features, members: np.ndarray, factors: np.ndarray, trust: np.ndarray,
                  red: np.ndarray) -> Breakdown:
    """Scores and parts of pairs ``members`` (n, 2); ``factors`` are the members' m as the search used
    them, ``trust`` and ``red`` its two factors (all (n, 2))."""
    coverage, text, values = _pairs_of(features, members)
    scores = bilateral_scores(values[:, 0, 1], factors[:, 0], factors[:, 1])
    mutual = coverage[:, 0, 1] + coverage[:, 1, 0]
    v = values[:, 0, 1].astype(np.float64)
    multiplied = _multiplied(v, np.ones_like(trust), trust, red)
    parts = {"complementarity": mutual, "shared_application": v - mutual,
             "supply_chain_trust": multiplied["supply_chain_trust"], "red_flag_penalty": multiplied["red_flag_penalty"]}
    return Breakdown(scores, parts, coverage, text)


def _pairs_of(features: Features, members: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per combination, every ordered pair's coverage, text similarity and value."""
    left, right = members[:, :, None], members[:, None, :]
    given = _given(features, left, right).astype(np.float64)
    needs = features.needs.astype(np.float64)
    coverage = given / (OFFER_FULL * needs[right])  # given is 0 when the right firm seeks nothing
    values = pair_values(features, pair_terms(features, left, right), left, right)
    above = pair_terms(features, left, right).text.astype(np.float64) - float(features.application_floor)
    return coverage, np.maximum(above, 0) / (TEXT_SCALE**2 - float(features.application_floor)), values


def _multiplied(core: np.ndarray, fit: np.ndarray, trust: np.ndarray, red: np.ndarray) -> dict[str, np.ndarray]:
    fit_all = np.prod(fit.astype(np.float64), axis=1)
    trust_all = np.prod(trust.astype(np.float64), axis=1)
    red_all = np.prod(red.astype(np.float64), axis=1)
    return {
        "role_fit": core * (fit_all - 1),
        "supply_chain_trust": core * fit_all * (trust_all - 1),
        "red_flag_penalty": core * fit_all * trust_all * (red_all - 1),
    }
