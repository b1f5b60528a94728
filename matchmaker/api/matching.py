"""Match runs, the proposals they select for review, each firm's suggestions, and match exclusions."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from matchmaker.api.auth import current_actor
from matchmaker.api.common import MAX_ID, documents_errors, page_of, page_window
from matchmaker.api.job_views import JobSchema, job_page, submitted
from matchmaker.extensions import Blueprint, db
from matchmaker.scoring.templates import TEMPLATES
from matchmaker.services import exclusions, jobs, matching, proposals

blp = Blueprint("matching", __name__, url_prefix="/api/v1", description="Match runs, proposals and suggestions")
KINDS = ("trilateral", "bilateral")


class RunRequestSchema(Schema):
    template = fields.String(load_default="mspo", validate=validate.OneOf(sorted(TEMPLATES)))
    top = fields.Integer(load_default=100, validate=validate.Range(1, 1000),
                         metadata={"description": "How many proposals of each kind to select."})
    max_per_firm = fields.Integer(load_default=5, validate=validate.Range(1, 50),
                                  metadata={"description": "In how many proposals one firm may appear."})
    red_flagged = fields.String(load_default="penalise", validate=validate.OneOf(("penalise", "exclude")))


class RunSchema(JobSchema):
    parameters = fields.Dict(attribute="params")
    result = fields.Dict(allow_none=True, metadata={"description": "Model version, registry hash, counts, timings."})


class MemberSchema(Schema):
    firm_id = fields.Integer()
    name = fields.String(metadata={"description": "'Discreet firm (CC)' when you may not see who it is."})
    country = fields.String()
    role = fields.String()


class CombinationSchema(Schema):
    kind = fields.String()
    template = fields.String(allow_none=True)
    score = fields.Float()
    members = fields.List(fields.Nested(MemberSchema))
    score_parts = fields.Dict(keys=fields.String(), values=fields.Float())
    reasons = fields.List(fields.String())
    run_id = fields.Integer()
    rank = fields.Integer()


class ProposalQuerySchema(Schema):
    kind = fields.String(load_default="trilateral", validate=validate.OneOf(KINDS))
    run = fields.Integer(validate=validate.Range(1, MAX_ID), metadata={"description": "Default: the latest succeeded run."})


class SuggestionQuerySchema(Schema):
    kind = fields.String(load_default="trilateral", validate=validate.OneOf(KINDS))


class ExclusionRequestSchema(Schema):
    other_firm_id = fields.Integer(required=True, strict=True, validate=validate.Range(1, MAX_ID))
    reason = fields.String(allow_none=True, validate=validate.Length(max=500))


class ExclusionSchema(Schema):
    id = fields.Integer()
    firm_id = fields.Integer()
    other_firm_id = fields.Integer()
    reason = fields.String(allow_none=True)
    created_at = fields.DateTime()


@blp.route("/match-runs")
class MatchRuns(MethodView):
    @blp.arguments(RunRequestSchema)
    @blp.response(202, RunSchema)
    @documents_errors(blp, 401, 403, 409)
    def post(self, parameters):
        """Start a match run over the whole registry"""
        run = matching.start_run(session=db.session, actor=current_actor(), parameters=parameters)
        return submitted(run, "matching.MatchRunById", run_id=run.id)

    @blp.response(200, RunSchema(many=True))
    @blp.paginate(max_page_size=100)
    @documents_errors(blp, 401, 403)
    def get(self, pagination_parameters):
        """List match runs, newest first"""
        return job_page(matching.MATCH, pagination_parameters)


@blp.route("/match-runs/<int:run_id>")
class MatchRunById(MethodView):
    @blp.response(200, RunSchema)
    @documents_errors(blp, 401, 403, 404)
    def get(self, run_id):
        """Read a match run's status, progress and outcome"""
        return jobs.get_job(session=db.session, actor=current_actor(), job_id=run_id, kind=matching.MATCH)


@blp.route("/proposals")
class Proposals(MethodView):
    @blp.arguments(ProposalQuerySchema, location="query")
    @blp.response(200, CombinationSchema(many=True))
    @blp.paginate(max_page_size=100)
    @documents_errors(blp, 401, 403, 404)
    def get(self, query, pagination_parameters):
        """List the proposals of a run for review, best first, with their reasons"""
        items, total = proposals.list_proposals(
            session=db.session, actor=current_actor(), kind=query["kind"], run_id=query.get("run"),
            **page_window(pagination_parameters),
        )
        pagination_parameters.item_count = total
        return items


@blp.route("/firms/<int:firm_id>/suggestions")
class FirmSuggestions(MethodView):
    @blp.arguments(SuggestionQuerySchema, location="query")
    @blp.response(200, CombinationSchema(many=True))
    @blp.paginate(max_page_size=100)
    @documents_errors(blp, 401, 403, 404)
    def get(self, query, firm_id, pagination_parameters):
        """List a firm's best partners from the latest run, best first"""
        items, total = proposals.firm_suggestions(
            session=db.session, actor=current_actor(), firm_id=firm_id, kind=query["kind"],
            **page_window(pagination_parameters),
        )
        pagination_parameters.item_count = total
        return items


@blp.route("/firms/<int:firm_id>/exclusions")
class Exclusions(MethodView):
    @blp.response(200, ExclusionSchema(many=True))
    @blp.paginate(max_page_size=100)
    @documents_errors(blp, 401, 403, 404)
    def get(self, firm_id, pagination_parameters):
        """List the firms this firm is never proposed with"""
        items = exclusions.list_exclusions(session=db.session, actor=current_actor(), firm_id=firm_id)
        return page_of(items, pagination_parameters)

    @blp.arguments(ExclusionRequestSchema)
    @blp.response(201, ExclusionSchema)
    @documents_errors(blp, 401, 403, 404, 409)
    def post(self, request, firm_id):
        """Never propose this firm together with another"""
        return exclusions.exclude_pair(session=db.session, actor=current_actor(), firm_id=firm_id, **request)


@blp.route("/firms/<int:firm_id>/exclusions/<int:exclusion_id>")
class ExclusionById(MethodView):
    @blp.response(204)
    @documents_errors(blp, 401, 403, 404)
    def delete(self, firm_id, exclusion_id):
        """Lift an exclusion"""
        exclusions.remove_exclusion(session=db.session, actor=current_actor(), firm_id=firm_id, exclusion_id=exclusion_id)
