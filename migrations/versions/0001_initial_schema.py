"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 22:02:16.324010
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('role', sa.Enum('admin', 'organizer', 'firm_editor', 'reviewer', 'observer', name='role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('email')
    )
    op.create_table('capability',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('path', sa.String(length=400), nullable=False),
    sa.Column('depth', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('role_kind', sa.Enum('components', 'rnd', 'expertise', 'manufacturing', 'market_access', name='rolekind', native_enum=False, create_constraint=True), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['capability.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slug')
    )
    with op.batch_alter_table('capability', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_capability_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_capability_path'), ['path'], unique=False)

    op.create_table('firm',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('city', sa.String(length=120), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('size_band', sa.Enum('micro', 'small', 'medium', 'large', name='sizeband', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('founded_year', sa.Integer(), nullable=True),
    sa.Column('capacity_units_per_year', sa.Integer(), nullable=True),
    sa.Column('capacity_note', sa.String(length=500), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('visibility', sa.Enum('public', 'members', 'discreet', name='visibility', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('verification_status', sa.Enum('unverified', 'verified', 'suspended', name='verificationstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('search_key', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('firm', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_firm_country'), ['country'], unique=False)
        batch_op.create_index('uq_firm_live_name', ['country', 'name_key'], unique=True, sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))

    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_token_user_id'), ['user_id'], unique=False)

    op.create_table('contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=120), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_firm_id'), ['firm_id'], unique=False)

    op.create_table('firm_capability',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('capability_id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.Enum('offers', 'seeks', name='direction', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('role_kind', sa.Enum('components', 'rnd', 'expertise', 'manufacturing', 'market_access', name='rolekind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('inferred', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['capability_id'], ['capability.id'], ),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('firm_id', 'capability_id', 'direction')
    )
    with op.batch_alter_table('firm_capability', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_firm_capability_capability_id'), ['capability_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_firm_capability_firm_id'), ['firm_id'], unique=False)

    op.create_table('user_country',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('user_id', 'country')
    )
    op.create_table('user_firm',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('user_id', 'firm_id')
    )
    with op.batch_alter_table('user_firm', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_firm_firm_id'), ['firm_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('user_firm', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_firm_firm_id'))

    op.drop_table('user_firm')
    op.drop_table('user_country')
    with op.batch_alter_table('firm_capability', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_firm_capability_firm_id'))
        batch_op.drop_index(batch_op.f('ix_firm_capability_capability_id'))

    op.drop_table('firm_capability')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_firm_id'))

    op.drop_table('contact')
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_token_user_id'))

    op.drop_table('api_token')
    with op.batch_alter_table('firm', schema=None) as batch_op:
        batch_op.drop_index('uq_firm_live_name', sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_firm_country'))

    op.drop_table('firm')
    with op.batch_alter_table('capability', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_capability_path'))
        batch_op.drop_index(batch_op.f('ix_capability_parent_id'))

    op.drop_table('capability')
    op.drop_table('app_user')
