"""Contact persons of a firm."""
from marshmallow import Schema, fields, validate

from matchmaker.api.firm_parts import register_part_routes
from matchmaker.extensions import Blueprint
from matchmaker.services.contacts import CONTACTS

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


register_part_routes(blp, CONTACTS, ContactSchema, collection="Contacts", item="ContactById", id_name="contact_id")
