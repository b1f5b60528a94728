"""Generations: every committed write to a table firm listings read replaces the registry's token, and
every committed write to tokens, users and their links the auth token."""
import pytest
from sqlalchemy import delete, select, text, update

from matchmaker.domain.enums import Role
from matchmaker.models import ApiToken, Firm, Generation, User, UserCountry, UserFirm
from matchmaker.models.base import utcnow
from matchmaker.models.generation import AUTH, REGISTRY
from matchmaker.services.users import resolve_token
from tests.factories import make_firm, make_user


def token(session, scope: str = REGISTRY) -> str:
    return session.scalar(select(Generation.token).where(Generation.scope == scope))


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


# The auth generation: replaced by every committed write to who a token stands for, and by nothing else.


def _revoke(session, user):
    session.scalar(select(ApiToken).where(ApiToken.user_id == user.id)).revoked_at = utcnow()


def _deactivate(session, user):
    user.is_active = False


def _change_role_in_bulk(session, user):
    session.execute(update(User).where(User.id == user.id).values(role=Role.ADMIN))


def _link_a_firm(session, user):
    session.add(UserFirm(user_id=user.id, firm_id=make_firm(session).id))


def _unlink_countries(session, user):
    session.execute(delete(UserCountry).where(UserCountry.user_id == user.id))


def _issue_a_token(session, user):
    session.add(ApiToken(user_id=user.id, token_hash="0" * 64, prefix="mm_0"))


AUTH_WRITES = (_revoke, _deactivate, _change_role_in_bulk, _link_a_firm, _unlink_countries, _issue_a_token)


@pytest.mark.parametrize("write", AUTH_WRITES, ids=[write.__name__.strip("_") for write in AUTH_WRITES])
def test_a_committed_write_of_who_a_token_stands_for_replaces_the_auth_token(session, write):
    user, _secret = make_user(session, Role.REVIEWER, countries=["PL"])
    before = token(session, AUTH)
    write(session, user)
    session.commit()
    assert token(session, AUTH) != before


def test_a_textual_statement_replaces_the_auth_token_too(session):
    before = token(session, AUTH), token(session)
    session.execute(text("UPDATE app_user SET email = email WHERE id = 0"))
    session.commit()
    assert token(session, AUTH) != before[0] and token(session) != before[1]


def test_recording_a_use_leaves_the_auth_token(session):
    user, _secret = make_user(session, Role.OBSERVER)
    before = token(session, AUTH)
    session.scalar(select(ApiToken).where(ApiToken.user_id == user.id)).last_used_at = utcnow()
    session.commit()
    assert token(session, AUTH) == before


def test_writes_of_the_registry_leave_the_auth_token(session):
    before = token(session, AUTH)
    firm = make_firm(session)
    firm.city = "Gdańsk"
    session.commit()
    assert token(session, AUTH) == before


def test_a_token_read_past_the_transactions_own_user_writes_is_not_to_be_cached(session):
    user, secret = make_user(session, Role.OBSERVER)
    assert resolve_token(session=session, secret=secret).generation == token(session, AUTH)
    user.role = Role.ADMIN
    session.flush()
    resolution = resolve_token(session=session, secret=secret)
    assert resolution.actor.role == Role.ADMIN and resolution.generation is None
