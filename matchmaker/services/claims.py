"""Claiming an imported firm: an organizer's one-time, expiring invitation makes a person its editor."""
import secrets
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from matchmaker.domain.access import Actor, require_role
from matchmaker.domain.enums import Role
from matchmaker.domain.errors import Conflict, Invalid, NotAuthenticated
from matchmaker.models import ClaimInvitation, Firm, User, UserFirm
from matchmaker.models.base import utcnow
from matchmaker.services.firms import load_firm
from matchmaker.services.users import authenticate, create_user, digest

CLAIM_PREFIX = "mmclaim_"
DEFAULT_VALIDITY = timedelta(days=14)


def invite_claim(
    *, session: Session, actor: Actor, firm_id: int, email: str | None = None, valid_for: timedelta = DEFAULT_VALIDITY
) -> tuple[ClaimInvitation, str]:
    """A claim invitation for the firm; the secret is returned once, for the organizer to hand over."""
    require_role(actor, Role.ADMIN, Role.ORGANIZER)
    firm, _sight = load_firm(session, actor, firm_id)
    secret = CLAIM_PREFIX + secrets.token_urlsafe(24)
    invitation = ClaimInvitation(
        firm_id=firm.id, token_hash=digest(secret), email=email.strip().lower() if email else None,
        created_by_id=actor.user_id, expires_at=utcnow() + valid_for,
    )
    session.add(invitation)
    session.commit()
    return invitation, secret


def redeem_claim(*, session: Session, secret: str, email: str, password: str) -> tuple[User, Firm]:
    """Use an invitation: a new account becomes the firm's editor, or an existing firm editor signs in to add it."""
    invitation = session.exec(select(ClaimInvitation).where(ClaimInvitation.token_hash == digest(secret))).first()
    if invitation is None or invitation.used_at is not None or invitation.expires_at < utcnow():
        raise NotAuthenticated("This claim invitation is unknown, used or expired; ask the organizer for a new one.")
    if invitation.email and invitation.email != email.strip().lower():
        raise Invalid("The invitation is for another e-mail address.", {"email": ["Not the invited address."]})
    # Spend the invitation first and atomically: of two people redeeming it at once, one wins.
    spent = session.execute(
        update(ClaimInvitation)
        .where(ClaimInvitation.id == invitation.id, ClaimInvitation.used_at.is_(None))
        .values(used_at=utcnow())
    )
    if spent.rowcount != 1:
        raise NotAuthenticated("This claim invitation was used a moment ago.")
    firm = session.get(Firm, invitation.firm_id)
    user = _claimant(session, email, password)
    if invitation.firm_id not in {link.firm_id for link in user.firm_links}:
        session.add(UserFirm(user_id=user.id, firm_id=firm.id))
    invitation.used_by_id = user.id
    session.commit()
    session.refresh(user)
    return user, firm


def _claimant(session: Session, email: str, password: str) -> User:
    existing = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if existing is None:
        return create_user(session=session, email=email, role=Role.FIRM_EDITOR, password=password)
    user = authenticate(session=session, email=email, password=password)
    if user.role != Role.FIRM_EDITOR:
        raise Conflict("Only a firm editor's account can claim a firm.", {"email": ["Use another address."]})
    return user
