"""Alembic, driven from code: the schema is built or migrated by command, never by create_app."""
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from matchmaker.resources import MIGRATIONS_DIR


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)


def make_revision(engine: Engine, message: str) -> None:
    """Autogenerate a revision from the difference between the models and the database; review it.

    Revisions are numbered 0001, 0002 ... so their order shows in a directory listing.
    """
    number = len(list((MIGRATIONS_DIR / "versions").glob("[0-9]*.py"))) + 1
    command.revision(alembic_config(engine), message=message, autogenerate=True, rev_id=f"{number:04d}")
