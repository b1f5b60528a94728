"""firm merges and claim invitations

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 22:48:45.804208
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('claim_invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.ForeignKeyConstraint(['used_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('claim_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_invitation_firm_id'), ['firm_id'], unique=False)

    op.create_table('firm_merge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survivor_id', sa.Integer(), nullable=False),
    sa.Column('merged_id', sa.Integer(), nullable=False),
    sa.Column('merged_by_id', sa.Integer(), nullable=True),
    sa.Column('merged_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('moved', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['merged_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['merged_id'], ['firm.id'], ),
    sa.ForeignKeyConstraint(['survivor_id'], ['firm.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('merged_id')
    )
    with op.batch_alter_table('firm_merge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_firm_merge_survivor_id'), ['survivor_id'], unique=False)

    with op.batch_alter_table('firm', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_firm_merged_into_id_firm', 'firm', ['merged_into_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('firm', schema=None) as batch_op:
        batch_op.drop_constraint('fk_firm_merged_into_id_firm', type_='foreignkey')
        batch_op.drop_column('merged_into_id')

    with op.batch_alter_table('firm_merge', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_firm_merge_survivor_id'))

    op.drop_table('firm_merge')
    with op.batch_alter_table('claim_invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_invitation_firm_id'))

    op.drop_table('claim_invitation')
