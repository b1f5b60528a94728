"""Registering firms, reading them as the actor may see them, changing and deleting them."""
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, literal, select as sa_select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer, selectinload
from sqlmodel import Session, select

from matchmaker.domain.access import Actor, Sight, may_change, require_role, require_user, sight_of
from matchmaker.domain.compliance import (
    Assessment,
    CertificationKind,
    CertificationStatus,
    Eligibility,
    NonRedStatus,
    certification_status,
)
from matchmaker.domain.enums import Direction, Role, RoleKind, VerificationStatus
from matchmaker.domain.errors import Conflict, Forbidden, NotFound, PreconditionFailed
from matchmaker.domain.text import search_key
from matchmaker.models import Capability, Firm, FirmCapability, Generation, UserFirm
from matchmaker.models.base import utcnow
from matchmaker.models.generation import REGISTRY, writes_pending
from matchmaker.services.common import require_participating, settings_of
from matchmaker.services.compliance_status import (
    certification_clause,
    non_red_clause,
    supply_chain_of,
    today,
    us_market_clause,
    us_market_of,
)
from matchmaker.services.taxonomy import capabilities_by_slug
from matchmaker.services.tagger import default_tagger, profile_text
from matchmaker.services.visibility import facts, full_sight_clause, masked_name, sight_key, visible_clause

# Fields a masked view keeps; everything else is withheld.
PROFILE_FIELDS = (
    "name", "city", "website", "size_band", "founded_year", "capacity_units_per_year",
    "capacity_note", "description", "visibility", "verification_status",
)
STAFF_ONLY_FIELDS = {"verification_status"}
NAME_KEY_LENGTH = 200


@dataclass(frozen=True)
class CapabilityTag:
    id: int
    slug: str
    name: str
    direction: Direction
    role_kind: RoleKind
    inferred: bool
    note: str | None


@dataclass(frozen=True)
class CertificationSummary:
    kind: CertificationKind
    status: CertificationStatus
    verified: bool


@dataclass(frozen=True)
class FirmView:
    """A firm as one actor sees it: in full, or masked to id, country and capabilities."""

    id: int
    country: str
    masked: bool
    name: str
    version: int
    capabilities: list[CapabilityTag]
    supply_chain: Assessment
    us_market: Eligibility
    certifications: list[CertificationSummary] | None = None  # withheld (None) when masked
    # Read from the description and capability notes as the matchmaker reads them; withheld (None)
    # when masked, as the text they come from is.
    application_areas: tuple[str, ...] | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    city: str | None = None
    website: str | None = None
    size_band: str | None = None
    founded_year: int | None = None
    capacity_units_per_year: int | None = None
    capacity_note: str | None = None
    description: str | None = None
    visibility: str | None = None
    verification_status: str | None = None


@dataclass(frozen=True)
class FirmFilters:
    countries: Sequence[str] = ()
    capability: str | None = None
    role_kind: RoleKind | None = None
    direction: Direction | None = None
    verification_status: VerificationStatus | None = None
    certification: CertificationKind | None = None
    non_red_status: NonRedStatus | None = None
    us_market_eligible: bool | None = None
    q: str | None = None


def view_of(session: Session, firm: Firm, sight: Sight) -> FirmView:
    """The firm as seen with ``sight``; its supply-chain statuses are derived now, with today's date."""
    masked = sight is Sight.MASKED
    on = today()
    supply_chain = supply_chain_of(firm, settings_of(session).concern_countries)
    us_market = us_market_of(firm, on)
    common = {"id": firm.id, "country": firm.country, "version": firm.version, "capabilities": tags_of(firm, sight)}
    if masked:
        # The statuses stay, for trust; their reasons go, since a named listing can identify a firm.
        return FirmView(
            masked=True,
            name=masked_name(firm.country),
            supply_chain=replace(supply_chain, reasons=()),
            us_market=replace(us_market, reasons=()),
            **common,
        )
    profile = {field: getattr(firm, field) for field in PROFILE_FIELDS}
    certifications = [
        CertificationSummary(c.kind, certification_status(c.expires_on, on), c.verified)
        for c in firm.certifications
    ]
    areas = default_tagger().applications(profile_text(firm.description, (fc.note for fc in firm.capabilities)))
    return FirmView(
        masked=False, created_at=firm.created_at, updated_at=firm.updated_at, certifications=certifications,
        application_areas=areas, supply_chain=supply_chain, us_market=us_market, **common, **profile,
    )


def tags_of(firm: Firm, sight: Sight) -> list[CapabilityTag]:
    """The firm's capability tags; notes are free text, so a masked firm's are withheld."""
    return [
        CapabilityTag(
            fc.id, fc.capability.slug, fc.capability.name, fc.direction, fc.role_kind, fc.inferred,
            None if sight is Sight.MASKED else fc.note,
        )
        for fc in firm.capabilities
    ]


def load_firm(session: Session, actor: Actor, firm_id: int) -> tuple[Firm, Sight]:
    """The firm with the actor's sight of it; NotFound where the actor may not know it exists.

    The id of a firm merged into another resolves to that other firm.
    """
    firm = session.get(Firm, firm_id)
    while firm is not None and firm.merged_into_id is not None:
        firm = session.get(Firm, firm.merged_into_id)
    live = firm is not None and firm.deleted_at is None
    sight = sight_of(actor, facts(firm)) if live else Sight.NONE
    if sight is Sight.NONE:
        raise NotFound(f"No firm {firm_id}.")
    return firm, sight


def load_changeable_firm(session: Session, actor: Actor, firm_id: int, expected_version: int | None) -> Firm:
    """A firm the actor may change, its version raised, after checking the caller's version."""
    require_user(actor)
    firm, _sight = load_firm(session, actor, firm_id)
    if not may_change(actor, facts(firm)):
        raise Forbidden("You may not change this firm.")
    touch(session, firm, expected_version)
    return firm


def touch(session: Session, firm: Firm, expected_version: int | None) -> None:
    """Raise the firm's version, atomically checking it is still ``expected_version`` if given."""
    statement = update(Firm).where(Firm.id == firm.id)
    if expected_version is not None:
        statement = statement.where(Firm.version == expected_version)
    now = utcnow()
    result = session.execute(
        statement.values(version=Firm.version + 1, updated_at=now).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise PreconditionFailed("The firm changed since you read it; read it again and retry.")
    session.refresh(firm, ["version", "updated_at"])


def get_firm(*, session: Session, actor: Actor, firm_id: int) -> FirmView:
    return view_of(session, *load_firm(session, actor, firm_id))


def list_firms(
    *, session: Session, actor: Actor, filters: FirmFilters, offset: int = 0, limit: int = 20
) -> tuple[list[FirmView], int]:
    """One page of the firms the actor sees, ordered by the name the actor sees, with the total."""
    conditions = [visible_clause(actor), *_filter_conditions(session, actor, filters)]
    rows = session.exec(_page_query(actor, conditions, offset, limit)).all()
    if rows:
        total = rows[0][1]
    else:  # a page past the end carries no count
        total = session.scalar(sa_select(func.count()).select_from(Firm).where(*conditions))
    return [view_of(session, firm, sight_of(actor, facts(firm))) for firm, _total in rows], total


def _page_query(actor: Actor, conditions: list, offset: int, limit: int):
    """The page's firms with the total of matching firms, ordered by the name the actor sees.

    The page is picked from narrow rows, its total riding along as a window count, so sorting and
    counting the matching firms never carries their descriptions; only the page's rows are read whole.
    """
    shown_name = case(
        (full_sight_clause(actor), Firm.name_key),
        else_=literal(search_key(masked_name(""))) + " " + func.lower(Firm.country),
    )
    page = (
        sa_select(Firm.id, func.count().over().label("total"))
        .where(*conditions)
        .order_by(shown_name, Firm.id)
        .offset(offset)
        .limit(limit)
        .subquery()
    )
    return (
        select(Firm, page.c.total)
        .join(page, page.c.id == Firm.id)
        .options(
            selectinload(Firm.capabilities), selectinload(Firm.certifications), selectinload(Firm.declarations),
            # No view shows these, and the search key is as long as the description.
            defer(Firm.search_key), defer(Firm.imported_fields),
        )
        .order_by(shown_name, Firm.id)
    )


def list_key(
    *, generation: str | None, actor: Actor, filters: FirmFilters, offset: int, limit: int
) -> Hashable | None:
    """All that one page of ``list_firms`` depends on, for caching it; None when nothing is to be cached.

    The registry's generation changes with every committed write, and today's date expires certifications.
    """
    if generation is None:
        return None
    normalised = replace(filters, countries=tuple(sorted(set(filters.countries))))
    return generation, today(), sight_key(actor), normalised, offset, limit


def registry_generation(session: Session) -> str | None:
    """The registry's generation as ``session`` sees it, for the key of a page it then renders.

    Read before the page, in the same transaction: a write committed in between then shows in the page
    under the older generation, never the other way round. None (cache nothing) when the transaction
    wrote to the registry itself, which it may yet roll back.
    """
    generation = session.scalar(select(Generation.token).where(Generation.scope == REGISTRY))
    return None if writes_pending(session, REGISTRY) else generation


def _filter_conditions(session: Session, actor: Actor, filters: FirmFilters) -> list:
    conditions = []
    if filters.countries:
        conditions.append(Firm.country.in_(filters.countries))
    if filters.verification_status:
        conditions.append(Firm.verification_status == filters.verification_status)
    if filters.capability or filters.role_kind or filters.direction:
        conditions.append(_has_capability(session, filters))
    if filters.certification:
        # A masked firm's certifications are withheld, so no filter may reveal them either.
        conditions.append(and_(full_sight_clause(actor), certification_clause(filters.certification, today())))
    if filters.non_red_status:
        conditions.append(non_red_clause(filters.non_red_status, settings_of(session).concern_countries))
    if filters.us_market_eligible is not None:
        conditions.append(us_market_clause(filters.us_market_eligible, today()))
    words = search_key(filters.q).split()
    if words:
        # Only text the actor may read is searched: a masked firm never matches by its name.
        conditions.append(full_sight_clause(actor))
        conditions.extend(Firm.search_key.contains(word, autoescape=True) for word in words)
    return conditions


def _has_capability(session: Session, filters: FirmFilters):
    """The firm has one tag matching capability (with descendants), direction and role kind together."""
    query = sa_select(FirmCapability.firm_id)
    if filters.capability:
        root = capabilities_by_slug(session=session, slugs=[filters.capability], field="capability")[
            filters.capability
        ]
        subtree = sa_select(Capability.id).where(Capability.path.startswith(root.path, autoescape=True))
        query = query.where(FirmCapability.capability_id.in_(session.scalars(subtree).all()))
    if filters.direction:
        query = query.where(FirmCapability.direction == filters.direction)
    if filters.role_kind:
        query = query.where(FirmCapability.role_kind == filters.role_kind)
    return Firm.id.in_(query)


def register_firm(*, session: Session, actor: Actor, data: Mapping[str, Any]) -> FirmView:
    """Create a firm; a firm editor who registers one becomes its editor."""
    require_role(actor, Role.ADMIN, Role.ORGANIZER, Role.FIRM_EDITOR)
    _check_staff_only_fields(actor, data)
    firm = insert_firm(session, data)
    if actor.role == Role.FIRM_EDITOR:
        session.add(UserFirm(user_id=actor.user_id, firm_id=firm.id))
    session.commit()
    session.refresh(firm)
    return view_of(session, firm, Sight.FULL)


def insert_firm(session: Session, data: Mapping[str, Any]) -> Firm:
    """Validate and add a firm with its capability tags, flushed but not committed."""
    fields = dict(data)
    tags = fields.pop("capabilities", [])
    firm = Firm(**fields)
    require_participating(session, firm.country)
    _refresh_keys(firm)
    _reject_duplicate(session, firm)
    session.add(firm)
    _flush_unique(session, firm)
    add_tags(session, firm, tags)
    return firm


def update_firm(
    *, session: Session, actor: Actor, firm_id: int, expected_version: int | None, changes: Mapping[str, Any]
) -> FirmView:
    firm = load_changeable_firm(session, actor, firm_id, expected_version)
    _check_staff_only_fields(actor, changes)
    for field, value in changes.items():
        setattr(firm, field, value)
    # What a person set is theirs from now on: no re-import may overwrite it.
    firm.imported_fields = [field for field in firm.imported_fields if field not in changes]
    require_participating(session, firm.country)
    _refresh_keys(firm)
    _reject_duplicate(session, firm)
    _flush_unique(session, firm)
    session.commit()
    return view_of(session, firm, sight_of(actor, facts(firm)))


def delete_firm(*, session: Session, actor: Actor, firm_id: int, expected_version: int | None) -> None:
    """Soft delete: the firm leaves every listing, its data stays for the record."""
    firm = load_changeable_firm(session, actor, firm_id, expected_version)
    firm.deleted_at = utcnow()
    session.commit()


def add_tags(session: Session, firm: Firm, tags: Sequence[Mapping[str, Any]], *, field: str = "capabilities") -> list[FirmCapability]:
    """Tag the firm with capabilities; the role kind defaults to the taxonomy's for that capability."""
    by_slug = capabilities_by_slug(session=session, slugs=[t["slug"] for t in tags], field=field)
    existing = {(fc.capability_id, fc.direction) for fc in firm.capabilities}
    added = []
    for tag in tags:
        capability = by_slug[tag["slug"]]
        key = (capability.id, Direction(tag["direction"]))
        if key in existing:
            raise Conflict(
                "Capability already tagged.",
                {field: [f"{firm.name} already {tag['direction']} {tag['slug']}."]},
            )
        existing.add(key)
        added.append(
            FirmCapability(
                firm_id=firm.id,
                capability_id=capability.id,
                direction=key[1],
                role_kind=tag.get("role_kind") or capability.role_kind,
                note=tag.get("note"),
                inferred=tag.get("inferred", False),
            )
        )
    session.add_all(added)
    session.flush()
    session.refresh(firm, ["capabilities"])
    return added


def _check_staff_only_fields(actor: Actor, data: Mapping[str, Any]) -> None:
    if actor.is_staff:
        return
    refused = sorted(STAFF_ONLY_FIELDS & data.keys())
    if refused:
        raise Forbidden(
            "Only organizers set these fields.", {field: ["Set by organizers only."] for field in refused}
        )


def firm_keys(name: str, city: str | None, description: str | None) -> tuple[str, str]:
    """The duplicate-detection key of a firm's name, and the key its text query searches.

    The name key is cut to its column: normalising can lengthen a name (ß becomes ss).
    """
    name_key = search_key(name)[:NAME_KEY_LENGTH]
    return name_key, " ".join(filter(None, (name_key, search_key(city), search_key(description))))


def _refresh_keys(firm: Firm) -> None:
    firm.name_key, firm.search_key = firm_keys(firm.name, firm.city, firm.description)


def _reject_duplicate(session: Session, firm: Firm) -> None:
    query = select(Firm.id).where(
        Firm.country == firm.country,
        Firm.name_key == firm.name_key,
        Firm.deleted_at.is_(None),
    )
    if firm.id is not None:
        query = query.where(Firm.id != firm.id)
    # No autoflush: a renamed firm's pending change would hit the unique index before this check reports it.
    with session.no_autoflush:
        duplicate = session.exec(query).first()
    if duplicate is not None:
        raise _duplicate_error(firm)


def _flush_unique(session: Session, firm: Firm) -> None:
    """Flush, reporting a concurrent duplicate that slipped past the check as a conflict."""
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as error:
        raise _duplicate_error(firm) from error


def _duplicate_error(firm: Firm) -> Conflict:
    return Conflict(
        "A firm with this name is already registered in this country.",
        {"name": [f"{firm.name!r} already exists in {firm.country}."]},
    )
