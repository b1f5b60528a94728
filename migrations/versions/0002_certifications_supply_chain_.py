"""certifications, supply-chain declarations and erasures

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 22:17:59.441340
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('certification',
    sa.Column('evidence_url', sa.String(length=500), nullable=True),
    sa.Column('evidence_note', sa.String(length=1000), nullable=True),
    sa.Column('verified_by_id', sa.Integer(), nullable=True),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('iso_9001', 'as_en_9100', 'aqap_2110', 'ncage', 'blue_uas_cleared', 'blue_uas_framework', 'green_uas', 'ndaa_compliant', 'other', name='certificationkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('reference', sa.String(length=120), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.ForeignKeyConstraint(['verified_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('certification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certification_firm_id'), ['firm_id'], unique=False)

    op.create_table('erasure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=40), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('erased_by_id', sa.Integer(), nullable=True),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['erased_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('erasure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_erasure_firm_id'), ['firm_id'], unique=False)

    op.create_table('supply_declaration',
    sa.Column('evidence_url', sa.String(length=500), nullable=True),
    sa.Column('evidence_note', sa.String(length=1000), nullable=True),
    sa.Column('verified_by_id', sa.Integer(), nullable=True),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.Enum('flight_controller', 'radio_datalink', 'camera_gimbal', 'ground_control_software', 'network_connectivity', 'data_storage', 'motors', 'batteries', 'magnets', 'chips', name='componentcategory', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('not_applicable', sa.Boolean(), nullable=False),
    sa.Column('supplier', sa.String(length=200), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.ForeignKeyConstraint(['verified_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('supply_declaration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supply_declaration_firm_id'), ['firm_id'], unique=False)

    with op.batch_alter_table('firm_capability', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_firm_capability_capability_id'))
        batch_op.create_index('ix_firm_capability_lookup', ['capability_id', 'direction', 'firm_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('firm_capability', schema=None) as batch_op:
        batch_op.drop_index('ix_firm_capability_lookup')
        batch_op.create_index(batch_op.f('ix_firm_capability_capability_id'), ['capability_id'], unique=False)

    with op.batch_alter_table('supply_declaration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supply_declaration_firm_id'))

    op.drop_table('supply_declaration')
    with op.batch_alter_table('erasure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_erasure_firm_id'))

    op.drop_table('erasure')
    with op.batch_alter_table('certification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certification_firm_id'))

    op.drop_table('certification')
