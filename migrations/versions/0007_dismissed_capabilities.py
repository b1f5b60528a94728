"""dismissed capabilities: what a person removed from a firm, so a re-import does not infer it again

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 02:44:50.264700
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dismissed_capability',
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('capability_id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.Enum('offers', 'seeks', name='direction', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('dismissed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['capability_id'], ['capability.id'], ),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.PrimaryKeyConstraint('firm_id', 'capability_id', 'direction')
    )


def downgrade() -> None:
    op.drop_table('dismissed_capability')
