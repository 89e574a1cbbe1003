-- complaints_desktop on PostgreSQL: the group roles, their grants and row-level security.
--
-- Run by a PostgreSQL superuser (e.g. postgres; creating roles needs it or CREATEROLE),
-- connected to the complaints database, after the application has created its tables:
--  1. CREATE ROLE complaints_owner LOGIN PASSWORD '...';
--     CREATE DATABASE complaints OWNER complaints_owner;
--  2. start the application once as the owner, which creates the tables and becomes the
--     first administrator:   complaints-desktop --db postgresql://complaints_owner@dbserver/complaints check
--  3. psql "postgresql://postgres@dbserver/complaints" -v ON_ERROR_STOP=1 -f postgres_roles.sql
--     (again after every upgrade of the application: it is safe to run twice).
-- Then give each person a login in exactly one group, e.g.
--     CREATE ROLE jsmith LOGIN PASSWORD '...' IN ROLE cd_officer;
-- and add the same login name in the application (Settings > Users) with that role.
-- A login's role in the application is never more than its group allows.
--
-- What the server enforces (domain/access.py, table by table):
--   cd_viewer   reads; changes nothing.
--   cd_officer  + writes cases, their people, stages, notes, letters, documents and
--               contacts; adds list entries an import names (teams, types, ...).
--   cd_manager  + deletes and anonymises (retention, through cd_audit_redact for the
--               trail), restricts cases (case_access, complaint.restricted), writes
--               letter templates and the annual report commentary.
--   cd_admin    + settings, users, lists (rename, retire), closure days.
-- Restricted cases: a login sees a restricted complaint (and its people, stages, notes,
-- letters, documents, audit entries) only when named on it; an administrator also sees
-- one naming nobody. The owner (complaints_owner) is not subject to these rules: keep its
-- password with IT. Nobody writes the audit trail directly: entries are appended by
-- cd_audit_append (names the login, chained under a lock) and values removed only by
-- cd_audit_redact (managers, for retention; it records what it removed).

SET client_min_messages = warning;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cd_viewer') THEN
        CREATE ROLE cd_viewer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cd_officer') THEN
        CREATE ROLE cd_officer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cd_manager') THEN
        CREATE ROLE cd_manager NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cd_admin') THEN
        CREATE ROLE cd_admin NOLOGIN;
    END IF;
END
$$;

-- Start from nothing, so running the script again after a change takes grants away too.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, cd_viewer, cd_officer, cd_manager, cd_admin;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, cd_viewer, cd_officer, cd_manager, cd_admin;
GRANT USAGE ON SCHEMA public TO cd_viewer, cd_officer, cd_manager, cd_admin;

-- Who this login is, as the server sees it ('' for none of the groups).
CREATE OR REPLACE FUNCTION cd_role() RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE
        WHEN pg_has_role(session_user, 'cd_admin', 'MEMBER') THEN 'administrator'
        WHEN pg_has_role(session_user, 'cd_manager', 'MEMBER') THEN 'manager'
        WHEN pg_has_role(session_user, 'cd_officer', 'MEMBER') THEN 'officer'
        WHEN pg_has_role(session_user, 'cd_viewer', 'MEMBER') THEN 'viewer'
        ELSE '' END
$$;

-- The restricted complaints this login may not see (read as the owner: it sees all).
CREATE OR REPLACE FUNCTION cd_hidden_ids() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(c.id), '{}') FROM complaint c
    WHERE c.restricted
      AND NOT EXISTS (SELECT 1 FROM case_access a
                      WHERE a.complaint_id = c.id AND lower(a.account) = lower(session_user))
      AND NOT (cd_role() = 'administrator'
               AND NOT EXISTS (SELECT 1 FROM case_access a WHERE a.complaint_id = c.id))
$$;

CREATE OR REPLACE FUNCTION cd_hidden_references() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(reference), '{}') FROM complaint
    WHERE id = ANY (cd_hidden_ids())
$$;

CREATE OR REPLACE FUNCTION cd_hidden_people() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(complainant_id), '{}') FROM complaint
    WHERE id = ANY (cd_hidden_ids()) AND complainant_id IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION cd_hidden_children() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(child_id), '{}') FROM complaint
    WHERE id = ANY (cd_hidden_ids()) AND child_id IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION cd_hidden_stages() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(id), '{}') FROM stage WHERE complaint_id = ANY (cd_hidden_ids())
$$;

CREATE OR REPLACE FUNCTION cd_hidden_elements() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(id), '{}') FROM element WHERE complaint_id = ANY (cd_hidden_ids())
$$;

CREATE OR REPLACE FUNCTION cd_hidden_ombudsman() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(id), '{}') FROM ombudsman WHERE complaint_id = ANY (cd_hidden_ids())
$$;

-- Only managers and administrators restrict, hold or anonymise a complaint.
CREATE OR REPLACE FUNCTION cd_guard_complaint() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF cd_role() IN ('', 'viewer', 'officer')
       AND session_user <> (SELECT tableowner FROM pg_tables
                            WHERE tablename = 'complaint' AND schemaname = 'public')
       AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
       AND (NEW.restricted IS DISTINCT FROM OLD.restricted
            OR NEW.legal_hold IS DISTINCT FROM OLD.legal_hold
            OR NEW.anonymised IS DISTINCT FROM OLD.anonymised) THEN
        RAISE EXCEPTION 'only a manager may restrict, hold or anonymise a complaint'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS cd_guard_complaint ON complaint;
CREATE TRIGGER cd_guard_complaint BEFORE UPDATE ON complaint
    FOR EACH ROW EXECUTE FUNCTION cd_guard_complaint();

-- Row-level security: the policies (dropped and made again, so the script can rerun).
DO $$
DECLARE
    rule record;
BEGIN
    FOR rule IN SELECT * FROM (VALUES
        ('complaint', 'id <> ALL ((SELECT cd_hidden_ids())::integer[])'),
        ('person', 'id <> ALL ((SELECT cd_hidden_people())::integer[])'),
        ('child', 'id <> ALL ((SELECT cd_hidden_children())::integer[])'),
        ('complaint_team', 'complaint_id <> ALL ((SELECT cd_hidden_ids())::integer[])'),
        ('complaint_type_link', 'complaint_id <> ALL ((SELECT cd_hidden_ids())::integer[])'),
        ('complaint_remedy', 'complaint_id <> ALL ((SELECT cd_hidden_ids())::integer[])'),
        ('stage', 'complaint_id <> ALL ((SELECT cd_hidden_ids())::integer[])'),
        ('suspension', 'stage_id <> ALL ((SELECT cd_hidden_stages())::integer[])'),
        ('element', 'complaint_id <> ALL ((SELECT cd_hidden_ids())::integer[])'),
        ('finding', 'element_id <> ALL ((SELECT cd_hidden_elements())::integer[])'),
        ('ombudsman', 'complaint_id <> ALL ((SELECT cd_hidden_ids())::integer[])'),
        ('recommendation', 'ombudsman_id <> ALL ((SELECT cd_hidden_ombudsman())::integer[])'),
        ('learning_action', 'complaint_id <> ALL ((SELECT cd_hidden_ids())::integer[])'),
        ('letter', 'complaint_id IS NULL OR complaint_id <> ALL ((SELECT cd_hidden_ids())::integer[])'),
        ('note', 'complaint_id <> ALL ((SELECT cd_hidden_ids())::integer[])'),
        ('document', 'complaint_id <> ALL ((SELECT cd_hidden_ids())::integer[])'),
        ('case_access', 'complaint_id <> ALL ((SELECT cd_hidden_ids())::integer[])'),
        ('audit', 'reference <> ALL ((SELECT cd_hidden_references())::text[])')
    ) AS t(tab, visible) LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', rule.tab);
        EXECUTE format('DROP POLICY IF EXISTS cd_visible ON %I', rule.tab);
        EXECUTE format('CREATE POLICY cd_visible ON %I USING (%s) WITH CHECK (true)',
                       rule.tab, rule.visible);
    END LOOP;
END
$$;

-- Settings: administrators change any; managers the letter templates and the annual
-- report commentary; officers keep the bank-holiday cache; viewers nothing.
ALTER TABLE setting ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS cd_read ON setting;
DROP POLICY IF EXISTS cd_write ON setting;
CREATE POLICY cd_read ON setting FOR SELECT USING (true);
CREATE POLICY cd_write ON setting FOR ALL USING (
    cd_role() = 'administrator'
    OR (cd_role() = 'manager' AND (key LIKE 'template:%' OR key LIKE 'commentary:%'))
    OR key = 'bank_holidays_cache'
) WITH CHECK (
    cd_role() = 'administrator'
    OR (cd_role() = 'manager' AND (key LIKE 'template:%' OR key LIKE 'commentary:%'))
    OR key = 'bank_holidays_cache'
);

-- Every group reads (within the policies above).
GRANT SELECT ON ALL TABLES IN SCHEMA public TO cd_viewer, cd_officer, cd_manager, cd_admin;

-- Officers: cases and their detail rows, contacts, letters, notes, documents.
GRANT INSERT, UPDATE ON complaint, person, child, contact
    TO cd_officer, cd_manager, cd_admin;
GRANT INSERT, UPDATE, DELETE ON
    complaint_team, complaint_type_link, complaint_remedy, stage, suspension, element,
    finding, ombudsman, recommendation, learning_action, contact_team, letter, note, document
    TO cd_officer, cd_manager, cd_admin;
GRANT INSERT ON team, service_area, complaint_type, remedy, advocacy_provider
    TO cd_officer, cd_manager, cd_admin;
GRANT INSERT, UPDATE ON setting TO cd_officer, cd_manager, cd_admin;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO cd_officer, cd_manager, cd_admin;

-- Managers: retention (delete), restriction (case_access), templates and commentary.
GRANT DELETE ON complaint, person, child, contact TO cd_manager, cd_admin;
GRANT INSERT, DELETE ON case_access TO cd_manager, cd_admin;

-- Administrators: settings, users, lists, closure days.
GRANT DELETE ON setting TO cd_admin;
GRANT INSERT, UPDATE ON user_account TO cd_admin;
GRANT UPDATE, DELETE ON team, service_area, complaint_type, remedy, advocacy_provider
    TO cd_admin;
GRANT INSERT, UPDATE, DELETE ON closure_day TO cd_admin;

-- The audit trail: no group writes it directly (no INSERT, UPDATE or DELETE above).
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cd_audit_append(text, text, text, integer, text, text, text)
    TO cd_viewer, cd_officer, cd_manager, cd_admin;
GRANT EXECUTE ON FUNCTION cd_audit_verify() TO cd_viewer, cd_officer, cd_manager, cd_admin;
REVOKE ALL ON FUNCTION cd_audit_redact(text, text[], text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cd_audit_redact(text, text[], text, text) TO cd_manager, cd_admin;
