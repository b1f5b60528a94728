"""Certifications, supply-chain declarations, and the record of erased personal data."""
from datetime import date, datetime

from sqlmodel import Field, SQLModel

from matchmaker.domain.compliance import CertificationKind, ComponentCategory
from matchmaker.models.base import UTCDateTime, enum_type, utcnow


class VerifiableEvidence(SQLModel):
    """Evidence of a claim, and an organizer's check of it."""

    evidence_url: str | None = Field(default=None, max_length=500)
    evidence_note: str | None = Field(default=None, max_length=1000)
    verified_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    verified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    @property
    def verified(self) -> bool:
        return self.verified_at is not None


class Certification(VerifiableEvidence, table=True):
    """A compliance claim with its evidence; never a bare yes/no."""

    id: int | None = Field(default=None, primary_key=True)
    firm_id: int = Field(foreign_key="firm.id", index=True)
    kind: CertificationKind = Field(sa_type=enum_type(CertificationKind))
    # The certificate number, NCAGE code, or listing entry.
    reference: str | None = Field(default=None, max_length=120)
    issued_on: date | None = None
    expires_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SupplyDeclaration(VerifiableEvidence, table=True):
    """Who makes one critical component of the firm's products, and where; or that it has none."""

    __tablename__ = "supply_declaration"

    id: int | None = Field(default=None, primary_key=True)
    firm_id: int = Field(foreign_key="firm.id", index=True)
    category: ComponentCategory = Field(sa_type=enum_type(ComponentCategory))
    not_applicable: bool = False
    supplier: str | None = Field(default=None, max_length=200)
    country: str | None = Field(default=None, max_length=2)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Erasure(SQLModel, table=True):
    """That personal data was erased on request, and by whom; never what it was."""

    id: int | None = Field(default=None, primary_key=True)
    firm_id: int = Field(foreign_key="firm.id", index=True)
    subject: str = Field(max_length=40)  # what kind of record: "contact"
    subject_id: int
    erased_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    erased_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
