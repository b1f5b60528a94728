"""A member list with planted complementary triples among decoys and noise, for benchmarks.planted_triples.

The roles follow a trilateral template (default ``mspo``: TW components, UA R&D, PL expertise). A
planted triple is three firms, one per slot, around one application ("maritime strike drones"),
whose capabilities form a cycle: slot 0 offers a capability slot 1 seeks, slot 1 offers one slot 2
seeks, slot 2 offers one slot 0 seeks. Every firm, planted or not, may offer one more capability of
its role (probability EXTRA_OFFER) and seek one more (EXTRA_SEEK), so planted firms are no cleaner
than the others.

For each planted member two decoys of its country: a *capability decoy* with the member's very
offers and seeks but another application, and an *application decoy* with the member's application
but none of its offers or seeks. The rest is noise: drone firms of all five countries with random
capabilities (mostly of their country's role) and random applications, and some firms with nothing
to do with drones. No firm but a planted one shares both a capability and the application with a
planted member (the issue's rule for decoys, kept for noise too, see _NeverBoth), so each planted
triple is the one best triple of its members by construction; the capability vocabulary is small, so
that rule allows one planted triple per application, and capability decoys need the applications
nobody planted on.

Descriptions are written, not tagged: each capability and application has several phrasings in
English and in the national languages (Polish, Ukrainian, Chinese), none of them a lexicon phrase
verbatim (``lexicon_verbatim`` checks), with offer and seek sentences in varied frames, some of
them without the cue words the lexicon knows. What the import's tagger reads from them is all the
model gets. Four wordings: ``dev``, below, which the tagger's lexicon and application vocabulary
were extended against; ``held-out`` (benchmarks/planted_heldout.py), ``final``
(benchmarks/planted_final.py) and ``final-2`` (benchmarks/planted_final2.py), each written blind by
someone who saw neither the lexicon nor any other wording. Only their figures say how the tagger
generalises: held-out was measured after each change to the tagger (its aggregate figures, never its
phrasings, guided the work), final and final-2 once each, at the end of a session (see
benchmarks/README.md).
"""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from benchmarks import planted_final, planted_final2, planted_heldout
from benchmarks.import_members import CITIES, COUNTRY_FORMS, HEADER, UNRELATED, unique_name
from matchmaker.domain.enums import RoleKind
from matchmaker.domain.text import search_key
from matchmaker.scoring.tagging import Tagger
from matchmaker.scoring.templates import template_named

EXTRA_OFFER, EXTRA_SEEK = 0.5, 0.3
DRAWS = 1000  # attempts at a firm that keeps the never-both rule (see _NeverBoth)
NATIONAL_LANGUAGE = 0.2  # share of descriptions in the firm's national language rather than English
OWN_ROLE = 0.8  # share of noise firms whose offers are of their country's role in the template
UNRELATED_SHARE = 0.05  # noise firms that have nothing to do with drones
SEEK_FIRST, FILLER = 0.3, 0.6  # descriptions that open with what they seek; that add a sentence about the firm
NOISE_COUNTRY_WEIGHTS = {"TW": 28, "UA": 28, "PL": 28, "CZ": 8, "US": 8}
LANGUAGE = {"TW": "zh", "UA": "uk", "PL": "pl"}  # CZ and US firms write English
# Countries outside the template and the role their noise firms play.
OTHER_ROLES = {"CZ": RoleKind.MANUFACTURING, "US": RoleKind.MARKET_ACCESS}

# Per role kind, taxonomy slugs with their phrasings by language. The kinds of a template's slots
# need every language; the others are for CZ and US noise firms, in English only.
CAPABILITIES: dict[RoleKind, dict[str, dict[str, tuple[str, ...]]]] = {
    RoleKind.COMPONENTS: {
        "thermal-imagers": {
            "en": ("uncooled LWIR imaging cores", "heat-sensing camera modules", "infrared thermography engines"),
            "pl": ("moduły termowizyjne",), "uk": ("тепловізійні ядра",), "zh": ("紅外熱成像模組",)},
        "brushless-motors": {
            "en": ("high-torque outrunner motors", "BLDC drive units", "brushless propulsion motors"),
            "pl": ("bezszczotkowe jednostki napędowe",), "uk": ("безщіткові електромотори",), "zh": ("無刷動力馬達",)},
        "battery-packs": {
            "en": ("high-discharge lithium polymer packs", "smart flight batteries", "long-endurance power packs"),
            "pl": ("pakiety litowo-polimerowe",), "uk": ("літій-полімерні батареї",), "zh": ("高放電鋰聚合物電池",)},
        "datalinks": {
            "en": ("encrypted video downlinks", "long-range digital radio links", "COFDM video transmission modules"),
            "pl": ("cyfrowe łącza wideo",), "uk": ("цифрові відеоканали",), "zh": ("數位影像傳輸模組",)},
        "anti-jamming-antennas": {
            "en": ("CRPA antenna arrays", "jam-resistant satellite navigation antennas", "null-steering GPS antennas"),
            "pl": ("anteny GNSS odporne na zakłócenia",), "uk": ("завадозахищені антени GNSS",),
            "zh": ("抗干擾衛星導航天線",)},
        "gimbals": {
            "en": ("three-axis stabilised camera mounts", "gyro-stabilised optical turrets",
                   "stabilized pan-tilt heads"),
            "pl": ("stabilizowane głowice kamer",), "uk": ("стабілізовані підвіси для камер",), "zh": ("三軸穩定雲台",)},
        "flight-controllers": {
            "en": ("redundant flight computers", "H7-based flight control units", "flight management boards"),
            "pl": ("sterowniki lotu",), "uk": ("плати керування польотом",), "zh": ("飛行控制電腦",)},
    },
    RoleKind.RND: {
        "target-recognition": {
            "en": ("machine-vision target classification", "neural-network detection of armour",
                   "automatic recognition of military vehicles"),
            "pl": ("rozpoznawanie obiektów przez sieci neuronowe",), "uk": ("розпізнавання цілей нейромережею",),
            "zh": ("AI目標辨識演算法",)},
        "visual-navigation": {
            "en": ("navigation without satellite signals", "camera-based positioning in GNSS-denied areas",
                   "terrain-relative visual localisation"),
            "pl": ("nawigacja bez sygnału GPS",), "uk": ("навігація без GPS",), "zh": ("無GPS視覺定位",)},
        "terminal-guidance": {
            "en": ("last-mile autonomous homing", "terminal homing algorithms", "final-approach target lock-on"),
            "pl": ("naprowadzanie końcowe na cel",), "uk": ("термінальне самонаведення",), "zh": ("末端自動尋標",)},
        "swarming": {
            "en": ("cooperative multi-drone autonomy", "swarm coordination algorithms",
                   "collaborative flight of drone groups"),
            "pl": ("sterowanie rojem dronów",), "uk": ("ройове керування дронами",), "zh": ("無人機群協同控制",)},
        "ew-resilience-testing": {
            "en": ("jamming-resistance trials", "testing under active electronic warfare",
                   "EW hardening and validation"),
            "pl": ("testy odporności na zakłócenia",), "uk": ("випробування стійкості до РЕБ",), "zh": ("電子戰抗干擾驗證",)},
    },
    RoleKind.EXPERTISE: {
        "payload-integration": {
            "en": ("integration of sensors onto airframes", "mission payload installation and adaptation",
                   "fitting sensors to UAV platforms"),
            "pl": ("integracja głowic obserwacyjnych na platformach",), "uk": ("інтеграція сенсорів на платформи",),
            "zh": ("酬載系統整合服務",)},
        "airworthiness-certification": {
            "en": ("airworthiness approvals", "certification to STANAG 4671",
                   "flight permits and type approval paperwork"),
            "pl": ("certyfikacja zdatności do lotu",), "uk": ("сертифікація льотної придатності",), "zh": ("適航取證輔導",)},
        "operator-training": {
            "en": ("courses for drone operators", "pilot instruction programmes",
                   "operator schooling for armed forces"),
            "pl": ("szkolenia operatorów BSP",), "uk": ("підготовка операторів БпЛА",), "zh": ("無人機飛手培訓課程",)},
        "field-repair": {
            "en": ("field servicing of UAS fleets", "forward repair teams", "on-site fixing of damaged drones"),
            "pl": ("serwis polowy dronów",), "uk": ("польовий ремонт дронів",), "zh": ("前線維修服務",)},
        "environmental-testing": {
            "en": ("vibration and climatic qualification", "environmental qualification to MIL-STD-810",
                   "shock and thermal cycling trials"),
            "pl": ("badania klimatyczne i wibracyjne",), "uk": ("кліматичні та вібраційні випробування",),
            "zh": ("環境與振動測試",)},
        "c2-integration": {
            "en": ("integration with command and control software", "connecting drones to battle-management networks",
                   "C2 system integration"),
            "pl": ("integracja z systemami dowodzenia",), "uk": ("інтеграція з системами управління боєм",),
            "zh": ("指揮管制系統整合",)},
    },
    RoleKind.MANUFACTURING: {
        "carbon-fibre-structures": {"en": ("carbon-composite airframe parts", "prepreg layup of structural parts")},
        "cnc-machining": {"en": ("five-axis milled aluminium parts", "precision turned components")},
    },
    RoleKind.MARKET_ACCESS: {
        "us-market-access": {"en": ("distribution to US defense customers",
                                    "access to the American public-safety market")},
        "nato-procurement": {"en": ("bids in NATO tenders", "government sales support")},
    },
}

APPLICATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "maritime": {"en": ("maritime strike drones", "naval surface drones for coastal defence",
                        "sea-going unmanned boats"),
                 "pl": ("morskie drony bojowe",), "uk": ("морські ударні дрони",), "zh": ("海上攻擊無人艇",)},
    "interception": {"en": ("interception of Shahed-type attack drones", "FPV interceptors against loitering munitions",
                            "low-cost air defence against kamikaze drones"),
                     "pl": ("przechwytywanie dronów typu Shahed",), "uk": ("перехоплення шахедів",),
                     "zh": ("攔截自殺無人機",)},
    "artillery": {"en": ("artillery fire correction", "counter-battery reconnaissance", "spotting for artillery units"),
                  "pl": ("korekta ognia artylerii",), "uk": ("коригування артилерійського вогню",), "zh": ("砲兵射擊修正",)},
    "border": {"en": ("border surveillance", "monitoring of the eastern border", "persistent border patrol flights"),
               "pl": ("ochrona granicy",), "uk": ("охорона кордону",), "zh": ("邊境監控",)},
    "demining": {"en": ("humanitarian demining", "detection of landmines from the air", "mine clearance survey"),
                 "pl": ("rozminowywanie terenu",), "uk": ("гуманітарне розмінування",), "zh": ("空中探雷",)},
    "power-lines": {"en": ("power-line inspection", "inspection of transmission grids", "utility corridor inspection"),
                    "pl": ("inspekcja linii energetycznych",), "uk": ("огляд ліній електропередач",), "zh": ("電力線巡檢",)},
    "agriculture": {"en": ("crop spraying", "precision agriculture", "field spraying and crop monitoring"),
                    "pl": ("opryski upraw",), "uk": ("обприскування полів",), "zh": ("農業噴灑",)},
    "rescue": {"en": ("search and rescue at sea and in mountains", "mountain rescue", "locating missing persons"),
               "pl": ("ratownictwo górskie",), "uk": ("пошуково-рятувальні операції",), "zh": ("搜救任務",)},
    "wildfire": {"en": ("wildfire detection", "forest fire monitoring", "firefighting support"),
                 "pl": ("wykrywanie pożarów lasów",), "uk": ("виявлення лісових пожеж",), "zh": ("森林火災偵測",)},
    "logistics": {"en": ("frontline cargo delivery", "resupply of forward positions", "medical delivery drones"),
                  "pl": ("dostawy zaopatrzenia na linię frontu",), "uk": ("доставка вантажів на передову",),
                  "zh": ("前線物資運補",)},
    "pipelines": {"en": ("oil and gas pipeline patrols", "leak detection along pipelines", "pipeline right-of-way surveys"),
                  "pl": ("patrolowanie rurociągów",), "uk": ("патрулювання трубопроводів",), "zh": ("油氣管線巡查",)},
    "mapping": {"en": ("aerial photogrammetry", "survey-grade mapping from the air", "orthophoto production"),
                "pl": ("fotogrametria lotnicza",), "uk": ("аерофотознімання місцевості",), "zh": ("空拍測繪",)},
    "harbours": {"en": ("harbour security patrols", "port perimeter protection", "surveillance of ports and docks"),
                 "pl": ("ochrona portów morskich",), "uk": ("охорона морських портів",), "zh": ("港口安全巡邏",)},
    "traffic": {"en": ("road traffic monitoring", "accident scene documentation for police", "motorway congestion watch"),
                "pl": ("monitoring ruchu drogowego",), "uk": ("моніторинг дорожнього руху",), "zh": ("道路交通監測",)},
    "wildlife": {"en": ("anti-poaching patrols", "wildlife population counts", "nature reserve protection"),
                 "pl": ("liczenie dzikich zwierząt",), "uk": ("облік диких тварин",), "zh": ("野生動物保育巡護",)},
    "construction": {"en": ("construction site progress tracking", "building site monitoring",
                            "earthworks volume measurement"),
                     "pl": ("monitoring placów budowy",), "uk": ("моніторинг будівельних майданчиків",),
                     "zh": ("工地進度監測",)},
    "media": {"en": ("aerial cinematography", "live sports broadcasting from the air", "filming for television"),
              "pl": ("filmowanie z powietrza",), "uk": ("аерозйомка для телебачення",), "zh": ("空拍影視製作",)},
    "mining": {"en": ("open-pit mine surveys", "stockpile measurement in quarries", "monitoring of mining pits"),
               "pl": ("pomiary w kopalniach odkrywkowych",), "uk": ("зйомка кар'єрів",), "zh": ("礦區測量",)},
    "railways": {"en": ("railway track inspection", "rail corridor monitoring", "checking overhead catenary of railways"),
                 "pl": ("inspekcja torów kolejowych",), "uk": ("огляд залізничних колій",), "zh": ("鐵道巡檢",)},
    "hospitals": {"en": ("blood sample transport between hospitals", "urgent transfer of medicines",
                         "defibrillator delivery to emergencies"),
                  "pl": ("transport próbek krwi między szpitalami",), "uk": ("доставка ліків між лікарнями",),
                  "zh": ("醫院間檢體運送",)},
}

# Sentence frames; some seek frames carry no cue the lexicon knows, as people write them.
OFFER_FRAMES = {
    "en": ("We provide {offer} for {app}.", "Our offer: {offer}, mostly for customers in {app}.",
           "{offer_cap} is our core business; main market: {app}.", "Specialised in {offer}, with a focus on {app}.",
           "The company delivers {offer} to teams working on {app}.", "Core business: {offer}. Main market: {app}."),
    "pl": ("Oferujemy {offer}. Zastosowanie: {app}.", "Nasza specjalność to {offer}; główny rynek: {app}."),
    "uk": ("Розробляємо {offer}; застосування: {app}.", "Наша команда створює {offer} для напрямку: {app}."),
    "zh": ("本公司提供{offer}，主要應用於{app}。", "專業研發{offer}，服務{app}客戶。"),
}
SEEK_FRAMES = {
    "en": ("Looking for a partner providing {need}.", "We need {need}.",
           "Currently sourcing {need} for the next product generation.",
           "Open to cooperation with a supplier of {need}.",
           "{need_cap} wanted.", "We would welcome a partner for {need}.", "Still missing in our chain: {need}."),
    "pl": ("Szukamy partnera: {need}.", "Potrzebujemy: {need}.", "Chętnie podejmiemy współpracę w zakresie: {need}."),
    "uk": ("Шукаємо партнера: {need}.", "Потребуємо: {need}.", "Відкриті до співпраці щодо: {need}."),
    "zh": ("尋找{need}合作夥伴。", "需要{need}。", "歡迎{need}廠商洽談合作。"),
}
FILLERS = {
    "en": ("Founded in {year}; {staff} employees.", "Family-owned since {year}.", "Team of {staff} engineers."),
    "pl": ("Firma założona w {year} r., {staff} pracowników.",),
    "uk": ("Заснована у {year} році, {staff} працівників.",),
    "zh": ("成立於{year}年，員工{staff}人。",),
}
AND = {"en": " and ", "pl": " i ", "uk": " та ", "zh": "與"}
Phrasings = dict[str, dict[str, tuple[str, ...]]]  # key -> language -> phrasings


@dataclass(frozen=True)
class Wording:
    """How descriptions are written: phrasings of each capability slug and application, and frames."""

    capabilities: Phrasings
    applications: Phrasings
    offer_frames: dict[str, tuple[str, ...]]
    seek_frames: dict[str, tuple[str, ...]]
    fillers: dict[str, tuple[str, ...]]
    conjunctions: dict[str, str]

    def __post_init__(self) -> None:
        slugs = {slug for kind in CAPABILITIES.values() for slug in kind}
        if set(self.capabilities) != slugs or set(self.applications) != set(APPLICATIONS):
            raise ValueError("A wording must phrase every capability and application of the generator.")


WORDINGS = {
    "dev": Wording({slug: languages for slugs in CAPABILITIES.values() for slug, languages in slugs.items()},
                   APPLICATIONS, OFFER_FRAMES, SEEK_FRAMES, FILLERS, AND),
    **{name: Wording(module.CAPABILITIES, module.APPLICATIONS, module.OFFER_FRAMES, module.SEEK_FRAMES,
                     module.FILLERS, module.AND)
       for name, module in (("held-out", planted_heldout), ("final", planted_final), ("final-2", planted_final2))},
}


@dataclass(frozen=True)
class Profile:
    """What a generated firm is meant to offer and seek, and where it applies it (None: not a drone firm)."""

    kind: str  # "planted", "capability decoy", "application decoy", "noise"
    country: str
    offers: tuple[str, ...]
    seeks: tuple[str, ...]
    application: str | None


@dataclass(frozen=True)
class GeneratedFirm:
    name: str
    profile: Profile
    description: str
    offers: str = ""  # the "Offers" and "Looking for" cells of a form-style list (generate's ``form``)
    seeks: str = ""


@dataclass(frozen=True)
class PlantedTriple:
    members: tuple[int, int, int]  # indices into Registry.firms, in the template's slot order
    application: str
    capabilities: tuple[str, str, str]  # what slot s offers and slot s + 1 seeks


@dataclass(frozen=True)
class Registry:
    firms: list[GeneratedFirm]  # in file order
    planted: list[PlantedTriple]

    def write_csv(self, path: Path, seed: int) -> Path:
        rng = random.Random(seed)
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file, lineterminator="\r\n")
            writer.writerow((*HEADER, "Offers", "Looking for"))
            for firm in self.firms:
                country = firm.profile.country
                writer.writerow([firm.name, rng.choice(COUNTRY_FORMS[country]), rng.choice(CITIES[country]), "",
                                 firm.description, "", "", "", firm.offers, firm.seeks])
        return path


def generate(size: int, planted: int, seed: int, template: str = "mspo", wording: str = "held-out",
             form: bool = False) -> Registry:
    """``size`` firms holding ``planted`` triples, their decoys (two per member) and noise, shuffled,
    described in the named wording (see WORDINGS).

    ``form``: a list gathered by a matchmaking form, as b2match's "offer" and "request" fields: what
    a firm seeks goes in a "Looking for" cell instead of a sentence of the description, and what it
    offers also in an "Offers" cell. Same seed, same firms and phrasings as the prose list."""
    noise = size - 9 * planted
    if noise < 0:
        raise ValueError(f"{planted} planted triples need at least {9 * planted} firms (3 members, 6 decoys each).")
    rng = random.Random(seed)
    roles = {slot.country: slot.role_kind for slot in template_named(template).slots} | OTHER_ROLES
    profiles: list[Profile] = []
    triples: list[tuple[tuple[int, int, int], str, tuple[str, str, str]]] = []
    if planted > len(APPLICATIONS):
        raise ValueError(f"at most {len(APPLICATIONS)} planted triples: one per application (see _NeverBoth)")
    for application in rng.sample(sorted(APPLICATIONS), planted):
        members, capabilities = _planted(rng, roles, template, application)
        triples.append((tuple(range(len(profiles), len(profiles) + 3)), application, capabilities))
        profiles += members
    rule = _NeverBoth(profiles)
    profiles += [decoy for member in list(profiles) for decoy in _decoys(rng, member, roles, rule)]
    profiles += [rule.drawn(lambda: _noise(rng, roles)) for _ in range(noise)]
    order = list(range(len(profiles)))
    rng.shuffle(order)
    position = {original: new for new, original in enumerate(order)}
    seen: set[tuple[str, str]] = set()
    firms = [GeneratedFirm(unique_name(rng, profiles[i].country, seen), profiles[i],
                           *_describe(rng, profiles[i], WORDINGS[wording], form)) for i in order]
    planted_triples = [PlantedTriple(tuple(position[i] for i in members), application, capabilities)
                       for members, application, capabilities in triples]
    return Registry(firms, planted_triples)


def lexicon_verbatim(tagger: Tagger, wording: str) -> list[str]:
    """The wording's capability and application phrasings that the tagger reads as one lexicon phrase."""
    chosen = WORDINGS[wording]
    phrasings = [phrase for languages in (*chosen.capabilities.values(), *chosen.applications.values())
                 for phrases in languages.values() for phrase in phrases]
    return [phrase for phrase in phrasings
            if any(not tag.loose and _bare(tag.evidence) == _bare(phrase) for tag in tagger.tag(phrase))]


def _bare(text: str) -> str:
    return search_key(text).replace(" ", "")


def _planted(rng: random.Random, roles: dict[str, RoleKind], template: str,
             application: str) -> tuple[list[Profile], tuple]:
    """Three members in slot order: slot s offers capabilities[s], which slot s + 1 seeks."""
    countries = [slot.country for slot in template_named(template).slots]
    capabilities = tuple(rng.choice(sorted(CAPABILITIES[roles[country]])) for country in countries)
    members = []
    for slot, country in enumerate(countries):
        offers = _with_extra(rng, capabilities[slot], _own_slugs(roles, country), EXTRA_OFFER)
        seeks = _with_extra(rng, capabilities[slot - 1], _sought_slugs(roles, country), EXTRA_SEEK)
        members.append(Profile("planted", country, offers, seeks, application))
    return members, capabilities


def _decoys(rng: random.Random, member: Profile, roles: dict[str, RoleKind], rule: _NeverBoth) -> list[Profile]:
    """One firm with the member's capabilities elsewhere, one in the member's application with other capabilities."""
    def same_capabilities() -> Profile:
        other_application = rng.choice(sorted(set(APPLICATIONS) - {member.application}))
        return Profile("capability decoy", member.country, member.offers, member.seeks, other_application)

    def same_application() -> Profile:
        offers = _pick(rng, sorted(set(_own_slugs(roles, member.country)) - set(member.offers)), EXTRA_OFFER)
        seeks = _pick(rng, sorted(set(_sought_slugs(roles, member.country)) - set(member.seeks)), EXTRA_SEEK)
        return Profile("application decoy", member.country, offers, seeks, member.application)

    return [rule.drawn(same_capabilities), rule.drawn(same_application)]


class _NeverBoth:
    """The rule for every firm that is not planted: it may share a capability (offered or sought, in
    either direction) with a planted member, or its application, never both. A firm that did would
    form, with planted members, triples as good as the planted one that nobody planted, and the
    benchmark could not tell finding a planted triple from finding such a twin."""

    def __init__(self, planted: list[Profile]):
        self.capabilities: dict[str, set[str]] = {}
        for member in planted:
            self.capabilities.setdefault(member.application, set()).update(member.offers + member.seeks)

    def allows(self, profile: Profile) -> bool:
        return not set(profile.offers + profile.seeks) & self.capabilities.get(profile.application, set())

    def drawn(self, draw) -> Profile:
        """The first of up to DRAWS profiles from ``draw()`` that the rule allows."""
        for _ in range(DRAWS):
            profile = draw()
            if self.allows(profile):
                return profile
        raise ValueError(f"no allowed firm in {DRAWS} draws: plant fewer triples or widen the vocabulary")


def _noise(rng: random.Random, roles: dict[str, RoleKind]) -> Profile:
    country = rng.choices(list(NOISE_COUNTRY_WEIGHTS), list(NOISE_COUNTRY_WEIGHTS.values()))[0]
    if rng.random() < UNRELATED_SHARE:
        return Profile("noise", country, (), (), None)
    own = country in OTHER_ROLES or rng.random() < OWN_ROLE
    kind = roles[country] if own else rng.choice([k for k in _template_kinds(roles) if k != roles[country]])
    offers = _pick(rng, sorted(CAPABILITIES[kind]), EXTRA_OFFER)
    seeks = _pick(rng, _sought_slugs(roles, country), EXTRA_SEEK)
    return Profile("noise", country, offers, seeks, rng.choice(sorted(APPLICATIONS)))


def _template_kinds(roles: dict[str, RoleKind]) -> list[RoleKind]:
    return sorted({kind for country, kind in roles.items() if country not in OTHER_ROLES})


def _own_slugs(roles: dict[str, RoleKind], country: str) -> list[str]:
    return sorted(CAPABILITIES[roles[country]])


def _sought_slugs(roles: dict[str, RoleKind], country: str) -> list[str]:
    """What a firm may seek: the capabilities of the template's roles other than its own."""
    return sorted(slug for kind in _template_kinds(roles) if kind != roles[country] for slug in CAPABILITIES[kind])


def _with_extra(rng: random.Random, first: str, pool: list[str], chance: float) -> tuple[str, ...]:
    others = [slug for slug in pool if slug != first]
    return (first, rng.choice(others)) if others and rng.random() < chance else (first,)


def _pick(rng: random.Random, pool: list[str], chance: float) -> tuple[str, ...]:
    return tuple(rng.sample(pool, 2 if rng.random() < chance else 1))


def _describe(rng: random.Random, profile: Profile, wording: Wording, form: bool) -> tuple[str, str, str]:
    """The description, and in a form-style list the offers and seeks cells."""
    if profile.application is None:
        return rng.choice([text for text in UNRELATED if text]), "", ""
    national = LANGUAGE.get(profile.country)
    language = national if national and rng.random() < NATIONAL_LANGUAGE else "en"
    offer = _phrased(rng, profile.offers, language, wording)
    need = _phrased(rng, profile.seeks, language, wording)
    app = rng.choice(wording.applications[profile.application][language])
    offer_frame = rng.choice(wording.offer_frames[language])
    offer_sentence = offer_frame.format(offer=offer, offer_cap=_capitalised(offer), app=app)
    seek_sentence = rng.choice(wording.seek_frames[language]).format(need=need, need_cap=_capitalised(need))
    sentences = [(offer_sentence, True), (seek_sentence, not form)]  # (sentence, in the description)
    if rng.random() < SEEK_FIRST:
        sentences.reverse()
    if rng.random() < FILLER:
        filler = rng.choice(wording.fillers[language]).format(year=rng.randint(1992, 2024), staff=rng.randint(4, 400))
        sentences.insert(rng.randint(0, len(sentences)), (filler, True))
    description = ("" if language == "zh" else " ").join(sentence for sentence, kept in sentences if kept)
    return description, offer if form else "", need if form else ""


def _phrased(rng: random.Random, slugs: tuple[str, ...], language: str, wording: Wording) -> str:
    return wording.conjunctions[language].join(rng.choice(wording.capabilities[slug][language]) for slug in slugs)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
