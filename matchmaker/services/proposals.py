"""Reading what match runs produced, as each actor may see it: discreet members masked, in reasons too."""
import re
from dataclasses import dataclass

from sqlalchemy import exists, func
from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from matchmaker.domain.access import Actor, Sight, require_user, sight_of
from matchmaker.domain.enums import Role
from matchmaker.domain.errors import Forbidden, NotFound
from matchmaker.models import Firm, Job, Proposal, ProposalMember, Suggestion
from matchmaker.services.firms import load_firm
from matchmaker.services.matching import MATCH, latest_run_id
from matchmaker.services.visibility import facts, masked_name

_PLACEHOLDER = re.compile(r"\{(\d)\}('s)?")  # {0} {1} {2}: the members, named per viewer; {0}'s: theirs


@dataclass(frozen=True)
class MemberView:
    firm_id: int
    name: str
    country: str
    role: str


@dataclass(frozen=True)
class CombinationView:
    kind: str
    template: str | None
    score: float
    members: list[MemberView]
    score_parts: dict[str, float]
    reasons: list[str]
    run_id: int
    rank: int


def list_proposals(
    *, session: Session, actor: Actor, kind: str, run_id: int | None = None, offset: int = 0, limit: int = 20
) -> tuple[list[CombinationView], int]:
    """Proposals of a run (default: the latest succeeded), best first, of those the actor may review."""
    require_user(actor)
    if actor.role not in (Role.ADMIN, Role.ORGANIZER, Role.REVIEWER, Role.FIRM_EDITOR):
        raise Forbidden("Proposals are for organizers, reviewers and the firms they concern.")
    run_id = _run(session, run_id)
    query = select(Proposal).where(Proposal.run_id == run_id, Proposal.kind == kind)
    if not actor.is_staff:
        query = query.where(_concerns(actor))
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    page = query.order_by(Proposal.rank).offset(offset).limit(limit).options(selectinload(Proposal.members))
    proposals = session.exec(page).all()
    members = [[(m.firm_id, m.country, m.role) for m in proposal.members] for proposal in proposals]
    names = _names(session, actor, {firm_id for group in members for firm_id, _c, _r in group})
    return [_view(proposal, group, names) for proposal, group in zip(proposals, members)], total


def firm_suggestions(
    *, session: Session, actor: Actor, firm_id: int, kind: str, offset: int = 0, limit: int = 20
) -> tuple[list[CombinationView], int]:
    """A firm's best partners from the latest succeeded run: for organizers and the firm's editors."""
    require_user(actor)
    firm, _sight = load_firm(session, actor, firm_id)
    if not (actor.is_staff or (actor.role == Role.FIRM_EDITOR and firm.id in actor.firm_ids)):
        raise Forbidden("A firm's suggestions are for its editors and the organizers.")
    run_id = latest_run_id(session)
    if run_id is None:
        return [], 0
    query = select(Suggestion).where(Suggestion.run_id == run_id, Suggestion.firm_id == firm.id, Suggestion.kind == kind)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    suggestions = session.exec(query.order_by(Suggestion.rank).offset(offset).limit(limit)).all()
    members = [[(m["firm_id"], m["country"], m["role"]) for m in s.members] for s in suggestions]
    names = _names(session, actor, {firm_id for group in members for firm_id, _c, _r in group})
    return [_view(suggestion, group, names) for suggestion, group in zip(suggestions, members)], total


def _run(session: Session, run_id: int | None) -> int:
    if run_id is None:
        run_id = latest_run_id(session)
        if run_id is None:
            raise NotFound("No match run has succeeded yet.")
        return run_id
    if session.exec(select(Job.id).where(Job.id == run_id, Job.kind == MATCH)).first() is None:
        raise NotFound(f"No match run {run_id}.", {"run": [f"No match run {run_id}."]})
    return run_id


def _concerns(actor: Actor):
    """A proposal concerns a reviewer through a member of its countries, a firm editor through its firms."""
    member = select(ProposalMember.proposal_id).where(ProposalMember.proposal_id == Proposal.id)
    if actor.role == Role.REVIEWER:
        return exists(member.where(ProposalMember.country.in_(actor.countries)))
    return exists(member.where(ProposalMember.firm_id.in_(actor.firm_ids)))


def _names(session: Session, actor: Actor, firm_ids: set[int]) -> dict[int, str]:
    """Each member's name as the actor may see it; a firm it may not see in full is masked."""
    firms = session.exec(select(Firm).where(Firm.id.in_(firm_ids))).all() if firm_ids else []
    return {
        firm.id: firm.name if sight_of(actor, facts(firm)) is Sight.FULL else masked_name(firm.country)
        for firm in firms
    }


def _named(name: str, possessive: str | None) -> str:
    """A member's name, possessive if asked: "Bóbr Partners'", "Lelek AI's"."""
    if not possessive:
        return name
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


def _view(record, members: list[tuple[int, str, str]], names: dict[int, str]) -> CombinationView:
    member_views = [
        MemberView(firm_id, names.get(firm_id, masked_name(country)), country, role) for firm_id, country, role in members
    ]
    shown = [member.name for member in member_views]
    return CombinationView(
        kind=record.kind,
        template=record.template,
        score=record.score,
        members=member_views,
        score_parts=record.score_parts,
        reasons=[_PLACEHOLDER.sub(lambda slot: _named(shown[int(slot[1])], slot[2]), reason) for reason in record.reasons],
        run_id=record.run_id,
        rank=record.rank,
    )
