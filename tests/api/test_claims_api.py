"""Claiming an imported firm: one-time, expiring invitations that make a person the firm's editor."""
from datetime import timedelta

from sqlmodel import select

from matchmaker.models import ClaimInvitation
from matchmaker.models.base import utcnow
from tests.factories import PASSWORD

FIRMS = "/api/v1/firms"


def invite(client, world, firm="members", **body) -> str:
    response = client.post(f"{FIRMS}/{world.firms[firm].id}/claim-invitations", json=body, headers=world.headers("organizer"))
    assert response.status_code == 201, response.get_json()
    return response.get_json()["token"]


def claim(client, token: str, email: str, password: str = PASSWORD):
    return client.post("/api/v1/claims", json={"token": token, "email": email, "password": password})


def test_a_new_person_claims_a_firm_and_edits_it(client, world):
    token = invite(client, world)
    claimed = claim(client, token, "owner@members.example")
    assert claimed.status_code == 201 and claimed.get_json()["firm_id"] == world.firms["members"].id
    login = client.post("/api/v1/tokens", json={"email": "owner@members.example", "password": PASSWORD})
    headers = {"Authorization": f"Bearer {login.get_json()['token']}"}
    firm_url = f"{FIRMS}/{world.firms['members'].id}"
    etag = client.get(firm_url, headers=headers).headers["ETag"]
    assert client.patch(firm_url, json={"city": "Rzeszów"}, headers={**headers, "If-Match": etag}).status_code == 200


def test_an_invitation_works_once(client, world):
    token = invite(client, world)
    assert claim(client, token, "first@members.example").status_code == 201
    assert claim(client, token, "second@members.example").status_code == 401


def test_an_expired_invitation_is_refused(client, session, world):
    token = invite(client, world)
    for invitation in session.exec(select(ClaimInvitation)).all():
        invitation.expires_at = utcnow() - timedelta(minutes=1)
    session.commit()
    assert claim(client, token, "late@members.example").status_code == 401


def test_an_invitation_for_an_address_is_for_that_address_only(client, world):
    token = invite(client, world, email="ceo@members.example")
    refused = claim(client, token, "someone@else.example")
    assert refused.status_code == 422 and "email" in refused.get_json()["errors"]["json"]
    assert claim(client, token, "CEO@members.example").status_code == 201


def test_an_existing_firm_editor_adds_the_firm_with_the_right_password(client, world):
    editor = world.users["firm_editor"]
    token = invite(client, world)
    assert claim(client, token, editor.email, "wrong password").status_code == 401
    assert claim(client, token, editor.email).status_code == 201
    me = client.get("/api/v1/me", headers=world.headers("firm_editor")).get_json()
    assert world.firms["members"].id in me["firm_ids"]


def test_an_observer_account_cannot_claim(client, world):
    token = invite(client, world)
    assert claim(client, token, world.users["observer"].email).status_code == 409


def test_only_the_secret_is_shown_and_only_its_hash_kept(client, session, world):
    token = invite(client, world)
    stored = session.exec(select(ClaimInvitation)).all()
    assert stored and all(token not in str(row.model_dump()) for row in stored)
