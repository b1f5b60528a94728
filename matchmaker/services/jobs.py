"""The life of a background job, as rows: queued, running (with progress and a heartbeat), finished.

A job whose worker died stops beating; ``reap_stale_jobs`` marks it failed, so nothing is left
"running" forever. Every read of jobs reaps first.
"""
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, select

from matchmaker.domain.access import Actor, require_role
from matchmaker.domain.enums import JobStatus, Role
from matchmaker.domain.errors import NotFound
from matchmaker.models import Job, JobFile
from matchmaker.models.base import utcnow
from matchmaker.services.common import settings_of


def create_job(
    *,
    session: Session,
    actor: Actor,
    kind: str,
    params: dict[str, Any],
    file: tuple[str, bytes] | None = None,
    scope: str | None = None,
) -> Job:
    """Queue a job (organizers and admins), with the file it will read if any.

    With a ``scope``, the database refuses a second queued or running job of that kind and scope
    (IntegrityError, for the caller to report).
    """
    require_role(actor, Role.ADMIN, Role.ORGANIZER)
    job = Job(kind=kind, params=params, created_by_id=actor.user_id, scope=scope)
    session.add(job)
    session.flush()
    if file is not None:
        session.add(JobFile(job_id=job.id, filename=file[0], content=file[1]))
    session.commit()
    return job


def get_job(*, session: Session, actor: Actor, job_id: int, kind: str) -> Job:
    require_role(actor, Role.ADMIN, Role.ORGANIZER)
    reap_stale_jobs(session=session)
    job = session.get(Job, job_id)
    if job is None or job.kind != kind:
        raise NotFound(f"No {kind} {job_id}.")
    return job


def job_file(*, session: Session, job_id: int) -> JobFile:
    return session.get(JobFile, job_id)


def start_job(*, session: Session, job_id: int, worker: str) -> Job:
    now = utcnow()
    job = session.get(Job, job_id)
    job.status, job.started_at, job.heartbeat_at, job.worker = JobStatus.RUNNING, now, now, worker
    session.commit()
    return job


def record_progress(*, session: Session, job_id: int, fraction: float, note: str | None = None) -> None:
    """Progress and heartbeat in one write; callers use a session of their own, outside the work's transaction."""
    values = {"progress": max(0.0, min(1.0, fraction)), "heartbeat_at": utcnow()}
    if note is not None:
        values["progress_note"] = note[:200]
    session.execute(update(Job).where(Job.id == job_id, Job.status == JobStatus.RUNNING).values(**values))
    session.commit()


def beat(*, session: Session, job_id: int) -> None:
    session.execute(update(Job).where(Job.id == job_id, Job.status == JobStatus.RUNNING).values(heartbeat_at=utcnow()))
    session.commit()


def finish_job(*, session: Session, job_id: int, result: dict[str, Any]) -> None:
    _end(session, job_id, JobStatus.SUCCEEDED, result=result, progress=1.0)


def fail_job(*, session: Session, job_id: int, error: str, result: dict[str, Any] | None = None) -> None:
    _end(session, job_id, JobStatus.FAILED, error=error, result=result)


def _end(session: Session, job_id: int, status: JobStatus, **values) -> None:
    # Only a running job ends: one the reaper already failed stays failed.
    session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == JobStatus.RUNNING)
        .values(status=status, finished_at=utcnow(), **values)
    )
    session.commit()


def reap_stale_jobs(*, session: Session) -> int:
    """Fail running jobs whose heartbeat is older than the configured limit; return how many."""
    cutoff = utcnow() - settings_of(session).job_stale_after
    result = session.execute(
        update(Job)
        .where(Job.status == JobStatus.RUNNING, Job.heartbeat_at < cutoff)
        .values(status=JobStatus.FAILED, finished_at=utcnow(), error="The worker stopped responding; nothing it wrote was kept.")
    )
    session.commit()
    return result.rowcount


def latest_jobs(*, session: Session, actor: Actor, kind: str, offset: int = 0, limit: int = 20) -> tuple[list[Job], int]:
    require_role(actor, Role.ADMIN, Role.ORGANIZER)
    reap_stale_jobs(session=session)
    total = session.scalar(select(func.count()).select_from(Job).where(Job.kind == kind))
    jobs = session.exec(select(Job).where(Job.kind == kind).order_by(Job.id.desc()).offset(offset).limit(limit))
    return list(jobs), total
