-- complaints_desktop on PostgreSQL: group roles the server enforces.
--
-- Run once by the database owner, connected to the complaints database, after the
-- application has created its tables (start it once with --db postgresql://owner@host/db),
-- and again after an upgrade that adds tables:
--     psql "postgresql://owner@dbserver/complaints" -f postgres_roles.sql
-- Then give each person a login in one group, e.g.
--     CREATE ROLE jsmith LOGIN PASSWORD '...' IN ROLE cd_officer;
-- and add the same account in the application (Settings > Users) with the matching role.
-- The server refuses what the group may not do; the application checks its finer roles
-- (e.g. only managers extend a stage) on top.

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

GRANT USAGE ON SCHEMA public TO cd_viewer, cd_officer, cd_manager, cd_admin;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public
    TO cd_viewer, cd_officer, cd_manager, cd_admin;

-- Viewers read everything and change nothing; their views of restricted cases are audited.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO cd_viewer;
GRANT INSERT ON audit TO cd_viewer;

-- Officers and managers change cases, contacts, letters; the user list stays read-only.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cd_officer, cd_manager;
REVOKE INSERT, UPDATE, DELETE ON user_account, alembic_version FROM cd_officer, cd_manager;

-- Administrators also manage users and settings.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cd_admin;

-- Nobody rewrites history: the audit trail is append-only for every group.
REVOKE UPDATE, DELETE ON audit FROM cd_viewer, cd_officer, cd_manager, cd_admin;
