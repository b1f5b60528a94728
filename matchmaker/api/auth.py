"""The actor behind a request: resolved from the bearer token on first use, once per request.

Each process keeps the tokens it resolved (``ActorCache``), but trusts one only while the auth generation
it was read with is the current one, read afresh by every request (``Database.generations``, one
statement with the registry's). Every committed write to tokens, users or their links replaces that
generation in its own transaction (``models.generation``), so a revocation, a deactivation or a change
of role, firms or countries shows in the very next request of every process.
"""
from collections import OrderedDict
from threading import Lock

from flask import current_app, g, request

from matchmaker.domain.access import ANONYMOUS, Actor, require_user
from matchmaker.domain.errors import NotAuthenticated
from matchmaker.extensions import db
from matchmaker.models.base import utcnow
from matchmaker.models.generation import AUTH
from matchmaker.services.users import Identity, Resolution, digest, resolve_token, use_due

ACTOR_CACHE = "actor_cache"


class ActorCache:
    """Resolved tokens by the digest of their secret, least recently used out first past ``max_entries``."""

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._entries: OrderedDict[str, Resolution] = OrderedDict()
        self._lock = Lock()  # a threaded server (the development one) answers requests side by side

    def get(self, key: str, generation: str) -> Resolution | None:
        """The resolution cached under ``key`` if it was read in auth generation ``generation``."""
        with self._lock:
            resolution = self._entries.get(key)
            if resolution is None or resolution.generation != generation:
                return None
            self._entries.move_to_end(key)
            return resolution

    def put(self, key: str, resolution: Resolution) -> None:
        if self.max_entries <= 0 or resolution.generation is None:
            return
        with self._lock:
            self._entries[key] = resolution
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)


def current_actor() -> Actor:
    if "actor" not in g:
        g.resolution = _resolve()
        g.actor = ANONYMOUS if g.resolution is None else g.resolution.actor
    return g.actor


def current_user() -> Identity:
    """Who the caller is, as resolved with its token (a NotAuthenticated error for an anonymous caller)."""
    require_user(current_actor())
    return g.resolution.user


def _resolve() -> Resolution | None:
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, secret = header.partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret:
        raise NotAuthenticated("Send the API token as 'Authorization: Bearer <token>'.")
    cache: ActorCache = current_app.extensions[ACTOR_CACHE]
    key = digest(secret)
    if cache.max_entries > 0:
        generation = db.generations().get(AUTH)
        cached = cache.get(key, generation) if generation is not None else None
        # A use due to be recorded goes to the database, as an uncached one does.
        if cached is not None and not use_due(cached.last_used_at, utcnow()):
            return cached
    resolution = resolve_token(session=db.session, secret=secret)
    cache.put(key, resolution)
    return resolution
