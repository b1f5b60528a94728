"""The loose reading of the capability tagger: capabilities named in words the lexicon knows, in a phrase
it does not list ("radiometric infrared camera modules" for thermal imagers).

The tagger asks it about each run of words no lexicon phrase covered (``uncovered_runs``); ``LooseIndex``
says which capability, if any, enough of the run's words point to. The weights come from the lexicon.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from functools import lru_cache

from matchmaker.scoring.words import MIN_STEM, flatten, forms, is_cjk, lexicon_pattern

LOOSE_PREFIX = 5  # letters of a word a loose reading compares ("termowizyjne" and "termowizja" meet on "termo")
LOOSE_MIN_WORD = 3  # shorter words ("of", "з") say nothing about a capability
LOOSE_MIN_WORDS = 2  # words of a run that must point to the capability a loose reading names ...
LOOSE_WORD_WEIGHT = 0.3  # ... each with at least this weight (see LooseIndex) ...
# ... and this in all, with the words of the run that point to it more weakly: above two words each
# shared with one other capability (2 x 0.425 with the lexicon's 101 capabilities; the weight of a word
# shared by k capabilities, 1 - log k / log 101, moves with their number).
LOOSE_EVIDENCE = 0.86


class LooseIndex:
    """How strongly each word of the lexicon's capability phrases points to each capability.

    A word is known by the first LOOSE_PREFIX letters of each of its forms ("blades" also as "blade";
    a shorter stem such as "dron*" as itself), a Chinese character by the pair it ends. Its weight for
    a capability is the share of the phrases using it that name that capability, times its
    specificity: 1 for a word one capability's phrases alone use ("microbolometer"), falling to 0
    for one every capability uses ("system").
    """

    def __init__(self, capabilities: dict):
        uses: dict[str, dict[str, int]] = {}
        for slug, texts in capabilities.items():
            for text in flatten(texts):
                for key in set().union(*_loose_keys(lexicon_pattern(text), indexed=True)):
                    uses.setdefault(key, {}).setdefault(slug, 0)
                    uses[key][slug] += 1
        spread = math.log(max(len(capabilities), 2))
        self._weights = {
            key: {slug: count / sum(by_slug.values()) * (1 - math.log(len(by_slug)) / spread)
                  for slug, count in by_slug.items()}
            for key, by_slug in uses.items()}
        self._word_weights = lru_cache(maxsize=1 << 16)(self._find_word_weights)

    def reading(self, keys: list[str]) -> tuple[str, int, int] | None:
        """The capability the words point to most, with the positions of the first and last word that
        point to it, if at least LOOSE_MIN_WORDS words of LOOSE_WORD_WEIGHT point to it with
        LOOSE_EVIDENCE in all: one word is too often a word in another sense ("core business")."""
        evidence: dict[str, float] = {}
        positions: dict[str, list[int]] = {}
        for position, word_keys in enumerate(_loose_keys(tuple(keys), indexed=False)):
            for slug, weight in self._word_weights(word_keys).items():
                evidence[slug] = evidence.get(slug, 0.0) + weight
                if weight >= LOOSE_WORD_WEIGHT:
                    positions.setdefault(slug, []).append(position)
        best = max(sorted(evidence), key=evidence.__getitem__, default=None)
        if best is None or len(positions.get(best, ())) < LOOSE_MIN_WORDS or evidence[best] < LOOSE_EVIDENCE:
            return None
        return best, positions[best][0], positions[best][-1]

    def _find_word_weights(self, word_keys: frozenset[str]) -> dict[str, float]:
        """Per capability, the weight of the word's strongest key (a word counts once)."""
        weights: dict[str, float] = {}
        for key in sorted(word_keys):
            for slug, weight in self._weights.get(key, {}).items():
                weights[slug] = max(weights.get(slug, 0.0), weight)
        return weights


def uncovered_runs(covered: list[bool], clauses: list[int]) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of uncovered words within one clause."""
    start = None
    for position, (is_covered, clause) in enumerate(zip(covered, clauses)):
        if start is not None and (is_covered or clause != clauses[start]):
            yield start, position
            start = None
        if start is None and not is_covered:
            start = position
    if start is not None:
        yield start, len(covered)


def _loose_keys(words: tuple[str, ...], indexed: bool) -> list[frozenset[str]]:
    """Per word, the keys a loose reading knows it by (see LooseIndex); empty for short words.

    ``indexed``: the words of a lexicon phrase, whose stems ("dron*") are keys of their own; else words
    of a text, which also try the stems their first letters could match."""
    return [_word_keys(word, previous, indexed) for previous, word in zip(("", *words), words)]


@lru_cache(maxsize=1 << 16)
def _word_keys(word: str, previous: str, indexed: bool) -> frozenset[str]:
    stem, word, previous = word.endswith("*"), word.rstrip("*"), previous.rstrip("*")
    if is_cjk(word):
        return frozenset({previous + word}) if is_cjk(previous) else frozenset()
    if len(word) < LOOSE_MIN_WORD:
        return frozenset()
    if stem:
        return frozenset({word + "*" if len(word) < LOOSE_PREFIX else word[:LOOSE_PREFIX]})
    word_forms = forms(word)
    keys = {form[:LOOSE_PREFIX] for form in word_forms}
    if not indexed:  # the short stems this word's first letters could match
        keys |= {form[:size] + "*" for form in word_forms
                 for size in range(MIN_STEM, LOOSE_PREFIX) if len(form) >= size}
    return frozenset(keys)
