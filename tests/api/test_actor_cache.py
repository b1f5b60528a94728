"""The per-process cache of resolved API tokens: a warm cache spares the database, and yet a revocation,
a deactivation, or a change of role, firms or countries shows in the very next request of every process.

Each gunicorn worker keeps caches of its own; a ``Worker`` here is the application with caches of its own,
answering through the same database connection (tests/services/test_auth_processes.py runs real processes).
"""
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import delete, select, update
from sqlmodel import Session

from matchmaker import migrate
from matchmaker.api import auth
from matchmaker.api.auth import ACTOR_CACHE, ActorCache
from matchmaker.api.firms import LIST_CACHE
from matchmaker.api.page_cache import PageCache
from matchmaker.domain.access import Actor
from matchmaker.domain.enums import Role
from matchmaker.extensions import make_engine
from matchmaker.models import ApiToken, Generation, User, UserCountry, UserFirm
from matchmaker.models.base import utcnow
from matchmaker.models.generation import AUTH
from matchmaker.services import users
from matchmaker.services.users import LAST_USED_RESOLUTION, Resolution, create_user, digest, find_user, issue_token
from tests.factories import PASSWORD

FIRMS = "/api/v1/firms?page_size=100"
ME = "/api/v1/me"
STAFF_ONLY = "/api/v1/duplicates"


class Worker:
    """The application as one server process runs it: with caches of its own."""

    def __init__(self, app, client, monkeypatch):
        self.app, self.client, self.monkeypatch = app, client, monkeypatch
        self.caches = {ACTOR_CACHE: ActorCache(100), LIST_CACHE: PageCache(1 << 20)}

    def get(self, url: str, headers):
        with self.monkeypatch.context() as patch:
            for name, cache in self.caches.items():
                patch.setitem(self.app.extensions, name, cache)
            return self.client.get(url, headers=headers)

    def status(self, url: str, headers) -> int:
        return self.get(url, headers).status_code

    def sight(self, headers) -> dict[str, str]:
        """What the firm list shows the caller: firm id to F (in full) or M (masked)."""
        response = self.get(FIRMS, headers)
        assert response.status_code == 200, response.get_json()
        return {item["id"]: "M" if item["masked"] else "F" for item in response.get_json()}


@pytest.fixture
def workers(app, client, monkeypatch) -> tuple[Worker, Worker]:
    return Worker(app, client, monkeypatch), Worker(app, client, monkeypatch)


@pytest.fixture
def resolutions(monkeypatch) -> list[str]:
    """The tokens resolved from the database, in order (by the first characters of the secret)."""
    resolved = []
    resolve = auth.resolve_token

    def counting(*, session, secret):
        resolved.append(secret[:10])
        return resolve(session=session, secret=secret)

    monkeypatch.setattr(auth, "resolve_token", counting)
    return resolved


def warm(workers, headers) -> None:
    for worker in workers:
        for url in (FIRMS, ME):
            assert worker.status(url, headers) == 200


def test_a_warm_cache_resolves_a_token_once(workers, world, resolutions):
    observer = world.headers("observer")
    warm(workers, observer)
    warm(workers, observer)
    assert len(resolutions) == 2  # once per worker


def test_a_revocation_is_refused_by_every_worker_at_once(workers, world, session, resolutions):
    first, second = workers
    observer = world.headers("observer")
    warm(workers, observer)
    token_id = session.scalar(select(ApiToken.id).where(ApiToken.user_id == world.users["observer"].id))
    with first.monkeypatch.context() as patch:
        for name, cache in first.caches.items():
            patch.setitem(first.app.extensions, name, cache)
        assert first.client.delete(f"/api/v1/tokens/{token_id}", headers=observer).status_code == 204
    assert second.status(FIRMS, observer) == 401
    assert first.status(FIRMS, observer) == 401
    assert second.status(ME, observer) == 401


def test_a_deactivated_user_is_refused_at_once(workers, world, session):
    admin = world.headers("admin")
    warm(workers, admin)
    world.users["admin"].is_active = False
    session.commit()
    assert [worker.status(FIRMS, admin) for worker in workers] == [401, 401]


def test_a_bulk_deactivation_is_refused_at_once(workers, world, session):
    organizer = world.headers("organizer")
    warm(workers, organizer)
    session.execute(update(User).where(User.id == world.users["organizer"].id).values(is_active=False))
    session.commit()
    assert [worker.status(FIRMS, organizer) for worker in workers] == [401, 401]


def test_a_new_role_applies_at_once(workers, world, session):
    admin = world.headers("admin")
    warm(workers, admin)
    assert [worker.status(STAFF_ONLY, admin) for worker in workers] == [200, 200]
    world.users["admin"].role = Role.OBSERVER
    session.commit()
    assert [worker.status(STAFF_ONLY, admin) for worker in workers] == [403, 403]
    assert workers[1].get(ME, admin).get_json()["role"] == "observer"


def test_me_is_answered_from_the_cache_as_the_database_has_it(workers, world, session, resolutions):
    editor, user = world.headers("firm_editor"), world.users["firm_editor"]
    warm(workers, editor)
    expected = {"id": user.id, "email": user.email, "role": "firm_editor", "firm_ids": [world.firms["own"].id], "countries": []}
    assert [worker.get(ME, editor).get_json() for worker in workers] == [expected] * 2
    assert len(resolutions) == 2
    user.email = "renamed@test.example"
    session.commit()
    assert [worker.get(ME, editor).get_json()["email"] for worker in workers] == ["renamed@test.example"] * 2


def test_a_removed_firm_link_applies_at_once(workers, world, session):
    editor, own = world.headers("firm_editor"), world.firms["own"].id
    warm(workers, editor)
    assert [worker.sight(editor)[own] for worker in workers] == ["F", "F"]
    session.execute(delete(UserFirm).where(UserFirm.user_id == world.users["firm_editor"].id))
    session.commit()
    assert [worker.sight(editor)[own] for worker in workers] == ["M", "M"]


def test_changed_office_countries_apply_at_once(workers, world, session):
    reviewer, pl, tw = world.headers("reviewer"), world.firms["discreet_pl"].id, world.firms["discreet_tw"].id
    warm(workers, reviewer)
    assert [(worker.sight(reviewer)[pl], worker.sight(reviewer)[tw]) for worker in workers] == [("F", "M")] * 2
    link = session.get(UserCountry, (world.users["reviewer"].id, "PL"))
    link.country = "TW"
    session.commit()
    assert [(worker.sight(reviewer)[pl], worker.sight(reviewer)[tw]) for worker in workers] == [("M", "F")] * 2


def test_a_write_elsewhere_keeps_the_cache(workers, world, session, resolutions):
    observer = world.headers("observer")
    warm(workers, observer)
    world.firms["public"].city = "Gdańsk"  # the registry, not who anyone is
    session.commit()
    warm(workers, observer)
    assert len(resolutions) == 2


def test_a_use_is_recorded_once_a_minute_with_the_cache_warm(workers, world, session, resolutions, monkeypatch):
    observer, user_id = world.headers("observer"), world.users["observer"].id
    worker = workers[0]
    worker.get(FIRMS, observer)
    recorded = session.scalar(select(ApiToken.last_used_at).where(ApiToken.user_id == user_id))
    assert recorded is not None
    worker.get(FIRMS, observer)
    assert len(resolutions) == 1
    later = recorded + LAST_USED_RESOLUTION * 2
    monkeypatch.setattr(auth, "utcnow", lambda: later)
    monkeypatch.setattr(users, "utcnow", lambda: later)
    worker.get(FIRMS, observer)
    assert len(resolutions) == 2
    session.expire_all()
    assert session.scalar(select(ApiToken.last_used_at).where(ApiToken.user_id == user_id)) == later
    worker.get(FIRMS, observer)  # recording the use left the auth generation, so the cache stays warm
    assert len(resolutions) == 2


def test_an_entry_of_another_generation_is_never_used(app, client, world, monkeypatch):
    observer = world.headers("observer")
    cache = ActorCache(10)
    monkeypatch.setitem(app.extensions, ACTOR_CACHE, cache)
    forged = Resolution(
        token_id=0, actor=Actor(user_id=0, role=Role.ADMIN), email="forged@test.example", generation="stale",
        last_used_at=utcnow(),
    )
    cache.put(digest(world.tokens["observer"]), forged)
    assert client.get(STAFF_ONLY, headers=observer).status_code == 403


def test_without_an_auth_generation_every_request_resolves(workers, world, session, resolutions):
    session.execute(delete(Generation).where(Generation.scope == AUTH))
    session.commit()
    warm(workers[:1], world.headers("observer"))
    warm(workers[:1], world.headers("observer"))
    assert len(resolutions) == 4


def test_the_cache_off_resolves_every_request(workers, world, resolutions):
    workers[0].caches[ACTOR_CACHE] = ActorCache(0)
    warm(workers[:1], world.headers("observer"))
    warm(workers[:1], world.headers("observer"))
    assert len(resolutions) == 4


def test_the_cache_keeps_the_tokens_used_last():
    cache = ActorCache(2)
    actor = Actor(user_id=1, role=Role.OBSERVER)
    resolution = Resolution(token_id=1, actor=actor, email="a@test.example", generation="g", last_used_at=None)
    for key in "abca":
        cache.put(key, resolution)
    assert cache.get("b", "g") is None  # "a" was put again after "b": "b" went first
    assert cache.get("a", "g") == cache.get("c", "g") == resolution
    assert cache.get("a", "other generation") is None


WORKER = textwrap.dedent(
    """
    import sys
    from matchmaker import create_app
    from matchmaker.api import auth

    resolved = []
    resolve = auth.resolve_token
    auth.resolve_token = lambda **kwargs: resolved.append(1) or resolve(**kwargs)
    app = create_app({"DATABASE_URL": sys.argv[1], "SECRET_KEY": "test", "JOBS_MODE": "inline"})
    client = app.test_client()
    print("ready", flush=True)
    for line in sys.stdin:
        method, path, secret = line.split()
        status = client.open(path, method=method, headers={"Authorization": f"Bearer {secret}"}).status_code
        print(status, len(resolved), flush=True)
    """
)


class Process:
    """A server process of its own on ``url``, answering one request per line: status, tokens resolved so far."""

    def __init__(self, url: str):
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER, url], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout.readline().strip() == "ready"

    def ask(self, method: str, path: str, secret: str) -> tuple[int, int]:
        self.process.stdin.write(f"{method} {path} {secret}\n")
        self.process.stdin.flush()
        status, resolved = self.process.stdout.readline().split()
        return int(status), int(resolved)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()


def test_separate_processes_see_each_committed_change_at_once(scratch_database):
    """Two real server processes with warm caches, one database, committed transactions: a revocation
    through one, and a deactivation and a new role written by a third, each refuse the next request."""
    url = scratch_database("auth_processes")
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        secrets = {}
        for role in (Role.OBSERVER, Role.ADMIN, Role.ORGANIZER):
            user = create_user(session=session, email=f"{role.value}@test.example", role=role, password=PASSWORD)
            secrets[role] = issue_token(session=session, user=user)[1]
        token_id = session.scalar(select(ApiToken.id).where(ApiToken.token_hash == digest(secrets[Role.OBSERVER])))
    processes = []
    try:
        for _ in range(2):
            processes.append(Process(url))
        first, second = processes
        for process in (first, second):
            for _ in range(2):
                assert process.ask("GET", FIRMS, secrets[Role.OBSERVER])[0] == 200
                assert process.ask("GET", STAFF_ONLY, secrets[Role.ADMIN])[0] == 200
                assert process.ask("GET", STAFF_ONLY, secrets[Role.ORGANIZER])[0] == 200
            assert process.ask("GET", FIRMS, secrets[Role.OBSERVER]) == (200, 3)  # warm: nothing resolved again

        assert first.ask("DELETE", f"/api/v1/tokens/{token_id}", secrets[Role.OBSERVER])[0] == 204
        assert second.ask("GET", FIRMS, secrets[Role.OBSERVER])[0] == 401

        with Session(engine) as session:
            session.get(User, find_user(session=session, email="admin@test.example").id).is_active = False
            find_user(session=session, email="organizer@test.example").role = Role.OBSERVER
            session.commit()
        for process in (first, second):
            assert process.ask("GET", STAFF_ONLY, secrets[Role.ADMIN])[0] == 401
            assert process.ask("GET", STAFF_ONLY, secrets[Role.ORGANIZER])[0] == 403
    finally:
        for process in processes:
            process.close()
        engine.dispose()
