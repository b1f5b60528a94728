"""Closed vocabularies of the registry."""
from enum import StrEnum


class Visibility(StrEnum):
    PUBLIC = "public"
    MEMBERS = "members"
    DISCREET = "discreet"


class VerificationStatus(StrEnum):
    UNVERIFIED = "unverified"
    VERIFIED = "verified"
    SUSPENDED = "suspended"


class SizeBand(StrEnum):
    """Head-count bands of the EU SME definition."""

    MICRO = "micro"  # fewer than 10
    SMALL = "small"  # 10-49
    MEDIUM = "medium"  # 50-249
    LARGE = "large"  # 250 or more


class Direction(StrEnum):
    OFFERS = "offers"
    SEEKS = "seeks"


class RoleKind(StrEnum):
    COMPONENTS = "components"
    RND = "rnd"
    EXPERTISE = "expertise"
    MANUFACTURING = "manufacturing"
    MARKET_ACCESS = "market_access"


class Role(StrEnum):
    ADMIN = "admin"
    ORGANIZER = "organizer"
    FIRM_EDITOR = "firm_editor"
    REVIEWER = "reviewer"
    OBSERVER = "observer"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)
