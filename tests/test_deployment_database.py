"""docker-compose.yml's database side: PgBouncer in transaction mode in front of PostgreSQL and its streaming
replica (docs/deployment.md, "Pooling and the read replica"). tests/db/ runs the application through both."""

import configparser
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
# The web tier, a worker per queue and the one beat (docs/deployment.md, "Several nodes").
APP_SERVICES = ("web", "worker-receipts", "worker-notifications", "worker-sweeps", "worker-exports", "beat")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def pgbouncer_ini() -> configparser.ConfigParser:
    ini = configparser.ConfigParser(inline_comment_prefixes=(";",))
    ini.read(REPO / "deploy" / "pgbouncer" / "pgbouncer.ini")
    return ini


@pytest.mark.parametrize("service", APP_SERVICES)
def test_the_application_talks_to_postgres_through_pgbouncer_and_says_so(compose, service):
    spec = compose["services"][service]
    assert "@pgbouncer:6432/onewindow" in spec["environment"]["DATABASE_URL"]
    # Without it, core.rows would prepare statements a transaction pooler loses between transactions.
    assert spec["environment"]["DB_TRANSACTION_POOLER"] == "1"
    assert spec["depends_on"]["pgbouncer"]["condition"] == "service_healthy"


def test_pgbouncer_pools_by_transaction_the_primary_and_the_replica(compose):
    ini = pgbouncer_ini()
    assert ini["pgbouncer"]["pool_mode"] == "transaction"
    assert ini["pgbouncer"]["listen_port"] == "6432"
    assert "host=db " in ini["databases"]["onewindow"]
    assert "host=replica " in ini["databases"]["onewindow_replica"]
    assert "@pgbouncer:6432/onewindow_replica" in compose["services"]["web"]["environment"]["REPLICA_DATABASE_URL"]
    assert compose["services"]["pgbouncer"]["healthcheck"]["test"][0] == "CMD-SHELL"


def test_migrations_go_straight_to_postgres(compose):
    env = compose["services"]["migrate"]["environment"]
    assert "@db:5432/onewindow" in env["DATABASE_URL"] and env["DB_TRANSACTION_POOLER"] == "0"


def test_the_replica_streams_from_db_and_keeps_its_copy_on_a_volume(compose):
    spec = compose["services"]["replica"]
    assert spec["depends_on"]["db"]["condition"] == "service_healthy"
    assert spec["healthcheck"]["test"][0] == "CMD-SHELL"
    mounts = dict(reversed(v.split(":")[:2]) for v in spec["volumes"])
    assert mounts["/var/lib/postgresql/data"] in compose["volumes"]
    script = (REPO / "deploy" / "postgres" / "replica.sh").read_text()
    assert "pg_basebackup -h db" in script and " -R " in script and "hot_standby=on" in script
    # The primary lets it in: the init script is mounted where the postgres image runs it.
    db_mounts = [v.split(":") for v in compose["services"]["db"]["volumes"]]
    assert ["./deploy/postgres/10-allow-replication.sh", "/docker-entrypoint-initdb.d/10-allow-replication.sh", "ro"] in db_mounts
