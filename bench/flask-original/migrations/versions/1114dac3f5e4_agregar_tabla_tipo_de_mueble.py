"""agregar tabla tipo de mueble

Revision ID: 1114dac3f5e4
Revises: c9f0b720f6c2
Create Date: 2026-02-20

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '1114dac3f5e4'
down_revision = 'c9f0b720f6c2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('furniture_type',
        sa.Column('id_furniture_type', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=50), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.TIMESTAMP(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
        sa.Column('updated_at', sa.TIMESTAMP(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
        sa.Column('deleted_at', sa.TIMESTAMP(), nullable=True),
        sa.Column('created_by', sa.String(length=100), nullable=True),
        sa.Column('updated_by', sa.String(length=100), nullable=True),
        sa.Column('deleted_by', sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint('id_furniture_type'),
        sa.UniqueConstraint('name')
    )


def downgrade():
    op.drop_table('furniture_type')
