"""Who takes part in a run and how: the hard rules and the per-member factors of the scores.

Hard rules applied here (suspended firms are left out by the caller):
- red-flagged supply chains are left out (``exclude``) or scaled by RED_FLAG_FACTOR (``penalise``);
- a firm fits a trilateral slot only from the slot's country and when it offers at least one
  capability of the slot's role kind (research on a component counts for components, see
  features._role_offers);
- excluded pairs are never together (checked wherever pairs and triples are formed);
- bilateral pairs and triples always span different countries (checked by the search).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matchmaker.domain.enums import RoleKind
from matchmaker.scoring.features import ROLE_KINDS, Features
from matchmaker.scoring.records import EXCLUDE, RunParameters, Template
from matchmaker.scoring.scores import FIT_WEIGHT, RED_FLAG_FACTOR, TRUST_WEIGHT
from matchmaker.scoring.templates import has_us_slot

FULL_BREADTH = 3  # capabilities offered in a role kind that earn the full breadth score
CAPACITY_ROLES = frozenset({RoleKind.COMPONENTS, RoleKind.MANUFACTURING})
CAPACITY_SHARE = 0.3  # of role fit, in the roles where capacity matters
STATUS_SHARE, CERTIFICATION_SHARE = 0.6, 0.4
US_STATUS_SHARE, US_CERTIFICATION_SHARE, US_ELIGIBLE_SHARE = 0.4, 0.2, 0.4


@dataclass(frozen=True, eq=False)
class Participants:
    features: Features
    params: RunParameters
    template: Template
    active: np.ndarray  # bool (N,): takes part at all
    eligible: np.ndarray  # bool (3, N): fits slot s
    fit_factor: np.ndarray  # float32 (3, N): 1 + FIT_WEIGHT * role fit in slot s
    trust_factor: np.ndarray  # float32 (3, N): 1 + TRUST_WEIGHT * trust in the template
    pair_trust_factor: np.ndarray  # float32 (N,): 1 + TRUST_WEIGHT * trust, for bilateral pairs
    red_factor: np.ndarray  # float32 (N,): RED_FLAG_FACTOR for penalised red flags, else 1
    slot_factor: np.ndarray  # float32 (3, N): u = fit * trust * red; 0 where not eligible
    pair_factor: np.ndarray  # float32 (N,): m = trust * red; 0 where not active
    excluded_keys: np.ndarray  # int64, sorted: i * N + j for each excluded pair, both orders
    has_exclusion: np.ndarray  # bool (N,)

    def excluded(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Whether (i, j) is an excluded pair, for broadcastable index arrays."""
        i, j = np.broadcast_arrays(np.asarray(i), np.asarray(j))
        found = np.zeros(i.shape, dtype=bool)
        if not len(self.excluded_keys):
            return found
        both = self.has_exclusion[i] & self.has_exclusion[j]
        keys = i[both].astype(np.int64) * len(self.features) + j[both]
        found[both] = np.isin(keys, self.excluded_keys)
        return found

    def partners_excluded(self, i: int) -> np.ndarray:
        """Indices firm ``i`` must never be combined with."""
        size = len(self.features)
        low, high = np.searchsorted(self.excluded_keys, [i * size, (i + 1) * size])
        return self.excluded_keys[low:high] - i * size


def participants(features: Features, params: RunParameters, template: Template) -> Participants:
    size = len(features)
    active = ~(features.red_flagged & (params.red_flagged == EXCLUDE))
    red = np.where(features.red_flagged, RED_FLAG_FACTOR, 1.0).astype(np.float32)
    us_market = has_us_slot(template)
    eligible = np.stack([_fits(features, active, slot.role_kind, slot.country) for slot in template.slots])
    fit = np.stack([_fit_factor(features, slot.role_kind) for slot in template.slots])
    trust = np.stack([_trust_factor(features, us_market)] * 3)
    slot_factor = np.where(eligible, fit * trust * red, 0).astype(np.float32)
    pair_trust = _trust_factor(features, us_market=False)
    keys = _excluded_keys(features, params.excluded_pairs)
    has_exclusion = np.zeros(size, dtype=bool)
    has_exclusion[(keys // max(size, 1)).astype(np.int64)] = True
    return Participants(
        features=features, params=params, template=template, active=active, eligible=eligible,
        fit_factor=fit, trust_factor=trust, pair_trust_factor=pair_trust, red_factor=red,
        slot_factor=slot_factor, pair_factor=np.where(active, pair_trust * red, 0).astype(np.float32),
        excluded_keys=keys, has_exclusion=has_exclusion,
    )


def _fits(features: Features, active: np.ndarray, kind: RoleKind, country: str | None) -> np.ndarray:
    offers_role = features.role_offers[:, ROLE_KINDS.index(kind)] > 0
    if country is None:
        return active & offers_role
    if country not in features.countries:
        return np.zeros(len(features), dtype=bool)
    return active & offers_role & (features.country_codes == features.countries.index(country))


def _fit_factor(features: Features, kind: RoleKind) -> np.ndarray:
    """1 + FIT_WEIGHT * fit: breadth of the role's offers, with capacity where it counts."""
    breadth = np.minimum(features.role_offers[:, ROLE_KINDS.index(kind)], FULL_BREADTH) / FULL_BREADTH
    fit = breadth
    if kind in CAPACITY_ROLES:
        fit = (1 - CAPACITY_SHARE) * breadth + CAPACITY_SHARE * features.capacity_score
    return (1 + FIT_WEIGHT * fit).astype(np.float32)


def _trust_factor(features: Features, us_market: bool) -> np.ndarray:
    """1 + TRUST_WEIGHT * trust: non-red status and certifications, and US eligibility for US triples."""
    if us_market:
        trust = (US_STATUS_SHARE * features.status_value + US_CERTIFICATION_SHARE * features.certification_score
                 + US_ELIGIBLE_SHARE * features.us_eligible)
    else:
        trust = STATUS_SHARE * features.status_value + CERTIFICATION_SHARE * features.certification_score
    return (1 + TRUST_WEIGHT * trust).astype(np.float32)


def _excluded_keys(features: Features, pairs: frozenset[tuple[int, int]]) -> np.ndarray:
    size, keys = len(features), []
    for first, second in sorted(pairs):
        try:
            i, j = features.index_of(first), features.index_of(second)
        except KeyError:  # a firm that does not take part in this run
            continue
        keys += [i * size + j, j * size + i]
    return np.unique(np.array(keys, dtype=np.int64))
