"""What match runs produce: proposals for review, suggestions per firm, and pairs never to match."""
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Field, Relationship, SQLModel

from matchmaker.models.base import UTCDateTime, utcnow


class Proposal(SQLModel, table=True):
    """A pairing a run selected for review, ranked within its run and kind."""

    __table_args__ = (Index("ix_proposal_run_kind_rank", "run_id", "kind", "rank"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="job.id")
    kind: str = Field(max_length=12)  # bilateral | trilateral
    template: str | None = Field(default=None, max_length=40)
    rank: int
    score: float
    score_parts: dict[str, float] = Field(default_factory=dict, sa_type=JSON)
    # Sentences with {0} {1} {2} for the members' names, filled per viewer so discreet firms stay masked.
    reasons: list[str] = Field(default_factory=list, sa_type=JSON)

    members: list["ProposalMember"] = Relationship(
        sa_relationship_kwargs={"order_by": "ProposalMember.position", "cascade": "all, delete-orphan"}
    )


class ProposalMember(SQLModel, table=True):
    __tablename__ = "proposal_member"

    proposal_id: int = Field(foreign_key="proposal.id", primary_key=True)
    position: int = Field(primary_key=True)
    firm_id: int = Field(foreign_key="firm.id", index=True)
    country: str = Field(max_length=2, index=True)
    role: str = Field(max_length=40)


class Suggestion(SQLModel, table=True):
    """One of a firm's best partners (or partner pairs) from a run; members as in a proposal."""

    __table_args__ = (Index("ix_suggestion_run_firm_kind_rank", "run_id", "firm_id", "kind", "rank"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="job.id")
    firm_id: int = Field(foreign_key="firm.id")
    kind: str = Field(max_length=12)
    template: str | None = Field(default=None, max_length=40)
    rank: int
    score: float
    score_parts: dict[str, float] = Field(default_factory=dict, sa_type=JSON)
    reasons: list[str] = Field(default_factory=list, sa_type=JSON)
    members: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)  # [{firm_id, country, role}]


class MatchExclusion(SQLModel, table=True):
    """Two firms never to be proposed together: a firm's own block, or a reviewer's rejection."""

    __tablename__ = "match_exclusion"
    __table_args__ = (UniqueConstraint("firm_id", "other_firm_id"),)

    id: int | None = Field(default=None, primary_key=True)
    # Stored with the smaller id first, so one pair has one row whichever firm asked.
    firm_id: int = Field(foreign_key="firm.id", index=True)
    other_firm_id: int = Field(foreign_key="firm.id", index=True)
    reason: str | None = Field(default=None, max_length=500)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
