"""What the resources run as background jobs (imports, match runs) share: the job's fields, starting
one, and listing them."""
from flask import url_for
from marshmallow import Schema, fields

from matchmaker.api.auth import current_actor
from matchmaker.api.common import page_window
from matchmaker.domain.enums import JobStatus
from matchmaker.extensions import db
from matchmaker.jobs import runner
from matchmaker.models import Job
from matchmaker.services import jobs


class JobSchema(Schema):
    id = fields.Integer()
    status = fields.Enum(JobStatus, by_value=True)
    progress = fields.Float(metadata={"description": "From 0 to 1."})
    progress_note = fields.String(allow_none=True)
    error = fields.String(allow_none=True)
    created_at = fields.DateTime()
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)


def submitted(job: Job, endpoint: str, **url_values) -> tuple[Job, dict[str, str]]:
    """Hand a created job to the runner; the 202 answer's body and its Location header."""
    runner.submit(job.id)
    db.session.refresh(job)
    return job, {"Location": url_for(endpoint, **url_values)}


def job_page(kind: str, pagination_parameters) -> list[Job]:
    """One page of the jobs of ``kind``, newest first, with the total for X-Pagination."""
    items, total = jobs.latest_jobs(session=db.session, actor=current_actor(), kind=kind,
                                    **page_window(pagination_parameters))
    pagination_parameters.item_count = total
    return items
