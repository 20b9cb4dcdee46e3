#!/bin/sh
# Run once by the postgres image when it creates the database (docker-entrypoint-initdb.d): the replica
# service may stream the WAL with the application's account and password. An existing volume needs the same
# line added by hand (docs/deployment.md, "Pooling and the read replica").
set -eu
echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "$PGDATA/pg_hba.conf"
