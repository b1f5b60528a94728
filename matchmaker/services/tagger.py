"""The tagger of the project's own taxonomy, lexicon and application vocabulary, and the text it reads."""
import functools
from collections.abc import Iterable

from matchmaker.resources import APPLICATIONS_FILE, LEXICON_FILE, TAXONOMY_FILE
from matchmaker.scoring.tagging import Tagger


@functools.cache
def default_tagger() -> Tagger:
    """Built once per process: the lexicon compiles in about 0.1 s."""
    return Tagger.from_files(TAXONOMY_FILE, LEXICON_FILE, APPLICATIONS_FILE)


def profile_text(description: str | None, notes: Iterable[str | None]) -> str:
    """A firm's free text as the model reads it: its description, then its capability notes."""
    return " ".join(filter(None, (description, " ".join(filter(None, notes)))))
