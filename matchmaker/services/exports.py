"""The registry, or a filtered part of it, as CSV, XLSX or JSON.

An export is built from the same views as the API's firm list, so it never holds what its
requester may not read: a discreet firm is masked in it exactly as in the list.
"""
import csv
import io
import json
from collections.abc import Iterator
from enum import StrEnum

from openpyxl import Workbook
from sqlmodel import Session

from matchmaker.domain.access import Actor
from matchmaker.services.firms import FirmFilters, FirmView, list_firms

PAGE = 500
VIEW_COLUMNS = (
    "id", "name", "country", "masked", "city", "website", "size_band", "founded_year",
    "capacity_units_per_year", "capacity_note", "description", "visibility", "verification_status",
)
COLUMNS = (*VIEW_COLUMNS, "offers", "seeks", "certifications", "supply_chain_status", "us_market_eligible")


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"

    @property
    def media_type(self) -> str:
        return {
            "csv": "text/csv; charset=utf-8",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "json": "application/json",
        }[self.value]


def export_firms(*, session: Session, actor: Actor, filters: FirmFilters, format: ExportFormat) -> bytes:
    rows = [_row(view) for view in _all_views(session, actor, filters)]
    return {ExportFormat.CSV: _csv, ExportFormat.XLSX: _xlsx, ExportFormat.JSON: _json}[format](rows)


def _all_views(session: Session, actor: Actor, filters: FirmFilters) -> Iterator[FirmView]:
    offset = 0
    while True:
        views, total = list_firms(session=session, actor=actor, filters=filters, offset=offset, limit=PAGE)
        yield from views
        offset += PAGE
        if offset >= total:
            return


def _row(view: FirmView) -> dict:
    """One flat record: capability slugs and certification kinds joined, statuses as plain values."""
    row = {column: getattr(view, column) for column in VIEW_COLUMNS}
    row["offers"] = " ".join(tag.slug for tag in view.capabilities if tag.direction == "offers")
    row["seeks"] = " ".join(tag.slug for tag in view.capabilities if tag.direction == "seeks")
    row["certifications"] = " ".join(
        f"{claim.kind}({claim.status})" for claim in view.certifications or ()
    ) or None
    row["supply_chain_status"] = view.supply_chain.status.value
    row["us_market_eligible"] = view.us_market.eligible
    return {key: value.value if isinstance(value, StrEnum) else value for key, value in row.items()}


def _csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows({column: _cell(value) for column, value in row.items()} for row in rows)
    # A BOM, so that Excel opens the UTF-8 file with Polish, Czech and Chinese names intact.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(rows: list[dict]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("firms")
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([_cell(row[column]) for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value):
    """Text that looks like a formula is stored as text, so an export cannot inject one into a spreadsheet."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return value


def _json(rows: list[dict]) -> bytes:
    return json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8")
