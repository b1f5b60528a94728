"""The access table, endpoint by endpoint and role by role, and the canary that must never leak.

Every endpoint of the app must have a row here: a new endpoint without one fails
``test_every_endpoint_is_in_the_access_table``.
"""
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from flask import url_for
from sqlalchemy import or_, select

from matchmaker.domain.access import Actor
from matchmaker.domain.enums import JobStatus, Role
from matchmaker.services import claims, jobs
from matchmaker.models import Certification, Contact, Firm, FirmCapability, MatchExclusion, SupplyDeclaration
from tests.factories import CANARY_SECRETS, PASSWORD

ROLES = ("anonymous", "observer", "firm_editor", "reviewer", "organizer", "admin")

# Per target firm, the answer each role in ROLES gets.
# F: 200 in full, M: 200 masked, ok: the operation's success status.
READ_FIRM = {
    "public":      "F   F   F   F   F  F",
    "members":     "404 F   F   F   F  F",
    "discreet_pl": "404 M   M   F   F  F",
    "discreet_tw": "404 M   M   M   F  F",
    "suspended":   "404 404 404 404 F  F",
    "own":         "404 M   F   M   F  F",
}
READ_CONTACTS = {
    "public":      "401 404 404 200 200 200",
    "members":     "401 404 404 200 200 200",
    "discreet_pl": "401 404 404 200 200 200",
    "discreet_tw": "401 404 404 404 200 200",
    "suspended":   "401 404 404 404 200 200",
    "own":         "401 404 200 404 200 200",
}
READ_DETAILS = {
    "public":      "401 200 200 200 200 200",
    "members":     "401 200 200 200 200 200",
    "discreet_pl": "401 404 404 200 200 200",
    "discreet_tw": "401 404 404 404 200 200",
    "suspended":   "401 404 404 404 200 200",
    "own":         "401 404 200 404 200 200",
}
SUGGESTIONS = {
    "public":      "401 403 403 403 200 200",
    "members":     "401 403 403 403 200 200",
    "discreet_pl": "401 403 403 403 200 200",
    "discreet_tw": "401 403 403 403 200 200",
    "suspended":   "401 404 404 404 200 200",
    "own":         "401 403 200 403 200 200",
}
CHANGE = {
    "public":      "401 403 403 403 ok ok",
    "members":     "401 403 403 403 ok ok",
    "discreet_pl": "401 403 403 403 ok ok",
    "discreet_tw": "401 403 403 403 ok ok",
    "suspended":   "401 404 404 404 ok ok",
    "own":         "401 403 ok  403 ok ok",
}


@dataclass(frozen=True)
class Case:
    expected: dict[str, str] | str  # per target firm, or one line for endpoints outside a firm
    ok: int = 200
    json: dict | Callable | None = None  # or a function of (world, target firm) giving the body
    args: dict = field(default_factory=dict)
    upload: bytes | None = None  # sent as the multipart field "file"


FIRM_SCOPED = {
    ("firms.FirmById", "GET"): Case(READ_FIRM),
    ("firms.FirmById", "PATCH"): Case(CHANGE, json={"city": "Gdańsk"}),
    ("firms.FirmById", "DELETE"): Case(CHANGE, ok=204),
    ("contacts.Contacts", "GET"): Case(READ_CONTACTS),
    ("contacts.Contacts", "POST"): Case(CHANGE, ok=201, json={"name": "New Person"}),
    ("contacts.ContactById", "GET"): Case(READ_CONTACTS),
    ("contacts.ContactById", "PATCH"): Case(CHANGE, json={"role": "CTO"}),
    ("contacts.ContactById", "DELETE"): Case(CHANGE, ok=204),
    ("firm_capabilities.FirmCapabilities", "GET"): Case(READ_FIRM),
    ("firm_capabilities.FirmCapabilities", "POST"): Case(CHANGE, ok=201, json={"slug": "gimbals", "direction": "offers"}),
    ("firm_capabilities.FirmCapabilityById", "GET"): Case(READ_FIRM),
    ("firm_capabilities.FirmCapabilityById", "PATCH"): Case(CHANGE, json={"note": "uncooled too"}),
    ("firm_capabilities.FirmCapabilityById", "DELETE"): Case(CHANGE, ok=204),
    ("certifications.Certifications", "GET"): Case(READ_DETAILS),
    ("certifications.Certifications", "POST"): Case(CHANGE, ok=201, json={"kind": "iso_9001", "reference": "Q-1"}),
    ("certifications.CertificationById", "GET"): Case(READ_DETAILS),
    ("certifications.CertificationById", "PATCH"): Case(CHANGE, json={"reference": "Q-2"}),
    ("certifications.CertificationById", "DELETE"): Case(CHANGE, ok=204),
    ("supply_chain.Declarations", "GET"): Case(READ_DETAILS),
    ("supply_chain.Declarations", "POST"): Case(
        CHANGE, ok=201, json={"category": "motors", "supplier": "Acme Motors", "country": "TW"}
    ),
    ("supply_chain.DeclarationById", "GET"): Case(READ_DETAILS),
    ("supply_chain.DeclarationById", "PATCH"): Case(CHANGE, json={"supplier": "Other Motors"}),
    ("supply_chain.DeclarationById", "DELETE"): Case(CHANGE, ok=204),
    ("claims.ClaimInvitations", "POST"): Case({target: "401 403 403 403 ok ok" for target in CHANGE}, ok=201, json={}),
    ("matching.FirmSuggestions", "GET"): Case(SUGGESTIONS),
    ("matching.Exclusions", "GET"): Case(CHANGE),
    ("matching.Exclusions", "POST"): Case(CHANGE, ok=201, json=lambda world, target: {"other_firm_id": _partner(world, target)}),
    ("matching.ExclusionById", "DELETE"): Case(CHANGE, ok=204),
}
NEW_FIRM = {"name": "Brand New Firm", "country": "CZ"}
EVERYONE = "200 200 200 200 200 200"
USERS_ONLY = "401 200 200 200 200 200"
STAFF_ONLY = "401 403 403 403 200 200"
GLOBAL = {
    ("firms.Firms", "GET"): Case(EVERYONE),
    ("firms.Firms", "POST"): Case("401 403 201 403 201 201", json=NEW_FIRM),
    ("firms.FirmExport", "GET"): Case(EVERYONE),
    ("taxonomy.Taxonomy", "GET"): Case(EVERYONE),
    ("taxonomy.CapabilityBySlug", "GET"): Case(EVERYONE, args={"slug": "payloads"}),
    ("tokens.Tokens", "GET"): Case(USERS_ONLY),
    # Anonymous callers send a wrong password; the others their own credentials.
    ("tokens.Tokens", "POST"): Case("401 201 201 201 201 201"),
    ("tokens.TokenById", "DELETE"): Case("401 204 204 204 204 204"),
    ("tokens.Me", "GET"): Case(USERS_ONLY),
    ("imports.Imports", "POST"): Case(STAFF_ONLY.replace("200", "202"), upload=b"name,country\nNew Member,PL\n"),
    ("imports.Imports", "GET"): Case(STAFF_ONLY),
    ("imports.ImportById", "GET"): Case(STAFF_ONLY),
    ("matching.MatchRuns", "POST"): Case("401 403 403 403 202 202", json={"top": 5}),
    ("matching.MatchRuns", "GET"): Case(STAFF_ONLY),
    ("matching.MatchRunById", "GET"): Case(STAFF_ONLY),
    ("matching.Proposals", "GET"): Case("401 403 200 200 200 200"),
    ("duplicates.Duplicates", "GET"): Case(STAFF_ONLY),
    ("duplicates.Merges", "POST"): Case("401 403 403 403 201 201"),
    # Redeeming needs the invitation's secret, not a token: anyone holding one may.
    ("claims.Claims", "POST"): Case("201 201 201 201 201 201"),
    ("health.Health", "GET"): Case(EVERYONE),
    ("api-docs.openapi_json", "GET"): Case(EVERYONE),
    ("api-docs.openapi_swagger_ui", "GET"): Case(EVERYONE),
    ("swagger_ui_assets.asset", "GET"): Case(EVERYONE, args={"filename": "swagger-ui.css"}),
}


def test_every_endpoint_is_in_the_access_table(app):
    routed = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routed == FIRM_SCOPED.keys() | GLOBAL.keys()


def _expectations(line: str) -> dict[str, str]:
    return dict(zip(ROLES, line.split(), strict=True))


def _firm_url(app, endpoint: str, session, firm: Firm) -> str:
    rule = next(app.url_map.iter_rules(endpoint))
    part_ids = {
        "contact_id": Contact, "tag_id": FirmCapability, "certification_id": Certification,
        "declaration_id": SupplyDeclaration,
    }
    ids = {name: session.scalar(select(model.id).where(model.firm_id == firm.id)) for name, model in part_ids.items()}
    ids["exclusion_id"] = session.scalar(
        select(MatchExclusion.id).where(or_(MatchExclusion.firm_id == firm.id, MatchExclusion.other_firm_id == firm.id))
    )
    ids["firm_id"] = firm.id
    with app.test_request_context():
        return url_for(endpoint, **{name: ids[name] for name in rule.arguments})


def _if_match(connection, firm: Firm) -> dict[str, str]:
    version = connection.execute(select(Firm.version).where(Firm.id == firm.id)).scalar_one()
    return {"If-Match": f'"firm-{firm.id}-v{version}"'}


def _request_in_savepoint(client, connection, method, url, **kwargs):
    """Send one request and undo what it wrote, so each role meets the same world."""
    savepoint = connection.begin_nested()
    try:
        response = client.open(url, method=method, **kwargs)
        response.get_data()  # buffer the body, then close: a file response holds the file open
        response.close()
        return response
    finally:
        savepoint.rollback()


@pytest.mark.parametrize(("endpoint", "method"), sorted(FIRM_SCOPED))
def test_firm_scoped_access(app, client, connection, session, world, endpoint, method):
    case = FIRM_SCOPED[(endpoint, method)]
    failures = []
    for target, line in case.expected.items():
        firm = world.firms[target]
        url = _firm_url(app, endpoint, session, firm)
        body = case.json(world, target) if callable(case.json) else case.json
        for role, expected in _expectations(line).items():
            headers = {**world.headers(role), **_if_match(connection, firm)}
            response = _request_in_savepoint(client, connection, method, url, headers=headers, json=body)
            outcome = _outcome(response, case.ok, expected)
            if outcome != expected:
                failures.append(f"{role} on {target}: expected {expected}, got {outcome} {response.get_data(as_text=True)[:120]}")
    assert not failures, f"{method} {endpoint}:\n" + "\n".join(failures)


def _outcome(response, ok: int, expected: str) -> str:
    """Name the response as the tables do: F or M for a read firm, ok for the success status."""
    if response.status_code == 200 and expected in ("F", "M"):
        body = response.get_json()
        # Tags show masking by withholding notes; every test firm's first tag has one.
        tag = body[0] if isinstance(body, list) else body
        masked = body["masked"] if "masked" in body else tag["note"] is None
        return "M" if masked else "F"
    if response.status_code == ok and expected == "ok":
        return "ok"
    return str(response.status_code)


@pytest.mark.parametrize(("endpoint", "method"), sorted(GLOBAL))
def test_global_access(app, client, connection, session, world, endpoint, method):
    case = GLOBAL[(endpoint, method)]
    failures = []
    for role, expected in _expectations(case.expected).items():
        args, body = dict(case.args), case.json
        if endpoint == "tokens.TokenById":
            args["token_id"] = _own_token_id(client, world, role)
        if endpoint == "tokens.Tokens" and method == "POST":
            body = _credentials(world, role)
        if endpoint == "imports.ImportById":
            args["import_id"] = _an_import(session)
        if endpoint in ("matching.MatchRunById", "matching.Proposals"):
            args.setdefault("run_id", _a_succeeded_run(session))
            if endpoint == "matching.Proposals":
                args = {}
        if endpoint == "duplicates.Merges":
            body = {"survivor_id": world.firms["public"].id, "merged_id": world.firms["members"].id}
        if endpoint == "claims.Claims":
            body = _claim(session, world, role)
        with app.test_request_context():
            url = url_for(endpoint, **args)
        payload = {"data": {"file": (io.BytesIO(case.upload), "members.csv")}} if case.upload else {"json": body}
        response = _request_in_savepoint(client, connection, method, url, headers=world.headers(role), **payload)
        if str(response.status_code) != expected:
            failures.append(f"{role}: expected {expected}, got {response.status_code}")
    assert not failures, f"{method} {endpoint}:\n" + "\n".join(failures)


def _own_token_id(client, world, role: str) -> int:
    if role == "anonymous":
        return 1
    return client.get("/api/v1/tokens", headers=world.headers(role)).get_json()[0]["id"]


def _claim(session, world, role: str) -> dict:
    _invitation, secret = claims.invite_claim(
        session=session, actor=Actor(role=Role.ADMIN), firm_id=world.firms["public"].id
    )
    return {"token": secret, "email": f"claimant-{role}@firm.example", "password": PASSWORD}


def _a_succeeded_run(session) -> int:
    run = jobs.create_job(session=session, actor=Actor(role=Role.ADMIN), kind="match", params={})
    run.status = JobStatus.SUCCEEDED
    session.commit()
    return run.id


def _partner(world, target: str) -> int:
    """A firm to exclude that the target is not excluded from yet (see the world's chain) and that
    everyone who may change the target can see."""
    return world.firms["own" if target in ("public", "members") else "public"].id


def _an_import(session) -> int:
    return jobs.create_job(session=session, actor=Actor(role=Role.ADMIN), kind="import", params={}).id


def _credentials(world, role: str) -> dict:
    if role == "anonymous":
        return {"email": world.users["admin"].email, "password": "not the password"}
    return {"email": world.users[role].email, "password": PASSWORD}


LISTED = {
    "anonymous": {"public": "F"},
    "observer": {"public": "F", "members": "F", "discreet_pl": "M", "discreet_tw": "M", "own": "M"},
    "firm_editor": {"public": "F", "members": "F", "discreet_pl": "M", "discreet_tw": "M", "own": "F"},
    "reviewer": {"public": "F", "members": "F", "discreet_pl": "F", "discreet_tw": "M", "own": "M"},
    "organizer": {target: "F" for target in READ_FIRM},
    "admin": {target: "F" for target in READ_FIRM},
}


@pytest.mark.parametrize("role", ROLES)
def test_firm_list_shows_what_the_role_may_see(client, world, role):
    response = client.get("/api/v1/firms?page_size=100", headers=world.headers(role))
    by_id = {item["id"]: item for item in response.get_json()}
    seen = {
        target: "M" if by_id[firm.id]["masked"] else "F"
        for target, firm in world.firms.items()
        if firm.id in by_id
    }
    assert seen == LISTED[role]
    assert json.loads(response.headers["X-Pagination"])["total"] == len(by_id)


NOT_ALLOWED_TO_SEE_CANARY = ("anonymous", "observer", "firm_editor", "reviewer")
CANARY_QUERIES = (
    "/api/v1/firms?page_size=100",
    "/api/v1/firms?q=Quokkaflight",
    "/api/v1/firms?q=quokkaflight%20canary",
    "/api/v1/firms?q=%E9%87%91%E7%B5%B2%E9%9B%80",
    "/api/v1/firms?q=zyzzyvaburg",
    "/api/v1/firms?q=xylophonic",
    "/api/v1/firms?country=TW&page_size=100",
    "/api/v1/firms?capability=payloads&direction=offers",
    "/api/v1/firms?capability=no-such-capability",
    "/api/v1/firms?page=2&page_size=1",
    "/api/v1/firms/export?format=csv",
    "/api/v1/firms/export?format=json&country=TW",
    "/api/v1/firms/export?format=xlsx",
    "/api/v1/firms/export?format=csv&certification=iso_9001",
)


@pytest.mark.parametrize("role", NOT_ALLOWED_TO_SEE_CANARY)
def test_canary_never_reaches_a_role_that_may_not_see_it(app, client, connection, session, world, role):
    canary = world.firms["discreet_tw"]
    urls = list(CANARY_QUERIES)
    urls += [_firm_url(app, endpoint, session, canary) for endpoint, method in FIRM_SCOPED if method == "GET"]
    responses = [client.get(url, headers=world.headers(role)) for url in urls]
    for endpoint, method in FIRM_SCOPED:
        if method != "GET":
            url = _firm_url(app, endpoint, session, canary)
            headers = {**world.headers(role), **_if_match(connection, canary)}
            body = FIRM_SCOPED[(endpoint, method)].json
            body = body(world, "discreet_tw") if callable(body) else body
            responses.append(_request_in_savepoint(client, connection, method, url, headers=headers, json=body))
    for url, response in zip(urls, responses):
        text = _text_of(response) + str(response.headers)
        leaked = [secret for secret in CANARY_SECRETS if secret in text]
        assert not leaked, f"{role} saw {leaked} in {url}"


def _text_of(response) -> str:
    """The body as text; an XLSX export is a zip of XML parts, read part by part."""
    if response.mimetype.endswith("spreadsheetml.sheet"):
        with zipfile.ZipFile(io.BytesIO(response.get_data())) as workbook:
            return "".join(workbook.read(name).decode("utf-8") for name in workbook.namelist())
    return response.get_data(as_text=True)


def test_canary_is_found_by_those_who_may_see_it(client, world):
    """The canary test above could not fail if the canary were never found at all."""
    for role in ("organizer", "admin"):
        response = client.get("/api/v1/firms?q=quokkaflight", headers=world.headers(role))
        assert [item["id"] for item in response.get_json()] == [world.firms["discreet_tw"].id]
        assert "Quokkaflight" in response.get_data(as_text=True)
        assert "Quokkaflight" in _text_of(client.get("/api/v1/firms/export?format=xlsx", headers=world.headers(role)))
