"""audit: a keyed seal (SQLite) or a server-written one (PostgreSQL), and audit.state

Every entry is re-sealed with the new seal (``length:value`` fields; an HMAC with the
account's key kept outside the database on SQLite, SHA-256 written by the server on
PostgreSQL) when the old chain still verifies; a trail that already fails its check is
left as it is, so ``check`` goes on reporting it.

On PostgreSQL this revision also creates the functions through which the trail is
written (``cd_audit_append``: under an advisory lock, so two people saving at once never
fork the chain; the entry names the login) and redacted (``cd_audit_redact``: retention
only, re-seals and records what it redacted). Both run as the owner of the tables
(SECURITY DEFINER); ``packaging/postgres_roles.sql`` then revokes every direct write on
``audit`` and grants ``cd_audit_redact`` to managers and administrators only.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-06 23:30:00.000000
"""

import hashlib
import hmac
import json
from datetime import UTC

from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes


revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None

CHAIN_LOCK = 0x636F6D70  # storage.audit.CHAIN_LOCK

audit = sa.table(
    'audit',
    sa.column('id', sa.Integer),
    sa.column('at', sqlmodel.sql.sqltypes.UTCDateTime()),
    sa.column('user', sa.String),
    sa.column('action', sa.String),
    sa.column('entity', sa.String),
    sa.column('entity_id', sa.Integer),
    sa.column('reference', sa.String),
    sa.column('changes', sa.String),
    sa.column('state', sa.String),
    sa.column('prev_hash', sa.String),
    sa.column('hash', sa.String),
)

FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION cd_audit_seal(
    p_prev text, p_at timestamptz, p_user text, p_action text, p_entity text,
    p_entity_id integer, p_reference text, p_changes text, p_state text
) RETURNS text LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    fields text[] := ARRAY[
        p_prev, to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'), p_user,
        p_action, p_entity, coalesce(p_entity_id::text, ''), p_reference, p_changes,
        p_state];
    payload text := '';
    f text;
BEGIN
    FOREACH f IN ARRAY fields LOOP
        payload := payload || length(f)::text || ':' || f;
    END LOOP;
    RETURN encode(sha256(convert_to(payload, 'UTF8')), 'hex');
END $$;

CREATE OR REPLACE FUNCTION cd_audit_may_name(p_user text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    -- The login is the person; only the tables' owner (the set-up account) and
    -- superusers may write an entry in another name (tests, and imports run by IT).
    SELECT CASE WHEN session_user = (SELECT tableowner FROM pg_tables
                                     WHERE tablename = 'audit' AND schemaname = 'public')
                  OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
                THEN p_user ELSE session_user::text END
$$;

CREATE OR REPLACE FUNCTION cd_audit_append(
    p_user text, p_action text, p_entity text, p_entity_id integer, p_reference text,
    p_changes text, p_state text
) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_user text := cd_audit_may_name(p_user);
    v_at timestamptz := date_trunc('second', now());
    v_prev text;
BEGIN
    PERFORM pg_advisory_xact_lock({CHAIN_LOCK});
    SELECT hash INTO v_prev FROM audit ORDER BY id DESC LIMIT 1;
    v_prev := coalesce(v_prev, '');
    INSERT INTO audit (at, "user", action, entity, entity_id, reference, changes, state,
                       prev_hash, hash)
    VALUES (v_at, v_user, p_action, p_entity, p_entity_id, p_reference, p_changes,
            coalesce(p_state, ''), v_prev,
            cd_audit_seal(v_prev, v_at, v_user, p_action, p_entity, p_entity_id,
                          p_reference, p_changes, coalesce(p_state, '')));
END $$;

CREATE OR REPLACE FUNCTION cd_audit_rechain(p_first integer) RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    v_prev text;
    r record;
BEGIN
    SELECT hash INTO v_prev FROM audit WHERE id < p_first ORDER BY id DESC LIMIT 1;
    v_prev := coalesce(v_prev, '');
    FOR r IN SELECT * FROM audit WHERE id >= p_first ORDER BY id LOOP
        UPDATE audit SET prev_hash = v_prev,
            hash = cd_audit_seal(v_prev, r.at, r."user", r.action, r.entity, r.entity_id,
                                 r.reference, r.changes, r.state)
        WHERE id = r.id RETURNING hash INTO v_prev;
    END LOOP;
END $$;

CREATE OR REPLACE FUNCTION cd_audit_redact(
    p_user text, p_refs text[], p_replacement text, p_why text
) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_last integer;
    v_head text;
    v_first integer;
    v_changed integer := 0;
    v_new text;
    r record;
BEGIN
    PERFORM pg_advisory_xact_lock({CHAIN_LOCK});
    SELECT id, hash INTO v_last, v_head FROM audit ORDER BY id DESC LIMIT 1;
    FOR r IN SELECT id, changes, state FROM audit WHERE reference = ANY(p_refs) ORDER BY id
    LOOP
        BEGIN
            SELECT coalesce(jsonb_object_agg(k, p_replacement), '{{}}'::jsonb)::text INTO v_new
            FROM jsonb_object_keys(r.changes::jsonb) AS k;
        EXCEPTION WHEN others THEN  -- not a JSON object
            v_new := jsonb_build_object('changes', p_replacement)::text;
        END;
        IF v_new <> r.changes OR r.state <> '' THEN
            UPDATE audit SET changes = v_new, state = '' WHERE id = r.id;
            v_changed := v_changed + 1;
            v_first := coalesce(v_first, r.id);
        END IF;
    END LOOP;
    IF v_first IS NOT NULL THEN
        PERFORM cd_audit_rechain(v_first);
        PERFORM cd_audit_append(p_user, 'audit trail re-sealed', 'audit', NULL, '',
            jsonb_build_object('why', p_why, 'entries redacted', v_changed,
                               'last entry before', v_last,
                               'chain hash before', v_head)::text, '');
    END IF;
    RETURN v_changed;
END $$;

CREATE OR REPLACE FUNCTION cd_audit_verify() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_prev text := '';
    r record;
BEGIN
    -- As the owner: the whole trail, including entries row-level security hides.
    FOR r IN SELECT * FROM audit ORDER BY id LOOP
        IF r.prev_hash <> v_prev OR r.hash <> cd_audit_seal(v_prev, r.at, r."user", r.action,
                r.entity, r.entity_id, r.reference, r.changes, r.state) THEN
            RETURN NEXT r.id;
        END IF;
        v_prev := r.hash;
    END LOOP;
END $$;

REVOKE ALL ON FUNCTION cd_audit_rechain(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION cd_audit_redact(text, text[], text, text) FROM PUBLIC;
"""


def _old_digest(prev, e) -> str:
    """storage.audit's seal before this revision (unkeyed SHA-256 of a JSON list)."""
    payload = json.dumps(
        [prev, e.at.isoformat(), e.user, e.action, e.entity, e.entity_id, e.reference,
         e.changes],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode('utf-8')).hexdigest()


def _new_seal(key: bytes, prev: str, e) -> str:
    """storage.audit's seal as of this revision (SQLite: HMAC with the account's key)."""
    fields = (
        prev, e.at.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%S'), e.user, e.action, e.entity,
        '' if e.entity_id is None else str(e.entity_id), e.reference, e.changes, '',
    )
    payload = ''.join(f'{len(f)}:{f}' for f in fields).encode('utf-8')
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def _old_chain_intact(connection) -> bool:
    prev = ''
    for e in connection.execute(sa.select(audit).order_by(audit.c.id)):
        if e.prev_hash != prev or e.hash != _old_digest(prev, e):
            return False
        prev = e.hash
    return True


def upgrade() -> None:
    connection = op.get_bind()
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default=''))
    postgres = connection.dialect.name == 'postgresql'
    if postgres:
        connection.exec_driver_sql(FUNCTIONS)
    if not _old_chain_intact(connection):
        return  # left as it is: check reports it
    if postgres:
        connection.exec_driver_sql('SELECT cd_audit_rechain(1)')
        return
    from complaints_desktop.storage.audit_key import chain_key

    key = chain_key()
    prev = ''
    rows = list(connection.execute(sa.select(audit).order_by(audit.c.id)))
    for e in rows:
        seal = _new_seal(key, prev, e)
        connection.execute(
            audit.update().where(audit.c.id == e.id).values(prev_hash=prev, hash=seal)
        )
        prev = seal


def downgrade() -> None:
    raise NotImplementedError('the keyed seal cannot be undone')
