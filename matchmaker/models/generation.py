"""Generations: tokens that every transaction writing to what they cover replaces on commit.

Two scopes. The **registry**'s token covers what firm listings show; the firm list's page cache keys
on it. The **auth** token covers who a bearer token stands for (tokens, users and their links); the
per-process cache of resolved actors is only trusted while it is unchanged.

Tokens are replaced by session events, not by the services, so no write path can forget them: any
INSERT, UPDATE or DELETE through a session, ORM flush or bulk statement, marks the transaction, and
its commit replaces the token in the same transaction. A random token rather than a counter, which
would come back to a value a rolled-back transaction had used (and a reader inside that transaction
may have cached under).
"""
import secrets

from sqlalchemy import event, inspect, update
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction
from sqlmodel import Field, SQLModel

REGISTRY = "registry"
AUTH = "auth"
_CHANGED = "generations_changed"  # session.info: the scopes the open transaction wrote to


class Generation(SQLModel, table=True):
    """One row per scope: the registry's and auth's."""

    scope: str = Field(primary_key=True, max_length=40)
    token: str = Field(max_length=32)


# Every scope's token in one statement: the cheap check each request makes before it trusts a cache.
# Plain SQL run on a driver cursor (``Database.generations``): the hot path of a cached page.
GENERATIONS_SQL = "SELECT scope, token FROM generation"

# Tables no firm listing reads, written often (tokens on each use, job heartbeats, match results):
# their writes leave the registry's generation alone. A write to any other table, one added later
# included, replaces it. The viewer's links (user_firm, user_country) are in the actor, hence in the
# page cache's key, and under the auth generation.
UNLISTED_TABLES = frozenset({
    "generation", "api_token", "app_user", "user_firm", "user_country", "job", "job_file",
    "proposal", "proposal_member", "suggestion",
})
# Tables an actor is resolved from (services.users.resolve_token): their writes replace the auth generation.
AUTH_TABLES = frozenset({"api_token", "app_user", "user_firm", "user_country"})
# Columns of those tables no actor is made of: a flush that changes only these leaves the auth generation.
# The time a token was last used, written at most once a minute per token, would otherwise empty every
# worker's cache of actors each time.
NOT_OF_THE_ACTOR = {"api_token": frozenset({"last_used_at"})}


def new_token() -> str:
    return secrets.token_hex(16)


def _scopes_written(table_name: str | None) -> set[str]:
    """The scopes a write to ``table_name`` changes; a statement naming no table changes all of them."""
    scopes = set()
    if table_name not in UNLISTED_TABLES:
        scopes.add(REGISTRY)
    if table_name is None or table_name in AUTH_TABLES:
        scopes.add(AUTH)
    return scopes


def writes_pending(session: Session, scope: str) -> bool:
    """Whether the session's open transaction wrote to what ``scope`` covers: what it reads then may never
    commit, and must not be cached under the scope's token."""
    return scope in session.info.get(_CHANGED, ())


def _mark(session: Session, scopes: set[str]) -> None:
    if scopes:
        session.info.setdefault(_CHANGED, set()).update(scopes)


def _changes_of_flush(instance, deleted_or_new: bool) -> set[str]:
    state = inspect(instance)
    table_name = state.mapper.local_table.name
    ignored = NOT_OF_THE_ACTOR.get(table_name)
    if ignored and not deleted_or_new:
        changed = {attribute.key for attribute in state.attrs if attribute.history.has_changes()}
        if changed and changed <= ignored:
            return _scopes_written(table_name) - {AUTH}
    return _scopes_written(table_name)


@event.listens_for(Session, "before_flush")
def _note_flushed_writes(session: Session, _flush_context, _instances) -> None:
    scopes = set()
    for instance in (*session.new, *session.deleted):
        scopes |= _changes_of_flush(instance, deleted_or_new=True)
    for instance in session.dirty:
        scopes |= _changes_of_flush(instance, deleted_or_new=False)
    _mark(session, scopes)


@event.listens_for(Session, "do_orm_execute")
def _note_statement_writes(state: ORMExecuteState) -> None:
    if state.is_select:
        return
    # A textual statement names no table: taken for a write of every scope.
    table = getattr(state.statement, "table", None)
    _mark(state.session, _scopes_written(getattr(table, "name", None)))


@event.listens_for(Session, "before_commit")
def _replace_tokens(session: Session) -> None:
    """Replace the tokens last thing before the outermost commit, so their row locks are held for an instant.

    In one order (registry, then auth), so that two transactions replacing both cannot deadlock.
    """
    if session.in_nested_transaction():
        return
    session.flush()  # commit flushes only after this event; its writes must be noted first
    changed = session.info.pop(_CHANGED, set())
    for scope in (REGISTRY, AUTH):
        if scope in changed:
            session.execute(update(Generation).where(Generation.scope == scope).values(token=new_token()))


@event.listens_for(Session, "after_transaction_end")
def _forget_writes(session: Session, transaction: SessionTransaction) -> None:
    """A rolled-back transaction's writes are gone, and must not replace a token on a later commit."""
    if transaction.parent is None:
        session.info.pop(_CHANGED, None)
