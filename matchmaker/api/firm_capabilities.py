"""Capabilities a firm offers or seeks."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from matchmaker.api.auth import current_actor
from matchmaker.api.common import documents_errors, page_of
from matchmaker.api.etag import created_headers, etag_header, versioned
from matchmaker.api.firms import CapabilityTagSchema
from matchmaker.domain.enums import RoleKind
from matchmaker.extensions import Blueprint, db
from matchmaker.services import firm_capabilities

blp = Blueprint(
    "firm_capabilities",
    __name__,
    url_prefix="/api/v1/firms/<int:firm_id>/capabilities",
    description="Capabilities a firm offers or seeks",
)


class CapabilityTagPatchSchema(Schema):
    role_kind = fields.Enum(RoleKind, by_value=True)
    note = fields.String(allow_none=True, validate=validate.Length(max=500))


@blp.route("")
class FirmCapabilities(MethodView):
    @blp.response(200, CapabilityTagSchema(many=True))
    @blp.paginate(max_page_size=100)
    @documents_errors(blp, 404)
    def get(self, firm_id, pagination_parameters):
        """List a firm's capability tags"""
        tags, firm = firm_capabilities.list_firm_capabilities(session=db.session, actor=current_actor(), firm_id=firm_id)
        return page_of(tags, pagination_parameters), etag_header(firm.id, firm.version)

    @blp.arguments(CapabilityTagSchema)
    @blp.response(201, CapabilityTagSchema)
    @documents_errors(blp, 401, 403, 404, 409)
    @versioned(blp)
    def post(self, data, firm_id, expected_version):
        """Tag a firm with a capability it offers or seeks"""
        tag, firm = firm_capabilities.add_firm_capability(
            session=db.session, actor=current_actor(), firm_id=firm_id, expected_version=expected_version, data=data
        )
        return tag, created_headers(firm.id, firm.version, "firm_capabilities.FirmCapabilityById", tag_id=tag.id)


@blp.route("/<int:tag_id>")
class FirmCapabilityById(MethodView):
    @blp.response(200, CapabilityTagSchema)
    @documents_errors(blp, 404)
    def get(self, firm_id, tag_id):
        """Read one capability tag of a firm"""
        tag, firm = firm_capabilities.get_firm_capability(
            session=db.session, actor=current_actor(), firm_id=firm_id, tag_id=tag_id
        )
        return tag, etag_header(firm.id, firm.version)

    @blp.arguments(CapabilityTagPatchSchema)
    @blp.response(200, CapabilityTagSchema)
    @documents_errors(blp, 401, 403, 404)
    @versioned(blp)
    def patch(self, changes, firm_id, tag_id, expected_version):
        """Change a tag's role kind or note (confirms an inferred tag)"""
        tag, firm = firm_capabilities.update_firm_capability(
            session=db.session,
            actor=current_actor(),
            firm_id=firm_id,
            tag_id=tag_id,
            expected_version=expected_version,
            changes=changes,
        )
        return tag, etag_header(firm.id, firm.version)

    @blp.response(204)
    @documents_errors(blp, 401, 403, 404)
    @versioned(blp)
    def delete(self, firm_id, tag_id, expected_version):
        """Remove a capability tag"""
        firm = firm_capabilities.remove_firm_capability(
            session=db.session, actor=current_actor(), firm_id=firm_id, tag_id=tag_id, expected_version=expected_version
        )
        return None, etag_header(firm.id, firm.version)
