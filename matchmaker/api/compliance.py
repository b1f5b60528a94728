"""Certifications and supply-chain declarations of a firm: its evidence, and its verification."""
from marshmallow import Schema, fields, validate

from matchmaker.api.common import CountryCode
from matchmaker.api.firm_parts import register_part_routes
from matchmaker.domain.compliance import CertificationKind, ComponentCategory, certification_status
from matchmaker.extensions import Blueprint
from matchmaker.services.compliance import CERTIFICATIONS, DECLARATIONS
from matchmaker.services.compliance_status import today

certifications_blp = Blueprint(
    "certifications",
    __name__,
    url_prefix="/api/v1/firms/<int:firm_id>/certifications",
    description="Certifications and compliance claims of a firm, each with evidence and expiry",
)
supply_chain_blp = Blueprint(
    "supply_chain",
    __name__,
    url_prefix="/api/v1/firms/<int:firm_id>/supply-chain",
    description="Where a firm's critical components come from",
)


class EvidenceSchema(Schema):
    """What both kinds of claim share: the evidence, and an organizer's check of it."""

    id = fields.Integer(dump_only=True)
    evidence_url = fields.Url(allow_none=True, schemes={"http", "https"}, validate=validate.Length(max=500))
    evidence_note = fields.String(allow_none=True, validate=validate.Length(max=1000))
    verified = fields.Boolean(
        metadata={"description": "An organizer checked the evidence. Set by organizers; new evidence clears it."}
    )
    verified_by_id = fields.Integer(dump_only=True, allow_none=True)
    verified_at = fields.DateTime(dump_only=True, allow_none=True)
    created_at = fields.DateTime(dump_only=True)


class CertificationSchema(EvidenceSchema):
    kind = fields.Enum(CertificationKind, by_value=True, required=True)
    reference = fields.String(
        allow_none=True, validate=validate.Length(max=120), metadata={"description": "Certificate number, NCAGE code ..."}
    )
    issued_on = fields.Date(allow_none=True)
    expires_on = fields.Date(allow_none=True)
    status = fields.Function(
        lambda claim: certification_status(claim.expires_on, today()).value,
        dump_only=True,
        metadata={"description": "valid, or expired: an expired claim is never shown as held."},
    )


class DeclarationSchema(EvidenceSchema):
    category = fields.Enum(ComponentCategory, by_value=True, required=True)
    not_applicable = fields.Boolean(
        load_default=False, metadata={"description": "The firm's products have no such component."}
    )
    supplier = fields.String(allow_none=True, validate=validate.Length(1, 200))
    country = CountryCode(allow_none=True, metadata={"description": "Country of manufacture."})


register_part_routes(
    certifications_blp,
    CERTIFICATIONS,
    CertificationSchema,
    collection="Certifications",
    item="CertificationById",
    id_name="certification_id",
)
register_part_routes(
    supply_chain_blp,
    DECLARATIONS,
    DeclarationSchema,
    collection="Declarations",
    item="DeclarationById",
    id_name="declaration_id",
)
