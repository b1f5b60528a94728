"""The capability taxonomy."""
from flask.views import MethodView
from marshmallow import Schema, fields

from matchmaker.api.common import documents_errors, page_window
from matchmaker.extensions import Blueprint, db
from matchmaker.services import taxonomy

blp = Blueprint("taxonomy", __name__, url_prefix="/api/v1/taxonomy", description="The capability taxonomy")


class CapabilitySchema(Schema):
    slug = fields.String()
    name = fields.String()
    parent = fields.Function(lambda node: node.path.rstrip("/").split("/")[-2] or None, allow_none=True)
    path = fields.String(metadata={"description": "Slugs from the root, e.g. /payloads/thermal-imagers/"})
    depth = fields.Integer()
    role_kind = fields.String(metadata={"description": "The role kind a tag of this capability usually has."})


@blp.route("")
class Taxonomy(MethodView):
    @blp.response(200, CapabilitySchema(many=True))
    @blp.paginate(max_page_size=100)
    def get(self, pagination_parameters):
        """List the taxonomy in tree order, each parent before its children"""
        nodes, total = taxonomy.list_capabilities(session=db.session, **page_window(pagination_parameters))
        pagination_parameters.item_count = total
        return nodes


@blp.route("/<string:slug>")
class CapabilityBySlug(MethodView):
    @blp.response(200, CapabilitySchema)
    @documents_errors(blp, 404)
    def get(self, slug):
        """Read one taxonomy node"""
        return taxonomy.get_capability(session=db.session, slug=slug)
