"""Builders of test data, going through the services where a rule matters."""
from dataclasses import dataclass, field
from itertools import count

from argon2 import PasswordHasher
from sqlmodel import Session

from matchmaker.domain.enums import Role, VerificationStatus, Visibility
from matchmaker.domain.compliance import CertificationKind, ComponentCategory
from matchmaker.models import (
    Certification, Contact, Firm, MatchExclusion, SupplyDeclaration, User, UserCountry, UserFirm,
)
from matchmaker.services.firms import insert_firm
from matchmaker.services.users import issue_token

PASSWORD = "correct horse battery staple"
_sequence = count(1)
_password_hash: list[str] = []

CANARY = {
    "name": "Quokkaflight Canary Avionics 金絲雀航太",
    "city": "Zyzzyvaburg",
    "website": "https://quokkaflight-canary.example",
    "description": "Secret xylophonic autopilots for the canary programme.",
}
CANARY_CONTACT = {"name": "Wilhelmina Canarycontact", "email": "wilhelmina@quokkaflight-canary.example"}
# Every string that would give the canary firm away.
CANARY_SECRETS = ("Quokkaflight", "quokkaflight", "金絲雀", "Zyzzyvaburg", "xylophonic", "Canarycontact")


def make_firm(session: Session, *, country: str = "PL", visibility: Visibility = Visibility.PUBLIC,
              verification_status: VerificationStatus = VerificationStatus.UNVERIFIED,
              capabilities=None, contacts=None, **fields) -> Firm:
    number = next(_sequence)
    data = {
        "name": f"Test Firm {number}",
        "country": country,
        "visibility": visibility,
        "verification_status": verification_status,
        "capabilities": capabilities if capabilities is not None else [
            {"slug": "thermal-imagers", "direction": "offers", "note": "cooled cores"},
            {"slug": "platform-integration", "direction": "seeks"},
        ],
        **fields,
    }
    firm = insert_firm(session, data)
    for contact in contacts if contacts is not None else [{"name": f"Contact {number}", "email": f"c{number}@firm.example"}]:
        session.add(Contact(firm_id=firm.id, **contact))
    session.commit()
    return firm


def make_user(session: Session, role: Role, *, firm_ids=(), countries=()) -> tuple[User, str]:
    """A user with the shared test password (hashed once per run: argon2 is slow on purpose)."""
    if not _password_hash:
        _password_hash.append(PasswordHasher().hash(PASSWORD))
    user = User(email=f"{role.value}-{next(_sequence)}@test.example", role=role, password_hash=_password_hash[0])
    user.firm_links = [UserFirm(firm_id=firm_id) for firm_id in firm_ids]
    user.country_links = [UserCountry(country=country) for country in countries]
    session.add(user)
    session.commit()
    _token, secret = issue_token(session=session, user=user)
    return user, secret


@dataclass
class World:
    """Firms covering every row of the access table and a user of every role.

    The reviewer's office covers PL; the firm editor edits ``own``, a discreet TW firm; ``discreet_tw``
    is the canary whose identity must never reach a role that may not see it.
    """

    firms: dict[str, Firm]
    users: dict[str, User]
    tokens: dict[str, str] = field(default_factory=dict)

    def headers(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"} if role in self.tokens else {}


def build_world(session: Session) -> World:
    firms = {
        "public": make_firm(session),
        "members": make_firm(session, visibility=Visibility.MEMBERS),
        "discreet_pl": make_firm(session, visibility=Visibility.DISCREET),
        "discreet_tw": make_firm(session, country="TW", visibility=Visibility.DISCREET, contacts=[CANARY_CONTACT], **CANARY),
        "suspended": make_firm(session, verification_status=VerificationStatus.SUSPENDED),
        "own": make_firm(session, country="TW", visibility=Visibility.DISCREET),
    }
    for firm in firms.values():
        # Named after the firm, so the canary test also catches evidence that leaks.
        session.add(Certification(firm_id=firm.id, kind=CertificationKind.ISO_9001, reference=f"ISO {firm.name}"[:120]))
        session.add(
            SupplyDeclaration(firm_id=firm.id, category=ComponentCategory.CHIPS, supplier=f"{firm.name} Chips", country="TW")
        )
    # A chain of exclusions (public-members, members-discreet_pl ...): every firm has one to lift.
    chain = list(firms.values())
    for first, second in zip(chain, chain[1:]):
        low, high = sorted((first.id, second.id))
        session.add(MatchExclusion(firm_id=low, other_firm_id=high, reason="test"))
    session.commit()
    links = {Role.FIRM_EDITOR: {"firm_ids": [firms["own"].id]}, Role.REVIEWER: {"countries": ["PL"]}}
    world = World(firms=firms, users={})
    for role in Role:
        world.users[role.value], world.tokens[role.value] = make_user(session, role, **links.get(role, {}))
    return world
