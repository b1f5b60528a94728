"""Settings: the only module that reads the environment."""
import os
from dataclasses import dataclass, field
from datetime import timedelta

from matchmaker.domain.countries import parse_country_list

DEFAULT_COUNTRIES = "TW,PL,UA,CZ,US"
# The PRC with Hong Kong and Macau, Russia, Belarus, Iran, North Korea.
DEFAULT_CONCERN_COUNTRIES = "CN,HK,MO,RU,BY,IR,KP"


@dataclass(frozen=True)
class Settings:
    """What the registry's rules need to know of the deployment; handed to services via the session."""

    countries: tuple[str, ...] = field(default_factory=lambda: parse_country_list(DEFAULT_COUNTRIES))
    concern_countries: frozenset[str] = field(
        default_factory=lambda: frozenset(parse_country_list(DEFAULT_CONCERN_COUNTRIES))
    )
    # A running job whose heartbeat is older than this is taken for dead and failed.
    job_stale_after: timedelta = timedelta(seconds=90)


def from_environment(instance_path: str) -> dict:
    """Flask config from the environment; SQLite in the instance folder when DATABASE_URL is unset."""
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{os.path.join(instance_path, 'matchmaker.db')}"
    return {
        "DATABASE_URL": _normalise_database_url(database_url),
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", 1024 * 1024)),
        "IMPORT_MAX_BYTES": int(os.environ.get("IMPORT_MAX_BYTES", 20 * 1024 * 1024)),
        "SETTINGS": Settings(
            countries=parse_country_list(os.environ.get("COUNTRIES", DEFAULT_COUNTRIES)),
            concern_countries=frozenset(
                parse_country_list(os.environ.get("CONCERN_COUNTRIES", DEFAULT_CONCERN_COUNTRIES))
            ),
            job_stale_after=timedelta(seconds=int(os.environ.get("JOB_STALE_AFTER", 90))),
        ),
        # Per process: rendered firm list pages kept for re-use, in bytes; 0 turns the cache off.
        "FIRM_LIST_CACHE_BYTES": int(os.environ.get("FIRM_LIST_CACHE_BYTES", 32 * 1024 * 1024)),
        # Per process: API tokens resolved to actors, each checked against the auth generation on every
        # request; 0 resolves every request's token from the database.
        "ACTOR_CACHE_ENTRIES": int(os.environ.get("ACTOR_CACHE_ENTRIES", 10_000)),
        # "thread": jobs run on a worker thread of the web process; "inline": in the caller (CLI, tests).
        "JOBS_MODE": os.environ.get("JOBS_MODE", "thread"),
    }


def _normalise_database_url(url: str) -> str:
    """Accept the usual postgres:// and postgresql:// forms and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


API_SETTINGS = {
    "API_TITLE": "matchmaker",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api",
    "OPENAPI_JSON_PATH": "v1/openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    "OPENAPI_SWAGGER_UI_URL": "/api/docs/assets/",
    "ETAG_DISABLED": True,  # firms carry their own version-based ETags (matchmaker.api.etag)
    "API_SPEC_OPTIONS": {
        "info": {"description": "Registry of drone and unmanned-systems firms, and the matchmaking over it."},
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    },
}
