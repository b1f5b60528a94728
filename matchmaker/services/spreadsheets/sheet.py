"""The form both readers bring a file into: rows of cell text, unreadable cells and merged ranges.

``csv_reader`` and ``xlsx_reader`` each produce a ``Sheet``; ``member_list`` turns it into member rows,
whatever the format. Cell text is cleaned the same way for both, and rows are named the same way in
every message.
"""
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Merge:
    """A merged range of cells, with 0-based columns and the row numbers a spreadsheet program shows."""

    ref: str
    min_col: int  # 0-based
    min_row: int
    max_col: int
    max_row: int


@dataclass
class Sheet:
    """Rows as text, from either format; ``issues`` are unreadable cells by (row, 0-based column)."""

    format: str
    rows: Iterator[tuple[int, list[str]]]
    issues: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


def clean_cell_text(text: str) -> str:
    """Cell text with line endings made "\\n" and surrounding space (also non-breaking) removed."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def rows_text(numbers: list[int], limit: int = 10) -> str:
    """Row numbers for a message: "row 4", "rows 4, 5", or the first ``limit`` of them "and N more"."""
    shown = ", ".join(str(n) for n in numbers[:limit])
    more = f" and {len(numbers) - limit} more" if len(numbers) > limit else ""
    return f"row{'s' if len(numbers) > 1 else ''} {shown}{more}"
