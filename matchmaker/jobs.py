"""Running background jobs: an in-process worker thread by default, or inline in the caller.

Handlers are service functions registered by kind; they take ``session``, ``job_id``, ``params``, the
job's file if any, and a ``progress`` callback, and return the job's result. The job's state is written
through a session of its own, so progress shows while the handler's own transaction is still open.
"""
import logging
import os
import socket
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from flask import Flask

from matchmaker.domain.errors import DomainError
from matchmaker.extensions import db
from matchmaker.services import importing, jobs, matching

log = logging.getLogger(__name__)

Progress = Callable[[float, str | None], None]
Handler = Callable[..., dict[str, Any]]
HEARTBEAT_SECONDS = 10
IMPORT = "import"


class JobRunner:
    """Created unbound like the other extensions; the worker thread starts with the first job."""

    def __init__(self):
        self._handlers: dict[str, Handler] = {}
        self._app: Flask | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def init_app(self, app: Flask) -> None:
        self._app = app
        app.extensions["jobs"] = self

    def handles(self, kind: str, handler: Handler) -> None:
        self._handlers[kind] = handler

    def submit(self, job_id: int) -> None:
        """Run the queued job: at once in this thread when inline, else on the worker thread."""
        if self._app.config["JOBS_MODE"] == "inline":
            self.run(job_id)
            return
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="matchmaker-job")
        self._executor.submit(self._run_in_app_context, job_id)

    def _run_in_app_context(self, job_id: int) -> None:
        with self._app.app_context():
            with _Heartbeat(job_id):
                self.run(job_id)

    def run(self, job_id: int, listener: Progress | None = None) -> None:
        """Execute a queued job to its end, recording success or failure; never raises for the job's errors.

        ``listener`` also hears the progress (the CLI draws its progress bar with it).
        """
        with db.new_session() as control:
            job = jobs.start_job(session=control, job_id=job_id, worker=f"{socket.gethostname()}:{os.getpid()}")

            def progress(fraction: float, note: str | None = None) -> None:
                jobs.record_progress(session=control, job_id=job_id, fraction=fraction, note=note)
                if listener is not None:
                    listener(fraction, note)

            try:
                with db.new_session() as work:
                    file = jobs.job_file(session=work, job_id=job_id)
                    result = self._handlers[job.kind](
                        session=work, job_id=job_id, params=job.params, file=file, progress=progress
                    )
            except DomainError as error:
                jobs.fail_job(session=control, job_id=job_id, error=error.message, result=_fields_of(error))
            except Exception:  # a bug: the job fails with a generic message, the details go to the log
                log.exception("job %s (%s) failed", job_id, job.kind)
                control.rollback()
                jobs.fail_job(session=control, job_id=job_id, error="Internal error; the details are in the log.")
            else:
                jobs.finish_job(session=control, job_id=job_id, result=result)


def _fields_of(error: DomainError) -> dict[str, Any] | None:
    result = {**({"errors": error.fields} if error.fields else {}), **error.details}
    return result or None


class _Heartbeat:
    """Beats for a job every few seconds from a thread of its own while the job's thread works."""

    def __init__(self, job_id: int):
        self._job_id = job_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"matchmaker-heartbeat-{job_id}", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_exc):
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            with db.new_session() as session:
                jobs.beat(session=session, job_id=self._job_id)


runner = JobRunner()


def register_jobs(app: Flask) -> None:
    """Bind the runner; the kinds of job and their handlers are listed here."""
    runner.init_app(app)
    runner.handles(IMPORT, run_import)
    runner.handles(matching.MATCH, matching.run_match)


def run_import(*, session, job_id: int, params: dict[str, Any], file, progress: Progress) -> dict[str, Any]:
    report = importing.import_member_list(
        session=session, data=file.content, filename=file.filename,
        strict=params.get("strict", False), dry_run=params.get("dry_run", False), progress=progress,
    )
    return {"report": report.as_dict()}
