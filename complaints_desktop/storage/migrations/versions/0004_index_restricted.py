"""index complaints by restricted (hiding restricted cases costs an index look-up)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 04:15:00.000000
"""

from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_restricted'), ['restricted'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_restricted'))
