"""The SQL form of the compliance statuses agrees with the Python derivation, firm by firm.

The list filters use ``non_red_clause``, ``us_market_clause`` and ``certification_clause``; a firm's
item shows ``supply_chain_of``, ``us_market_of`` and ``certification_status``. A firm must never be
listed under a status its own item denies.
"""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from matchmaker.config import Settings
from matchmaker.domain.compliance import (
    CertificationKind,
    CertificationStatus,
    ComponentCategory,
    NonRedStatus,
    certification_status,
)
from matchmaker.models import Certification, Firm, SupplyDeclaration
from matchmaker.models.base import utcnow
from matchmaker.services.compliance_status import (
    certification_clause,
    non_red_clause,
    supply_chain_of,
    us_market_clause,
    us_market_of,
)
from tests.factories import make_firm

C = ComponentCategory
K = CertificationKind
ON = date(2026, 6, 15)
DAY = timedelta(days=1)
NA = "n/a"  # a country meaning "not applicable" in the specs below

CONCERN_SETS = {"default": Settings().concern_countries, "custom": frozenset({"TW", "DE"}), "empty": frozenset()}
# On ON, certifications expiring ON are still valid; the day after, they are not.
DATES = {"on the expiry day": ON, "the day after": ON + DAY}


def everything(country: str = "PL", **countries: str) -> dict[ComponentCategory, str]:
    """Every category made in ``country``, some (by category value) elsewhere or n/a."""
    return {c: countries.get(c.value, country) for c in C}


def without(declared: dict[ComponentCategory, str], *missing: ComponentCategory) -> dict[ComponentCategory, str]:
    return {c: country for c, country in declared.items() if c not in missing}


# name: (declaration {category: country or NA}, verified categories or "all", extra rows, certifications)
SCENARIOS = {
    "nothing": ({}, (), [], []),
    "red motors CN": (everything(motors="CN"), (), [], []),
    "red HK and RU": (everything(camera_gimbal="HK", radio_datalink="RU"), (), [], []),
    "red and incomplete": ({C.MOTORS: "CN", C.CHIPS: "TW", C.BATTERIES: "PL"}, (), [], []),
    "red but verified": (everything(magnets="MO"), "all", [], []),
    "red second supplier": (everything("US"), (), [(C.MOTORS, "CN")], []),
    "incomplete half": ({c: "PL" for c in list(C)[:5]}, (), [], []),
    "incomplete one missing": (without(everything(), C.CHIPS), "all", [], []),
    "incomplete only n/a": ({C.MAGNETS: NA}, "all", [], []),
    "declared clean": (everything(), (), [], []),
    "declared clean but one verified": (everything(), (C.MOTORS,), [], []),
    "declared clean, n/a unverified": (everything(batteries=NA), tuple(c for c in C if c != C.BATTERIES), [], []),
    "verified clean": (everything("CZ"), "all", [], []),
    "verified clean with n/a": (everything(magnets=NA, data_storage=NA), "all", [], []),
    "taiwanese parts": (everything("TW"), "all", [], []),
    "german and taiwanese parts": (everything("DE", chips="TW"), (), [], []),
    "all US": (everything("US"), (), [], []),
    "all US with n/a": (everything("US", magnets=NA), "all", [], []),
    "all US but one TW": (everything("US", chips="TW"), (), [], []),
    "all US but one missing": (without(everything("US"), C.DATA_STORAGE), (), [], []),
    "all n/a": ({c: NA for c in C}, "all", [], []),
    "blue UAS valid, nothing declared": ({}, (), [], [(K.BLUE_UAS_CLEARED, None)]),
    "blue UAS expiring on the day, red parts": (everything(motors="CN"), (), [], [(K.BLUE_UAS_FRAMEWORK, ON)]),
    "blue UAS expired": (everything(), (), [], [(K.BLUE_UAS_CLEARED, ON - DAY), (K.ISO_9001, None)]),
    "blue UAS expired and valid": ({}, (), [], [(K.BLUE_UAS_CLEARED, ON - DAY), (K.BLUE_UAS_FRAMEWORK, ON + DAY)]),
    "other certifications": (
        everything("US", chips="TW"),
        (),
        [],
        [(K.ISO_9001, ON - DAY), (K.ISO_9001, ON), (K.AQAP_2110, ON - 30 * DAY), (K.NDAA_COMPLIANT, None)],
    ),
}
CHECKED_KINDS = [K.ISO_9001, K.AQAP_2110, K.BLUE_UAS_CLEARED, K.BLUE_UAS_FRAMEWORK, K.NDAA_COMPLIANT, K.GREEN_UAS]


def declare(session, firm: Firm, category: ComponentCategory, country: str, verified: bool) -> None:
    applicable = country != NA
    session.add(
        SupplyDeclaration(
            firm_id=firm.id,
            category=category,
            not_applicable=not applicable,
            supplier=f"{country} {category.value} maker" if applicable else None,
            country=country if applicable else None,
            verified_at=utcnow() if verified else None,
        )
    )


def build(session, spec) -> Firm:
    declared, verified, extra, certifications = spec
    firm = make_firm(session, capabilities=[], contacts=[])
    for category, country in declared.items():
        declare(session, firm, category, country, verified == "all" or category in verified)
    for category, country in extra:
        declare(session, firm, category, country, False)
    for kind, expires_on in certifications:
        session.add(Certification(firm_id=firm.id, kind=kind, reference=f"{kind} ref", expires_on=expires_on))
    session.commit()
    return firm


@pytest.fixture
def firms(session) -> dict[str, Firm]:
    """The scenarios as firms, read back from the database with their certifications and declarations."""
    ids = {name: build(session, spec).id for name, spec in SCENARIOS.items()}
    session.expire_all()
    by_id = {firm.id: firm for firm in session.scalars(select(Firm).where(Firm.id.in_(ids.values())))}
    return {name: by_id[firm_id] for name, firm_id in ids.items()}


def selected(session, firms: dict[str, Firm], clause) -> set[str]:
    """The names of the scenario firms that ``clause`` selects."""
    names = {firm.id: name for name, firm in firms.items()}
    return {names[firm_id] for firm_id in session.scalars(select(Firm.id).where(Firm.id.in_(names), clause))}


def holds(firm: Firm, kind: CertificationKind, on: date) -> bool:
    """The firm holds an unexpired certification of ``kind``, by the Python rule."""
    return any(
        c.kind == kind and certification_status(c.expires_on, on) is CertificationStatus.VALID
        for c in firm.certifications
    )


@pytest.mark.parametrize("concern", CONCERN_SETS.values(), ids=CONCERN_SETS.keys())
@pytest.mark.parametrize("status", list(NonRedStatus))
def test_non_red_clause_agrees_with_supply_chain_of(session, firms, status, concern):
    in_python = {name for name, firm in firms.items() if supply_chain_of(firm, concern).status is status}
    assert selected(session, firms, non_red_clause(status, concern)) == in_python


@pytest.mark.parametrize("on", DATES.values(), ids=DATES.keys())
@pytest.mark.parametrize("eligible", [True, False])
def test_us_market_clause_agrees_with_us_market_of(session, firms, eligible, on):
    in_python = {name for name, firm in firms.items() if us_market_of(firm, on).eligible is eligible}
    assert selected(session, firms, us_market_clause(eligible, on)) == in_python


@pytest.mark.parametrize("on", DATES.values(), ids=DATES.keys())
@pytest.mark.parametrize("kind", CHECKED_KINDS)
def test_certification_clause_agrees_with_certification_status(session, firms, kind, on):
    in_python = {name for name, firm in firms.items() if holds(firm, kind, on)}
    assert selected(session, firms, certification_clause(kind, on)) == in_python


@pytest.mark.parametrize("concern", CONCERN_SETS.values(), ids=CONCERN_SETS.keys())
def test_each_firm_has_exactly_one_non_red_status_in_sql(session, firms, concern):
    statuses = {name: [] for name in firms}
    for status in NonRedStatus:
        for name in selected(session, firms, non_red_clause(status, concern)):
            statuses[name].append(status)
    assert {name: found for name, found in statuses.items() if len(found) != 1} == {}


def test_each_firm_is_either_eligible_or_not_in_sql(session, firms):
    eligible = selected(session, firms, us_market_clause(True, ON))
    ineligible = selected(session, firms, us_market_clause(False, ON))
    assert eligible.isdisjoint(ineligible) and eligible | ineligible == set(firms)


def test_the_scenarios_cover_every_outcome(firms):
    """The agreement above means little unless the firms produce every status (with a non-empty concern set),
    both eligibilities, and holders and non-holders of a kind."""
    for concern in (CONCERN_SETS["default"], CONCERN_SETS["custom"]):
        assert {supply_chain_of(firm, concern).status for firm in firms.values()} == set(NonRedStatus)
    for on in DATES.values():
        assert {us_market_of(firm, on).eligible for firm in firms.values()} == {True, False}
    for kind in (K.ISO_9001, K.BLUE_UAS_CLEARED, K.BLUE_UAS_FRAMEWORK):
        assert {holds(firm, kind, ON) for firm in firms.values()} == {True, False}
    # The expiry day itself decides something: some firm changes between the two dates.
    assert any(us_market_of(firm, ON).eligible != us_market_of(firm, ON + DAY).eligible for firm in firms.values())
    assert any(holds(firm, K.ISO_9001, ON) != holds(firm, K.ISO_9001, ON + DAY) for firm in firms.values())


@pytest.mark.parametrize(
    ("name", "status", "eligible"),
    [
        ("nothing", NonRedStatus.INCOMPLETE, False),
        ("red motors CN", NonRedStatus.RED_FLAGGED, False),
        ("red and incomplete", NonRedStatus.RED_FLAGGED, False),
        ("red second supplier", NonRedStatus.RED_FLAGGED, False),
        ("declared clean", NonRedStatus.DECLARED_CLEAN, False),
        ("declared clean, n/a unverified", NonRedStatus.DECLARED_CLEAN, False),
        ("verified clean with n/a", NonRedStatus.VERIFIED_CLEAN, False),
        ("all US", NonRedStatus.DECLARED_CLEAN, True),
        ("all US but one missing", NonRedStatus.INCOMPLETE, False),
        ("all n/a", NonRedStatus.VERIFIED_CLEAN, False),
        ("blue UAS valid, nothing declared", NonRedStatus.INCOMPLETE, True),
        ("blue UAS expiring on the day, red parts", NonRedStatus.RED_FLAGGED, True),
        ("blue UAS expired", NonRedStatus.DECLARED_CLEAN, False),
    ],
)
def test_scenarios_derive_as_intended(firms, name, status, eligible):
    """A sanity check that the scenarios are what their names say (with the default concern set, on ON)."""
    firm = firms[name]
    derived = (supply_chain_of(firm, CONCERN_SETS["default"]).status, us_market_of(firm, ON).eligible)
    assert derived == (status, eligible)
