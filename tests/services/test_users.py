"""Users, passwords and API tokens."""
import pytest
from sqlalchemy import select

from matchmaker.domain.enums import Role
from matchmaker.domain.errors import Conflict, Invalid, NotAuthenticated
from matchmaker.models import ApiToken
from matchmaker.models.base import utcnow
from matchmaker.services.users import authenticate, create_user, issue_token, resolve_token, revoke_token
from tests.factories import PASSWORD, make_firm, make_user


def new_user(session, role=Role.OBSERVER, email="ann@example.org", password=PASSWORD, **links):
    return create_user(session=session, email=email, role=role, password=password, **links)


def test_create_user_normalises_the_email_and_stores_links(session):
    firm = make_firm(session)
    user = new_user(session, Role.FIRM_EDITOR, email="  Ann@Example.ORG ", firm_ids=[firm.id, firm.id])
    assert user.email == "ann@example.org"
    assert [link.firm_id for link in user.firm_links] == [firm.id]
    reviewer = new_user(session, Role.REVIEWER, email="rev@example.org", countries=["pl", "TW"])
    assert [link.country for link in reviewer.country_links] == ["PL", "TW"]


def test_short_password_is_invalid(session):
    with pytest.raises(Invalid) as raised:
        new_user(session, password="x" * 11)
    assert "password" in raised.value.fields


def test_duplicate_email_in_any_case_is_a_conflict(session):
    new_user(session, email="ann@example.org")
    with pytest.raises(Conflict) as raised:
        new_user(session, email="ANN@example.org")
    assert "email" in raised.value.fields


@pytest.mark.parametrize(
    ("role", "links", "field"),
    [
        (Role.OBSERVER, {"firm_ids": ["firm"]}, "firm"),
        (Role.REVIEWER, {"firm_ids": ["firm"], "countries": ["PL"]}, "firm"),
        (Role.FIRM_EDITOR, {"countries": ["PL"]}, "country"),
        (Role.ADMIN, {"countries": ["PL"]}, "country"),
        (Role.REVIEWER, {}, "country"),
        (Role.REVIEWER, {"countries": ["DE"]}, "country"),
        (Role.FIRM_EDITOR, {"firm_ids": [999_999]}, "firm"),
        (Role.FIRM_EDITOR, {"firm_ids": ["deleted"]}, "firm"),
    ],
)
def test_links_must_fit_the_role(session, role, links, field):
    deleted = make_firm(session)
    deleted.deleted_at = utcnow()
    session.commit()
    ids = {"firm": make_firm(session).id, "deleted": deleted.id}
    links = {**links, "firm_ids": [ids.get(i, i) for i in links.get("firm_ids", [])]}
    with pytest.raises(Invalid) as raised:
        new_user(session, role, **links)
    assert field in raised.value.fields


def test_authenticate_with_the_right_password(session):
    user = new_user(session)
    assert authenticate(session=session, email=" ANN@example.org", password=PASSWORD).id == user.id


@pytest.mark.parametrize(
    ("email", "password"),
    [("ann@example.org", "wrong password!"), ("nobody@example.org", PASSWORD), ("inactive@example.org", PASSWORD)],
)
def test_every_failed_login_gets_the_same_message(session, email, password):
    new_user(session)
    new_user(session, email="inactive@example.org").is_active = False
    session.commit()
    with pytest.raises(NotAuthenticated) as raised:
        authenticate(session=session, email=email, password=password)
    assert raised.value.message == "Unknown e-mail or wrong password."


def test_token_secret_is_stored_only_hashed(session):
    user, _secret = make_user(session, Role.OBSERVER)
    token, secret = issue_token(session=session, user=user, label="laptop")
    assert secret.startswith("mm_") and len(secret) > 40
    assert token.prefix == secret[:10]
    stored = " ".join(str(value) for row in session.execute(select(ApiToken.__table__)) for value in row)
    assert secret not in stored
    assert secret[10:20] not in stored


def test_token_stands_for_its_user_and_records_its_use(session):
    firm = make_firm(session)
    user, _secret = make_user(session, Role.FIRM_EDITOR, firm_ids=[firm.id])
    token, secret = issue_token(session=session, user=user)
    assert token.last_used_at is None
    actor = resolve_token(session=session, secret=secret).actor
    assert (actor.user_id, actor.role, actor.firm_ids) == (user.id, Role.FIRM_EDITOR, frozenset({firm.id}))
    assert session.scalar(select(ApiToken.last_used_at).where(ApiToken.id == token.id)) is not None


def test_revoked_token_no_longer_authenticates(session):
    user, secret = make_user(session, Role.OBSERVER)
    actor = resolve_token(session=session, secret=secret).actor
    token_id = session.scalar(select(ApiToken.id).where(ApiToken.user_id == user.id))
    revoke_token(session=session, actor=actor, token_id=token_id)
    with pytest.raises(NotAuthenticated):
        resolve_token(session=session, secret=secret).actor


@pytest.mark.parametrize("secret", ["mm_not-a-token", "", "Bearer mm_x"])
def test_unknown_token_does_not_authenticate(session, secret):
    with pytest.raises(NotAuthenticated):
        resolve_token(session=session, secret=secret).actor


def test_token_of_an_inactive_user_does_not_authenticate(session):
    user, secret = make_user(session, Role.ADMIN)
    user.is_active = False
    session.commit()
    with pytest.raises(NotAuthenticated):
        resolve_token(session=session, secret=secret).actor
