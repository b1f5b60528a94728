"""The job mechanism: a job runs to an end that is recorded, and a job whose worker died is failed."""
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import timedelta

import pytest
from sqlmodel import Session

from matchmaker import migrate
from matchmaker.config import Settings
from matchmaker.domain.access import Actor
from matchmaker.domain.enums import JobStatus, Role
from matchmaker.domain.errors import Invalid
from matchmaker.extensions import make_engine
from matchmaker.jobs import runner
from matchmaker.models import Job
from matchmaker.models.base import utcnow
from matchmaker.services import jobs

ORGANIZER = Actor(user_id=None, role=Role.ORGANIZER)


def _echo(*, session, job_id, params, file, progress):
    progress(0.5, "halfway")
    return {"echo": params["value"], "file": file.filename if file else None}


def _refuse(*, session, job_id, params, file, progress):
    raise Invalid("No good.", {"value": ["Not this one."]})


def _crash(*, session, job_id, params, file, progress):
    raise RuntimeError("a bug")


@pytest.fixture(autouse=True)
def handlers():
    for kind, handler in (("echo", _echo), ("refuse", _refuse), ("crash", _crash)):
        runner.handles(kind, handler)


def _run(session, kind: str, file=None) -> Job:
    job = jobs.create_job(session=session, actor=ORGANIZER, kind=kind, params={"value": 7}, file=file)
    runner.run(job.id)
    session.expire_all()
    return session.get(Job, job.id)


def test_a_job_runs_to_success_with_its_result_and_file(session):
    job = _run(session, "echo", file=("members.csv", b"name,country"))
    assert (job.status, job.result, job.progress) == (JobStatus.SUCCEEDED, {"echo": 7, "file": "members.csv"}, 1.0)
    assert job.started_at and job.finished_at and job.heartbeat_at and job.worker


def test_a_domain_error_fails_the_job_with_its_message_and_fields(session):
    job = _run(session, "refuse")
    assert (job.status, job.error, job.result) == (JobStatus.FAILED, "No good.", {"errors": {"value": ["Not this one."]}})


def test_a_bug_fails_the_job_without_leaking_its_details(session, caplog):
    job = _run(session, "crash")
    assert job.status == JobStatus.FAILED and "a bug" not in job.error
    assert "a bug" in caplog.text


def test_only_organizers_and_admins_start_jobs(session):
    with pytest.raises(Exception, match="open to"):
        jobs.create_job(session=session, actor=Actor(user_id=None, role=Role.OBSERVER), kind="echo", params={})


def test_a_running_job_without_a_heartbeat_is_failed_and_stays_failed(session):
    job = jobs.create_job(session=session, actor=ORGANIZER, kind="echo", params={})
    jobs.start_job(session=session, job_id=job.id, worker="gone:1")
    job.heartbeat_at = utcnow() - timedelta(minutes=10)
    session.commit()
    assert jobs.reap_stale_jobs(session=session) == 1
    jobs.finish_job(session=session, job_id=job.id, result={"late": True})
    session.refresh(job)
    assert (job.status, job.result) == (JobStatus.FAILED, None) and "stopped responding" in job.error


def test_a_fresh_running_job_is_left_alone(session):
    job = jobs.create_job(session=session, actor=ORGANIZER, kind="echo", params={})
    jobs.start_job(session=session, job_id=job.id, worker="alive:1")
    assert jobs.reap_stale_jobs(session=session) == 0


WORKER = textwrap.dedent(
    """
    import sys, time
    from matchmaker import create_app
    from matchmaker.jobs import runner

    def sleeper(*, session, job_id, params, file, progress):
        while True:
            progress(0.1, "working")
            time.sleep(0.2)

    app = create_app({"DATABASE_URL": sys.argv[1], "JOBS_MODE": "inline"})
    runner.handles("sleep", sleeper)
    with app.app_context():
        runner.run(int(sys.argv[2]))
    """
)


def test_a_worker_killed_with_sigkill_leaves_a_failed_job(tmp_path):
    """A real process dies mid-job; the next read of jobs fails it once its heartbeat is stale."""
    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    engine = make_engine(url)  # not create_app: that would rebind the suite's database extension
    migrate.upgrade(engine)
    settings = Settings(job_stale_after=timedelta(seconds=1))

    def new_session() -> Session:
        return Session(engine, info={"settings": settings})

    with new_session() as session:
        job_id = jobs.create_job(session=session, actor=ORGANIZER, kind="sleep", params={}).id
    worker = subprocess.Popen([sys.executable, "-c", WORKER, url, str(job_id)])
    try:
        _wait_for(lambda: _status(new_session, job_id) == JobStatus.RUNNING)
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
    time.sleep(1.5)
    with new_session() as session:
        job = jobs.get_job(session=session, actor=ORGANIZER, job_id=job_id, kind="sleep")
        assert job.status == JobStatus.FAILED and "stopped responding" in job.error
    engine.dispose()


def _status(new_session, job_id: int) -> JobStatus:
    with new_session() as session:
        return session.get(Job, job_id).status


def _wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)
