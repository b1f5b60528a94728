"""Fixtures: one migrated database per run, a transaction rolled back after every test.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL names one (as .ci/run does).
"""
import os

import pytest
from sqlalchemy import create_engine, text
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
    db.dispose()


@pytest.fixture
def scratch_database(app, tmp_path):
    """Make an empty database beside the suite's, by name; its URL. Dropped after the test.

    A fresh SQLite file, or on PostgreSQL a database named after the suite's with ``_<name>`` appended,
    for what needs committed transactions or a schema of its own (migrations, several processes).
    """
    suite_url = make_url(app.config["DATABASE_URL"])
    server = create_engine(suite_url, isolation_level="AUTOCOMMIT") if suite_url.get_backend_name() != "sqlite" else None
    made = []

    def make(name: str) -> str:
        if server is None:
            return f"sqlite:///{tmp_path / f'{name}.db'}"
        database = f"{suite_url.database}_{name}"
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{database}"'))
        made.append(database)
        return suite_url.set(database=database).render_as_string(hide_password=False)

    yield make
    if server is not None:
        with server.connect() as connection:
            for database in made:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        server.dispose()


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
