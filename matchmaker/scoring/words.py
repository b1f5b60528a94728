"""Words as the tagger compares them: normalised keys, plural and doubled-letter forms, lexicon patterns.

Shared by the phrase matching of matchmaker.scoring.tagging and its loose reading
(matchmaker.scoring.loose_reading).
"""
from __future__ import annotations

import re
from functools import lru_cache

from matchmaker.domain.text import search_key

MIN_STEM = 3
MIN_COLLAPSE = 5  # words this long also match with doubled letters written single ("jaming", "antenas")

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD = re.compile(rf"[{CJK}]|[^\W_{CJK}]+")
CJK_CHARACTER = re.compile(f"[{CJK}]")
DOUBLED = re.compile(r"(\D)\1+")


@lru_cache(maxsize=1 << 16)
def word_key(raw: str) -> str:
    return search_key(raw).replace(" ", "")


@lru_cache(maxsize=1 << 16)
def forms(key: str) -> frozenset[str]:
    """The word and, for English plurals, its singular ("escs" also reads as "esc", "batteries" as
    "battery"); long words also with doubled letters single, as lexicon words are stored."""
    found = {key}
    if len(key) > 3 and key.endswith("s"):
        found.add(key[:-1])
        if key.endswith("es"):
            found.add(key[:-2])
        if key.endswith("ies"):
            found.add(key[:-3] + "y")
    return frozenset(found | {collapsed(form) for form in found})


def collapsed(key: str) -> str:
    return DOUBLED.sub(r"\1", key) if len(key) >= MIN_COLLAPSE else key


def fits(pattern: str, key: str) -> bool:
    if pattern.endswith("*"):
        return key.startswith(pattern[:-1])
    return pattern in forms(key)


def lexicon_pattern(text: str) -> tuple[str, ...]:
    """A lexicon phrase as normalised words; "*" right after a word keeps it as a stem."""
    words = []
    for match in WORD.finditer(text):
        key = word_key(match.group())
        stem = text[match.end():match.end() + 1] == "*"
        if stem and len(key) < MIN_STEM:
            raise ValueError(f"Stem {key!r} in lexicon phrase {text!r} is shorter than {MIN_STEM} letters.")
        if key:
            words.append(key + "*" if stem else collapsed(key))
    if not words:
        raise ValueError(f"Lexicon phrase {text!r} has no words.")
    return tuple(words)


def flatten(texts: dict | list | tuple) -> list[str]:
    """Phrases listed flat or by language ({en: [...], pl: [...]})."""
    texts = [text for language in texts.values() for text in language or ()] if isinstance(texts, dict) else texts
    not_text = [text for text in texts if not isinstance(text, str)]
    if not_text:
        raise ValueError(f"Lexicon phrases must be strings (quote numbers and yes/no): {not_text!r}.")
    return list(texts)


def is_cjk(word: str) -> bool:
    return len(word) == 1 and bool(CJK_CHARACTER.match(word))
