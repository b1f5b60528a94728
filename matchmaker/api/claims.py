"""Claiming an imported firm's profile with an organizer's invitation."""
from datetime import timedelta

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from matchmaker.api.auth import current_actor
from matchmaker.api.common import documents_errors
from matchmaker.extensions import Blueprint, db
from matchmaker.services import claims

blp = Blueprint("claims", __name__, url_prefix="/api/v1", description="Claiming an imported firm's profile")


class InvitationRequestSchema(Schema):
    email = fields.Email(allow_none=True, metadata={"description": "If given, only this address may redeem it."})
    valid_days = fields.Integer(load_default=14, validate=validate.Range(1, 90))


class InvitationSchema(Schema):
    id = fields.Integer()
    firm_id = fields.Integer()
    email = fields.String(allow_none=True)
    expires_at = fields.DateTime()
    token = fields.String(metadata={"description": "The one-time secret, shown this once: hand it to the firm."})


class ClaimRequestSchema(Schema):
    token = fields.String(required=True, validate=validate.Length(1, 200))
    email = fields.Email(required=True)
    password = fields.String(required=True, load_only=True, validate=validate.Length(1, 200))


class ClaimSchema(Schema):
    user_id = fields.Integer()
    email = fields.String()
    firm_id = fields.Integer()


@blp.route("/firms/<int:firm_id>/claim-invitations")
class ClaimInvitations(MethodView):
    @blp.arguments(InvitationRequestSchema)
    @blp.response(201, InvitationSchema)
    @documents_errors(blp, 401, 403, 404)
    def post(self, request, firm_id):
        """Invite a person to take over a firm's profile (organizers)"""
        invitation, secret = claims.invite_claim(
            session=db.session, actor=current_actor(), firm_id=firm_id, email=request.get("email"),
            valid_for=timedelta(days=request["valid_days"]),
        )
        return {**invitation.model_dump(), "token": secret}


@blp.route("/claims")
class Claims(MethodView):
    @blp.arguments(ClaimRequestSchema)
    @blp.response(201, ClaimSchema)
    @documents_errors(blp, 401, 409)
    def post(self, request):
        """Redeem a claim invitation: create your account (or sign in) and become the firm's editor"""
        user, firm = claims.redeem_claim(
            session=db.session, secret=request["token"], email=request["email"], password=request["password"]
        )
        return {"user_id": user.id, "email": user.email, "firm_id": firm.id}
