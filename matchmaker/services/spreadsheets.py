"""Reading member lists that trade associations send as CSV or Excel into plain rows.

Only reading: no database, and no judgement of the values beyond what the file itself makes unreadable
(a formula never calculated, an error cell). The import service reads each row's fields and decides.

- Header: the first non-empty row; its cells are matched to canonical fields through ``HEADER_ALIASES``
  (case, accents, spacing and a bracketed remark such as "Website (URL)" do not matter).
- Row numbers are those a spreadsheet program shows: Excel's row numbers for XLSX, the record number for
  CSV (a quoted cell spanning several lines is one row). Blank rows are skipped but keep their numbers.
- CSV text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1250 or Windows-1252 by which
  reads as more plausible letters (``_guess_single_byte``); comma, semicolon or tab by the header row.
- XLSX: the first visible worksheet, streamed in read-only mode; formulas give the value Excel saved
  (a per-cell problem when there is none); a value merged down the rows is copied to each row with a
  warning (``_MergeTracker``).
"""
import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import islice
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter, range_boundaries

from matchmaker.domain.errors import Invalid
from matchmaker.domain.text import search_key

FIELDS = ("name", "country", "city", "website", "description", "contact", "email", "phone", "visibility")
REQUIRED_FIELDS = ("name", "country")
# Several description columns ("Products", "Profile") are joined; for any other field the first column wins.
JOINED_FIELDS = frozenset({"description"})

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "name", "company", "company name", "firm", "firm name", "organisation", "organization",
        "organisation name", "organization name", "member", "member name", "nazwa", "nazwa firmy", "firma",
        "název", "název firmy", "назва", "компанія", "公司", "公司名稱", "公司名称", "名稱", "名称",
    ),
    "country": ("country", "country name", "kraj", "země", "stát", "країна", "國家", "国家"),
    "city": ("city", "town", "miasto", "město", "місто", "城市"),
    "website": (
        "website", "web", "url", "www", "homepage", "web site", "web page", "strona www",
        "strona internetowa", "webová stránka", "webové stránky", "сайт", "веб сайт", "網站", "网站", "網址",
    ),
    "description": (
        "description", "capabilities", "profile", "products", "about", "activity", "opis", "popis",
        "company profile", "products and services", "опис", "簡介", "简介", "公司簡介", "產品", "产品",
    ),
    "contact": (
        "contact", "contact person", "contact name", "kontakt", "osoba kontaktowa", "kontaktní osoba",
        "контакт", "контактна особа", "聯絡人", "联系人",
    ),
    "email": ("email", "e-mail", "mail", "email address", "e-mail address", "adres e-mail", "електронна пошта"),
    "phone": ("phone", "telephone", "tel", "phone number", "telefon", "телефон", "電話", "电话"),
    "visibility": ("visibility",),
}
_ALIAS_FIELD = {search_key(alias): name for name, aliases in HEADER_ALIASES.items() for alias in aliases}
_REMARK = re.compile(r"\([^)]*\)|\[[^\]]*\]")

TEXT_EXTENSIONS = frozenset({".csv", ".txt", ".tsv"})
XLSX_EXTENSIONS = frozenset({".xlsx", ".xlsm"})
_SAVE_AS = "Save it from your spreadsheet program as Excel workbook (.xlsx) or CSV."
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and password-protected .xlsx
_ENCODING_NAMES = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1250": "Windows-1250 (Central European)",
    "cp1252": "Windows-1252 (Western European)",
}


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


def read_member_list(data: bytes, filename: str, *, max_rows: int = 50_000) -> MemberList:
    """Read an uploaded member list (CSV or XLSX, by the file name's extension).

    Raises ``Invalid`` for an empty, unreadable or unsupported file, one without member rows, one
    without a name or country column, and one of more than ``max_rows`` member rows.
    """
    extension = _extension(filename)
    if extension in {".xls", ".ods", ".numbers", ".xlsb"}:
        raise _invalid(f"{extension} files cannot be read. {_SAVE_AS}")
    if extension not in XLSX_EXTENSIONS | TEXT_EXTENSIONS:
        raise _invalid(f"Unsupported file type {extension or '(no extension)'}. {_SAVE_AS}")
    if not data:
        raise _invalid("The file is empty.")
    sheet = _read_xlsx(data) if extension in XLSX_EXTENSIONS else _read_csv(data)
    return _assemble(sheet, max_rows)


def field_for_header(header: str) -> str | None:
    """The canonical field a column header names, or None ("Company Name:" -> "name")."""
    key = search_key(header)
    found = _ALIAS_FIELD.get(key)
    if found is None and _REMARK.search(header):
        found = _ALIAS_FIELD.get(search_key(_REMARK.sub(" ", header)))
    return found


# --- The common part: header, columns, rows -------------------------------------------------------


@dataclass(frozen=True)
class _Merge:
    ref: str
    min_col: int  # 0-based
    min_row: int
    max_col: int
    max_row: int


@dataclass
class _Sheet:
    """Rows as text, from either format; ``issues`` are unreadable cells by (row, 0-based column)."""

    format: str
    rows: Iterator[tuple[int, list[str]]]
    issues: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[_Merge] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


@dataclass
class _Column:
    index: int
    header: str
    field: str


def _assemble(sheet: _Sheet, max_rows: int) -> MemberList:
    rows = iter(sheet.rows)
    header_row, header = next(((number, cells) for number, cells in rows if any(cells)), (0, []))
    if not header_row:
        raise _invalid("The file is empty." if sheet.format == "csv" else f"The sheet {sheet.sheet!r} is empty.")

    problems = list(sheet.problems)
    columns, unknown = _columns(header, problems)
    present = {column.field for column in columns}
    missing = [name for name in REQUIRED_FIELDS if name not in present]
    if missing:
        lookahead = list(islice(rows, 10))
        raise _missing_columns(missing, header_row, header, lookahead)

    merges = _MergeTracker(sheet.merges, header_row, columns, problems)
    read_at = {column.index for column in columns}
    width = len(header)
    stray: dict[int, list[int]] = {}  # column without a header -> rows that have a value in it
    member_rows = []
    for number, cells in rows:
        filled = merges.apply(number, cells)
        if not _has_data(number, cells, columns, sheet.issues):
            continue
        for index in range(len(cells)):
            if cells[index] and index not in read_at and (index >= width or not header[index]):
                stray.setdefault(index, []).append(number)
        member_rows.append(_member_row(number, cells, columns, sheet.issues, filled))
        if len(member_rows) > max_rows:
            raise _invalid(f"The file has more than {max_rows:,} member rows; split it into smaller files.")
    if not member_rows:
        raise _invalid(f"The file has a header row (row {header_row}) but no member rows under it.")

    problems.extend(merges.summary())
    for index, numbers in sorted(stray.items()):
        problems.append(
            f"Column {get_column_letter(index + 1)} has no header; its values in {_rows_text(numbers)} were ignored."
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


def _has_data(number: int, cells: list[str], columns: list[_Column], issues: dict) -> bool:
    """Whether a row has text in a column that is read, or a cell there that could not be read."""
    if any(cells[column.index] for column in columns if column.index < len(cells)):
        return True
    return bool(issues) and any((number, column.index) in issues for column in columns)


def _columns(header: list[str], problems: list[str]) -> tuple[list[_Column], list[str]]:
    columns: list[_Column] = []
    unknown: list[str] = []
    first: dict[str, _Column] = {}
    for index, text in enumerate(header):
        if not text:
            continue
        name = field_for_header(text)
        if name is None:
            unknown.append(text)
            continue
        if name in first and (name not in JOINED_FIELDS or text in (c.header for c in columns)):
            kept = first[name]
            problems.append(
                f"Column {get_column_letter(index + 1)} ({text!r}) is another {name} column; it was ignored in "
                f"favour of column {get_column_letter(kept.index + 1)} ({kept.header!r})."
            )
            continue
        column = _Column(index, text, name)
        first.setdefault(name, column)
        columns.append(column)
    joined = [c for c in columns if c.field in JOINED_FIELDS and first[c.field] is not c]
    for name in sorted({c.field for c in joined}):
        headers = ", ".join(repr(c.header) for c in columns if c.field == name)
        problems.append(f"Columns {headers} are joined into one {name}.")
    return columns, unknown


def _member_row(
    number: int,
    cells: list[str],
    columns: list[_Column],
    issues: dict[tuple[int, int], str],
    filled: dict[int, str],
) -> MemberRow:
    values: dict[str, str] = {}
    problems: dict[str, list[str]] = {}
    warnings_: dict[str, list[str]] = {}
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
            warnings_.setdefault(column.field, []).append(filled[column.index])
    return MemberRow(number=number, values=values, problems=problems, warnings=warnings_)


def _missing_columns(missing: list[str], header_row: int, header: list[str], later: list) -> Invalid:
    found = ", ".join(repr(text) for text in header if text) or "nothing"
    fields = {
        name: [f"No {name} column. Name one column {' or '.join(repr(a) for a in HEADER_ALIASES[name][:3])}."]
        for name in missing
    }
    message = f"The header row (row {header_row}) has no {' and no '.join(missing)} column; it has {found}."
    for number, cells in later:
        if all(name in {field_for_header(text) for text in cells if text} for name in REQUIRED_FIELDS):
            message += (
                f" Row {number} looks like the header: the header must be the first non-empty row, "
                "so delete the rows above it."
            )
            break
    return Invalid(message, fields)


class _MergeTracker:
    """Merged cells in the data rows, applied row by row as the rows stream past.

    In a merged range only the top-left cell holds a value; a spreadsheet shows it across the range.
    Down the rows the value is copied into each row that has data of its own (a country merged over the
    firms of one country), with a warning on that cell. Across the columns it stays in the first column:
    the other columns of the range hold nothing of their own, and a recognised one gets a warning.
    """

    def __init__(self, merges: list[_Merge], header_row: int, columns: list[_Column], problems: list[str]):
        self.fields = {column.index: column.field for column in columns}
        self.pending = sorted((m for m in merges if m.max_row > header_row), key=lambda m: m.min_row)
        self.active: list[_Merge] = []
        self.top: dict[str, str] = {}
        self.problems = problems
        self.header_row = header_row
        for merge in merges:
            if merge.min_row <= header_row <= merge.max_row and merge.max_col > merge.min_col:
                problems.append(
                    f"Header cells {merge.ref} are merged: only column {get_column_letter(merge.min_col + 1)} "
                    "has a header there."
                )
            if merge.min_row <= header_row < merge.max_row:
                problems.append(f"Cells {merge.ref} are merged across the header and the member rows below it.")
        self.copies: dict[str, tuple[_Merge, list[int]]] = {}

    def apply(self, number: int, cells: list[str]) -> dict[int, str]:
        """Fill ``cells`` of row ``number`` from the ranges covering it; the warnings by column index."""
        if not self.pending and not self.active:
            return {}
        while self.pending and self.pending[0].min_row <= number:
            self.active.append(self.pending.pop(0))
        self.active = [m for m in self.active if m.max_row >= number]
        notes: dict[int, str] = {}
        own_data = any(cells[index] for index in self.fields if index < len(cells))
        for merge in self.active:
            if merge.min_row <= self.header_row:
                continue
            if number == merge.min_row:
                self.top[merge.ref] = cells[merge.min_col] if merge.min_col < len(cells) else ""
            elif own_data and self.top.get(merge.ref) and merge.min_col in self.fields:
                while len(cells) <= merge.max_col:
                    cells.append("")
                cells[merge.min_col] = self.top[merge.ref]
                top_left = f"{get_column_letter(merge.min_col + 1)}{merge.min_row}"
                notes[merge.min_col] = f"Copied from {top_left}, merged over {merge.ref}."
                self.copies.setdefault(merge.ref, (merge, []))[1].append(number)
            for index in range(merge.min_col + 1, merge.max_col + 1):
                if index in self.fields and own_data:
                    letter = get_column_letter(merge.min_col + 1)
                    into = self.fields.get(merge.min_col, f"column {letter}, which is not read")
                    notes[index] = f"Covered by merged cells {merge.ref}, whose value is read into {into}."
        return notes

    def summary(self) -> list[str]:
        """One line per merged range whose value was copied down, naming the rows it was copied to."""
        return [
            f"Merged cells {ref}: the value of {get_column_letter(merge.min_col + 1)}{merge.min_row} "
            f"({self.fields[merge.min_col]}) was copied to {_rows_text(numbers)}."
            for ref, (merge, numbers) in self.copies.items()
        ]


# --- CSV ------------------------------------------------------------------------------------------


def _read_csv(data: bytes) -> _Sheet:
    text, encoding, problems = _decode(data)
    if not text.strip():
        raise _invalid("The file is empty.")
    lines = text.split("\n", 1)
    announced = re.fullmatch(r"\s*sep=(.)\s*", lines[0].rstrip("\r"))
    if announced:  # Excel's "sep=;" line: Excel itself hides it, so row 1 is the line after it
        text = lines[1] if len(lines) > 1 else ""
        delimiter = announced.group(1)
    else:
        delimiter = _sniff_delimiter(text)
    return _Sheet(
        format="csv",
        rows=_csv_rows(text, delimiter),
        problems=problems,
        encoding=encoding,
        delimiter=delimiter,
    )


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            yield number, [_clean(cell) for cell in record]
    except csv.Error as exc:
        raise _invalid(f"Row {number + 1} cannot be read as CSV: {exc}.") from exc


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    """The text of a CSV file, the encoding it was read in, and a warning when that was a guess."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(encoding)), encoding, []
            except UnicodeDecodeError as exc:
                raise _invalid(f"The file starts as {_ENCODING_NAMES[encoding]} text but is not.") from exc
    if data.startswith(_ZIP_MAGIC):
        raise _invalid(f"This is an Excel workbook or another zip archive, not CSV text. Name it .xlsx, or: {_SAVE_AS}")
    if data.startswith(_OLE_MAGIC) or b"\x00" in data:
        raise _invalid(
            f"This is not CSV text (an old .xls workbook, UTF-16 text without a byte-order mark, or another "
            f"binary file). {_SAVE_AS}"
        )
    try:
        return _checked_text(data.decode("utf-8")), "utf-8", []
    except UnicodeDecodeError:
        pass
    encoding, text, decided = _guess_single_byte(data)
    problems = []
    if decided:
        problems.append(
            f"The file is not UTF-8; it was read as {_ENCODING_NAMES[encoding]}. If letters look wrong, "
            "save it as \"CSV UTF-8\"."
        )
    return _checked_text(text), encoding, problems


# Letters that tell Central European text (Polish, Czech, Slovak, ...) from Western European; each
# stands only at a byte value where Windows-1250 and Windows-1252 differ. "Common" ones count double.
_CE_COMMON = re.compile("[ąćęłńśźżĄĆĘŁŃŚŹŻčďěňřťůČĎĚŇŘŤŮ]")
_CE_RARE = re.compile("[ĽľĹĺŔŕŐőŰűĂăŞşŢţĐđ]")
_WE_COMMON = re.compile("[àèêñøåæÀÈÊÑØÅÆ]")
_WE_RARE = re.compile("[ãõìòùûïðþÿÃÕÌÒÙÛÏÐÞŒœŸ]")
# Non-letters that stand where a Central European letter would ("Wroc³aw", "¿ó³ty" for "żółty").
_SYMBOLS = "³¹¿£¥¯¼¾ªº˝˛˘ˇ˙¢²½¡"
_SYMBOL_IN_WORD = re.compile(f"[{_SYMBOLS}](?=[^\\W\\d_])|(?<=[^\\W\\d_])[{_SYMBOLS}]")
# Polish never writes ń, ś, ć, ź before a vowel ("nia", not "ńa"): there it is Spanish ñ and the like.
_SOFT_BEFORE_VOWEL = re.compile("[ńśćźŃŚĆŹ][aeiouyóAEIOUYÓ]")


def _guess_single_byte(data: bytes) -> tuple[str, str, bool]:
    """Windows-1250 or Windows-1252, whichever reads as more plausible letters.

    Both decode almost any byte string, and they agree on ASCII and on the typography and letters most
    Western text uses (é, ü, ö, á, ó, the quotes and dashes). Where they differ, each reading scores
    +2 for a common and +1 for a rare letter of its own languages, and -3 for a symbol next to a letter
    ("Wroc³aw" is Windows-1250 read as Windows-1252) or for ń, ś, ć, ź before a vowel, which Polish
    never writes ("Señor" is Windows-1252 read as Windows-1250). A byte undefined in one code page rules
    it out. Ties go to Windows-1250: the participating countries write Polish and Czech, and a tie means
    the two readings differ in no letter that tells. Returns the encoding, the text, and whether the two
    readings differ at all (whether the choice was a guess worth telling the user).
    """
    readings = {}
    for encoding in ("cp1250", "cp1252"):
        try:
            readings[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not readings:
        raise _invalid(f"This is not text in any encoding we read (UTF-8, UTF-16, Windows-1250/1252). {_SAVE_AS}")
    if len(readings) == 1:
        ((encoding, text),) = readings.items()
        return encoding, text, True
    central, western = readings["cp1250"], readings["cp1252"]
    if central == western:
        return "cp1250", central, False
    # The first 256 KiB tell as well as the whole file, unless they read alike in both code pages.
    sample = 1 << 18
    if central[:sample] == western[:sample]:
        sample = len(central)
    central_score, western_score = _plausibility(central[:sample], western[:sample])
    encoding = "cp1250" if central_score >= western_score else "cp1252"
    return encoding, readings[encoding], True


def _plausibility(central: str, western: str) -> tuple[int, int]:
    penalty = 3 * (len(_SYMBOL_IN_WORD.findall(central)) + len(_SOFT_BEFORE_VOWEL.findall(central)))
    central_score = 2 * len(_CE_COMMON.findall(central)) + len(_CE_RARE.findall(central)) - penalty
    penalty = 3 * len(_SYMBOL_IN_WORD.findall(western))
    western_score = 2 * len(_WE_COMMON.findall(western)) + len(_WE_RARE.findall(western)) - penalty
    return central_score, western_score


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _checked_text(text: str) -> str:
    """``text`` unless control characters say it is binary data that happened to decode."""
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(3, len(text) // 200):
        raise _invalid(f"This is not CSV text. {_SAVE_AS}")
    return text


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


# --- XLSX -----------------------------------------------------------------------------------------

# A formula or an error value somewhere in the sheet's XML, with or without a namespace prefix (plain
# substring search: a regular expression is ten times slower on a large sheet).
_FORMULA_OR_ERROR = (b"<f>", b"<f ", b"<f/>", b":f>", b":f ", b":f/>", b't="e"')
_MERGE_REF = re.compile(rb'mergeCell\s[^>]*?ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _read_xlsx(data: bytes) -> _Sheet:
    """The first visible worksheet of a workbook, streamed.

    openpyxl's read-only mode gives the values Excel saved for formulas (``data_only``), but it reads a
    formula that was never calculated as an empty cell, and it does not list merged ranges. So the
    sheet's XML is searched once as bytes for merged ranges and for any formula or error value, and
    only when there is one are its cells parsed (``_scan_cells``); ``_MergeTracker`` says what is done
    with merged cells.
    """
    if data.startswith(_OLE_MAGIC):
        raise _invalid(
            "This is an old .xls workbook or a password-protected one, which cannot be read. "
            "Save it as Excel workbook (.xlsx) without a password, or as CSV."
        )
    if not data.startswith(_ZIP_MAGIC):
        raise _invalid(f"This is not an Excel workbook (.xlsx): the file is damaged or of another kind. {_SAVE_AS}")
    with warnings.catch_warnings():
        # openpyxl warns about parts it drops (data validation, styles); they do not touch the values.
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on damaged files; all mean the same here
            raise _invalid(f"The workbook cannot be read ({_reason(exc)}). {_SAVE_AS}") from exc
    sheets = workbook.worksheets
    visible = [ws for ws in sheets if ws.sheet_state == "visible"]
    if not visible:
        raise _invalid("The workbook has no visible worksheet.")
    worksheet = visible[0]
    problems = []
    others = [ws.title for ws in sheets if ws is not worksheet]
    if others:
        problems.append(
            f"Only the first sheet, {worksheet.title!r}, was read; "
            f"{'this sheet was' if len(others) == 1 else 'these sheets were'} not: {', '.join(map(repr, others))}."
        )
    issues, merges = _scan_cells(data, worksheet._worksheet_path)  # the part name; openpyxl has no public one
    worksheet.reset_dimensions()  # some writers record wrong dimensions; read every row there is
    return _Sheet(
        format="xlsx",
        rows=_xlsx_rows(workbook, worksheet, issues),
        issues=issues,
        merges=merges,
        problems=problems,
        sheet=worksheet.title,
    )


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
        raise _invalid(f"The workbook cannot be read past row {number} ({_reason(exc)}). {_SAVE_AS}") from exc
    finally:
        workbook.close()


def _scan_cells(data: bytes, part: str) -> tuple[dict[tuple[int, int], str], list[_Merge]]:
    """Cells whose value cannot be read, and merged ranges, from the sheet's XML.

    One streamed byte search finds the merged ranges (listed after the cells) and tells whether there
    is any formula or error value; only then are the cells parsed, once, with ``iterparse``.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            has_formulas, refs = False, {}
            overlap = b""
            with archive.open(part) as source:
                while chunk := source.read(1 << 20):
                    window = overlap + chunk
                    has_formulas = has_formulas or any(needle in window for needle in _FORMULA_OR_ERROR)
                    if b"mergeCell" in window:
                        refs.update(dict.fromkeys(m.group(1).decode() for m in _MERGE_REF.finditer(window)))
                    overlap = chunk[-256:]
            issues = {}
            if has_formulas:
                with archive.open(part) as source:
                    issues = _parse_cells(source)
    except (zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError, ValueError) as exc:
        raise _invalid(f"The workbook cannot be read ({_reason(exc)}). {_SAVE_AS}") from exc
    merges = []
    for ref in refs:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        merges.append(_Merge(ref, min_col - 1, min_row, max_col - 1, max_row))
    return issues, merges


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


def _cell_text(value) -> str:
    """A cell's value as the text a person would type for it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _clean(value)
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
    return _clean(str(value))


# --- Small helpers --------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Cell text with line endings made "\\n" and surrounding space (also non-breaking) removed."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def _extension(filename: str) -> str:
    name = (filename or "").strip().lower()
    dot = name.rfind(".")
    return name[dot:] if dot > 0 or (dot == 0 and len(name) > 1) else ""


def _rows_text(numbers: list[int], limit: int = 10) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    more = f" and {len(numbers) - limit} more" if len(numbers) > limit else ""
    return f"row{'s' if len(numbers) > 1 else ''} {shown}{more}"


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _invalid(message: str) -> Invalid:
    return Invalid(message, {"file": [message]})
