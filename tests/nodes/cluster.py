"""Processes of a small cluster on this machine, for tests/nodes: gunicorn web nodes, Celery workers, a beat, and
HAProxy in front, run from the repository's own configuration (config/gunicorn.conf.py, deploy/haproxy/)."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import skip_unless_real

ROOT = Path(__file__).resolve().parent.parent.parent
HAPROXY_CFG = ROOT / "deploy" / "haproxy" / "haproxy.cfg"


def require_nodes():
    """Two minutes of several processes: run in CI (.ci/run sets REQUIRE_NODES=1) or when asked for."""
    if os.environ.get("REQUIRE_NODES") != "1":
        pytest.skip("several-node test: run with REQUIRE_NODES=1 (set by .ci/run), PostgreSQL, Redis and haproxy")


def require_parts(connection, broker_url: str):
    if connection.vendor != "postgresql":
        skip_unless_real("the nodes need a database server they share with the test", "REQUIRE_NODES")
    if not broker_url.startswith("redis://"):
        skip_unless_real("no Redis CELERY_BROKER_URL", "REQUIRE_NODES")
    if not shutil.which("haproxy"):
        skip_unless_real("haproxy is not installed (apt-get install haproxy)", "REQUIRE_NODES")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_db(url: str, db: int) -> str:
    """The same Redis server as `url`, another database number."""
    return re.sub(r"/\d*$", "", url.split("?")[0]) + f"/{db}"


def wait_listening(port: int, proc, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, f"nothing listening on {port}: {log.read_text(errors='replace')[-3000:]}"
            time.sleep(0.2)


class Cluster:
    def __init__(self, env: dict, logs: Path):
        self.env, self.logs = env, logs
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, name: str, args: list[str], **extra_env) -> subprocess.Popen:
        log = self.logs / f"{name}.log"
        # A session of its own: killing a node kills its master and its workers together, as a crash would.
        proc = subprocess.Popen(args, cwd=ROOT, env={**self.env, **extra_env}, stdout=log.open("wb"),
                                stderr=subprocess.STDOUT, start_new_session=True)
        self.procs[name] = proc
        return proc

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def web(self, name: str, workers: int = 2) -> int:
        port = free_port()
        proc = self.start(name, [sys.executable, "-m", "gunicorn", "config.wsgi", "-c", "config/gunicorn.conf.py"],
                          GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=str(workers))
        wait_listening(port, proc, self.logs / f"{name}.log")
        return port

    def worker(self, name: str, queues: str):
        return self.start(name, [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", queues,
                                 "-n", f"{name}@%h", "-l", "warning", "--without-gossip", "--without-mingle"])

    def beat(self, name: str = "beat"):
        return self.start(name, [sys.executable, "-m", "celery", "-A", "config", "beat", "-l", "info",
                                 "--schedule", str(self.logs / f"{name}-unused-schedule")])

    def haproxy(self, web_ports: list[int], workers_per_node: int) -> int:
        """deploy/haproxy/haproxy.cfg as committed, but for these nodes: their addresses in place of Compose's
        DNS-discovered replicas and a free local port in place of :8080."""
        port = free_port()
        text = HAPROXY_CFG.read_text()
        text, n = re.subn(r"(?m)^resolvers docker\n(?:[ \t]+.*\n|[ \t]*#.*\n)*", "", text)
        assert n == 1
        text, n = re.subn(r"(?m)^(\s*)bind :8080$", rf"\g<1>bind 127.0.0.1:{port}", text)
        assert n == 1
        servers = "".join(f"    server web{i} 127.0.0.1:{p}\n" for i, p in enumerate(web_ports, 1))
        text, n = re.subn(r"(?m)^\s*server-template .*\n", servers, text)
        assert n == 1
        cfg = self.logs / "haproxy.cfg"
        cfg.write_text(text)
        proc = self.start("haproxy", ["haproxy", "-db", "-f", str(cfg)], WEB_CONCURRENCY=str(workers_per_node))
        wait_listening(port, proc, self.logs / "haproxy.log")
        return port

    def kill(self, name: str, sig=signal.SIGKILL) -> None:
        proc = self.procs[name]
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        proc.wait(30)

    def stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for proc in self.procs.values():
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
