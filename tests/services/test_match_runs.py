"""Match runs you can trust: deterministic across processes, never two at once, nothing kept from a failure."""
import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from matchmaker.config import Settings
from matchmaker.domain.access import Actor
from matchmaker.domain.compliance import CertificationStatus, certification_status
from matchmaker.domain.enums import JobStatus, Role
from matchmaker.domain.errors import Conflict
from matchmaker.extensions import make_engine
from matchmaker.jobs import runner
from matchmaker.models import Firm, Job, MatchExclusion, Proposal, Suggestion
from matchmaker.scoring.records import Tag
from matchmaker.services import jobs, matching
from matchmaker.services.common import settings_of
from matchmaker.services.compliance_status import supply_chain_of, today, us_market_of
from tests.factories import make_firm

BIN = Path(sys.executable).parent
ORGANIZER = Actor(user_id=None, role=Role.ORGANIZER)


def test_the_model_reads_no_suspended_or_deleted_firm_and_every_exclusion(session, world):
    firms, _taxonomy = matching.read_registry(session)
    ids = [firm.id for firm in firms]
    assert ids == sorted(ids) and world.firms["suspended"].id not in ids
    exclusions = session.exec(select(MatchExclusion)).all()
    assert matching._parameters(session, {}).excluded_pairs == {(e.firm_id, e.other_firm_id) for e in exclusions}


def test_the_model_reads_application_areas_from_the_description_and_the_capability_notes(session):
    firm = make_firm(session, country="UA", description="Розробляємо морські дрони.",
                     capabilities=[{"slug": "thermal-imagers", "direction": "seeks", "note": "for demining teams"}])
    session.commit()
    [record] = [record for record in matching.read_registry(session)[0] if record.id == firm.id]
    assert record.applications == ("maritime and naval drones", "demining")


def test_the_model_reads_each_firm_as_its_profile_shows_it(session, world):
    """The run reads plain rows; what it derives must be what the firm's own views derive."""
    concern, on = settings_of(session).concern_countries, today()
    for record in matching.read_registry(session)[0]:
        firm = session.get(Firm, record.id)
        assert record.country == firm.country
        assert record.tags == tuple(Tag(t.capability.slug, t.direction, t.role_kind) for t in firm.capabilities)
        assert record.supply_chain == supply_chain_of(firm, concern).status
        assert record.us_market_eligible == us_market_of(firm, on).eligible

        assert record.certifications == tuple(sorted(
            c.kind.value for c in firm.certifications if certification_status(c.expires_on, on) is CertificationStatus.VALID
        ))


def test_a_second_run_is_refused_while_one_is_queued(session):
    matching.start_run(session=session, actor=ORGANIZER, parameters={})
    with pytest.raises(Conflict):
        matching.start_run(session=session, actor=ORGANIZER, parameters={})


def _complementary_pair(session) -> None:
    make_firm(session, country="TW")  # offers thermal imagers, seeks platform integration
    make_firm(session, country="PL", capabilities=[{"slug": "platform-integration", "direction": "offers"},
                                                   {"slug": "thermal-imagers", "direction": "seeks"}])
    session.commit()


def test_a_failed_run_shows_nothing_and_leaves_the_previous_run_in_place(session, world, monkeypatch):
    _complementary_pair(session)
    first = matching.start_run(session=session, actor=ORGANIZER, parameters={"top": 5})
    runner.run(first.id)
    assert matching.latest_run_id(session) == first.id

    def fail_midway(session, run_id, result):
        session.add(Proposal(run_id=run_id, kind="trilateral", rank=1, score=1.0))
        session.flush()
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(matching, "_write", fail_midway)
    second = matching.start_run(session=session, actor=ORGANIZER, parameters={"top": 5})
    runner.run(second.id)
    session.expire_all()
    assert session.get(Job, second.id).status == JobStatus.FAILED
    assert matching.latest_run_id(session) == first.id
    assert not session.exec(select(Proposal).where(Proposal.run_id == second.id)).all()
    assert session.exec(select(Suggestion).where(Suggestion.run_id == first.id)).first()  # not pruned


def test_a_run_prunes_the_suggestions_no_one_can_be_served_any_more(session, world):
    _complementary_pair(session)
    runs = []
    for _ in range(3):
        runs.append(matching.start_run(session=session, actor=ORGANIZER, parameters={"top": 5}))
        runner.run(runs[-1].id)
    session.expire_all()
    kept = {run.id: len(session.exec(select(Suggestion.id).where(Suggestion.run_id == run.id)).all()) for run in runs}
    assert kept[runs[0].id] == 0 and kept[runs[1].id] > 0 and kept[runs[2].id] > 0  # the latest two
    assert session.get(Job, runs[2].id).result["counts"]["pruned_suggestions"] == kept[runs[1].id]  # same registry
    assert session.exec(select(Proposal).where(Proposal.run_id == runs[0].id)).first()  # proposals stay for review


def test_a_run_records_what_it_read_and_did(session, world):
    run = matching.start_run(session=session, actor=ORGANIZER, parameters={"template": "mspo", "top": 5})
    runner.run(run.id)
    session.expire_all()
    result = session.get(Job, run.id).result
    assert result["model_version"] and len(result["registry_hash"]) == 64
    assert set(result["timings"]) >= {"prune_s", "read_s", "score_s", "total_s"}
    assert session.get(Job, run.id).params == {"template": "mspo", "top": 5}


def test_the_same_registry_hashes_the_same_and_a_change_changes_it(session, world):
    firms, taxonomy = matching.read_registry(session)
    parameters = matching._parameters(session, {})
    before = matching.registry_hash(firms, taxonomy, parameters)
    assert matching.registry_hash(*matching.read_registry(session), parameters) == before
    make_firm(session, name="One More", country="UA")
    assert matching.registry_hash(*matching.read_registry(session), parameters) != before


# Across processes, on a database of their own (the suite's connection cannot be shared with them).


@pytest.fixture(scope="module")
def seeded_database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("runs") / "registry.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    for command in (["db", "upgrade"], ["seed"]):
        subprocess.run([BIN / "matchmaker", *command], env=env, check=True, capture_output=True)
    return path


def _proposals(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT p.kind, p.rank, p.score, p.reasons, group_concat(m.firm_id || ':' || m.role, ',') "
            "FROM proposal p JOIN proposal_member m ON m.proposal_id = p.id "
            "GROUP BY p.id ORDER BY p.kind, p.rank"
        ).fetchall()


def test_two_processes_with_different_hash_seeds_propose_the_same(seeded_database, tmp_path):
    results = []
    for seed in ("1", "4242"):
        copy = tmp_path / f"registry-{seed}.db"
        copy.write_bytes(seeded_database.read_bytes())
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{copy}", "PYTHONHASHSEED": seed}
        subprocess.run([BIN / "matchmaker", "match", "--top", "20"], env=env, check=True, capture_output=True)
        results.append(_proposals(copy))
    assert results[0] and results[0] == results[1]


STARTER = textwrap.dedent(
    """
    import sys, time
    from matchmaker import create_app
    from matchmaker.domain.access import Actor
    from matchmaker.domain.enums import Role
    from matchmaker.domain.errors import Conflict
    from matchmaker.extensions import db
    from matchmaker.services import matching

    app = create_app()
    with app.app_context(), db.new_session() as session:
        try:
            matching.start_run(session=session, actor=Actor(role=Role.ORGANIZER), parameters={})
        except Conflict:
            print("conflict")
            sys.exit(3)
    print("started")
    """
)


def test_two_processes_cannot_start_two_runs_at_once(seeded_database, tmp_path):
    copy = tmp_path / "race.db"
    copy.write_bytes(seeded_database.read_bytes())
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{copy}"}
    racers = [subprocess.Popen([sys.executable, "-c", STARTER], env=env, stdout=subprocess.PIPE, text=True)
              for _ in range(2)]
    outcomes = sorted(racer.communicate(timeout=60)[0].strip() for racer in racers)
    assert outcomes == ["conflict", "started"]


KILLED_WHILE_WRITING = textwrap.dedent(
    """
    import time
    from matchmaker import create_app
    from matchmaker.domain.access import Actor
    from matchmaker.domain.enums import Role
    from matchmaker.extensions import db
    from matchmaker.jobs import runner
    from matchmaker.services import matching

    write = matching._write

    def write_then_hang(session, run_id, result):
        counts = write(session, run_id, result)  # every row is now flushed, not yet committed
        print(f"written {run_id}", flush=True)
        time.sleep(120)
        return counts

    matching._write = write_then_hang
    app = create_app({"JOBS_MODE": "inline"})
    with app.app_context():
        with db.new_session() as session:
            run_id = matching.start_run(session=session, actor=Actor(role=Role.ORGANIZER), parameters={"top": 5}).id
        runner.run(run_id)
    """
)


def test_a_run_killed_while_writing_leaves_the_previous_output_and_ends_failed(seeded_database, tmp_path):
    """SIGKILL after the run's rows are flushed: none of them survive, and the run is failed once its
    heartbeat is stale, which frees the scope for the next run."""
    copy = tmp_path / "killed.db"
    copy.write_bytes(seeded_database.read_bytes())
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{copy}"}
    subprocess.run([BIN / "matchmaker", "match", "--top", "5"], env=env, check=True, capture_output=True)
    before = _proposals(copy)
    with subprocess.Popen([sys.executable, "-c", KILLED_WHILE_WRITING], env=env, stdout=subprocess.PIPE,
                          text=True) as worker:
        try:
            line = worker.stdout.readline()
        finally:
            worker.kill()  # SIGKILL: no handler, no rollback, no clean-up runs in the worker
    assert line.startswith("written"), "the run never reached its write"
    killed = int(line.split()[1])

    engine = make_engine(f"sqlite:///{copy}")
    with Session(engine, info={"settings": Settings(job_stale_after=timedelta(seconds=0))}) as session:
        assert session.get(Job, killed).status == JobStatus.RUNNING  # until someone reads the jobs
        assert jobs.get_job(session=session, actor=ORGANIZER, job_id=killed, kind=matching.MATCH).status == JobStatus.FAILED
        assert matching.latest_run_id(session) < killed
        for table in (Proposal, Suggestion):
            assert not session.exec(select(table).where(table.run_id == killed)).all()
        assert matching.start_run(session=session, actor=ORGANIZER, parameters={}).id > killed
    engine.dispose()
    assert _proposals(copy) == before
