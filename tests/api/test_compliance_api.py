"""Certifications, supply-chain declarations and contact erasure over HTTP: versions, verification,
the statuses derived on every read, the list filters, masking, and what an erasure leaves behind."""
from datetime import timedelta

import pytest
from sqlalchemy import or_, select

from matchmaker.domain.compliance import CertificationKind, ComponentCategory
from matchmaker.models import Certification, Contact, Erasure, SupplyDeclaration
from matchmaker.models.base import utcnow
from matchmaker.services.compliance_status import today
from tests.factories import make_firm

FIRMS = "/api/v1/firms"
PARTS = {"certification": "certifications", "declaration": "supply-chain"}
# A valid body of each part, with evidence the tests later change.
BODIES = {
    "certification": {"kind": "iso_9001", "reference": "Q-1", "evidence_url": "https://evidence.example/iso"},
    "declaration": {
        "category": "motors", "supplier": "Formosa Motors", "country": "TW",
        "evidence_url": "https://evidence.example/bom",
    },
}
NA = "n/a"  # a country meaning "not applicable" in the declarations below


# Helpers


def firm_url(firm_id: int, path: str | None = None, part_id: int | None = None) -> str:
    return "/".join(str(piece) for piece in (FIRMS, firm_id, path, part_id) if piece is not None)


def etag_of(client, firm_id: int, headers) -> str:
    return client.get(firm_url(firm_id), headers=headers).headers["ETag"]


def send(client, method: str, url: str, firm_id: int, headers, body=None, *, etag: str | None = None):
    """A write to a firm or its parts, with If-Match naming the firm's ETag as ``headers`` read it now."""
    etag = etag or etag_of(client, firm_id, headers)
    return client.open(url, method=method, json=body, headers={**headers, "If-Match": etag})


def add(client, firm_id: int, part: str, headers, body) -> dict:
    response = send(client, "POST", firm_url(firm_id, PARTS[part]), firm_id, headers, body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def change(client, firm_id: int, part: str, part_id: int, headers, changes):
    return send(client, "PATCH", firm_url(firm_id, PARTS[part], part_id), firm_id, headers, changes)


def item(client, firm_id: int, headers) -> dict:
    response = client.get(firm_url(firm_id), headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def listed(client, headers, query: str) -> set[int]:
    response = client.get(f"{FIRMS}?page_size=100&{query}", headers=headers)
    assert response.status_code == 200, response.get_json()
    return {firm["id"] for firm in response.get_json()}


def declaration_body(category: ComponentCategory, country: str) -> dict:
    if country == NA:
        return {"category": category.value, "not_applicable": True}
    return {"category": category.value, "supplier": f"{category.label} maker", "country": country}


def declare_all(client, firm_id: int, headers, country: str = "PL", **countries: str) -> dict[str, int]:
    """Declare every category, made in ``country`` unless named otherwise; the row ids by category."""
    bodies = {c.value: declaration_body(c, countries.get(c.value, country)) for c in ComponentCategory}
    return {category: add(client, firm_id, "declaration", headers, body)["id"] for category, body in bodies.items()}


def new_firm(session, **fields) -> int:
    return make_firm(session, capabilities=[], contacts=[], **fields).id


def firm_with(session, countries=None, *, verified: bool = False, certifications=()) -> int:
    """A firm with a declaration {category: country or NA} and certifications [(kind, expires_on)], stored directly."""
    firm_id = new_firm(session)
    for category, country in (countries or {}).items():
        applicable = country != NA
        session.add(
            SupplyDeclaration(
                firm_id=firm_id, category=category, not_applicable=not applicable,
                supplier=f"{category.label} maker" if applicable else None, country=country if applicable else None,
                verified_at=utcnow() if verified else None,
            )
        )
    for kind, expires_on in certifications:
        session.add(Certification(firm_id=firm_id, kind=kind, reference=f"{kind} listing", expires_on=expires_on))
    session.commit()
    return firm_id


def everywhere(country: str = "PL", **countries: str) -> dict[ComponentCategory, str]:
    return {c: countries.get(c.value, country) for c in ComponentCategory}


@pytest.fixture
def admin(world) -> dict[str, str]:
    return world.headers("admin")


# Versions


@pytest.mark.parametrize("part", PARTS)
def test_adding_needs_if_match_and_raises_the_firms_etag(client, session, admin, part):
    firm_id = new_firm(session)
    url = firm_url(firm_id, PARTS[part])
    old = etag_of(client, firm_id, admin)
    assert client.post(url, json=BODIES[part], headers=admin).status_code == 428
    created = send(client, "POST", url, firm_id, admin, BODIES[part], etag=old)
    assert created.status_code == 201, created.get_json()
    assert created.headers["ETag"] == etag_of(client, firm_id, admin) == f'"firm-{firm_id}-v2"' != old
    assert send(client, "POST", url, firm_id, admin, BODIES[part], etag=old).status_code == 412
    assert client.get(created.headers["Location"], headers=admin).get_json() == created.get_json()
    assert len(client.get(url, headers=admin).get_json()) == 1


@pytest.mark.parametrize("part", PARTS)
def test_changing_and_removing_raise_the_firms_etag(client, session, admin, part):
    firm_id = new_firm(session)
    part_id = add(client, firm_id, part, admin, BODIES[part])["id"]
    before = etag_of(client, firm_id, admin)
    changed = change(client, firm_id, part, part_id, admin, {"evidence_note": "Checked at the plant."})
    assert changed.status_code == 200 and changed.headers["ETag"] != before
    removed = send(client, "DELETE", firm_url(firm_id, PARTS[part], part_id), firm_id, admin)
    assert removed.status_code == 204 and removed.headers["ETag"] == etag_of(client, firm_id, admin)
    assert client.get(firm_url(firm_id, PARTS[part], part_id), headers=admin).status_code == 404


# Statuses derived from the declaration


def test_declarations_drive_the_non_red_status(client, session, world, admin):
    firm_id = new_firm(session)
    fresh = item(client, firm_id, admin)["supply_chain"]
    assert fresh["status"] == "incomplete"
    assert all(c.label.lower() in fresh["reasons"][0] for c in ComponentCategory)

    rows = declare_all(client, firm_id, admin, motors="cn")  # any case; stored upper-case
    red = item(client, firm_id, admin)["supply_chain"]
    assert red == {"status": "red_flagged", "reasons": ["Motors made in CN, a country of concern."]}

    assert change(client, firm_id, "declaration", rows["motors"], admin, {"country": "DE"}).status_code == 200
    assert item(client, firm_id, admin)["supply_chain"]["status"] == "declared_clean"

    organizer = world.headers("organizer")
    for row_id in rows.values():
        assert change(client, firm_id, "declaration", row_id, organizer, {"verified": True}).status_code == 200
    assert item(client, firm_id, admin)["supply_chain"]["status"] == "verified_clean"


def test_an_undeclared_category_is_named(client, session, admin):
    firm_id = new_firm(session)
    for category in ComponentCategory:
        if category is not ComponentCategory.BATTERIES:
            add(client, firm_id, "declaration", admin, declaration_body(category, "PL"))
    supply_chain = item(client, firm_id, admin)["supply_chain"]
    assert supply_chain == {"status": "incomplete", "reasons": ["Not declared: batteries."]}


def test_all_us_parts_make_the_firm_us_eligible_and_one_foreign_part_does_not(client, session, admin):
    firm_id = new_firm(session)
    rows = declare_all(client, firm_id, admin, "US", magnets=NA)
    assert item(client, firm_id, admin)["us_market"]["eligible"] is True
    change(client, firm_id, "declaration", rows["chips"], admin, {"country": "TW"})
    us_market = item(client, firm_id, admin)["us_market"]
    assert us_market["eligible"] is False
    assert "Made outside the US: chips." in us_market["reasons"]


def test_an_expired_blue_uas_listing_shows_expired_and_does_not_make_the_firm_eligible(client, session, admin):
    firm_id = new_firm(session)
    yesterday = (today() - timedelta(days=1)).isoformat()
    expired = add(client, firm_id, "certification", admin, {
        "kind": "blue_uas_cleared", "reference": "BUAS-17", "issued_on": "2024-01-10", "expires_on": yesterday,
    })
    assert expired["status"] == "expired"
    listing = client.get(firm_url(firm_id, "certifications"), headers=admin).get_json()
    assert [c["status"] for c in listing] == ["expired"]
    firm = item(client, firm_id, admin)
    assert firm["certifications"] == [{"kind": "blue_uas_cleared", "status": "expired", "verified": False}]
    assert firm["us_market"]["eligible"] is False
    assert "No valid Blue UAS listing." in firm["us_market"]["reasons"]
    assert firm_id not in listed(client, admin, "certification=blue_uas_cleared")
    assert firm_id not in listed(client, admin, "us_market_eligible=true")


def test_a_blue_uas_listing_is_valid_through_its_expiry_day(client, session, admin):
    firm_id = new_firm(session)
    valid = add(client, firm_id, "certification", admin, {
        "kind": "blue_uas_framework", "reference": "BUAS-F-3", "expires_on": today().isoformat(),
    })
    assert valid["status"] == "valid"
    firm = item(client, firm_id, admin)
    assert firm["certifications"] == [{"kind": "blue_uas_framework", "status": "valid", "verified": False}]
    assert firm["us_market"] == {"eligible": True, "reasons": ["Holds a valid Blue UAS Framework listing."]}
    assert firm_id in listed(client, admin, "certification=blue_uas_framework&us_market_eligible=true")


# Verification


@pytest.mark.parametrize("part", PARTS)
def test_only_organizers_verify_and_new_evidence_from_the_editor_voids_it(client, world, part):
    editor, organizer = world.headers("firm_editor"), world.headers("organizer")
    firm_id = world.firms["own"].id
    url = firm_url(firm_id, PARTS[part])
    before = etag_of(client, firm_id, editor)

    refused = send(client, "POST", url, firm_id, editor, {**BODIES[part], "verified": True})
    assert refused.status_code == 403 and refused.get_json()["errors"]["json"]["verified"]
    assert etag_of(client, firm_id, editor) == before
    assert len(client.get(url, headers=editor).get_json()) == 1  # the world's row only

    claim = add(client, firm_id, part, editor, BODIES[part])
    assert (claim["verified"], claim["verified_by_id"], claim["verified_at"]) == (False, None, None)
    assert change(client, firm_id, part, claim["id"], editor, {"verified": True}).status_code == 403

    verified = change(client, firm_id, part, claim["id"], organizer, {"verified": True})
    assert verified.status_code == 200
    body = verified.get_json()
    assert (body["verified"], body["verified_by_id"]) == (True, world.users["organizer"].id) and body["verified_at"]
    assert client.get(firm_url(firm_id, PARTS[part], claim["id"]), headers=editor).get_json()["verified"] is True

    same_evidence = change(client, firm_id, part, claim["id"], editor, {"evidence_url": BODIES[part]["evidence_url"]})
    assert same_evidence.status_code == 200 and same_evidence.get_json()["verified"] is True

    new_evidence = change(client, firm_id, part, claim["id"], editor, {"evidence_url": "https://evidence.example/new"})
    assert new_evidence.status_code == 200
    voided = new_evidence.get_json()
    assert (voided["verified"], voided["verified_by_id"], voided["verified_at"]) == (False, None, None)


@pytest.mark.parametrize("part", PARTS)
def test_an_editor_may_send_back_the_verification_it_read(client, world, part):
    editor, organizer = world.headers("firm_editor"), world.headers("organizer")
    firm_id = world.firms["own"].id
    claim = add(client, firm_id, part, editor, {**BODIES[part], "verified": False})
    assert change(client, firm_id, part, claim["id"], editor, {"verified": False}).status_code == 200
    change(client, firm_id, part, claim["id"], organizer, {"verified": True})
    assert change(client, firm_id, part, claim["id"], editor, {"verified": True}).status_code == 200
    assert change(client, firm_id, part, claim["id"], editor, {"verified": False}).status_code == 403


def test_a_verified_certification_shows_verified_on_the_firm(client, world):
    organizer, firm_id = world.headers("organizer"), world.firms["own"].id
    body = {"kind": "aqap_2110", "reference": "AQAP-9", "verified": True}
    claim = add(client, firm_id, "certification", organizer, body)
    assert (claim["verified"], claim["verified_by_id"]) == (True, world.users["organizer"].id)
    summaries = item(client, firm_id, world.headers("firm_editor"))["certifications"]
    assert {"kind": "aqap_2110", "status": "valid", "verified": True} in summaries


def test_changing_an_expiry_date_voids_a_verification(client, world):
    organizer, editor, firm_id = world.headers("organizer"), world.headers("firm_editor"), world.firms["own"].id
    claim = add(client, firm_id, "certification", organizer, {**BODIES["certification"], "verified": True})
    response = change(client, firm_id, "certification", claim["id"], editor, {"expires_on": "2031-12-31"})
    assert response.status_code == 200 and response.get_json()["verified"] is False


def test_changing_the_evidence_of_a_not_applicable_row_keeps_it_not_applicable(client, session, admin):
    firm_id = new_firm(session)
    row = add(client, firm_id, "declaration", admin, {"category": "magnets", "not_applicable": True})
    note = {"evidence_note": "No magnets: brushed motors."}
    response = change(client, firm_id, "declaration", row["id"], admin, note)
    assert response.status_code == 200, response.get_json()
    assert (response.get_json()["not_applicable"], response.get_json()["supplier"]) == (True, None)


# Rules of a declaration and a claim


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"category": "motors", "not_applicable": True, "supplier": "Formosa Motors"}, "not_applicable"),
        ({"category": "motors", "not_applicable": True, "country": "TW"}, "not_applicable"),
        ({"category": "motors", "supplier": "Formosa Motors"}, "country"),
        ({"category": "motors", "country": "TW"}, "supplier"),
        ({"category": "warp_drives", "supplier": "Formosa Motors", "country": "TW"}, "category"),
        ({"category": "motors", "supplier": "Formosa Motors", "country": "Taiwan"}, "country"),
    ],
)
def test_an_invalid_declaration_is_422_with_a_field_message(client, session, admin, body, field):
    firm_id = new_firm(session)
    before = etag_of(client, firm_id, admin)
    response = send(client, "POST", firm_url(firm_id, "supply-chain"), firm_id, admin, body)
    assert response.status_code == 422
    assert response.get_json()["errors"]["json"][field]
    assert etag_of(client, firm_id, admin) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "iso_9001"}, "evidence_url"),  # a claim needs evidence
        ({"kind": "iso_9001", "reference": "Q", "issued_on": "2025-05-01", "expires_on": "2025-04-30"}, "expires_on"),
        ({"kind": "iso_9002", "reference": "Q"}, "kind"),
        ({"kind": "iso_9001", "evidence_url": "ftp://evidence.example/iso"}, "evidence_url"),
    ],
)
def test_an_invalid_certification_is_422_with_a_field_message(client, session, admin, body, field):
    firm_id = new_firm(session)
    response = send(client, "POST", firm_url(firm_id, "certifications"), firm_id, admin, body)
    assert response.status_code == 422
    assert response.get_json()["errors"]["json"][field]


@pytest.mark.parametrize(
    ("first", "second"),
    [(NA, "DE"), (NA, NA), ("DE", NA)],
    ids=["makers after n/a", "n/a twice", "n/a after makers"],
)
def test_a_category_is_either_not_applicable_or_declared_with_makers(client, session, admin, first, second):
    firm_id = new_firm(session)
    add(client, firm_id, "declaration", admin, declaration_body(ComponentCategory.MAGNETS, first))
    body = declaration_body(ComponentCategory.MAGNETS, second)
    response = send(client, "POST", firm_url(firm_id, "supply-chain"), firm_id, admin, body)
    assert response.status_code == 409
    assert response.get_json()["errors"]["json"]["category"]


def test_a_category_may_have_several_makers(client, session, admin):
    firm_id = new_firm(session)
    add(client, firm_id, "declaration", admin, declaration_body(ComponentCategory.BATTERIES, "PL"))
    add(client, firm_id, "declaration", admin, declaration_body(ComponentCategory.BATTERIES, "CZ"))
    assert len(client.get(firm_url(firm_id, "supply-chain"), headers=admin).get_json()) == 2


# List filters


@pytest.fixture
def ours(session, world) -> dict[str, int]:
    """Firms of known statuses, besides the world's (each incomplete: chips from TW, and a valid ISO 9001)."""
    yesterday = today() - timedelta(days=1)
    firms = {
        "red": firm_with(session, everywhere(motors="CN")),
        "clean": firm_with(session, everywhere()),
        "verified": firm_with(session, everywhere("CZ"), verified=True),
        "all_us": firm_with(session, everywhere("US", magnets=NA)),
        "blue_valid": firm_with(session, certifications=[(CertificationKind.BLUE_UAS_CLEARED, today())]),
        "blue_expired": firm_with(
            session, everywhere("US", chips="TW"), certifications=[(CertificationKind.BLUE_UAS_CLEARED, yesterday)]
        ),
    }
    return {**{name: firm.id for name, firm in world.firms.items()}, **firms}


WORLD = {"public", "members", "discreet_pl", "discreet_tw", "suspended", "own"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("non_red_status=red_flagged", {"red"}),
        ("non_red_status=incomplete", WORLD | {"blue_valid"}),
        ("non_red_status=declared_clean", {"clean", "all_us", "blue_expired"}),
        ("non_red_status=verified_clean", {"verified"}),
        ("us_market_eligible=true", {"all_us", "blue_valid"}),
        ("us_market_eligible=false", WORLD | {"red", "clean", "verified", "blue_expired"}),
        ("certification=blue_uas_cleared", {"blue_valid"}),
        ("certification=iso_9001", WORLD),
        ("certification=ndaa_compliant", set()),
        ("non_red_status=declared_clean&us_market_eligible=true", {"all_us"}),
        ("non_red_status=incomplete&us_market_eligible=true", {"blue_valid"}),
    ],
)
def test_list_filters_select_exactly_the_firms_of_that_status(client, admin, ours, query, expected):
    names = {firm_id: name for name, firm_id in ours.items()}
    assert {names[firm_id] for firm_id in listed(client, admin, query)} == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("non_red_status=green", "non_red_status"),
        ("non_red_status=RED_FLAGGED", "non_red_status"),
        ("us_market_eligible=maybe", "us_market_eligible"),
        ("us_market_eligible=", "us_market_eligible"),
        ("certification=iso_9002", "certification"),
    ],
)
def test_a_bad_filter_value_is_422_naming_the_parameter(client, admin, query, field):
    response = client.get(f"{FIRMS}?{query}", headers=admin)
    assert response.status_code == 422
    assert response.get_json()["errors"]["query"][field]


# Masked firms


def test_a_masked_firm_shows_its_statuses_but_none_of_its_claims(client, world):
    observer, firm = world.headers("observer"), world.firms["discreet_pl"]
    response = client.get(firm_url(firm.id), headers=observer)
    masked = response.get_json()
    assert masked["masked"] is True
    # Statuses stay for trust; reasons are withheld, since a named listing could identify the firm.
    assert masked["supply_chain"] == {"status": "incomplete", "reasons": []}
    assert masked["us_market"] == {"eligible": False, "reasons": []}
    assert not masked.get("certifications")
    assert firm.name not in response.get_data(as_text=True)  # nor the supplier or the reference named after it
    for path in PARTS.values():
        assert client.get(firm_url(firm.id, path), headers=observer).status_code == 404
    [listed_item] = [i for i in client.get(f"{FIRMS}?page_size=100", headers=observer).get_json() if i["id"] == firm.id]
    assert listed_item["masked"] and listed_item["supply_chain"] == masked["supply_chain"]
    assert not listed_item.get("certifications")


def test_a_masked_firm_omits_its_certifications_rather_than_claiming_none(client, world):
    masked = item(client, world.firms["discreet_pl"].id, world.headers("observer"))
    assert masked.get("certifications") is None


def test_the_certification_filter_does_not_reveal_a_masked_firms_certifications(client, world):
    found = listed(client, world.headers("observer"), "certification=iso_9001")
    assert found == {world.firms["public"].id, world.firms["members"].id}


# Erasure of contacts


@pytest.mark.parametrize(("role", "firm"), [("firm_editor", "own"), ("admin", "discreet_tw")])
def test_removing_a_contact_erases_it_and_records_only_that_it_happened(client, session, world, role, firm):
    headers, firm_id = world.headers(role), world.firms[firm].id
    [contact] = client.get(firm_url(firm_id, "contacts"), headers=headers).get_json()
    url = firm_url(firm_id, "contacts", contact["id"])

    assert send(client, "DELETE", url, firm_id, headers).status_code == 204

    assert client.get(url, headers=headers).status_code == 404
    same_person = or_(Contact.id == contact["id"], Contact.name == contact["name"], Contact.email == contact["email"])
    assert session.execute(select(Contact.id).where(same_person)).all() == []
    [erasure] = session.execute(select(Erasure.__table__).where(Erasure.firm_id == firm_id)).mappings().all()
    assert {key: erasure[key] for key in ("firm_id", "subject", "subject_id", "erased_by_id")} == {
        "firm_id": firm_id, "subject": "contact", "subject_id": contact["id"], "erased_by_id": world.users[role].id,
    }
    assert erasure["erased_at"] is not None
    personal = {contact["name"], contact["email"], *contact["name"].split(), contact["email"].split("@")[0]}
    assert not [value for value in erasure.values() for part in personal if part in str(value)]


def test_a_refused_removal_erases_nothing(client, session, world):
    headers, firm_id = world.headers("firm_editor"), world.firms["own"].id
    [contact] = client.get(firm_url(firm_id, "contacts"), headers=headers).get_json()
    url = firm_url(firm_id, "contacts", contact["id"])
    assert client.delete(url, headers=headers).status_code == 428
    assert send(client, "DELETE", url, firm_id, world.headers("reviewer")).status_code == 403
    assert client.get(url, headers=headers).status_code == 200
    assert session.execute(select(Erasure.id).where(Erasure.firm_id == firm_id)).all() == []
