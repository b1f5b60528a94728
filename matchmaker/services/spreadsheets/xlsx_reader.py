"""XLSX workbooks into a ``Sheet``: the first visible worksheet, streamed in openpyxl's read-only mode,
its values as the text a person would type for them.

Formulas give the value Excel saved (``data_only``). What read-only mode does not tell, a formula never
calculated, an error value and the merged ranges, comes from ``xlsx_xml``; ``merges`` says what is done
with merged cells.
"""
import io
import warnings
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from openpyxl import load_workbook

from matchmaker.services.spreadsheets.file_errors import OLE_MAGIC, SAVE_AS, ZIP_MAGIC, exception_reason, invalid_file
from matchmaker.services.spreadsheets.sheet import Sheet, clean_cell_text
from matchmaker.services.spreadsheets.xlsx_xml import scan_sheet_xml


def read_xlsx(data: bytes) -> Sheet:
    """The first visible worksheet of a workbook, its rows streamed, with its unreadable cells and merges."""
    workbook = _open_workbook(data)
    worksheet, problems = _first_visible_sheet(workbook)
    issues, merges = scan_sheet_xml(data, worksheet._worksheet_path)  # the part name; openpyxl has no public one
    worksheet.reset_dimensions()  # some writers record wrong dimensions; read every row there is
    return Sheet(
        format="xlsx",
        rows=_xlsx_rows(workbook, worksheet, issues),
        issues=issues,
        merges=merges,
        problems=problems,
        sheet=worksheet.title,
    )


def _open_workbook(data: bytes):
    """The workbook in openpyxl's read-only mode with saved values; raises ``Invalid`` for any other file."""
    if data.startswith(OLE_MAGIC):
        raise invalid_file(
            "This is an old .xls workbook or a password-protected one, which cannot be read. "
            "Save it as Excel workbook (.xlsx) without a password, or as CSV."
        )
    if not data.startswith(ZIP_MAGIC):
        raise invalid_file(
            f"This is not an Excel workbook (.xlsx): the file is damaged or of another kind. {SAVE_AS}"
        )
    with warnings.catch_warnings():
        # openpyxl warns about parts it drops (data validation, styles); they do not touch the values.
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")
        try:
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on damaged files; all mean the same here
            raise invalid_file(f"The workbook cannot be read ({exception_reason(exc)}). {SAVE_AS}") from exc


def _first_visible_sheet(workbook):
    """The first visible worksheet, and a note naming the sheets that are not read."""
    sheets = workbook.worksheets
    visible = [ws for ws in sheets if ws.sheet_state == "visible"]
    if not visible:
        raise invalid_file("The workbook has no visible worksheet.")
    worksheet = visible[0]
    problems = []
    others = [ws.title for ws in sheets if ws is not worksheet]
    if others:
        problems.append(
            f"Only the first sheet, {worksheet.title!r}, was read; "
            f"{'this sheet was' if len(others) == 1 else 'these sheets were'} not: {', '.join(map(repr, others))}."
        )
    return worksheet, problems


def _xlsx_rows(workbook, worksheet, issues) -> Iterator[tuple[int, list[str]]]:
    number = 0
    try:
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in values]
            if issues:
                for index in range(len(cells)):
                    if (number, index) in issues:
                        cells[index] = ""
            yield number, cells
    except Exception as exc:
        raise invalid_file(
            f"The workbook cannot be read past row {number} ({exception_reason(exc)}). {SAVE_AS}"
        ) from exc
    finally:
        workbook.close()


def _cell_text(value) -> str:
    """A cell's value as the text a person would type for it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_cell_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")  # Excel's precision, without binary noise such as 0.30000000000000004
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    if isinstance(value, timedelta):
        return str(value)
    return clean_cell_text(str(value))
