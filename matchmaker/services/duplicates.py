"""Near-duplicate firms, and merging one into another without losing anything either held."""
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from sqlalchemy import update
from sqlmodel import Session, select

from matchmaker.domain.access import Actor, Sight, require_role
from matchmaker.domain.enums import Role
from matchmaker.domain.errors import Invalid, NotFound
from matchmaker.domain.names import identity_keys
from matchmaker.models import (
    Certification, ClaimInvitation, Contact, DismissedCapability, Firm, FirmMerge, SupplyDeclaration, UserFirm,
)
from matchmaker.models.base import utcnow
from matchmaker.services.firms import PROFILE_FIELDS, FirmView, firm_keys, touch, view_of

# Parts that simply change hands; capability tags and editors need care for duplicates.
MOVED_PARTS = {"contacts": Contact, "certifications": Certification, "declarations": SupplyDeclaration,
               "claim_invitations": ClaimInvitation}


@dataclass(frozen=True)
class DuplicateFirm:
    id: int
    name: str
    country: str


@dataclass(frozen=True)
class DuplicatePair:
    first: DuplicateFirm
    second: DuplicateFirm
    shared: tuple[str, ...]  # what the names share: "name:thunder tiger", "cjk:雷虎科技"


def find_duplicates(*, session: Session, actor: Actor, country: str | None = None) -> list[DuplicatePair]:
    """Pairs of live firms of one country whose names share an identity key (organizers and admins)."""
    require_role(actor, Role.ADMIN, Role.ORGANIZER)
    query = select(Firm.id, Firm.name, Firm.country).where(Firm.deleted_at.is_(None)).order_by(Firm.id)
    if country:
        query = query.where(Firm.country == country)
    by_key: defaultdict[tuple[str, str], list[DuplicateFirm]] = defaultdict(list)
    for firm_id, name, firm_country in session.exec(query):
        for key in identity_keys(name):
            by_key[(firm_country, key)].append(DuplicateFirm(firm_id, name, firm_country))
    shared: defaultdict[tuple[DuplicateFirm, DuplicateFirm], list[str]] = defaultdict(list)
    for (_country, key), firms in by_key.items():
        for pair in combinations(firms, 2):
            shared[pair].append(key)
    pairs = [DuplicatePair(first, second, tuple(sorted(keys))) for (first, second), keys in shared.items()]
    return sorted(pairs, key=lambda pair: (pair.first.country, pair.first.name.casefold(), pair.second.id))


def merge_firms(*, session: Session, actor: Actor, survivor_id: int, merged_id: int) -> tuple[FirmMerge, FirmView]:
    """Merge ``merged_id`` into ``survivor_id``: every part of both is kept, the old id resolves to the survivor."""
    require_role(actor, Role.ADMIN, Role.ORGANIZER)
    if survivor_id == merged_id:
        raise Invalid("A firm cannot be merged into itself.", {"merged_id": ["Name another firm than survivor_id."]})
    survivor, merged = _live(session, survivor_id, "survivor_id"), _live(session, merged_id, "merged_id")
    moved = {name: _move(session, model, merged, survivor) for name, model in MOVED_PARTS.items()}
    moved["capabilities"] = _move_tags(session, merged, survivor)
    moved["dismissals"] = _move_dismissals(session, merged, survivor)
    moved["editors"] = _move_editors(session, merged, survivor)
    moved["fields"] = _fill_fields(survivor, merged)
    merged.deleted_at, merged.merged_into_id = utcnow(), survivor.id
    session.execute(update(Firm).where(Firm.merged_into_id == merged.id).values(merged_into_id=survivor.id))
    record = FirmMerge(survivor_id=survivor.id, merged_id=merged.id, merged_by_id=actor.user_id, moved=moved)
    session.add(record)
    touch(session, survivor, None)
    session.commit()
    session.refresh(survivor)
    return record, view_of(session, survivor, Sight.FULL)


def _live(session: Session, firm_id: int, field: str) -> Firm:
    firm = session.get(Firm, firm_id)
    if firm is None or firm.deleted_at is not None:
        raise NotFound(f"No firm {firm_id}.", {field: [f"No live firm {firm_id}."]})
    return firm


def _move(session: Session, model, merged: Firm, survivor: Firm) -> int:
    result = session.execute(update(model).where(model.firm_id == merged.id).values(firm_id=survivor.id))
    return result.rowcount


def _move_tags(session: Session, merged: Firm, survivor: Firm) -> int:
    """Move the merged firm's tags; where both have one, a person's tag wins over an inferred one."""
    held = {(tag.capability_id, tag.direction): tag for tag in survivor.capabilities}
    moved = 0
    for tag in list(merged.capabilities):
        twin = held.get((tag.capability_id, tag.direction))
        if twin is None:
            tag.firm_id = survivor.id
            moved += 1
            continue
        if twin.inferred and not tag.inferred:
            twin.inferred, twin.role_kind, twin.note = False, tag.role_kind, tag.note or twin.note
        session.delete(tag)
    session.flush()
    return moved


def _move_dismissals(session: Session, merged: Firm, survivor: Firm) -> int:
    """Move the capabilities a person removed from the merged firm, so a re-import does not infer them
    on the survivor; one the survivor has dismissed too is kept once."""
    def key(dismissal: DismissedCapability) -> tuple:
        return dismissal.capability_id, dismissal.direction

    held = {key(d) for d in session.exec(select(DismissedCapability).where(DismissedCapability.firm_id == survivor.id))}
    dismissals = session.exec(select(DismissedCapability).where(DismissedCapability.firm_id == merged.id)).all()
    for dismissal in dismissals:
        if key(dismissal) not in held:
            session.add(DismissedCapability(firm_id=survivor.id, capability_id=dismissal.capability_id,
                                            direction=dismissal.direction, dismissed_at=dismissal.dismissed_at))
        session.delete(dismissal)
    session.flush()
    return len(dismissals)


def _move_editors(session: Session, merged: Firm, survivor: Firm) -> int:
    editors = set(session.exec(select(UserFirm.user_id).where(UserFirm.firm_id == survivor.id)))
    links = session.exec(select(UserFirm).where(UserFirm.firm_id == merged.id)).all()
    for link in links:
        if link.user_id not in editors:
            session.add(UserFirm(user_id=link.user_id, firm_id=survivor.id))
        session.delete(link)
    session.flush()
    return len(links)


def _fill_fields(survivor: Firm, merged: Firm) -> list[str]:
    """Copy what the survivor lacks from the merged firm; name the fields copied."""
    filled = [field for field in PROFILE_FIELDS if getattr(survivor, field) in (None, "") and getattr(merged, field)]
    for field in filled:
        setattr(survivor, field, getattr(merged, field))
    survivor.name_key, survivor.search_key = firm_keys(survivor.name, survivor.city, survivor.description)
    return filled
