"""Extensions, created unbound here and bound to an app by ``init_app``."""
import flask_smorest
from flask import Flask, g, has_request_context, request
from flask_smorest.pagination import PaginationMetadataSchema
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from matchmaker.services.common import WRITE_OPTION, begin_write

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Database:
    """The engine and a session per application context; services get the session passed in."""

    def __init__(self):
        self.engine: Engine | None = None
        self._sessions: sessionmaker | None = None
        self._settings = None

    def init_app(self, app: Flask) -> None:
        self.engine = make_engine(app.config["DATABASE_URL"])
        self._settings = app.config["SETTINGS"]
        self._sessions = self._sessionmaker(bind=self.engine)
        app.extensions["database"] = self
        app.teardown_appcontext(self._close_session)

    def bind_to(self, connection: Connection) -> None:
        """Run every session inside ``connection``'s transaction, committing to savepoints (tests)."""
        self._sessions = self._sessionmaker(bind=connection, join_transaction_mode="create_savepoint")

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


def make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _configure_sqlite)
    # pysqlite opens transactions lazily and breaks SAVEPOINT; let SQLAlchemy emit BEGIN itself,
    # IMMEDIATE for a transaction that will write (see services.common.begin_write).
    event.listen(engine, "begin", _begin_sqlite)
    return engine


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


db = Database()
api = Api()
