"""Demo data: the invented sample registry and one user per role."""
import json
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from matchmaker.domain.enums import Role, Visibility
from matchmaker.domain.text import search_key
from matchmaker.models import Certification, Contact, Firm, SupplyDeclaration, User
from matchmaker.models.base import utcnow
from matchmaker.services.firms import insert_firm
from matchmaker.services.users import create_user, issue_token

DEMO_DOMAIN = "demo.example"


@dataclass(frozen=True)
class DemoCredential:
    email: str
    role: Role
    password: str | None  # None when the user existed already and keeps its password
    token: str


def seed_firms(*, session: Session, path: Path) -> int:
    """Add the demo firms missing from the registry, all in one transaction; return how many."""
    present = set(session.exec(select(Firm.country, Firm.name_key).where(Firm.deleted_at.is_(None))))
    added = 0
    for record in json.loads(path.read_text(encoding="utf-8")):
        if (record["country"], search_key(record["name"])) in present:
            continue
        contacts = record.pop("contacts")
        claims = record.pop("certifications", [])
        declarations = record.pop("supply_chain", [])
        firm = insert_firm(session, record)
        session.add_all(Contact(firm_id=firm.id, **contact) for contact in contacts)
        session.add_all(Certification(firm_id=firm.id, **_evidence(claim)) for claim in claims)
        session.add_all(SupplyDeclaration(firm_id=firm.id, **_evidence(line)) for line in declarations)
        added += 1
    session.commit()
    return added


def _evidence(record: dict) -> dict:
    """A claim of the data file as columns: ISO dates parsed, ``verified`` as a verification by the seed."""
    fields = {key: date.fromisoformat(value) if key.endswith("_on") and value else value for key, value in record.items()}
    verified = fields.pop("verified", False)
    return {**fields, "verified_at": utcnow() if verified else None}


def seed_users(*, session: Session) -> list[DemoCredential]:
    """One demo user per role, each with a fresh API token; existing ones keep their password."""
    return [_demo_user(session, role) for role in Role]


def _demo_user(session: Session, role: Role) -> DemoCredential:
    email = f"{role.value.replace('_', '-')}@{DEMO_DOMAIN}"
    user = session.exec(select(User).where(User.email == email)).first()
    password = None
    if user is None:
        password = secrets.token_urlsafe(12)
        user = create_user(session=session, email=email, role=role, password=password, **_demo_links(session, role))
    _token, secret = issue_token(session=session, user=user, label="demo")
    return DemoCredential(email, role, password, secret)


def _demo_links(session: Session, role: Role) -> dict:
    """A firm editor edits one public and one discreet firm; a reviewer stands for Taiwan's office."""
    if role == Role.FIRM_EDITOR:
        firm_ids = [
            session.exec(select(Firm.id).where(Firm.visibility == visibility).order_by(Firm.id)).first()
            for visibility in (Visibility.PUBLIC, Visibility.DISCREET)
        ]
        return {"firm_ids": [firm_id for firm_id in firm_ids if firm_id is not None]}
    if role == Role.REVIEWER:
        return {"countries": ["TW"]}
    return {}
