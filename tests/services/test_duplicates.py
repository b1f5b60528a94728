"""Near-duplicates are found by what identifies a name; a merge keeps everything and the old id resolves."""
import pytest
from sqlmodel import select

from matchmaker.domain.access import Actor
from matchmaker.domain.compliance import CertificationKind, ComponentCategory
from matchmaker.domain.enums import Direction, Role, Visibility
from matchmaker.domain.errors import Forbidden, Invalid, NotFound
from matchmaker.domain.names import identity_keys
from matchmaker.models import (
    Capability, Certification, Contact, DismissedCapability, FirmMerge, SupplyDeclaration, UserFirm,
)
from matchmaker.services.duplicates import find_duplicates, merge_firms
from matchmaker.services.firms import get_firm
from tests.factories import make_firm, make_user

ORGANIZER = Actor(user_id=None, role=Role.ORGANIZER)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Thunder Tiger Corp.", "THUNDER TIGER"),
        ("Thunder Tiger 雷虎科技", "雷虎科技股份有限公司"),
        ("Skowronek Airframes Sp. z o.o.", "Skowronek Airframes"),
        ("ТОВ Дніпро Дрон", "Дніпро Дрон"),
        ("Kraków Robotics s.r.o.", "Krakow Robotics"),
    ],
)
def test_names_of_one_firm_share_a_key(a, b):
    assert identity_keys(a) & identity_keys(b)


@pytest.mark.parametrize(("a", "b"), [("Thunder Tiger", "Thunder Hawk"), ("AB Co.", "AB Ltd."), ("雷虎科技", "雷鳥科技")])
def test_names_of_different_firms_share_none(a, b):
    assert not identity_keys(a) & identity_keys(b)


def test_duplicates_are_paired_within_a_country_only(session):
    corp = make_firm(session, name="Thunder Tiger Corp.", country="TW")
    bare = make_firm(session, name="Thunder Tiger 雷虎科技", country="TW")
    make_firm(session, name="Thunder Tiger", country="PL")
    pairs = find_duplicates(session=session, actor=ORGANIZER, country="TW")
    assert [(p.first.id, p.second.id, p.shared) for p in pairs] == [(corp.id, bare.id, ("name:thunder tiger",))]


def test_only_organizers_list_duplicates(session):
    with pytest.raises(Forbidden):
        find_duplicates(session=session, actor=Actor(user_id=None, role=Role.OBSERVER))


@pytest.fixture
def pair(session):
    survivor = make_firm(session, name="Thunder Tiger", country="TW", city=None, contacts=[],
                         capabilities=[{"slug": "brushless-motors", "direction": "offers", "inferred": True}])
    merged = make_firm(session, name="Thunder Tiger Corp.", country="TW", city="Taichung",
                       capabilities=[{"slug": "brushless-motors", "direction": "offers", "note": "by a person"},
                                     {"slug": "escs", "direction": "offers"}],
                       contacts=[{"name": "Ada Lin", "email": "ada@tt.example"}])
    session.add(Certification(firm_id=merged.id, kind=CertificationKind.ISO_9001, reference="Q-1"))
    session.add(SupplyDeclaration(firm_id=merged.id, category=ComponentCategory.MOTORS, supplier="TT", country="TW"))
    session.commit()
    return survivor, merged


def test_a_merge_keeps_every_part_of_both(session, pair):
    survivor, merged = pair
    editor, _token = make_user(session, Role.FIRM_EDITOR, firm_ids=[merged.id])
    record, view = merge_firms(session=session, actor=ORGANIZER, survivor_id=survivor.id, merged_id=merged.id)
    assert view.city == "Taichung" and record.moved["fields"] == ["city"]
    tags = {(t.slug, t.inferred, t.note) for t in view.capabilities}
    assert tags == {("brushless-motors", False, "by a person"), ("escs", False, None)}
    for model in (Contact, Certification, SupplyDeclaration):
        assert (rows(session, model, firm_id=survivor.id), rows(session, model, firm_id=merged.id)) == (1, 0)
    assert rows(session, UserFirm, user_id=editor.id, firm_id=survivor.id) == 1
    assert rows(session, FirmMerge, survivor_id=survivor.id, merged_id=merged.id) == 1


def test_a_merge_carries_the_capabilities_a_person_removed(session, pair):
    survivor, merged = pair
    escs, motors = (session.exec(select(Capability).where(Capability.slug == slug)).one()
                    for slug in ("escs", "brushless-motors"))
    for firm, capability in ((merged, escs), (merged, motors), (survivor, motors)):
        session.add(DismissedCapability(firm_id=firm.id, capability_id=capability.id, direction=Direction.SEEKS))
    session.commit()
    record, _view = merge_firms(session=session, actor=ORGANIZER, survivor_id=survivor.id, merged_id=merged.id)
    carried = session.exec(select(DismissedCapability.capability_id).where(DismissedCapability.firm_id == survivor.id))
    assert sorted(carried) == sorted([escs.id, motors.id]) and record.moved["dismissals"] == 2
    assert rows(session, DismissedCapability, firm_id=merged.id) == 0


def rows(session, model, **equal) -> int:
    return len(session.exec(select(model).filter_by(**equal)).all())


def test_the_merged_id_resolves_to_the_survivor(session, pair):
    survivor, merged = pair
    merge_firms(session=session, actor=ORGANIZER, survivor_id=survivor.id, merged_id=merged.id)
    assert get_firm(session=session, actor=ORGANIZER, firm_id=merged.id).id == survivor.id


def test_a_chain_of_merges_resolves_to_the_last_survivor(session, pair):
    survivor, merged = pair
    third = make_firm(session, name="Tiger Thunder", country="TW")
    merge_firms(session=session, actor=ORGANIZER, survivor_id=survivor.id, merged_id=merged.id)
    merge_firms(session=session, actor=ORGANIZER, survivor_id=third.id, merged_id=survivor.id)
    assert get_firm(session=session, actor=ORGANIZER, firm_id=merged.id).id == third.id


@pytest.mark.parametrize("which", ["self", "missing"])
def test_a_merge_needs_two_live_firms(session, pair, which):
    survivor, _merged = pair
    merged_id = survivor.id if which == "self" else 999_999
    with pytest.raises(Invalid if which == "self" else NotFound):
        merge_firms(session=session, actor=ORGANIZER, survivor_id=survivor.id, merged_id=merged_id)


def test_only_organizers_merge(session, pair):
    survivor, merged = pair
    with pytest.raises(Forbidden):
        merge_firms(session=session, actor=Actor(user_id=None, role=Role.FIRM_EDITOR, firm_ids=frozenset({survivor.id})),
                    survivor_id=survivor.id, merged_id=merged.id)


def test_a_merged_firms_name_is_free_again(session, pair):
    survivor, merged = pair
    merge_firms(session=session, actor=ORGANIZER, survivor_id=survivor.id, merged_id=merged.id)
    assert make_firm(session, name="Thunder Tiger Corp.", country="TW", visibility=Visibility.MEMBERS).id
