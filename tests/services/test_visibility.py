"""The SQL form of the access table agrees with ``sight_of``, actor by actor and firm by firm."""
import pytest
from sqlalchemy import select

from matchmaker.domain.access import ANONYMOUS, Actor, Sight, sight_of
from matchmaker.domain.enums import Role, VerificationStatus, Visibility
from matchmaker.models import Firm
from matchmaker.models.base import utcnow
from matchmaker.services.users import actor_of
from matchmaker.services.visibility import facts, full_sight_clause, visible_clause
from tests.factories import make_firm


@pytest.fixture
def firms(session, world) -> dict[str, Firm]:
    """The world's firms, plus a soft-deleted one and a suspended discreet firm in the reviewer's country."""
    deleted = make_firm(session, visibility=Visibility.PUBLIC)
    deleted.deleted_at = utcnow()
    session.commit()
    suspended_discreet = make_firm(
        session, visibility=Visibility.DISCREET, verification_status=VerificationStatus.SUSPENDED
    )
    return {**world.firms, "deleted": deleted, "suspended_discreet": suspended_discreet}


def actors(world) -> dict[str, Actor]:
    """Every user of the world, anonymous, and linked roles whose links are empty."""
    return {
        "anonymous": ANONYMOUS,
        **{role: actor_of(user) for role, user in world.users.items()},
        "editor_without_firms": Actor(user_id=-1, role=Role.FIRM_EDITOR),
        "reviewer_without_countries": Actor(user_id=-2, role=Role.REVIEWER),
    }


def expected_sight(actor: Actor, firm: Firm) -> Sight:
    return Sight.NONE if firm.deleted_at is not None else sight_of(actor, facts(firm))


def sql_sight(session, actor: Actor, ids: list[int]) -> dict[int, Sight]:
    ours = Firm.id.in_(ids)
    visible = set(session.scalars(select(Firm.id).where(ours, visible_clause(actor))))
    full = set(session.scalars(select(Firm.id).where(ours, visible_clause(actor), full_sight_clause(actor))))
    return {
        firm_id: Sight.FULL if firm_id in full else Sight.MASKED if firm_id in visible else Sight.NONE
        for firm_id in ids
    }


def test_sql_clauses_agree_with_sight_of(session, world, firms):
    ids = [firm.id for firm in firms.values()]
    disagreements = []
    for actor_name, actor in actors(world).items():
        in_sql = sql_sight(session, actor, ids)
        for firm_name, firm in firms.items():
            if in_sql[firm.id] != expected_sight(actor, firm):
                disagreements.append(f"{actor_name} on {firm_name}: SQL {in_sql[firm.id]}, Python {expected_sight(actor, firm)}")
    assert not disagreements, "\n".join(disagreements)


def test_the_comparison_covers_every_sight(session, world, firms):
    """The agreement above means little unless the world produces all three sights."""
    seen = {expected_sight(actor, firm) for actor in actors(world).values() for firm in firms.values()}
    assert seen == set(Sight)
