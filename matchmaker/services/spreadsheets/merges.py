"""Merged cells in the member rows: what a merged range means for each row it covers.

In a merged range only the top-left cell holds a value; a spreadsheet shows it across the range.
Down the rows the value is copied into each row that has data of its own (a country merged over the
firms of one country), with a warning on that cell. Across the columns it stays in the first column:
the other columns of the range hold nothing of their own, and a recognised one gets a warning.
Only XLSX files have merged ranges; ``xlsx_reader`` finds them.
"""
from openpyxl.utils.cell import get_column_letter

from matchmaker.services.spreadsheets.headers import Column
from matchmaker.services.spreadsheets.sheet import Merge, rows_text


class MergeTracker:
    """Merged ranges applied row by row as the rows stream past, and a summary of what was copied."""

    def __init__(self, merges: list[Merge], header_row: int, columns: list[Column], problems: list[str]):
        self.fields = {column.index: column.field for column in columns}
        self.pending = sorted((m for m in merges if m.max_row > header_row), key=lambda m: m.min_row)
        self.active: list[Merge] = []
        self.top: dict[str, str] = {}
        self.header_row = header_row
        problems.extend(_header_problems(merges, header_row))
        self.copies: dict[str, tuple[Merge, list[int]]] = {}

    def apply(self, number: int, cells: list[str]) -> dict[int, str]:
        """Fill ``cells`` of row ``number`` from the ranges covering it; the warnings by column index."""
        if not self.pending and not self.active:
            return {}
        self._advance_to(number)
        notes: dict[int, str] = {}
        own_data = any(cells[index] for index in self.fields if index < len(cells))
        for merge in self.active:
            if merge.min_row <= self.header_row:
                continue
            if number == merge.min_row:
                self.top[merge.ref] = cells[merge.min_col] if merge.min_col < len(cells) else ""
            elif own_data and self.top.get(merge.ref) and merge.min_col in self.fields:
                notes[merge.min_col] = self._copy_down(merge, number, cells)
            if own_data:
                notes.update(self._covered(merge))
        return notes

    def summary(self) -> list[str]:
        """One line per merged range whose value was copied down, naming the rows it was copied to."""
        return [
            f"Merged cells {ref}: the value of {get_column_letter(merge.min_col + 1)}{merge.min_row} "
            f"({self.fields[merge.min_col]}) was copied to {rows_text(numbers)}."
            for ref, (merge, numbers) in self.copies.items()
        ]

    def _advance_to(self, number: int) -> None:
        """Make the ranges that cover row ``number`` the active ones."""
        while self.pending and self.pending[0].min_row <= number:
            self.active.append(self.pending.pop(0))
        self.active = [m for m in self.active if m.max_row >= number]

    def _copy_down(self, merge: Merge, number: int, cells: list[str]) -> str:
        """Copy the range's top-left value into row ``number``; the warning for that cell."""
        while len(cells) <= merge.max_col:
            cells.append("")
        cells[merge.min_col] = self.top[merge.ref]
        self.copies.setdefault(merge.ref, (merge, []))[1].append(number)
        top_left = f"{get_column_letter(merge.min_col + 1)}{merge.min_row}"
        return f"Copied from {top_left}, merged over {merge.ref}."

    def _covered(self, merge: Merge) -> dict[int, str]:
        """Warnings for the recognised columns of the range other than its first."""
        covered = [index for index in range(merge.min_col + 1, merge.max_col + 1) if index in self.fields]
        if not covered:
            return {}
        letter = get_column_letter(merge.min_col + 1)
        into = self.fields.get(merge.min_col, f"column {letter}, which is not read")
        return {index: f"Covered by merged cells {merge.ref}, whose value is read into {into}." for index in covered}


def _header_problems(merges: list[Merge], header_row: int) -> list[str]:
    """Notes on ranges that merge header cells, or reach from the header into the member rows."""
    problems = []
    for merge in merges:
        if merge.min_row <= header_row <= merge.max_row and merge.max_col > merge.min_col:
            problems.append(
                f"Header cells {merge.ref} are merged: only column {get_column_letter(merge.min_col + 1)} "
                "has a header there."
            )
        if merge.min_row <= header_row < merge.max_row:
            problems.append(f"Cells {merge.ref} are merged across the header and the member rows below it.")
    return problems
