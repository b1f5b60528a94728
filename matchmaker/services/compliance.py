"""Certifications and supply-chain declarations of a firm: claims with evidence, which organizers verify."""
from sqlalchemy import select
from sqlmodel import Session

from matchmaker.domain.access import Sight, sight_of
from matchmaker.domain.errors import Conflict, Invalid
from matchmaker.models import Certification, SupplyDeclaration
from matchmaker.services.firm_parts import FirmPart


def _in_full(actor, firm) -> bool:
    """Evidence names suppliers and certificates: it would identify a discreet firm."""
    return sight_of(actor, firm) is Sight.FULL


def _check_certification(_session: Session, certification: Certification) -> None:
    if certification.issued_on and certification.expires_on and certification.expires_on < certification.issued_on:
        raise Invalid("Expiry before issue.", {"expires_on": ["Must not be before issued_on."]})
    if not (certification.evidence_url or certification.evidence_note or certification.reference):
        raise Invalid(
            "A claim needs evidence.",
            {"evidence_url": ["Give an evidence URL, an evidence note or a reference."]},
        )


def _check_declaration(session: Session, declaration: SupplyDeclaration) -> None:
    if declaration.not_applicable and (declaration.supplier or declaration.country):
        raise Invalid(
            "A component that does not apply has no maker.",
            {"not_applicable": ["Leave supplier and country empty when the component does not apply."]},
        )
    missing = [name for name in ("supplier", "country") if not getattr(declaration, name)]
    if not declaration.not_applicable and missing:
        raise Invalid("Name the component's maker.", {name: ["Required unless not_applicable."] for name in missing})
    others = session.scalars(
        select(SupplyDeclaration.not_applicable).where(
            SupplyDeclaration.firm_id == declaration.firm_id,
            SupplyDeclaration.category == declaration.category,
            SupplyDeclaration.id != (declaration.id or 0),
        )
    ).all()
    if others and (declaration.not_applicable or any(others)):
        raise Conflict(
            "A category is either not applicable or declared with its makers.",
            {"category": [f"{declaration.category.label} is already declared otherwise."]},
        )


CERTIFICATIONS = FirmPart(
    Certification,
    "certification",
    _in_full,
    check=_check_certification,
    evidence_fields=frozenset({"kind", "reference", "evidence_url", "evidence_note", "issued_on", "expires_on"}),
)
DECLARATIONS = FirmPart(
    SupplyDeclaration,
    "declaration",
    _in_full,
    check=_check_declaration,
    evidence_fields=frozenset({"category", "not_applicable", "supplier", "country", "evidence_url", "evidence_note"}),
)
