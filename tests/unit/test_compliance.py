"""The compliance rules as pure functions: the non-red status, US-market eligibility, certification expiry."""
from datetime import date, timedelta

import pytest

from matchmaker.config import Settings
from matchmaker.domain.compliance import (
    CertificationKind,
    CertificationStatus,
    ComponentCategory,
    Declaration,
    NonRedStatus,
    assess_supply_chain,
    assess_us_market,
    certification_status,
)

C = ComponentCategory
CONCERN = Settings().concern_countries
VALID, EXPIRED = CertificationStatus.VALID, CertificationStatus.EXPIRED


def made_in(category: ComponentCategory, country: str, *, verified: bool = False) -> Declaration:
    return Declaration(category, country, False, verified)


def not_applicable(category: ComponentCategory, *, verified: bool = False) -> Declaration:
    return Declaration(category, None, True, verified)


def declaration(country: str = "PL", *, verified: bool = False, omit=(), **replaced: Declaration) -> list[Declaration]:
    """One row per category made in ``country``, without ``omit``, with rows replaced by category value."""
    rows = [replaced.pop(c.value, None) or made_in(c, country, verified=verified) for c in C if c not in omit]
    assert not replaced, f"unknown categories {replaced}"
    return rows


def named(reasons, *words: str) -> list[str]:
    """The reasons that name all of ``words``."""
    return [reason for reason in reasons if all(word in reason for word in words)]


# The non-red status


def test_nothing_declared_is_incomplete_naming_every_category():
    assessment = assess_supply_chain([], CONCERN)
    assert assessment.status is NonRedStatus.INCOMPLETE
    [reason] = assessment.reasons
    for category in C:
        assert category.label.lower() in reason, category


def test_undeclared_categories_are_named_and_declared_ones_are_not():
    assessment = assess_supply_chain(declaration(omit={C.MOTORS, C.MAGNETS}), CONCERN)
    assert assessment.status is NonRedStatus.INCOMPLETE
    [reason] = assessment.reasons
    assert "motors" in reason and "magnets" in reason
    assert "batteries" not in reason and "chips" not in reason and "flight controller" not in reason


def test_a_component_from_a_country_of_concern_is_red_flagged_naming_component_and_country():
    assessment = assess_supply_chain(declaration(motors=made_in(C.MOTORS, "CN")), CONCERN)
    assert assessment.status is NonRedStatus.RED_FLAGGED
    assert assessment.reasons == ("Motors made in CN, a country of concern.",)


def test_every_red_component_is_named_with_its_country():
    rows = declaration(
        motors=made_in(C.MOTORS, "CN"), camera_gimbal=made_in(C.CAMERA_GIMBAL, "HK"), chips=made_in(C.CHIPS, "RU")
    )
    assessment = assess_supply_chain(rows, CONCERN)
    assert assessment.status is NonRedStatus.RED_FLAGGED
    assert len(assessment.reasons) == 3
    assert named(assessment.reasons, "Motors", "CN")
    assert named(assessment.reasons, "Camera gimbal", "HK")
    assert named(assessment.reasons, "Chips", "RU")
    assert not named(assessment.reasons, "PL")


def test_the_default_countries_of_concern_are_the_prc_with_hk_and_macau_russia_belarus_iran_north_korea():
    assert CONCERN == {"CN", "HK", "MO", "RU", "BY", "IR", "KP"}


@pytest.mark.parametrize("country", sorted(CONCERN))
def test_each_default_country_of_concern_is_red(country):
    assessment = assess_supply_chain(declaration(chips=made_in(C.CHIPS, country)), CONCERN)
    assert assessment.status is NonRedStatus.RED_FLAGGED
    assert named(assessment.reasons, "Chips", country)


def test_one_red_supplier_among_several_of_a_category_is_enough():
    rows = [*declaration(country="US"), made_in(C.MAGNETS, "CN")]
    assessment = assess_supply_chain(rows, CONCERN)
    assert assessment.status is NonRedStatus.RED_FLAGGED
    assert assessment.reasons == ("Magnets made in CN, a country of concern.",)


def test_red_beats_incomplete():
    rows = [made_in(C.MOTORS, "CN"), made_in(C.CHIPS, "TW")]
    assessment = assess_supply_chain(rows, CONCERN)
    assert assessment.status is NonRedStatus.RED_FLAGGED
    assert named(assessment.reasons, "Motors", "CN")


def test_red_beats_verified():
    rows = declaration(verified=True, motors=made_in(C.MOTORS, "BY", verified=True))
    assert assess_supply_chain(rows, CONCERN).status is NonRedStatus.RED_FLAGGED


def test_everything_declared_none_of_concern_unverified_is_declared_clean():
    assessment = assess_supply_chain(declaration(), CONCERN)
    assert assessment.status is NonRedStatus.DECLARED_CLEAN
    assert named(assessment.reasons, "motors", "chips")  # the rows awaiting a check


def test_not_applicable_counts_as_declared_and_is_never_red():
    rows = declaration(magnets=not_applicable(C.MAGNETS), data_storage=not_applicable(C.DATA_STORAGE))
    assert assess_supply_chain(rows, CONCERN).status is NonRedStatus.DECLARED_CLEAN


def test_every_category_not_applicable_is_declared_clean():
    assert assess_supply_chain([not_applicable(c) for c in C], CONCERN).status is NonRedStatus.DECLARED_CLEAN


def test_every_row_verified_is_verified_clean():
    assessment = assess_supply_chain(declaration(verified=True), CONCERN)
    assert assessment.status is NonRedStatus.VERIFIED_CLEAN
    assert assessment.reasons


def test_not_applicable_rows_verified_too_is_verified_clean():
    rows = declaration(verified=True, magnets=not_applicable(C.MAGNETS, verified=True))
    assert assess_supply_chain(rows, CONCERN).status is NonRedStatus.VERIFIED_CLEAN


@pytest.mark.parametrize(
    "unverified",
    [made_in(C.BATTERIES, "PL"), not_applicable(C.BATTERIES)],
    ids=["made in PL", "not applicable"],
)
def test_one_unverified_row_keeps_it_declared_clean_naming_that_row(unverified):
    assessment = assess_supply_chain(declaration(verified=True, batteries=unverified), CONCERN)
    assert assessment.status is NonRedStatus.DECLARED_CLEAN
    [awaiting] = named(assessment.reasons, "batteries")
    assert "motors" not in awaiting


def test_a_custom_concern_set_replaces_the_default():
    rows = declaration(motors=made_in(C.MOTORS, "CN"), chips=made_in(C.CHIPS, "TW"))
    custom = assess_supply_chain(rows, frozenset({"TW"}))
    assert custom.status is NonRedStatus.RED_FLAGGED
    assert custom.reasons == ("Chips made in TW, a country of concern.",)
    assert assess_supply_chain(declaration(motors=made_in(C.MOTORS, "CN")), frozenset({"TW"})).status is (
        NonRedStatus.DECLARED_CLEAN
    )


def test_an_empty_concern_set_flags_nothing():
    rows = declaration(motors=made_in(C.MOTORS, "CN"))
    assert assess_supply_chain(rows, frozenset()).status is NonRedStatus.DECLARED_CLEAN


# US-market eligibility


@pytest.mark.parametrize("kind", [CertificationKind.BLUE_UAS_CLEARED, CertificationKind.BLUE_UAS_FRAMEWORK])
def test_a_valid_blue_uas_listing_is_eligible_whatever_the_parts(kind):
    eligibility = assess_us_market([], [(kind, VALID)])
    assert eligibility.eligible
    assert named(eligibility.reasons, "Blue UAS")


def test_an_expired_blue_uas_listing_does_not_count():
    eligibility = assess_us_market(declaration(), [(CertificationKind.BLUE_UAS_CLEARED, EXPIRED)])
    assert not eligibility.eligible
    assert "No valid Blue UAS listing." in eligibility.reasons


def test_an_expired_listing_beside_a_valid_one_is_eligible():
    listings = [(CertificationKind.BLUE_UAS_CLEARED, EXPIRED), (CertificationKind.BLUE_UAS_FRAMEWORK, VALID)]
    eligibility = assess_us_market([], listings)
    assert eligibility.eligible
    assert named(eligibility.reasons, "Blue UAS Framework")


def test_every_part_made_in_the_us_is_eligible():
    eligibility = assess_us_market(declaration("US"), [])
    assert eligibility.eligible
    assert named(eligibility.reasons, "US")


def test_an_all_us_claim_says_whether_an_organizer_verified_it():
    """Eligible either way (a claim is a claim), but a reader must see which kind it is."""
    claimed = assess_us_market(declaration("US"), [])
    verified = assess_us_market(declaration("US", verified=True), [])
    assert claimed.eligible and verified.eligible
    assert named(claimed.reasons, "not all verified")
    assert not named(verified.reasons, "verified")


def test_all_us_with_some_categories_not_applicable_is_eligible():
    rows = declaration("US", magnets=not_applicable(C.MAGNETS), data_storage=not_applicable(C.DATA_STORAGE))
    assert assess_us_market(rows, []).eligible


def test_one_foreign_part_is_not_eligible_and_is_named():
    eligibility = assess_us_market(declaration("US", chips=made_in(C.CHIPS, "TW")), [])
    assert not eligibility.eligible
    [foreign] = named(eligibility.reasons, "outside the US")
    assert "chips" in foreign and "motors" not in foreign


def test_a_foreign_second_supplier_of_a_category_is_not_eligible():
    eligibility = assess_us_market([*declaration("US"), made_in(C.MOTORS, "PL")], [])
    assert not eligibility.eligible
    assert named(eligibility.reasons, "outside the US", "motors")


def test_a_missing_category_is_not_eligible_and_is_named():
    eligibility = assess_us_market(declaration("US", omit={C.DATA_STORAGE}), [])
    assert not eligibility.eligible
    [missing] = named(eligibility.reasons, "Not declared")
    assert "data storage" in missing and "motors" not in missing


def test_every_category_not_applicable_is_not_eligible():
    eligibility = assess_us_market([not_applicable(c) for c in C], [])
    assert not eligibility.eligible
    assert "No valid Blue UAS listing." in eligibility.reasons
    assert len(eligibility.reasons) == 2  # and why: nothing is made anywhere


def test_nothing_declared_and_no_listing_is_not_eligible():
    eligibility = assess_us_market([], [])
    assert not eligibility.eligible
    assert named(eligibility.reasons, "Not declared", "motors")


def test_non_red_is_not_us_eligible():
    """Verified clean European parts still fail the FCC rule for foreign-made components."""
    rows = declaration("PL", verified=True)
    assert assess_supply_chain(rows, CONCERN).status is NonRedStatus.VERIFIED_CLEAN
    assert not assess_us_market(rows, []).eligible


# Certification expiry


ON = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("expires_on", "status"),
    [
        (None, VALID),
        (ON + timedelta(days=1), VALID),
        (ON, VALID),  # valid through its expiry day
        (ON - timedelta(days=1), EXPIRED),
    ],
    ids=["no expiry", "day before expiry", "expiry day", "day after expiry"],
)
def test_certification_status(expires_on, status):
    assert certification_status(expires_on, ON) is status


def test_certification_expires_the_day_after_its_expiry_date():
    expiry = date(2026, 3, 31)
    assert certification_status(expiry, expiry) is VALID
    assert certification_status(expiry, expiry + timedelta(days=1)) is EXPIRED
