"""Fixtures: one migrated database per run, a transaction rolled back after every test.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL names one (as .ci/run does).
"""
import os

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from matchmaker import create_app, migrate
from matchmaker.extensions import db
from matchmaker.resources import TAXONOMY_FILE
from matchmaker.services.taxonomy import load_taxonomy
from tests.factories import World, build_world


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    if "test" not in (make_url(url).database or ""):
        pytest.exit(f"Refusing to wipe {url}: the tests need a database whose name contains 'test'.", 2)
    return url


@pytest.fixture(scope="session")
def app(database_url):
    # Jobs run inline: the rollback-per-test connection must not be shared with a worker thread.
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret", "JOBS_MODE": "inline"})
    database_url = app.config["DATABASE_URL"]
    with app.app_context():
        if database_url.startswith("postgresql"):
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        migrate.upgrade(db.engine)
        with db.new_session() as session:
            load_taxonomy(session=session, path=TAXONOMY_FILE)
    yield app
    db.engine.dispose()


@pytest.fixture
def connection(app):
    """A connection in an open transaction that every session of the test joins, rolled back at the end."""
    with db.engine.connect() as connection:
        transaction = connection.begin()
        db.bind_to(connection)
        yield connection
        transaction.rollback()


@pytest.fixture
def session(connection):
    with db.new_session() as session:
        yield session


@pytest.fixture
def client(app, connection):
    return app.test_client()


@pytest.fixture
def runner(app, connection):
    return app.test_cli_runner()


@pytest.fixture
def world(session) -> World:
    return build_world(session)
