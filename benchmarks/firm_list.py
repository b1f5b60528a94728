"""Benchmark: GET /api/v1/firms with filters under gunicorn, against a bare Flask JSON endpoint.

    .venv/bin/python -m benchmarks.firm_list                 # 10,000 firms on PostgreSQL (database "bench")
    .venv/bin/python -m benchmarks.firm_list --firms 300 --seconds 2 --rounds 1   # the CI smoke size

Both apps run under the same gunicorn settings and the same wrk load, alternating round by round,
so the figure that matters is the ratio of their throughputs (goal: >= 0.5). Needs wrk on the PATH.
"""
import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.registry import load_scaled_registry
from matchmaker import create_app, migrate
from matchmaker.domain.enums import Role
from matchmaker.extensions import db
from matchmaker.resources import TAXONOMY_FILE
from matchmaker.services.taxonomy import load_taxonomy
from matchmaker.services.users import create_user, issue_token

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# What an organiser's screen asks for: filters by country, capability subtree, direction, text.
QUERIES = (
    "/api/v1/firms?country=PL&page_size=20",
    "/api/v1/firms?capability=payloads&direction=offers&page_size=20",
    "/api/v1/firms?country=TW&country=UA&role_kind=components&page_size=20",
    "/api/v1/firms?q=thermal&page_size=20",
    "/api/v1/firms?verification_status=verified&capability=propulsion&page=3&page_size=20",
)
WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], {["Authorization"] = "Bearer %s"})
end
"""


def ensure_postgres_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database if the server lacks it."""
    target = make_url(url)
    if not target.drivername.startswith("postgres"):
        return
    server = create_engine(target.set(drivername="postgresql+psycopg", database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}):
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    server.dispose()


def prepare_database(url: str, firms: int) -> str:
    """Fresh schema, taxonomy and ``firms`` firms; return an observer's API token."""
    ensure_postgres_database(url)
    app = create_app({"DATABASE_URL": url})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        migrate.upgrade(db.engine)
        with db.new_session() as session:
            load_taxonomy(session=session, path=TAXONOMY_FILE)
            started = time.perf_counter()
            load_scaled_registry(session=session, count=firms)
            print(f"loaded {firms} firms in {time.perf_counter() - started:.1f} s")
            user = create_user(session=session, email="bench@bench.example", role=Role.OBSERVER, password="benchmark-password")
            _token, secret = issue_token(session=session, user=user)
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("ANALYZE"))
    return secret


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(target: str, workers: int, env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [BIN / "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), target],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{base}/api/v1/firms?page_size=1", timeout=1).close()
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{target} did not start")


def run_wrk(base: str, script: Path, seconds: int, connections: int, threads: int) -> dict:
    output = subprocess.run(
        ["wrk", "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "-s", str(script), base],
        capture_output=True, text=True, check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{base} answered {errors.group(1)} errors:\n{output}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _latency_ms(output, "50%"),
        "p99_ms": _latency_ms(output, "99%"),
    }


def _latency_ms(output: str, percentile: str) -> float:
    value, unit = re.search(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/bench")
    parser.add_argument("--firms", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration of one measurement")
    parser.add_argument("--rounds", type=int, default=3, help="alternating baseline/app measurements")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers for both apps")
    args = parser.parse_args()

    token = prepare_database(args.database_url, args.firms)
    env = {**os.environ, "DATABASE_URL": args.database_url, "SECRET_KEY": "benchmark"}
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT % (", ".join(json.dumps(q) for q in QUERIES), token))
        script.flush()
        servers = {
            "baseline": start_gunicorn("benchmarks.bare_app:app", args.workers, env),
            "app": start_gunicorn("wsgi:app", args.workers, env),
        }
        try:
            results = {name: [] for name in servers}
            for round_number in range(1, args.rounds + 1):
                for name, (_process, base) in servers.items():
                    figures = run_wrk(base, Path(script.name), args.seconds, args.connections, args.threads)
                    results[name].append(figures)
                    print(f"round {round_number} {name:<8} {figures['rps']:8.1f} req/s  p50 {figures['p50_ms']:7.2f} ms  p99 {figures['p99_ms']:7.2f} ms")
        finally:
            for process, _base in servers.values():
                process.terminate()
                process.wait(timeout=10)
    report(results, args)


def report(results: dict, args) -> None:
    medians = {name: {key: statistics.median(r[key] for r in runs) for key in runs[0]} for name, runs in results.items()}
    print(f"\n{args.firms} firms, gunicorn {args.workers} workers, wrk {args.connections} connections, "
          f"{args.rounds} x {args.seconds} s each (medians)")
    print(f"{'':<10}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for name, figures in medians.items():
        print(f"{name:<10}{figures['rps']:>10.1f}{figures['p50_ms']:>10.2f}{figures['p99_ms']:>10.2f}")
    print(f"throughput ratio app/baseline: {medians['app']['rps'] / medians['baseline']['rps']:.2f} (goal >= 0.5)")


if __name__ == "__main__":
    main()
