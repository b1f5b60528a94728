"""Certifications and supply-chain provenance, and what follows from them: the non-red status and
US-market eligibility, each with the reasons a person can check."""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class CertificationKind(StrEnum):
    ISO_9001 = "iso_9001"
    AS_EN_9100 = "as_en_9100"
    AQAP_2110 = "aqap_2110"
    NCAGE = "ncage"
    BLUE_UAS_CLEARED = "blue_uas_cleared"
    BLUE_UAS_FRAMEWORK = "blue_uas_framework"
    GREEN_UAS = "green_uas"
    NDAA_COMPLIANT = "ndaa_compliant"
    OTHER = "other"


BLUE_UAS = frozenset({CertificationKind.BLUE_UAS_CLEARED, CertificationKind.BLUE_UAS_FRAMEWORK})


class ComponentCategory(StrEnum):
    """Critical components: the US FY2020 NDAA §848 list, plus motors, batteries, magnets and chips."""

    FLIGHT_CONTROLLER = "flight_controller"
    RADIO_DATALINK = "radio_datalink"
    CAMERA_GIMBAL = "camera_gimbal"
    GROUND_CONTROL_SOFTWARE = "ground_control_software"
    NETWORK_CONNECTIVITY = "network_connectivity"
    DATA_STORAGE = "data_storage"
    MOTORS = "motors"
    BATTERIES = "batteries"
    MAGNETS = "magnets"
    CHIPS = "chips"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class NonRedStatus(StrEnum):
    """Worst first: a red flag outweighs a gap, a gap outweighs an unverified declaration."""

    RED_FLAGGED = "red_flagged"
    INCOMPLETE = "incomplete"
    DECLARED_CLEAN = "declared_clean"
    VERIFIED_CLEAN = "verified_clean"


class CertificationStatus(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Declaration:
    """One line of a supply-chain declaration: a component's maker, or "not applicable"."""

    category: ComponentCategory
    country: str | None
    not_applicable: bool
    verified: bool


@dataclass(frozen=True)
class Assessment:
    """The non-red status with the sentences that justify it."""

    status: NonRedStatus
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Eligibility:
    """US-market eligibility with the sentences that justify it."""

    eligible: bool
    reasons: tuple[str, ...]


def certification_status(expires_on: date | None, today: date) -> CertificationStatus:
    return CertificationStatus.EXPIRED if expires_on is not None and expires_on < today else CertificationStatus.VALID


def assess_supply_chain(declarations: Iterable[Declaration], concern: frozenset[str]) -> Assessment:
    """The non-red status of a firm from its declaration."""
    declarations = list(declarations)
    red = [d for d in declarations if not d.not_applicable and d.country in concern]
    if red:
        return Assessment(
            NonRedStatus.RED_FLAGGED,
            tuple(f"{d.category.label} made in {d.country}, a country of concern." for d in red),
        )
    missing = _undeclared(declarations)
    if missing:
        return Assessment(
            NonRedStatus.INCOMPLETE,
            (f"Not declared: {', '.join(c.label.lower() for c in missing)}.",),
        )
    unverified = sorted({d.category for d in declarations if not d.verified}, key=list(ComponentCategory).index)
    if unverified:
        return Assessment(
            NonRedStatus.DECLARED_CLEAN,
            ("Every critical component is declared and none comes from a country of concern.",
             f"Awaiting an organizer's check of the evidence: {', '.join(c.label.lower() for c in unverified)}."),
        )
    return Assessment(
        NonRedStatus.VERIFIED_CLEAN,
        ("Every critical component is declared, none comes from a country of concern, "
         "and an organizer checked the evidence of each.",),
    )


def assess_us_market(
    declarations: Iterable[Declaration], blue_uas_listings: Iterable[tuple[CertificationKind, CertificationStatus]]
) -> Eligibility:
    """Whether the firm's products can enter the US market: a Blue UAS listing, or all-US critical parts.

    Non-red is not enough there: since December 2025 the FCC Covered List bars foreign-made drone
    components from new US authorisations.
    """
    listings = [kind for kind, status in blue_uas_listings if status is CertificationStatus.VALID]
    if listings:
        return Eligibility(True, (f"Holds a valid {_KIND_LABELS[listings[0]]} listing.",))
    declarations = list(declarations)
    applicable = [d for d in declarations if not d.not_applicable]
    foreign = sorted({d.category for d in applicable if d.country != "US"}, key=list(ComponentCategory).index)
    missing = _undeclared(declarations)
    if applicable and not foreign and not missing:
        checked = "" if all(d.verified for d in declarations) else " (not all verified by an organizer yet)"
        return Eligibility(True, (f"Every critical component is declared as made in the US{checked}.",))
    reasons = ["No valid Blue UAS listing."]
    if foreign:
        reasons.append(f"Made outside the US: {', '.join(c.label.lower() for c in foreign)}.")
    if missing:
        reasons.append(f"Not declared: {', '.join(c.label.lower() for c in missing)}.")
    if not applicable and not missing:
        reasons.append("No critical component is declared as made anywhere.")
    return Eligibility(False, tuple(reasons))


def _undeclared(declarations: list[Declaration]) -> list[ComponentCategory]:
    declared = {d.category for d in declarations}
    return [category for category in ComponentCategory if category not in declared]


_KIND_LABELS = {
    CertificationKind.BLUE_UAS_CLEARED: "Blue UAS Cleared List",
    CertificationKind.BLUE_UAS_FRAMEWORK: "Blue UAS Framework",
}
