"""complaint.search_text: the words a case-list search matches, filled for every case;
index complaints by procedure and stage (replacing the index on procedure alone)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 05:20:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
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


def compose(*parts):
    """storage.search_text.compose as of this revision: one line, single spaces, lower case."""
    return " ".join(" ".join(p for p in parts if p).split()).lower()


def _fill(connection) -> None:
    """Every case's search text, BATCH cases at a time (in id order)."""
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
                {'case_id': r[0], 'text': compose(*r[1:], *teams.get(r[0], []))}
                for r in rows
            ],
        )
        after = last


def upgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('search_text', sa.Text(), nullable=False, server_default='')
        )
        batch_op.drop_index('ix_complaint_procedure')
        batch_op.create_index('ix_complaint_procedure_stage', ['procedure', 'stage'], unique=False)
    connection = op.get_bind()
    _fill(connection)
    if connection.dialect.name == 'sqlite':  # PostgreSQL's B-tree keys are too short for it
        with op.batch_alter_table('complaint', schema=None) as batch_op:
            batch_op.create_index(
                batch_op.f('ix_complaint_search_text'), ['search_text'], unique=False
            )


def downgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        if op.get_bind().dialect.name == 'sqlite':
            batch_op.drop_index(batch_op.f('ix_complaint_search_text'))
        batch_op.drop_column('search_text')
        batch_op.drop_index('ix_complaint_procedure_stage')
        batch_op.create_index('ix_complaint_procedure', ['procedure'], unique=False)
