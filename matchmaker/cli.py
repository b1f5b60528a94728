"""The ``matchmaker`` command: schema, demo data, users and tokens."""
import functools
import json
import sys
from datetime import timedelta
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup, FlaskGroup

from matchmaker import migrate
from matchmaker.domain.access import Actor
from matchmaker.domain.enums import JobStatus, Role
from matchmaker.domain.errors import DomainError
from matchmaker.extensions import db
from matchmaker.jobs import IMPORT, runner
from matchmaker.models import Job
from matchmaker.resources import DEMO_FIRMS_FILE, TAXONOMY_FILE
from matchmaker.services import claims, duplicates, exports, jobs, matching, proposals, seed, taxonomy, users
from matchmaker.services.exports import ExportFormat
from matchmaker.services.firms import FirmFilters

db_cli = AppGroup("db", help="Build or migrate the database schema.")
users_cli = AppGroup("users", help="Manage users.")
tokens_cli = AppGroup("tokens", help="Manage API tokens.")


REPORT_LINES = 50
# Whoever runs the CLI on the server can read the database anyway; --as narrows to a user's view.
OPERATOR = Actor(role=Role.ADMIN)


def register_cli(app: Flask) -> None:
    for group in (db_cli, users_cli, tokens_cli):
        app.cli.add_command(group)
    commands = (
        seed_command, export_command, import_command, duplicates_command, merge_command, invite_command, match_command,
    )
    for command in commands:
        app.cli.add_command(command)


def main() -> None:
    """Entry point of the console script."""
    from matchmaker import create_app

    FlaskGroup(create_app=create_app, add_version_option=False, load_dotenv=False, help=__doc__)()


def reports_domain_errors(command):
    """Turn a service's domain error into a message on standard error and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except DomainError as error:
            details = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.fields.items())
            raise click.ClickException(f"{error.message} {details}".strip()) from error

    return wrapper


@db_cli.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Alembic revision to migrate to.")
def db_upgrade(revision: str) -> None:
    """Build or migrate the schema, then load the capability taxonomy."""
    migrate.upgrade(db.engine, revision)
    with db.new_session() as session:
        count = taxonomy.load_taxonomy(session=session, path=TAXONOMY_FILE)
    click.echo(f"Schema at {revision}; taxonomy of {count} capabilities loaded.")


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Migrate the schema down to REVISION (e.g. -1, or base)."""
    migrate.downgrade(db.engine, revision)
    click.echo(f"Schema at {revision}.")


@db_cli.command("revision")
@click.option("-m", "--message", required=True, help="What the revision changes.")
def db_revision(message: str) -> None:
    """Autogenerate a migration from the models (for developers; review the file it writes)."""
    migrate.make_revision(db.engine, message)


@click.command("seed")
@reports_domain_errors
def seed_command() -> None:
    """Load the invented demo registry and one demo user per role; print their credentials."""
    with db.new_session() as session:
        added = seed.seed_firms(session=session, path=DEMO_FIRMS_FILE)
        credentials = seed.seed_users(session=session)
    click.echo(f"Demo registry: {added} firms added.")
    click.echo("Demo users (the API token is new on every run; a password only when the user is new):")
    for credential in credentials:
        password = credential.password or "(unchanged)"
        click.echo(f"  {credential.role.value:<12} {credential.email:<28} password {password:<18} token {credential.token}")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]))
@click.option("--firm", "firm_ids", multiple=True, type=int, help="Firm id a firm_editor edits (repeatable).")
@click.option("--country", "countries", multiple=True, help="Country a reviewer's office covers (repeatable).")
@reports_domain_errors
def users_create(email: str, role: str, firm_ids: tuple[int, ...], countries: tuple[str, ...]) -> None:
    """Create a user; the password is read from standard input, or prompted for on a terminal."""
    password = _read_password()
    with db.new_session() as session:
        user = users.create_user(
            session=session, email=email, role=Role(role), password=password, firm_ids=firm_ids, countries=countries
        )
        click.echo(f"User {user.id} {user.email} ({user.role.value}) created.")


@tokens_cli.command("create")
@click.option("--email", required=True)
@click.option("--label", help="To tell the user's tokens apart.")
@reports_domain_errors
def tokens_create(email: str, label: str | None) -> None:
    """Issue an API token for a user and print only the token."""
    with db.new_session() as session:
        user = users.find_user(session=session, email=email)
        _token, secret = users.issue_token(session=session, user=user, label=label)
    click.echo(secret)


@click.command("export")
@click.option("--format", "export_format", type=click.Choice([f.value for f in ExportFormat]), default="csv", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), required=True, help="File to write.")
@click.option("--as", "as_email", help="Export what this user may see (default: everything).")
@click.option("--country", "countries", multiple=True, help="Only firms of this country (repeatable).")
@reports_domain_errors
def export_command(export_format: str, output: str, as_email: str | None, countries: tuple[str, ...]) -> None:
    """Export the registry as CSV, XLSX or JSON, with the visibility rules of the API."""
    with db.new_session() as session:
        actor = users.actor_of(users.find_user(session=session, email=as_email)) if as_email else OPERATOR
        filters = FirmFilters(countries=tuple(country.upper() for country in countries))
        content = exports.export_firms(session=session, actor=actor, filters=filters, format=ExportFormat(export_format))
    with open(output, "wb") as file:
        file.write(content)
    click.echo(f"Wrote {output} ({len(content)} bytes).")


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check and report, write nothing.")
@click.option("--strict", is_flag=True, help="Import all rows or none.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, writable=True), help="Write the full report as JSON.")
def import_command(file: str, dry_run: bool, strict: bool, report_path: str | None) -> None:
    """Import a member list (CSV or XLSX); wait for the import and print its report."""
    path = Path(file)
    with db.new_session() as session:
        job = jobs.create_job(
            session=session, actor=OPERATOR, kind=IMPORT, params={"strict": strict, "dry_run": dry_run},
            file=(path.name, path.read_bytes()),
        )
    runner.run(job.id)
    with db.new_session() as session:
        job = session.get(Job, job.id)
    result = job.result or {}
    report = result.get("report") or {}
    if report_path:
        written = report or result  # the report, or why the file could not be read
        Path(report_path).write_text(json.dumps(written, ensure_ascii=False, indent=1), encoding="utf-8")
    _print_report(report)
    if job.status != JobStatus.SUCCEEDED:
        details = "; ".join(message for messages in result.get("errors", {}).values() for message in messages)
        raise click.ClickException(" ".join(filter(None, (job.error, details))) or "The import failed.")


def _print_report(report: dict) -> None:
    if not report:
        return
    counts = report["counts"]
    verb = "would import (dry run)" if report["dry_run"] else "imported" if report["written"] else "checked"
    click.echo(
        f"{report['filename']}: {counts['rows']} rows {verb}: {counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['rejected']} rejected; {counts['tagged']} with capabilities."
    )
    for line in report["problems"] + [f"Unknown column ignored: {name}" for name in report["unknown_columns"]]:
        click.echo(f"  {line}")
    shown = [row for row in report["rows"] if row["reasons"] or row["warnings"]]
    for row in shown[:REPORT_LINES]:
        notes = "; ".join(row["reasons"] or row["warnings"])
        click.echo(f"  row {row['row']} {row['status']}: {notes}")
    if len(shown) > REPORT_LINES:
        click.echo(f"  ... and {len(shown) - REPORT_LINES} more rows with notes (--report writes them all).")
    if report["untagged_rows"]:
        click.echo(f"  No capability found in rows: {_ranges(report['untagged_rows'])}")


def _ranges(numbers: list[int]) -> str:
    """2 3 4 7 as "2-4, 7"."""
    spans, start = [], None
    for previous, number in zip([None, *numbers], numbers):
        if previous is None or number != previous + 1:
            if start is not None:
                spans.append((start, previous))
            start = number
    spans.append((start, numbers[-1]))
    return ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in spans)


@click.command("duplicates")
@click.option("--country", help="Only firms of this country.")
def duplicates_command(country: str | None) -> None:
    """List pairs of firms whose names look like the same firm."""
    with db.new_session() as session:
        pairs = duplicates.find_duplicates(session=session, actor=OPERATOR, country=country.upper() if country else None)
    for pair in pairs:
        click.echo(f"{pair.first.country}  {pair.first.id:>6} {pair.first.name}  ~  {pair.second.id:>6} {pair.second.name}"
                   f"  ({', '.join(pair.shared)})")
    click.echo(f"{len(pairs)} pairs.")


@click.command("merge")
@click.argument("survivor_id", type=int)
@click.argument("merged_id", type=int)
@reports_domain_errors
def merge_command(survivor_id: int, merged_id: int) -> None:
    """Merge firm MERGED_ID into SURVIVOR_ID, keeping everything both held."""
    with db.new_session() as session:
        merge, survivor = duplicates.merge_firms(
            session=session, actor=OPERATOR, survivor_id=survivor_id, merged_id=merged_id
        )
        moved = ", ".join(f"{name}: {count}" for name, count in merge.moved.items() if name != "fields")
    click.echo(f"Merged {merged_id} into {survivor.id} ({survivor.name}); moved {moved}; filled {merge.moved['fields']}.")


@click.command("invite")
@click.argument("firm_id", type=int)
@click.option("--email", help="Only this address may redeem the invitation.")
@click.option("--days", type=click.IntRange(1, 90), default=14, show_default=True)
@reports_domain_errors
def invite_command(firm_id: int, email: str | None, days: int) -> None:
    """Invite a person to claim a firm; print only the one-time token to hand over."""
    with db.new_session() as session:
        _invitation, secret = claims.invite_claim(
            session=session, actor=OPERATOR, firm_id=firm_id, email=email, valid_for=timedelta(days=days)
        )
    click.echo(secret)


@click.command("match")
@click.option("--template", default="mspo", show_default=True, help="Trilateral template: mspo, tw-cz-us, any ...")
@click.option("--top", type=click.IntRange(1, 1000), default=100, show_default=True,
              help="How many proposals of each kind to select.")
@click.option("--max-per-firm", type=click.IntRange(1, 50), default=5, show_default=True)
@click.option("--red-flagged", type=click.Choice(["penalise", "exclude"]), default="penalise", show_default=True)
@reports_domain_errors
def match_command(template: str, top: int, max_per_firm: int, red_flagged: str) -> None:
    """Run matchmaking over the whole registry; wait for it and print a summary."""
    parameters = {"template": template, "top": top, "max_per_firm": max_per_firm, "red_flagged": red_flagged}
    with db.new_session() as session:
        run_id = matching.start_run(session=session, actor=OPERATOR, parameters=parameters).id
    with click.progressbar(length=100, label=f"Match run {run_id}") as bar:
        runner.run(run_id, listener=lambda fraction, _note: bar.update(max(0, round(fraction * 100) - bar.pos)))
    with db.new_session() as session:
        run = session.get(Job, run_id)
        if run.status != JobStatus.SUCCEEDED:
            raise click.ClickException(run.error or "The match run failed.")
        best = proposals.list_proposals(session=session, actor=OPERATOR, kind="trilateral", run_id=run_id, limit=5)[0]
    _print_run(run.result, best)


def _print_run(result: dict, best) -> None:
    counts, timings = result["counts"], result["timings"]
    click.echo(f"{result['firms']} firms scored with model {result['model_version']} in {timings['total_s']} s "
               f"(registry {result['registry_hash'][:12]}).")
    click.echo(f"{'trilateral proposals':<24}{counts['trilateral_proposals']:>8}")
    click.echo(f"{'bilateral proposals':<24}{counts['bilateral_proposals']:>8}")
    click.echo(f"{'suggestions':<24}{counts['suggestions']:>8}")
    for proposal in best:
        members = " + ".join(f"{m.name} ({m.country}, {m.role})" for m in proposal.members)
        click.echo(f"  {proposal.rank:>3}. {proposal.score:.3f}  {members}")


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise click.ClickException("No password on standard input.")
    return password
