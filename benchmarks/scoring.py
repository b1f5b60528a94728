"""Benchmark: the scoring model in memory on a synthetic registry: speed, peak memory, and recall of
the fast trilateral search against the exact reference.

    .venv/bin/python -m benchmarks.scoring [--firms 10000] [--sample 200] [--template mspo] [--seed 0] [--runs 3]
    .venv/bin/python -m benchmarks.scoring --smoke      # 600 firms, 20 sampled: seconds, for CI

The registry recombines the demo firms (seed_data/firms.json, suspended ones left out), so the mix
of countries, roles and capabilities stays that of the demo without thousands of near-copies of
245 firms (copies make every good triple come in hundreds of near-identical variants, and recall a
measure of tie-breaking): firm n takes a random demo firm's country, its offers (each kept with
probability 0.8), the seeks of another demo firm of the same country (each kept with probability
0.8), with probability 0.5 one more tag of a third one (it keeps at least one offer), the first
firm's description plus two sentences of the second's, the first firm's capacity times a log-normal
factor, its certifications each dropped with probability 0.2, and the supply-chain status of one
of the two, red-flagged instead with probability 0.03. Its application areas are what the tagger
reads in that text, as when a run reads the registry.

Figures: features, partner lists, trilateral search and per-firm ranking, each the median of
``--runs`` runs (BLAS on one thread, as the model runs it); then one whole ``match`` run, which
adds the Combination objects with parts and reasons for every suggestion, and the proposals. Peak
memory is the process's maximum resident set size (resource.getrusage) after that run, which
includes the interpreter, the libraries and the registry (the figure before scoring is printed
too). recall@20 is the share of the exact reference's top 20 triples of a sampled firm that the
fast path also lists, averaged over ``--sample`` firms drawn among those with an eligible triple;
score mass compares the summed scores of the two top-20 lists.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import time
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import yaml
from threadpoolctl import threadpool_limits

from matchmaker.domain.compliance import (
    BLUE_UAS, CertificationKind, CertificationStatus, ComponentCategory, Declaration, NonRedStatus,
    assess_supply_chain, assess_us_market, certification_status,
)
from matchmaker.domain.enums import Direction, RoleKind
from matchmaker.resources import DEMO_FIRMS_FILE, TAXONOMY_FILE
from matchmaker.scoring.features import build_features
from matchmaker.scoring.model import BLAS_THREADS, FirmRecord, RunParameters, Suggested, Tag, TaxonomyNode, match
from matchmaker.scoring.participants import participants
from matchmaker.scoring.partners import partner_lists
from matchmaker.scoring.reference import exact_triples
from matchmaker.scoring.search import per_firm, trilateral_pool
from matchmaker.scoring.templates import template_named
from matchmaker.services.tagger import default_tagger

CONCERN = frozenset({"CN", "HK", "MO", "RU", "BY", "IR", "KP"})
TODAY = date(2025, 9, 1)
RUNS = 3
KEEP_TAG, ADD_TAG, DROP_CERTIFICATION, RED_FLAG = 0.8, 0.5, 0.2, 0.03
SMOKE_FIRMS, SMOKE_SAMPLE = 600, 20


def taxonomy_nodes() -> list[TaxonomyNode]:
    nodes: list[TaxonomyNode] = []

    def walk(children: list[dict], parent: str | None) -> None:
        for node in children:
            nodes.append(TaxonomyNode(node["slug"], parent, node["name"], RoleKind(node["role_kind"])))
            walk(node.get("children", ()), node["slug"])

    walk(yaml.safe_load(TAXONOMY_FILE.read_text(encoding="utf-8")), None)
    return nodes


def demo_records() -> list[FirmRecord]:
    """The demo firms as the model reads them (ids from 1, suspended firms left out)."""
    demo = json.loads(DEMO_FIRMS_FILE.read_text(encoding="utf-8"))
    return [_record(number, firm) for number, firm in enumerate(demo, 1) if firm.get("verification_status") != "suspended"]


def synthetic_registry(size: int, seed: int = 0) -> list[FirmRecord]:
    """``size`` firms recombined from the demo firms (see the module doc)."""
    rng = random.Random(seed)
    demo = demo_records()
    by_country: dict[str, list[FirmRecord]] = {}
    for firm in demo:
        by_country.setdefault(firm.country, []).append(firm)
    tagger = default_tagger()  # application areas as read_registry reads them, from the recombined text
    return [replace(firm, applications=tagger.applications(firm.description))
            for firm in (_recombined(number, rng.choice(demo), by_country, rng) for number in range(1, size + 1))]


def _record(number: int, firm: dict) -> FirmRecord:
    declarations = [Declaration(ComponentCategory(d["category"]), d["country"], d["not_applicable"], d["verified"])
                    for d in firm.get("supply_chain", ())]
    valid = [(CertificationKind(c["kind"]), certification_status(_day(c.get("expires_on")), TODAY))
             for c in firm.get("certifications", ())]
    notes = " ".join(c["note"] for c in firm["capabilities"] if c.get("note"))
    return FirmRecord(
        id=number,
        country=firm["country"],
        description=" ".join(filter(None, (firm["description"], notes))),
        tags=tuple(Tag(c["slug"], Direction(c["direction"]), RoleKind(c["role_kind"])) for c in firm["capabilities"]),
        supply_chain=assess_supply_chain(declarations, CONCERN).status,
        us_market_eligible=assess_us_market(declarations, [(k, s) for k, s in valid if k in BLUE_UAS]).eligible,
        certifications=tuple(sorted(k.value for k, s in valid if s is CertificationStatus.VALID)),
        capacity_units_per_year=firm.get("capacity_units_per_year"),
    )


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _recombined(number: int, base: FirmRecord, by_country: dict[str, list[FirmRecord]], rng: random.Random) -> FirmRecord:
    """Offers mostly from ``base``, seeks mostly from another firm of its country, text from both."""
    other = rng.choice(by_country[base.country])
    offers = [tag for tag in base.tags if tag.direction == Direction.OFFERS and rng.random() < KEEP_TAG]
    seeks = [tag for tag in other.tags if tag.direction == Direction.SEEKS and rng.random() < KEEP_TAG]
    if rng.random() < ADD_TAG:
        extra = rng.choice(rng.choice(by_country[base.country]).tags)
        (offers if extra.direction == Direction.OFFERS else seeks).append(extra)
    if not offers:
        offers = [next(tag for tag in base.tags if tag.direction == Direction.OFFERS)]
    tags = tuple(dict.fromkeys(offers + seeks))
    sentences = re.split(r"(?<=\.)\s+", other.description)
    capacity = base.capacity_units_per_year
    return FirmRecord(
        id=number,
        country=base.country,
        description=f"{base.description} {' '.join(rng.sample(sentences, min(2, len(sentences))))}",
        tags=tags,
        supply_chain=NonRedStatus.RED_FLAGGED if rng.random() < RED_FLAG else rng.choice((base, other)).supply_chain,
        us_market_eligible=base.us_market_eligible,
        certifications=tuple(kind for kind in base.certifications if rng.random() >= DROP_CERTIFICATION),
        capacity_units_per_year=None if capacity is None else max(1, round(capacity * rng.lognormvariate(0, 0.5))),
    )


def median_seconds(work, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


@dataclass(frozen=True)
class Recall:
    recall: float  # mean share of the exact top k that the fast path lists
    mass: float  # mean ratio of the fast top k's summed scores to the exact top k's
    top_one: float  # share of firms whose best triple the fast path has as its best
    firms: int
    seconds: float


def recall_at(setup, suggested, sample: int, k: int, seed: int) -> Recall:
    """Fast suggestions against the exact reference, over sampled firms that have a triple."""
    candidates = [firm for firm in range(len(setup.features)) if setup.eligible[:, firm].any()]
    random.Random(seed).shuffle(candidates)
    recalls, masses, tops, started = [], [], [], time.perf_counter()
    for firm in candidates:
        if len(recalls) == sample:
            break
        exact, exact_scores = exact_triples(setup, firm, k)
        if not len(exact):
            continue
        positions = suggested.trilateral.get(firm, np.zeros(0, np.int64))
        fast, fast_scores = suggested.pool.members[positions], suggested.pool.scores[positions]
        found = {tuple(row) for row in fast.tolist()}
        recalls.append(sum(tuple(row) in found for row in exact.tolist()) / len(exact))
        masses.append(float(fast_scores.sum() / exact_scores.sum()))
        tops.append(bool(len(fast)) and fast[0].tolist() == exact[0].tolist())
    mean = lambda values: statistics.mean(values) if values else 1.0  # noqa: E731
    return Recall(mean(recalls), mean(masses), mean(tops), len(recalls), time.perf_counter() - started)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--firms", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--template", default="mspo")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_FIRMS} firms, {SMOKE_SAMPLE} sampled")
    args = parser.parse_args(argv)
    size, sample = (SMOKE_FIRMS, SMOKE_SAMPLE) if args.smoke else (args.firms, args.sample)
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
        _run(size, sample, args.template, args.seed, args.runs)


def _run(size: int, sample: int, template: str, seed: int, runs: int) -> None:
    firms, taxonomy = synthetic_registry(size, seed), taxonomy_nodes()
    params = RunParameters(template=template)
    baseline_mb = _max_rss_mb()
    features_s, features = median_seconds(lambda: build_features(firms, taxonomy), runs)
    setup = participants(features, params, template_named(template))
    k, m = params.suggestions_per_firm, params.partner_list_size
    lists_s, lists = median_seconds(lambda: partner_lists(setup, k, m), runs)
    search_s, pool = median_seconds(lambda: trilateral_pool(setup, lists, k), runs)
    ranking_s, trilateral = median_seconds(lambda: per_firm(pool, k, size), runs)
    suggested = Suggested(setup, lists, pool, trilateral)
    started = time.perf_counter()
    result = match(firms, taxonomy, params)
    match_s = time.perf_counter() - started
    peak_mb = _max_rss_mb()
    recall = recall_at(setup, suggested, sample, k, seed)
    in_memory = features_s + lists_s + search_s + ranking_s
    combinations = len({id(c) for kinds in result.suggestions.values() for found in kinds.values() for c in found})
    print(f"registry: {size} synthetic firms (seed {seed}), template {template}, {runs} run(s) per figure (median)")
    print(f"features:                 {features_s:7.3f} s")
    print(f"partner lists:            {lists_s:7.3f} s  (bilateral top {k} of every firm, slot lists of {m})")
    print(f"trilateral search:        {search_s:7.3f} s  ({len(pool)} triples kept)")
    print(f"per-firm ranking:         {ranking_s:7.3f} s  ({len(trilateral)} firms with trilateral suggestions)")
    print(f"all suggestions, arrays:  {in_memory:7.3f} s  (the sum above; goal <= 5 s at 10,000 firms)")
    print(f"whole match():            {match_s:7.3f} s  (one run; adds {combinations} Combination objects with "
          f"reasons, and proposals: {len(result.proposals['bilateral'])} + {len(result.proposals['trilateral'])})")
    print(f"peak memory (max RSS):    {peak_mb:7.0f} MB  ({baseline_mb:.0f} MB before scoring: interpreter, "
          f"libraries, registry)")
    print(f"recall@{k} vs exact:       {recall.recall:7.4f}  over {recall.firms} sampled firms (goal >= 0.98)")
    print(f"score mass@{k} vs exact:   {recall.mass:7.4f}  (summed scores of the fast top {k} / of the exact top {k})")
    print(f"same best triple:         {recall.top_one:7.4f}  (reference: {recall.seconds:.1f} s)")


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
