"""Refusing a file: the error every reader raises for a file it cannot read, and what such errors share.

Each message ends, where it helps, with the same advice (``SAVE_AS``); the byte signatures recognise a
file of the wrong kind before a reader tries to make sense of it.
"""
from matchmaker.domain.errors import Invalid

SAVE_AS = "Save it from your spreadsheet program as Excel workbook (.xlsx) or CSV."
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and password-protected .xlsx


def invalid_file(message: str) -> Invalid:
    """The error for a file that cannot be read, reported against the upload's "file" field."""
    return Invalid(message, {"file": [message]})


def exception_reason(exc: Exception) -> str:
    """An exception as a short parenthetical: its type, and its message when it has one."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
