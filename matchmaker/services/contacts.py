"""A firm's contact persons: personal data, shown only to those the access table names."""
from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from matchmaker.domain.access import Actor, may_read_contacts, require_user
from matchmaker.domain.errors import NotFound
from matchmaker.models import Contact, Firm
from matchmaker.services.firms import load_changeable_firm, load_firm
from matchmaker.services.visibility import facts


def list_contacts(*, session: Session, actor: Actor, firm_id: int) -> tuple[list[Contact], Firm]:
    firm = _readable_firm(session, actor, firm_id)
    return list(firm.contacts), firm


def get_contact(*, session: Session, actor: Actor, firm_id: int, contact_id: int) -> Contact:
    firm = _readable_firm(session, actor, firm_id)
    return _contact_of(session, firm, contact_id)


def add_contact(
    *, session: Session, actor: Actor, firm_id: int, expected_version: int | None, data: Mapping[str, Any]
) -> Contact:
    firm = load_changeable_firm(session, actor, firm_id, expected_version)
    contact = Contact(firm_id=firm.id, **data)
    session.add(contact)
    session.commit()
    return contact


def update_contact(
    *,
    session: Session,
    actor: Actor,
    firm_id: int,
    contact_id: int,
    expected_version: int | None,
    changes: Mapping[str, Any],
) -> Contact:
    firm = load_changeable_firm(session, actor, firm_id, expected_version)
    contact = _contact_of(session, firm, contact_id)
    for field, value in changes.items():
        setattr(contact, field, value)
    session.commit()
    return contact


def remove_contact(
    *, session: Session, actor: Actor, firm_id: int, contact_id: int, expected_version: int | None
) -> Firm:
    firm = load_changeable_firm(session, actor, firm_id, expected_version)
    session.delete(_contact_of(session, firm, contact_id))
    session.commit()
    return firm


def _readable_firm(session: Session, actor: Actor, firm_id: int) -> Firm:
    require_user(actor)
    firm, _sight = load_firm(session, actor, firm_id)
    if not may_read_contacts(actor, facts(firm)):
        raise NotFound(f"No contacts of firm {firm_id} for you.")
    return firm


def _contact_of(session: Session, firm: Firm, contact_id: int) -> Contact:
    contact = session.exec(select(Contact).where(Contact.id == contact_id, Contact.firm_id == firm.id)).first()
    if contact is None:
        raise NotFound(f"No contact {contact_id} of firm {firm.id}.")
    return contact
