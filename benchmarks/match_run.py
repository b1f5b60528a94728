"""Benchmark: a whole ``matchmaker match`` run over a synthetic registry, on PostgreSQL by default.

    .venv/bin/python -m benchmarks.match_run [--firms 10000] [--runs 3] [--previous-runs 2]
    .venv/bin/python -m benchmarks.match_run --smoke --database-url sqlite:////tmp/match.db   # seconds, for CI

The registry is benchmarks/scoring.py's synthetic one (demo firms recombined, so no near-identical
copies that tie by the hundred), written as firms with their capability tags, certifications and
supply-chain declarations (benchmarks/registry.py's ``firm_of_record``). Each run starts from a fresh
database (created, migrated with ``matchmaker db upgrade`` and loaded, untimed), then times
``matchmaker match`` as a subprocess under GNU time. Figures, each the median of ``--runs`` runs: the
run's own timings from its job result (reading the registry, scoring with proposal selection, writing
proposals and suggestions in one transaction), the command's wall time (process start-up included)
and peak RSS, and the rows the run wrote. Goal: <= 30 s wall time at 10,000 firms on PostgreSQL.
``--previous-runs 2`` measures the steady state: the timed run first prunes the suggestions of the
run before the latest (matchmaker.services.matching), as every run of a registry after its second.
The database (default "bench_match") is dropped and recreated; never point this at one you need.
"""
import argparse
import os
import re
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import URL, make_url
from sqlmodel import Session

from benchmarks.import_members import GNU_TIME, MATCHMAKER, ROOT, ensure_gnu_time, matchmaker_environment
from benchmarks.registry import firm_of_record, load_registry
from benchmarks.scoring import synthetic_registry
from matchmaker.extensions import make_engine
from matchmaker.models import Job, Proposal, ProposalMember, Suggestion
from matchmaker.services.matching import MATCH

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/bench_match"
GOAL_SECONDS = 30.0
SMOKE_FIRMS = 300
OUTPUT_TABLES = {"proposal": Proposal, "proposal_member": ProposalMember, "suggestion": Suggestion}
PHASES = ("prune_s", "read_s", "score_s", "write_s", "total_s")


@dataclass(frozen=True)
class Measure:
    wall_s: float
    peak_rss_mb: float
    timings: dict[str, float]  # the run's own, from its job result, with the write phase added
    rows: dict[str, int]
    megabytes: dict[str, float]  # on PostgreSQL, each output table with its indexes and TOAST


def fresh_database(url: str) -> None:
    """Drop and create the benchmark's database (a SQLite file is removed), then migrate it."""
    target = make_url(url)
    if target.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target.database}{suffix}").unlink(missing_ok=True)
    else:
        _on_postgres_server(target, f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)',
                            f'CREATE DATABASE "{target.database}"')
    subprocess.run([str(MATCHMAKER), "db", "upgrade"], cwd=ROOT, env=matchmaker_environment(url), check=True, capture_output=True)


def drop_database(url: str) -> None:
    """Drop the PostgreSQL database; a SQLite file, which the caller named, stays for inspection."""
    target = make_url(url)
    if target.get_backend_name() != "sqlite":
        _on_postgres_server(target, f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')


def _on_postgres_server(target: URL, *statements: str) -> None:
    server = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        for statement in statements:
            connection.execute(text(statement))
    server.dispose()


def load_synthetic_registry(url: str, size: int, seed: int) -> None:
    engine = make_engine(url)
    with Session(engine) as session:
        load_registry(session=session, firms=map(firm_of_record, synthetic_registry(size, seed)))
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))  # as autovacuum leaves a table after a bulk load
    engine.dispose()


def timed_match(url: str) -> Measure:
    command = [str(GNU_TIME), "-v", str(MATCHMAKER), "match"]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=matchmaker_environment(url), capture_output=True, text=True)
    wall_s = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"matchmaker match failed ({done.returncode}):\n{done.stdout}\n{done.stderr[-3000:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    timings, rows, megabytes = _what_the_run_recorded(url)
    return Measure(wall_s, int(rss.group(1)) / 1024 if rss else float("nan"), timings, rows, megabytes)


def _what_the_run_recorded(url: str) -> tuple[dict[str, float], dict[str, int], dict[str, float]]:
    engine = make_engine(url)
    with Session(engine) as session:
        result = session.scalars(select(Job.result).where(Job.kind == MATCH).order_by(Job.id.desc())).first()
        rows = {name: session.scalar(select(func.count()).select_from(model)) for name, model in OUTPUT_TABLES.items()}
        megabytes = {}
        if engine.dialect.name == "postgresql":
            megabytes = {name: session.scalar(text(f"SELECT pg_total_relation_size('{name}')")) / 2**20
                         for name in OUTPUT_TABLES}
    engine.dispose()
    timings = dict(result["timings"])
    timings["write_s"] = timings["total_s"] - timings["prune_s"] - timings["read_s"] - timings["score_s"]
    return timings, rows, megabytes


def report(measures: list[Measure], size: int, backend: str) -> None:
    print(f"\n`matchmaker match` over {size:,} synthetic firms on {backend}, median of {len(measures)} run(s)")
    for phase in PHASES:
        values = [m.timings[phase] for m in measures]
        print(f"run {phase[:-2]:<21}{statistics.median(values):8.2f} s   (min {min(values):.2f}, max {max(values):.2f})")
    walls = [m.wall_s for m in measures]
    print(f"command wall time       {statistics.median(walls):8.2f} s   (min {min(walls):.2f}, max {max(walls):.2f}; "
          f"process start-up included)")
    print(f"peak RSS                {statistics.median(m.peak_rss_mb for m in measures):8.0f} MB")
    last = measures[-1]
    for name, count in last.rows.items():
        size_note = f"   {last.megabytes[name]:7.1f} MB with indexes" if name in last.megabytes else ""
        print(f"rows {name:<19}{count:8,}{size_note}")
    wall = statistics.median(walls)
    if size == 10_000 and backend == "postgresql":
        verdict = "meets" if wall <= GOAL_SECONDS else "misses"
        print(f"whole run: {wall:.2f} s {verdict} the goal of <= {GOAL_SECONDS:.0f} s at 10,000 firms on PostgreSQL.")
    else:
        print(f"The goal (<= {GOAL_SECONDS:.0f} s) is for 10,000 firms on PostgreSQL; this run is not that.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--firms", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="fresh-database runs")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_FIRMS} firms, one run")
    parser.add_argument("--previous-runs", type=int, default=0,
                        help="untimed runs on the same database before each timed one; with 2 or more the timed "
                             "run prunes a run's suggestions, as every run of a registry after its second does")
    parser.add_argument("--database-url", default=DEFAULT_URL,
                        help="database to drop and recreate: PostgreSQL (not 'test') or a SQLite file")
    args = parser.parse_args(argv)
    url = _with_psycopg(args.database_url)
    if make_url(url).database in (None, "", "test", "postgres"):
        raise SystemExit(f"Refusing to drop {url}: use a database of the benchmark's own.")
    size, runs = (SMOKE_FIRMS, 1) if args.smoke else (args.firms, args.runs)
    ensure_gnu_time()
    print(f"load average before: {_load()}")
    try:
        measures = [measured_run(url, size, args.seed, run, args.previous_runs) for run in range(1, runs + 1)]
    finally:
        drop_database(url)
    print(f"load average after: {_load()} (a shared machine: read the medians)")
    report(measures, size, make_url(url).get_backend_name())


def measured_run(url: str, size: int, seed: int, run: int, previous_runs: int) -> Measure:
    started = time.perf_counter()
    fresh_database(url)
    load_synthetic_registry(url, size, seed)
    for _ in range(previous_runs):
        timed_match(url)
    print(f"run {run}: fresh database with {size:,} firms and {previous_runs} previous run(s) in "
          f"{time.perf_counter() - started:.1f} s (untimed)")
    measure = timed_match(url)
    phases = ", ".join(f"{phase} {measure.timings[phase]:.2f}" for phase in PHASES)
    print(f"run {run}: wall {measure.wall_s:.2f} s, {phases}, peak RSS {measure.peak_rss_mb:.0f} MB")
    return measure


def _load() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


def _with_psycopg(url: str) -> str:
    """The app reads postgresql:// as psycopg 3; so must this process's engines."""
    target = make_url(url)
    if target.get_backend_name() != "postgresql":
        return url
    return target.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


if __name__ == "__main__":
    main()
