"""Themes: element.theme (a complaint types name: what an element is about, for the annual
report's upheld themes); contact.themes (compliment themes, one name a line) and the
compliment_theme vocabulary with its defaults

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 05:45:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

DEFAULTS = (
    "communication",
    "support and advice",
    "going above and beyond",
    "professionalism",
    "kindness and care",
    "outcome for the child",
    "timeliness",
    "other",
)
"""``domain.vocab.DEFAULT_COMPLIMENT_THEMES`` when this revision was written (a migration
keeps its own copy: the constant may change later)."""


def upgrade() -> None:
    with op.batch_alter_table('element', schema=None) as batch_op:
        batch_op.add_column(sa.Column('theme', sa.String(), nullable=False, server_default=''))
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.add_column(sa.Column('themes', sa.String(), nullable=False, server_default=''))
    themes = op.create_table(
        'compliment_theme',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(), nullable=False),
        sa.Column('retired', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_compliment_theme')),
        sa.UniqueConstraint('name', name=op.f('uq_compliment_theme_name')),
    )
    op.bulk_insert(themes, [{"name": name, "retired": False} for name in DEFAULTS])


def downgrade() -> None:
    op.drop_table('compliment_theme')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_column('themes')
    with op.batch_alter_table('element', schema=None) as batch_op:
        batch_op.drop_column('theme')
