"""The statuses derived from a firm's certifications and supply-chain declaration.

Derived on every read, never stored: ``supply_chain_of`` and ``us_market_of`` explain one firm;
``non_red_clause``, ``us_market_clause`` and ``certification_clause`` are the same rules as SQL, so
lists filter and paginate in the database (``tests/services/test_compliance_status.py`` checks
that both agree firm by firm).
"""
from datetime import date

from sqlalchemy import ColumnElement, and_, distinct, exists, func, not_, or_, select as sa_select

from matchmaker.domain.compliance import (
    BLUE_UAS,
    Assessment,
    CertificationKind,
    ComponentCategory,
    Declaration,
    Eligibility,
    NonRedStatus,
    assess_supply_chain,
    assess_us_market,
    certification_status,
)
from matchmaker.models import Certification, Firm, SupplyDeclaration
from matchmaker.models.base import utcnow


def today() -> date:
    return utcnow().date()


# Derived statuses of one firm


def supply_chain_of(firm: Firm, concern: frozenset[str]) -> Assessment:
    return assess_supply_chain(_declarations(firm), concern)


def us_market_of(firm: Firm, on: date) -> Eligibility:
    return us_market_from(_declarations(firm), [(c.kind, c.expires_on) for c in firm.certifications], on)


def us_market_from(declarations: list[Declaration], certifications: list[tuple[CertificationKind, date | None]],
                   on: date) -> Eligibility:
    """US-market eligibility from plain data: declarations, and (kind, expiry) of each certification."""
    listings = [(kind, certification_status(expires_on, on)) for kind, expires_on in certifications if kind in BLUE_UAS]
    return assess_us_market(declarations, listings)


def _declarations(firm: Firm) -> list[Declaration]:
    return [
        Declaration(d.category, d.country, d.not_applicable, d.verified) for d in firm.declarations
    ]


# The same rules as SQL, for list filters


def non_red_clause(status: NonRedStatus, concern: frozenset[str]) -> ColumnElement[bool]:
    red = exists(
        sa_select(SupplyDeclaration.id).where(
            SupplyDeclaration.firm_id == Firm.id,
            SupplyDeclaration.not_applicable.is_(False),
            SupplyDeclaration.country.in_(concern),
        )
    )
    unverified = exists(
        sa_select(SupplyDeclaration.id).where(
            SupplyDeclaration.firm_id == Firm.id, SupplyDeclaration.verified_at.is_(None)
        )
    )
    complete = _complete()
    return {
        NonRedStatus.RED_FLAGGED: red,
        NonRedStatus.INCOMPLETE: and_(~red, ~complete),
        NonRedStatus.DECLARED_CLEAN: and_(~red, complete, unverified),
        NonRedStatus.VERIFIED_CLEAN: and_(~red, complete, ~unverified),
    }[status]


def us_market_clause(eligible: bool, on: date) -> ColumnElement[bool]:
    applicable = sa_select(SupplyDeclaration.id).where(
        SupplyDeclaration.firm_id == Firm.id, SupplyDeclaration.not_applicable.is_(False)
    )
    foreign = applicable.where(or_(SupplyDeclaration.country.is_(None), SupplyDeclaration.country != "US"))
    all_us_parts = and_(_complete(), exists(applicable), ~exists(foreign))
    clause = or_(_holds(BLUE_UAS, on), all_us_parts)
    return clause if eligible else not_(clause)


def certification_clause(kind: CertificationKind, on: date) -> ColumnElement[bool]:
    return _holds({kind}, on)


def _holds(kinds, on: date) -> ColumnElement[bool]:
    """The firm holds an unexpired certification of one of ``kinds``."""
    return exists(
        sa_select(Certification.id).where(
            Certification.firm_id == Firm.id,
            Certification.kind.in_(kinds),
            or_(Certification.expires_on.is_(None), Certification.expires_on >= on),
        )
    )


def _complete() -> ColumnElement[bool]:
    declared = (
        sa_select(func.count(distinct(SupplyDeclaration.category)))
        .where(SupplyDeclaration.firm_id == Firm.id)
        .scalar_subquery()
    )
    return declared == len(ComponentCategory)
