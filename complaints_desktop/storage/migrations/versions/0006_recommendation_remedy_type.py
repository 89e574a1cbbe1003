"""recommendation.remedy_type: the remedies-vocabulary name of an Ombudsman recommendation

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 23:40:00.000000
"""

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('remedy_type', sa.String(), nullable=False, server_default='')
        )


def downgrade() -> None:
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_column('remedy_type')
