"""Match runs: reading the registry for the scoring model, and keeping what it proposes.

A run is a job of kind "match" over a scope (the whole registry for now); the database refuses a
second queued or running run of one scope. Its proposals and suggestions are written in one
transaction at the end and read from the latest *succeeded* run only, so a failed, cancelled or
killed run never shows anything, and the previous run's output stays in place.
"""
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from matchmaker.domain.access import Actor, require_role
from matchmaker.domain.compliance import CertificationStatus, Declaration, assess_supply_chain, certification_status
from matchmaker.domain.enums import JobStatus, Role, VerificationStatus
from matchmaker.domain.errors import Conflict, Invalid
from matchmaker.models import (
    Capability, Certification, Firm, FirmCapability, Job, MatchExclusion, Proposal, ProposalMember, Suggestion,
    SupplyDeclaration,
)
from matchmaker.scoring.records import Combination, FirmRecord, MatchResult, Member, RunParameters, Tag, TaxonomyNode
from matchmaker.scoring.tagging import Tagger
from matchmaker.scoring.templates import TEMPLATES
from matchmaker.services import jobs
from matchmaker.services.common import begin_write, settings_of
from matchmaker.services.compliance_status import today, us_market_from
from matchmaker.services.tagger import default_tagger, profile_text

MATCH = "match"
REGISTRY_SCOPE = "registry"
Progress = Callable[[float, str | None], None]


def start_run(*, session: Session, actor: Actor, parameters: dict[str, Any]) -> Job:
    """Queue a run over the whole registry; 409 while another one is queued or running."""
    require_role(actor, Role.ADMIN, Role.ORGANIZER)
    if parameters.get("template", "mspo") not in TEMPLATES:
        raise Invalid("Unknown template.", {"template": [f"One of: {', '.join(sorted(TEMPLATES))}."]})
    try:
        return jobs.create_job(session=session, actor=actor, kind=MATCH, params=parameters, scope=REGISTRY_SCOPE)
    except IntegrityError as error:
        session.rollback()
        raise Conflict("A match run of the registry is already queued or running; wait for it to end.") from error


def run_match(*, session: Session, job_id: int, params: dict[str, Any], file, progress: Progress) -> dict[str, Any]:
    """The job handler: read the registry, score it, and write the output in one transaction."""
    # Imported here: numpy, scipy and scikit-learn cost every other command ~1.5 s and ~80 MB to load.
    from matchmaker.scoring.model import MODEL_VERSION, match, paused_gc

    timings, started = {}, time.perf_counter()
    pruned = _prune_superseded_suggestions(session)
    timings["prune_s"] = round(time.perf_counter() - started, 3)
    parameters = _parameters(session, params)
    firms, taxonomy = read_registry(session)
    timings["read_s"] = round(time.perf_counter() - started - timings["prune_s"], 3)
    progress(0.05, f"scoring {len(firms)} firms")
    result = match(firms, taxonomy, parameters, lambda fraction, note=None: progress(0.05 + 0.8 * fraction, note))
    timings["score_s"] = round(time.perf_counter() - started - timings["prune_s"] - timings["read_s"], 3)
    progress(0.9, "writing proposals and suggestions")
    session.rollback()  # end the reads: the writes start from a fresh snapshot
    begin_write(session)
    with paused_gc():  # the write builds as many small objects as the explanations
        counts = _write(session, job_id, result)
    session.commit()
    timings["total_s"] = round(time.perf_counter() - started, 3)
    return {
        "model_version": MODEL_VERSION,
        "registry_hash": registry_hash(firms, taxonomy, parameters),
        "firms": len(firms),
        "counts": {**counts, "pruned_suggestions": pruned},
        "timings": timings,
    }


def _prune_superseded_suggestions(session: Session) -> int:
    """Delete the suggestions of runs before the latest succeeded one, in a transaction of its own.

    A firm's suggestions are always served from the latest succeeded run, so older ones are never read
    again, and a 10,000-firm run writes some 340,000. The latest run's stay until this run succeeds:
    a run that fails leaves them in place. Proposals stay, for the review of any run.
    """
    latest = latest_run_id(session)
    if latest is None:
        return 0
    pruned = session.execute(delete(Suggestion).where(Suggestion.run_id < latest)).rowcount
    session.commit()
    return pruned


def _parameters(session: Session, params: dict[str, Any]) -> RunParameters:
    exclusions = session.exec(
        select(MatchExclusion.firm_id, MatchExclusion.other_firm_id).order_by(MatchExclusion.id)
    ).all()
    known = {name: params[name] for name in ("template", "top", "max_per_firm", "red_flagged") if name in params}
    return RunParameters(**known, excluded_pairs=frozenset((a, b) for a, b in exclusions))


def read_registry(session: Session) -> tuple[list[FirmRecord], list[TaxonomyNode]]:
    """Every live, unsuspended firm as the model reads it, in id order (the model must not see set order).

    Read as plain rows, one query per table: ORM objects for a 10,000-firm registry and its ~170,000
    tags, certifications and declarations cost ~5 s of a run.
    """
    concern, on = settings_of(session).concern_countries, today()
    firms = session.exec(
        sa_select(Firm.id, Firm.country, Firm.description, Firm.capacity_units_per_year)
        .where(Firm.deleted_at.is_(None), Firm.verification_status != VerificationStatus.SUSPENDED)
        .order_by(Firm.id)
    ).all()
    tags = _by_firm(session, sa_select(FirmCapability.firm_id, Capability.slug, FirmCapability.direction,
                                       FirmCapability.role_kind, FirmCapability.note)
                    .join(Capability, Capability.id == FirmCapability.capability_id)
                    .order_by(FirmCapability.firm_id, FirmCapability.id))
    claims = _by_firm(session, sa_select(Certification.firm_id, Certification.kind, Certification.expires_on)
                      .order_by(Certification.firm_id, Certification.id))
    declared = _by_firm(session, sa_select(SupplyDeclaration.firm_id, SupplyDeclaration.category,
                                           SupplyDeclaration.country, SupplyDeclaration.not_applicable,
                                           SupplyDeclaration.verified_at.is_not(None))
                        .order_by(SupplyDeclaration.firm_id, SupplyDeclaration.id))
    tagger = default_tagger()
    records = [
        _record(firm, tags.get(firm.id, []), claims.get(firm.id, []), declared.get(firm.id, []), concern, on, tagger)
        for firm in firms
    ]
    nodes = session.exec(select(Capability).order_by(Capability.position, Capability.id)).all()
    by_id = {node.id: node.slug for node in nodes}
    taxonomy = [TaxonomyNode(node.slug, by_id.get(node.parent_id), node.name, node.role_kind) for node in nodes]
    return records, taxonomy


def _by_firm(session: Session, query) -> dict[int, list[tuple]]:
    """The query's rows grouped by their first column (a firm id), the rest of each row kept in order."""
    grouped: dict[int, list[tuple]] = {}
    for firm_id, *rest in session.exec(query):
        grouped.setdefault(firm_id, []).append(tuple(rest))
    return grouped


def _record(firm, tags: list[tuple], claims: list[tuple], declared: list[tuple], concern: frozenset[str],
            on, tagger: Tagger) -> FirmRecord:
    declarations = [Declaration(*line) for line in declared]
    description = profile_text(firm.description, (note for *_, note in tags))
    return FirmRecord(
        id=firm.id,
        country=firm.country,
        description=description,
        tags=tuple(Tag(slug, direction, role_kind) for slug, direction, role_kind, _note in tags),
        supply_chain=assess_supply_chain(declarations, concern).status,
        us_market_eligible=us_market_from(declarations, claims, on).eligible,
        certifications=tuple(sorted(
            kind.value for kind, expires_on in claims if certification_status(expires_on, on) is CertificationStatus.VALID
        )),
        capacity_units_per_year=firm.capacity_units_per_year,
        applications=tagger.applications(description),
    )


def registry_hash(firms: list[FirmRecord], taxonomy: list[TaxonomyNode], parameters: RunParameters) -> str:
    """A fingerprint of everything the run read: the same registry and parameters give the same hash."""
    payload = json.dumps(
        {"firms": [asdict(firm) for firm in firms], "taxonomy": [asdict(node) for node in taxonomy],
         "parameters": asdict(parameters)},
        sort_keys=True, default=sorted,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _write(session: Session, run_id: int, result: MatchResult) -> dict[str, int]:
    """Plain inserts rather than ORM objects: a 10,000-firm run writes some 340,000 suggestions."""
    for kind, combinations in result.proposals.items():
        _write_proposals(session, run_id, kind, combinations)
    suggestions = [
        {"run_id": run_id, "firm_id": firm_id, "kind": kind, "rank": rank, **_scored(combination),
         "members": [_member(member) for member in combination.members]}
        for firm_id, by_kind in sorted(result.suggestions.items())
        for kind, combinations in sorted(by_kind.items())
        for rank, combination in enumerate(combinations, 1)
    ]
    _insert_rows(session, Suggestion.__table__, suggestions)
    return {
        "bilateral_proposals": len(result.proposals.get("bilateral", [])),
        "trilateral_proposals": len(result.proposals.get("trilateral", [])),
        "suggestions": len(suggestions),
    }


def _write_proposals(session: Session, run_id: int, kind: str, combinations: list[Combination]) -> None:
    if not combinations:
        return
    rows = [{"run_id": run_id, "kind": kind, "rank": rank, **_scored(c)} for rank, c in enumerate(combinations, 1)]
    ids = session.scalars(insert(Proposal).returning(Proposal.id, sort_by_parameter_order=True), rows).all()
    members = [
        {"proposal_id": proposal_id, "position": position, **_member(member)}
        for proposal_id, combination in zip(ids, combinations)
        for position, member in enumerate(combination.members)
    ]
    session.execute(insert(ProposalMember), members)


def _scored(combination: Combination) -> dict[str, Any]:
    return {"template": combination.template, "score": combination.score,
            "score_parts": dict(combination.score_parts), "reasons": list(combination.reasons)}


def _member(member: Member) -> dict[str, Any]:
    # Spelled out: dataclasses.asdict deep-copies, and costs seconds over 340,000 suggestions.
    return {"firm_id": member.firm_id, "country": member.country, "role": member.role}


def _insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert in the session's transaction, so the run stays all or nothing: by COPY on PostgreSQL, where
    the suggestions of a 10,000-firm run take 8 s against 14 s for an executemany (psycopg sends an
    INSERT per row); by executemany elsewhere."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        _copy_rows(connection, table, rows)
    else:
        connection.execute(insert(table), rows)


def _copy_rows(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    dialect, names = connection.dialect, list(rows[0])
    # Each value as an INSERT would bind it (JSON columns wrapped for psycopg, say).
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    quote = dialect.identifier_preparer
    statement = f"COPY {quote.format_table(table)} ({', '.join(map(quote.quote, names))}) FROM STDIN"
    with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row[name] if bind is None else bind(row[name]) for name, bind in zip(names, processors)])


def latest_run_id(session: Session) -> int | None:
    return session.scalar(
        select(func.max(Job.id)).where(Job.kind == MATCH, Job.status == JobStatus.SUCCEEDED)
    )
