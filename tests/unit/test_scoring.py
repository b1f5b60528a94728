"""The scoring model's behaviour: complementarity over similarity, the hierarchy, the hard rules,
proposals, and the reasons people read."""
import dataclasses
import gc
import itertools
import re

import numpy as np
import pytest

from benchmarks.scoring import synthetic_registry, taxonomy_nodes
from matchmaker.domain.compliance import NonRedStatus
from matchmaker.domain.enums import Direction, RoleKind
from matchmaker.scoring.features import APPLICATION_AREA_SHARE, OFFER_FULL, OFFER_PARTIAL, build_features
from matchmaker.scoring.model import (
    MODEL_VERSION, TEMPLATES, FirmRecord, RunParameters, Tag, exact_trilateral_suggestions, match, paused_gc,
    prepare,
)
from matchmaker.scoring.scores import PART_NAMES, explain_pairs

OFFERS, SEEKS = Direction.OFFERS, Direction.SEEKS
COMPONENTS, RND, EXPERTISE, MARKET = RoleKind.COMPONENTS, RoleKind.RND, RoleKind.EXPERTISE, RoleKind.MARKET_ACCESS
CLEAN, RED = NonRedStatus.VERIFIED_CLEAN, NonRedStatus.RED_FLAGGED
THERMAL_MAKER_TEXT = ("Makes thermal imagers and stabilised gimbals for FPV interceptors and counter-UAS defence, "
                      "with frontline feedback from drone units.")


def firm(firm_id: int, country: str, offers=(), seeks=(), text: str = "", status=CLEAN, us=False, certs=(),
         capacity=None, areas=()) -> FirmRecord:
    tags = tuple(Tag(slug, OFFERS, kind) for slug, kind in offers) + tuple(Tag(slug, SEEKS, kind) for slug, kind in seeks)
    return FirmRecord(id=firm_id, country=country, description=text, tags=tags, supply_chain=status,
                      us_market_eligible=us, certifications=tuple(certs), capacity_units_per_year=capacity,
                      applications=tuple(areas))


@pytest.fixture(scope="module")
def taxonomy():
    return taxonomy_nodes()


@pytest.fixture(scope="module")
def fixture_firms():
    """Complementary firms of the MSPO countries, and two competitors that only offer thermal imagers."""
    return [
        firm(1, "TW", offers=[("thermal-imagers", COMPONENTS), ("gimbals", COMPONENTS)],
             seeks=[("eu-distribution", MARKET), ("battlefield-validation", RND)],
             text="Thermal cores for FPV interceptors; current work: FPV interceptors.", certs=["iso_9001"],
             capacity=5000),
        firm(2, "TW", offers=[("battery-cells", COMPONENTS)], seeks=[("platform-integration", EXPERTISE)],
             text="Cell maker scaling non-PRC production for maritime surface drones.", capacity=20000),
        firm(3, "UA", offers=[("battlefield-validation", RND), ("fpv-interceptor-design", RND)],
             seeks=[("thermal-imagers", COMPONENTS), ("battery-cells", COMPONENTS)],
             text="Designs FPV interceptors; current work: FPV interceptors, tested by frontline units."),
        firm(4, "UA", offers=[("ew-resilience-testing", RND)], seeks=[("gimbals", COMPONENTS)],
             text="EW test range for maritime surface drones.", status=NonRedStatus.INCOMPLETE),
        firm(5, "PL", offers=[("platform-integration", EXPERTISE), ("eu-distribution", MARKET)],
             seeks=[("battlefield-validation", RND)], text="Integrator of FPV interceptors for NATO customers.",
             certs=["aqap_2110", "ncage"]),
        firm(6, "PL", offers=[("airworthiness-certification", EXPERTISE)], seeks=[("payloads", COMPONENTS)],
             text="Certification bureau for maritime surface drones."),
        firm(7, "CZ", offers=[("thermal-imagers", COMPONENTS), ("gimbals", COMPONENTS)], text=THERMAL_MAKER_TEXT),
        firm(8, "US", offers=[("thermal-imagers", COMPONENTS), ("gimbals", COMPONENTS)], text=THERMAL_MAKER_TEXT),
    ]


def bilateral_scores(firms, taxonomy, params=RunParameters()) -> dict[tuple[int, int], float]:
    """Every cross-country pair's bilateral score, by the model's own formula."""
    setup = prepare(firms, taxonomy, params)
    features = setup.features
    pairs = np.array([(i, j) for i, j in itertools.combinations(range(len(features)), 2)
                      if features.country_codes[i] != features.country_codes[j]])
    breakdown = explain_pairs(features, pairs, setup.pair_factor[pairs], setup.pair_trust_factor[pairs],
                              setup.red_factor[pairs])
    return {(int(features.ids[i]), int(features.ids[j])): float(score) for (i, j), score in zip(pairs, breakdown.scores)}


def test_competitors_rank_below_every_complementary_pair(fixture_firms, taxonomy):
    scores = bilateral_scores(fixture_firms, taxonomy)
    features = build_features(fixture_firms, taxonomy)
    competitors = (7, 8)
    complementary = {pair: score for pair, score in scores.items() if pair != competitors and score > 0}
    assert len(complementary) >= 8
    assert scores[competitors] < min(complementary.values())
    # not for lack of shared text: theirs are identical, the most similar of the registry
    text = features.text @ features.text.T
    np.fill_diagonal(text, -np.inf)
    assert text[6, 7] == text.max() > 0
    result = match(fixture_firms, taxonomy, RunParameters(template="any"))
    for a, b in (competitors, competitors[::-1]):
        assert b not in {m.firm_id for c in result.suggestions[a]["bilateral"] for m in c.members}


def test_a_firm_seeking_a_parent_is_served_by_a_child_offer(fixture_firms, taxonomy):
    features = build_features(fixture_firms, taxonomy)
    payloads = features.columns.index("payloads")
    assert features.offers[0, payloads] == OFFER_FULL  # thermal imagers and gimbals are payloads
    result = match(fixture_firms, taxonomy, RunParameters(template="any"))
    with_maker = [c for c in result.suggestions[6]["bilateral"] if 1 in c.firm_ids]
    assert with_maker and with_maker[0].score_parts["complementarity"] > 0
    sentence = next(r for r in with_maker[0].reasons if "payloads and sensors" in r)
    assert "thermal imagers" in sentence and "stabilised gimbals" in sentence


def test_a_generic_offer_half_serves_a_specific_seek(taxonomy):
    firms = [firm(1, "TW", offers=[("payloads", COMPONENTS)]), firm(2, "UA", seeks=[("thermal-imagers", COMPONENTS)])]
    features = build_features(firms, taxonomy)
    assert features.offers[0, features.columns.index("thermal-imagers")] == OFFER_PARTIAL
    [combination] = match(firms, taxonomy, RunParameters(template="any")).suggestions[1]["bilateral"]
    assert combination.score_parts["complementarity"] == pytest.approx(OFFER_PARTIAL / OFFER_FULL)
    assert any("in general" in reason and "thermal imagers" in reason for reason in combination.reasons)


def test_red_flagged_firms_are_excluded_or_penalised(fixture_firms, taxonomy):
    firms = [dataclasses.replace(f, supply_chain=RED) if f.id == 3 else f for f in fixture_firms]
    excluded = match(firms, taxonomy, RunParameters(red_flagged="exclude"))
    assert excluded.suggestions[3] == {"bilateral": [], "trilateral": []}
    assert all(3 not in c.firm_ids for c in _all_combinations(excluded))
    penalised = match(firms, taxonomy, RunParameters(red_flagged="penalise"))
    clean = match(fixture_firms, taxonomy, RunParameters())
    with_red = [c for c in _all_combinations(penalised) if 3 in c.firm_ids]
    assert with_red
    for combination in with_red:
        assert combination.score_parts["red_flag_penalty"] < 0
        assert any("red-flagged" in reason for reason in combination.reasons)
    before = {c.firm_ids: c.score for c in clean.suggestions[5]["bilateral"]}
    after = {c.firm_ids: c.score for c in penalised.suggestions[5]["bilateral"]}
    assert after[(3, 5)] < before[(3, 5)]


def test_excluded_pairs_are_never_together(taxonomy):
    firms = synthetic_registry(150, seed=3)
    baseline = match(firms, taxonomy, RunParameters())
    pairs = sorted({tuple(sorted(pair)) for c in baseline.proposals["trilateral"][:10]
                    for pair in itertools.combinations(c.firm_ids, 2)})
    params = RunParameters(excluded_pairs=frozenset((b, a) for a, b in pairs))  # either order is read
    result = match(firms, taxonomy, params)
    for combination in _all_combinations(result):
        assert not set(itertools.combinations(sorted(combination.firm_ids), 2)) & set(pairs)
    firm_id = pairs[0][0]
    for combination in exact_trilateral_suggestions(firms, taxonomy, params, firm_id):
        assert not set(itertools.combinations(sorted(combination.firm_ids), 2)) & set(pairs)


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_members_come_from_different_countries_and_fill_their_slots(taxonomy, template):
    firms = synthetic_registry(200, seed=1)
    by_id = {f.id: f for f in firms}
    result = match(firms, taxonomy, RunParameters(template=template))
    slots = TEMPLATES[template].slots
    triples = [c for c in _all_combinations(result) if c.kind == "trilateral"]
    assert triples
    for combination in _all_combinations(result):
        countries = [m.country for m in combination.members]
        assert len(set(countries)) == len(countries)
        assert all(by_id[m.firm_id].country == m.country for m in combination.members)
    for combination in triples:
        assert combination.template == template
        for member, slot in zip(combination.members, slots):
            assert slot.country in (None, member.country)
            assert member.role == slot.role
            assert any(t.direction == OFFERS and t.role_kind == slot.role_kind for t in by_id[member.firm_id].tags)


def test_every_firm_has_suggestions_of_both_kinds_in_order(taxonomy):
    firms = synthetic_registry(150, seed=2)
    params = RunParameters(suggestions_per_firm=7)
    result = match(firms, taxonomy, params)
    assert sorted(result.suggestions) == sorted(f.id for f in firms)
    for firm_id, kinds in result.suggestions.items():
        assert set(kinds) == {"bilateral", "trilateral"}
        for combinations in kinds.values():
            assert len(combinations) <= 7
            assert all(firm_id in c.firm_ids for c in combinations)
            assert [c.score for c in combinations] == sorted((c.score for c in combinations), reverse=True)
            assert len({c.firm_ids for c in combinations}) == len(combinations)


def test_proposals_are_diversified(taxonomy):
    firms = synthetic_registry(300, seed=4)
    params = RunParameters(top=40, max_per_firm=2)
    result = match(firms, taxonomy, params)
    for kind in ("bilateral", "trilateral"):
        proposals = result.proposals[kind]
        assert 0 < len(proposals) <= 40
        assert [c.score for c in proposals] == sorted((c.score for c in proposals), reverse=True)
        appearances = [firm_id for c in proposals for firm_id in c.firm_ids]
        assert max(appearances.count(firm_id) for firm_id in set(appearances)) <= 2
    pairs = [pair for c in result.proposals["trilateral"] for pair in itertools.combinations(sorted(c.firm_ids), 2)]
    assert len(pairs) == len(set(pairs))  # no two triples share two members
    # without the cap, the best triples of the run would reuse firms
    uncapped = match(firms, taxonomy, RunParameters(top=40, max_per_firm=40)).proposals["trilateral"]
    appearances = [firm_id for c in uncapped for firm_id in c.firm_ids]
    assert max(appearances.count(firm_id) for firm_id in set(appearances)) > 2


def test_reasons_use_placeholders_name_capabilities_and_flag_supply_chains(fixture_firms, taxonomy):
    result = match(fixture_firms, taxonomy, RunParameters())
    names = {node.name.lower() for node in taxonomy}
    combinations = _all_combinations(result)
    assert any(c.kind == "trilateral" for c in combinations)
    for combination in combinations:
        count = len(combination.members)
        text = " ".join(combination.reasons)
        assert set(re.findall(r"\{(\d+)\}", text)) == {str(i) for i in range(count)}
        assert not re.sub(r"\{\d\}", "", text).count("{") and not re.sub(r"\{\d\}", "", text).count("}")
        display = [f"<firm {m.firm_id}>" for m in combination.members]
        formatted = [reason.format(*display) for reason in combination.reasons]
        assert any(name in " ".join(formatted).lower() for name in names)
        for position in range(count):
            assert any(r.startswith(f"{{{position}}}'s supply") for r in combination.reasons)
        assert combination.reasons[-1].startswith("Score ")
        assert sum(combination.score_parts.values()) == pytest.approx(combination.score, abs=1e-5)
    triple = result.proposals["trilateral"][0]
    assert list(triple.score_parts) == list(PART_NAMES)
    assert triple.reasons[0].startswith("{0} brings technology and components from Taiwan")


def test_a_shared_application_is_named_in_the_reasons(fixture_firms, taxonomy):
    result = match(fixture_firms, taxonomy, RunParameters())
    [pair] = [c for c in result.suggestions[1]["bilateral"] if c.firm_ids == (1, 3)]
    assert pair.score_parts["shared_application"] > 0
    assert any("FPV interceptors" in reason for reason in pair.reasons)


def test_a_shared_application_area_counts_whatever_the_words_and_is_named(taxonomy):
    maker = firm(1, "TW", offers=[("thermal-imagers", COMPONENTS)], text="Thermal cores for naval surface drones.",
                 areas=["maritime and naval drones"])
    designer = firm(2, "UA", seeks=[("thermal-imagers", COMPONENTS)], text="Розробляємо морські дрони.",
                    areas=["maritime and naval drones"])
    farmer = firm(3, "PL", seeks=[("thermal-imagers", COMPONENTS)], text="Crop spraying drones.", areas=["agriculture"])
    features = build_features([maker, designer, farmer], taxonomy)
    pairs = np.array([(0, 1), (0, 2)])
    ones = np.ones((2, 2), dtype=np.float32)
    application = explain_pairs(features, pairs, ones, ones, ones).text[:, 0, 1]
    assert application[0] > 0.75 and application[1] == 0  # an area: APPLICATION_AREA_SHARE less the text floor
    result = match([maker, designer, farmer], taxonomy, RunParameters())
    scores = {c.firm_ids: c for c in result.suggestions[1]["bilateral"]}
    assert scores[(1, 2)].score > scores[(1, 3)].score
    assert "{0} and {1} both work on maritime and naval drones." in scores[(1, 2)].reasons


def test_us_eligibility_counts_in_a_template_with_a_us_slot(taxonomy):
    def registry(eligible: bool):
        return [
            firm(1, "TW", offers=[("thermal-imagers", COMPONENTS)], seeks=[("us-market-access", MARKET)], us=eligible),
            firm(2, "CZ", offers=[("carbon-fibre-structures", RoleKind.MANUFACTURING)],
                 seeks=[("thermal-imagers", COMPONENTS)]),
            firm(3, "US", offers=[("us-market-access", MARKET)], seeks=[("carbon-fibre-structures", RoleKind.MANUFACTURING)]),
        ]
    params = RunParameters(template="tw-cz-us")
    [eligible] = match(registry(True), taxonomy, params).proposals["trilateral"]
    [not_eligible] = match(registry(False), taxonomy, params).proposals["trilateral"]
    assert eligible.score > not_eligible.score
    assert "{0} is eligible for the US market." in eligible.reasons
    assert "{0} is not yet eligible for the US market." in not_eligible.reasons


def test_progress_rises_to_the_end_and_the_model_has_a_version(fixture_firms, taxonomy):
    seen = []
    match(fixture_firms, taxonomy, RunParameters(), progress=lambda fraction, note: seen.append((fraction, note)))
    fractions = [fraction for fraction, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert all(isinstance(note, str) and note for _, note in seen)
    assert MODEL_VERSION


def test_degenerate_registries(taxonomy, fixture_firms):
    assert match([], taxonomy, RunParameters()).suggestions == {}
    lone = match(fixture_firms[:1], taxonomy, RunParameters())
    assert lone.suggestions == {1: {"bilateral": [], "trilateral": []}}
    assert lone.proposals == {"bilateral": [], "trilateral": []}
    no_czech = match(fixture_firms, taxonomy, RunParameters(template="tw-cz-us"))  # no CZ manufacturer
    assert no_czech.proposals["trilateral"] == []
    with pytest.raises(ValueError):
        RunParameters(red_flagged="ignore")
    with pytest.raises(ValueError):
        match(fixture_firms, taxonomy, RunParameters(template="nope"))


def _all_combinations(result):
    found = [c for kinds in result.suggestions.values() for combinations in kinds.values() for c in combinations]
    return found + [c for combinations in result.proposals.values() for c in combinations]


def test_a_member_is_never_said_to_meet_its_own_seeks(taxonomy):
    firms = [
        firm(1, "TW", offers=[("gnss-receivers", COMPONENTS)],
             seeks=[("gnss-receivers", COMPONENTS), ("battlefield-validation", RND)]),
        firm(2, "UA", offers=[("battlefield-validation", RND)], seeks=[("gnss-receivers", COMPONENTS)]),
        firm(3, "PL", offers=[("platform-integration", EXPERTISE)], seeks=[("battlefield-validation", RND)]),
    ]
    combinations = _all_combinations(match(firms, taxonomy, RunParameters()))
    assert any(c.kind == "trilateral" for c in combinations)
    for combination in combinations:
        for position in range(len(combination.members)):
            own = re.compile(rf"\{{{position}\}} offers .*, which \{{{position}\}} seeks")
            assert not any(own.match(reason) for reason in combination.reasons)


def _application_registry():
    """200 firms, each with one of 20 capabilities (named in made-up words the taxonomy does not use)
    and one of 20 applications, independently; every description shares one frame."""
    slugs = [node.slug for node in taxonomy_nodes()][:20]
    firms = [firm(number, ("TW", "UA")[number % 2], offers=[(slugs[number % 20], COMPONENTS)],
                  text=f"Open to cooperation. We ship gizmo{number % 20}x units for mission{number // 10 % 20}z work.")
             for number in range(200)]
    return firms, [(number // 10 % 20, number % 20) for number in range(200)]


def test_the_application_text_leaves_out_frames_and_capability_words(taxonomy):
    firms, _ = _application_registry()
    terms = set(build_features(firms, taxonomy).terms)
    assert "mission3z" in terms  # an application: spread evenly over the capabilities
    assert "gizmo3x" not in terms  # always with the same capability tag
    assert "cooperation" not in terms  # in every description


def test_a_shared_application_clears_the_floor_and_a_shared_capability_does_not(taxonomy):
    firms, labels = _application_registry()
    features = build_features(firms, taxonomy)
    same_application = next((i, j) for i, j in itertools.combinations(range(200), 2)
                            if labels[i][0] == labels[j][0] and labels[i][1] != labels[j][1])
    same_capability = next((i, j) for i, j in itertools.combinations(range(200), 2)
                           if labels[i][1] == labels[j][1] and labels[i][0] != labels[j][0])
    pairs = np.array([same_application, same_capability])
    ones = np.ones((2, 2), dtype=np.float32)
    application = explain_pairs(features, pairs, ones, ones, ones).text[:, 0, 1]
    assert application[0] > 0.5 * (1 - APPLICATION_AREA_SHARE) and application[1] == 0  # text alone: at most the rest


def test_paused_gc_leaves_the_collector_as_it_found_it():
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_research_on_a_component_fits_the_technology_and_components_slot(taxonomy):
    developer = firm(1, "TW", offers=[("thermal-imagers", RND)])  # "研發熱像儀": R&D of thermal imagers
    researcher = firm(2, "TW", offers=[("visual-navigation", RND)])  # research that is no component
    maker = firm(3, "TW", offers=[("thermal-imagers", COMPONENTS)])
    setup = prepare([developer, researcher, maker], taxonomy, RunParameters(template="mspo"))
    assert setup.eligible[0].tolist() == [True, False, True]  # slot 0: TW, technology and components
