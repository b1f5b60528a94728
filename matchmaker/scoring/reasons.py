"""Combinations as people read them: members, score parts, and sentences that say why.

Sentences name the members by placeholders {0} {1} {2} (member order), never by name, so the caller
can mask a discreet firm per viewer with ``reason.format(*names)``. Capabilities are named by their
taxonomy names; applications by the areas two firms share, else by the terms their texts share.
Everything else in a sentence is escaped for ``str.format``.

Materialising is the Python-bound part of a run, so what recurs is built once: one Combination per
set of members however many firms' lists hold it, one sentence per ordered pair and per member.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from matchmaker.domain.compliance import NonRedStatus
from matchmaker.domain.countries import country_name
from matchmaker.domain.enums import RoleKind
from matchmaker.scoring.features import APPLICATION_AREA_SHARE, ROLE_KINDS, offered_slugs
from matchmaker.scoring.participants import Participants
from matchmaker.scoring.records import BILATERAL, PENALISE, TRILATERAL, Combination, Member
from matchmaker.scoring.scores import BILATERAL_PART_NAMES, PART_NAMES, explain_pairs, explain_triples
from matchmaker.scoring.templates import has_us_slot

# Application similarity (scores.py) from which a pair is worth a sentence: any shared area, or
# texts a fifth of the way from the floor to the most that text alone can reach.
APPLICATION_MENTION = 0.2 * (1 - APPLICATION_AREA_SHARE)
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


class _Exchange(NamedTuple):
    """What a giver offers of what a receiver seeks, independent of where they sit in a combination."""

    exact: tuple[str, ...]  # sought slugs the giver offers as such
    narrower: tuple[tuple[str, tuple[str, ...]], ...]  # (sought slug, offered slugs below it)
    broader: tuple[tuple[str, str], ...]  # (sought slug, offered slug above it)
    main_role: RoleKind | None  # the role kind the giver mostly offers these in


class Explainer:
    """Builds Combinations for one run; caches what recurs across them (per firm, per ordered pair,
    per member line), so each combination costs a few dictionary look-ups and string joins."""

    def __init__(self, setup: Participants):
        self.setup, self.features = setup, setup.features
        self.taxonomy = setup.features.taxonomy
        self.us_market = has_us_slot(setup.template)
        self._column_slugs = self.features.columns + ("",)
        columns = np.array(self._column_slugs, dtype=object)
        self._sought = [tuple(slug for slug in row if slug) for row in columns[self.features.seek_index].tolist()]
        self._terms: dict[int, dict[int, float]] = {}
        self._covers: dict[int, tuple[dict[str, list[str]], dict[str, str], dict[str, RoleKind]]] = {}
        self._exchanges: dict[tuple[int, int], _Exchange] = {}
        self._sentences: dict[tuple[int, int, int, int], tuple[str, ...]] = {}
        self._names_cache: dict[tuple[str, ...], str] = {}
        self._column_names_cache: dict[tuple[int, ...], str] = {}
        self._member_lines: dict[tuple[int, int, bool], tuple[str, ...]] = {}
        self._applications: dict[tuple[int, int, int, int], str | None] = {}
        self._members: dict[tuple[int, str], Member] = {}
        self._roles: dict[tuple[str, ...], str] = {}
        self._triples: dict[tuple[int, int, int], Combination] = {}
        self._pairs: dict[tuple[int, int], Combination] = {}

    # --- combinations ---------------------------------------------------------------------------

    def triples(self, members: np.ndarray) -> list[Combination]:
        """Combinations of triples (n, 3) of firm indices in slot order."""
        keys = list(map(tuple, np.asarray(members, dtype=np.int64).tolist()))
        missing = sorted(set(keys) - self._triples.keys())
        if missing:
            self._build_triples(np.array(missing, dtype=np.int64))
        return [self._triples[key] for key in keys]

    def pairs(self, members: np.ndarray) -> list[Combination]:
        """Combinations of pairs (n, 2) of firm indices, in either order."""
        keys = list(map(tuple, np.sort(np.asarray(members, dtype=np.int64), axis=1).tolist()))
        missing = sorted(set(keys) - self._pairs.keys())
        if missing:
            self._build_pairs(np.array(missing, dtype=np.int64))
        return [self._pairs[key] for key in keys]

    def _build_triples(self, members: np.ndarray) -> None:
        setup = self.setup
        pick = lambda table: np.stack([table[s][members[:, s]] for s in range(3)], axis=1)  # noqa: E731
        breakdown = explain_triples(self.features, members, pick(setup.slot_factor), pick(setup.fit_factor),
                                    pick(setup.trust_factor), setup.red_factor[members])
        template, slots = setup.template, setup.template.slots
        scores, parts, shared = _as_lists(breakdown, PART_NAMES)
        exchanges = self._exchanges_by_row(members, breakdown.coverage > 0)
        roles = [slot.role for slot in slots]
        for row, key in enumerate(map(tuple, members.tolist())):
            reasons = (self._roles_sentence(key), *self._exchange(key, exchanges[row], shared[row]),
                       *self._members_lines(key, self.us_market), _score_sentence(scores[row], parts[row], PART_NAMES))
            self._triples[key] = Combination(
                kind=TRILATERAL, template=template.name,
                members=(self._member(key[0], roles[0]), self._member(key[1], roles[1]), self._member(key[2], roles[2])),
                score=scores[row], score_parts=dict(zip(PART_NAMES, parts[row])), reasons=reasons,
            )

    def _build_pairs(self, members: np.ndarray) -> None:
        setup = self.setup
        breakdown = explain_pairs(self.features, members, setup.pair_factor[members],
                                  setup.pair_trust_factor[members], setup.red_factor[members])
        scores, parts, shared = _as_lists(breakdown, BILATERAL_PART_NAMES)
        exchanges = self._exchanges_by_row(members, breakdown.coverage > 0)
        forward = self._directed(members[:, 0], members[:, 1])
        backward = self._directed(members[:, 1], members[:, 0])
        for row, key in enumerate(map(tuple, members.tolist())):
            first, second = key
            reasons = (*self._exchange(key, exchanges[row], shared[row]), *self._members_lines(key, False),
                       _score_sentence(scores[row], parts[row], BILATERAL_PART_NAMES))
            self._pairs[key] = Combination(
                kind=BILATERAL, template=None,
                members=(self._member(first, self._pair_role(first, second, forward, row)),
                         self._member(second, self._pair_role(second, first, backward, row))),
                score=scores[row], score_parts=dict(zip(BILATERAL_PART_NAMES, parts[row])), reasons=reasons,
            )

    def _directed(self, givers: np.ndarray, receivers: np.ndarray) -> tuple[list[bool], list[tuple[int, ...]], list[int]]:
        """For ordered pairs (giver, receiver), at once: whether every seek the giver covers is offered as
        such (no hierarchy involved: most pairs), those seeks' columns, and the role kind most of them
        are offered in (-1: none)."""
        features = self.features
        sought = features.seek_index[receivers]
        level = features.offers_padded[givers[:, None], sought]
        kinds = features.offer_kinds_padded[givers[:, None], sought]
        simple = ((kinds >= 0) | (level == 0)).all(axis=1).tolist()
        counts = (kinds[:, :, None] == np.arange(len(ROLE_KINDS))[None, None, :]).sum(axis=1)
        role = np.where(counts.max(axis=1) > 0, counts.argmax(axis=1), -1).tolist()  # ties: enum order
        offered = kinds >= 0
        found = sought[offered].tolist()  # row by row: far cheaper than listing the padded rows
        ends = np.cumsum(offered.sum(axis=1)).tolist()
        columns = [tuple(found[start:end]) for start, end in zip([0, *ends], ends)]
        return simple, columns, role

    def _exchanges_by_row(self, members: np.ndarray, covered: np.ndarray) -> list[list[tuple]]:
        """Per combination, its ordered pairs (giver, receiver) with coverage, each with _directed's facts.

        The diagonal is left out: a member that offers what it seeks itself exchanges nothing with
        itself, and "A offers GNSS receivers, which A seeks" is no reason to propose anything.
        """
        others = ~np.eye(covered.shape[1], dtype=bool)
        rows, givers, receivers = np.nonzero(covered & others)
        simple, columns, _ = self._directed(members[rows, givers], members[rows, receivers])
        found: list[list[tuple]] = [[] for _ in range(len(members))]
        for row, giver, receiver, is_simple, exact in zip(rows.tolist(), givers.tolist(), receivers.tolist(), simple, columns):
            found[row].append((giver, receiver, is_simple, exact))
        return found

    def _member(self, firm: int, role: str) -> Member:
        key = (firm, role)
        if key not in self._members:
            record = self.features.firms[firm]
            self._members[key] = Member(firm_id=record.id, country=record.country, role=role)
        return self._members[key]

    # --- sentences ------------------------------------------------------------------------------

    def _roles_sentence(self, key: tuple[int, ...]) -> str:
        countries = tuple(self.features.firms[firm].country for firm in key)
        if countries not in self._roles:
            parts = [f"{{{position}}} brings {ROLE_LABELS[slot.role_kind]} from {_escape(country_name(country))}"
                     for position, (country, slot) in enumerate(zip(countries, self.setup.template.slots))]
            self._roles[countries] = f"{parts[0]}, {parts[1]}, and {parts[2]}."
        return self._roles[countries]

    def _exchange(self, key: tuple[int, ...], exchanges: list[tuple], shared: tuple[tuple[int, int], ...]) -> list[str]:
        """What each member offers that another seeks, then the applications they share."""
        lines: list[str] = []
        for giver, receiver, simple, exact in exchanges:
            if simple:  # the common case, without the caches of the general one
                lines.append(f"{{{giver}}} offers {self._column_names(exact)}, which {{{receiver}}} seeks.")
            else:
                lines += self._covered(key[giver], key[receiver], giver, receiver)
        for first, second in shared:
            sentence = self._application(key[first], key[second], first, second)
            if sentence:
                lines.append(sentence)
        return lines

    def _covered(self, giver: int, receiver: int, at_giver: int, at_receiver: int) -> tuple[str, ...]:
        """Sentences on what ``giver`` offers of what ``receiver`` seeks."""
        cache_key = (giver, receiver, at_giver, at_receiver)
        if cache_key not in self._sentences:
            exchange = self._exchange_of(giver, receiver)
            x, y = f"{{{at_giver}}}", f"{{{at_receiver}}}"
            lines = []
            if exchange.exact:
                lines.append(f"{x} offers {self._names(exchange.exact)}, which {y} seeks.")
            for sought, narrower in exchange.narrower:
                lines.append(f"{x} offers {self._names(narrower)}, meeting {y}'s search for {self._names((sought,))}.")
            for sought, broader in exchange.broader:
                lines.append(f"{x} offers {self._names((broader,))} in general, which may include the "
                             f"{self._names((sought,))} {y} seeks.")
            self._sentences[cache_key] = tuple(lines)
        return self._sentences[cache_key]

    def _exchange_of(self, giver: int, receiver: int) -> _Exchange:
        key = (giver, receiver)
        if key not in self._exchanges:
            full, partial, kinds = self._covers[giver] if giver in self._covers else self._covers_of(giver)
            exact, narrower, broader, roles = [], [], [], []
            for sought in self._sought[receiver]:
                offered = full.get(sought)
                if offered is None:
                    if sought in partial:
                        broader.append((sought, partial[sought]))
                        roles.append(kinds[partial[sought]])
                elif offered[0] == sought:
                    exact.append(sought)
                    roles.append(kinds[sought])
                else:
                    narrower.append((sought, tuple(offered)))
                    roles += [kinds[slug] for slug in offered]
            self._exchanges[key] = _Exchange(tuple(exact), tuple(narrower), tuple(broader), _most_common(roles))
        return self._exchanges[key]

    def _covers_of(self, firm: int) -> tuple[dict[str, list[str]], dict[str, str], dict[str, RoleKind]]:
        """For each slug a firm's offers serve in full (the slug itself first, else the offers below it),
        each slug they serve in part (an offer above it), and the role kind of each offer."""
        if firm not in self._covers:
            tree = self.taxonomy
            kinds = offered_slugs(self.features.firms[firm], tree)
            full: dict[str, list[str]] = {}
            partial: dict[str, str] = {}
            for slug in kinds:
                full.setdefault(slug, []).insert(0, slug)
                for ancestor in tree.ancestors[slug]:
                    if ancestor not in kinds:
                        full.setdefault(ancestor, []).append(slug)
                for descendant in tree.descendants[slug]:
                    partial.setdefault(descendant, slug)
            self._covers[firm] = (full, partial, kinds)
        return self._covers[firm]

    def _application(self, first: int, second: int, at_first: int, at_second: int) -> str | None:
        cache_key = (first, second, at_first, at_second)
        if cache_key not in self._applications:
            firms = self.features.firms
            areas = [area for area in firms[first].applications if area in firms[second].applications]
            terms = [f"“{term}”" for term in _shared_terms(self.features, first, second)]
            pair = f"{{{at_first}}} and {{{at_second}}}"
            self._applications[cache_key] = (
                f"{pair} both work on {_escape(_joined(areas))}." if areas
                else f"{pair} both describe work on {_escape(_joined(terms))}." if terms
                else None
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

    def _pair_role(self, firm: int, partner: int, directed, row: int) -> str:
        """The role kind a firm mostly acts in towards a partner: that of what it offers the partner
        seeks, else its most offered role kind."""
        simple, _, role = directed
        main = (ROLE_KINDS[role[row]] if role[row] >= 0 else None) if simple[row] else self._exchange_of(firm, partner).main_role
        if main is None:
            counts = self.features.role_offers[firm]
            main = ROLE_KINDS[int(np.argmax(counts))] if counts.any() else None
        return main.value if main else "partner"

    def _column_names(self, columns: tuple[int, ...]) -> str:
        if columns not in self._column_names_cache:
            self._column_names_cache[columns] = self._names(tuple(self._column_slugs[column] for column in columns))
        return self._column_names_cache[columns]

    def _names(self, slugs: tuple[str, ...]) -> str:
        if slugs not in self._names_cache:
            self._names_cache[slugs] = _escape(_joined([_lower_first(self.taxonomy.names[slug]) for slug in slugs]))
        return self._names_cache[slugs]


def _most_common(kinds: list[RoleKind]) -> RoleKind | None:
    """The most frequent role kind, ties to the first in enum order."""
    if not kinds:
        return None
    distinct = set(kinds)
    if len(distinct) == 1:
        return kinds[0]
    return min(distinct, key=lambda kind: (-kinds.count(kind), ROLE_KINDS.index(kind)))


def _as_lists(breakdown, names: tuple[str, ...]):
    """Scores and parts of a breakdown as Python lists (rounded), and per combination the pairs
    (first, second) with a shared application."""
    scores = np.round(breakdown.scores.astype(np.float64), DECIMALS).tolist()
    parts = np.round(np.stack([breakdown.parts[name] for name in names], axis=1), DECIMALS).tolist()
    size = breakdown.coverage.shape[1]
    upper = np.triu(np.ones((size, size), dtype=bool), 1)
    return scores, parts, _by_row((breakdown.text >= APPLICATION_MENTION) & upper)


def _by_row(mask: np.ndarray) -> list[tuple[tuple[int, int], ...]]:
    """Per row of a (n, s, s) mask, its true (first, second) positions: each row's mask read as one
    small integer, and the pairs of each integer listed once."""
    size = mask.shape[1]
    cells = [(first, second) for first in range(size) for second in range(size)]
    codes = (mask.reshape(len(mask), -1) * (1 << np.arange(size * size))).sum(axis=1)
    table = {int(code): tuple(cell for bit, cell in enumerate(cells) if int(code) >> bit & 1) for code in np.unique(codes)}
    return [table[code] for code in codes.tolist()]


def _shared_terms(features, first: int, second: int) -> list[str]:
    """The terms both texts weigh most (by the smaller of the two weights), as the first text writes
    them; a term sharing a word with one already chosen is skipped."""
    a, b = _weights(features.tfidf, first), _weights(features.tfidf, second)
    ranked = sorted(((-min(weight, b[term]), features.terms[term]) for term, weight in a.items() if term in b),
                    key=lambda item: (item[0], -item[1].count(" "), item[1]))
    chosen: list[str] = []
    for _, term in ranked:
        if set(term.split()) & {word for other in chosen for word in other.split()}:
            continue
        chosen.append(term)
        if len(chosen) == APPLICATION_TERMS:
            break
    return [_as_written(term, features.firms[first].description) for term in chosen]


def _weights(matrix, row: int) -> dict[int, float]:
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    return dict(zip(matrix.indices[start:end].tolist(), matrix.data[start:end].tolist()))


@lru_cache(maxsize=1 << 14)
def _term_pattern(term: str) -> re.Pattern[str]:
    pattern = r"\W+".join(re.escape(word) for word in term.split())
    return re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)


def _as_written(term: str, text: str) -> str:
    """"fpv interceptors" as the text writes it ("FPV interceptors"), else as it is."""
    found = _term_pattern(term).search(text)
    return found.group(0) if found else term


def _score_sentence(score: float, parts: list[float], names: tuple[str, ...]) -> str:
    pieces = [f"{'-' if value < 0 else '+'} {PART_LABELS[name]} {abs(value):.2f}"
              for name, value in zip(names, parts) if value or name != "red_flag_penalty"]
    return f"Score {score:.2f} = {' '.join(pieces)[2:]}."


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
