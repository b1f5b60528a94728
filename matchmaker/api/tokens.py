"""API tokens, and who the caller is."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from matchmaker.api.auth import current_actor, current_user
from matchmaker.api.common import documents_errors, page_window
from matchmaker.extensions import Blueprint, db
from matchmaker.services import users

blp = Blueprint("tokens", __name__, url_prefix="/api/v1", description="API tokens and the current user")


class CredentialsSchema(Schema):
    email = fields.Email(required=True)
    password = fields.String(required=True, load_only=True, validate=validate.Length(1, 200))
    label = fields.String(validate=validate.Length(max=120), metadata={"description": "To tell your tokens apart."})


class TokenSchema(Schema):
    id = fields.Integer()
    prefix = fields.String(metadata={"description": "The token's first characters."})
    label = fields.String(allow_none=True)
    created_at = fields.DateTime()
    last_used_at = fields.DateTime(allow_none=True)
    revoked_at = fields.DateTime(allow_none=True)


class NewTokenSchema(TokenSchema):
    token = fields.String(metadata={"description": "The secret, shown this once only."})


class UserSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    role = fields.String()
    firm_ids = fields.Function(lambda user: user.firm_ids)
    countries = fields.Function(lambda user: user.countries)


@blp.route("/tokens")
class Tokens(MethodView):
    @blp.arguments(CredentialsSchema)
    @blp.response(201, NewTokenSchema)
    @documents_errors(blp, 401)
    def post(self, credentials):
        """Exchange an e-mail and password for a new API token"""
        user = users.authenticate(session=db.session, email=credentials["email"], password=credentials["password"])
        token, secret = users.issue_token(session=db.session, user=user, label=credentials.get("label"))
        return {**token.model_dump(), "token": secret}

    @blp.response(200, TokenSchema(many=True))
    @blp.paginate(max_page_size=100)
    @documents_errors(blp, 401)
    def get(self, pagination_parameters):
        """List your API tokens"""
        tokens, total = users.list_tokens(
            session=db.session, actor=current_actor(), **page_window(pagination_parameters)
        )
        pagination_parameters.item_count = total
        return tokens


@blp.route("/tokens/<int:token_id>")
class TokenById(MethodView):
    @blp.response(204)
    @documents_errors(blp, 401, 404)
    def delete(self, token_id):
        """Revoke one of your API tokens"""
        users.revoke_token(session=db.session, actor=current_actor(), token_id=token_id)


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, UserSchema)
    @documents_errors(blp, 401)
    def get(self):
        """Who you are: your role, firms and countries"""
        return current_user()
