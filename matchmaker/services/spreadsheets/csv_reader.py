"""CSV files into a ``Sheet``: the text decoded (``text_encoding``), the delimiter found, the records read.

The delimiter is comma, semicolon or tab, by the header row, unless Excel's "sep=" line names it. Row
numbers are record numbers: a quoted cell spanning several lines is one row.
"""
import csv
import io
import re
from collections.abc import Iterator
from itertools import islice

from matchmaker.services.spreadsheets.file_errors import invalid_file
from matchmaker.services.spreadsheets.sheet import Sheet, clean_cell_text
from matchmaker.services.spreadsheets.text_encoding import decode_text

_ANNOUNCED_DELIMITER = re.compile(r"\s*sep=(.)\s*")


def read_csv(data: bytes) -> Sheet:
    """The rows of a CSV file, streamed, with the encoding and delimiter they were read with."""
    text, encoding, problems = decode_text(data)
    if not text.strip():
        raise invalid_file("The file is empty.")
    lines = text.split("\n", 1)
    announced = _ANNOUNCED_DELIMITER.fullmatch(lines[0].rstrip("\r"))
    if announced:  # Excel's "sep=;" line: Excel itself hides it, so row 1 is the line after it
        text = lines[1] if len(lines) > 1 else ""
        delimiter = announced.group(1)
    else:
        delimiter = _sniff_delimiter(text)
    return Sheet(
        format="csv",
        rows=_csv_rows(text, delimiter),
        problems=problems,
        encoding=encoding,
        delimiter=delimiter,
    )


def _sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the header row into the most cells.

    Header names seldom hold a delimiter, while descriptions often hold commas, so the header row decides.
    Ties (a title line above the header splits into one cell whatever the delimiter) go to the delimiter
    under which the most rows of the sample share one width of two or more cells.
    """
    sample = text[:65536]
    best, best_score = ",", (0, 0)
    for delimiter in (",", ";", "\t"):
        try:
            records = list(islice(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), 50))
        except csv.Error:
            continue
        widths = [len(r) for r in records if any(cell.strip() for cell in r)]
        if not widths:
            continue
        wide = [w for w in widths if w > 1]
        agreeing = max((wide.count(w) for w in set(wide)), default=0)
        score = (widths[0], agreeing)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            yield number, [clean_cell_text(cell) for cell in record]
    except csv.Error as exc:
        raise invalid_file(f"Row {number + 1} cannot be read as CSV: {exc}.") from exc
