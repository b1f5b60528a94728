"""Users, their passwords and API tokens, and the actor a token stands for."""
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, select

from matchmaker.domain.access import Actor, require_user
from matchmaker.domain.enums import Role
from matchmaker.domain.errors import Conflict, Invalid, NotAuthenticated, NotFound
from matchmaker.models import ApiToken, Firm, Generation, User, UserCountry, UserFirm
from matchmaker.models.base import utcnow
from matchmaker.models.generation import AUTH, writes_pending
from matchmaker.services.common import require_participating

TOKEN_PREFIX = "mm_"
# last_used_at is a hint for the token's owner, not an audit log: write it at most this often.
LAST_USED_RESOLUTION = timedelta(minutes=1)
_hasher = PasswordHasher()


def create_user(
    *,
    session: Session,
    email: str,
    role: Role,
    password: str,
    firm_ids: Iterable[int] = (),
    countries: Iterable[str] = (),
) -> User:
    """Create a user; firm editors are linked to firms, reviewers to the countries their office covers."""
    email = email.strip().lower()
    firm_ids, countries = sorted(set(firm_ids)), sorted({c.upper() for c in countries})
    _check_links(session, role, firm_ids, countries)
    if len(password) < 12:
        raise Invalid("Password too short.", {"password": ["Use at least 12 characters."]})
    user = User(email=email, role=role, password_hash=_hasher.hash(password))
    user.firm_links = [UserFirm(firm_id=firm_id) for firm_id in firm_ids]
    user.country_links = [UserCountry(country=country) for country in countries]
    session.add(user)
    try:
        session.flush()
    except IntegrityError as error:
        raise Conflict("User exists.", {"email": [f"{email} is already registered."]}) from error
    session.commit()
    return user


def _check_links(session: Session, role: Role, firm_ids: list[int], countries: list[str]) -> None:
    if firm_ids and role != Role.FIRM_EDITOR:
        raise Invalid("Only firm editors are linked to firms.", {"firm": ["Only for the firm_editor role."]})
    if countries and role != Role.REVIEWER:
        raise Invalid("Only reviewers are linked to countries.", {"country": ["Only for the reviewer role."]})
    if role == Role.REVIEWER and not countries:
        raise Invalid("A reviewer needs a country.", {"country": ["Name the countries its office covers."]})
    for country in countries:
        require_participating(session, country)
    known = set(session.exec(select(Firm.id).where(Firm.id.in_(firm_ids), Firm.deleted_at.is_(None))))
    missing = [str(firm_id) for firm_id in firm_ids if firm_id not in known]
    if missing:
        raise Invalid("Unknown firm.", {"firm": [f"No firm {', '.join(missing)}."]})


def find_user(*, session: Session, email: str) -> User:
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        raise NotFound(f"No user {email}.")
    return user


def authenticate(*, session: Session, email: str, password: str) -> User:
    """The active user with these credentials; one vague error for every failure."""
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    try:
        if user is None or not user.is_active or not _hasher.verify(user.password_hash, password):
            raise VerificationError
    except (VerificationError, InvalidHashError) as error:
        raise NotAuthenticated("Unknown e-mail or wrong password.") from error
    return user


def issue_token(*, session: Session, user: User, label: str | None = None) -> tuple[ApiToken, str]:
    """A new token for the user; the secret is returned once and stored only as a hash."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, token_hash=digest(secret), prefix=secret[:10], label=label)
    session.add(token)
    session.commit()
    return token, secret


@dataclass(frozen=True)
class Resolution:
    """What a token stood for, and the auth generation of the same read: as long as that generation is the
    current one, no committed write has changed the token, its user or the user's links since."""

    token_id: int
    actor: Actor
    email: str
    generation: str | None  # None when it must not be cached (see resolve_token)
    last_used_at: datetime | None

    @property
    def user(self) -> "Identity":
        return Identity(
            id=self.actor.user_id, email=self.email, role=self.actor.role,
            firm_ids=sorted(self.actor.firm_ids), countries=sorted(self.actor.countries),
        )


@dataclass(frozen=True)
class Identity:
    """Who a user is: what ``/me`` shows."""

    id: int
    email: str
    role: Role
    firm_ids: list[int]
    countries: list[str]


def resolve_token(*, session: Session, secret: str) -> Resolution:
    """The actor a token stands for, read with its user, links and the auth generation in one statement.

    One statement, so one snapshot: the generation returned is never newer than the actor (a later
    revocation replaces it), whatever the session read before. Plain rows, not ORM objects, which could be
    ones the session loaded earlier and would not be refreshed.
    """
    rows = session.execute(
        sa_select(
            ApiToken.id.label("token_id"), ApiToken.revoked_at, ApiToken.last_used_at,
            User.id.label("user_id"), User.email, User.role, User.is_active, UserFirm.firm_id, UserCountry.country,
            sa_select(Generation.token).where(Generation.scope == AUTH).scalar_subquery().label("generation"),
        )
        .join(User, User.id == ApiToken.user_id)
        .outerjoin(UserFirm, UserFirm.user_id == User.id)
        .outerjoin(UserCountry, UserCountry.user_id == User.id)
        .where(ApiToken.token_hash == digest(secret))
    ).all()
    if not rows or rows[0].revoked_at is not None or not rows[0].is_active:
        raise NotAuthenticated("Invalid or revoked API token.")
    first = rows[0]
    # Read past this transaction's own writes of tokens or users, which may yet roll back: not to be cached.
    generation = None if writes_pending(session, AUTH) else first.generation
    actor = Actor(
        user_id=first.user_id,
        role=first.role,
        firm_ids=frozenset(row.firm_id for row in rows if row.firm_id is not None),
        countries=frozenset(row.country for row in rows if row.country is not None),
    )
    last_used_at, now = first.last_used_at, utcnow()
    if use_due(last_used_at, now) and _note_use(session, first.token_id, now):
        last_used_at = now
    return Resolution(
        token_id=first.token_id, actor=actor, email=first.email, generation=generation, last_used_at=last_used_at
    )


def use_due(last_used_at: datetime | None, now: datetime) -> bool:
    """Whether a use at ``now`` is to be written, last_used_at being a hint written at most once a minute."""
    return last_used_at is None or now - last_used_at > LAST_USED_RESOLUTION


def _note_use(session: Session, token_id: int, now: datetime) -> bool:
    """Record the token's use; a hint, so a busy database (SQLite under a writer) may skip it.

    Through the ORM, so the flush shows that only last_used_at changed: that leaves the auth generation.
    """
    token = session.get(ApiToken, token_id)
    token.last_used_at = now
    try:
        session.commit()
    except OperationalError:
        session.rollback()
        return False
    return True


def actor_of(user: User) -> Actor:
    return Actor(
        user_id=user.id,
        role=user.role,
        firm_ids=frozenset(link.firm_id for link in user.firm_links),
        countries=frozenset(link.country for link in user.country_links),
    )


def list_tokens(*, session: Session, actor: Actor, offset: int = 0, limit: int = 20) -> tuple[list[ApiToken], int]:
    require_user(actor)
    tokens = session.exec(
        select(ApiToken).where(ApiToken.user_id == actor.user_id).order_by(ApiToken.id)
    ).all()
    return list(tokens[offset : offset + limit]), len(tokens)


def revoke_token(*, session: Session, actor: Actor, token_id: int) -> None:
    """Revoke one of the actor's own tokens (revoking twice is harmless)."""
    require_user(actor)
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != actor.user_id:
        raise NotFound(f"No token {token_id} of yours.")
    token.revoked_at = token.revoked_at or utcnow()
    session.commit()


def digest(secret: str) -> str:
    """How secrets (API tokens, claim invitations) are stored: high-entropy, so a plain SHA-256 suffices."""
    return hashlib.sha256(secret.encode()).hexdigest()
