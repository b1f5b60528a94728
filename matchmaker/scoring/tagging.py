"""Capability tagging of free-text descriptions: taxonomy slugs with a direction and a role kind.

A curated multilingual lexicon (seed_data/lexicon.yaml) maps phrases to taxonomy slugs and to cues.
Text is cut into sentences, each sentence into search_key-normalised words (one word per Chinese
character, so Chinese phrases match on character boundaries), and phrases are matched on whole
words, the longest phrase first. Within a sentence:
- direction cues ("looking for", "we make") switch between offers and seeks for what follows
  them; "wanted" marks what precedes it; every sentence starts as offers;
- a negation drops a capability a few words later in its clause ("no Chinese magnets");
- after a capability, "for ..." up to the next comma names the customers' product, not the firm's;
- a drone type right before another capability only qualifies it ("FPV motors");
- a generic find ("distributor") takes the child named by the nearest context word ("in Poland");
- a role cue next to a capability in its clause ("R&D of", "contract manufacturing of") overrides
  the taxonomy node's role kind.
Generic service words ("repair", "training") count only in a text that shows it is about drones.
When a parent and its child are both found in one direction, only the child is kept.

Words that no phrase covers get a *loose* reading (matchmaker.scoring.loose_reading): a run of them
that holds at least two words pointing to one capability's phrases ("radiometric infrared camera
modules" for thermal imagers; words compared by their first letters, so inflected Polish and
Ukrainian forms meet) is read as that capability, with the direction and role of its place in the
sentence. Its tag says so. Word keys and forms, shared by both readings: matchmaker.scoring.words.

Application areas ("maritime drones", "demining") are read by the same longest-phrase matching from
a vocabulary of their own (seed_data/applications.yaml), without direction or role.

No trained model: with some tens of labelled descriptions a classifier over ~100 slugs times two
directions would learn little, and a lexicon is explainable (each tag carries its evidence) and can
be extended by an analyst without retraining; the loose reading's weights come from the lexicon too.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from matchmaker.domain.enums import Direction, RoleKind
from matchmaker.scoring.loose_reading import LooseIndex, uncovered_runs
from matchmaker.scoring.words import MIN_STEM, WORD, fits, flatten, forms, lexicon_pattern, word_key

NEGATION_REACH = 4  # words after a negation ("not", "no") in its clause whose capability it cancels
ROLE_REACH_BEFORE = 5  # words between a role cue and the capability it applies to ("R&D of ... radar")
ROLE_REACH_AFTER = 1  # "motor R&D"
CUE_KINDS = ("seeks", "offers", "seeks_before", "negation", "ignore", "modifier", "anchor", "context", "conjunction")

# A period ends a sentence only before a capital (or a non-Latin letter), so "e.g. radar" stays whole.
_SENTENCE_END = re.compile(r"[;!?\n|•。！？；]+|\.\s+(?=[^\W_a-z0-9])")
# Commas (not those inside numbers like "1,000"), colons, brackets and dashes between spaces ("7–15" is a range).
_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[:()\[\]—、，：（）]|\s[–-]\s")


@dataclass(frozen=True)
class InferredTag:
    """A capability read from text; callers store it marked as inferred."""

    slug: str
    direction: Direction
    role_kind: RoleKind
    evidence: str  # the matched phrase, as written
    loose: bool = False  # read from the words of a phrase the lexicon does not list (see scoring.loose_reading)


@dataclass(frozen=True, slots=True)
class _Word:
    key: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Phrase:
    words: tuple[str, ...]  # normalised; a trailing "*" makes a word a stem
    meanings: frozenset[tuple[str, str]]  # (kind, value): ("slug", "gimbals"), ("seeks", ""), ("role", "rnd")
    kinds: frozenset[str]
    slugs: tuple[str, ...]

    @classmethod
    def of(cls, words: tuple[str, ...], meanings: set[tuple[str, str]]) -> _Phrase:
        slugs = tuple(sorted(value for kind, value in meanings if kind == "slug"))
        return cls(words, frozenset(meanings), frozenset(kind for kind, _ in meanings), slugs)


@dataclass(frozen=True, slots=True)
class _Hit:
    phrase: _Phrase
    start: int
    end: int

    def kinds(self) -> frozenset[str]:
        return self.phrase.kinds

    def values(self, kind: str) -> list[str]:
        if kind == "slug":
            return list(self.phrase.slugs)
        return sorted(value for k, value in self.phrase.meanings if k == kind)


@dataclass(slots=True)
class _Found:
    slug: str
    direction: Direction
    hit: _Hit
    evidence: str
    gated: bool  # found through a generic word ("repair") that counts only in a text about drones
    role_kind: RoleKind | None = None

    def tag(self) -> InferredTag:
        return InferredTag(self.slug, self.direction, self.role_kind, self.evidence, "loose" in self.hit.kinds())


@dataclass(slots=True)
class _Reading:
    """What the cues read so far in a sentence say about the next capability."""

    direction: Direction = Direction.OFFERS
    segment: list[_Found] = field(default_factory=list)  # found since the last direction cue
    negated_until: int = -1
    negated_clause: int | None = None
    customer_clause: int | None = None  # clause where "for" introduced the customers' product
    after_capability: bool = False  # the last hit other than "and" named a capability

    def read(self, hit: _Hit, clause: int, new_item: bool) -> None:
        kinds = hit.kinds()
        if "seeks_before" in kinds:
            for item in self.segment:
                item.direction = Direction.SEEKS
            self.segment = []
        if kinds & {"seeks", "offers"}:
            self.direction = Direction.SEEKS if "seeks" in kinds else Direction.OFFERS
            self.segment, self.customer_clause = [], None
        if "negation" in kinds:
            self.negated_until, self.negated_clause = hit.end + NEGATION_REACH, clause
        if "context" in kinds and self.after_capability:
            self.customer_clause = clause
        if kinds != {"conjunction"}:
            self.after_capability = bool(hit.values("slug"))
        if self.customer_clause != clause or new_item:
            self.customer_clause = None

    def skips(self, hit: _Hit, clause: int) -> bool:
        negated = hit.start < self.negated_until and clause == self.negated_clause
        return negated or self.customer_clause is not None


class Tagger:
    """Tags descriptions with taxonomy capabilities, from taxonomy nodes and a lexicon."""

    def __init__(self, taxonomy: list[dict], lexicon: dict, applications: dict | None = None):
        """``taxonomy``: nested nodes (slug, role_kind, children) as in taxonomy.yaml; ``lexicon``: as
        lexicon.yaml; ``applications``: as applications.yaml."""
        self._role_kinds, self._ancestors = _index_taxonomy(taxonomy)
        _check_slugs(lexicon, self._ancestors)
        self._phrases = _PhraseIndex(_compile(_meanings(lexicon)))
        self._loose = LooseIndex(lexicon["capabilities"])
        self._application_phrases = _PhraseIndex(_compile(_application_meanings(applications or {})))
        self._refinements = {
            parent: _ContextIndex(
                (child, lexicon_pattern(text)) for child, texts in sorted(children.items()) for text in flatten(texts))
            for parent, children in lexicon.get("refinements", {}).items()
        }
        self._needs_anchor = frozenset(lexicon.get("needs_anchor", ()))

    @classmethod
    def from_files(cls, taxonomy_path: Path, lexicon_path: Path, applications_path: Path | None = None) -> Tagger:
        applications = _read_yaml(applications_path) if applications_path else None
        return cls(_read_yaml(taxonomy_path), _read_yaml(lexicon_path), applications)

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(self._role_kinds)

    def tag(self, text: str | None) -> list[InferredTag]:
        """Capabilities the text offers or seeks, in order of appearance, the most specific of each line."""
        found: list[_Found] = []
        anchored = False
        for sentence in _sentences(unicodedata.normalize("NFC", text or "")):
            items, sentence_anchored = self._read_sentence(sentence)
            found += items
            anchored = anchored or sentence_anchored
        if not anchored:
            found = [item for item in found if not item.gated]
        return self._most_specific(_first_of_each(found))

    def applications(self, text: str | None) -> tuple[str, ...]:
        """The application areas the text names ("maritime drones"), by name, in order of appearance.

        Read without direction: "motors for naval drones" ties the firm to naval work as much as
        building naval drones does, and that shared ground is what the model asks of partners.
        """
        found: dict[str, None] = {}
        for sentence in _sentences(unicodedata.normalize("NFC", text or "")):
            for hit in self._application_phrases.hits(_keys(sentence)):
                found.update(dict.fromkeys(hit.values("application")))
        return tuple(found)

    def _read_sentence(self, sentence: str) -> tuple[list[_Found], bool]:
        """What one sentence offers and seeks, and whether it shows that the text is about drones."""
        words = _words(sentence)
        keys = [word.key for word in words]
        hits = self._phrases.hits(keys)
        clauses = _clauses(sentence, words)
        hits = self._with_loose(hits, self._application_phrases.hits(keys), keys, clauses)
        found = [refined for item in self._directed(hits, sentence, words, clauses) for refined in self._refined(item, words)]
        for item in found:
            item.role_kind = self._role(item, hits, clauses)
        anchored = any("anchor" in hit.kinds() or set(hit.values("slug")) - self._needs_anchor
                       for hit in hits if "loose" not in hit.kinds())  # a guess proves nothing about the text
        return found, anchored

    def _with_loose(self, hits: list[_Hit], applications: list[_Hit], keys: list[str],
                    clauses: list[int]) -> list[_Hit]:
        """The hits and, for each run of words no phrase covers, the capability its words point to, if any.

        Catches what the lexicon names in other forms or orders ("radiometric infrared camera
        modules"). A run right before a capability found whole only qualifies it ("high-torque
        motors"), and words of an application name the firm's market, not its product.
        """
        covered = [False] * len(keys)
        for hit in (*hits, *applications):
            covered[hit.start:hit.end] = [True] * (hit.end - hit.start)
        qualified = {hit.start for hit in hits if hit.values("slug") and "modifier" not in hit.kinds()}
        loose = []
        for start, end in uncovered_runs(covered, clauses):
            qualifies = end in qualified and clauses[end] == clauses[end - 1]
            reading = None if qualifies else self._loose.reading(keys[start:end])
            if reading:
                slug, first, last = reading
                words = tuple(keys[start + first:start + last + 1])
                loose.append(_Hit(_Phrase.of(words, {("slug", slug), ("loose", "")}), start + first, start + last + 1))
        return sorted((*hits, *loose), key=lambda hit: hit.start)

    def _directed(self, hits: list[_Hit], sentence: str, words: list[_Word], clauses: list[int]) -> list[_Found]:
        """Capabilities with the direction of the cue before them (or "wanted" after them).

        Leaves out negated ones ("no Chinese magnets") and customers' products: what follows "for"
        right after a capability, up to the next comma or a service joined by "and" ("gimbals for
        Sony cameras", but "training for FPV pilots and maintenance of ...").
        """
        found: list[_Found] = []
        reading = _Reading()
        for previous, hit in zip([None, *hits], hits):
            clause = clauses[hit.start]
            reading.read(hit, clause, new_item=self._starts_item(previous, hit))
            if not hit.values("slug") or reading.skips(hit, clause):
                continue
            if self._qualifies(previous, hit):
                found = [item for item in found if item.hit is not previous]
                reading.segment = [item for item in reading.segment if item.hit is not previous]
            evidence = sentence[words[hit.start].start:words[hit.end - 1].end]
            items = [_Found(slug, reading.direction, hit, evidence, slug in self._needs_anchor) for slug in hit.values("slug")]
            found += items
            reading.segment += items
        return found

    def _starts_item(self, previous: _Hit | None, hit: _Hit) -> bool:
        """Whether ``hit`` is a service right after "and", so a new item of a list rather than more of the last."""
        if previous is None or "conjunction" not in previous.kinds() or previous.end != hit.start:
            return False
        return any(self._role_kinds[slug] != RoleKind.COMPONENTS for slug in hit.values("slug"))

    def _qualifies(self, previous: _Hit | None, hit: _Hit) -> bool:
        """Whether ``previous`` is a drone type that only qualifies ``hit`` ("FPV motors", "VTOL autopilot")."""
        if previous is None or previous.end != hit.start or "modifier" not in previous.kinds():
            return False
        own = set(previous.values("slug"))
        broader = own.union(*(self._ancestors[slug] for slug in own))
        return not set(hit.values("slug")) <= broader

    def _refined(self, item: _Found, words: list[_Word]) -> list[_Found]:
        """A generic find ("distributor") made specific by the nearest context word ("in Poland")."""
        contexts = self._refinements.get(item.slug)
        nearest = contexts.nearest(words, item.hit) if contexts else None
        return [replace(item, slug=nearest)] if nearest else [item]

    def _role(self, item: _Found, hits: list[_Hit], clauses: list[int]) -> RoleKind:
        """The role kind of a role cue next to the find in its clause, else the taxonomy node's."""
        if "role" in item.hit.kinds():  # "contract manufacturing" is its own cue
            return self._role_kinds[item.slug]
        best = None
        for hit in hits:
            if "role" not in hit.kinds() or clauses[hit.start] != clauses[item.hit.start]:
                continue
            gap = item.hit.start - hit.end if hit.end <= item.hit.start else hit.start - item.hit.end
            reach = ROLE_REACH_BEFORE if hit.end <= item.hit.start else ROLE_REACH_AFTER
            if gap <= reach and (best is None or gap < best[0]):
                best = (gap, hit.values("role")[0])
        return RoleKind(best[1]) if best else self._role_kinds[item.slug]

    def _most_specific(self, tags: list[InferredTag]) -> list[InferredTag]:
        covered = {(ancestor, tag.direction) for tag in tags for ancestor in self._ancestors[tag.slug]}
        return [tag for tag in tags if (tag.slug, tag.direction) not in covered]


class _PhraseIndex:
    """Lexicon phrases indexed by their first word, for the longest match at each position."""

    def __init__(self, phrases: Iterable[_Phrase]):
        self._exact: dict[str, list[_Phrase]] = {}
        self._stems: dict[str, list[_Phrase]] = {}
        for phrase in phrases:
            index = self._stems if phrase.words[0].endswith("*") else self._exact
            index.setdefault(phrase.words[0].rstrip("*"), []).append(phrase)
        self._candidates = lru_cache(maxsize=1 << 16)(self._find_candidates)

    def hits(self, keys: list[str]) -> list[_Hit]:
        """Longest phrase at each position of a sentence's word keys, left to right, without overlaps."""
        hits, position = [], 0
        while position < len(keys):
            phrase = self._longest(keys, position)
            if phrase is None:
                position += 1
                continue
            hits.append(_Hit(phrase, position, position + len(phrase.words)))
            position += len(phrase.words)
        return hits

    def _longest(self, keys: list[str], position: int) -> _Phrase | None:
        for phrase in self._candidates(keys[position]):
            following = keys[position:position + len(phrase.words)]
            if len(following) == len(phrase.words) and all(map(fits, phrase.words, following)):
                return phrase
        return None

    def _find_candidates(self, key: str) -> list[_Phrase]:
        found = {phrase for form in forms(key) for phrase in self._exact.get(form, ())}
        found |= {phrase for n in range(MIN_STEM, len(key) + 1) for phrase in self._stems.get(key[:n], ())}
        return sorted(found, key=lambda phrase: (-len(phrase.words), phrase.words))


class _ContextIndex:
    """Context phrases of a refinement, each naming a child slug, indexed by first word."""

    def __init__(self, entries: Iterable[tuple[str, tuple[str, ...]]]):
        self._exact: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        self._stems: list[tuple[str, tuple[str, ...]]] = []
        for child, pattern in entries:
            if pattern[0].endswith("*"):
                self._stems.append((child, pattern))
            else:
                self._exact.setdefault(pattern[0], []).append((child, pattern))

    def nearest(self, words: list[_Word], hit: _Hit) -> str | None:
        """The child named nearest to ``hit`` (fewest words between; on a tie the first by name)."""
        best: tuple[int, str] | None = None
        for start, word in enumerate(words):
            entries = [entry for form in forms(word.key) for entry in self._exact.get(form, ())] + self._stems
            for child, pattern in entries:
                end = start + len(pattern)
                if end <= len(words) and all(fits(part, word.key) for part, word in zip(pattern, words[start:end])):
                    gap = hit.start - end if end <= hit.start else max(start - hit.end, 0)
                    best = min(best or (gap, child), (gap, child))
        return best[1] if best else None


def _first_of_each(found: Iterable[_Found]) -> list[InferredTag]:
    """One tag per capability and direction, in order of first appearance; a phrase of the lexicon's
    evidence rather than a loose reading's where the text has both."""
    unique: dict[tuple[str, Direction], InferredTag] = {}
    for item in found:
        tag, key = item.tag(), (item.slug, item.direction)
        if key not in unique or unique[key].loose and not tag.loose:
            unique[key] = tag
    return list(unique.values())


def _clauses(sentence: str, words: list[_Word]) -> list[int]:
    """For each word, the number of the comma-separated clause it is in."""
    clauses, number = [], 0
    for previous, word in zip([None, *words], words):
        if previous is not None and _CLAUSE_BREAK.search(sentence, previous.end, word.start):
            number += 1
        clauses.append(number)
    return clauses


def _sentences(text: str) -> Iterator[str]:
    for sentence in _SENTENCE_END.split(text):
        if sentence.strip():
            yield sentence


def _keys(sentence: str) -> list[str]:
    """The sentence's word keys alone: all that phrase matching needs, without positions."""
    return [key for key in map(word_key, WORD.findall(sentence)) if key]


def _words(sentence: str) -> list[_Word]:
    words = []
    for match in WORD.finditer(sentence):
        key = word_key(match.group())
        if key:
            words.append(_Word(key, match.start(), match.end()))
    return words


def _compile(texts: Iterable[tuple[str, tuple[str, str]]]) -> list[_Phrase]:
    meanings: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    for text, meaning in texts:
        meanings.setdefault(lexicon_pattern(text), set()).add(meaning)
    return [_Phrase.of(words, found) for words, found in meanings.items()]


def _meanings(lexicon: dict) -> Iterator[tuple[str, tuple[str, str]]]:
    for slug, texts in lexicon["capabilities"].items():
        yield from ((text, ("slug", slug)) for text in flatten(texts))
    cues = lexicon.get("cues", {})
    for kind in CUE_KINDS:
        yield from ((text, (kind, "")) for text in flatten(cues.get(kind, ())))
    # "who offer", "able to supply": an offers verb that describes the partner sought, not the firm.
    for prefix in flatten(cues.get("relative", ())):
        yield from ((f"{prefix} {text}", ("neutral", "")) for text in flatten(cues.get("offers", ())))
    for role_kind, texts in lexicon.get("role_kinds", {}).items():
        yield from ((text, ("role", RoleKind(role_kind).value)) for text in flatten(texts))


def _application_meanings(applications: dict) -> Iterator[tuple[str, tuple[str, str]]]:
    """Each phrase of an application means it and the application it is ``within``, by name."""
    def name(slug: str) -> str:
        return applications[slug].get("name") or slug

    for slug, entry in applications.items():
        phrases = {language: texts for language, texts in entry.items() if language not in ("name", "within")}
        meanings = [name(slug)] + ([name(entry["within"])] if entry.get("within") else [])
        yield from ((text, ("application", meaning)) for text in flatten(phrases) for meaning in meanings)


def _index_taxonomy(nodes: list[dict]) -> tuple[dict[str, RoleKind], dict[str, frozenset[str]]]:
    role_kinds: dict[str, RoleKind] = {}
    ancestors: dict[str, frozenset[str]] = {}

    def walk(children: list[dict], above: frozenset[str]) -> None:
        for node in children:
            role_kinds[node["slug"]] = RoleKind(node["role_kind"])
            ancestors[node["slug"]] = above
            walk(node.get("children", ()), above | {node["slug"]})

    walk(nodes, frozenset())
    return role_kinds, ancestors


def _check_slugs(lexicon: dict, ancestors: dict[str, frozenset[str]]) -> None:
    """Every slug the lexicon names must be in the taxonomy; a refinement must name descendants."""
    named = set(lexicon["capabilities"]) | set(lexicon.get("needs_anchor", ())) | set(lexicon.get("refinements", {}))
    named |= {child for children in lexicon.get("refinements", {}).values() for child in children}
    unknown = sorted(named - set(ancestors))
    if unknown:
        raise ValueError(f"Lexicon slugs not in the taxonomy: {', '.join(unknown)}.")
    for parent, children in lexicon.get("refinements", {}).items():
        strays = sorted(child for child in children if parent not in ancestors[child])
        if strays:
            raise ValueError(f"Refinements of {parent!r} that are not its descendants: {', '.join(strays)}.")


def _read_yaml(path: Path):
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
