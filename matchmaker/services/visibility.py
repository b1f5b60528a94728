"""The access table of ``matchmaker.domain.access`` as SQL, so lists filter and paginate in the database.

``tests/services/test_visibility.py`` checks that these clauses agree with ``sight_of`` firm by firm.
"""
from dataclasses import replace

from sqlalchemy import ColumnElement, and_, false, or_, true

from matchmaker.domain.access import Actor, FirmFacts
from matchmaker.domain.enums import Role, VerificationStatus, Visibility
from matchmaker.models import Firm


def facts(firm: Firm) -> FirmFacts:
    return FirmFacts(firm.id, firm.country, firm.visibility, firm.verification_status)


def visible_clause(actor: Actor) -> ColumnElement[bool]:
    """Firms the actor sees at all, masked or in full."""
    live = Firm.deleted_at.is_(None)
    if actor.is_staff:
        return live
    shown = Firm.verification_status != VerificationStatus.SUSPENDED
    if actor.role is None:
        return and_(live, shown, Firm.visibility == Visibility.PUBLIC)
    return and_(live, shown)


def full_sight_clause(actor: Actor) -> ColumnElement[bool]:
    """Among visible firms, those the actor sees unmasked."""
    if actor.is_staff:
        return true()
    if actor.role is None:
        return Firm.visibility == Visibility.PUBLIC
    own = Firm.id.in_(actor.firm_ids) if actor.firm_ids else false()
    office = (
        Firm.country.in_(actor.countries) if actor.role == Role.REVIEWER and actor.countries else false()
    )
    return or_(Firm.visibility != Visibility.DISCREET, own, office)


def sight_key(actor: Actor) -> Actor:
    """The actor without its identity: all that decides what it sees, so actors with equal keys see alike.

    Role, own firms and office countries decide it (``sight_of`` and the clauses above); the user id never does.
    """
    return replace(actor, user_id=None)


MASKED_NAME = "Discreet firm ({country})"


def masked_name(country: str) -> str:
    return MASKED_NAME.format(country=country)

