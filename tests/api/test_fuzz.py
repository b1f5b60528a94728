"""Fuzzing the API from its own OpenAPI document: no input gets a 5xx, every answer is as documented.

Schemathesis generates requests for every operation of ``/api/v1/openapi.json``, valid and invalid
ones, and sends them through WSGI as the admin. Path parameters mostly name records of the test world
(found by listing each parent collection, so new sub-resources need no change here), some bodies and
queries get valid values for fields random text never hits, and firm writes carry the firm's current
ETag: requests get past 404, 422 and 428 to the code behind them. ``test_every_operation_succeeded``
then checks that each operation answered 2xx at least once, so validation cannot have swallowed
everything. Each request runs in a savepoint rolled back after it, so every example meets the same world.
"""
import io
import re
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import select

from matchmaker.api.common import MAX_ID
from matchmaker.api.etag import etag_header
from matchmaker.models import Firm
from tests.factories import PASSWORD

OPENAPI = "/api/v1/openapi.json"
MAX_EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Also given to Schemathesis itself, so that no schemathesis.toml found on the way up changes the run.
CONFIG = {"generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"}}
PATH_PARAMETER = re.compile(r"^\{(\w+)\}$")

# Even without an example database, Hypothesis caches the constants of local modules (while pytest
# collects) and Unicode tables under ./.hypothesis: keep that cache out of the work tree.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "matchmaker-hypothesis")


class StatusLog:
    """The statuses each operation ("GET /api/v1/firms") answered, across the fuzzing run."""

    def __init__(self):
        self.fuzzed = False
        self.statuses: defaultdict[str, Counter] = defaultdict(Counter)


@pytest.fixture(scope="module")
def status_log() -> StatusLog:
    return StatusLog()


@pytest.fixture
def api_schema(request, app, client, world, status_log):
    """The app's OpenAPI document, with hooks that point requests at the world's records."""
    # Schemathesis 4.32's lazy schemas read Node._nodeid, which pytest 9.2 no longer has (nodeid is derived).
    request.node._nodeid = request.node.nodeid
    status_log.fuzzed = True
    schema = schemathesis.openapi.from_wsgi(OPENAPI, app, config=schemathesis.Config.from_dict(CONFIG))
    admin = world.headers("admin")
    # An import to read back: the world has none, and GET /imports/{id} needs one to answer 2xx.
    upload = {"file": (io.BytesIO(b"name,country\nFuzz Member,PL\n"), "members.csv")}
    assert client.post("/api/v1/imports", data=upload, headers=admin).status_code == 202
    # A succeeded match run, for the run and its proposals to be read back.
    run = client.post("/api/v1/match-runs", json={"top": 5}, headers=admin)
    assert run.status_code == 202 and run.get_json()["status"] == "succeeded", run.get_json()
    # A claim invitation to redeem: every example runs in a savepoint, so it stays unspent.
    invitation = client.post(f"/api/v1/firms/{world.firms['public'].id}/claim-invitations", json={}, headers=admin)
    document = client.get(OPENAPI).get_json()
    existing = {}
    known = {
        "slug": ("payloads", "thermal-imagers", "gimbals", "platform-integration"),
        "capability": ("payloads", "thermal-imagers"),
        "country": ("PL", "TW", "UA", "CZ", "US"),
        "email": (world.users["admin"].email, "claimant@firm.example"),
        "token": (invitation.get_json()["token"],),
        "survivor_id": (world.firms["public"].id,),
        "merged_id": (world.firms["members"].id,),
        "run": (run.get_json()["id"],),
        # Firms the world's chain of exclusions leaves free to pair with most others.
        "other_firm_id": (world.firms["own"].id, world.firms["public"].id),
        "password": (PASSWORD,),
        "supplier": ("Acme Motors",),
        "website": ("https://firm.example",),
        "evidence_url": ("https://evidence.example/certificate.pdf",),
    }

    @schema.hook
    def flatmap_path_parameters(context, path_parameters):
        """Mostly parameters naming existing records together (a contact of that firm), else the generated ones."""
        rows = _existing_path_parameters(client, admin, context.operation.path, existing)
        return st.sampled_from([*rows, path_parameters]) if rows and path_parameters else st.just(path_parameters)

    @schema.hook
    def flatmap_body(context, body):
        return _with_known_values(body, known, declared=_body_properties(document, context.operation))

    @schema.hook
    def flatmap_query(context, query):
        return _with_known_values(query, known)

    return schema


def _existing_path_parameters(client, headers, template: str, cache: dict) -> list[dict]:
    """Values of the path parameters of ``template`` naming existing records, found by listing each parent.

    ``/firms/{firm_id}/contacts/{contact_id}`` lists ``/firms`` for firm ids, then ``/firms/{id}/contacts``
    of each firm for contact ids; a parameter not ending in ``_id`` (``slug``) is the item's field of that name.
    """
    segments = template.split("/")
    positions = [index for index, segment in enumerate(segments) if PATH_PARAMETER.match(segment)]
    if not positions:
        return [{}]
    last = positions[-1]
    key = "/".join(segments[: last + 1])
    if key not in cache:
        name = PATH_PARAMETER.match(segments[last])[1]
        field = "id" if name.endswith("_id") else name
        collection = "/".join(segments[:last])
        cache[key] = [
            {**parent, name: item[field]}
            for parent in _existing_path_parameters(client, headers, collection, cache)
            for item in _listed(client, headers, collection.format(**parent))
        ]
    return cache[key]


def _listed(client, headers, url: str) -> list[dict]:
    response = client.get(url, query_string={"page_size": 100}, headers=headers)
    return response.get_json() if response.status_code == 200 else []


def _with_known_values(container, known: dict[str, tuple], declared: set[str] = frozenset()):
    """The generated query or body as it is, or with valid values for its fields named in ``known``.

    Fields the body may have (``declared``) are added too: random bodies rarely name a supplier and a
    country together, which a supply-chain declaration needs.
    """
    if not isinstance(container, dict):
        return st.just(container)
    names = known.keys() & (container.keys() | declared)
    if not names:
        return st.just(container)
    listed = {name for name in names if isinstance(container.get(name), list)}
    valid = st.fixed_dictionaries(
        {
            name: st.sampled_from(known[name]).map(lambda value, name=name: [value] if name in listed else value)
            for name in names
        }
    )
    return st.one_of(valid.map(lambda values: {**container, **values}), st.just(container))


def _body_properties(document: dict, operation) -> set[str]:
    """The properties the JSON body of ``operation`` may have, per the OpenAPI document."""
    body = document["paths"][operation.path][operation.method.lower()].get("requestBody", {})
    schema = body.get("content", {}).get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return set(schema.get("properties", {}))


lazy_schema = schemathesis.pytest.from_fixture("api_schema")


@lazy_schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    # Function-scoped fixtures are safe here: each example runs in its own savepoint, rolled back after it.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_no_input_gets_a_server_error_or_an_undocumented_answer(case, connection, world, status_log):
    _send_current_etag(case, connection)
    savepoint = connection.begin_nested()
    try:
        response = case.call(headers=world.headers("admin"))
        # By the method sent: Schemathesis also tries methods the path does not have.
        status_log.statuses[f"{case.method.upper()} {case.operation.path}"][response.status_code] += 1
        case.validate_response(response, checks=CHECKS)
    finally:
        savepoint.rollback()


def _send_current_etag(case, connection) -> None:
    """Replace a generated If-Match by the firm's current ETag, when the path names an existing firm."""
    firm_id = (case.path_parameters or {}).get("firm_id")
    if not case.headers or "If-Match" not in case.headers or type(firm_id) is not int or not 0 < firm_id <= MAX_ID:
        return
    version = connection.scalar(select(Firm.version).where(Firm.id == firm_id))
    if version is not None:
        case.headers["If-Match"] = etag_header(firm_id, version)["ETag"]


def test_every_operation_succeeded(client, status_log):
    """Each operation of the document answered 2xx at least once: validation did not swallow everything."""
    if not status_log.fuzzed:
        pytest.skip("the fuzzing test did not run")
    document = client.get(OPENAPI).get_json()
    operations = [
        f"{method.upper()} {path}" for path, item in document["paths"].items() for method in item if method != "parameters"
    ]
    never = {
        operation: dict(status_log.statuses[operation])
        for operation in operations
        if not any(200 <= status < 300 for status in status_log.statuses[operation])
    }
    assert not never, f"operations that never answered 2xx, with the statuses they gave: {never}"


# Inputs the fuzzer found, or could find only by luck, that once overflowed a query or a text column (5xx).
EDGE_INPUTS = [
    ("GET", "/api/v1/firms/2147483648", None, 404),
    ("GET", f"/api/v1/firms/{2**63}", None, 404),
    ("DELETE", f"/api/v1/tokens/{2**63}", None, 404),
    ("GET", f"/api/v1/firms?page={2**62}", None, 200),
    ("GET", f"/api/v1/taxonomy?page={2**62}", None, 200),
    ("GET", f"/api/v1/tokens?page={2**62}", None, 200),
    ("GET", "/api/v1/taxonomy/%00", None, 404),
    ("GET", "/api/v1/firms?q=%00", None, 422),
    ("POST", "/api/v1/firms", {"name": "Nul\x00Firm", "country": "PL"}, 422),
    ("POST", "/api/v1/tokens", {"email": "admin@test.example", "password": "\x00"}, 422),
]


@pytest.mark.parametrize(("method", "url", "body", "expected"), EDGE_INPUTS)
def test_edge_input_gets_a_client_error_or_an_empty_page(client, world, method, url, body, expected):
    response = client.open(url, method=method, json=body, headers=world.headers("admin"))
    assert response.status_code == expected, response.get_data(as_text=True)
    if expected == 200:
        assert response.get_json() == []


@pytest.mark.parametrize("version", ["v2147483648", f"v{2**63}", None])
def test_if_match_naming_no_possible_version_is_412(client, world, version):
    firm = world.firms["public"]
    headers = {**world.headers("admin"), "If-Match": f'"firm-{firm.id}-{version}"' if version else '""'}
    assert client.patch(f"/api/v1/firms/{firm.id}", json={"city": "Gdańsk"}, headers=headers).status_code == 412

