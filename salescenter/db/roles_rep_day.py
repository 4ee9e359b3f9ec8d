"""The PostgreSQL grants and guards of the rep's day (TKL-1, AUD-1), installed by ``roles.install``.

Kept beside ``roles`` so that the tables of the later migration carry their own rules
in one place: ``install`` adds these once the tables exist.
"""

from __future__ import annotations


def set_group_statements(schema: str, path: str) -> list[str]:
    """A user's new role moves their login to that group, the password untouched."""
    return [
        f"""CREATE OR REPLACE FUNCTION {schema}.sc_set_group(p_name text, p_group text)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
            DECLARE r text := (SELECT login_role FROM users WHERE username = p_name);
            BEGIN
              IF r IS NULL THEN RAISE EXCEPTION 'no login role for %%', p_name; END IF;
              IF p_group NOT IN ('sc_csr', 'sc_supervisor', 'sc_admin') THEN
                RAISE EXCEPTION 'unknown group role %%', p_group;
              END IF;
              EXECUTE format('REVOKE sc_csr, sc_supervisor, sc_admin FROM %%I', r);
              EXECUTE format('GRANT %%I TO %%I', p_group, r);
            END $$""",
        f"REVOKE ALL ON FUNCTION {schema}.sc_set_group(text, text) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {schema}.sc_set_group(text, text) TO sc_admin",
    ]


def tickler_audit_statements(schema: str, path: str, refuse: str) -> list[str]:
    """TKL-1 and AUD-1 on a shared server: a rep works only their own or their role's
    ticklers and never reassigns one; actions and the audit trail are written in one's
    own name, and only Supervisors and administrators read the trail."""
    return [
        f"REVOKE SELECT ON {schema}.audit_trail FROM sc_csr",
        f"GRANT SELECT (id) ON {schema}.audit_trail TO sc_csr",  # INSERT ... RETURNING id
        f"GRANT SELECT ON {schema}.audit_trail TO sc_supervisor",
        f"""CREATE OR REPLACE FUNCTION {schema}.sc_guard_ticklers() RETURNS trigger
            LANGUAGE plpgsql {path} AS $$
            DECLARE
              me text := sc_username();
              my_role text := (SELECT role FROM users WHERE login_role = current_user::text AND active);
            BEGIN
              IF sc_is_admin() OR pg_has_role(current_user, 'sc_supervisor', 'USAGE') THEN
                RETURN NEW;
              END IF;
              IF TG_OP = 'INSERT' THEN
                IF NEW.created_by = me OR NEW.created_by = 'system' THEN RETURN NEW; END IF;
                RAISE EXCEPTION 'A tickler is created in one''s own name' {refuse};
              END IF;
              IF (NEW.assignee, NEW.role, NEW.created_by, NEW.created_at)
                 IS DISTINCT FROM (OLD.assignee, OLD.role, OLD.created_by, OLD.created_at) THEN
                RAISE EXCEPTION 'Reassigning a tickler needs a Supervisor' {refuse};
              END IF;
              IF OLD.assignee = me OR OLD.role = my_role THEN RETURN NEW; END IF;
              RAISE EXCEPTION 'This tickler is assigned to someone else' {refuse};
            END $$""",
        f"""CREATE OR REPLACE FUNCTION {schema}.sc_guard_own_name() RETURNS trigger
            LANGUAGE plpgsql {path} AS $$
            BEGIN
              IF sc_is_admin() OR NEW."user" = 'system' OR NEW."user" = sc_username() THEN
                RETURN NEW;
              END IF;
              RAISE EXCEPTION 'This is written in one''s own name' {refuse};
            END $$""",
        f"DROP TRIGGER IF EXISTS sc_guard ON {schema}.ticklers",
        f"""CREATE TRIGGER sc_guard BEFORE INSERT OR UPDATE ON {schema}.ticklers
            FOR EACH ROW EXECUTE FUNCTION {schema}.sc_guard_ticklers()""",
        *(stmt for table in ("tickler_actions", "audit_trail") for stmt in (
            f"DROP TRIGGER IF EXISTS sc_guard ON {schema}.{table}",
            f"""CREATE TRIGGER sc_guard BEFORE INSERT ON {schema}.{table}
                FOR EACH ROW EXECUTE FUNCTION {schema}.sc_guard_own_name()""",
        )),
    ]
