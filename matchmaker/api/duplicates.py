"""Near-duplicate firms, and merges of one into another."""
from flask import url_for
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from matchmaker.api.auth import current_actor
from matchmaker.api.common import MAX_ID, CountryCode, documents_errors, page_of
from matchmaker.api.etag import etag_header
from matchmaker.extensions import Blueprint, db
from matchmaker.services import duplicates

blp = Blueprint("duplicates", __name__, url_prefix="/api/v1", description="Near-duplicate firms and merges")


class DuplicateFirmSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    country = fields.String()


class DuplicatePairSchema(Schema):
    first = fields.Nested(DuplicateFirmSchema)
    second = fields.Nested(DuplicateFirmSchema)
    shared = fields.List(fields.String(), metadata={"description": 'What the names share: "name:thunder tiger".'})


class DuplicateQuerySchema(Schema):
    country = CountryCode()


class MergeRequestSchema(Schema):
    survivor_id = fields.Integer(
        required=True, strict=True, validate=validate.Range(1, MAX_ID), metadata={"description": "The firm that stays."}
    )
    merged_id = fields.Integer(
        required=True, strict=True, validate=validate.Range(1, MAX_ID), metadata={"description": "The firm merged into it."}
    )


class MergeSchema(Schema):
    id = fields.Integer()
    survivor_id = fields.Integer()
    merged_id = fields.Integer()
    merged_by_id = fields.Integer(allow_none=True)
    merged_at = fields.DateTime()
    moved = fields.Dict(metadata={
        "description": "How many contacts, tags, dismissed tags ... moved; which fields were filled."
    })


@blp.route("/duplicates")
class Duplicates(MethodView):
    @blp.arguments(DuplicateQuerySchema, location="query")
    @blp.response(200, DuplicatePairSchema(many=True))
    @blp.paginate(max_page_size=100)
    @documents_errors(blp, 401, 403)
    def get(self, query, pagination_parameters):
        """List pairs of firms of one country whose names look like the same firm"""
        pairs = duplicates.find_duplicates(session=db.session, actor=current_actor(), country=query.get("country"))
        return page_of(pairs, pagination_parameters)


@blp.route("/merges")
class Merges(MethodView):
    @blp.arguments(MergeRequestSchema)
    @blp.response(201, MergeSchema)
    @documents_errors(blp, 401, 403, 404)
    def post(self, request):
        """Merge a firm into another, keeping every contact, tag, claim and declaration of both"""
        merge, survivor = duplicates.merge_firms(session=db.session, actor=current_actor(), **request)
        headers = {**etag_header(survivor.id, survivor.version),
                   "Location": url_for("firms.FirmById", firm_id=survivor.id)}
        return merge, headers
