"""Contacts: the name, title, address and e-mail a reply goes to; learning actions: the
date implemented (or decided not to be)

Revision ID: 0010
Revises: 0005
Create Date: 2026-12-06 23:55:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0010'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('contact', schema=None) as batch_op:
        for name in ('name', 'title', 'address', 'email'):
            batch_op.add_column(
                sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                          server_default='')
            )
    with op.batch_alter_table('learning_action', schema=None) as batch_op:
        batch_op.add_column(sa.Column('completed', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('learning_action', schema=None) as batch_op:
        batch_op.drop_column('completed')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        for name in ('email', 'address', 'title', 'name'):
            batch_op.drop_column(name)
