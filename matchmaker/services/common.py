"""Helpers every service uses."""
from sqlmodel import Session

from matchmaker.config import Settings
from matchmaker.domain.errors import Invalid


def settings_of(session: Session) -> Settings:
    """The deployment settings the session was opened with (see ``Database``)."""
    return session.info.get("settings") or Settings()


def require_participating(session: Session, country: str, field: str = "country") -> str:
    countries = settings_of(session).countries
    if country not in countries:
        raise Invalid(
            f"{country} is not a participating country.",
            {field: [f"Must be one of: {', '.join(countries)}."]},
        )
    return country


WRITE_OPTION = "sqlite_immediate"


def begin_write(session: Session) -> None:
    """Start the session's next transaction as a writer at once: BEGIN IMMEDIATE on SQLite.

    Without it, a SQLite transaction that reads first cannot write after another connection has
    committed ("database is locked"); PostgreSQL ignores the option.
    """
    session.connection(execution_options={WRITE_OPTION: True})
