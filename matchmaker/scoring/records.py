"""What the scoring model reads and what it returns: plain frozen records, no arrays.

Callers (match runs, the benchmark, tests) build these from the registry; the model never sees a
database row, so it can be tested and benchmarked alone.
"""
from __future__ import annotations

from dataclasses import dataclass

from matchmaker.domain.compliance import NonRedStatus
from matchmaker.domain.enums import Direction, RoleKind

BILATERAL = "bilateral"
TRILATERAL = "trilateral"
KINDS = (BILATERAL, TRILATERAL)
PENALISE = "penalise"
EXCLUDE = "exclude"


@dataclass(frozen=True)
class Tag:
    """One capability of a firm's profile: a taxonomy slug, offered or sought, in a role kind."""

    slug: str
    direction: Direction
    role_kind: RoleKind


@dataclass(frozen=True)
class FirmRecord:
    id: int
    country: str
    description: str  # description plus capability notes, free text
    tags: tuple[Tag, ...]
    supply_chain: NonRedStatus
    us_market_eligible: bool
    certifications: tuple[str, ...]  # kinds (CertificationKind values) of unexpired certifications
    capacity_units_per_year: int | None
    applications: tuple[str, ...] = ()  # application areas its text names, by name ("maritime and naval drones")


@dataclass(frozen=True)
class TaxonomyNode:
    slug: str
    parent: str | None
    name: str
    role_kind: RoleKind  # the role a firm offering the node usually plays


@dataclass(frozen=True)
class RoleSlot:
    """A place in a trilateral template: the role a member plays there, its kind, and its country."""

    role: str
    role_kind: RoleKind
    country: str | None  # None: any country (members of a triple still come from three countries)


@dataclass(frozen=True)
class Template:
    name: str
    slots: tuple[RoleSlot, RoleSlot, RoleSlot]
    description: str


@dataclass(frozen=True)
class RunParameters:
    template: str = "mspo"
    top: int = 100  # proposals of each kind to select
    max_per_firm: int = 5  # proposals one firm may appear in
    suggestions_per_firm: int = 20  # of each kind
    red_flagged: str = PENALISE  # or EXCLUDE
    partner_list_size: int = 64  # partners kept per firm and role for the trilateral search
    excluded_pairs: frozenset[tuple[int, int]] = frozenset()  # never together; either order is read

    def __post_init__(self) -> None:
        if self.red_flagged not in (PENALISE, EXCLUDE):
            raise ValueError(f"red_flagged must be {PENALISE!r} or {EXCLUDE!r}, not {self.red_flagged!r}.")
        for name in ("top", "max_per_firm", "suggestions_per_firm", "partner_list_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1.")


@dataclass(frozen=True)
class Member:
    firm_id: int
    country: str
    role: str


@dataclass(frozen=True)
class Combination:
    kind: str  # BILATERAL or TRILATERAL
    template: str | None  # trilateral: the template; bilateral: None
    members: tuple[Member, ...]  # trilateral: in the template's slot order; bilateral: by firm id
    score: float
    # Named parts that add up to the score (to rounding): see matchmaker.scoring.scores.
    score_parts: dict[str, float]
    # Sentences with placeholders {0} {1} {2} for the members' display names, in member order, so the
    # caller can mask discreet firms per viewer with str.format. They contain no other braces.
    reasons: tuple[str, ...]

    @property
    def firm_ids(self) -> tuple[int, ...]:
        return tuple(member.firm_id for member in self.members)


@dataclass(frozen=True)
class MatchResult:
    # firm id -> {"bilateral": [...], "trilateral": [...]}, best first; every firm passed in has an entry.
    suggestions: dict[int, dict[str, list[Combination]]]
    # {"bilateral": [...], "trilateral": [...]}: the diversified selection, best first.
    proposals: dict[str, list[Combination]]
