"""The firm API over HTTP: ETags and preconditions, error bodies, pagination, the OpenAPI document and docs."""
import json
import re

import pytest
from openapi_spec_validator import validate

from tests.factories import make_firm

FIRMS = "/api/v1/firms"
NEW_FIRM = {
    "name": "Thunder Tiger",
    "country": "TW",
    "website": "https://thunder-tiger.example",
    "capabilities": [{"slug": "thermal-imagers", "direction": "offers", "note": "cooled"}],
}


@pytest.fixture
def admin(world) -> dict[str, str]:
    return world.headers("admin")


@pytest.fixture
def firm(client, admin) -> dict:
    """A firm created over the API, with its ETag."""
    response = client.post(FIRMS, json=NEW_FIRM, headers=admin)
    assert response.status_code == 201, response.get_json()
    return {**response.get_json(), "etag": response.headers["ETag"], "location": response.headers["Location"]}


def etag_of(client, firm_id: int, headers) -> str:
    return client.get(f"{FIRMS}/{firm_id}", headers=headers).headers["ETag"]


def with_etag(headers, etag: str) -> dict[str, str]:
    return {**headers, "If-Match": etag}


# Create, read, conditional requests


def test_create_answers_201_with_the_firm_its_etag_and_location(firm):
    assert firm["etag"] == f'"firm-{firm["id"]}-v1"'
    assert firm["location"] == f"{FIRMS}/{firm['id']}"
    assert (firm["name"], firm["country"], firm["visibility"], firm["version"]) == ("Thunder Tiger", "TW", "members", 1)


def test_get_answers_304_when_if_none_match_names_the_current_etag(client, admin, firm):
    url = f"{FIRMS}/{firm['id']}"
    response = client.get(url, headers=admin)
    assert (response.status_code, response.headers["ETag"]) == (200, firm["etag"])
    not_modified = client.get(url, headers={**admin, "If-None-Match": firm["etag"]})
    assert (not_modified.status_code, not_modified.data, not_modified.headers["ETag"]) == (304, b"", firm["etag"])
    client.patch(url, json={"city": "Taichung"}, headers=with_etag(admin, firm["etag"]))
    assert client.get(url, headers={**admin, "If-None-Match": firm["etag"]}).status_code == 200


def test_a_list_page_answers_304_until_what_it_shows_changes(client, admin, firm):
    url = f"{FIRMS}?country=TW"
    page = client.get(url, headers=admin)
    etag = page.headers["ETag"]
    not_modified = client.get(url, headers={**admin, "If-None-Match": etag})
    assert (not_modified.status_code, not_modified.data) == (304, b"")
    assert client.get(f"{FIRMS}?country=PL", headers=admin).headers["ETag"] != etag
    client.patch(f"{FIRMS}/{firm['id']}", json={"city": "Taichung"}, headers=with_etag(admin, firm["etag"]))
    changed = client.get(url, headers={**admin, "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_patch_without_if_match_is_428(client, admin, firm):
    response = client.patch(f"{FIRMS}/{firm['id']}", json={"city": "Taichung"}, headers=admin)
    assert response.status_code == 428


def test_patch_with_a_stale_etag_is_412_and_changes_nothing(client, admin, firm):
    url = f"{FIRMS}/{firm['id']}"
    assert client.patch(url, json={"city": "Taichung"}, headers=with_etag(admin, firm["etag"])).status_code == 200
    assert client.patch(url, json={"city": "Tainan"}, headers=with_etag(admin, firm["etag"])).status_code == 412
    assert client.get(url, headers=admin).get_json()["city"] == "Taichung"


def test_patch_with_another_firms_etag_is_412(client, admin, session, firm):
    other = make_firm(session)
    other_etag = etag_of(client, other.id, admin)
    assert other_etag.replace(str(other.id), str(firm["id"]), 1) == firm["etag"]  # same version, other firm
    response = client.patch(f"{FIRMS}/{firm['id']}", json={"city": "Tainan"}, headers=with_etag(admin, other_etag))
    assert response.status_code == 412


def test_patch_with_star_skips_the_version_check(client, admin, firm):
    response = client.patch(f"{FIRMS}/{firm['id']}", json={"city": "Tainan"}, headers=with_etag(admin, "*"))
    assert response.status_code == 200
    assert response.headers["ETag"] == f'"firm-{firm["id"]}-v2"'
    assert response.get_json()["city"] == "Tainan"


def _contact_url(client, admin, firm_id):
    contact = client.get(f"{FIRMS}/{firm_id}/contacts", headers=admin).get_json()[0]
    return f"{FIRMS}/{firm_id}/contacts/{contact['id']}"


def _tag_url(client, admin, firm_id):
    tag = client.get(f"{FIRMS}/{firm_id}/capabilities", headers=admin).get_json()[0]
    return f"{FIRMS}/{firm_id}/capabilities/{tag['id']}"


SUB_RESOURCE_WRITES = {
    "add contact": ("POST", lambda c, h, f: f"{FIRMS}/{f}/contacts", {"name": "Ada Lin"}, 201),
    "change contact": ("PATCH", _contact_url, {"role": "CTO"}, 200),
    "remove contact": ("DELETE", _contact_url, None, 204),
    "add tag": ("POST", lambda c, h, f: f"{FIRMS}/{f}/capabilities", {"slug": "gimbals", "direction": "seeks"}, 201),
    "change tag": ("PATCH", _tag_url, {"note": "uncooled too"}, 200),
    "remove tag": ("DELETE", _tag_url, None, 204),
}


@pytest.mark.parametrize("write", SUB_RESOURCE_WRITES)
def test_sub_resource_write_answers_the_firms_new_etag(client, admin, session, write):
    method, url_of, body, status = SUB_RESOURCE_WRITES[write]
    firm_id = make_firm(session).id
    old = etag_of(client, firm_id, admin)
    url = url_of(client, admin, firm_id)
    response = client.open(url, method=method, json=body, headers=with_etag(admin, old))
    assert response.status_code == status, response.get_json()
    assert response.headers["ETag"] == etag_of(client, firm_id, admin) == f'"firm-{firm_id}-v2"'
    stale = client.patch(f"{FIRMS}/{firm_id}", json={"city": "Opole"}, headers=with_etag(admin, old))
    assert stale.status_code == 412


def test_sub_resource_write_with_a_stale_etag_is_412(client, admin, session):
    firm_id = make_firm(session).id
    old = etag_of(client, firm_id, admin)
    client.patch(f"{FIRMS}/{firm_id}", json={"city": "Opole"}, headers=with_etag(admin, old))
    response = client.post(f"{FIRMS}/{firm_id}/contacts", json={"name": "Late"}, headers=with_etag(admin, old))
    assert response.status_code == 412
    assert len(client.get(f"{FIRMS}/{firm_id}/contacts", headers=admin).get_json()) == 1


def test_delete_is_204_then_the_firm_is_gone(client, admin, firm):
    url = f"{FIRMS}/{firm['id']}"
    assert client.delete(url, headers=with_etag(admin, firm["etag"])).status_code == 204
    assert client.get(url, headers=admin).status_code == 404
    listed = client.get(f"{FIRMS}?page_size=100", headers=admin).get_json()
    assert firm["id"] not in [item["id"] for item in listed]


# Error bodies


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**NEW_FIRM, "colour": "red"}, "colour"),
        ({**NEW_FIRM, "website": "not a url"}, "website"),
        ({**NEW_FIRM, "website": "ftp://thunder-tiger.example"}, "website"),
        ({**NEW_FIRM, "visibility": "secret"}, "visibility"),
        ({**NEW_FIRM, "size_band": "huge"}, "size_band"),
        ({**NEW_FIRM, "country": "Taiwan"}, "country"),
        ({"country": "TW"}, "name"),
        ({**NEW_FIRM, "capabilities": [{"slug": "gimbals", "direction": "sideways"}]}, "capabilities"),
    ],
)
def test_invalid_body_is_422_with_a_message_for_the_field(client, admin, body, field):
    response = client.post(FIRMS, json=body, headers=admin)
    assert response.status_code == 422
    assert response.get_json()["errors"]["json"][field]


@pytest.mark.parametrize(
    ("query", "field"),
    [("page_size=101", "page_size"), ("page=0", "page"), ("direction=up", "direction"), ("country=POL", "country")],
)
def test_invalid_query_is_422_with_a_message_for_the_parameter(client, query, field):
    response = client.get(f"{FIRMS}?{query}")
    assert response.status_code == 422
    assert response.get_json()["errors"]["query"][field]


def test_business_rule_breach_is_422_with_a_message_for_the_field(client, admin):
    response = client.post(FIRMS, json={**NEW_FIRM, "country": "DE"}, headers=admin)
    assert response.status_code == 422
    assert response.get_json()["errors"]["json"]["country"]


def test_duplicate_firm_is_409_with_a_message_for_the_name(client, admin, firm):
    response = client.post(FIRMS, json={**NEW_FIRM, "name": "THUNDER tiger", "capabilities": []}, headers=admin)
    assert response.status_code == 409
    assert response.get_json()["errors"]["json"]["name"]


def test_renaming_onto_another_firms_name_is_409(client, admin, session, firm):
    other = make_firm(session, country="TW")
    response = client.patch(f"{FIRMS}/{other.id}", json={"name": "Thunder-Tiger"}, headers=with_etag(admin, "*"))
    assert response.status_code == 409
    assert response.get_json()["errors"]["json"]["name"]


def test_body_over_the_size_limit_is_413_json(app, client, admin):
    limit = app.config["MAX_CONTENT_LENGTH"]
    body = json.dumps({**NEW_FIRM, "description": "x" * limit})
    response = client.post(FIRMS, data=body, content_type="application/json", headers=admin)
    assert response.status_code == 413
    assert response.get_json()["code"] == 413
    assert str(limit) in response.get_json()["message"]


def test_answers_vary_on_the_token_since_masking_depends_on_it(client, firm):
    assert "Authorization" in client.get(FIRMS).headers["Vary"]


@pytest.mark.parametrize("url", ["/no-such-page", "/api/v1/no-such-resource", f"{FIRMS}/999999"])
def test_unknown_route_or_firm_is_404_json(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.get_json()["code"] == 404


@pytest.mark.parametrize("authorization", ["Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer mm_not-a-token", "mm_token-without-scheme"])
def test_bad_authorization_is_401_asking_for_a_bearer_token(client, authorization):
    response = client.get(FIRMS, headers={"Authorization": authorization})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.get_json()["message"]


# Listing


def test_list_pagination_header_has_total_and_pages(client, admin, session):
    for _ in range(5):
        make_firm(session, country="UA")
    response = client.get(f"{FIRMS}?country=UA&page_size=2&page=3", headers=admin)
    pagination = json.loads(response.headers["X-Pagination"])
    assert (pagination["total"], pagination["total_pages"], pagination["page"]) == (5, 3, 3)
    assert len(response.get_json()) == 1


def test_list_items_carry_identity_and_capabilities(client, admin, firm):
    [item] = client.get(f"{FIRMS}?q=thunder", headers=admin).get_json()
    assert (item["id"], item["name"], item["country"], item["visibility"]) == (firm["id"], "Thunder Tiger", "TW", "members")
    assert [{key: tag[key] for key in ("slug", "direction", "role_kind", "inferred")} for tag in item["capabilities"]] == [
        {"slug": "thermal-imagers", "direction": "offers", "role_kind": "components", "inferred": False}
    ]


def test_list_filters_by_capability_with_descendants(client, admin, firm):
    def found(query):
        return [item["id"] for item in client.get(f"{FIRMS}?page_size=100&{query}", headers=admin).get_json()]

    assert firm["id"] in found("capability=payloads&direction=offers")
    assert firm["id"] not in found("capability=payloads&direction=seeks")
    assert firm["id"] not in found("capability=energy")
    assert client.get(f"{FIRMS}?capability=warp-drives").get_json()["errors"]["query"]["capability"]


# The OpenAPI document and the docs page


@pytest.fixture
def openapi(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_openapi_document_is_valid(openapi):
    validate(openapi)


def test_every_operation_has_a_summary(openapi):
    operations = [
        (method.upper(), path, operation.get("summary"))
        for path, item in openapi["paths"].items()
        for method, operation in item.items()
        if method in {"get", "put", "post", "patch", "delete"}
    ]
    assert len(operations) >= 15
    assert [op for op in operations if not op[2]] == []


def test_docs_page_uses_only_local_assets_that_exist(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    sources = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', page.get_data(as_text=True))
    assert sources and not [source for source in sources if "//" in source]
    for source in sources:
        with client.get(source) as asset:
            assert asset.status_code == 200, source


def test_health(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"


@pytest.mark.parametrize(("path", "body"), [("contacts", {"name": "Ada Lin"}), ("capabilities", {"slug": "gimbals", "direction": "seeks"})])
def test_sub_resource_post_answers_a_location_that_reads_it_back(client, admin, firm, path, body):
    created = client.post(f"{FIRMS}/{firm['id']}/{path}", json=body, headers=with_etag(admin, firm["etag"]))
    read = client.get(created.headers["Location"], headers=admin)
    assert (created.status_code, read.status_code, read.get_json()) == (201, 200, created.get_json())


def test_a_method_the_resource_lacks_is_405_naming_the_allowed_ones(client):
    response = client.put(FIRMS)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


# Application areas


def test_the_item_shows_the_application_areas_the_matchmaker_reads(client, admin):
    new = {**NEW_FIRM, "description": "Розробляємо морські дрони.",
           "capabilities": [{"slug": "thermal-imagers", "direction": "seeks", "note": "for demining teams"}]}
    created = client.post(FIRMS, json=new, headers=admin).get_json()
    assert created["application_areas"] == ["maritime and naval drones", "demining"]


def test_a_masked_firm_withholds_its_application_areas(client, world, session):
    firm = world.firms["discreet_pl"]
    firm.description = "Naval surface drones."
    session.commit()
    body = client.get(f"{FIRMS}/{firm.id}", headers=world.headers("observer")).get_json()
    assert body["masked"] is True and body["application_areas"] is None
    assert client.get(f"{FIRMS}/{firm.id}", headers=world.headers("admin")).get_json()["application_areas"] == [
        "maritime and naval drones"]
