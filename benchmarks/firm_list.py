"""Benchmark: GET /api/v1/firms with filters under gunicorn, against a bare Flask JSON endpoint.

    .venv/bin/python -m benchmarks.firm_list                 # 10,000 firms on PostgreSQL (database "bench")
    .venv/bin/python -m benchmarks.firm_list --firms 300 --seconds 2 --rounds 1   # the CI smoke size

All run under the same gunicorn settings and the same wrk load, alternating round by round, so the
figure that matters is the ratio of throughputs against the bare app (goal: >= 0.5). The real app runs
twice: as configured, its list page cache answering the five queries repeated, and with the cache off
(FIRM_LIST_CACHE_BYTES=0), every request rendered from the database. Each measurement also gives the
CPU time per request of the server's gunicorn workers and its PostgreSQL backends, a figure that other
load on a shared machine disturbs far less than throughput. Needs wrk on the PATH, and Linux.
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
from sqlalchemy.pool import NullPool

from benchmarks.registry import load_scaled_registry
from matchmaker import create_app, migrate
from matchmaker.domain.enums import Role
from matchmaker.extensions import db
from matchmaker.resources import TAXONOMY_FILE
from matchmaker.services.taxonomy import load_taxonomy
from matchmaker.services.users import create_user, issue_token

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
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
            # As autovacuum leaves a table after a bulk insert: statistics, and a visibility map for index-only scans.
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))
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


def server_env(env: dict, name: str, **settings: str) -> dict:
    """The server's environment; on PostgreSQL its connections carry its name, so their CPU can be told apart."""
    url = make_url(env["DATABASE_URL"])
    if url.drivername.startswith("postgres"):
        url = url.update_query_dict({"application_name": f"bench-{name}"})
    return {**env, **settings, "DATABASE_URL": url.render_as_string(hide_password=False)}


def cpu_seconds(process: subprocess.Popen, name: str, database_url: str) -> dict[int, float]:
    """CPU seconds used so far by each of the server's gunicorn workers and PostgreSQL backends, by pid."""
    workers = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    return {int(pid): _process_cpu_seconds(int(pid)) for pid in [*workers, *_backends(name, database_url)]}


def _backends(name: str, database_url: str) -> list[int]:
    url = make_url(database_url)
    if not url.drivername.startswith("postgres"):
        return []
    engine = create_engine(url.set(drivername="postgresql+psycopg"), poolclass=NullPool)
    with engine.connect() as connection:
        return connection.scalars(
            text("SELECT pid FROM pg_stat_activity WHERE application_name = :name"), {"name": f"bench-{name}"}
        ).all()


def _process_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:  # ended meanwhile
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def run_wrk(base: str, script: Path, seconds: int, connections: int, threads: int) -> dict:
    output = subprocess.run(
        ["wrk", "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "-s", str(script), base],
        capture_output=True, text=True, check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{base} answered {errors.group(1)} errors:\n{output}")
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
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
            "baseline": start_gunicorn("benchmarks.bare_app:app", args.workers, server_env(env, "baseline")),
            "app": start_gunicorn("wsgi:app", args.workers, server_env(env, "app")),
            "uncached": start_gunicorn(
                "wsgi:app", args.workers, server_env(env, "uncached", FIRM_LIST_CACHE_BYTES="0")
            ),
        }
        try:
            results = {name: [] for name in servers}
            for round_number in range(1, args.rounds + 1):
                for name, (process, base) in servers.items():
                    figures = measure(name, process, base, Path(script.name), args)
                    results[name].append(figures)
                    print(f"round {round_number} {name:<8} {figures['rps']:8.1f} req/s  p50 {figures['p50_ms']:7.2f} ms  "
                          f"p99 {figures['p99_ms']:7.2f} ms  cpu {figures['cpu_ms']:6.2f} ms/request")
        finally:
            for process, _base in servers.values():
                process.terminate()
                process.wait(timeout=10)
    report(results, args)


def measure(name: str, process: subprocess.Popen, base: str, script: Path, args) -> dict:
    """One wrk run against the server, with the CPU time its workers and database backends spent per request."""
    before = cpu_seconds(process, name, args.database_url)
    figures = run_wrk(base, script, args.seconds, args.connections, args.threads)
    after = cpu_seconds(process, name, args.database_url)
    spent = sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())
    return {**figures, "cpu_ms": spent / figures["requests"] * 1000}


def report(results: dict, args) -> None:
    medians = {name: {key: statistics.median(r[key] for r in runs) for key in runs[0]} for name, runs in results.items()}
    print(f"\n{args.firms} firms, gunicorn {args.workers} workers, wrk {args.connections} connections, "
          f"{args.rounds} x {args.seconds} s each (medians)")
    print(f"{'':<10}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'cpu ms/req':>12}")
    for name, figures in medians.items():
        print(f"{name:<10}{figures['rps']:>10.1f}{figures['p50_ms']:>10.2f}{figures['p99_ms']:>10.2f}{figures['cpu_ms']:>12.2f}")
    for name in ("app", "uncached"):
        print(f"throughput ratio {name}/baseline: {medians[name]['rps'] / medians['baseline']['rps']:.2f} (goal >= 0.5)")


if __name__ == "__main__":
    main()
