"""Imports of member lists: uploaded, run in the background, reported row by row."""
from flask import current_app, request
from flask.views import MethodView
from flask_smorest.fields import Upload
from marshmallow import Schema, fields

from matchmaker.api.auth import current_actor
from matchmaker.api.common import documents_errors
from matchmaker.api.job_views import JobSchema, job_page, submitted
from matchmaker.extensions import Blueprint, db
from matchmaker.jobs import IMPORT
from matchmaker.services import jobs

blp = Blueprint("imports", __name__, url_prefix="/api/v1/imports", description="Imports of member lists")


@blp.before_request
def allow_large_uploads():
    """Member lists are larger than the API's usual body limit."""
    request.max_content_length = current_app.config["IMPORT_MAX_BYTES"]


class UploadSchema(Schema):
    file = Upload(required=True, metadata={"description": "The member list: CSV or XLSX, one firm per row."})


class ImportOptionsSchema(Schema):
    strict = fields.Boolean(load_default=False, metadata={"description": "Import all rows or none."})
    dry_run = fields.Boolean(load_default=False, metadata={"description": "Check and report, write nothing."})


class ImportSchema(JobSchema):
    strict = fields.Function(lambda job: job.params.get("strict", False))
    dry_run = fields.Function(lambda job: job.params.get("dry_run", False))
    report = fields.Function(
        lambda job: (job.result or {}).get("report"),
        metadata={"description": "Counts, file problems, unknown columns, and every row's outcome."},
    )
    errors = fields.Function(
        lambda job: (job.result or {}).get("errors"),
        metadata={"description": "Why the file could not be read, per field ('file', 'name' ...)."},
    )


@blp.route("")
class Imports(MethodView):
    @blp.arguments(UploadSchema, location="files")
    @blp.arguments(ImportOptionsSchema, location="query")
    @blp.response(202, ImportSchema)
    @documents_errors(blp, 401, 403, 413)
    def post(self, upload, options):
        """Upload a member list and start its import"""
        file = upload["file"]
        job = jobs.create_job(
            session=db.session, actor=current_actor(), kind=IMPORT, params=options,
            file=(file.filename or "upload", file.read()),
        )
        return submitted(job, "imports.ImportById", import_id=job.id)

    @blp.response(200, ImportSchema(many=True))
    @blp.paginate(max_page_size=100)
    @documents_errors(blp, 401, 403)
    def get(self, pagination_parameters):
        """List imports, newest first"""
        return job_page(IMPORT, pagination_parameters)


@blp.route("/<int:import_id>")
class ImportById(MethodView):
    @blp.response(200, ImportSchema)
    @documents_errors(blp, 401, 403, 404)
    def get(self, import_id):
        """Read an import's status, counts and per-row report"""
        return jobs.get_job(session=db.session, actor=current_actor(), job_id=import_id, kind=IMPORT)
