"""What a worksheet's XML says that openpyxl's read-only mode does not: merged ranges, formulas never
calculated and error values.

Read-only mode reads a formula that was never calculated as an empty cell, and it does not list merged
ranges. So the sheet's XML is searched once as bytes for merged ranges and for any formula or error
value, and only when there is one are its cells parsed.
"""
import io
import re
import zipfile
from xml.etree import ElementTree

from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter, range_boundaries

from matchmaker.services.spreadsheets.file_errors import SAVE_AS, exception_reason, invalid_file
from matchmaker.services.spreadsheets.sheet import Merge

# A formula or an error value somewhere in the sheet's XML, with or without a namespace prefix (plain
# substring search: a regular expression is ten times slower on a large sheet).
_FORMULA_OR_ERROR = (b"<f>", b"<f ", b"<f/>", b":f>", b":f ", b":f/>", b't="e"')
_MERGE_REF = re.compile(rb'mergeCell\s[^>]*?ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def scan_sheet_xml(data: bytes, part: str) -> tuple[dict[tuple[int, int], str], list[Merge]]:
    """Cells whose value cannot be read, and merged ranges, from the sheet's XML.

    One streamed byte search finds the merged ranges (listed after the cells) and tells whether there
    is any formula or error value; only then are the cells parsed, once, with ``iterparse``.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            with archive.open(part) as source:
                has_formulas, refs = _search_bytes(source)
            issues = {}
            if has_formulas:
                with archive.open(part) as source:
                    issues = _parse_cells(source)
    except (zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError, ValueError) as exc:
        raise invalid_file(f"The workbook cannot be read ({exception_reason(exc)}). {SAVE_AS}") from exc
    merges = []
    for ref in refs:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        merges.append(Merge(ref, min_col - 1, min_row, max_col - 1, max_row))
    return issues, merges


def _search_bytes(source) -> tuple[bool, dict[str, None]]:
    """Whether the sheet's XML holds a formula or error value, and its merged ranges in order."""
    has_formulas, refs = False, {}
    overlap = b""
    while chunk := source.read(1 << 20):
        window = overlap + chunk
        has_formulas = has_formulas or any(needle in window for needle in _FORMULA_OR_ERROR)
        if b"mergeCell" in window:
            refs.update(dict.fromkeys(m.group(1).decode() for m in _MERGE_REF.finditer(window)))
        overlap = chunk[-256:]
    return has_formulas, refs


def _parse_cells(source) -> dict[tuple[int, int], str]:
    # Only "end" events, and a row's cells looked at when the row ends: far fewer Python steps than
    # handling every element, which matters on sheets of tens of thousands of rows.
    issues: dict[tuple[int, int], str] = {}
    row = 0
    for _, element in ElementTree.iterparse(source):
        tag = element.tag
        if tag[-4:] != "}row" and tag != "row":
            continue
        row = int(element.get("r") or row + 1)
        column = 0
        for cell in element:
            reference = cell.get("r")
            if reference:
                row, column = coordinate_to_tuple(reference)
            else:
                column += 1
                reference = f"{get_column_letter(column)}{row}"
            if len(cell) and (cell.get("t") == "e" or len(cell) > 1 or cell[0].tag[-2:] in ("}f", "f")):
                issue = _cell_issue(cell, reference)
                if issue:
                    issues[(row, column - 1)] = issue
        element.clear()
    return issues


def _cell_issue(element, reference: str) -> str | None:
    formula = value = None
    for child in element:
        name = child.tag.rpartition("}")[2]
        if name == "f":
            formula = child
        elif name == "v":
            value = child.text
    if element.get("t") == "e":
        return f"Cell {reference} holds the error {value or '#VALUE!'}."
    # A formula whose result is text carries t="str", and its saved result may be empty; any other
    # formula with no saved value was never calculated (files written by scripts, not by Excel).
    if formula is not None and not value and element.get("t") != "str":
        shown = f" (={formula.text})" if formula.text else ""
        return (
            f"Cell {reference} holds a formula{shown} whose result was never saved: open the file in Excel "
            "or LibreOffice and save it again."
        )
    return None
