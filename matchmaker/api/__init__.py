"""The REST API under /api/v1, its OpenAPI document and its interactive docs."""
from pathlib import Path

import swagger_ui_bundle
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint as FlaskBlueprint, Flask, send_from_directory

from matchmaker.api import (
    claims, compliance, contacts, duplicates, firm_capabilities, firms, health, imports, matching, taxonomy, tokens,
)
from matchmaker.api.auth import ACTOR_CACHE, ActorCache
from matchmaker.api.common import IdConverter, refuse_nul_characters, schema_name
from matchmaker.api.errors import register_error_handlers
from matchmaker.api.etag import answer_not_modified, vary_on_authorization
from matchmaker.config import API_SETTINGS
from matchmaker.extensions import api

BLUEPRINTS = (
    firms.blp,
    contacts.blp,
    firm_capabilities.blp,
    compliance.certifications_blp,
    compliance.supply_chain_blp,
    imports.blp,
    duplicates.blp,
    claims.blp,
    matching.blp,
    taxonomy.blp,
    tokens.blp,
    health.blp,
)
SWAGGER_UI_ASSETS = Path(swagger_ui_bundle.swagger_ui_path)


def register_api(app: Flask) -> None:
    for key, value in API_SETTINGS.items():
        app.config.setdefault(key, value)
    # Before any route is added: routes bind their converters when they are registered.
    app.url_map.converters["int"] = IdConverter
    # A plugin per app: apispec binds it to one spec.
    api.init_app(app, spec_kwargs={"marshmallow_plugin": MarshmallowPlugin(schema_name_resolver=schema_name)})
    app.extensions[ACTOR_CACHE] = ActorCache(app.config["ACTOR_CACHE_ENTRIES"])
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    register_error_handlers(app)
    app.before_request(refuse_nul_characters)
    api_after_request = (answer_not_modified, vary_on_authorization)
    for hook in api_after_request:
        app.after_request(hook)
    app.register_blueprint(_swagger_ui_assets())


def _swagger_ui_assets() -> FlaskBlueprint:
    """Serve Swagger UI from the installed package: no CDN is reachable from where the app runs."""
    assets = FlaskBlueprint("swagger_ui_assets", __name__)

    @assets.route("/api/docs/assets/<path:filename>")
    def asset(filename):
        return send_from_directory(SWAGGER_UI_ASSETS, filename, max_age=86400)

    return assets
