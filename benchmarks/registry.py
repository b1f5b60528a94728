"""Large registries for benchmarks, bulk-inserted in one transaction.

Firms are dicts in the demo file's format (seed_data/firms.json): ``scaled_firms`` repeats the demo
firms with numbered names; ``firm_of_record`` writes out a record of the scoring model (such as
benchmarks/scoring.py's synthetic registry) as a firm that a match run reads back as that record.
"""
import json
from collections.abc import Iterable
from datetime import date
from itertools import islice

from sqlalchemy import insert
from sqlmodel import Session, SQLModel, select

from matchmaker.domain.compliance import BLUE_UAS, ComponentCategory, NonRedStatus
from matchmaker.models import Capability, Certification, Firm, FirmCapability, SupplyDeclaration
from matchmaker.models.base import utcnow
from matchmaker.resources import DEMO_FIRMS_FILE
from matchmaker.scoring.records import FirmRecord
from matchmaker.services.firms import firm_keys

BATCH = 1000
PARTS = ("contacts", "capabilities", "certifications", "supply_chain")  # rows of their own, not firm columns
RED_FLAG_COUNTRY = "CN"  # a default country of concern (CONCERN_COUNTRIES)
ELSEWHERE = "DE"  # neither the US nor a country of concern: a component made here is clean but not US-made


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
    """``count`` demo firms with their capability tags only, the firm list benchmark's registry as measured."""
    firms = ({**firm, "certifications": [], "supply_chain": []} for firm in scaled_firms(count))
    load_registry(session=session, firms=firms)


def load_registry(*, session: Session, firms: Iterable[dict]) -> None:
    """Bulk-insert firms with their capability tags, certifications and supply-chain declarations (no contacts)."""
    slugs = {capability.slug: capability.id for capability in session.exec(select(Capability))}
    records = iter(firms)
    while batch := list(islice(records, BATCH)):
        ids = session.scalars(
            insert(Firm).returning(Firm.id, sort_by_parameter_order=True), [_firm_row(r) for r in batch]
        ).all()
        owned = list(zip(ids, batch))
        _insert_all(session, FirmCapability, [_tag_row(id_, tag, slugs) for id_, r in owned for tag in r["capabilities"]])
        _insert_all(session, Certification, [_certification_row(id_, c) for id_, r in owned for c in r["certifications"]])
        _insert_all(session, SupplyDeclaration, [_declaration_row(id_, d) for id_, r in owned for d in r["supply_chain"]])
    session.commit()


def _insert_all(session: Session, model: type[SQLModel], rows: list[dict]) -> None:
    if rows:  # an executemany of no rows would be a single insert of defaults
        session.execute(insert(model), rows)


def _firm_row(record: dict) -> dict:
    now = utcnow()
    row = {key: value for key, value in record.items() if key not in PARTS}
    name_key, search_key = firm_keys(record["name"], record["city"], record["description"])
    return {**row, "name_key": name_key, "search_key": search_key, "created_at": now, "updated_at": now,
            "deleted_at": None, "version": 1, "imported_fields": []}


def _tag_row(firm_id: int, tag: dict, slugs: dict[str, int]) -> dict:
    return {"firm_id": firm_id, "capability_id": slugs[tag["slug"]], "direction": tag["direction"],
            "role_kind": tag["role_kind"], "note": tag["note"] or None, "inferred": False}


def _certification_row(firm_id: int, claim: dict) -> dict:
    return {"firm_id": firm_id, "kind": claim["kind"], "reference": claim["reference"],
            "issued_on": _day(claim["issued_on"]), "expires_on": _day(claim["expires_on"]),
            "created_at": utcnow(), **_evidence(claim)}


def _declaration_row(firm_id: int, line: dict) -> dict:
    return {"firm_id": firm_id, "category": line["category"], "not_applicable": line["not_applicable"],
            "supplier": line["supplier"], "country": line["country"], "created_at": utcnow(), **_evidence(line)}


def _evidence(claim: dict) -> dict:
    return {"evidence_url": claim["evidence_url"], "evidence_note": claim["evidence_note"],
            "verified_by_id": None, "verified_at": utcnow() if claim["verified"] else None}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# --- Scoring records as firms ---------------------------------------------------------------------


def firm_of_record(record: FirmRecord) -> dict:
    """A firm whose rows read back as ``record``: its text, tags and capacity, unexpiring certifications,
    and a supply-chain declaration that yields its statuses (see ``_declaration`` for where none can)."""
    return {
        "name": f"Synthetic firm {record.id}", "country": record.country, "city": None, "website": None,
        "size_band": None, "founded_year": None, "capacity_units_per_year": record.capacity_units_per_year,
        "capacity_note": None, "description": record.description, "visibility": "public",
        "verification_status": "unverified",
        "capabilities": [
            {"slug": tag.slug, "direction": tag.direction.value, "role_kind": tag.role_kind.value, "note": None}
            for tag in record.tags
        ],
        "certifications": [
            {"kind": kind, "reference": None, "issued_on": None, "expires_on": None, "evidence_url": None,
             "evidence_note": None, "verified": False}
            for kind in record.certifications
        ],
        "supply_chain": _declaration(record),
    }


def _declaration(record: FirmRecord) -> list[dict]:
    """Every critical component (the last left out when incomplete), made in the US when that is what makes
    the firm eligible for the US market, one of them in a country of concern when red-flagged.

    A record that is US-eligible without a Blue UAS listing yet incomplete or red-flagged (the synthetic
    registry pairs one demo firm's eligibility with another's supply chain) keeps its supply-chain status
    and reads back as not eligible: no declaration gives both.
    """
    listed = any(kind in BLUE_UAS for kind in record.certifications)
    made_in = "US" if record.us_market_eligible and not listed else ELSEWHERE
    categories = list(ComponentCategory)
    if record.supply_chain is NonRedStatus.INCOMPLETE:
        categories = categories[:-1]
    lines = [
        {"category": category.value, "not_applicable": False, "supplier": None, "country": made_in,
         "evidence_url": None, "evidence_note": None, "verified": record.supply_chain is NonRedStatus.VERIFIED_CLEAN}
        for category in categories
    ]
    if record.supply_chain is NonRedStatus.RED_FLAGGED:
        lines[0]["country"] = RED_FLAG_COUNTRY
    return lines
