"""letters: the PDF sent and how it went; a complainant's title; the reader's extension
reason; stage 2 addressees' addresses; the panel's time and venue

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 23:40:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

STAGE_TEXT = ('extension_letter_reason', 'io_address', 'ip_address', 'panel_time', 'panel_venue')


def _text(name: str) -> sa.Column:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default='')


def upgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(_text('title'))
    with op.batch_alter_table('stage', schema=None) as batch_op:
        for name in STAGE_TEXT:
            batch_op.add_column(_text(name))
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.add_column(_text('how'))
        batch_op.add_column(sa.Column('pdf', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.drop_column('pdf')
        batch_op.drop_column('how')
    with op.batch_alter_table('stage', schema=None) as batch_op:
        for name in reversed(STAGE_TEXT):
            batch_op.drop_column(name)
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('title')
