"""The registry's housekeeping: merges of duplicate firms, and invitations to claim a firm."""
from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from matchmaker.models.base import UTCDateTime, utcnow


class FirmMerge(SQLModel, table=True):
    """That ``merged_id`` was merged into ``survivor_id``, by whom, and what moved."""

    __tablename__ = "firm_merge"

    id: int | None = Field(default=None, primary_key=True)
    survivor_id: int = Field(foreign_key="firm.id", index=True)
    merged_id: int = Field(foreign_key="firm.id", unique=True)
    merged_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    merged_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    moved: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class ClaimInvitation(SQLModel, table=True):
    """A one-time, expiring token with which a person takes over an imported firm's profile."""

    __tablename__ = "claim_invitation"

    id: int | None = Field(default=None, primary_key=True)
    firm_id: int = Field(foreign_key="firm.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    email: str | None = Field(default=None, max_length=254)  # whom the organizer meant it for
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    used_by_id: int | None = Field(default=None, foreign_key="app_user.id")
