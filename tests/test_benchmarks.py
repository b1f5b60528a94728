"""Every benchmark runs at a small size, so none can rot unnoticed. Their figures are not checked here:
speed goals live in the benchmarks' own output (benchmarks/README.md), never in timed tests."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.planted_registry import generate

ROOT = Path(__file__).resolve().parent.parent


def run_benchmark(module: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", f"benchmarks.{module}", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_tagging_benchmark_reports_both_splits():
    output = run_benchmark("tagging")
    assert "holdout" in output and "tune" in output and "descriptions/s" in output


def test_import_benchmark_runs_at_smoke_size():
    output = run_benchmark("import_members", "--rows", "200", "--runs", "1", "--no-postgres")
    assert "SQLite import" in output


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk; .ci/run does)")
def test_firm_list_benchmark_runs_at_smoke_size(tmp_path):
    output = run_benchmark(
        "firm_list", "--database-url", f"sqlite:///{tmp_path / 'bench.db'}", "--firms", "100",
        "--seconds", "1", "--rounds", "1", "--connections", "2",
    )
    assert "throughput ratio app/baseline" in output


def test_scoring_benchmark_runs_at_smoke_size():
    output = run_benchmark("scoring", "--firms", "300", "--sample", "5")
    assert "recall@20 vs exact" in output


@pytest.mark.parametrize("layout", [(), ("--form",)], ids=["prose", "form"])
def test_planted_triples_benchmark_runs_at_smoke_size(layout):
    output = run_benchmark("planted_triples", "--smoke", "--seeds", "0", "1", *layout)
    assert "seed 0" in output and "seed 1" in output and "goal: model recall@10" in output
    median = next(line for line in output.splitlines() if line.startswith("median")).split()
    recall, ndcg = float(median[1]), float(median[2].strip("()"))  # the model's column: "0.067 (0.020)"
    assert 0 <= recall <= 1 and 0 <= ndcg <= 1


def test_a_form_style_planted_list_moves_what_firms_seek_to_its_own_column(tmp_path):
    prose, form = (generate(150, 5, seed=0, wording="dev", form=layout) for layout in (False, True))
    assert [firm.profile for firm in prose.firms] == [firm.profile for firm in form.firms]
    assert not any(firm.offers or firm.seeks for firm in prose.firms)
    drone_firms = [(written, gathered) for written, gathered in zip(prose.firms, form.firms)
                   if gathered.profile.application]
    for written, gathered in drone_firms:
        prose_text = written.description.lower()  # a phrase that opens a sentence is capitalised
        assert gathered.offers.lower() in prose_text and gathered.seeks.lower() in prose_text
        assert len(gathered.description) < len(written.description)  # without the sentence of what it seeks
        if gathered.seeks.lower() not in gathered.offers.lower():
            assert gathered.seeks.lower() not in gathered.description.lower()
    header = form.write_csv(tmp_path / "members.csv", seed=0).read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith("Offers,Looking for")


def test_match_run_benchmark_runs_at_smoke_size(tmp_path):
    output = run_benchmark("match_run", "--smoke", "--database-url", f"sqlite:///{tmp_path / 'match.db'}")
    assert "command wall time" in output and "rows suggestion" in output
