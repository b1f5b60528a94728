"""The shipped capability taxonomy and its loader."""
import re

import pytest
import yaml
from sqlalchemy import func, select

from matchmaker.domain.enums import RoleKind
from matchmaker.models import Capability
from matchmaker.resources import TAXONOMY_FILE
from matchmaker.services.taxonomy import load_taxonomy

# At least one slug for each area /work/shared/docs/domain.md names.
DOMAIN_AREAS = (
    "multirotor-airframes", "fixed-wing-airframes", "vtol-airframes", "fpv-drones", "loitering-munitions",
    "unmanned-surface-vessels", "unmanned-ground-vehicles",
    "brushless-motors", "escs", "propellers",
    "battery-cells", "battery-packs", "battery-management-systems", "fuel-cells",
    "flight-controllers", "gnss-receivers", "anti-jamming-antennas", "visual-navigation", "inertial-navigation",
    "eo-ir-cameras", "thermal-imagers", "gimbals", "radar-payloads", "lidar-sensors",
    "datalinks", "mesh-networking", "satellite-links", "counter-uas-systems", "swarming",
    "ground-control-stations", "electronics-manufacturing", "composites", "machining",
    "airworthiness-certification", "operator-training", "depot-mro", "market-access",
)


def nodes(tree, depth=0):
    """(node, depth) for every node of the YAML tree."""
    for node in tree:
        yield node, depth
        yield from nodes(node.get("children", ()), depth + 1)


@pytest.fixture(scope="module")
def shipped():
    return list(nodes(yaml.safe_load(TAXONOMY_FILE.read_text(encoding="utf-8"))))


def test_taxonomy_has_at_least_40_leaves(shipped):
    assert sum(1 for node, _depth in shipped if not node.get("children")) >= 40


def test_slugs_are_unique_kebab_case(shipped):
    slugs = [node["slug"] for node, _depth in shipped]
    assert len(slugs) == len(set(slugs))
    assert [slug for slug in slugs if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)] == []


def test_every_node_has_a_name_and_a_valid_role_kind(shipped):
    kinds = {kind.value for kind in RoleKind}
    assert [node["slug"] for node, _depth in shipped if node.get("role_kind") not in kinds or not node.get("name")] == []


def test_taxonomy_covers_the_domain_areas(shipped):
    slugs = {node["slug"] for node, _depth in shipped}
    assert [slug for slug in DOMAIN_AREAS if slug not in slugs] == []


def test_loaded_taxonomy_matches_the_file(session, shipped):
    assert session.scalar(select(func.count()).select_from(Capability)) == len(shipped)
    thermal = session.scalars(select(Capability).where(Capability.slug == "thermal-imagers")).one()
    payloads = session.scalars(select(Capability).where(Capability.slug == "payloads")).one()
    assert (thermal.path, thermal.depth, thermal.parent_id) == ("/payloads/thermal-imagers/", 1, payloads.id)
    assert thermal.role_kind == RoleKind.COMPONENTS


def test_loading_twice_keeps_ids_and_count(session, shipped):
    before = dict(session.execute(select(Capability.slug, Capability.id)).all())
    assert load_taxonomy(session=session, path=TAXONOMY_FILE) == len(shipped)
    assert dict(session.execute(select(Capability.slug, Capability.id)).all()) == before


def test_loading_updates_a_node_by_slug_and_keeps_nodes_missing_from_the_file(session, tmp_path):
    before = session.scalar(select(func.count()).select_from(Capability))
    gimbals_id = session.scalar(select(Capability.id).where(Capability.slug == "gimbals"))
    small = tmp_path / "taxonomy.yaml"
    small.write_text("- slug: gimbals\n  name: Gimbals, renamed\n  role_kind: manufacturing\n", encoding="utf-8")
    assert load_taxonomy(session=session, path=small) == 1
    gimbals = session.get(Capability, gimbals_id)
    assert (gimbals.name, gimbals.role_kind, gimbals.path, gimbals.parent_id) == (
        "Gimbals, renamed", RoleKind.MANUFACTURING, "/gimbals/", None,
    )
    assert session.scalar(select(func.count()).select_from(Capability)) == before
