#!/usr/bin/env bash
# Installs (if missing) and starts Debian's PostgreSQL on loopback only, with the role and database the run-store tests
# use by default (CONVERGENT_TEST_POSTGRES=Host=127.0.0.1;Port=5432;Username=convergent;Password=convergent;Database=convergent_test).
# Idempotent: safe to run again on a machine where it already ran.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
conf_dir="/etc/postgresql/$version/$cluster"
# loopback only, whatever the packaged default says
if ! grep -q "^listen_addresses = '127.0.0.1'" "$conf_dir/postgresql.conf"; then
  echo "listen_addresses = '127.0.0.1'" >> "$conf_dir/postgresql.conf"
  [ "$status" = online ] && pg_ctlcluster "$version" "$cluster" restart
fi
if [ "$(pg_lsclusters -h | awk -v c="$cluster" '$2 == c { print $4 }')" != online ]; then
  pg_ctlcluster "$version" "$cluster" start
fi
# wait for the server to accept connections (bounded)
for _ in $(seq 1 30); do
  su postgres -c "psql -p $port -tAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'convergent') THEN
    CREATE ROLE convergent LOGIN PASSWORD 'convergent' CREATEDB;
  END IF;
END \$\$;
SQL
if [ "$(su postgres -c "psql -p $port -tAc \"select 1 from pg_database where datname = 'convergent_test'\"")" != 1 ]; then
  su postgres -c "createdb -p $port -O convergent convergent_test"
fi
echo "postgres: $version/$cluster on 127.0.0.1:$port, database convergent_test (role convergent)"
