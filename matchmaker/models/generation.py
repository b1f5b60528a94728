"""The registry's generation: a token that every transaction writing to the registry replaces on commit.

Caches of what the registry shows (the firm list) key on it. The token is replaced by session events,
not by the services, so no write path can forget it: any INSERT, UPDATE or DELETE through a session,
ORM flush or bulk statement, marks the transaction, and its commit replaces the token in the same
transaction. A random token rather than a counter, which would come back to a value a rolled-back
transaction had used (and a reader inside that transaction may have cached pages under).
"""
import secrets

from sqlalchemy import event, inspect, update
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction
from sqlmodel import Field, SQLModel

REGISTRY = "registry"
_CHANGED = "registry_changed"


class Generation(SQLModel, table=True):
    """One row per scope; the registry's row is the only one so far."""

    scope: str = Field(primary_key=True, max_length=40)
    token: str = Field(max_length=32)


# Tables no firm listing reads, written often (tokens on each use, job heartbeats, match results):
# their writes leave the generation alone. A write to any other table, one added later included,
# replaces it. The viewer's links (user_firm, user_country) are read per request into the cache key.
UNLISTED_TABLES = frozenset({
    "generation", "api_token", "app_user", "user_firm", "user_country", "job", "job_file",
    "proposal", "proposal_member", "suggestion",
})


def new_token() -> str:
    return secrets.token_hex(16)


@event.listens_for(Session, "before_flush")
def _note_flushed_writes(session: Session, _flush_context, _instances) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(inspect(instance).mapper.local_table.name not in UNLISTED_TABLES for instance in changed):
        session.info[_CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_statement_writes(state: ORMExecuteState) -> None:
    if state.is_select:
        return
    # A textual statement names no table: taken for a write of the registry.
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) not in UNLISTED_TABLES:
        state.session.info[_CHANGED] = True


@event.listens_for(Session, "before_commit")
def _replace_token(session: Session) -> None:
    """Replace the token last thing before the outermost commit, so its row lock is held for an instant."""
    if session.in_nested_transaction():
        return
    session.flush()  # commit flushes only after this event; its writes must be noted first
    if session.info.pop(_CHANGED, False):
        session.execute(update(Generation).where(Generation.scope == REGISTRY).values(token=new_token()))


@event.listens_for(Session, "after_transaction_end")
def _forget_writes(session: Session, transaction: SessionTransaction) -> None:
    """A rolled-back transaction's writes are gone, and must not replace the token on a later commit."""
    if transaction.parent is None:
        session.info.pop(_CHANGED, None)
