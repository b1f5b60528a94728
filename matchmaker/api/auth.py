"""The actor behind a request: resolved from the bearer token on first use, once per request."""
from flask import g, request

from matchmaker.domain.access import ANONYMOUS, Actor
from matchmaker.domain.errors import NotAuthenticated
from matchmaker.extensions import db
from matchmaker.services.users import actor_for_token


def current_actor() -> Actor:
    if "actor" not in g:
        g.actor = _resolve_actor()
    return g.actor


def _resolve_actor() -> Actor:
    header = request.headers.get("Authorization")
    if header is None:
        return ANONYMOUS
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise NotAuthenticated("Send the API token as 'Authorization: Bearer <token>'.")
    return actor_for_token(session=db.session, secret=secret.strip())
