# Starts a local PostgreSQL for the tests and exports SALESCENTER_TEST_PG_URL.
# Under CI a server that cannot start fails the run; elsewhere the PostgreSQL
# tests are skipped with their reason.
start_postgres() {
  if [ -n "${SALESCENTER_TEST_PG_URL:-}" ]; then return 0; fi
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
  fi
  local version
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$version" ]; then
    if [ -n "${CI:-}" ]; then echo "PostgreSQL is not installed and could not be installed" >&2; exit 1; fi
    echo "PostgreSQL not installed: its tests will be skipped"; return 0
  fi
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
    pg_createcluster "$version" main >/dev/null
  fi
  pg_ctlcluster "$version" main start 2>/dev/null || true
  local port
  port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
  for _ in $(seq 1 30); do
    pg_isready -q -h localhost -p "$port" && break
    sleep 1
  done
  if ! pg_isready -q -h localhost -p "$port"; then
    if [ -n "${CI:-}" ]; then echo "PostgreSQL did not start" >&2; exit 1; fi
    echo "PostgreSQL did not start: its tests will be skipped"; return 0
  fi
  su postgres -c "psql -q -p $port -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='sc_test') THEN CREATE ROLE sc_test LOGIN SUPERUSER PASSWORD 'sc_test'; END IF; END \\\$\\\$;\"" >/dev/null
  # A throwaway test server: durability buys nothing here, and without it the
  # per-test CREATE DATABASE takes a fraction of the time.
  su postgres -c "psql -q -p $port -c 'ALTER SYSTEM SET fsync = off' -c 'ALTER SYSTEM SET synchronous_commit = off' -c 'ALTER SYSTEM SET full_page_writes = off' -c 'SELECT pg_reload_conf()'" >/dev/null
  export SALESCENTER_TEST_PG_URL="postgresql+psycopg://sc_test:sc_test@localhost:$port/postgres"
  echo "PostgreSQL $version on port $port for the tests"
}
