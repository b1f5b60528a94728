"""Benchmark: capability tagging of member-list descriptions, its accuracy per split and its speed.

    .venv/bin/python -m benchmarks.tagging

Accuracy is micro precision and recall over (slug, direction) pairs of the hand-labelled
descriptions in tests/data/tagging_descriptions.yaml, per split ("tune" was used to write the
lexicon, "holdout" was not); "tagged" is the share of drone-related rows that got at least one tag,
"untagged non-drone" the share of the other rows that rightly got none. Throughput is descriptions
per second over the whole set repeated to ~10,000 descriptions, the median of 3 runs.
"""
import math
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from matchmaker.resources import PROJECT_ROOT
from matchmaker.scoring.tagging import Tagger
from matchmaker.services.tagger import default_tagger

DESCRIPTIONS_FILE = PROJECT_ROOT / "tests" / "data" / "tagging_descriptions.yaml"
THROUGHPUT_SIZE = 10_000
RUNS = 3


@dataclass(frozen=True)
class Scores:
    rows: int
    precision: float
    recall: float
    tagged: float  # share of drone-related rows with at least one tag
    untagged_other: float  # share of rows without drone capability that got no tag

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def load_descriptions(path: Path = DESCRIPTIONS_FILE) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def expected_pairs(row: dict) -> set[tuple[str, str]]:
    return {(item["slug"], item["direction"]) for item in row["expected"]}


def found_pairs(tagger: Tagger, row: dict) -> set[tuple[str, str]]:
    return {(tag.slug, tag.direction.value) for tag in tagger.tag(row["text"])}


def evaluate(tagger: Tagger, rows: list[dict]) -> Scores:
    """Micro precision and recall over (slug, direction) pairs, and the tagged shares."""
    hits = found = wanted = 0
    tagged = drone = untagged_other = other = 0
    for row in rows:
        expected, got = expected_pairs(row), found_pairs(tagger, row)
        hits, found, wanted = hits + len(expected & got), found + len(got), wanted + len(expected)
        if row["drone_related"]:
            drone, tagged = drone + 1, tagged + bool(got)
        else:
            other, untagged_other = other + 1, untagged_other + (not got)
    return Scores(
        rows=len(rows),
        precision=hits / found if found else 1.0,
        recall=hits / wanted if wanted else 1.0,
        tagged=tagged / drone if drone else 1.0,
        untagged_other=untagged_other / other if other else 1.0,
    )


def throughput(tagger: Tagger, texts: list[str]) -> float:
    """Descriptions per second over ``texts`` repeated to about THROUGHPUT_SIZE, median of RUNS runs."""
    workload = texts * math.ceil(THROUGHPUT_SIZE / len(texts))
    rates = []
    for _ in range(RUNS):
        started = time.perf_counter()
        for text in workload:
            tagger.tag(text)
        rates.append(len(workload) / (time.perf_counter() - started))
    return statistics.median(rates)


def main() -> None:
    started = time.perf_counter()
    tagger = default_tagger()  # the first call in this process builds it
    print(f"tagger built in {(time.perf_counter() - started) * 1000:.0f} ms")
    rows = load_descriptions()
    print(f"{'split':8} {'rows':>5} {'precision':>9} {'recall':>7} {'F1':>6} {'tagged':>7} {'untagged non-drone':>19}")
    for split in ("tune", "holdout"):
        scores = evaluate(tagger, [row for row in rows if row["split"] == split])
        print(f"{split:8} {scores.rows:5d} {scores.precision:9.3f} {scores.recall:7.3f} {scores.f1:6.3f}"
              f" {scores.tagged:7.1%} {scores.untagged_other:19.1%}")
    texts = [row["text"] for row in rows]
    rate = throughput(tagger, texts)
    size = len(texts) * math.ceil(THROUGHPUT_SIZE / len(texts))
    print(f"throughput: {rate:,.0f} descriptions/s ({size} descriptions, median of {RUNS} runs)")


if __name__ == "__main__":
    main()
