"""Authority enforced by the PostgreSQL server itself, not only by the desktop.

On a shared server every Sales Center user is a PostgreSQL login role, member of
one group role per Sales Center role: ``sc_csr``, ``sc_supervisor`` (a member of
``sc_csr``) and ``sc_admin`` (a member of ``sc_supervisor``). A desktop connects
with the signed-in user's own role, so a rep who bypasses the desktop and sends
SQL with their own password still meets these refusals:

- automatic blocks: only an administrator resolves, changes or removes them;
- history: nobody changes or deletes it, and entries are written in one's own name;
- edit locks: a live lock held by another user is neither updated nor deleted;
- orders: only an administrator deletes them;
- users: only an administrator adds, changes or removes users (one's own password aside).

Roles are cluster-wide while tables belong to one database, so a login role's
name carries a tag of the database: ``sc_<tag>_<username>``. The role that owns
the tables (the one that migrates) is trusted like an administrator.

``install`` is idempotent; a migration that adds a table calls it again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata
import weakref
from typing import Any

from sqlalchemy import Connection, Engine, event, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, load_only

from ..models import User
from . import roles_rep_day as rep_day

GROUPS = {"csr": "sc_csr", "supervisor": "sc_supervisor", "admin": "sc_admin"}
MAX_USERNAME = 53  # 63 bytes per PostgreSQL name, less the "sc_<tag>_" prefix
SCRAM_ITERATIONS = 4096

# What a CSR (and through membership a supervisor) may write; everything else is read-only.
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
_USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")
_PASSWORDS: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def database_tag(database: str) -> str:
    return hashlib.sha256(database.encode()).hexdigest()[:6]


def login_role(database: str, username: str) -> str:
    return f"sc_{database_tag(database)}_{username}"


def username_of(database: str, role: str) -> str:
    """The Sales Center user behind a login role (the role itself when it is none)."""
    prefix = f"sc_{database_tag(database)}_"
    return role[len(prefix):] if role.startswith(prefix) else role


def scram_verifier(password: str, iterations: int = SCRAM_ITERATIONS) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores, so the password itself never reaches the server."""
    salt = os.urandom(16)
    secret = unicodedata.normalize("NFKC", password).encode()
    salted = hashlib.pbkdf2_hmac("sha256", secret, salt, iterations)
    stored_key = hashlib.sha256(hmac.new(salted, b"Client Key", "sha256").digest()).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode()

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def user_url(url: URL, username: str, password: str) -> URL:
    """Where a signed-in user's desktop connects: the same server, as the user's own role."""
    return url.set(username=login_role(url.database or "", username), password=password)


# --- users (called by the user services when the database is PostgreSQL) -----------------


def create_login(connection: Any, username: str, password: str, role: str) -> str:
    """Create (or re-create) the login role of a new user, in the caller's transaction."""
    return str(connection.execute(
        text("SELECT sc_create_login(:name, :verifier, :grp)"),
        {"name": username, "verifier": scram_verifier(password), "grp": GROUPS[role]},
    ).scalar_one())


def set_login_password(connection: Any, username: str, password: str) -> None:
    connection.execute(
        text("SELECT sc_set_login(:name, :verifier, NULL)"),
        {"name": username, "verifier": scram_verifier(password)},
    )


def set_own_password(connection: Any, password: str) -> None:
    """Any role may change its own password; a verifier has no quote, so it is safe inline."""
    verifier = scram_verifier(password)
    connection.connection().exec_driver_sql(f"ALTER ROLE CURRENT_USER PASSWORD '{verifier}'")


def password_changed(engine: Engine, password: str) -> None:
    """New connections of a signed-in desk use the password the user just chose."""
    _PASSWORDS[engine] = password


def current_password(engine: Engine) -> str | None:
    """The password a desk's engine signs in with now (it changes with the user's password)."""
    return _PASSWORDS.get(engine, engine.url.password)


def set_login_group(connection: Any, username: str, role: str) -> None:
    connection.execute(text("SELECT sc_set_group(:name, :grp)"), {"name": username, "grp": GROUPS[role]})


def set_login_active(connection: Any, username: str, active: bool) -> None:
    connection.execute(
        text("SELECT sc_set_login(:name, NULL, :active)"), {"name": username, "active": active}
    )


# --- schema -------------------------------------------------------------------------------


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


# --- signing in ---------------------------------------------------------------------------


def connect_as(owner_engine: Engine, username: str, password: str, **engine_options: Any) -> Engine:
    """An engine that connects as the user's own login role; the server checks the password."""
    from ..errors import AuthenticationError
    from .engine import make_engine

    refused = AuthenticationError("User name or password is not correct.")
    if not isinstance(username, str) or not isinstance(password, str):
        raise refused
    name = username.strip().lower()
    if not name or len(name) > MAX_USERNAME or not set(name) <= _USERNAME_CHARS or "\x00" in password:
        raise refused
    url = user_url(owner_engine.url, name, password)
    engine_options.setdefault("pool_size", 2)
    engine_options.setdefault("max_overflow", 4)
    engine = make_engine(url.render_as_string(hide_password=False), **engine_options)
    _PASSWORDS[engine] = password

    @event.listens_for(engine, "do_connect")
    def _current_password(_dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
        cparams["password"] = _PASSWORDS.get(engine, password)
    try:
        with engine.connect():
            pass
    except OperationalError as error:
        engine.dispose()
        if "not permitted to log in" in str(error.orig):
            raise AuthenticationError(f"The account '{name}' is disabled.") from None
        if getattr(error.orig, "sqlstate", None) in ("28P01", "28000") or "authentication" in str(error):
            raise refused from None
        raise
    return engine


def signed_in_user(session: Session, username: str) -> User:
    """The user row of a signed-in role, read without the password hash (not granted to reps)."""
    from ..errors import AuthenticationError

    user = session.scalar(
        select(User)
        .options(load_only(User.id, User.username, User.role, User.active, User.created_at))
        .where(User.login_role == text("current_user::text"), User.username == username.strip().lower())
    )
    if user is None:
        raise AuthenticationError("User name or password is not correct.")
    if not user.active:
        raise AuthenticationError(f"The account '{user.username}' is disabled.")
    return user
