#!/bin/sh
# The one account PgBouncer serves, with its password from the environment: it checks clients with it (SCRAM)
# and logs in to PostgreSQL with it. The file lives in memory (/run), never in the image.
set -eu
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
umask 077
printf '"%s" "%s"\n' "${POSTGRES_USER:-onewindow}" "$POSTGRES_PASSWORD" > /run/pgbouncer/userlist.txt
exec pgbouncer /etc/pgbouncer/pgbouncer.ini
