"""registry generation and firm listing index

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 01:06:12.391855
"""
import secrets

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    generation = op.create_table('generation',
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('scope')
    )
    # Random, like every later token: a database rebuilt under a running server must not match its caches.
    op.bulk_insert(generation, [{'scope': 'registry', 'token': secrets.token_hex(16)}])
    with op.batch_alter_table('firm', schema=None) as batch_op:
        batch_op.create_index('ix_firm_listing', ['country', 'verification_status', 'visibility', 'name_key', 'id'], unique=False, sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))



def downgrade() -> None:
    with op.batch_alter_table('firm', schema=None) as batch_op:
        batch_op.drop_index('ix_firm_listing', sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))

    op.drop_table('generation')
