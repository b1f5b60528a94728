"""The capabilities a firm offers and seeks, as a sub-resource of the firm."""
from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from matchmaker.domain.access import Actor, Sight
from matchmaker.domain.errors import NotFound
from matchmaker.models import DismissedCapability, Firm, FirmCapability
from matchmaker.services.firms import CapabilityTag, add_tags, load_changeable_firm, load_firm, tags_of


def list_firm_capabilities(*, session: Session, actor: Actor, firm_id: int) -> tuple[list[CapabilityTag], Firm]:
    """Tags as the actor sees them (notes withheld on a masked firm)."""
    firm, sight = load_firm(session, actor, firm_id)
    return tags_of(firm, sight), firm


def get_firm_capability(*, session: Session, actor: Actor, firm_id: int, tag_id: int) -> tuple[CapabilityTag, Firm]:
    firm, sight = load_firm(session, actor, firm_id)
    tag = next((tag for tag in tags_of(firm, sight) if tag.id == tag_id), None)
    if tag is None:
        raise NotFound(f"No capability tag {tag_id} on firm {firm_id}.")
    return tag, firm


def add_firm_capability(
    *, session: Session, actor: Actor, firm_id: int, expected_version: int | None, data: Mapping[str, Any]
) -> tuple[CapabilityTag, Firm]:
    """Tag the firm; a person's tag is never ``inferred``, and undoes an earlier dismissal of it."""
    firm = load_changeable_firm(session, actor, firm_id, expected_version)
    [added] = add_tags(session, firm, [{**data, "inferred": False}], field="slug")
    dismissed = session.get(DismissedCapability, (firm.id, added.capability_id, added.direction))
    if dismissed is not None:
        session.delete(dismissed)
    session.commit()
    return _tag(firm, added.id), firm


def update_firm_capability(
    *,
    session: Session,
    actor: Actor,
    firm_id: int,
    tag_id: int,
    expected_version: int | None,
    changes: Mapping[str, Any],
) -> tuple[CapabilityTag, Firm]:
    """Change role kind or note; a person confirming a program's tag makes it no longer inferred."""
    firm = load_changeable_firm(session, actor, firm_id, expected_version)
    tagged = _tag_of(session, firm, tag_id)
    for field, value in changes.items():
        setattr(tagged, field, value)
    tagged.inferred = False
    session.commit()
    return _tag(firm, tag_id), firm


def remove_firm_capability(
    *, session: Session, actor: Actor, firm_id: int, tag_id: int, expected_version: int | None
) -> Firm:
    """Remove the tag, and remember that a person did: a re-import must not infer it again."""
    firm = load_changeable_firm(session, actor, firm_id, expected_version)
    tagged = _tag_of(session, firm, tag_id)
    session.merge(DismissedCapability(firm_id=firm.id, capability_id=tagged.capability_id, direction=tagged.direction))
    session.delete(tagged)
    session.commit()
    session.refresh(firm, ["capabilities"])
    return firm


def _tag_of(session: Session, firm: Firm, tag_id: int) -> FirmCapability:
    tagged = session.exec(
        select(FirmCapability).where(FirmCapability.id == tag_id, FirmCapability.firm_id == firm.id)
    ).first()
    if tagged is None:
        raise NotFound(f"No capability tag {tag_id} on firm {firm.id}.")
    return tagged


def _tag(firm: Firm, tag_id: int) -> CapabilityTag:
    return next(tag for tag in tags_of(firm, Sight.FULL) if tag.id == tag_id)
