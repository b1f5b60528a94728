"""Search keys: one normal form for text in any script, so search needs no database collation."""
import re
import unicodedata

# Latin letters that carry their mark in the glyph itself, so NFKD does not split it off.
_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ħ": "h", "ı": "i",
     "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "ŧ": "t"}
)
_NOT_WORD = re.compile(r"[\W_]+")


def search_key(text: str | None) -> str:
    """Lower-case, accent-free form of ``text`` with runs of punctuation and space as one space.

    "Kraków" and "KRAKOW" both become "krakow"; Chinese characters stay as they are.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", bare.casefold()).strip()
