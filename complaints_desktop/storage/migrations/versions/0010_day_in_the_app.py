"""Contacts: the name, title, address and e-mail a reply goes to; learning actions: the
date implemented (or decided not to be); complaints: the date the complainant learned of
the events, the child's legal status and views, reasonable adjustments and their review
date; complaint.search_text refilled folded (accents,
apostrophes and hyphens off; names also without their spaces)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 23:55:00.000000
"""

import unicodedata

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


BATCH = 5000

complaint = sa.table(
    'complaint',
    sa.column('id', sa.Integer),
    sa.column('reference', sa.String),
    sa.column('summary', sa.String),
    sa.column('complainant_id', sa.Integer),
    sa.column('child_id', sa.Integer),
    sa.column('search_text', sa.String),
)
person = sa.table('person', sa.column('id', sa.Integer), sa.column('name', sa.String))
child = sa.table(
    'child', sa.column('id', sa.Integer), sa.column('name', sa.String),
    sa.column('system_id', sa.String),
)
link = sa.table(
    'complaint_team', sa.column('complaint_id', sa.Integer), sa.column('team_id', sa.Integer),
    sa.column('position', sa.Integer),
)
team = sa.table('team', sa.column('id', sa.Integer), sa.column('name', sa.String))

_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "\u0131": "i", "ħ": "h", "ŧ": "t", "ß": "ss"}
    | {"æ": "ae", "œ": "oe", "þ": "th", "ĳ": "ij"}
    | dict.fromkeys("'`\u2019\u2018\u00b4\u02bc\u2032-\u2010\u2011\u2012\u2013\u2014", "")
)


def fold(text):
    """storage.search_text.fold as of this revision."""
    lower = text.casefold().translate(_LETTERS)
    if lower.isascii():
        return lower
    bare = unicodedata.normalize("NFKD", lower)
    return "".join(c for c in bare if not unicodedata.combining(c))


def compose(*parts, names=()):
    """storage.search_text.compose as of this revision."""
    text = " ".join(fold(" ".join(p for p in parts if p)).split())
    joined = [fold("".join(n.split())) for n in names if n and len(n.split()) > 1]
    return " ".join([text, *joined]) if joined else text


def _refill(connection) -> None:
    """Every case's search text, folded, BATCH cases at a time (in id order)."""
    after = 0
    rows_query = (
        sa.select(
            complaint.c.id, complaint.c.reference, complaint.c.summary, person.c.name,
            child.c.name, child.c.system_id,
        )
        .select_from(complaint)
        .outerjoin(person, person.c.id == complaint.c.complainant_id)
        .outerjoin(child, child.c.id == complaint.c.child_id)
        .order_by(complaint.c.id)
        .limit(BATCH)
    )
    write = (
        sa.update(complaint)
        .where(complaint.c.id == sa.bindparam('case_id'))
        .values(search_text=sa.bindparam('text'))
    )
    while True:
        rows = connection.execute(rows_query.where(complaint.c.id > after)).all()
        if not rows:
            return
        last = rows[-1][0]
        teams = {}
        for cid, name in connection.execute(
            sa.select(link.c.complaint_id, team.c.name)
            .join(team, team.c.id == link.c.team_id)
            .where(link.c.complaint_id > after, link.c.complaint_id <= last)
            .order_by(link.c.complaint_id, link.c.position)
        ):
            teams.setdefault(cid, []).append(name)
        connection.execute(
            write,
            [
                {
                    'case_id': r[0],
                    'text': compose(*r[1:], *teams.get(r[0], []), names=(r[3], r[4])),
                }
                for r in rows
            ],
        )
        after = last


def upgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.add_column(sa.Column('learned_of', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('adjustments_review', sa.Date(), nullable=True))
        for name in ('legal_status', 'child_views', 'adjustments'):
            batch_op.add_column(
                sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                          server_default='')
            )
    with op.batch_alter_table('contact', schema=None) as batch_op:
        for name in ('name', 'title', 'address', 'email'):
            batch_op.add_column(
                sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                          server_default='')
            )
    with op.batch_alter_table('learning_action', schema=None) as batch_op:
        batch_op.add_column(sa.Column('completed', sa.Date(), nullable=True))
    _refill(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        for name in ('adjustments', 'child_views', 'legal_status', 'adjustments_review',
                     'learned_of'):
            batch_op.drop_column(name)
    with op.batch_alter_table('learning_action', schema=None) as batch_op:
        batch_op.drop_column('completed')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        for name in ('email', 'address', 'title', 'name'):
            batch_op.drop_column(name)
