"""Liveness and database reachability, for load balancers and monitors."""
from flask.views import MethodView
from marshmallow import Schema, fields

from matchmaker.extensions import Blueprint, db
from matchmaker.services.health import database_is_up

blp = Blueprint("health", __name__, url_prefix="/api/v1/health", description="Service health")


class HealthSchema(Schema):
    status = fields.String(metadata={"description": "ok, or unavailable"})
    database = fields.String(metadata={"description": "ok, or unreachable"})


@blp.route("")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="The database does not answer.")
    def get(self):
        """Check that the service and its database answer"""
        if database_is_up(session=db.session):
            return {"status": "ok", "database": "ok"}
        return {"status": "unavailable", "database": "unreachable"}, 503
