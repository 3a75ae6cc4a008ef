"""add unit of measures table

Revision ID: c9f0b720f6c2
Revises: 6067bf0c7322
Create Date: 2026-02-19

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'c9f0b720f6c2'
down_revision = '6067bf0c7322'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('unit_of_measures',
        sa.Column('id_unit_of_measure', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=50), nullable=False),
        sa.Column('abbreviation', sa.String(length=10), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.TIMESTAMP(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
        sa.Column('updated_at', sa.TIMESTAMP(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
        sa.Column('deleted_at', sa.TIMESTAMP(), nullable=True),
        sa.Column('created_by', sa.String(length=100), nullable=True),
        sa.Column('updated_by', sa.String(length=100), nullable=True),
        sa.Column('deleted_by', sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint('id_unit_of_measure'),
        sa.UniqueConstraint('abbreviation'),
        sa.UniqueConstraint('name')
    )


def downgrade():
    op.drop_table('unit_of_measures')
