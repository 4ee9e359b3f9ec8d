"""The per-user PostgreSQL login roles of schemas 0003 to 0008, kept only for the migrations.

From 0003 every Sales Center user was a PostgreSQL login role in a group role per
Sales Center role, with grants and guard triggers that refused what the user's role
forbade. Desks now reach only the Sales Center server (SRV-1), which is the one holder
of database credentials and enforces every rule in the service layer; migration
0006_sessions takes these objects away. ``install`` is what 0003, 0007 and 0008 (and a
downgrade below 0006_sessions) put in place; ``uninstall`` what 0006_sessions removes.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection

from . import roles_rep_day as rep_day

GROUPS = {"csr": "sc_csr", "supervisor": "sc_supervisor", "admin": "sc_admin"}
MAX_USERNAME = 53  # 63 bytes per PostgreSQL name, less the "sc_<tag>_" prefix

# What a CSR (and through membership a supervisor) could write; everything else was read-only.
_CSR_WRITES = {
    "orders": "INSERT, UPDATE",
    "order_items": "INSERT, UPDATE, DELETE",
    "payments": "INSERT, UPDATE",
    "blocks": "INSERT, UPDATE",
    "holds": "INSERT, UPDATE",
    "notes": "INSERT, UPDATE",
    "edit_locks": "INSERT, UPDATE, DELETE",
    "customers": "INSERT, UPDATE",
    "addresses": "INSERT, UPDATE",
    "preferences": "INSERT, UPDATE",
    "history": "INSERT",
    "ticklers": "INSERT, UPDATE",
    "tickler_actions": "INSERT",
    "audit_trail": "INSERT",
    "order_promotions": "INSERT, DELETE",
}
# Tables a later migration adds: install skips their grants and guards until they exist.
_LATER_TABLES = {"ticklers", "tickler_actions", "audit_trail", "order_promotions"}
_USER_COLUMNS = "id, username, role, active, created_at, login_role"


def database_tag(database: str) -> str:
    return hashlib.sha256(database.encode()).hexdigest()[:6]


def login_prefix(database: str) -> str:
    """Login roles of one database were named ``sc_<tag>_<username>``."""
    return f"sc_{database_tag(database)}_"


def install(connection: Connection) -> None:
    """Group roles, grants, guard functions and triggers; safe to run again."""
    schema = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
    existing = set(connection.exec_driver_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").scalars())
    missing = _LATER_TABLES - existing
    for statement in _statements(schema, missing):
        connection.exec_driver_sql(statement)


def uninstall_tables(connection: Connection, tables: tuple[str, ...]) -> None:
    """Before a migration drops tables it added: their guards go with them."""
    schema = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
    for table in tables:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS sc_guard ON {schema}.{table}")
    for function in ("sc_guard_ticklers()", "sc_guard_own_name()"):
        connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {schema}.{function}")


def uninstall(connection: Connection) -> None:
    schema = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
    for table in ("blocks", "edit_locks", "users", "history"):
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS sc_guard ON {schema}.{table}")
    for function in ("sc_guard_blocks()", "sc_guard_edit_locks()", "sc_guard_users()",
                     "sc_guard_history()", "sc_create_login(text, text, text)",
                     "sc_set_login(text, text, boolean)", "sc_set_group(text, text)", "sc_is_admin()",
                     "sc_user_id()", "sc_username()"):
        connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {schema}.{function}")
    groups = ", ".join(GROUPS.values())
    connection.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {groups}")
    connection.exec_driver_sql(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {groups}")
    connection.exec_driver_sql(f"REVOKE ALL ON SCHEMA {schema} FROM {groups}")


def _statements(schema: str, missing: set[str] | None = None) -> list[str]:
    missing = missing or set()
    groups = ", ".join(GROUPS.values())
    path = f"SET search_path = {schema}, pg_temp"
    refuse = "USING ERRCODE = 'insufficient_privilege'"
    now = "(clock_timestamp() AT TIME ZONE 'utc')"
    return [
        # Group roles are shared by every database of the server; create them once.
        "DO $$ BEGIN "
        + " ".join(
            f"IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{g}') THEN "
            f"CREATE ROLE {g} NOLOGIN; END IF;"
            for g in GROUPS.values()
        )
        + " END $$",
        "GRANT sc_csr TO sc_supervisor",
        "GRANT sc_supervisor TO sc_admin",
        # Grants: start from nothing so that running again gives the same result.
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {groups}",
        f"GRANT USAGE ON SCHEMA {schema} TO sc_csr",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO sc_csr",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO sc_csr",
        f"REVOKE SELECT ON {schema}.users FROM sc_csr",  # password hashes stay unread
        f"GRANT SELECT ({_USER_COLUMNS}) ON {schema}.users TO sc_csr",
        f"GRANT UPDATE (password_hash) ON {schema}.users TO sc_csr",  # one's own row: see the guard
        f"GRANT UPDATE (stock) ON {schema}.products TO sc_csr",  # paid orders take stock
        *(f"GRANT {rights} ON {schema}.{table} TO sc_csr" for table, rights in _CSR_WRITES.items()
          if table not in missing),
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO sc_admin",
        f"REVOKE INSERT, UPDATE, DELETE ON {schema}.alembic_version FROM sc_admin",
        # Who is asking: the login role mapped to its Sales Center user.
        f"""CREATE OR REPLACE FUNCTION {schema}.sc_user_id() RETURNS integer
            LANGUAGE sql STABLE {path} AS
            $$ SELECT id FROM users WHERE login_role = current_user::text AND active $$""",
        f"""CREATE OR REPLACE FUNCTION {schema}.sc_username() RETURNS text
            LANGUAGE sql STABLE {path} AS
            $$ SELECT username FROM users WHERE login_role = current_user::text AND active $$""",
        # The owner of the tables (the role that migrates) is trusted like an administrator.
        f"""CREATE OR REPLACE FUNCTION {schema}.sc_is_admin() RETURNS boolean
            LANGUAGE sql STABLE {path} AS
            $$ SELECT pg_has_role(current_user, 'sc_admin', 'USAGE')
                   OR pg_has_role(current_user,
                                  (SELECT relowner FROM pg_class WHERE oid = '{schema}.orders'::regclass),
                                  'USAGE') $$""",
        f"""CREATE OR REPLACE FUNCTION {schema}.sc_guard_blocks() RETURNS trigger
            LANGUAGE plpgsql {path} AS $$
            BEGIN
              IF sc_is_admin() THEN RETURN COALESCE(NEW, OLD); END IF;
              IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION 'Removing a block needs an administrator' {refuse};
              END IF;
              IF NEW.kind IS DISTINCT FROM OLD.kind THEN
                RAISE EXCEPTION 'The kind of a block cannot be changed' {refuse};
              END IF;
              IF OLD.kind = 'automatic' AND (NEW.resolved, NEW.resolved_by, NEW.resolved_at,
                  NEW.reason, NEW.comment, NEW.rule, NEW.rule_key)
                  IS DISTINCT FROM (OLD.resolved, OLD.resolved_by, OLD.resolved_at,
                  OLD.reason, OLD.comment, OLD.rule, OLD.rule_key) THEN
                RAISE EXCEPTION 'Removing or changing an automatic block needs an administrator' {refuse};
              END IF;
              RETURN NEW;
            END $$""",
        f"""CREATE OR REPLACE FUNCTION {schema}.sc_guard_edit_locks() RETURNS trigger
            LANGUAGE plpgsql {path} AS $$
            DECLARE me integer := sc_user_id();
            BEGIN
              IF sc_is_admin() THEN RETURN COALESCE(NEW, OLD); END IF;
              IF TG_OP <> 'INSERT' AND OLD.user_id IS DISTINCT FROM me AND OLD.expires_at > {now} THEN
                RAISE EXCEPTION 'Order locked for editing (%%); only an administrator unlocks it',
                  OLD.username {refuse};
              END IF;
              IF TG_OP <> 'DELETE' AND (NEW.user_id IS DISTINCT FROM me
                                        OR NEW.username IS DISTINCT FROM sc_username()) THEN
                RAISE EXCEPTION 'An edit lock can only be taken in one''s own name' {refuse};
              END IF;
              RETURN COALESCE(NEW, OLD);
            END $$""",
        f"""CREATE OR REPLACE FUNCTION {schema}.sc_guard_users() RETURNS trigger
            LANGUAGE plpgsql {path} AS $$
            BEGIN
              IF sc_is_admin() THEN RETURN COALESCE(NEW, OLD); END IF;
              IF TG_OP = 'UPDATE' AND OLD.login_role = current_user::text
                 AND NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
                RETURN NEW;
              END IF;
              RAISE EXCEPTION 'Changing users needs an administrator' {refuse};
            END $$""",
        f"""CREATE OR REPLACE FUNCTION {schema}.sc_guard_history() RETURNS trigger
            LANGUAGE plpgsql {path} AS $$
            BEGIN
              IF sc_is_admin() OR NEW."user" = 'system' OR NEW."user" = sc_username() THEN
                RETURN NEW;
              END IF;
              RAISE EXCEPTION 'History is written in one''s own name' {refuse};
            END $$""",
        f"DROP TRIGGER IF EXISTS sc_guard ON {schema}.blocks",
        f"""CREATE TRIGGER sc_guard BEFORE UPDATE OR DELETE ON {schema}.blocks
            FOR EACH ROW EXECUTE FUNCTION {schema}.sc_guard_blocks()""",
        f"DROP TRIGGER IF EXISTS sc_guard ON {schema}.edit_locks",
        f"""CREATE TRIGGER sc_guard BEFORE INSERT OR UPDATE OR DELETE ON {schema}.edit_locks
            FOR EACH ROW EXECUTE FUNCTION {schema}.sc_guard_edit_locks()""",
        f"DROP TRIGGER IF EXISTS sc_guard ON {schema}.users",
        f"""CREATE TRIGGER sc_guard BEFORE INSERT OR UPDATE OR DELETE ON {schema}.users
            FOR EACH ROW EXECUTE FUNCTION {schema}.sc_guard_users()""",
        f"DROP TRIGGER IF EXISTS sc_guard ON {schema}.history",
        f"""CREATE TRIGGER sc_guard BEFORE INSERT ON {schema}.history
            FOR EACH ROW EXECUTE FUNCTION {schema}.sc_guard_history()""",
        # Roles are created by a function running as the owner, so administrators need no
        # CREATEROLE: they can make Sales Center logins and nothing else.
        f"""CREATE OR REPLACE FUNCTION {schema}.sc_create_login(p_name text, p_verifier text, p_group text)
            RETURNS text LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
            DECLARE
              tag text := left(encode(sha256(convert_to(current_database(), 'UTF8')), 'hex'), 6);
              r text := 'sc_' || tag || '_' || p_name;
            BEGIN
              IF p_group NOT IN ('sc_csr', 'sc_supervisor', 'sc_admin') THEN
                RAISE EXCEPTION 'unknown group role %%', p_group;
              END IF;
              IF p_name !~ '^[a-z0-9._-]{{1,{MAX_USERNAME}}}$' OR p_verifier !~ '^SCRAM-SHA-256[$]' THEN
                RAISE EXCEPTION 'not a Sales Center login' {refuse};
              END IF;
              IF EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
                EXECUTE format('ALTER ROLE %%I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %%L',
                               r, p_verifier);
                EXECUTE format('REVOKE sc_csr, sc_supervisor, sc_admin FROM %%I', r);
              ELSE
                EXECUTE format('CREATE ROLE %%I LOGIN PASSWORD %%L', r, p_verifier);
              END IF;
              EXECUTE format('GRANT %%I TO %%I', p_group, r);
              EXECUTE format('REVOKE CONNECT ON DATABASE %%I FROM PUBLIC', current_database());
              EXECUTE format('GRANT CONNECT ON DATABASE %%I TO %%I', current_database(), r);
              UPDATE users SET login_role = r WHERE username = p_name;
              RETURN r;
            END $$""",
        f"""CREATE OR REPLACE FUNCTION {schema}.sc_set_login(p_name text, p_verifier text, p_active boolean)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
            DECLARE r text := (SELECT login_role FROM users WHERE username = p_name);
            BEGIN
              IF r IS NULL THEN RAISE EXCEPTION 'no login role for %%', p_name; END IF;
              IF p_verifier IS NOT NULL THEN
                IF p_verifier !~ '^SCRAM-SHA-256[$]' THEN RAISE EXCEPTION 'not a verifier'; END IF;
                EXECUTE format('ALTER ROLE %%I PASSWORD %%L', r, p_verifier);
              END IF;
              IF p_active IS NOT NULL THEN
                EXECUTE format('ALTER ROLE %%I %%s', r, CASE WHEN p_active THEN 'LOGIN' ELSE 'NOLOGIN' END);
              END IF;
            END $$""",
        *rep_day.set_group_statements(schema, path),
        *(rep_day.tickler_audit_statements(schema, path, refuse) if not missing else []),
        f"REVOKE ALL ON FUNCTION {schema}.sc_create_login(text, text, text) FROM PUBLIC",
        f"REVOKE ALL ON FUNCTION {schema}.sc_set_login(text, text, boolean) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {schema}.sc_create_login(text, text, text) TO sc_admin",
        f"GRANT EXECUTE ON FUNCTION {schema}.sc_set_login(text, text, boolean) TO sc_admin",
    ]
