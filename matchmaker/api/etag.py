"""Version-based ETags of firms: every write to a firm or its parts must name the version it read.

The ETag of a firm is ``"firm-<id>-v<version>"``; its sub-resources answer with the same ETag, since
each change to them raises the firm's version. A page of the firm list has a content ETag
(``page_etag``), for conditional GETs only.
"""
import hashlib
import re
from functools import wraps

from flask import Response, request, url_for

from matchmaker.api.auth import current_actor
from matchmaker.api.common import MAX_ID
from matchmaker.domain.access import require_user
from matchmaker.domain.errors import PreconditionFailed, PreconditionRequired

IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": True,
    "description": "The firm's ETag as last read (from any of its GET responses).",
    "schema": {"type": "string"},
}
_TAG = re.compile(r"^firm-(?P<firm>\d+)-v(?P<version>\d+)$")


def firm_etag(firm_id: int, version: int) -> str:
    return f"firm-{firm_id}-v{version}"


def etag_header(firm_id: int, version: int) -> dict[str, str]:
    return {"ETag": f'"{firm_etag(firm_id, version)}"'}


def created_headers(firm_id: int, version: int, endpoint: str, **url_values) -> dict[str, str]:
    """The firm's new ETag and the Location of what a POST created."""
    return {**etag_header(firm_id, version), "Location": url_for(endpoint, firm_id=firm_id, **url_values)}


def expected_version(firm_id: int) -> int | None:
    """The firm version named by If-Match: None for '*', 428 without the header, 412 for another firm's tag."""
    if not request.headers.get("If-Match"):
        raise PreconditionRequired("Send If-Match with the firm's ETag (read the firm first).")
    if request.if_match.star_tag:
        return None
    for tag in request.if_match.as_set():
        match = _TAG.match(tag or "")  # werkzeug gives None for the empty tag ""
        # A version past MAX_ID was never the firm's; compared in SQL it would overflow.
        if match and int(match["firm"]) == firm_id and int(match["version"]) <= MAX_ID:
            return int(match["version"])
    raise PreconditionFailed("If-Match does not name a version of this firm; read it again and retry.")


def page_etag(body: bytes, total: int) -> str:
    """A list page's ETag: a digest of what it shows (its items and the total of X-Pagination), so a
    client polling a list gets 304 until the page changes, whichever worker answers."""
    digest = hashlib.blake2b(body, digest_size=12)
    digest.update(str(total).encode())
    return f"page-{digest.hexdigest()}"


def vary_on_authorization(response: Response) -> Response:
    """Answers depend on who asks (a discreet firm is masked for some), so caches must key on the token."""
    response.vary.add("Authorization")
    return response


def answer_not_modified(response: Response) -> Response:
    """Turn a 200 to a GET whose If-None-Match names the response's ETag into a 304 (the body is dropped)."""
    etag, _weak = response.get_etag()
    if request.method in ("GET", "HEAD") and response.status_code == 200 and etag:
        if request.if_none_match.contains_weak(etag):
            response.status_code = 304
    return response


def versioned(blp):
    """Decorate a firm write: document If-Match, 412 and 428, and pass ``expected_version`` to the view."""

    def decorator(view):
        @blp.doc(parameters=[IF_MATCH])
        @blp.alt_response(412, response="PRECONDITION_FAILED")
        @blp.alt_response(428, response="PRECONDITION_REQUIRED")
        @wraps(view)
        def wrapper(*args, **kwargs):
            require_user(current_actor())  # an anonymous caller learns it needs a token, not an ETag
            return view(*args, expected_version=expected_version(kwargs["firm_id"]), **kwargs)

        return wrapper

    return decorator
