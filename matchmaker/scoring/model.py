"""The matchmaking model: from a registry to every firm's suggestions and a run's proposals.

    match(firms, taxonomy, params) -> MatchResult

1. features: what each firm offers and seeks over the taxonomy (hierarchy-aware), its application
   vocabulary (TF-IDF + LSA), its trust and role facts (features.py);
2. hard rules and member factors for the run's template (participants.py);
3. partner lists from exact blocked products: the bilateral suggestions, and per-slot partners
   for the trilateral search (partners.py);
4. the trilateral search: a join over the partner lists, every firm anchoring its own star (search.py);
5. proposals: a diversified selection of both kinds (selection.py);
6. explanations: members, score parts and sentences (reasons.py).

The score formulas are in scores.py; the exact reference in reference.py. Everything is ordered by
score and then by firm ids, never by hash or set order: the same registry and parameters give the
same result in any process.
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps

import numpy as np
from threadpoolctl import threadpool_limits

from matchmaker.scoring.features import build_features
from matchmaker.scoring.participants import Participants, participants
from matchmaker.scoring.partners import PartnerLists, partner_lists
from matchmaker.scoring.reasons import Explainer
from matchmaker.scoring.records import (
    BILATERAL, TRILATERAL, Combination, FirmRecord, MatchResult, Member, RoleSlot, RunParameters, Tag, Template,
    TaxonomyNode,
)
from matchmaker.scoring.reference import exact_triples
from matchmaker.scoring.search import Triples, per_firm, trilateral_pool
from matchmaker.scoring.selection import diversified
from matchmaker.scoring.templates import TEMPLATES, template_named

MODEL_VERSION = "complementarity-1.2"
# The products are many and small: on the 2-core target, one BLAS thread is twice as fast as two
# (and steady), and a fixed thread count keeps floating-point results identical run to run.
BLAS_THREADS = 1
Progress = Callable[[float, str], None]


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector (reference counting goes on).

    A run allocates millions of small acyclic objects (sentences, tuples, Combinations, row dicts);
    each full collection walks all of them, which cost a third of the explanations' time at 10,000
    firms (9.9 s -> 6.8 s of CPU without it).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _single_threaded(function):
    @wraps(function)
    def wrapper(*args, **kwargs):
        with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
            return function(*args, **kwargs)
    return wrapper

__all__ = [
    "MODEL_VERSION", "TEMPLATES", "Combination", "FirmRecord", "MatchResult", "Member", "RoleSlot", "RunParameters",
    "Tag", "Template", "TaxonomyNode", "Suggested", "exact_trilateral_suggestions", "match", "paused_gc", "prepare",
    "suggest",
]


@dataclass(frozen=True, eq=False)
class Suggested:
    """The ranked output of a run as arrays, before explanations (what the benchmark times)."""

    setup: Participants
    lists: PartnerLists  # bilateral suggestions are its bilateral lists
    pool: Triples  # every triple the search kept, best first
    trilateral: dict[int, np.ndarray]  # firm index -> positions in pool, best first


@_single_threaded
def prepare(firms: Sequence[FirmRecord], taxonomy: Sequence[TaxonomyNode], params: RunParameters) -> Participants:
    """Features and hard rules for a run."""
    return participants(build_features(firms, taxonomy), params, template_named(params.template))


@_single_threaded
def suggest(setup: Participants, progress: Progress | None = None) -> Suggested:
    """Partner lists and the trilateral search: every firm's suggestions, as arrays."""
    report = _stage(progress, 0.0, 0.5, "partner lists")
    params = setup.params
    lists = partner_lists(setup, params.suggestions_per_firm, params.partner_list_size, report)
    report = _stage(progress, 0.5, 1.0, "trilateral search")
    pool = trilateral_pool(setup, lists, params.suggestions_per_firm, report)
    return Suggested(setup, lists, pool, per_firm(pool, params.suggestions_per_firm, len(setup.features)))


@paused_gc()
@_single_threaded
def match(firms: Sequence[FirmRecord], taxonomy: Sequence[TaxonomyNode], params: RunParameters,
          progress: Progress | None = None) -> MatchResult:
    """Every firm's bilateral and trilateral suggestions, and the run's diversified proposals."""
    _stage(progress, 0.0, 0.1, "features")(0.0)
    setup = prepare(firms, taxonomy, params)
    suggested = suggest(setup, _stage_progress(progress, 0.1, 0.7))
    _stage(progress, 0.7, 0.95, "explanations")(0.0)
    explainer = Explainer(setup)
    suggestions = _suggestions(suggested, explainer)
    _stage(progress, 0.95, 1.0, "proposals")(0.0)
    proposals = _proposals(suggested, explainer)
    if progress:
        progress(1.0, "done")
    return MatchResult(suggestions=suggestions, proposals=proposals)


@_single_threaded
def exact_trilateral_suggestions(firms: Sequence[FirmRecord], taxonomy: Sequence[TaxonomyNode], params: RunParameters,
                                 firm_id: int, k: int = 20) -> list[Combination]:
    """The exact reference for one firm: its best k triples among every eligible triple including it."""
    setup = prepare(firms, taxonomy, params)
    members, _ = exact_triples(setup, setup.features.index_of(firm_id), k)
    return Explainer(setup).triples(members)


def _suggestions(suggested: Suggested, explainer: Explainer) -> dict[int, dict[str, list[Combination]]]:
    setup, lists, pool = suggested.setup, suggested.lists, suggested.pool
    size = len(setup.features)
    partner = lists.bilateral_index
    rows, ranks = np.nonzero(partner >= 0)
    pairs = explainer.pairs(np.stack([rows, partner[rows, ranks]], axis=1)) if len(rows) else []
    bilateral: dict[int, list[Combination]] = {firm: [] for firm in range(size)}
    for firm, combination in zip(rows.tolist(), pairs):
        bilateral[firm].append(combination)
    positions = np.concatenate(list(suggested.trilateral.values())) if suggested.trilateral else np.zeros(0, np.int64)
    triples = dict(zip(positions.tolist(), explainer.triples(pool.members[positions])))
    return {
        int(setup.features.ids[firm]): {
            BILATERAL: bilateral[firm],
            TRILATERAL: [triples[position] for position in suggested.trilateral.get(firm, np.zeros(0, np.int64)).tolist()],
        }
        for firm in range(size)
    }


def _proposals(suggested: Suggested, explainer: Explainer) -> dict[str, list[Combination]]:
    params, lists, pool = suggested.setup.params, suggested.lists, suggested.pool
    pairs, scores = _bilateral_candidates(lists)
    chosen_pairs = pairs[diversified(pairs, params.top, params.max_per_firm, thin_pairs=False)]
    chosen_triples = pool.members[diversified(pool.members, params.top, params.max_per_firm, thin_pairs=True)]
    return {
        BILATERAL: explainer.pairs(chosen_pairs) if len(chosen_pairs) else [],
        TRILATERAL: explainer.triples(chosen_triples) if len(chosen_triples) else [],
    }


def _bilateral_candidates(lists: PartnerLists) -> tuple[np.ndarray, np.ndarray]:
    """Every pair in some firm's bilateral suggestions, once (smaller index first), best first."""
    rows, ranks = np.nonzero(lists.bilateral_index >= 0)
    if not len(rows):
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.float32)
    partners = lists.bilateral_index[rows, ranks].astype(np.int64)
    pairs = np.stack([np.minimum(rows, partners), np.maximum(rows, partners)], axis=1)
    scores = lists.bilateral_score[rows, ranks]
    pairs, first = np.unique(pairs, axis=0, return_index=True)
    scores = scores[first]
    order = np.lexsort((pairs[:, 1], pairs[:, 0], -scores))
    return pairs[order], scores[order]


def _stage(progress: Progress | None, start: float, end: float, note: str) -> Callable[[float], None]:
    if progress is None:
        return lambda fraction: None
    return lambda fraction: progress(start + (end - start) * fraction, note)


def _stage_progress(progress: Progress | None, start: float, end: float) -> Progress | None:
    if progress is None:
        return None
    return lambda fraction, note: progress(start + (end - start) * fraction, note)
