"""A firm of the registry, its contact persons and its tagged capabilities."""
from datetime import datetime

from sqlalchemy import JSON, Index, Text, UniqueConstraint, text
from sqlmodel import Field, Relationship, SQLModel

from matchmaker.domain.enums import Direction, RoleKind, SizeBand, VerificationStatus, Visibility
from matchmaker.models.base import UTCDateTime, enum_type, utcnow
from matchmaker.models.compliance import Certification, SupplyDeclaration
from matchmaker.models.taxonomy import Capability


class Firm(SQLModel, table=True):
    __table_args__ = (
        # One live firm per normalised name and country; a soft-deleted one frees the name.
        Index(
            "uq_firm_live_name",
            "country",
            "name_key",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        # Holds all the firm list reads of each live firm to pick a page: its filters, visibility and
        # sort key, so sorting and counting the matching firms can skip the wide rows.
        Index(
            "ix_firm_listing",
            "country",
            "verification_status",
            "visibility",
            "name_key",
            "id",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)
    country: str = Field(max_length=2, index=True)
    city: str | None = Field(default=None, max_length=120)
    website: str | None = Field(default=None, max_length=300)
    size_band: SizeBand | None = Field(default=None, sa_type=enum_type(SizeBand))
    founded_year: int | None = None
    capacity_units_per_year: int | None = None
    capacity_note: str | None = Field(default=None, max_length=500)
    description: str | None = Field(default=None, sa_type=Text)
    visibility: Visibility = Field(sa_type=enum_type(Visibility))
    verification_status: VerificationStatus = Field(
        default=VerificationStatus.UNVERIFIED, sa_type=enum_type(VerificationStatus)
    )
    # Normalised name, city and description: what the text query searches.
    search_key: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Raised by every change to the firm or its sub-resources; the API's ETag.
    version: int = Field(default=1)
    # Fields whose value came from an import: a re-import may refresh these, never what a person set.
    imported_fields: list[str] = Field(default_factory=list, sa_type=JSON)
    # Set when this firm was merged into another: its id keeps resolving to that firm.
    merged_into_id: int | None = Field(default=None, foreign_key="firm.id")

    contacts: list["Contact"] = Relationship(
        back_populates="firm", sa_relationship_kwargs={"order_by": "Contact.id"}
    )
    capabilities: list["FirmCapability"] = Relationship(
        back_populates="firm", sa_relationship_kwargs={"order_by": "FirmCapability.id"}
    )
    certifications: list["Certification"] = Relationship(sa_relationship_kwargs={"order_by": "Certification.id"})
    declarations: list["SupplyDeclaration"] = Relationship(
        sa_relationship_kwargs={"order_by": "SupplyDeclaration.id"}
    )


class Contact(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    firm_id: int = Field(foreign_key="firm.id", index=True)
    name: str = Field(max_length=200)
    role: str | None = Field(default=None, max_length=120)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    firm: Firm = Relationship(back_populates="contacts")


class FirmCapability(SQLModel, table=True):
    __tablename__ = "firm_capability"
    __table_args__ = (
        UniqueConstraint("firm_id", "capability_id", "direction"),
        # Serves the firm list's capability filter from the index alone.
        Index("ix_firm_capability_lookup", "capability_id", "direction", "firm_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    firm_id: int = Field(foreign_key="firm.id", index=True)
    capability_id: int = Field(foreign_key="capability.id")
    direction: Direction = Field(sa_type=enum_type(Direction))
    role_kind: RoleKind = Field(sa_type=enum_type(RoleKind))
    note: str | None = Field(default=None, max_length=500)
    # True when a program (the importer's tagger) set the tag rather than a person.
    inferred: bool = False

    firm: Firm = Relationship(back_populates="capabilities")
    capability: Capability = Relationship(sa_relationship_kwargs={"lazy": "joined"})


class DismissedCapability(SQLModel, table=True):
    """A capability a person removed from a firm: a re-import does not infer it again."""

    __tablename__ = "dismissed_capability"

    firm_id: int = Field(foreign_key="firm.id", primary_key=True)
    capability_id: int = Field(foreign_key="capability.id", primary_key=True)
    direction: Direction = Field(sa_type=enum_type(Direction), primary_key=True)
    dismissed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
