"""The database extension's reader: the one statement a cached page costs, on a connection of its own."""
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from matchmaker.extensions import make_engine, make_reader_engine, read_on_driver
from matchmaker.models.generation import AUTH, GENERATIONS_SQL, REGISTRY


def test_the_reader_reads_every_generation(app):
    engine = make_engine(app.config["DATABASE_URL"])
    reader = make_reader_engine(app.config["DATABASE_URL"], engine)
    try:
        assert {scope for scope, _token in read_on_driver(reader, GENERATIONS_SQL)} == {REGISTRY, AUTH}
    finally:
        reader.dispose()
        engine.dispose()


def test_sqlite_reads_on_the_applications_engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'reader.db'}")
    assert make_reader_engine(str(engine.url), engine) is engine
    engine.dispose()


def test_a_statement_on_a_dropped_connection_runs_again_on_a_new_one(app):
    """What pool pre-ping did for the reader: a database restart drops its connections, and the next read
    still answers."""
    url = make_url(app.config["DATABASE_URL"])
    if url.get_backend_name() != "postgresql":
        pytest.skip("SQLite has no connection to drop")
    reader = make_reader_engine(app.config["DATABASE_URL"], None)
    killer = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        [(pid,)] = read_on_driver(reader, "SELECT pg_backend_pid()")
        with killer.connect() as connection:
            assert connection.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        [(new_pid,)] = read_on_driver(reader, "SELECT pg_backend_pid()")
        assert new_pid != pid
    finally:
        reader.dispose()
        killer.dispose()
