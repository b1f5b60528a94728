"""Who may see and change what: the access table of the registry as pure functions."""
from dataclasses import dataclass, field
from enum import Enum

from matchmaker.domain.enums import Role, VerificationStatus, Visibility
from matchmaker.domain.errors import Forbidden, NotAuthenticated

STAFF = frozenset({Role.ADMIN, Role.ORGANIZER})


@dataclass(frozen=True)
class Actor:
    """The caller of a service: a user with a role, or nobody (``role`` is None)."""

    user_id: int | None = None
    role: Role | None = None
    firm_ids: frozenset[int] = field(default_factory=frozenset)
    countries: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF


ANONYMOUS = Actor()


class Sight(Enum):
    """How much of a firm an actor sees."""

    NONE = "none"
    MASKED = "masked"
    FULL = "full"


@dataclass(frozen=True)
class FirmFacts:
    """The attributes of a firm that decide who sees it."""

    id: int
    country: str
    visibility: Visibility
    verification_status: VerificationStatus


def sight_of(actor: Actor, firm: FirmFacts) -> Sight:
    if actor.is_staff:
        return Sight.FULL
    if firm.verification_status == VerificationStatus.SUSPENDED:
        return Sight.NONE
    if firm.visibility == Visibility.PUBLIC:
        return Sight.FULL
    if actor.role is None:
        return Sight.NONE
    if firm.visibility == Visibility.MEMBERS or firm.id in actor.firm_ids:
        return Sight.FULL
    if actor.role == Role.REVIEWER and firm.country in actor.countries:
        return Sight.FULL
    return Sight.MASKED


def may_read_contacts(actor: Actor, firm: FirmFacts) -> bool:
    if sight_of(actor, firm) != Sight.FULL:
        return False
    if actor.is_staff:
        return True
    if actor.role == Role.REVIEWER:
        return firm.country in actor.countries
    return actor.role == Role.FIRM_EDITOR and firm.id in actor.firm_ids


def may_change(actor: Actor, firm: FirmFacts) -> bool:
    return actor.is_staff or (actor.role == Role.FIRM_EDITOR and firm.id in actor.firm_ids)


def require_user(actor: Actor) -> None:
    if actor.role is None:
        raise NotAuthenticated("This operation needs an API token.")


def require_role(actor: Actor, *roles: Role) -> None:
    require_user(actor)
    if actor.role not in roles:
        raise Forbidden(f"This operation is open to: {', '.join(sorted(roles))}.")
