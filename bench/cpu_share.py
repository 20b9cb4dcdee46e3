#!/usr/bin/env python
"""Run one load phase and record who spent the machine's CPU during it.

    bench/cpu_share.py OUT.json [--skip SECONDS] -- locust -f bench/locustfile.py ...

On two cores the load generator, gunicorn, PostgreSQL and the Celery worker share the CPU, so throughput
alone does not say what a request costs the server. This reads the kernel's accounting before and after
the command: /proc/<pid>/stat of every process (user + system time, plus the time of its children that
have exited and been reaped, so a PostgreSQL backend or a gunicorn worker that ended during the phase is
still counted through its parent), /proc/stat for the whole machine, and the command's own children
(Locust) from getrusage. Processes are grouped by their command line: web (gunicorn), database
(postgres), worker (celery), load generator (the command). What is left of the machine's busy time is
"other" (other sessions' processes, the kernel's own threads).

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
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")
GROUPS = ("web", "worker", "database")


def _group(pid: str) -> str | None:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return None
    # PostgreSQL backends rewrite their title ("postgres: 15/main: ..."); the postmaster is .../bin/postgres.
    if argv[0].startswith("postgres:") or argv[0].endswith("/postgres"):
        return "database"
    programs = [Path(a).name for a in argv[:2]]  # "python .venv/bin/gunicorn ..." or "gunicorn: worker"
    if "gunicorn" in programs or argv[0].startswith("gunicorn"):
        return "web"
    if "celery" in programs:
        return "worker"
    return None


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


def snapshot(command_pid: int) -> dict:
    groups = dict.fromkeys(GROUPS, 0.0)
    parents, seconds = {}, {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            parents[int(pid)], seconds[int(pid)] = _stat(pid)
            group = _group(pid)
            if group:
                groups[group] += seconds[int(pid)]
    # The command's own process tree (timeout, then Locust) so far.
    tree, frontier = set(), {command_pid}
    while frontier:
        tree |= frontier
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - tree
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return {"groups": groups, "command": sum(seconds.get(pid, 0.0) for pid in tree),
            "busy": (sum(values[:8]) - idle) / TICK}


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
    before, started = snapshot(process.pid), time.perf_counter()
    returncode = process.wait()
    after, window = snapshot(process.pid), time.perf_counter() - started
    groups = {g: round(after["groups"][g] - before["groups"][g], 2) for g in after["groups"]}
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
