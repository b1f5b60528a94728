"""auth generation: the token a per-process cache of resolved actors checks on every request

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 04:10:00.000000
"""
import secrets

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

generation = sa.table('generation', sa.column('scope', sa.String), sa.column('token', sa.String))


def upgrade() -> None:
    # A fresh random token even where a downgrade left the row: code before this revision wrote users
    # and tokens without replacing it, so a server's cache must not take its old value for current.
    op.execute(generation.delete().where(generation.c.scope == 'auth'))
    op.bulk_insert(generation, [{'scope': 'auth', 'token': secrets.token_hex(16)}])


def downgrade() -> None:
    # The row is left: code before this revision never reads it, and the upgrade replaces it.
    pass
