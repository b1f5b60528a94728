"""Contact persons of a firm."""
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from matchmaker.api.auth import current_actor
from matchmaker.api.common import documents_errors, page_of
from matchmaker.api.etag import created_headers, etag_header, versioned
from matchmaker.extensions import db
from matchmaker.services import contacts

blp = Blueprint(
    "contacts", __name__, url_prefix="/api/v1/firms/<int:firm_id>/contacts", description="Contact persons of a firm"
)


class ContactSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(1, 200))
    role = fields.String(allow_none=True, validate=validate.Length(max=120))
    email = fields.Email(allow_none=True, validate=validate.Length(max=254))
    phone = fields.String(allow_none=True, validate=validate.Regexp(r"^\+?[0-9 ()./-]{3,40}$"))
    created_at = fields.DateTime(dump_only=True)


@blp.route("")
class Contacts(MethodView):
    @blp.response(200, ContactSchema(many=True))
    @blp.paginate(max_page_size=100)
    @documents_errors(blp, 401, 404)
    def get(self, firm_id, pagination_parameters):
        """List a firm's contact persons"""
        items, firm = contacts.list_contacts(session=db.session, actor=current_actor(), firm_id=firm_id)
        return page_of(items, pagination_parameters), etag_header(firm.id, firm.version)

    @blp.arguments(ContactSchema)
    @blp.response(201, ContactSchema)
    @documents_errors(blp, 401, 403, 404)
    @versioned(blp)
    def post(self, data, firm_id, expected_version):
        """Add a contact person"""
        contact = contacts.add_contact(
            session=db.session, actor=current_actor(), firm_id=firm_id, expected_version=expected_version, data=data
        )
        return contact, created_headers(firm_id, contact.firm.version, "contacts.ContactById", contact_id=contact.id)


@blp.route("/<int:contact_id>")
class ContactById(MethodView):
    @blp.response(200, ContactSchema)
    @documents_errors(blp, 401, 404)
    def get(self, firm_id, contact_id):
        """Read a contact person"""
        contact = contacts.get_contact(session=db.session, actor=current_actor(), firm_id=firm_id, contact_id=contact_id)
        return contact, etag_header(firm_id, contact.firm.version)

    @blp.arguments(ContactSchema(partial=True))
    @blp.response(200, ContactSchema)
    @documents_errors(blp, 401, 403, 404)
    @versioned(blp)
    def patch(self, changes, firm_id, contact_id, expected_version):
        """Change a contact person"""
        contact = contacts.update_contact(
            session=db.session,
            actor=current_actor(),
            firm_id=firm_id,
            contact_id=contact_id,
            expected_version=expected_version,
            changes=changes,
        )
        return contact, etag_header(firm_id, contact.firm.version)

    @blp.response(204)
    @documents_errors(blp, 401, 403, 404)
    @versioned(blp)
    def delete(self, firm_id, contact_id, expected_version):
        """Remove a contact person"""
        firm = contacts.remove_contact(
            session=db.session,
            actor=current_actor(),
            firm_id=firm_id,
            contact_id=contact_id,
            expected_version=expected_version,
        )
        return None, etag_header(firm.id, firm.version)
