"""The firm list's page cache: a page is rendered once per registry generation, day, sight and query,
every kind of write shows in the next page, and no viewer gets a page rendered for another's sight."""
import io
from datetime import timedelta

import pytest
from sqlalchemy import delete

from matchmaker.api.firms import LIST_CACHE
from matchmaker.api.page_cache import Page, PageCache
from matchmaker.domain.enums import Role
from matchmaker.models import Generation
from matchmaker.services import firms
from matchmaker.services.compliance_status import today
from tests.api.test_access import LISTED, NOT_ALLOWED_TO_SEE_CANARY, ROLES
from tests.api.test_compliance_api import send
from tests.factories import CANARY_SECRETS, make_user

FIRMS = "/api/v1/firms"
PAGE = f"{FIRMS}?page_size=100"


@pytest.fixture
def renders(monkeypatch) -> list[tuple]:
    """The pages rendered from the database, as (actor, filters) in order."""
    rendered = []
    list_firms = firms.list_firms

    def counting(*, actor, filters, **kwargs):
        rendered.append((actor, filters))
        return list_firms(actor=actor, filters=filters, **kwargs)

    monkeypatch.setattr(firms, "list_firms", counting)
    return rendered


def answer(response) -> tuple:
    """What a client gets: status, body and the headers that matter."""
    headers = {name: response.headers.get(name) for name in ("Content-Type", "X-Pagination", "Vary", "ETag")}
    return response.status_code, response.get_data(), headers


def fresh(app, client, monkeypatch, url: str, headers) -> tuple:
    """The answer rendered from the database, past any cached page."""
    with monkeypatch.context() as patch:
        patch.setitem(app.extensions, LIST_CACHE, PageCache(0))
        return answer(client.get(url, headers=headers))


def test_a_repeated_page_is_rendered_once(client, world, renders):
    admin = world.headers("admin")
    first, second = client.get(PAGE, headers=admin), client.get(PAGE, headers=admin)
    assert answer(second) == answer(first)
    assert len(renders) == 1


def test_a_cached_page_answers_as_a_fresh_render_does(app, client, monkeypatch, world):
    url = f"{FIRMS}?country=PL&country=TW&page=2&page_size=2"
    observer = world.headers("observer")
    client.get(url, headers=observer)
    assert answer(client.get(url, headers=observer)) == fresh(app, client, monkeypatch, url, observer)


def test_the_cache_off_renders_every_request(app, client, monkeypatch, world, renders):
    monkeypatch.setitem(app.extensions, LIST_CACHE, PageCache(0))
    for _ in range(2):
        client.get(PAGE, headers=world.headers("admin"))
    assert len(renders) == 2


def test_without_a_generation_nothing_is_cached(client, session, world, renders):
    session.execute(delete(Generation))
    session.commit()
    for _ in range(2):
        client.get(PAGE, headers=world.headers("admin"))
    assert len(renders) == 2


def test_the_cache_keeps_the_pages_used_last_within_its_size():
    cache, rendered = PageCache(max_bytes=10), []

    def get_or_render(key, body=b"four"):
        page = cache.get(key)
        if page is None:
            rendered.append(key)
            page = Page(body, 1, "etag")
            cache.put(key, page)
        return page

    for key in "abca":  # a third page of four bytes is one too many: "a" goes, then "b" for "a" again
        get_or_render(key)
    assert rendered == ["a", "b", "c", "a"]
    get_or_render("c")
    get_or_render("a")
    assert rendered == ["a", "b", "c", "a"]
    get_or_render("huge", b"more than ten bytes")
    get_or_render("c")
    assert rendered == ["a", "b", "c", "a", "huge"]  # a page larger than the whole cache is never kept
    get_or_render("huge", b"more than ten bytes")
    assert rendered == ["a", "b", "c", "a", "huge", "huge"]


# Every kind of write, each a function of (client, world), done by an admin or, where it must, an organizer.


def _write(client, method: str, world, path: str = "", body=None, role: str = "admin"):
    """A write to the public firm or its parts, with its current ETag; the written thing's JSON."""
    firm_id = world.firms["public"].id
    response = send(client, method, f"{FIRMS}/{firm_id}{path}", firm_id, world.headers(role), body)
    assert response.status_code < 300, response.get_data(as_text=True)
    return response.get_json(silent=True)


def _add_and_verify(client, world, path: str, body: dict) -> None:
    part_id = _write(client, "POST", world, path, body)["id"]
    _write(client, "PATCH", world, f"{path}/{part_id}", {"verified": True}, role="organizer")


def _add_and_erase_contact(client, world) -> None:
    contact_id = _write(client, "POST", world, "/contacts", {"name": "Short-lived Person"})["id"]
    _write(client, "DELETE", world, f"/contacts/{contact_id}")


def _import(client, world) -> None:
    members = b"name,country,visibility\nImported Member,CZ,public\n"
    data = {"file": (io.BytesIO(members), "members.csv")}
    assert client.post("/api/v1/imports", headers=world.headers("admin"), data=data).status_code == 202


def _merge(client, world) -> None:
    body = {"survivor_id": world.firms["public"].id, "merged_id": world.firms["members"].id}
    assert client.post("/api/v1/merges", json=body, headers=world.headers("admin")).status_code == 201


def _create(client, world) -> None:
    body = {"name": "Brand New Firm", "country": "CZ", "visibility": "public"}
    assert client.post(FIRMS, json=body, headers=world.headers("admin")).status_code == 201


CERTIFICATION = {"kind": "iso_9001", "reference": "Q-1", "evidence_url": "https://evidence.example/iso"}
DECLARATION = {"category": "motors", "supplier": "Formosa Motors", "country": "TW"}
WRITES = {
    "firm created": _create,
    "firm changed": lambda client, world: _write(client, "PATCH", world, body={"name": "Renamed"}),
    "firm verified": lambda client, world: _write(
        client, "PATCH", world, body={"verification_status": "verified"}, role="organizer"
    ),
    "firm deleted": lambda client, world: _write(client, "DELETE", world),
    "firms merged": _merge,
    "members imported": _import,
    "contact added": lambda client, world: _write(client, "POST", world, "/contacts", {"name": "New Person"}),
    "contact erased": _add_and_erase_contact,
    "tag added": lambda client, world: _write(
        client, "POST", world, "/capabilities", {"slug": "gimbals", "direction": "offers"}
    ),
    "certification added": lambda client, world: _write(client, "POST", world, "/certifications", CERTIFICATION),
    "certification verified": lambda client, world: _add_and_verify(client, world, "/certifications", CERTIFICATION),
    "declaration added": lambda client, world: _write(client, "POST", world, "/supply-chain", DECLARATION),
    "declaration verified": lambda client, world: _add_and_verify(client, world, "/supply-chain", DECLARATION),
}


@pytest.mark.parametrize("write", WRITES)
def test_each_kind_of_write_shows_in_the_next_page(app, client, monkeypatch, world, write):
    admin = world.headers("admin")
    before = answer(client.get(PAGE, headers=admin))
    WRITES[write](client, world)
    after = answer(client.get(PAGE, headers=admin))
    assert after != before
    assert after == fresh(app, client, monkeypatch, PAGE, admin)


def test_a_change_of_the_taxonomy_shows_in_the_next_page(client, session, world):
    admin = world.headers("admin")
    client.get(PAGE, headers=admin)
    tag = world.firms["public"].capabilities[0].capability
    tag.name = "Renamed capability"
    session.commit()
    names = {t["name"] for item in client.get(PAGE, headers=admin).get_json() for t in item["capabilities"]}
    assert "Renamed capability" in names


def test_a_new_day_renders_the_page_anew(client, monkeypatch, world):
    """A certification expiring today is held today and expired tomorrow, with no write in between."""
    _write(client, "POST", world, "/certifications", {**CERTIFICATION, "expires_on": today().isoformat()})

    def statuses() -> list[str]:
        [item] = client.get(f"{FIRMS}?q={world.firms['public'].name}", headers=world.headers("admin")).get_json()
        return sorted(c["status"] for c in item["certifications"])

    assert "expired" not in statuses()
    monkeypatch.setattr(firms, "today", lambda: today() + timedelta(days=1))
    assert "expired" in statuses()


# Viewers


def test_each_viewer_gets_the_page_of_its_own_sight(client, world, renders):
    """Every role asks for the same page in one generation; each sees what the access table says."""
    for role in ROLES:
        response = client.get(PAGE, headers=world.headers(role))
        by_id = {item["id"]: item for item in response.get_json()}
        seen = {target: "M" if by_id[f.id]["masked"] else "F" for target, f in world.firms.items() if f.id in by_id}
        assert seen == LISTED[role], role
        if role in NOT_ALLOWED_TO_SEE_CANARY:
            assert not [secret for secret in CANARY_SECRETS if secret in response.get_data(as_text=True)], role
    assert len(renders) == len(ROLES)


def test_viewers_who_see_alike_share_pages_and_others_do_not(client, session, world, renders):
    _second_observer, observer_token = make_user(session, Role.OBSERVER)
    _other_editor, editor_token = make_user(session, Role.FIRM_EDITOR, firm_ids=[world.firms["discreet_pl"].id])
    for headers in (world.headers("observer"), world.headers("firm_editor")):
        client.get(PAGE, headers=headers)
    renders.clear()
    observer = client.get(PAGE, headers={"Authorization": f"Bearer {observer_token}"})
    assert renders == []
    editor = client.get(PAGE, headers={"Authorization": f"Bearer {editor_token}"}).get_json()
    assert len(renders) == 1
    assert observer.get_json() == client.get(PAGE, headers=world.headers("observer")).get_json()
    assert editor != client.get(PAGE, headers=world.headers("firm_editor")).get_json()
