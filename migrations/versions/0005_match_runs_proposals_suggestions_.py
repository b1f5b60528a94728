"""match runs: proposals, suggestions, exclusions

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 22:55:42.376249
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('match_exclusion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('other_firm_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.ForeignKeyConstraint(['other_firm_id'], ['firm.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('firm_id', 'other_firm_id')
    )
    with op.batch_alter_table('match_exclusion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_match_exclusion_firm_id'), ['firm_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_match_exclusion_other_firm_id'), ['other_firm_id'], unique=False)

    op.create_table('proposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('template', sa.String(length=40), nullable=True),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('score_parts', sa.JSON(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['job.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.create_index('ix_proposal_run_kind_rank', ['run_id', 'kind', 'rank'], unique=False)

    op.create_table('suggestion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('template', sa.String(length=40), nullable=True),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('score_parts', sa.JSON(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('members', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.ForeignKeyConstraint(['run_id'], ['job.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('suggestion', schema=None) as batch_op:
        batch_op.create_index('ix_suggestion_run_firm_kind_rank', ['run_id', 'firm_id', 'kind', 'rank'], unique=False)

    op.create_table('proposal_member',
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], ),
    sa.PrimaryKeyConstraint('proposal_id', 'position')
    )
    with op.batch_alter_table('proposal_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_member_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_member_firm_id'), ['firm_id'], unique=False)

    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scope', sa.String(length=80), nullable=True))
        batch_op.create_index('uq_job_active_scope', ['kind', 'scope'], unique=True, sqlite_where=sa.text("status IN ('queued', 'running')"), postgresql_where=sa.text("status IN ('queued', 'running')"))



def downgrade() -> None:
    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.drop_index('uq_job_active_scope', sqlite_where=sa.text("status IN ('queued', 'running')"), postgresql_where=sa.text("status IN ('queued', 'running')"))
        batch_op.drop_column('scope')

    with op.batch_alter_table('proposal_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_member_firm_id'))
        batch_op.drop_index(batch_op.f('ix_proposal_member_country'))

    op.drop_table('proposal_member')
    with op.batch_alter_table('suggestion', schema=None) as batch_op:
        batch_op.drop_index('ix_suggestion_run_firm_kind_rank')

    op.drop_table('suggestion')
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_index('ix_proposal_run_kind_rank')

    op.drop_table('proposal')
    with op.batch_alter_table('match_exclusion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_match_exclusion_other_firm_id'))
        batch_op.drop_index(batch_op.f('ix_match_exclusion_firm_id'))

    op.drop_table('match_exclusion')
