#!/usr/bin/env python
"""Run one load phase and record who spent the CPU of the processes the run started.

    bench/cpu_share.py OUT.json [--skip SECONDS] [--web-pid PID] [--worker-pid PID] [--database URL] -- COMMAND...

On two cores the load generator, gunicorn, PostgreSQL and the Celery worker share the CPU, so throughput
alone does not say what a request costs the server. This reads the kernel's accounting before and after
the command, for this run's processes only (other runs' servers and databases on the machine are not
counted; a neighbour's process exiting mid-phase cannot make a figure negative):

- web: the gunicorn master given by --web-pid and its workers (/proc/<pid>/stat, user + system time plus
  the time of reaped children, so a worker that ended during the phase is still counted through the master);
- worker: the Celery process given by --worker-pid and its pool, the same way;
- database: the PostgreSQL backends connected to the run's own database (--database), found in
  pg_stat_activity every half second during the phase; a backend that lived less than that is missed;
- load generator: the command's own process tree (getrusage of reaped children).

/proc/stat gives the machine's busy time; what is left of it is "other" (other work, the kernel).
--skip leaves out the first seconds (Locust starting and spawning its users, which its statistics also
leave out): the JSON holds the CPU seconds per group and the machine's busy seconds over the measured
window and its length; bench/report.py divides the CPU rates by the phase's request rate.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")
def _stat(pid: str) -> tuple[int, float]:
    """(parent pid, CPU seconds including reaped children) of a process; (0, 0.0) if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0, 0.0
    # The command name is in parentheses and may hold spaces: count fields after the last ')'.
    fields = stat[stat.rindex(")") + 2:].split()
    utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
    return int(fields[1]), (utime + stime + cutime + cstime) / TICK


def _processes() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds) of every process now."""
    return {int(pid): _stat(pid) for pid in os.listdir("/proc") if pid.isdigit()}


def _tree(root: int | None, processes: dict) -> set[int]:
    """root and its descendants (empty without a root)."""
    if not root:
        return set()
    tree, frontier = set(), {root}
    while frontier:
        tree |= frontier
        frontier = {pid for pid, (parent, _) in processes.items() if parent in frontier} - tree
    return tree


def _busy() -> float:
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / TICK


def process_seconds(pid: int) -> float:
    """CPU seconds of one process (and its reaped children) so far; 0.0 once it is gone."""
    return _stat(str(pid))[1]


def backend_seconds(connection) -> float:
    """CPU seconds so far of the PostgreSQL backend serving this Django connection (same machine only): the
    database's share of what this process asked of it, with no other backend's work counted."""
    if connection.vendor != "postgresql":
        return 0.0
    pid = getattr(connection, "_bench_backend_pid", None)
    with connection.cursor() as cursor:  # connects if needed; a reconnect has a new backend
        if pid is None or connection.connection.info.backend_pid != pid:
            pid = connection._bench_backend_pid = connection.connection.info.backend_pid
    return process_seconds(pid)


class DatabaseBackends:
    """The CPU of the backends of one database, sampled from pg_stat_activity in a thread of its own."""

    def __init__(self, url: str | None, interval: float = 0.5):
        self.url, self.interval = url, interval
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = None

    def _sample(self, cursor, initial: bool) -> None:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        for (pid,) in cursor.fetchall():
            seconds = process_seconds(pid)
            if seconds:
                # A backend first seen after the window opened started in it: all its time is the phase's.
                self.first.setdefault(pid, seconds if initial else 0.0)
                self.last[pid] = seconds

    def start(self) -> None:
        if not self.url:
            return
        import psycopg2

        self._conn = psycopg2.connect(self.url)
        self._conn.autocommit = True
        with self._conn.cursor() as cursor:
            self._sample(cursor, initial=True)

        def run():
            with self._conn.cursor() as cursor:
                while not self._stop.wait(self.interval):
                    self._sample(cursor, initial=False)

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def stop(self) -> float:
        """CPU seconds the database's backends spent since start."""
        if not self.url:
            return 0.0
        self._stop.set()
        self._thread.join()
        with self._conn.cursor() as cursor:
            self._sample(cursor, initial=False)
        self._conn.close()
        return sum(self.last[pid] - self.first[pid] for pid in self.last)


def snapshot(command_pid: int, *, web_pid: int | None = None, worker_pid: int | None = None) -> dict:
    processes = _processes()
    trees = {"web": _tree(web_pid, processes), "worker": _tree(worker_pid, processes),
             "command": _tree(command_pid, processes)}
    seconds = {name: sum(processes.get(pid, (0, 0.0))[1] for pid in tree) for name, tree in trees.items()}
    return {"groups": {"web": seconds["web"], "worker": seconds["worker"]}, "command": seconds["command"],
            "busy": _busy()}


def _children_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(
        usage="cpu_share.py OUT.json [--skip SECONDS] -- COMMAND...", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("out", type=Path, help="where to write the JSON")
    parser.add_argument("--skip", type=float, default=0.0, help="seconds left out at the start")
    parser.add_argument("--web-pid", type=int, help="the gunicorn master of this run")
    parser.add_argument("--worker-pid", type=int, help="the Celery worker of this run")
    parser.add_argument("--database", help="URL of this run's database (its backends are counted)")
    argv = sys.argv[1:]
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        parser.error("give the command to measure after --")
    split = argv.index("--")
    args, command = parser.parse_args(argv[:split]), argv[split + 1:]
    out, skip = args.out, args.skip
    children_before = _children_seconds()
    process = subprocess.Popen(command)
    try:
        process.wait(timeout=skip)
    except subprocess.TimeoutExpired:
        pass
    pids = {"web_pid": args.web_pid, "worker_pid": args.worker_pid}
    database = DatabaseBackends(args.database)
    before, started = snapshot(process.pid, **pids), time.perf_counter()
    database.start()
    returncode = process.wait()
    after, window = snapshot(process.pid, **pids), time.perf_counter() - started
    groups = {g: round(after["groups"][g] - before["groups"][g], 2) for g in after["groups"]}
    groups["database"] = round(database.stop(), 2)
    # The load generator has exited by now: its whole CPU time (getrusage of reaped children) less what it
    # had spent when the window opened.
    groups["load generator"] = round(_children_seconds() - children_before - before["command"], 2)
    busy = after["busy"] - before["busy"]
    groups["other"] = round(max(0.0, busy - sum(groups.values())), 2)
    out.write_text(json.dumps({
        "window_seconds": round(window, 2), "skipped_seconds": skip, "cores": os.cpu_count(),
        "machine_busy": round(busy, 2), "cpu": groups,
    }, indent=1))
    return returncode


if __name__ == "__main__":
    sys.exit(main())
