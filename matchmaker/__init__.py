"""matchmaker: cooperation-partner matchmaking for drone and unmanned-systems firms."""
import secrets

from pathlib import Path

from flask import Flask

from matchmaker.config import from_environment
from matchmaker.api import register_api
from matchmaker.cli import register_cli
from matchmaker.extensions import db
from matchmaker.jobs import register_jobs


def create_app(config: dict | None = None) -> Flask:
    """Build the application; ``config`` (tests) overrides what the environment says."""
    app = Flask(__name__, instance_relative_config=True, static_folder=None)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(from_environment(app.instance_path))
    app.config.from_mapping(config or {})
    _ensure_secret_key(app)

    db.init_app(app)
    register_jobs(app)
    register_api(app)
    register_cli(app)
    return app


def _ensure_secret_key(app: Flask) -> None:
    """Without SECRET_KEY each process signs with a random key of its own: safe, never a shared default."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secrets.token_hex(32)
