"""The ``matchmaker`` command, run through Flask's CLI runner on the test's connection."""
import json

from sqlalchemy import func, select

from matchmaker.domain.enums import Role
from matchmaker.models import Firm, User
from matchmaker.resources import DEMO_FIRMS_FILE
from tests.factories import PASSWORD, make_firm, make_user


def create_user(runner, *args, password=PASSWORD):
    return runner.invoke(args=["users", "create", *args], input=f"{password}\n")


def firm_count(session) -> int:
    return session.scalar(select(func.count()).select_from(Firm).where(Firm.deleted_at.is_(None)))


def test_users_create_reads_the_password_from_stdin(runner, session, client):
    firm = make_firm(session)
    result = create_user(runner, "--email", "Editor@Example.org", "--role", "firm_editor", "--firm", str(firm.id))
    assert result.exit_code == 0, result.output
    assert "editor@example.org" in result.output
    user = session.scalars(select(User).where(User.email == "editor@example.org")).one()
    assert (user.role, [link.firm_id for link in user.firm_links]) == (Role.FIRM_EDITOR, [firm.id])
    response = client.post("/api/v1/tokens", json={"email": "editor@example.org", "password": PASSWORD})
    assert response.status_code == 201


def test_users_create_with_a_bad_role_fails(runner, session):
    result = create_user(runner, "--email", "x@example.org", "--role", "emperor")
    assert result.exit_code != 0
    assert "emperor" in result.output
    assert session.scalar(select(User).where(User.email == "x@example.org")) is None


def test_users_create_with_an_unknown_firm_fails_with_a_message(runner):
    result = create_user(runner, "--email", "x@example.org", "--role", "firm_editor", "--firm", "999999")
    assert result.exit_code == 1
    assert "Unknown firm" in result.output and "999999" in result.output


def test_users_create_without_a_password_on_stdin_fails(runner):
    result = create_user(runner, "--email", "x@example.org", "--role", "observer", password="")
    assert result.exit_code == 1
    assert "No password" in result.output


def test_users_create_with_a_short_password_fails_with_the_rule(runner):
    result = create_user(runner, "--email", "x@example.org", "--role", "observer", password="short")
    assert result.exit_code == 1
    assert "12 characters" in result.output


def test_tokens_create_prints_only_a_working_token(runner, session, client):
    user, _secret = make_user(session, Role.OBSERVER)
    result = runner.invoke(args=["tokens", "create", "--email", user.email.upper(), "--label", "ci"])
    assert result.exit_code == 0, result.output
    [token] = result.output.splitlines()
    assert token.startswith("mm_")
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert (me.status_code, me.get_json()["email"]) == (200, user.email)


def test_tokens_create_for_an_unknown_user_fails(runner):
    result = runner.invoke(args=["tokens", "create", "--email", "nobody@example.org"])
    assert result.exit_code == 1
    assert "No user" in result.output


def test_seed_adds_the_demo_firms_and_a_user_per_role(runner, session):
    before = firm_count(session)
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    demo_firms = len(json.loads(DEMO_FIRMS_FILE.read_text(encoding="utf-8")))
    assert firm_count(session) == before + demo_firms
    assert f"{demo_firms} firms added" in result.output
    user_lines = [line.split() for line in result.output.splitlines() if line.startswith("  ")]
    assert sorted(words[0] for words in user_lines) == sorted(role.value for role in Role)
    assert all(words[-1].startswith("mm_") for words in user_lines)


def test_seeding_twice_adds_no_firm_and_keeps_passwords(runner, session):
    runner.invoke(args=["seed"])
    count = firm_count(session)
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert firm_count(session) == count
    assert "0 firms added" in result.output
    assert result.output.count("(unchanged)") == len(Role)


def test_duplicates_merge_and_invite_commands(runner, session):
    from tests.factories import make_firm

    first = make_firm(session, name="Thunder Tiger Corp.", country="TW")
    second = make_firm(session, name="THUNDER TIGER", country="TW")
    listed = runner.invoke(args=["duplicates", "--country", "tw"])
    assert listed.exit_code == 0 and f"{first.id} Thunder Tiger Corp." in listed.output and "1 pairs." in listed.output
    merged = runner.invoke(args=["merge", str(first.id), str(second.id)])
    assert merged.exit_code == 0 and f"Merged {second.id} into {first.id}" in merged.output
    again = runner.invoke(args=["merge", str(first.id), str(second.id)])
    assert again.exit_code != 0 and f"No firm {second.id}" in again.output
    invited = runner.invoke(args=["invite", str(first.id), "--days", "3"])
    assert invited.exit_code == 0 and invited.output.strip().startswith("mmclaim_")
