"""Pairs of firms never to be proposed together: a firm blocks a partner, or a reviewer rejects a pairing."""
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, or_, select

from matchmaker.domain.access import Actor, may_change, require_user
from matchmaker.domain.errors import Conflict, Forbidden, Invalid, NotFound
from matchmaker.models import MatchExclusion
from matchmaker.services.firms import load_firm
from matchmaker.services.visibility import facts


def list_exclusions(*, session: Session, actor: Actor, firm_id: int) -> list[MatchExclusion]:
    firm = _changeable(session, actor, firm_id)
    query = select(MatchExclusion).where(or_(MatchExclusion.firm_id == firm.id, MatchExclusion.other_firm_id == firm.id))
    return list(session.exec(query.order_by(MatchExclusion.id)))


def exclude_pair(
    *, session: Session, actor: Actor, firm_id: int, other_firm_id: int, reason: str | None = None
) -> MatchExclusion:
    """Never propose the two firms together again; the firm's editors or organizers may ask."""
    firm = _changeable(session, actor, firm_id)
    other, _sight = load_firm(session, actor, other_firm_id)
    if other.id == firm.id:
        raise Invalid("A firm cannot exclude itself.", {"other_firm_id": ["Name another firm."]})
    low, high = sorted((firm.id, other.id))
    exclusion = MatchExclusion(firm_id=low, other_firm_id=high, reason=reason, created_by_id=actor.user_id)
    session.add(exclusion)
    try:
        session.flush()
    except IntegrityError as error:
        session.rollback()
        raise Conflict("These firms are excluded from each other already.") from error
    session.commit()
    return exclusion


def remove_exclusion(*, session: Session, actor: Actor, firm_id: int, exclusion_id: int) -> None:
    firm = _changeable(session, actor, firm_id)
    exclusion = session.get(MatchExclusion, exclusion_id)
    if exclusion is None or firm.id not in (exclusion.firm_id, exclusion.other_firm_id):
        raise NotFound(f"No exclusion {exclusion_id} of firm {firm_id}.")
    session.delete(exclusion)
    session.commit()


def _changeable(session: Session, actor: Actor, firm_id: int):
    require_user(actor)
    firm, _sight = load_firm(session, actor, firm_id)
    if not may_change(actor, facts(firm)):
        raise Forbidden("Only the firm's editors and organizers manage its exclusions.")
    return firm
