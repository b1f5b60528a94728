"""Alembic environment over SQLModel.metadata; the engine comes from matchmaker.migrate."""
from alembic import context
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

import matchmaker.models  # noqa: F401  (registers the tables on the metadata)
from matchmaker.models.base import UTCDateTime

target_metadata = SQLModel.metadata


def render_item(type_, obj, autogen_context):
    """Write our column types as plain SQLAlchemy ones, so revisions never import application code."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(obj, AutoString):
        return f"sa.String(length={obj.length})" if obj.length else "sa.String()"
    return False


def run_migrations_online() -> None:
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table by copy and drop, which enforced foreign keys would refuse.
            # The pragma only works outside a transaction, so it goes to the driver before BEGIN.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            compare_type=True,
            render_item=render_item,
            # SQLite cannot ALTER most things; batch mode copies the table instead.
            render_as_batch=sqlite,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")


run_migrations_online()
