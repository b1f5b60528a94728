"""Users, their passwords and API tokens, and the actor a token stands for."""
import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import joinedload
from sqlmodel import Session, select

from matchmaker.domain.access import Actor, require_user
from matchmaker.domain.enums import Role
from matchmaker.domain.errors import Conflict, Invalid, NotAuthenticated, NotFound
from matchmaker.models import ApiToken, Firm, User, UserCountry, UserFirm
from matchmaker.models.base import utcnow
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


def actor_for_token(*, session: Session, secret: str) -> Actor:
    """The actor a token stands for, read with its user and links in one query (it runs on every request)."""
    token = session.exec(
        select(ApiToken)
        .where(ApiToken.token_hash == digest(secret))
        .options(joinedload(ApiToken.user).options(joinedload(User.firm_links), joinedload(User.country_links)))
    ).unique().first()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        raise NotAuthenticated("Invalid or revoked API token.")
    actor = actor_of(token.user)
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        _note_use(session, token, now)
    return actor


def _note_use(session: Session, token: ApiToken, now) -> None:
    """Record the token's use; a hint, so a busy database (SQLite under a writer) may skip it."""
    token.last_used_at = now
    try:
        session.commit()
    except OperationalError:
        session.rollback()


def actor_of(user: User) -> Actor:
    return Actor(
        user_id=user.id,
        role=user.role,
        firm_ids=frozenset(link.firm_id for link in user.firm_links),
        countries=frozenset(link.country for link in user.country_links),
    )


def current_user(*, session: Session, actor: Actor) -> User:
    require_user(actor)
    return session.get(User, actor.user_id)


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
