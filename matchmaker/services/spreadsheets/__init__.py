"""Reading member lists that trade associations send as CSV or Excel into plain rows.

Only reading: no database, and no judgement of the values beyond what the file itself makes unreadable
(a formula never calculated, an error cell). The import service reads each row's fields and decides.
``read_member_list`` picks the reader by the file name's extension; each reader brings the file into
one form, a ``Sheet``, from which the member list is assembled the same way for both formats.

- ``headers``: the header row's cells matched to canonical fields through ``HEADER_ALIASES``.
- ``member_list``: the header, the columns read and the member rows, with the numbers a spreadsheet
  program shows (Excel's row numbers for XLSX, the record number for CSV); blank rows are skipped but
  keep their numbers.
- ``csv_reader`` and ``text_encoding``: CSV text in UTF-8 (with or without BOM), UTF-16 with BOM, else
  Windows-1250 or Windows-1252 by which reads as more plausible letters; comma, semicolon or tab by
  the header row.
- ``xlsx_reader`` and ``xlsx_xml``: the first visible worksheet, streamed in read-only mode; formulas
  give the value Excel saved (a per-cell problem when there is none).
- ``merges``: a value merged down the rows is copied to each row with a warning.
- ``sheet`` and ``file_errors``: what the readers share.
"""
from matchmaker.services.spreadsheets.csv_reader import read_csv
from matchmaker.services.spreadsheets.file_errors import SAVE_AS, invalid_file
from matchmaker.services.spreadsheets.member_list import MemberList, MemberRow, assemble_member_list
from matchmaker.services.spreadsheets.xlsx_reader import read_xlsx

__all__ = ["MemberList", "MemberRow", "read_member_list"]

TEXT_EXTENSIONS = frozenset({".csv", ".txt", ".tsv"})
XLSX_EXTENSIONS = frozenset({".xlsx", ".xlsm"})


def read_member_list(data: bytes, filename: str, *, max_rows: int = 50_000) -> MemberList:
    """Read an uploaded member list (CSV or XLSX, by the file name's extension).

    Raises ``Invalid`` for an empty, unreadable or unsupported file, one without member rows, one
    without a name or country column, and one of more than ``max_rows`` member rows.
    """
    extension = _extension(filename)
    if extension in {".xls", ".ods", ".numbers", ".xlsb"}:
        raise invalid_file(f"{extension} files cannot be read. {SAVE_AS}")
    if extension not in XLSX_EXTENSIONS | TEXT_EXTENSIONS:
        raise invalid_file(f"Unsupported file type {extension or '(no extension)'}. {SAVE_AS}")
    if not data:
        raise invalid_file("The file is empty.")
    sheet = read_xlsx(data) if extension in XLSX_EXTENSIONS else read_csv(data)
    return assemble_member_list(sheet, max_rows)


def _extension(filename: str) -> str:
    name = (filename or "").strip().lower()
    dot = name.rfind(".")
    return name[dot:] if dot > 0 or (dot == 0 and len(name) > 1) else ""
