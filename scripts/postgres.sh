#!/usr/bin/env bash
# Makes sure a local PostgreSQL answers on 127.0.0.1:5432 with a role `crawler` (password `crawler`) and the
# databases named in the arguments, owned by it. Installs PostgreSQL from Debian when missing (needs root) and
# starts its cluster without systemd. Idempotent. Sourced by .ci/run and scripts/cluster.sh, or run on its own:
#   scripts/postgres.sh crawler crawler_test
ensure_postgres() {
  local version status db
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "postgresql is not installed, and installing it needs root" >&2
      return 1
    fi
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
  fi
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    pg_createcluster "$version" main >/dev/null || return 1
  fi
  status=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }')
  if [ "$status" != "online" ]; then
    pg_ctlcluster "$version" main start || return 1
  fi
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 0.5
  done
  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL does not answer on 127.0.0.1:5432" >&2; return 1; }
  runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -d postgres <<'SQL' || return 1
SELECT format('CREATE ROLE crawler LOGIN PASSWORD %L', 'crawler')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crawler') \gexec
SQL
  for db in "$@"; do
    [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "bad database name: $db" >&2; return 1; }
    runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -d postgres -v db="$db" <<'SQL' || return 1
SELECT format('CREATE DATABASE %I OWNER crawler', :'db')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
  done
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  ensure_postgres "${@:-crawler}"
fi
