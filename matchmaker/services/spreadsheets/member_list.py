"""From a ``Sheet`` of either format to a ``MemberList``: the header, the columns read, the member rows.

The header is the first non-empty row. Blank rows are skipped but keep their numbers; values in a
column without a header are reported, not read.
"""
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from openpyxl.utils.cell import get_column_letter

from matchmaker.services.spreadsheets.file_errors import invalid_file
from matchmaker.services.spreadsheets.headers import REQUIRED_FIELDS, Column, map_columns, missing_columns_error
from matchmaker.services.spreadsheets.merges import MergeTracker
from matchmaker.services.spreadsheets.sheet import Sheet, rows_text


@dataclass(frozen=True)
class MemberRow:
    """One row of the file: its number as the user sees it and the text of each recognised column.

    ``values`` has every recognised field, "" where the cell is empty. ``problems`` name cells whose
    value could not be read (a formula never calculated, an error value); ``warnings`` name values that
    were read with a guess (copied from merged cells), both keyed by field.
    """

    number: int
    values: dict[str, str]
    problems: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class MemberList:
    """What a member list holds, ready for the import service to check row by row."""

    rows: list[MemberRow]
    columns: dict[str, str]  # original header -> canonical field, for the columns that are read
    unknown_columns: list[str]  # headers that match no field: reported, not read
    problems: list[str]  # file-level warnings
    header_row: int
    format: str  # "csv" or "xlsx"
    encoding: str | None = None  # CSV only
    delimiter: str | None = None  # CSV only
    sheet: str | None = None  # XLSX only


def assemble_member_list(sheet: Sheet, max_rows: int) -> MemberList:
    """The member list a sheet holds; raises ``Invalid`` when it has no usable header or member rows,
    or more than ``max_rows`` of them."""
    rows = iter(sheet.rows)
    header_row, header = _header(rows, sheet)
    problems = list(sheet.problems)
    columns, unknown = map_columns(header, problems)
    present = {column.field for column in columns}
    missing = [name for name in REQUIRED_FIELDS if name not in present]
    if missing:
        raise missing_columns_error(missing, header_row, header, list(islice(rows, 10)))

    merges = MergeTracker(sheet.merges, header_row, columns, problems)
    read_at = {column.index for column in columns}
    stray: dict[int, list[int]] = {}  # column without a header -> rows that have a value in it
    member_rows = []
    for number, cells in rows:
        filled = merges.apply(number, cells)
        if not _has_data(number, cells, columns, sheet.issues):
            continue
        _note_stray_values(stray, number, cells, header, read_at)
        member_rows.append(_member_row(number, cells, columns, sheet.issues, filled))
        if len(member_rows) > max_rows:
            raise invalid_file(f"The file has more than {max_rows:,} member rows; split it into smaller files.")
    if not member_rows:
        raise invalid_file(f"The file has a header row (row {header_row}) but no member rows under it.")

    problems.extend(merges.summary())
    problems.extend(
        f"Column {get_column_letter(index + 1)} has no header; its values in {rows_text(numbers)} were ignored."
        for index, numbers in sorted(stray.items())
    )
    return MemberList(
        rows=member_rows,
        columns={column.header: column.field for column in columns},
        unknown_columns=unknown,
        problems=problems,
        header_row=header_row,
        format=sheet.format,
        encoding=sheet.encoding,
        delimiter=sheet.delimiter,
        sheet=sheet.sheet,
    )


def _header(rows: Iterator[tuple[int, list[str]]], sheet: Sheet) -> tuple[int, list[str]]:
    """The first non-empty row, its number and cells; raises ``Invalid`` when there is none."""
    header_row, header = next(((number, cells) for number, cells in rows if any(cells)), (0, []))
    if not header_row:
        raise invalid_file("The file is empty." if sheet.format == "csv" else f"The sheet {sheet.sheet!r} is empty.")
    return header_row, header


def _has_data(number: int, cells: list[str], columns: list[Column], issues: dict) -> bool:
    """Whether a row has text in a column that is read, or a cell there that could not be read."""
    if any(cells[column.index] for column in columns if column.index < len(cells)):
        return True
    return bool(issues) and any((number, column.index) in issues for column in columns)


def _note_stray_values(
    stray: dict[int, list[int]], number: int, cells: list[str], header: list[str], read_at: set[int]
) -> None:
    """Add row ``number`` to ``stray`` under each column without a header that has a value in it."""
    for index in range(len(cells)):
        if cells[index] and index not in read_at and (index >= len(header) or not header[index]):
            stray.setdefault(index, []).append(number)


def _member_row(
    number: int,
    cells: list[str],
    columns: list[Column],
    issues: dict[tuple[int, int], str],
    filled: dict[int, str],
) -> MemberRow:
    values: dict[str, str] = {}
    problems: dict[str, list[str]] = {}
    warnings: dict[str, list[str]] = {}
    for column in columns:
        text = cells[column.index] if column.index < len(cells) else ""
        if column.field in values:
            values[column.field] = "\n\n".join(part for part in (values[column.field], text) if part)
        else:
            values[column.field] = text
        issue = issues.get((number, column.index)) if issues else None
        if issue:
            problems.setdefault(column.field, []).append(issue)
        if column.index in filled:
            warnings.setdefault(column.field, []).append(filled[column.index])
    return MemberRow(number=number, values=values, problems=problems, warnings=warnings)
