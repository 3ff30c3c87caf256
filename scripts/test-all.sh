#!/usr/bin/env bash
# `npm run test:all` (and .ci/run): every check Sunline has, from a fresh clone, in one command.
#   1. system packages (PostgreSQL, Chromium, exiftool, a compiler when npm must build better-sqlite3):
#      installed with apt-get when missing and we are root; otherwise we stop and name them;
#   2. PostgreSQL started (no systemd: pg_ctlcluster) with a `sunline` role for the tests;
#   3. npm dependencies and the Prisma clients;
#   4. typecheck, lint, vitest on SQLite, vitest on PostgreSQL, `prisma migrate deploy` on scratch
#      databases of both kinds, the production build, the end-to-end tests in Chromium (and the
#      cut-off receipt test again on PostgreSQL).
# No suite is ever skipped: anything missing is installed or is an error. Stops at the first failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT_DIR="$(pwd)"

export TEST_PG_URL="${TEST_PG_URL:-postgresql://sunline:sunline@127.0.0.1:5432/postgres}"

STEP_NAMES=()
STEP_SECONDS=()
STARTED_AT=$SECONDS

bold() { printf '\033[1m%s\033[0m\n' "$*"; }
fail() {
  printf '\n\033[31mtest:all: %s\033[0m\n' "$*" >&2
  summary "FAILED"
  exit 1
}

summary() {
  local status="$1"
  echo
  bold "── test:all summary ($status) ──"
  local i
  for i in "${!STEP_NAMES[@]}"; do
    printf '  %-34s %5ss\n' "${STEP_NAMES[$i]}" "${STEP_SECONDS[$i]}"
  done
  printf '  %-34s %5ss\n' "total" "$((SECONDS - STARTED_AT))"
}

# run_step "name" command args… — times the step; on failure prints the summary and exits non-zero.
run_step() {
  local name="$1"
  shift
  echo
  bold "▸ $name"
  local start=$SECONDS status
  # A subshell outside any condition, so `set -e` holds inside the step's functions too
  # (bash ignores -e in functions called from an `if`).
  set +e
  (set -e; "$@")
  status=$?
  set -e
  if [ "$status" -ne 0 ]; then
    STEP_NAMES+=("$name (FAILED)")
    STEP_SECONDS+=($((SECONDS - start)))
    fail "step \"$name\" failed (exit $status)"
  fi
  STEP_NAMES+=("$name")
  STEP_SECONDS+=($((SECONDS - start)))
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# ───────────────────────── system packages ─────────────────────────

needs_npm_install() {
  [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]
}

system_packages() {
  command -v node >/dev/null || { echo "test:all: Node.js 20.19 or newer is required (node is not on PATH)." >&2; return 1; }
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    { echo "test:all: Node.js 20.19 or newer is required (found $(node --version))." >&2; return 1; }
  command -v npm >/dev/null || { echo "test:all: npm is required (it ships with Node.js)." >&2; return 1; }

  # command → Debian package providing it
  local -a wanted=(
    "psql:postgresql"
    "pg_ctlcluster:postgresql"
    "pg_lsclusters:postgresql"
    "pg_isready:postgresql"
    "chromium:chromium"
    # the attachment tests check metadata removal with Debian's exiftool
    "exiftool:libimage-exiftool-perl"
  )
  # better-sqlite3 is compiled during npm ci when no prebuilt binary can be downloaded.
  if needs_npm_install; then
    wanted+=("make:make" "g++:g++" "python3:python3")
  fi
  local -a missing=()
  local entry cmd pkg
  for entry in "${wanted[@]}"; do
    cmd="${entry%%:*}"
    pkg="${entry#*:}"
    if ! command -v "$cmd" >/dev/null 2>&1 && [[ ! " ${missing[*]-} " == *" $pkg "* ]]; then
      missing+=("$pkg")
    fi
  done
  # Playwright drives Debian's Chromium at this path (playwright.config.ts); never `playwright install`.
  # exiftool reads Office files (the DOCX metadata test) only with Perl's Archive::Zip, which
  # --no-install-recommends leaves out.
  if ! perl -MArchive::Zip -e 1 >/dev/null 2>&1; then
    missing+=("libarchive-zip-perl")
  fi
  if [ ! -x /usr/bin/chromium ] && [[ ! " ${missing[*]-} " == *" chromium "* ]]; then
    missing+=("chromium")
  fi
  if [ "${#missing[@]}" -eq 0 ]; then
    echo "all present: postgresql, chromium, exiftool (with Archive::Zip)"
    return 0
  fi
  if ! is_root; then
    echo "test:all: missing Debian packages: ${missing[*]}" >&2
    echo "Install them as root, then run again:  apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# ───────────────────────── PostgreSQL ─────────────────────────

pg_reachable() {
  psql "$TEST_PG_URL" -qtAc "SELECT 1" >/dev/null 2>&1
}

pg_server_up() {
  local host port
  host="$(node -e 'console.log(new URL(process.argv[1]).hostname || "127.0.0.1")' "$TEST_PG_URL")"
  port="$(node -e 'console.log(new URL(process.argv[1]).port || "5432")' "$TEST_PG_URL")"
  pg_isready -q -h "$host" -p "$port" >/dev/null 2>&1
}

postgres() {
  if pg_reachable; then
    echo "reachable as $TEST_PG_URL"
    return 0
  fi
  if ! pg_server_up; then
    if ! is_root; then
      echo "test:all: PostgreSQL is not running at $TEST_PG_URL and only root can start it here." >&2
      echo "Start it as root (pg_ctlcluster <version> main start) or set TEST_PG_URL to a reachable server." >&2
      return 1
    fi
    local version
    version="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$version" ] || { echo "test:all: no PostgreSQL server found in /usr/lib/postgresql" >&2; return 1; }
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -qx "$version main"; then
      echo "creating PostgreSQL $version cluster \"main\""
      pg_createcluster "$version" main --port 5432
    fi
    echo "starting PostgreSQL $version"
    pg_ctlcluster "$version" main start || true
    local i
    for i in $(seq 1 30); do
      pg_server_up && break
      sleep 1
    done
    pg_server_up || { echo "test:all: PostgreSQL $version did not start (see /var/log/postgresql/)" >&2; return 1; }
  fi
  if ! pg_reachable; then
    if ! is_root; then
      echo "test:all: PostgreSQL is running but $TEST_PG_URL cannot log in." >&2
      echo "As a superuser: CREATE ROLE sunline LOGIN CREATEDB PASSWORD 'sunline';" >&2
      return 1
    fi
    echo "creating role sunline (LOGIN CREATEDB)"
    (cd / && runuser -u postgres -- psql -qv ON_ERROR_STOP=1 -c \
      "DO \$\$ BEGIN
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sunline') THEN
           CREATE ROLE sunline LOGIN CREATEDB PASSWORD 'sunline';
         ELSE
           ALTER ROLE sunline LOGIN CREATEDB PASSWORD 'sunline';
         END IF;
       END \$\$;")
  fi
  pg_reachable || { echo "test:all: cannot connect to PostgreSQL as $TEST_PG_URL" >&2; return 1; }
  echo "reachable as $TEST_PG_URL"
}

# ───────────────────────── npm ─────────────────────────

npm_dependencies() {
  if needs_npm_install; then
    # better-sqlite3 compiles against the system's Node headers when they are installed.
    if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node_api.h ]; then
      export npm_config_nodedir=/usr
    fi
    npm ci --include=dev --no-audit --no-fund
  else
    echo "node_modules is current with package-lock.json"
  fi
  npm run --silent db:generate
}

# ───────────────────────── migrations through the CLI ─────────────────────────

# The vitest harness applies the migration SQL itself; this proves the path operators use,
# `prisma migrate deploy`, on a scratch database of each kind.
migrations() {
  local dir="$ROOT_DIR/.tmp/migrate-check"
  rm -rf "$dir"
  mkdir -p "$dir"
  echo "SQLite: prisma migrate deploy → $dir/check.db"
  DATABASE_URL="file:$dir/check.db" npx prisma migrate deploy
  DATABASE_URL="file:$dir/check.db" node -e '
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1], { readonly: true });
    const applied = db.prepare("SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL").get().n;
    const expected = require("fs").readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).length;
    if (applied !== expected) { console.error(`SQLite: ${applied} of ${expected} migrations applied`); process.exit(1); }
    console.log(`SQLite: ${applied} of ${expected} migrations applied`);
  ' "$dir/check.db"

  local scratch="sunline_migrate_check"
  local admin_url="$TEST_PG_URL"
  local scratch_url
  scratch_url="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$TEST_PG_URL" "$scratch")"
  echo "PostgreSQL: prisma migrate deploy → database $scratch"
  psql "$admin_url" -qv ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)" -c "CREATE DATABASE \"$scratch\""
  DATABASE_URL="$scratch_url" npx prisma migrate deploy
  local applied expected
  applied="$(psql "$scratch_url" -qtAc "SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL")"
  expected="$(find prisma/postgresql/migrations -mindepth 1 -maxdepth 1 -type d | wc -l)"
  echo "PostgreSQL: $applied of $expected migrations applied"
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)"
  [ "$applied" -eq "$expected" ]
}

# ───────────────────────── run ─────────────────────────

run_step "system packages" system_packages
run_step "PostgreSQL" postgres
run_step "npm dependencies + Prisma clients" npm_dependencies
run_step "typecheck" npm run --silent typecheck
run_step "lint" npm run --silent lint
run_step "vitest (SQLite)" env SUNLINE_TEST_DB=sqlite npx vitest run
run_step "vitest (PostgreSQL)" npm run --silent test:pg
run_step "migrate deploy (SQLite, PostgreSQL)" migrations
run_step "build" npm run --silent build
run_step "end-to-end (Chromium)" npx playwright test
# The cut-off receipt was lost most often on PostgreSQL: that file runs against it too.
run_step "end-to-end on PostgreSQL (cut-off receipts)" env E2E_DB=postgresql npx playwright test receipt-interrupted

summary "all passed"
