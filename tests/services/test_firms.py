"""Registering, changing, deleting and listing firms through the services."""
import pytest
from sqlalchemy import select

from matchmaker.domain.access import ANONYMOUS, Actor
from matchmaker.domain.enums import Direction, Role, RoleKind, VerificationStatus, Visibility
from matchmaker.domain.errors import Conflict, Forbidden, Invalid, NotAuthenticated, PreconditionFailed
from matchmaker.models import Firm, UserFirm
from matchmaker.services import firm_capabilities
from matchmaker.services.contacts import CONTACTS
from matchmaker.services.firms import FirmFilters, delete_firm, list_firms, register_firm, update_firm
from matchmaker.services.users import actor_of
from tests.factories import make_firm, make_user


@pytest.fixture
def organizer(session) -> Actor:
    return actor_of(make_user(session, Role.ORGANIZER)[0])


@pytest.fixture
def observer(session) -> Actor:
    return actor_of(make_user(session, Role.OBSERVER)[0])


def register(session, actor, name="Thunder Tiger", country="TW", **fields):
    return register_firm(session=session, actor=actor, data={"name": name, "country": country, "visibility": Visibility.MEMBERS, **fields})


def stored(session, firm_id: int, column):
    """A column as the database holds it, bypassing the session's identity map."""
    return session.execute(select(column).where(Firm.id == firm_id)).scalar_one()


# Registering


def test_duplicate_name_in_the_same_country_is_a_conflict(session, organizer):
    register(session, organizer, "Thunder Tiger")
    with pytest.raises(Conflict) as raised:
        register(session, organizer, "THUNDER  TIGER")
    assert "name" in raised.value.fields


def test_same_name_in_another_country_is_fine(session, organizer):
    first = register(session, organizer, "Thunder Tiger", "TW")
    second = register(session, organizer, "Thunder Tiger", "PL")
    assert first.id != second.id


def test_a_soft_deleted_firm_frees_its_name(session, organizer):
    old = register(session, organizer)
    delete_firm(session=session, actor=organizer, firm_id=old.id, expected_version=old.version)
    new = register(session, organizer)
    assert new.id != old.id


def test_renaming_onto_another_firms_name_is_a_conflict(session, organizer):
    register(session, organizer, "Thunder Tiger")
    other = register(session, organizer, "Other Firm")
    with pytest.raises(Conflict):
        update_firm(session=session, actor=organizer, firm_id=other.id, expected_version=None, changes={"name": "thunder tiger"})


def test_non_participating_country_is_invalid(session, organizer):
    with pytest.raises(Invalid) as raised:
        register(session, organizer, country="DE")
    assert raised.value.fields["country"]


def test_unknown_capability_slug_is_invalid(session, organizer):
    with pytest.raises(Invalid) as raised:
        register(session, organizer, capabilities=[{"slug": "warp-drives", "direction": "offers"}])
    assert "warp-drives" in " ".join(raised.value.fields["capabilities"])


def test_tags_take_the_taxonomy_role_kind_unless_given(session, organizer):
    firm = register(session, organizer, capabilities=[
        {"slug": "visual-navigation", "direction": "offers"},
        {"slug": "thermal-imagers", "direction": "seeks", "role_kind": RoleKind.RND},
    ])
    assert [(tag.slug, tag.role_kind) for tag in firm.capabilities] == [
        ("visual-navigation", RoleKind.RND), ("thermal-imagers", RoleKind.RND),
    ]


def test_the_same_tag_twice_is_a_conflict(session, organizer):
    tag = {"slug": "gimbals", "direction": "offers"}
    with pytest.raises(Conflict):
        register(session, organizer, capabilities=[tag, tag])


@pytest.mark.parametrize("role", [None, Role.OBSERVER, Role.REVIEWER])
def test_only_staff_and_firm_editors_register_firms(session, role):
    actor = ANONYMOUS if role is None else Actor(user_id=1, role=role, countries=frozenset({"TW"}))
    with pytest.raises(NotAuthenticated if role is None else Forbidden):
        register(session, actor)


def test_a_firm_editor_registering_a_firm_becomes_its_editor(session):
    user, _secret = make_user(session, Role.FIRM_EDITOR)
    firm = register(session, actor_of(user))
    assert session.scalars(select(UserFirm.firm_id).where(UserFirm.user_id == user.id)).all() == [firm.id]
    session.refresh(user)
    changed = update_firm(session=session, actor=actor_of(user), firm_id=firm.id, expected_version=firm.version, changes={"city": "Taichung"})
    assert changed.city == "Taichung"


def test_a_firm_editor_may_not_set_the_verification_status(session):
    user, _secret = make_user(session, Role.FIRM_EDITOR)
    with pytest.raises(Forbidden) as raised:
        register(session, actor_of(user), verification_status=VerificationStatus.VERIFIED)
    assert "verification_status" in raised.value.fields


def test_a_firm_editor_may_not_change_the_verification_status_of_its_firm(session):
    firm = make_firm(session)
    user, _secret = make_user(session, Role.FIRM_EDITOR, firm_ids=[firm.id])
    with pytest.raises(Forbidden):
        update_firm(session=session, actor=actor_of(user), firm_id=firm.id, expected_version=None,
                    changes={"verification_status": VerificationStatus.VERIFIED})


def test_an_organizer_sets_the_verification_status(session, organizer):
    firm = register(session, organizer, verification_status=VerificationStatus.VERIFIED)
    assert firm.verification_status == VerificationStatus.VERIFIED


# Changing


def test_update_refreshes_the_search_keys(session, organizer, observer):
    firm = register(session, organizer, city="Gdańsk")
    update_firm(session=session, actor=organizer, firm_id=firm.id, expected_version=firm.version, changes={"city": "Kraków"})
    assert found(session, observer, "krakow") == [firm.id]
    assert found(session, observer, "gdansk") == []


def test_stale_version_fails_and_changes_nothing(session, organizer):
    firm = register(session, organizer, city="Gdańsk")
    update_firm(session=session, actor=organizer, firm_id=firm.id, expected_version=1, changes={"city": "Kraków"})
    with pytest.raises(PreconditionFailed):
        update_firm(session=session, actor=organizer, firm_id=firm.id, expected_version=1, changes={"city": "Łódź"})
    assert stored(session, firm.id, Firm.city) == "Kraków"
    assert stored(session, firm.id, Firm.version) == 2


def test_stale_version_on_a_sub_resource_adds_nothing(session, organizer):
    firm = make_firm(session, contacts=[])
    update_firm(session=session, actor=organizer, firm_id=firm.id, expected_version=1, changes={"city": "Kraków"})
    with pytest.raises(PreconditionFailed):
        CONTACTS.add(session=session, actor=organizer, firm_id=firm.id, expected_version=1, data={"name": "Late"})
    assert CONTACTS.list(session=session, actor=organizer, firm_id=firm.id)[0] == []


def _first_contact(session, actor, firm):
    return CONTACTS.list(session=session, actor=actor, firm_id=firm.id)[0][0].id


def _first_tag(session, actor, firm):
    return firm_capabilities.list_firm_capabilities(session=session, actor=actor, firm_id=firm.id)[0][0].id


CHANGES = {
    "update firm": lambda s, a, f: update_firm(session=s, actor=a, firm_id=f.id, expected_version=None, changes={"city": "Lviv"}),
    "add contact": lambda s, a, f: CONTACTS.add(session=s, actor=a, firm_id=f.id, expected_version=None, data={"name": "New"}),
    "update contact": lambda s, a, f: CONTACTS.update(
        session=s, actor=a, firm_id=f.id, part_id=_first_contact(s, a, f), expected_version=None, changes={"role": "CTO"}),
    "remove contact": lambda s, a, f: CONTACTS.remove(
        session=s, actor=a, firm_id=f.id, part_id=_first_contact(s, a, f), expected_version=None),
    "add tag": lambda s, a, f: firm_capabilities.add_firm_capability(
        session=s, actor=a, firm_id=f.id, expected_version=None, data={"slug": "gimbals", "direction": Direction.OFFERS}),
    "update tag": lambda s, a, f: firm_capabilities.update_firm_capability(
        session=s, actor=a, firm_id=f.id, tag_id=_first_tag(s, a, f), expected_version=None, changes={"note": "new"}),
    "remove tag": lambda s, a, f: firm_capabilities.remove_firm_capability(
        session=s, actor=a, firm_id=f.id, tag_id=_first_tag(s, a, f), expected_version=None),
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_raises_the_firm_version(session, organizer, change):
    firm = make_firm(session)
    before = stored(session, firm.id, Firm.version)
    CHANGES[change](session, organizer, firm)
    assert stored(session, firm.id, Firm.version) == before + 1


def test_confirming_an_inferred_tag_makes_it_a_persons(session, organizer):
    firm = make_firm(session, capabilities=[{"slug": "gimbals", "direction": "offers", "inferred": True}])
    tag, _firm = firm_capabilities.update_firm_capability(
        session=session, actor=organizer, firm_id=firm.id, tag_id=_first_tag(session, organizer, firm),
        expected_version=None, changes={"role_kind": RoleKind.MANUFACTURING},
    )
    assert (tag.inferred, tag.role_kind) == (False, RoleKind.MANUFACTURING)


# Listing


def found(session, actor, q=None, **filters) -> list[int]:
    items, _total = list_firms(session=session, actor=actor, filters=FirmFilters(q=q, **filters), limit=100)
    return [item.id for item in items]


@pytest.fixture
def tagged(session) -> dict[str, int]:
    """Firms whose tags tell the capability, direction and role kind filters apart."""
    firms = {
        "seeker": make_firm(session, capabilities=[{"slug": "thermal-imagers", "direction": "seeks"}]),
        # Offers payloads as components, seeks them as R&D: no single tag is "seeks components".
        "mixed": make_firm(session, capabilities=[
            {"slug": "thermal-imagers", "direction": "offers"},
            {"slug": "gimbals", "direction": "seeks", "role_kind": "rnd"},
        ]),
        "cells": make_firm(session, country="CZ", capabilities=[{"slug": "battery-cells", "direction": "offers"}]),
    }
    return {name: firm.id for name, firm in firms.items()}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"capability": "payloads"}, {"seeker", "mixed"}),
        ({"capability": "payloads", "direction": Direction.SEEKS}, {"seeker", "mixed"}),
        ({"capability": "payloads", "direction": Direction.SEEKS, "role_kind": RoleKind.COMPONENTS}, {"seeker"}),
        ({"capability": "payloads", "direction": Direction.OFFERS, "role_kind": RoleKind.RND}, set()),
        ({"capability": "thermal-imagers", "direction": Direction.OFFERS}, {"mixed"}),
        ({"capability": "gimbals"}, {"mixed"}),
        ({"capability": "energy"}, {"cells"}),
        ({"role_kind": RoleKind.RND}, {"mixed"}),
        ({"direction": Direction.SEEKS}, {"seeker", "mixed"}),
        ({"countries": ["CZ"]}, {"cells"}),
        ({"countries": ["CZ", "PL"]}, {"seeker", "mixed", "cells"}),
        ({"countries": ["UA"]}, set()),
    ],
)
def test_list_filters(session, organizer, tagged, filters, expected):
    assert set(found(session, organizer, **filters)) == {tagged[name] for name in expected}


def test_unknown_capability_filter_is_invalid(session, organizer):
    with pytest.raises(Invalid) as raised:
        found(session, organizer, capability="warp-drives")
    assert "capability" in raised.value.fields


def test_verification_status_filter(session, organizer):
    verified = make_firm(session, verification_status=VerificationStatus.VERIFIED)
    make_firm(session)
    assert found(session, organizer, verification_status=VerificationStatus.VERIFIED) == [verified.id]


@pytest.fixture
def named(session) -> dict[str, int]:
    firms = {
        "krakow": make_firm(session, name="Wawel Avionics", city="Kraków"),
        "thunder": make_firm(session, country="TW", name="THUNDER TIGER Corp."),
        "chinese": make_firm(session, country="TW", name="雷虎科技"),
        "described": make_firm(session, country="UA", name="Dnipro Labs", description="Ground-control stations, field-tested"),
    }
    return {name: firm.id for name, firm in firms.items()}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("krakow", {"krakow"}),
        ("KRAKÓW", {"krakow"}),
        ("thunder", {"thunder"}),
        ("Thunder-Tiger", {"thunder"}),
        ("雷虎", {"chinese"}),
        ("field tested", {"described"}),
        ("ground stations", {"described"}),
        ("avionics krakow", {"krakow"}),
        ("avionics lviv", set()),
    ],
)
def test_q_is_accent_and_case_insensitive(session, observer, named, q, expected):
    assert set(found(session, observer, q)) == {named[name] for name in expected}


def test_q_never_matches_a_masked_firms_name(session, organizer, observer):
    firm = make_firm(session, name="Zebra Stealth Drones", city="Zabrze", visibility=Visibility.DISCREET)
    for q in ("zebra", "zabrze", "discreet", "Discreet firm"):
        assert found(session, observer, q) == [], q
    assert found(session, organizer, "zebra") == [firm.id]


@pytest.fixture
def alphabet(session) -> list[Firm]:
    """Firms whose masked names sort elsewhere than their real ones."""
    return [
        make_firm(session, name="Alpha"),
        make_firm(session, name="Zz Top", country="CZ", visibility=Visibility.DISCREET),
        make_firm(session, name="Aa Bottom", country="PL", visibility=Visibility.DISCREET),
        make_firm(session, name="Dog Robotics"),
        make_firm(session, name="zulu"),
    ]


def names_seen(session, actor) -> list[str]:
    return [item.name for item in list_firms(session=session, actor=actor, filters=FirmFilters())[0]]


def test_ordered_by_the_name_the_actor_sees(session, observer, organizer, alphabet):
    assert names_seen(session, observer) == ["Alpha", "Discreet firm (CZ)", "Discreet firm (PL)", "Dog Robotics", "zulu"]
    assert names_seen(session, organizer) == ["Aa Bottom", "Alpha", "Dog Robotics", "zulu", "Zz Top"]


def test_pagination_gives_a_window_and_the_total(session, observer, alphabet):
    items, total = list_firms(session=session, actor=observer, filters=FirmFilters(), offset=1, limit=2)
    assert [item.name for item in items] == ["Discreet firm (CZ)", "Discreet firm (PL)"]
    assert total == 5
    items, total = list_firms(session=session, actor=observer, filters=FirmFilters(), offset=4, limit=2)
    assert ([item.name for item in items], total) == (["zulu"], 5)


def test_a_page_past_the_end_is_empty_but_still_counts(session, observer, alphabet):
    assert list_firms(session=session, actor=observer, filters=FirmFilters(), offset=40, limit=2) == ([], 5)


def test_deleted_firms_leave_the_list(session, organizer, alphabet):
    delete_firm(session=session, actor=organizer, firm_id=alphabet[0].id, expected_version=None)
    assert alphabet[0].id not in found(session, organizer)
    assert len(found(session, organizer)) == 4
