"""Firms as arrays: what each offers and seeks over the taxonomy, what its text says about its
applications, and the facts the role-fit and trust factors read.

Hierarchy: offers propagate *up* (offering thermal imagers is offering payloads, so a firm seeking
payloads is fully served), and *down* at half strength (a firm that only says "payloads" may well
make the thermal imagers someone seeks, but that is a guess). Seeks stay where they were stated.

Columns are the taxonomy nodes someone seeks, in slug order: a node nobody seeks cannot add to any
coverage, and fewer columns make the pair products cheaper.

Exactness: every pairwise quantity is an integer held in float32 (offer levels 0/1/2 times seek
counts, summed over seek indicators; text vectors rounded to integers whose dot products stay below
2**24), so a matrix product gives the same value whatever its blocking or summation order. The fast search and the
exact reference therefore agree to the last bit, in any process.

Applications: first the application areas the tagger names in each text (FirmRecord.applications,
from the multilingual vocabulary in seed_data/applications.yaml: "naval surface drones", "morskie
drony", "海上無人艇" are all maritime work), then, for what the vocabulary lacks, the text itself.
The application vector of a firm joins both: its areas as a unit indicator vector weighted by
APPLICATION_AREA_SHARE and its LSA text vector by the rest, so two firms on one area score about
APPLICATION_AREA_SHARE whatever words they use, and texts alike without a named area at most the rest.

Text: descriptions and capability notes in TF-IDF (words and word pairs, sublinear counts) reduced
by truncated SVD (latent semantic analysis, which also relates "maritime" to "surface vessels"). The
text term is meant to measure a shared *application* ("FPV interceptors", "counter-UAS defence",
"long-range fixed-wing ISR"), so three kinds of terms are left out: the words of the taxonomy's
capability names; in a registry of some size, the terms that mainly say which capabilities a firm
has, learnt from the registry's own tags (wordings outside the taxonomy's names, in any language);
and terms in more than FRAME_SHARE of the descriptions (sentence frames such as "open to cooperation
with a supplier of", "core business"). Shared capabilities and frames would reward competitors and
boilerplate, and count complementarity twice. Measured on a planted-triples registry (seed 0,
2,000 firms, 40 triples), dropping them took the AUC of this similarity between same-application and
other pairs from 0.57 to 0.67 (an oracle keeping only the generator's application words: 0.69).
The floor a pair's text similarity must pass is a quantile of the registry's own pair similarities
(_application_floor), not a constant: how alike two unrelated texts are depends on the registry.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize

from matchmaker.domain.compliance import CertificationKind, NonRedStatus
from matchmaker.domain.enums import Direction, RoleKind
from matchmaker.scoring.records import FirmRecord, TaxonomyNode

OFFER_FULL = 2.0  # offers the node or something below it
OFFER_PARTIAL = 1.0  # offers something above it only
TEXT_DIMENSIONS = 32
TEXT_SCALE = 2000  # |q_i . q_j| <= (TEXT_SCALE + sqrt(d)/2)**2 < 2**24 for d < 40,000: exact in float32
# Share of the application vector given to the named application areas, the rest to the text. Areas
# dominate: on the planted-triples registry (dev phrasings), text-only similarity told same-application
# pairs from others with an AUC of 0.67.
APPLICATION_AREA_SHARE = 0.8
TEXT_SEED = 0
SMALL_REGISTRY = 50  # below this, keep every term (document-frequency limits need a crowd)
# A term in more than this share of descriptions is a sentence frame ("core business", "open to
# cooperation", "founded in") or too common to tell applications apart.
FRAME_SHARE = 0.1
CAPABILITY_ASSOCIATION = 0.5  # see _capability_words
ASSOCIATION_PRIOR = 5.0
APPLICATION_QUANTILE = 0.9  # see _application_floor
FLOOR_PAIRS = 20_000
FIXED_FLOOR = 0.25  # cosine floor of a small registry
MAX_FLOOR = 0.8  # keeps room above the floor when nearly every text is alike
ROLE_KINDS = tuple(RoleKind)
STATUS_VALUE = {
    NonRedStatus.VERIFIED_CLEAN: 1.0,
    NonRedStatus.DECLARED_CLEAN: 0.7,
    NonRedStatus.INCOMPLETE: 0.3,
    NonRedStatus.RED_FLAGGED: 0.0,
}
TRUST_CERTIFICATIONS = frozenset(kind.value for kind in CertificationKind if kind is not CertificationKind.OTHER)
CERTIFICATIONS_FOR_FULL_CREDIT = 2
CAPACITY_FULL = 10_000  # units a year that earn the full capacity score (log scale below)
_TOKEN = r"(?u)\b\w[\w/-]*\w\b"


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """The capability tree, indexed for the hierarchy rules and for naming capabilities in reasons."""

    slugs: tuple[str, ...]  # sorted
    names: dict[str, str]
    kinds: dict[str, RoleKind]
    ancestors: dict[str, tuple[str, ...]]  # nearest first
    descendants: dict[str, tuple[str, ...]]  # sorted

    @classmethod
    def of(cls, nodes: Sequence[TaxonomyNode]) -> Taxonomy:
        parents = {node.slug: node.parent for node in nodes}
        ancestors = {slug: _ancestors(slug, parents) for slug in parents}
        below: dict[str, set[str]] = {slug: set() for slug in parents}
        for slug, above in ancestors.items():
            for ancestor in above:
                below[ancestor].add(slug)
        return cls(
            slugs=tuple(sorted(parents)),
            names={node.slug: node.name for node in nodes},
            kinds={node.slug: RoleKind(node.role_kind) for node in nodes},
            ancestors=ancestors,
            descendants={slug: tuple(sorted(found)) for slug, found in below.items()},
        )


@dataclass(frozen=True, eq=False)
class Features:
    """Per-firm arrays in firm-id order (index i is the i-th smallest id)."""

    firms: tuple[FirmRecord, ...]
    ids: np.ndarray  # int64
    country_codes: np.ndarray  # int32 codes into countries
    countries: tuple[str, ...]  # sorted distinct country codes
    taxonomy: Taxonomy
    columns: tuple[str, ...]  # sought slugs: the columns of offers and seeks
    offers: np.ndarray  # float32 (N, T): 0, OFFER_PARTIAL or OFFER_FULL
    offers_padded: np.ndarray  # float32 (N, T + 1): a zero column T that padded seek indices point to
    offer_kinds_padded: np.ndarray  # int8 (N, T + 1): index in ROLE_KINDS of the offer of the column's
    # very slug (not of a slug below or above it), -1 where there is none; column T is -1
    seeks: np.ndarray  # float32 (N, T): 0 or 1
    seek_index: np.ndarray  # int32 (N, max seeks): columns sought, padded with T
    needs: np.ndarray  # float32 (N,): number of seeks, at least 1
    inverse_needs: np.ndarray  # float32 (N,): 1 / needs
    pair_left: np.ndarray  # float32 (N, 2T): [offers * needs, seeks]
    pair_right: np.ndarray  # float32 (N, 2T): [seeks, offers * needs]; left_i . right_j = W_ij (see scores)
    text: np.ndarray  # float32 (N, d): integers, the application vectors (areas, then text)
    application_floor: np.float32  # an integer: dot product of text vectors below which no application is shared
    areas: tuple[str, ...]  # the application areas named in the registry, sorted: columns of text after the LSA
    tfidf: sparse.csr_matrix  # for naming shared terms in reasons
    terms: np.ndarray  # vocabulary of tfidf, by column
    role_offers: np.ndarray  # int32 (N, len(ROLE_KINDS)): distinct slugs offered in each role kind
    status_value: np.ndarray  # float32 (N,)
    red_flagged: np.ndarray  # bool (N,)
    us_eligible: np.ndarray  # bool (N,)
    certification_score: np.ndarray  # float32 (N,) in [0, 1]
    capacity_score: np.ndarray  # float32 (N,) in [0, 1]

    def __len__(self) -> int:
        return len(self.firms)

    def index_of(self, firm_id: int) -> int:
        position = int(np.searchsorted(self.ids, firm_id))
        if position >= len(self.ids) or self.ids[position] != firm_id:
            raise KeyError(f"No firm {firm_id} in this registry.")
        return position


def build_features(firms: Sequence[FirmRecord], taxonomy: Sequence[TaxonomyNode]) -> Features:
    """Arrays of a registry; the input order does not matter (firms are put in id order)."""
    ordered = tuple(sorted(firms, key=lambda firm: firm.id))
    ids = np.array([firm.id for firm in ordered], dtype=np.int64)
    if len(ids) and np.any(ids[1:] == ids[:-1]):
        raise ValueError("Firm ids must be unique.")
    tree = Taxonomy.of(taxonomy)
    countries = tuple(sorted({firm.country for firm in ordered}))
    code = {country: number for number, country in enumerate(countries)}
    offered, sought = _capabilities(ordered, tree)
    columns = tuple(sorted({slug for slugs in sought for slug in slugs}))
    offers = _offer_levels([tuple(kinds) for kinds in offered], columns, tree)
    seeks, seek_index = _seek_indicators(sought, columns)
    needs = np.maximum(seeks.sum(axis=1), 1).astype(np.float32)
    tfidf, terms, text, floor = _text(ordered, tree, [set(kinds) | set(slugs) for kinds, slugs in zip(offered, sought)])
    areas, area_vectors = _areas(ordered)
    return Features(
        firms=ordered,
        ids=ids,
        country_codes=np.array([code[firm.country] for firm in ordered], dtype=np.int32),
        countries=countries,
        taxonomy=tree,
        columns=columns,
        offers=offers,
        offers_padded=np.hstack([offers, np.zeros((len(ordered), 1), dtype=np.float32)]),
        offer_kinds_padded=_offer_kinds(offered, columns),
        seeks=seeks,
        seek_index=seek_index,
        needs=needs,
        inverse_needs=(1 / needs).astype(np.float32),
        pair_left=np.hstack([offers * needs[:, None], seeks]),
        pair_right=np.hstack([seeks, offers * needs[:, None]]),
        text=_application_vectors(text, area_vectors),
        application_floor=np.float32(round((1 - APPLICATION_AREA_SHARE) * floor)),  # the text part's floor
        areas=areas,
        tfidf=tfidf,
        terms=terms,
        role_offers=_role_offers(ordered, tree),
        status_value=np.array([STATUS_VALUE[NonRedStatus(firm.supply_chain)] for firm in ordered], dtype=np.float32),
        red_flagged=np.array([firm.supply_chain == NonRedStatus.RED_FLAGGED for firm in ordered], dtype=bool),
        us_eligible=np.array([bool(firm.us_market_eligible) for firm in ordered], dtype=bool),
        certification_score=np.array([_certification_score(firm) for firm in ordered], dtype=np.float32),
        capacity_score=np.array([_capacity_score(firm.capacity_units_per_year) for firm in ordered], dtype=np.float32),
    )


def offered_slugs(firm: FirmRecord, taxonomy: Taxonomy) -> dict[str, RoleKind]:
    """The taxonomy slugs a firm offers, each with its role kind (the first in enum order if several)."""
    found: dict[str, RoleKind] = {}
    for tag in firm.tags:
        if tag.direction == Direction.OFFERS and tag.slug in taxonomy.names:
            kind = RoleKind(tag.role_kind)
            if tag.slug not in found or ROLE_KINDS.index(kind) < ROLE_KINDS.index(found[tag.slug]):
                found[tag.slug] = kind
    return dict(sorted(found.items()))


def sought_slugs(firm: FirmRecord, taxonomy: Taxonomy) -> tuple[str, ...]:
    return tuple(sorted({tag.slug for tag in firm.tags if tag.direction == Direction.SEEKS and tag.slug in taxonomy.names}))


def _ancestors(slug: str, parents: dict[str, str | None]) -> tuple[str, ...]:
    found, parent = [], parents.get(slug)
    while parent is not None and parent in parents and parent not in found and parent != slug:
        found.append(parent)
        parent = parents.get(parent)
    return tuple(found)


def _capabilities(firms: Sequence[FirmRecord], tree: Taxonomy) -> tuple[list[dict[str, RoleKind]], list[tuple[str, ...]]]:
    offered = [offered_slugs(firm, tree) for firm in firms]
    sought = [sought_slugs(firm, tree) for firm in firms]
    return offered, sought


def _offer_levels(offered: list[tuple[str, ...]], columns: tuple[str, ...], tree: Taxonomy) -> np.ndarray:
    """OFFER_FULL on each offered node and its ancestors, OFFER_PARTIAL on its descendants."""
    column = {slug: number for number, slug in enumerate(columns)}
    full = {slug: [column[s] for s in (slug, *tree.ancestors[slug]) if s in column] for slug in tree.slugs}
    partial = {slug: [column[s] for s in tree.descendants[slug] if s in column] for slug in tree.slugs}
    levels = np.zeros((len(offered), len(columns)), dtype=np.float32)
    rows_full, cols_full, rows_partial, cols_partial = [], [], [], []
    for row, slugs in enumerate(offered):
        for slug in slugs:
            rows_full += [row] * len(full[slug])
            cols_full += full[slug]
            rows_partial += [row] * len(partial[slug])
            cols_partial += partial[slug]
    levels[rows_partial, cols_partial] = OFFER_PARTIAL
    levels[rows_full, cols_full] = OFFER_FULL  # a full offer wins over a partial one
    return levels


def _offer_kinds(offered: list[dict[str, RoleKind]], columns: tuple[str, ...]) -> np.ndarray:
    column = {slug: number for number, slug in enumerate(columns)}
    kinds = np.full((len(offered), len(columns) + 1), -1, dtype=np.int8)
    for row, slugs in enumerate(offered):
        for slug, kind in slugs.items():
            if slug in column:
                kinds[row, column[slug]] = ROLE_KINDS.index(kind)
    return kinds


def _seek_indicators(sought: list[tuple[str, ...]], columns: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    column = {slug: number for number, slug in enumerate(columns)}
    seeks = np.zeros((len(sought), len(columns)), dtype=np.float32)
    width = max((len(slugs) for slugs in sought), default=0)
    index = np.full((len(sought), max(width, 1)), len(columns), dtype=np.int32)
    for row, slugs in enumerate(sought):
        positions = [column[slug] for slug in slugs]
        seeks[row, positions] = 1.0
        index[row, :len(positions)] = positions
    return seeks, index


def _role_offers(firms: Sequence[FirmRecord], tree: Taxonomy) -> np.ndarray:
    """Per firm and role kind, the distinct slugs it offers in that role. Research on a component
    ("研發雷達", "R&D of anti-jamming antennas") also counts as components: the MSPO role is
    "technology and components", and firms that develop a part are who the slot is for."""
    counts = np.zeros((len(firms), len(ROLE_KINDS)), dtype=np.int32)
    for row, firm in enumerate(firms):
        offered = {(tag.slug, RoleKind(tag.role_kind)) for tag in firm.tags
                   if tag.direction == Direction.OFFERS and tag.slug in tree.names}
        offered |= {(slug, RoleKind.COMPONENTS) for slug, kind in offered
                    if kind == RoleKind.RND and tree.kinds[slug] == RoleKind.COMPONENTS}
        for _slug, kind in offered:
            counts[row, ROLE_KINDS.index(kind)] += 1
    return counts


def _certification_score(firm: FirmRecord) -> float:
    held = len(set(firm.certifications) & TRUST_CERTIFICATIONS)
    return min(held, CERTIFICATIONS_FOR_FULL_CREDIT) / CERTIFICATIONS_FOR_FULL_CREDIT


def _capacity_score(units: int | None) -> float:
    """Log scale: 10 units a year score 0.25, 10,000 or more score 1; unknown scores 0."""
    if not units or units <= 0:
        return 0.0
    return min(1.0, math.log10(1 + units) / math.log10(CAPACITY_FULL))


def _text(firms: Sequence[FirmRecord], tree: Taxonomy,
          tagged: list[set[str]]) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray, float]:
    """TF-IDF of the application vocabulary, its LSA unit vectors, and the floor of their similarity
    (on the integer scale of the quantised dot products)."""
    small = len(firms) < SMALL_REGISTRY
    counter = CountVectorizer(
        lowercase=True, stop_words="english", token_pattern=_TOKEN, ngram_range=(1, 2),
        min_df=1 if small else 2, max_df=1.0 if small else FRAME_SHARE, dtype=np.float32,
    )
    try:
        counts = counter.fit_transform([firm.description or "" for firm in firms])
    except ValueError:  # no usable words at all
        empty = sparse.csr_matrix((len(firms), 0), dtype=np.float32)
        text = _reduced(empty)
        return empty, np.array([], dtype=object), text, _application_floor(text)
    terms = counter.get_feature_names_out()
    analyse = counter.build_analyzer()
    capability_terms = {term for name in tree.names.values() for term in analyse(name)}
    kept = np.array([term not in capability_terms for term in terms], dtype=bool)
    if not small:
        kept &= ~_capability_words(counts, tagged)
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(counts[:, kept]).astype(np.float32).tocsr()
    text = _reduced(tfidf)
    return tfidf, terms[kept], text, _application_floor(text)


def _capability_words(counts: sparse.csr_matrix, tagged: list[set[str]]) -> np.ndarray:
    """Terms that mainly say which capabilities a firm has, learnt from the registry's own tags.

    For each term, the share of the firms using it that carry a tag, smoothed towards the tag's
    share of the whole registry (ASSOCIATION_PRIOR firms' worth) so that a term used twice proves
    little; a term is a capability word when, for some tag, that share is at least
    CAPABILITY_ASSOCIATION of the way from the registry's share to every firm. This catches the
    wordings the taxonomy's names do not ("outrunner", "airworthiness", "homing"), whichever
    language they are in, and keeps words used across capabilities alike (applications).
    """
    slugs = sorted(set().union(*tagged)) if tagged else []
    if not slugs:
        return np.zeros(counts.shape[1], dtype=bool)
    column = {slug: number for number, slug in enumerate(slugs)}
    rows = [row for row, found in enumerate(tagged) for _ in found]
    columns = [column[slug] for found in tagged for slug in sorted(found)]
    tags = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, columns)), shape=(len(tagged), len(slugs)))
    used = (counts > 0).astype(np.float32)
    together = (used.T @ tags).toarray()  # (terms, slugs): firms using the term with the tag
    users = np.asarray(used.sum(axis=0)).ravel()[:, None]
    base = np.asarray(tags.mean(axis=0)).ravel()[None, :]
    share = (together + ASSOCIATION_PRIOR * base) / (users + ASSOCIATION_PRIOR)
    lift = (share - base) / np.maximum(1 - base, 1e-9)
    return lift.max(axis=1) >= CAPABILITY_ASSOCIATION


def _application_floor(text: np.ndarray) -> float:
    """The cosine a pair's texts must pass for a shared application, on the integer scale of the
    quantised dot products: the APPLICATION_QUANTILE of the cosine of random pairs of the registry
    (FLOOR_PAIRS of them, drawn with a fixed seed), so that only pairs more alike than most earn the
    bonus, whatever the registry's vocabulary; in a small registry, where a quantile means little,
    FIXED_FLOOR."""
    rows = len(text)
    if rows < SMALL_REGISTRY:
        return FIXED_FLOOR * TEXT_SCALE**2
    draw = np.random.default_rng(TEXT_SEED)
    first, second = draw.integers(0, rows, FLOOR_PAIRS), draw.integers(0, rows - 1, FLOOR_PAIRS)
    second += second >= first  # a pair of two different firms
    similarity = np.einsum("nd,nd->n", text[first], text[second])
    floor = np.quantile(similarity, APPLICATION_QUANTILE)
    return min(max(floor, 0.0), MAX_FLOOR) * TEXT_SCALE**2


def _areas(firms: Sequence[FirmRecord]) -> tuple[tuple[str, ...], np.ndarray]:
    """The application areas named in the registry, and per firm its areas as a unit indicator vector
    (zero when its text names none)."""
    areas = tuple(sorted({area for firm in firms for area in firm.applications}))
    column = {area: number for number, area in enumerate(areas)}
    vectors = np.zeros((len(firms), len(areas)), dtype=np.float64)
    for row, firm in enumerate(firms):
        named = {column[area] for area in firm.applications}
        vectors[row, sorted(named)] = 1 / math.sqrt(len(named)) if named else 0.0
    return areas, vectors


def _application_vectors(text: np.ndarray, areas: np.ndarray) -> np.ndarray:
    """Areas and text joined by their shares (both unit or zero rows), quantised to integers."""
    joined = np.hstack([math.sqrt(1 - APPLICATION_AREA_SHARE) * text, math.sqrt(APPLICATION_AREA_SHARE) * areas])
    return _quantised(joined)


def _reduced(tfidf: sparse.csr_matrix) -> np.ndarray:
    """Unit vectors of TEXT_DIMENSIONS: the TF-IDF itself when it is that narrow, else its LSA."""
    rows, width = tfidf.shape
    padded = np.zeros((rows, TEXT_DIMENSIONS), dtype=np.float64)
    if rows == 0:
        return padded
    if width <= TEXT_DIMENSIONS:
        padded[:, :width] = tfidf.toarray()
        return normalize(padded)
    components = min(TEXT_DIMENSIONS, width - 1, rows - 1)
    if components >= 1:
        svd = TruncatedSVD(n_components=components, algorithm="randomized", random_state=TEXT_SEED)
        padded[:, :components] = svd.fit_transform(tfidf)
    return normalize(padded)


def _quantised(vectors: np.ndarray) -> np.ndarray:
    return np.rint(vectors * TEXT_SCALE).astype(np.float32)
