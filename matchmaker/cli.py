"""The ``matchmaker`` command: schema, demo data, users and tokens."""
import functools
import sys

import click
from flask import Flask
from flask.cli import AppGroup, FlaskGroup

from matchmaker import migrate
from matchmaker.domain.access import Actor
from matchmaker.domain.enums import Role
from matchmaker.domain.errors import DomainError
from matchmaker.extensions import db
from matchmaker.resources import DEMO_FIRMS_FILE, TAXONOMY_FILE
from matchmaker.services import exports, seed, taxonomy, users
from matchmaker.services.exports import ExportFormat
from matchmaker.services.firms import FirmFilters

db_cli = AppGroup("db", help="Build or migrate the database schema.")
users_cli = AppGroup("users", help="Manage users.")
tokens_cli = AppGroup("tokens", help="Manage API tokens.")


# Whoever runs the CLI on the server can read the database anyway; --as narrows to a user's view.
OPERATOR = Actor(role=Role.ADMIN)


def register_cli(app: Flask) -> None:
    for group in (db_cli, users_cli, tokens_cli):
        app.cli.add_command(group)
    for command in (seed_command, export_command):
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


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise click.ClickException("No password on standard input.")
    return password
