"""The scoring machinery: the streaming top-k, the exact reference against a plain enumeration, the
fast search against the reference, and determinism across processes."""
import dataclasses
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from benchmarks.scoring import main as benchmark_main
from benchmarks.scoring import synthetic_registry, taxonomy_nodes
from matchmaker.scoring.model import RunParameters, exact_trilateral_suggestions, match, prepare, suggest
from matchmaker.scoring.partners import top_k_rows
from matchmaker.scoring.reference import exact_triples
from matchmaker.scoring.scores import explain_pairs, pair_terms, pair_values, triple_scores

ROOT = Path(__file__).resolve().parents[2]
K = 20


@pytest.fixture(scope="module")
def taxonomy():
    return taxonomy_nodes()


@pytest.mark.parametrize("seed", range(5))
def test_top_k_rows_matches_a_full_sort(seed):
    rng = np.random.default_rng(seed)
    scores = rng.choice([0.0, 0.5, 1.0, 1.5, 2.0], size=(40, 700)).astype(np.float32)  # many ties
    scores[:5] = rng.random((5, 700), dtype=np.float32)  # and some without
    scores[5, 10:] = 0  # a row with fewer positives than k
    tie = rng.permutation(700)
    columns, values = top_k_rows(scores, 25, tie)
    for row in range(40):
        positive = np.flatnonzero(scores[row] > 0)
        expected = positive[np.lexsort((tie[positive], -scores[row, positive]))][:25]
        assert columns[row, :len(expected)].tolist() == expected.tolist()
        assert (columns[row, len(expected):] == -1).all()
        assert values[row, :len(expected)].tolist() == scores[row, expected].tolist()


def _plain_enumeration(setup) -> dict[int, list[tuple[tuple[int, ...], float]]]:
    """Every triple of the registry by itertools, each slot assignment checked one by one, scored one
    at a time; per firm, the best assignment per set of firms, ranked like the reference."""
    features = setup.features
    size = len(features)
    best: dict[tuple[int, ...], tuple[float, tuple[int, ...]]] = {}
    for trio in itertools.combinations(range(size), 3):
        if len({int(features.country_codes[i]) for i in trio}) < 3:
            continue
        if any(setup.excluded(np.array(i), np.array(j)) for i, j in itertools.combinations(trio, 2)):
            continue
        for members in itertools.permutations(trio):
            if not all(setup.eligible[s, m] for s, m in enumerate(members)):
                continue
            index = np.array(members)
            values = [pair_values(features, pair_terms(features, index[[a]], index[[b]]), index[[a]], index[[b]])
                      for a, b in ((0, 1), (0, 2), (1, 2))]
            factors = [setup.slot_factor[s, members[s]] for s in range(3)]
            score = float(triple_scores(*values, *factors)[0])
            candidate = (-score, members)
            if score > 0 and (trio not in best or candidate < best[trio]):
                best[trio] = candidate
    ranked: dict[int, list[tuple[tuple[int, ...], float]]] = {}
    for (negative, members) in sorted(best.values()):
        for firm in members:
            ranked.setdefault(firm, []).append((members, -negative))
    return {firm: found[:K] for firm, found in ranked.items()}


@pytest.mark.parametrize("template", ["mspo", "any"])
def test_the_exact_reference_agrees_with_a_plain_enumeration(taxonomy, template):
    firms = synthetic_registry(30, seed=11)
    firms = [dataclasses.replace(f, country=["TW", "UA", "PL"][f.id % 3]) if f.id % 5 else f for f in firms]
    params = RunParameters(template=template, excluded_pairs=frozenset({(firms[0].id, firms[3].id)}))
    setup = prepare(firms, taxonomy, params)
    plain = _plain_enumeration(setup)
    assert sum(len(found) for found in plain.values()) > 100
    for firm in range(len(firms)):
        members, scores = exact_triples(setup, firm, K)
        expected = plain.get(firm, [])
        assert [tuple(m) for m in members.tolist()] == [m for m, _ in expected]
        assert scores.tolist() == [score for _, score in expected]  # the very same float32 values


@pytest.mark.parametrize("template", ["mspo", "any"])
def test_the_fast_search_finds_the_exact_top_on_a_small_registry(taxonomy, template):
    """With partner lists as long as the registry, nothing escapes the search."""
    firms = synthetic_registry(60, seed=5)
    setup = prepare(firms, taxonomy, RunParameters(template=template))
    suggested = suggest(setup)
    for firm in range(len(firms)):
        members, scores = exact_triples(setup, firm, K)
        positions = suggested.trilateral.get(firm, np.zeros(0, np.int64))
        assert suggested.pool.members[positions].tolist() == members.tolist()
        assert suggested.pool.scores[positions].tolist() == scores.tolist()


def test_the_fast_search_keeps_most_of_the_exact_top_on_a_larger_registry(taxonomy):
    firms = synthetic_registry(1200, seed=6)
    setup = prepare(firms, taxonomy, RunParameters())
    suggested = suggest(setup)
    found = wanted = 0
    for firm in range(0, len(firms), 40):
        members, _ = exact_triples(setup, firm, K)
        fast = {tuple(row) for row in suggested.pool.members[suggested.trilateral.get(firm, [])].tolist()}
        found += sum(tuple(row) in fast for row in members.tolist())
        wanted += len(members)
    assert wanted > 200 and found / wanted >= 0.9


def test_exact_suggestions_are_combinations_like_the_fast_ones(taxonomy):
    firms = synthetic_registry(80, seed=7)
    params = RunParameters()
    result = match(firms, taxonomy, params)
    firm_id = next(f for f, kinds in result.suggestions.items() if kinds["trilateral"])
    exact = exact_trilateral_suggestions(firms, taxonomy, params, firm_id, k=5)
    assert exact == result.suggestions[firm_id]["trilateral"][:5]


def test_bilateral_suggestions_are_the_exact_top(taxonomy):
    firms = synthetic_registry(90, seed=8)
    setup = prepare(firms, taxonomy, RunParameters(suggestions_per_firm=6))
    lists = suggest(setup).lists
    features = setup.features
    pairs = np.array(list(itertools.permutations(range(len(firms)), 2)))
    pairs = pairs[features.country_codes[pairs[:, 0]] != features.country_codes[pairs[:, 1]]]
    scores = explain_pairs(features, pairs, setup.pair_factor[pairs], setup.pair_trust_factor[pairs],
                           setup.red_factor[pairs]).scores
    for firm in range(len(firms)):
        mine = (pairs[:, 0] == firm) & (scores > 0)
        order = np.lexsort((pairs[mine, 1], -scores[mine]))[:6]
        expected = pairs[mine, 1][order]
        assert lists.bilateral_index[firm, :len(expected)].tolist() == expected.tolist()
        assert lists.bilateral_score[firm, :len(expected)].tolist() == scores[mine][order].tolist()


def test_the_input_order_does_not_matter(taxonomy):
    firms = synthetic_registry(120, seed=9)
    params = RunParameters(top=30)
    assert _as_json(match(firms, taxonomy, params)) == _as_json(match(firms[::-1], taxonomy[::-1], params))


_RUN = """
import json, sys
from benchmarks.scoring import synthetic_registry, taxonomy_nodes
from matchmaker.scoring.model import RunParameters, match
from tests.unit.test_scoring_search import PARAMS, _as_json
print(_as_json(match(synthetic_registry(400, seed=10), taxonomy_nodes(), PARAMS)))
"""
PARAMS = RunParameters(template="any", top=50, excluded_pairs=frozenset({(3, 17), (40, 2)}))


def test_two_processes_with_different_hash_seeds_give_identical_output():
    outputs = []
    for seed in ("1", "4242"):
        environment = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-c", _RUN], cwd=ROOT, env=environment, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    result = json.loads(outputs[0])
    assert result["proposals"]["trilateral"] and result["suggestions"]


def test_the_benchmark_runs_at_a_small_size(capsys):
    benchmark_main(["--firms", "200", "--sample", "5", "--runs", "1"])
    output = capsys.readouterr().out
    assert "recall@20" in output and "peak memory" in output


def _as_json(result) -> str:
    """The whole result, in its own order (no sorting), so order differences show."""
    return json.dumps({"suggestions": {str(firm): kinds for firm, kinds in result.suggestions.items()},
                       "proposals": result.proposals}, default=_plain, ensure_ascii=False)


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    raise TypeError(type(value))
