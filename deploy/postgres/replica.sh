#!/bin/sh
# The replica service: on an empty volume, a copy of the primary (pg_basebackup -R: standby.signal and how to
# reach the primary); then PostgreSQL as a hot standby streaming from it. Run as root by the postgres image.
set -eu
: "${PGPASSWORD:?set PGPASSWORD}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  install -d -o postgres -g postgres -m 700 "$PGDATA"
  gosu postgres pg_basebackup -h db -p 5432 -U "${POSTGRES_USER:-onewindow}" -D "$PGDATA" -R -X stream -c fast
fi
exec gosu postgres postgres -D "$PGDATA" -c hot_standby=on
