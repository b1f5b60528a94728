"""Migrations are safe: they build exactly the models' schema, and a downgrade loses no row it need not lose.

The round trip runs each revision on a scratch database of its own, never on the suite's: a fresh
SQLite file, or on PostgreSQL a database named after the suite's with ``_migrations`` appended.
"""
from datetime import UTC, date, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, Table, func, insert, select, types
from sqlmodel import SQLModel

import matchmaker.models  # noqa: F401  (registers the tables on the metadata)
from matchmaker import migrate
from matchmaker.extensions import make_engine
from matchmaker.resources import MIGRATIONS_DIR

ROWS_PER_TABLE = 2
# Oldest first: (revision, the revision a downgrade of it returns to).
REVISIONS = [
    (script.revision, script.down_revision or "base")
    for script in reversed(list(ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()))
]


def test_migrated_database_is_the_models_schema(connection):
    """Autogenerate would write an empty revision: no model change lacks its migration, and no migration strays."""
    # The comparison options of migrations/env.py, which autogenerates the revisions.
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    assert compare_metadata(context, SQLModel.metadata) == []


def test_revisions_form_one_line():
    """One base and one head: the round trips below then cover every step."""
    scripts = ScriptDirectory(str(MIGRATIONS_DIR))
    assert len(scripts.get_bases()) == 1 and len(scripts.get_heads()) == 1


@pytest.mark.parametrize(("revision", "previous"), REVISIONS, ids=[revision for revision, _ in REVISIONS])
def test_downgrade_and_upgrade_again_keep_every_row(scratch_engine, revision, previous):
    """At ``revision`` with rows in every table, one step down and up again: the tables of both keep their rows."""
    migrate.upgrade(scratch_engine, revision)
    fill_every_table(scratch_engine)
    before = row_counts(scratch_engine)
    assert all(before.values()), f"some tables stayed empty: {before}"

    migrate.downgrade(scratch_engine, previous)
    kept = row_counts(scratch_engine)
    surviving = kept.keys() & before.keys()
    assert {table: kept[table] for table in surviving} == {table: before[table] for table in surviving}, (
        f"downgrading {revision} to {previous} lost rows"
    )

    migrate.upgrade(scratch_engine, revision)
    after = row_counts(scratch_engine)
    assert after.keys() == before.keys()
    assert {table: after[table] for table in surviving} == {table: before[table] for table in surviving}, (
        f"upgrading {previous} to {revision} again lost rows"
    )


@pytest.fixture
def scratch_engine(scratch_database):
    """An engine on an empty database beside the suite's, dropped afterwards."""
    engine = make_engine(scratch_database("migrations"))
    yield engine
    engine.dispose()


def user_tables(engine: Engine) -> MetaData:
    """The tables as the database has them now, parents before children."""
    metadata = MetaData()
    metadata.reflect(engine)
    if "alembic_version" in metadata.tables:
        metadata.remove(metadata.tables["alembic_version"])
    return metadata


def row_counts(engine: Engine) -> dict[str, int]:
    metadata = user_tables(engine)
    with engine.connect() as connection:
        return {
            table.name: connection.scalar(select(func.count()).select_from(table)) for table in metadata.sorted_tables
        }


def fill_every_table(engine: Engine) -> None:
    """Insert ROWS_PER_TABLE rows into every table, parents first, each foreign key naming a parent's row."""
    metadata = user_tables(engine)
    inserted: dict[str, list[dict]] = {}
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            generated = _generated_key(table)
            inserted[table.name] = []
            for number in range(ROWS_PER_TABLE):
                row = row_values(table, number, inserted, skip=generated)
                if generated is not None:
                    # The database numbers the row, so that a later data migration can add rows of its own.
                    row[generated.name] = connection.scalar(insert(table).returning(generated), row)
                else:
                    connection.execute(insert(table), row)
                inserted[table.name].append(row)


def _generated_key(table: Table):
    """The primary key the database numbers itself: a single integer column that is no foreign key."""
    columns = list(table.primary_key.columns)
    if len(columns) == 1 and isinstance(columns[0].type, types.Integer) and not columns[0].foreign_keys:
        return columns[0]
    return None


def row_values(table: Table, number: int, inserted: dict[str, list[dict]], skip=None) -> dict:
    """Values for row ``number`` of ``table``: unique per row, within each column's type, length and enum."""
    values = {}
    for column in table.columns:
        if column is skip:
            continue
        if column.foreign_keys:
            parent = next(iter(column.foreign_keys)).column
            rows = inserted[parent.table.name]
            if parent.table is table and not rows:
                if not column.nullable:
                    raise NotImplementedError(f"{table.name}.{column.name}: a first row cannot name itself.")
                values[column.name] = None
            else:
                # A table's own earlier row when the key refers to the table itself (a tree).
                values[column.name] = rows[number % len(rows)][parent.name]
        else:
            values[column.name] = column_value(table.name, column, number)
    return values


def column_value(table_name: str, column, number: int):
    model_column = _model_column(table_name, column.name)
    if isinstance(getattr(model_column, "type", None), types.Enum):
        # A VARCHAR in the database with a CHECK constraint: only the models know the allowed values.
        choices = model_column.type.enums
        return choices[number % len(choices)]
    kind = column.type
    if isinstance(kind, types.Boolean):
        return number % 2 == 0
    if isinstance(kind, types.Integer):
        return number + 1
    if isinstance(kind, (types.Float, types.Numeric)):
        return number + 0.5
    if isinstance(kind, types.DateTime):
        return datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=number)
    if isinstance(kind, types.Date):
        return date(2025, 1, 1) + timedelta(days=number)
    if isinstance(kind, types.JSON):
        return {"row": number}
    if isinstance(kind, types.LargeBinary):  # reflected as BLOB on SQLite, BYTEA on PostgreSQL
        return b"\x00 bytes"
    if isinstance(kind, types.String):  # also Text
        return f"{number}{column.name}"[: kind.length or None]
    raise NotImplementedError(f"No test value for {table_name}.{column.name} of type {kind!r}: add one here.")


def _model_column(table_name: str, column_name: str):
    table = SQLModel.metadata.tables.get(table_name)
    return table.columns.get(column_name) if table is not None else None

