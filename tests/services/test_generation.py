"""The registry's generation: every committed write to a table firm listings read replaces its token."""
from sqlalchemy import select, text, update

from matchmaker.domain.enums import Role
from matchmaker.models import Firm, Generation, User
from matchmaker.models.generation import REGISTRY
from tests.factories import make_firm, make_user


def token(session) -> str:
    return session.scalar(select(Generation.token).where(Generation.scope == REGISTRY))


def test_a_committed_flush_replaces_the_token(session):
    before = token(session)
    make_firm(session)
    assert token(session) != before


def test_a_bulk_statement_replaces_the_token(session):
    firm = make_firm(session)
    before = token(session)
    session.execute(update(Firm).where(Firm.id == firm.id).values(city="Gdańsk"))
    session.commit()
    assert token(session) != before


def test_a_textual_statement_is_taken_for_a_write_of_the_registry(session):
    before = token(session)
    session.execute(text("UPDATE firm SET city = city WHERE id = 0"))
    session.commit()
    assert token(session) != before


def test_writes_no_listing_reads_leave_the_token(session):
    user, _secret = make_user(session, Role.OBSERVER)
    before = token(session)
    session.execute(update(User).where(User.id == user.id).values(is_active=False))
    user.email = "renamed@test.example"
    session.commit()
    assert token(session) == before


def test_a_rolled_back_write_is_forgotten(session):
    firm = make_firm(session)
    before = token(session)
    firm.city = "Gdańsk"
    session.flush()
    session.rollback()
    make_user(session, Role.OBSERVER)  # a later commit, of nothing a listing reads
    assert token(session) == before


def test_the_token_is_replaced_by_the_outer_commit_not_a_savepoint(session):
    firm = make_firm(session)
    before = token(session)
    with session.begin_nested():
        firm.city = "Gdańsk"
    assert token(session) == before
    session.commit()
    assert token(session) != before
