"""Background jobs (imports, match runs): what was asked, how far it got, and what came of it."""
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, LargeBinary, Text, text
from sqlmodel import Field, SQLModel

from matchmaker.domain.enums import JobStatus
from matchmaker.models.base import UTCDateTime, enum_type, utcnow


class Job(SQLModel, table=True):
    __table_args__ = (
        # At most one queued or running job per kind and scope (two match runs of the registry, say).
        Index(
            "uq_job_active_scope",
            "kind",
            "scope",
            unique=True,
            sqlite_where=text("status IN ('queued', 'running')"),
            postgresql_where=text("status IN ('queued', 'running')"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40, index=True)
    # What the job works on, for jobs that must not run twice at once on it; None: no such limit.
    scope: str | None = Field(default=None, max_length=80)
    status: JobStatus = Field(default=JobStatus.QUEUED, sa_type=enum_type(JobStatus), index=True)
    params: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    result: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    error: str | None = Field(default=None, sa_type=Text)
    progress: float = 0.0  # 0 to 1
    progress_note: str | None = Field(default=None, max_length=200)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Refreshed while the job runs; a running job whose heartbeat stops is failed by the reaper.
    heartbeat_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    worker: str | None = Field(default=None, max_length=120)


class JobFile(SQLModel, table=True):
    """A file a job reads (an uploaded member list), kept in the database so any worker can read it."""

    __tablename__ = "job_file"

    job_id: int = Field(foreign_key="job.id", primary_key=True)
    filename: str = Field(max_length=255)
    content: bytes = Field(sa_type=LargeBinary)
