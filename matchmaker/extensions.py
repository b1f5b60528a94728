"""Extensions, created unbound here and bound to an app by ``init_app``."""
import atexit
from collections.abc import Mapping

import flask_smorest
import marshmallow as ma
from flask import Flask, g, has_app_context, has_request_context, request
from flask_smorest.pagination import PaginationMetadataSchema
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session
from webargs.flaskparser import FlaskParser

from matchmaker.models.generation import GENERATIONS_SQL
from matchmaker.services.common import WRITE_OPTION, begin_write

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
GENERATIONS = "generations"  # g: the generation tokens as this request read them


class Database:
    """The engine and a session per application context; services get the session passed in."""

    def __init__(self):
        self.engine: Engine | None = None
        self.reader: Engine | None = None
        self._bound: Connection | None = None
        self._sessions: sessionmaker | None = None
        self._settings = None
        # Close the pooled connections while the interpreter is whole: left to its final garbage
        # collection (sqlite3 connections sit in a reference cycle with their statement cache), a SQLite
        # connection may never be closed, and its WAL never folded into the database file (a CLI command's
        # database copied as one file would then miss its last writes).
        atexit.register(self.dispose)

    def init_app(self, app: Flask) -> None:
        self.engine = make_engine(app.config["DATABASE_URL"])
        self.reader = make_reader_engine(app.config["DATABASE_URL"], self.engine)
        self._bound = None
        self._settings = app.config["SETTINGS"]
        self._sessions = self._sessionmaker(bind=self.engine)
        app.extensions["database"] = self
        app.teardown_appcontext(self._close_session)

    def bind_to(self, connection: Connection) -> None:
        """Run every session inside ``connection``'s transaction, committing to savepoints (tests)."""
        self._bound = connection
        self._sessions = self._sessionmaker(bind=connection, join_transaction_mode="create_savepoint")

    def dispose(self) -> None:
        for engine in {self.engine, self.reader} - {None}:
            engine.dispose()

    def generations(self) -> Mapping[str, str]:
        """Every scope's generation token (``models.generation``), read once per application context.

        Read fresh at the first call, so never older than a commit that ended before the request began;
        a commit of this context's session forgets it (``_forget_generations``), so a request never
        takes the tokens from before its own write for current.

        One statement in autocommit on a connection of its own, outside the session: a request that
        only checks its caches opens no transaction at all (no BEGIN, ROLLBACK nor pool pre-ping).
        """
        if GENERATIONS not in g:
            g.generations = self._read_generations()
        return g.generations

    def _read_generations(self) -> dict[str, str]:
        if self._bound is not None:  # tests: the connection every session joins, to see their writes
            return dict(self._bound.exec_driver_sql(GENERATIONS_SQL).all())
        return dict(read_on_driver(self.reader, GENERATIONS_SQL))

    def new_session(self) -> Session:
        return self._sessions()

    @property
    def session(self) -> Session:
        """The session of the current application context, opened on first use.

        A request that may write takes the write lock with its first statement (SQLite), so that what
        it read cannot go stale under another worker's commit before it writes.
        """
        if "db_session" not in g:
            g.db_session = self.new_session()
            if has_request_context() and request.method not in SAFE_METHODS:
                begin_write(g.db_session)
        return g.db_session

    def _sessionmaker(self, **kwargs) -> sessionmaker:
        return sessionmaker(class_=Session, expire_on_commit=False, info={"settings": self._settings}, **kwargs)

    @staticmethod
    def _close_session(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


@event.listens_for(Session, "after_commit")
def _forget_generations(_session: Session) -> None:
    if has_app_context():
        g.pop(GENERATIONS, None)


def make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _configure_sqlite)
    # pysqlite opens transactions lazily and breaks SAVEPOINT; let SQLAlchemy emit BEGIN itself,
    # IMMEDIATE for a transaction that will write (see services.common.begin_write).
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def make_reader_engine(url: str, engine: Engine | None) -> Engine:
    """The engine of ``read_on_driver``: on PostgreSQL one of its own, in autocommit and without pre-ping.

    Autocommit, because a single SELECT needs no transaction: no BEGIN and ROLLBACK round trips.
    No pre-ping (a round trip per checkout): ``read_on_driver`` retries a statement that failed on a
    dropped connection instead, which is as safe for a read, and costs nothing while nothing drops.
    SQLite shares the application's engine: it runs outside a transaction there already (see
    ``_configure_sqlite``), never pings, and a second engine on an in-memory database would see another one.
    """
    if url.startswith("sqlite"):
        return engine
    return create_engine(url, isolation_level="AUTOCOMMIT", pool_pre_ping=False)


def read_on_driver(engine: Engine, sql: str) -> list[tuple]:
    """The rows of one read-only statement, run on a pooled driver connection of ``engine`` with no
    SQLAlchemy connection or result around it (they cost more than the statement).

    A statement that fails because its connection was dropped (a database restart) runs once more, on a
    new connection of a new pool: the old pool's idle connections are as dead, and are closed.
    """
    for attempt in (1, 2):
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            try:
                cursor.execute(sql)
                return cursor.fetchall()
            finally:
                cursor.close()
        except engine.dialect.loaded_dbapi.Error as error:
            if attempt == 2 or not engine.dialect.is_disconnect(error, connection.dbapi_connection, None):
                raise
            connection.invalidate(error)
        finally:
            connection.close()
        engine.dispose()
    raise AssertionError("unreachable")


def _begin_sqlite(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(WRITE_OPTION)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _configure_sqlite(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.close()


class Api(flask_smorest.Api):
    """flask-smorest's Api, with the X-Pagination header described as the JSON it holds."""

    def _register_pagination_header(self) -> None:
        # flask-smorest gives the header a bare schema, which OpenAPI 3 reads as the "simple" style
        # ("total,3,total_pages,1"); a header of JSON is described with content instead.
        header = {
            "description": "Pagination metadata, as JSON",
            "content": {"application/json": {"schema": PaginationMetadataSchema}},
        }
        self.spec.components.header("PAGINATION", header, lazy=True)


class ArgumentsParser(FlaskParser):
    """webargs' parser for flask-smorest, making a schema given as a class once, not on every request.

    A schema instance keeps no state between loads (marshmallow 4 has no context), so one serves all;
    making it deep-copies every field, which cost more than parsing the query of a cached firm list page.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._schemas: dict[type[ma.Schema], ma.Schema] = {}

    def _get_schema(self, argmap, req) -> ma.Schema:
        if isinstance(argmap, type) and issubclass(argmap, ma.Schema):
            schema = self._schemas.get(argmap)
            if schema is None:
                schema = self._schemas.setdefault(argmap, argmap())
            return schema
        return super()._get_schema(argmap, req)


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's Blueprint, without the work it would redo on every request for the same result."""

    ARGUMENTS_PARSER = ArgumentsParser()
    PAGINATION_ARGUMENTS_PARSER = ArgumentsParser()

    @staticmethod
    def _make_pagination_metadata(page: int, page_size: int, item_count: int) -> dict[str, int]:
        """flask-smorest's metadata, built as it does, but not passed through a new PaginationMetadataSchema:
        its integer fields give back the integers they are given."""
        if item_count == 0:
            return {"total": 0, "total_pages": 0}
        last_page = (item_count - 1) // page_size + 1
        metadata = {"total": item_count, "total_pages": last_page, "first_page": 1, "last_page": last_page}
        if page <= last_page:
            metadata["page"] = page
            if page > 1:
                metadata["previous_page"] = page - 1
            if page < last_page:
                metadata["next_page"] = page + 1
        return metadata


db = Database()
api = Api()
