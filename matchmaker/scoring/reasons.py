"""Combinations as people read them: members, score parts, and sentences that say why.

Sentences name the members by placeholders {0} {1} {2} (member order), never by name, so the caller
can mask a discreet firm per viewer with ``reason.format(*names)``. Capabilities are named by their
taxonomy names; applications by the terms two texts share. Everything else in a sentence is escaped
for ``str.format``.

Materialising is the Python-bound part of a run, so what recurs is built once: one Combination per
set of members however many firms' lists hold it, one sentence per ordered pair and per member.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from matchmaker.domain.compliance import NonRedStatus
from matchmaker.domain.countries import country_name
from matchmaker.domain.enums import RoleKind
from matchmaker.scoring.features import ROLE_KINDS, offered_slugs, sought_slugs
from matchmaker.scoring.participants import Participants
from matchmaker.scoring.records import BILATERAL, PENALISE, TRILATERAL, Combination, Member
from matchmaker.scoring.scores import BILATERAL_PART_NAMES, PART_NAMES, explain_pairs, explain_triples
from matchmaker.scoring.templates import has_us_slot

APPLICATION_MENTION = 0.25  # text similarity from which a shared application is worth a sentence
APPLICATION_TERMS = 2
DECIMALS = 6
ROLE_LABELS = {
    RoleKind.COMPONENTS: "technology and components",
    RoleKind.RND: "research and development",
    RoleKind.EXPERTISE: "expertise",
    RoleKind.MANUFACTURING: "manufacturing",
    RoleKind.MARKET_ACCESS: "market access",
}
PART_LABELS = {
    "complementarity": "complementarity", "shared_application": "shared application", "balance": "balance",
    "role_fit": "role fit", "supply_chain_trust": "supply-chain trust", "red_flag_penalty": "red-flag penalty",
}
SUPPLY_CHAIN = {
    NonRedStatus.VERIFIED_CLEAN: "{}'s supply chain is verified clean.",
    NonRedStatus.DECLARED_CLEAN: "{}'s supply chain is declared clean, not yet verified.",
    NonRedStatus.INCOMPLETE: "{}'s supply-chain declaration is incomplete.",
    NonRedStatus.RED_FLAGGED: "{}'s supply chain is red-flagged: a critical component comes from a country of concern.",
}
CERTIFICATION_LABELS = {
    "iso_9001": "ISO 9001", "as_en_9100": "AS/EN 9100", "aqap_2110": "AQAP 2110", "ncage": "an NCAGE code",
    "blue_uas_cleared": "a Blue UAS Cleared listing", "blue_uas_framework": "a Blue UAS Framework listing",
    "green_uas": "AUVSI Green UAS", "ndaa_compliant": "an NDAA compliance claim",
}


class Explainer:
    """Builds Combinations for one run; caches what recurs across them."""

    def __init__(self, setup: Participants):
        self.setup, self.features = setup, setup.features
        self.taxonomy = setup.features.taxonomy
        self.us_market = has_us_slot(setup.template)
        self._offers: dict[int, dict[str, RoleKind]] = {}
        self._sentences: dict[tuple[int, int, int, int], tuple[tuple[str, ...], RoleKind | None]] = {}
        self._member_lines: dict[tuple[int, int, bool], tuple[str, ...]] = {}
        self._applications: dict[tuple[int, int, int, int], str | None] = {}
        self._triples: dict[tuple[int, int, int], Combination] = {}
        self._pairs: dict[tuple[int, int], Combination] = {}

    # --- combinations ---------------------------------------------------------------------------

    def triples(self, members: np.ndarray) -> list[Combination]:
        """Combinations of triples (n, 3) of firm indices in slot order."""
        keys = [tuple(map(int, row)) for row in members]
        missing = sorted({key for key in keys if key not in self._triples})
        if missing:
            self._build_triples(np.array(missing, dtype=np.int64))
        return [self._triples[key] for key in keys]

    def pairs(self, members: np.ndarray) -> list[Combination]:
        """Combinations of pairs (n, 2) of firm indices, in either order."""
        keys = [tuple(sorted(map(int, row))) for row in members]
        missing = sorted({key for key in keys if key not in self._pairs})
        if missing:
            self._build_pairs(np.array(missing, dtype=np.int64))
        return [self._pairs[key] for key in keys]

    def _build_triples(self, members: np.ndarray) -> None:
        setup, slots = self.setup, range(3)
        pick = lambda table: np.stack([table[s][members[:, s]] for s in slots], axis=1)  # noqa: E731
        red = setup.red_factor[members]
        breakdown = explain_triples(self.features, members, pick(setup.slot_factor), pick(setup.fit_factor),
                                    pick(setup.trust_factor), red)
        template = setup.template
        for row, key in enumerate(map(tuple, members.tolist())):
            combination_members = tuple(self._member(firm, slot.role) for firm, slot in zip(key, template.slots))
            reasons = (self._roles_sentence(key), *self._exchange(key, breakdown, row),
                       *self._members_lines(key, us_market=self.us_market),
                       _score_sentence(breakdown.scores[row], breakdown.parts, row, PART_NAMES))
            self._triples[key] = Combination(
                kind=TRILATERAL, template=template.name, members=combination_members,
                score=round(float(breakdown.scores[row]), DECIMALS),
                score_parts=_parts(breakdown.parts, row, PART_NAMES), reasons=reasons,
            )

    def _build_pairs(self, members: np.ndarray) -> None:
        setup = self.setup
        breakdown = explain_pairs(self.features, members, setup.pair_factor[members],
                                  setup.pair_trust_factor[members], setup.red_factor[members])
        for row, key in enumerate(map(tuple, members.tolist())):
            exchange = self._exchange(key, breakdown, row)
            roles = [self._pair_role(key[0], key[1]), self._pair_role(key[1], key[0])]
            reasons = (*exchange, *self._members_lines(key, us_market=False),
                       _score_sentence(breakdown.scores[row], breakdown.parts, row, BILATERAL_PART_NAMES))
            self._pairs[key] = Combination(
                kind=BILATERAL, template=None,
                members=tuple(self._member(firm, role) for firm, role in zip(key, roles)),
                score=round(float(breakdown.scores[row]), DECIMALS),
                score_parts=_parts(breakdown.parts, row, BILATERAL_PART_NAMES), reasons=reasons,
            )

    def _member(self, firm: int, role: str) -> Member:
        record = self.features.firms[firm]
        return Member(firm_id=record.id, country=record.country, role=role)

    # --- sentences ------------------------------------------------------------------------------

    def _roles_sentence(self, key: tuple[int, ...]) -> str:
        parts = [f"{{{position}}} brings {ROLE_LABELS[slot.role_kind]} from {_escape(country_name(self.features.firms[firm].country))}"
                 for position, (firm, slot) in enumerate(zip(key, self.setup.template.slots))]
        return f"{parts[0]}, {parts[1]}, and {parts[2]}."

    def _exchange(self, key: tuple[int, ...], breakdown, row: int) -> list[str]:
        """What each member offers that another seeks, then the applications they share."""
        lines = []
        for giver, receiver in _ordered_pairs(len(key)):
            if breakdown.coverage[row, giver, receiver] > 0:
                lines += self._covered(key[giver], key[receiver], giver, receiver)[0]
        for first, second in _ordered_pairs(len(key)):
            if first < second and breakdown.text[row, first, second] >= APPLICATION_MENTION:
                sentence = self._application(key[first], key[second], first, second)
                if sentence:
                    lines.append(sentence)
        return lines

    def _covered(self, giver: int, receiver: int, at_giver: int, at_receiver: int) -> tuple[tuple[str, ...], RoleKind | None]:
        """Sentences on what ``giver`` offers of what ``receiver`` seeks, and the role kind it mostly acts in."""
        cache_key = (giver, receiver, at_giver, at_receiver)
        if cache_key in self._sentences:
            return self._sentences[cache_key]
        offers, tree = self._offered(giver), self.taxonomy
        exact, below, above = [], [], []
        kinds: list[RoleKind] = []
        for sought in sought_slugs(self.features.firms[receiver], tree):
            if sought in offers:
                exact.append(sought)
                kinds.append(offers[sought])
                continue
            narrower = [slug for slug in tree.descendants[sought] if slug in offers]
            if narrower:
                below.append((sought, narrower))
                kinds += [offers[slug] for slug in narrower]
                continue
            broader = [slug for slug in tree.ancestors[sought] if slug in offers]
            if broader:
                above.append((sought, broader[:1]))
                kinds.append(offers[broader[0]])
        x, y = f"{{{at_giver}}}", f"{{{at_receiver}}}"
        lines = []
        if exact:
            lines.append(f"{x} offers {self._names(exact)}, which {y} seeks.")
        for sought, narrower in below:
            lines.append(f"{x} offers {self._names(narrower)}, meeting {y}'s search for {self._names([sought])}.")
        for sought, broader in above:
            lines.append(f"{x} offers {self._names(broader)} in general, which may include the "
                         f"{self._names([sought])} {y} seeks.")
        main = max(ROLE_KINDS, key=lambda kind: (kinds.count(kind), -ROLE_KINDS.index(kind))) if kinds else None
        self._sentences[cache_key] = (tuple(lines), main)
        return self._sentences[cache_key]

    def _application(self, first: int, second: int, at_first: int, at_second: int) -> str | None:
        cache_key = (first, second, at_first, at_second)
        if cache_key not in self._applications:
            terms = _shared_terms(self.features.tfidf, self.features.terms, first, second)
            self._applications[cache_key] = (
                f"{{{at_first}}} and {{{at_second}}} both work on {_escape(_joined(terms))}." if terms else None
            )
        return self._applications[cache_key]

    def _members_lines(self, key: tuple[int, ...], us_market: bool) -> list[str]:
        lines = []
        for position, firm in enumerate(key):
            cache_key = (firm, position, us_market)
            if cache_key not in self._member_lines:
                self._member_lines[cache_key] = self._member_flags(firm, position, us_market)
            lines += self._member_lines[cache_key]
        return lines

    def _member_flags(self, firm: int, position: int, us_market: bool) -> tuple[str, ...]:
        record, name = self.features.firms[firm], f"{{{position}}}"
        status = NonRedStatus(record.supply_chain)
        lines = [SUPPLY_CHAIN[status].format(name)]
        if status is NonRedStatus.RED_FLAGGED and self.setup.params.red_flagged == PENALISE:
            lines[-1] = lines[-1][:-1] + "; the score is penalised for it."
        held = [CERTIFICATION_LABELS[kind] for kind in sorted(set(record.certifications)) if kind in CERTIFICATION_LABELS]
        if held:
            lines.append(f"{name} holds {_joined(held)}.")
        if us_market:
            lines.append(f"{name} is eligible for the US market." if record.us_market_eligible
                         else f"{name} is not yet eligible for the US market.")
        return tuple(lines)

    def _pair_role(self, firm: int, partner: int) -> str:
        """The role kind a firm mostly acts in towards a partner: that of what it offers the partner
        seeks, else its most offered role kind."""
        main = self._covered(firm, partner, 0, 1)[1]
        if main is None:
            counts = self.features.role_offers[firm]
            main = ROLE_KINDS[int(np.argmax(counts))] if counts.any() else None
        return main.value if main else "partner"

    def _offered(self, firm: int) -> dict[str, RoleKind]:
        if firm not in self._offers:
            self._offers[firm] = offered_slugs(self.features.firms[firm], self.taxonomy)
        return self._offers[firm]

    def _names(self, slugs: Iterable[str]) -> str:
        return _escape(_joined([_lower_first(self.taxonomy.names[slug]) for slug in slugs]))


def _ordered_pairs(size: int) -> list[tuple[int, int]]:
    return [(a, b) for a in range(size) for b in range(size) if a != b]


def _shared_terms(tfidf, terms: np.ndarray, first: int, second: int) -> list[str]:
    """The terms both texts weigh most (by the smaller of the two weights); a phrase hides its words."""
    a, b = tfidf.getrow(first), tfidf.getrow(second)
    common, at_a, at_b = np.intersect1d(a.indices, b.indices, assume_unique=True, return_indices=True)
    if not len(common):
        return []
    weight = np.minimum(a.data[at_a], b.data[at_b])
    ranked = sorted(zip(-weight, terms[common]), key=lambda item: (item[0], -len(item[1].split()), item[1]))
    chosen: list[str] = []
    for _, term in ranked:
        if any(term in other.split() or other in term.split() for other in chosen):
            continue
        chosen.append(term)
        if len(chosen) == APPLICATION_TERMS:
            break
    return chosen


def _parts(parts: dict[str, np.ndarray], row: int, names: tuple[str, ...]) -> dict[str, float]:
    return {name: round(float(parts[name][row]), DECIMALS) for name in names}


def _score_sentence(score: float, parts: dict[str, np.ndarray], row: int, names: tuple[str, ...]) -> str:
    pieces = []
    for name in names:
        value = float(parts[name][row])
        if name == "red_flag_penalty" and value == 0:
            continue
        sign = "-" if value < 0 else "+"
        pieces.append(f"{sign} {PART_LABELS[name]} {abs(value):.2f}")
    text = " ".join(pieces)
    return f"Score {float(score):.2f} = {text[2:] if text.startswith('+ ') else text}."


def _joined(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _lower_first(name: str) -> str:
    """"Thermal imagers" reads "thermal imagers" mid-sentence; "EO/IR cameras" keeps its capitals."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")
