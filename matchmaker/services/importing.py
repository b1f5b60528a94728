"""Importing a trade association's member list: rows checked, descriptions tagged, firms written at once.

Three steps: read the file (``spreadsheets``), check and tag every row in memory, then write all
accepted rows in one transaction, so a crash or a kill mid-import leaves no half-imported row.
Re-importing updates the firms by normalised name and country, and fills only what is empty or was
imported before: what a person entered through the API is never overwritten.
"""
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace

from sqlalchemy import insert
from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from matchmaker.domain.countries import read_country
from matchmaker.domain.enums import Direction, Visibility
from matchmaker.domain.errors import Invalid
from matchmaker.models import Capability, Contact, DismissedCapability, Firm, FirmCapability
from matchmaker.models.base import utcnow
from matchmaker.scoring.tagging import InferredTag, Tagger
from matchmaker.services.common import begin_write, settings_of
from matchmaker.services.firms import firm_keys
from matchmaker.services.spreadsheets import MemberRow, read_member_list
from matchmaker.services.tagger import default_tagger

# Firm fields an import sets; name and country are the firm's key and never change.
IMPORTED_FIELDS = ("city", "website", "description", "visibility")
LIMITS = {"name": 200, "city": 120, "website": 300, "description": 10_000, "offers": 4_000, "seeks": 4_000}
# Columns whose every capability has one direction, whatever the wording; shown in the description as labelled.
DIRECTED_COLUMNS = (("offers", Direction.OFFERS, "Offers"), ("seeks", Direction.SEEKS, "Seeks"))
PROGRESS_EVERY = 500
MAX_EMAIL = 254
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

Progress = Callable[[float, str | None], None]


@dataclass
class RowReport:
    row: int
    name: str
    status: str = "rejected"  # rejected; accepted (checked, not written); created, updated or unchanged
    firm_id: int | None = None
    reasons: list[str] = field(default_factory=list)  # why the row was rejected
    warnings: list[str] = field(default_factory=list)  # what was read with a guess or left out
    capabilities: list[str] = field(default_factory=list)  # "offers thermal-imagers", as tagged


@dataclass
class ImportReport:
    filename: str
    strict: bool
    dry_run: bool
    written: bool = False
    rows: list[RowReport] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        statuses = [row.status for row in self.rows]
        counts = {status: statuses.count(status) for status in ("created", "updated", "unchanged", "accepted", "rejected")}
        accepted = [row for row in self.rows if row.status != "rejected"]
        return {"rows": len(self.rows), **counts, "tagged": sum(1 for row in accepted if row.capabilities)}

    @property
    def untagged_rows(self) -> list[int]:
        return [row.row for row in self.rows if row.status != "rejected" and not row.capabilities]

    def as_dict(self) -> dict:
        return {**asdict(self), "counts": self.counts, "untagged_rows": self.untagged_rows}


@dataclass
class _Candidate:
    """An accepted row, ready to write."""

    report: RowReport
    country: str
    name_key: str
    values: dict[str, str]
    tags: list[InferredTag]
    contact: dict[str, str] | None


def import_member_list(
    *,
    session: Session,
    data: bytes,
    filename: str,
    strict: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    tagger: Tagger | None = None,
) -> ImportReport:
    """Import a member list; raises ``Invalid`` (with the report) when nothing could be imported."""
    progress = progress or (lambda fraction, note=None: None)
    member_list = read_member_list(data, filename)
    report = ImportReport(filename, strict, dry_run, unknown_columns=member_list.unknown_columns,
                          problems=member_list.problems)
    candidates = _check_rows(session, member_list.rows, tagger or default_tagger(), report, progress)
    rejected = len(report.rows) - len(candidates)
    if not candidates or (strict and rejected):
        why = "every row was rejected" if not candidates else f"{rejected} rows were rejected (strict mode)"
        raise Invalid(f"Nothing imported: {why}.", details={"report": report.as_dict()})
    progress(0.9, f"writing {len(candidates)} firms")
    session.rollback()  # end the reads of the check, so the writes start from a fresh snapshot
    begin_write(session)
    _write(session, candidates)
    if dry_run:
        session.rollback()
        for row in report.rows:
            if row.status == "created":
                row.firm_id = None  # rolled back: the id was never really given out
    else:
        session.commit()
        report.written = True
    return report


def _check_rows(session, rows: list[MemberRow], tagger: Tagger, report: ImportReport, progress) -> list[_Candidate]:
    countries = settings_of(session).countries
    candidates, seen = [], {}
    for index, row in enumerate(rows, 1):
        if index % PROGRESS_EVERY == 0:
            progress(0.9 * index / len(rows), f"checked {index} of {len(rows)} rows")
        row_report = RowReport(row.number, row.values.get("name", "").strip())
        report.rows.append(row_report)
        candidate = _check_row(row, row_report, countries, tagger)
        if candidate is None:
            continue
        key = (candidate.country, candidate.name_key)
        if key in seen:
            row_report.reasons.append(f"The same firm as row {seen[key]}.")
            continue
        seen[key] = row.number
        row_report.status = "accepted"
        candidates.append(candidate)
    return candidates


def _check_row(row: MemberRow, report: RowReport, countries: tuple[str, ...], tagger: Tagger) -> _Candidate | None:
    """The row as a candidate, or None with the reasons in ``report``."""
    values = {name: value.strip() for name, value in row.values.items()}
    report.warnings.extend(f"{name}: {message}" for name, messages in row.warnings.items() for message in messages)
    for name, messages in row.problems.items():
        target = report.reasons if name in ("name", "country") else report.warnings
        target.extend(f"{name}: {message}" for message in messages)
    country = _country(values.get("country", ""), countries, report)
    if not report.name:
        report.reasons.append("No name.")
    if report.reasons or country is None:
        return None
    _fit_values(values, report)
    tags = _row_tags(tagger, values)
    values["description"] = _with_directed_columns(values, report)
    report.capabilities = [f"{tag.direction} {tag.slug}" for tag in tags]
    report.warnings += [f'capabilities: {tag.direction} {tag.slug} guessed from "{tag.evidence}", which the lexicon does '
                        "not list; check it." for tag in tags if tag.loose]
    name_key, _search = firm_keys(values["name"], None, None)
    return _Candidate(report, country, name_key, values, tags, _contact(values, report))


def _row_tags(tagger: Tagger, values: dict[str, str]) -> list[InferredTag]:
    """What the row says the firm offers and seeks: the description read by its cue words, and the
    offers and seeks columns, each capability in them taking the column's direction (a cell of bare
    items has no cue words, and a cue would not reach past a semicolon). A capability found twice in
    one direction counts once."""
    found = tagger.tag(values.get("description")) + [
        replace(tag, direction=direction)
        for name, direction, _label in DIRECTED_COLUMNS
        for tag in tagger.tag(values.get(name))
    ]
    unique: dict[tuple[str, Direction], InferredTag] = {}
    for tag in found:
        unique.setdefault((tag.slug, tag.direction), tag)
    return list(unique.values())


def _with_directed_columns(values: dict[str, str], report: RowReport) -> str:
    """The description with the offers and seeks columns after it as labelled sentences, so the profile
    shows them and the model reads their words."""
    labelled = [f"{label}: {values[name].rstrip('.')}." for name, _direction, label in DIRECTED_COLUMNS
                if values.get(name)]
    text = "\n\n".join(filter(None, (values.get("description"), *labelled)))  # paragraphs, as joined columns
    limit = LIMITS["description"]
    if len(text) > limit:
        report.warnings.append(f"description: cut to {limit} characters with the offers and seeks added.")
    return text[:limit]


def _country(cell: str, countries: tuple[str, ...], report: RowReport) -> str | None:
    try:
        reading = read_country(cell)
    except Invalid as error:
        report.reasons.append(f"country: {error.message}")
        return None
    if reading.code not in countries:
        report.reasons.append(f"country: {reading.code} is not a participating country ({', '.join(countries)}).")
        return None
    if reading.warning:
        report.warnings.append(f"country: {reading.warning}")
    return reading.code


def _fit_values(values: dict[str, str], report: RowReport) -> None:
    """Trim over-long text, complete bare web addresses, and read the visibility, with warnings."""
    website = values.get("website", "")
    if website and not website.lower().startswith(("http://", "https://")):
        values["website"] = f"https://{website}"
    for name, limit in LIMITS.items():
        if len(values.get(name, "")) > limit:
            values[name] = values[name][:limit]
            report.warnings.append(f"{name}: cut to {limit} characters.")
    visibility = values.get("visibility", "").lower()
    if visibility and visibility not in set(Visibility):
        report.warnings.append(f"visibility: {values['visibility']!r} is not public, members or discreet; kept members.")
        values["visibility"] = ""
    else:
        values["visibility"] = visibility


def _contact(values: dict[str, str], report: RowReport) -> dict[str, str] | None:
    email = values.get("email", "")
    if email and (len(email) > MAX_EMAIL or not _EMAIL.match(email)):
        report.warnings.append(f"email: {email!r} is not an e-mail address; left out.")
        email = ""
    name = values.get("contact", "") or email
    if not name:
        return None
    return {"name": name[:200], "email": email or None, "phone": values.get("phone", "")[:40] or None}


def _write(session: Session, candidates: list[_Candidate]) -> None:
    existing = _existing_firms(session, candidates)
    capability_ids = {c.slug: c.id for c in session.exec(select(Capability))}
    dismissed = _dismissed(session)
    firms = []
    for candidate in candidates:
        firm = existing.get((candidate.country, candidate.name_key))
        if firm is None:
            firm = _new_firm(candidate)
            session.add(firm)
            candidate.report.status = "created"
        else:
            candidate.report.status = "updated" if _refresh(firm, candidate) else "unchanged"
        firms.append(firm)
    session.flush()
    tag_rows, contact_rows = [], []
    for firm, candidate in zip(firms, candidates):
        candidate.report.firm_id = firm.id
        # A new firm has no tags or contacts yet: asking would cost a query per firm.
        is_new = candidate.report.status == "created"
        new_tags, dropped = _retag(session, firm, [] if is_new else firm.capabilities, candidate, capability_ids,
                                   dismissed.get(firm.id, set()))
        new_contact = _contact_row(firm, [] if is_new else firm.contacts, candidate.contact)
        tag_rows += new_tags
        contact_rows += [new_contact] if new_contact else []
        if (new_tags or dropped or new_contact) and candidate.report.status == "unchanged":
            candidate.report.status = "updated"
            _bump(firm)
    # Tens of thousands of rows: plain inserts, not one ORM object each.
    for model, rows in ((FirmCapability, tag_rows), (Contact, contact_rows)):
        if rows:
            session.execute(insert(model), rows)
    session.flush()


def _existing_firms(session: Session, candidates: list[_Candidate]) -> dict[tuple[str, str], Firm]:
    keys = {candidate.name_key for candidate in candidates}
    found = {}
    for chunk in _chunks(sorted(keys), 500):
        query = (
            select(Firm)
            .where(Firm.deleted_at.is_(None), Firm.name_key.in_(chunk))
            .options(selectinload(Firm.capabilities), selectinload(Firm.contacts))
        )
        found.update({(firm.country, firm.name_key): firm for firm in session.exec(query)})
    return found


def _new_firm(candidate: _Candidate) -> Firm:
    values = candidate.values
    # The default visibility counts as imported too: a later file may set it, as it was no person's choice.
    imported = [name for name in IMPORTED_FIELDS if values.get(name) or name == "visibility"]
    firm = Firm(
        name=values["name"],
        country=candidate.country,
        city=values.get("city") or None,
        website=values.get("website") or None,
        description=values.get("description") or None,
        # Nobody consented to a public listing: members only, unless the file says otherwise.
        visibility=Visibility(values.get("visibility") or Visibility.MEMBERS),
        imported_fields=imported,
    )
    firm.name_key, firm.search_key = firm_keys(firm.name, firm.city, firm.description)
    return firm


def _refresh(firm: Firm, candidate: _Candidate) -> bool:
    """Fill what is empty or was imported before; return whether anything changed."""
    changed = False
    imported = set(firm.imported_fields)
    for name in IMPORTED_FIELDS:
        value = candidate.values.get(name)
        if not value or (getattr(firm, name) and name not in imported):
            continue
        new = Visibility(value) if name == "visibility" else value
        if getattr(firm, name) != new:
            setattr(firm, name, new)
            changed = True
        imported.add(name)
    if changed:
        firm.imported_fields = sorted(imported)
        firm.name_key, firm.search_key = firm_keys(firm.name, firm.city, firm.description)
        _bump(firm)
    return changed


def _bump(firm: Firm) -> None:
    """A changed firm gets a new version, so ETags read before the import go stale."""
    firm.version += 1
    firm.updated_at = utcnow()


def _dismissed(session: Session) -> dict[int, set[tuple[int, Direction]]]:
    """Per firm, the (capability id, direction) a person removed."""
    found: dict[int, set[tuple[int, Direction]]] = {}
    for firm_id, capability_id, direction in session.exec(
        select(DismissedCapability.firm_id, DismissedCapability.capability_id, DismissedCapability.direction)
    ):
        found.setdefault(firm_id, set()).add((capability_id, direction))
    return found


def _retag(
    session: Session, firm: Firm, current: list[FirmCapability], candidate: _Candidate, capability_ids: dict[str, int],
    dismissed: set[tuple[int, Direction]],
) -> tuple[list[dict], int]:
    """Replace the firm's inferred tags by this import's; tags a person set or confirmed stay, and tags a
    person removed are not inferred again.

    Deletes the stale inferred tags; returns the rows of the new ones and how many were deleted.
    """
    wanted = {
        key: tag for tag in candidate.tags
        if (key := (capability_ids[tag.slug], tag.direction)) not in dismissed
    }
    kept, dropped = set(), 0
    for tagged in list(current):
        key = (tagged.capability_id, tagged.direction)
        if tagged.inferred and key not in wanted:
            session.delete(tagged)
            dropped += 1
        else:
            kept.add(key)
    rows = [
        {"firm_id": firm.id, "capability_id": key[0], "direction": key[1], "role_kind": tag.role_kind,
         "note": None, "inferred": True}
        for key, tag in wanted.items()
        if key not in kept
    ]
    return rows, dropped


def _contact_row(firm: Firm, current: list[Contact], contact: dict[str, str] | None) -> dict | None:
    """The row's contact person to add, unless the firm already has one with that e-mail or name."""
    if contact is None:
        return None
    known = {(c.email or "").lower() for c in current} | {c.name.lower() for c in current}
    if (contact["email"] or "").lower() in known - {""} or contact["name"].lower() in known:
        return None
    return {"firm_id": firm.id, "role": None, "created_at": utcnow(), **contact}


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
