"""The actor behind a request: resolved from the bearer token on first use, once per request.

Each process keeps the tokens it resolved (``ActorCache``), but trusts one only while the auth generation
it was read with is the current one, read afresh by every request (``Database.generations``, one
statement with the registry's). Every committed write to tokens, users or their links replaces that
generation in its own transaction (``models.generation``), so a revocation, a deactivation or a change
of role, firms or countries shows in the very next request of every process.
"""
from flask import current_app, g, request

from matchmaker.api.lru_cache import LruCache
from matchmaker.domain.access import ANONYMOUS, Actor, require_user
from matchmaker.domain.errors import NotAuthenticated
from matchmaker.extensions import db
from matchmaker.models.base import utcnow
from matchmaker.models.generation import AUTH
from matchmaker.services.users import Identity, Resolution, digest, resolve_token, use_due

ACTOR_CACHE = "actor_cache"


class ActorCache:
    """Resolved tokens by the digest of their secret, least recently used out first past ``max_entries``;
    an entry counts only in the auth generation it was read in."""

    def __init__(self, max_entries: int):
        self._entries: LruCache[Resolution] = LruCache(max_entries)

    @property
    def enabled(self) -> bool:
        return self._entries.enabled

    def get(self, key: str, generation: str) -> Resolution | None:
        """The resolution cached under ``key`` if it was read in auth generation ``generation``."""
        resolution = self._entries.get(key)
        return resolution if resolution is not None and resolution.generation == generation else None

    def put(self, key: str, resolution: Resolution) -> None:
        if resolution.generation is not None:
            self._entries.put(key, resolution)


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
    if cache.enabled:
        generation = db.generations().get(AUTH)
        cached = cache.get(key, generation) if generation is not None else None
        # A use due to be recorded goes to the database, as an uncached one does.
        if cached is not None and not use_due(cached.last_used_at, utcnow()):
            return cached
    resolution = resolve_token(session=db.session, secret=secret)
    cache.put(key, resolution)
    return resolution
