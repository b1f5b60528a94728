"""Large registries for benchmarks: the demo firms repeated (with numbered names) up to any size."""
import json
from itertools import islice

from sqlalchemy import insert
from sqlmodel import Session, select

from matchmaker.models import Capability, Firm, FirmCapability
from matchmaker.models.base import utcnow
from matchmaker.resources import DEMO_FIRMS_FILE
from matchmaker.services.firms import firm_keys

BATCH = 1000


def scaled_firms(count: int) -> list[dict]:
    """``count`` firm records; the demo registry's firms, the n-th copy named "<name> <n>"."""
    demo = json.loads(DEMO_FIRMS_FILE.read_text(encoding="utf-8"))
    records = []
    for number in range(count):
        record = dict(demo[number % len(demo)])
        copy = number // len(demo)
        if copy:
            record["name"] = f"{record['name']} {copy + 1}"
        records.append(record)
    return records


def load_scaled_registry(*, session: Session, count: int) -> None:
    """Bulk-insert ``count`` firms with their capability tags (no contacts), in one transaction."""
    slugs = {capability.slug: capability.id for capability in session.exec(select(Capability))}
    records = iter(scaled_firms(count))
    while batch := list(islice(records, BATCH)):
        ids = session.scalars(
            insert(Firm).returning(Firm.id, sort_by_parameter_order=True), [_firm_row(r) for r in batch]
        ).all()
        tags = [
            {"firm_id": firm_id, "capability_id": slugs[tag["slug"]], "direction": tag["direction"],
             "role_kind": tag["role_kind"], "note": tag["note"] or None, "inferred": False}
            for firm_id, record in zip(ids, batch)
            for tag in record["capabilities"]
        ]
        session.execute(insert(FirmCapability), tags)
    session.commit()


def _firm_row(record: dict) -> dict:
    now = utcnow()
    row = {key: value for key, value in record.items() if key not in ("contacts", "capabilities")}
    name_key, search_key = firm_keys(record["name"], record["city"], record["description"])
    return {**row, "name_key": name_key, "search_key": search_key, "created_at": now, "updated_at": now,
            "deleted_at": None, "version": 1, "imported_fields": []}
