#!/usr/bin/env python
"""Summarise a bench/run_load.sh result directory: throughput, p50/p95/p99 per operation, errors, targets.

    .venv/bin/python bench/report.py bench/results/load-2026-11-29-w4
"""

import csv
import json
import statistics
import sys
from pathlib import Path

P95_TARGETS = {"queue (API)": 100, "queue (web /)": 100, "case page (API)": 100, "status lookup": 50}


def read(directory: Path, phase: str) -> dict:
    path = directory / f"{phase}_stats.csv"
    if not path.exists():
        return {}
    with path.open() as f:
        return {row["Name"]: row for row in csv.DictReader(f)}


def num(row, key) -> float:
    try:
        return float(row[key])
    except (KeyError, TypeError, ValueError):
        return 0.0


def table(title: str, rows: dict) -> None:
    print(f"\n{title}")
    print(f"  {'operation':<42} {'requests':>9} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} {'errors':>7}  target")
    for name, row in rows.items():
        if "not measured" in name:
            continue
        target = ""
        if name in P95_TARGETS:
            ok = num(row, "95%") <= P95_TARGETS[name]
            target = f"p95 <= {P95_TARGETS[name]} ms: {'met' if ok else 'NOT met'}"
        print(f"  {name:<42} {int(num(row, 'Request Count')):>9,} {num(row, 'Requests/s'):>7.1f} "
              f"{num(row, '50%'):>6.0f} {num(row, '95%'):>6.0f} {num(row, '99%'):>6.0f} "
              f"{int(num(row, 'Failure Count')):>7}  {target}")
    print("  (times in ms; 'Aggregated' includes the expected 409s, which are not errors)")


def cpu_per_request(directory: Path, phase: str, rows: dict) -> dict | None:
    """Milliseconds of CPU per request by process group over the phase's measured window (bench/cpu_share.py),
    or None when the run did not record it."""
    path = directory / f"{phase}_cpu.json"
    row = rows.get("Aggregated") or next(iter(rows.values()), None)
    if not path.exists() or not row or not num(row, "Requests/s"):
        return None
    data = json.loads(path.read_text())
    rps, window = num(row, "Requests/s"), data["window_seconds"]
    per_request = {group: seconds / window / rps * 1000 for group, seconds in data["cpu"].items()}
    print(f"  CPU over {window:.0f} s at {rps:.1f} req/s ({data['cores']} cores; machine busy "
          f"{data['machine_busy'] / window / data['cores']:.0%}):")
    for group, seconds in data["cpu"].items():
        print(f"    {group:<16} {seconds / window:>5.2f} cores  {per_request[group]:>6.2f} ms per request")
    print(f"    {'server (web + database)':<29} {server_ms(per_request):>6.2f} ms per request")
    return per_request


def server_ms(per_request: dict) -> float:
    """The server's own CPU per request: the load generator's share and the deferred receipts left out."""
    return per_request["web"] + per_request["database"]


def ratio_rounds(directory: Path) -> None:
    """The ratio phase: intake rounds between baseline rounds (B I B I ... I B). Each intake round is set
    against the mean of the baseline rounds either side of it, by the server's CPU per request and by
    saturated throughput; the median over the rounds is the figure."""
    rounds = []
    k = 1
    while (directory / f"ratio{k}-intake_stats.csv").exists():
        rounds.append(k)
        k += 1
    if not rounds:
        return

    def measure(phase: str, name: str):
        row = read(directory, phase).get(name)
        path = directory / f"{phase}_cpu.json"
        if not row or not num(row, "Requests/s") or not path.exists():
            return None
        data = json.loads(path.read_text())
        rps = num(row, "Requests/s")
        ms = (data["cpu"]["web"] + data["cpu"]["database"]) / data["window_seconds"] / rps * 1000
        return rps, ms, int(num(row, "Failure Count")), int(num(row, "Request Count"))

    print("\nintake / baseline in alternating rounds (the ratio phase; the worker paused; each intake round set "
          "against the baseline rounds before and after it)")
    print(f"  {'round':<6} {'baseline before':>22} {'intake':>22} {'baseline after':>22} {'by CPU':>7} {'by req/s':>9}")
    by_cpu, by_rate, errors = [], [], 0
    for k in rounds:
        before, intake, after = (measure(f"ratio{k}-baseline", "baseline insert"),
                                 measure(f"ratio{k}-intake", "intake (POST complaint)"),
                                 measure(f"ratio{k + 1}-baseline", "baseline insert"))
        if not (before and intake and after):
            print(f"  {k:<6} (a round is missing its figures)")
            continue
        errors += before[2] + intake[2] + after[2]
        base_ms, base_rps = (before[1] + after[1]) / 2, (before[0] + after[0]) / 2
        by_cpu.append(intake[1] / base_ms)
        by_rate.append(base_rps / intake[0])
        cell = lambda m: f"{m[0]:6.1f}/s {m[1]:5.2f} ms"  # noqa: E731
        print(f"  {k:<6} {cell(before):>22} {cell(intake):>22} {cell(after):>22} {by_cpu[-1]:>6.2f}x {by_rate[-1]:>8.2f}x")
    if by_cpu:
        median = statistics.median
        print("  (per round: requests/s at saturation and the server's CPU per request, web + database)")
        print(f"intake cost / baseline cost, median of {len(by_cpu)} alternating rounds: {median(by_cpu):.2f}x by the "
              f"server's CPU (range {min(by_cpu):.2f}-{max(by_cpu):.2f}x), {median(by_rate):.2f}x by saturated "
              f"throughput (range {min(by_rate):.2f}-{max(by_rate):.2f}x); target <= 3x: "
              f"{'met' if median(by_cpu) <= 3 else 'NOT met'}")
        print(f"  errors in the ratio rounds: {errors}")
    drained = directory / "ratio-drain.txt"
    if drained.exists():
        print(f"  {drained.read_text().strip()}")


def main():
    directory = Path(sys.argv[1])
    yardstick = directory / "yardstick.txt"
    if yardstick.exists():
        print(f"machine yardstick: {yardstick.read_text().strip()} s of CPU for 10M Python loop iterations "
              "(lower is faster; compare runs only on similar figures)")
    state = directory / "database.txt"
    if state.exists():
        print(state.read_text().strip())
    mixed, intake, baseline = (read(directory, p) for p in ("mixed", "intake", "baseline"))
    warm = read(directory, "warmup").get("Aggregated")
    if warm:
        print(f"\nwarm-up (the mixed workload on the server just started; not counted): "
              f"{int(num(warm, 'Request Count')):,} requests, p50 {num(warm, '50%'):.0f} ms, p95 {num(warm, '95%'):.0f} ms, "
              f"p99 {num(warm, '99%'):.0f} ms, {int(num(warm, 'Failure Count'))} errors")
    if mixed:
        table("mixed workload", mixed)
        errors = sum(int(num(r, "Failure Count")) for n, r in mixed.items() if n != "Aggregated")
        print(f"  errors in the mixed workload: {errors} (target: none)")
        cpu_per_request(directory, "mixed", mixed)
    i_row = intake.get("intake (POST complaint)")
    b_row = baseline.get("baseline insert")
    i_cpu = b_cpu = None
    if i_row:
        table("intake saturation (clerks only, no think time)", {"intake (POST complaint)": i_row})
        i_cpu = cpu_per_request(directory, "intake", {"intake": i_row})
    if b_row:
        table("baseline saturation (no think time)", {"baseline insert": b_row})
        b_cpu = cpu_per_request(directory, "baseline", {"baseline": b_row})
    if i_row:
        i_rps = num(i_row, "Requests/s")
        print(f"\nintake: {i_rps:.1f} complaints registered/s at saturation "
              f"(target >= 100/s: {'met' if i_rps >= 100 else 'NOT met'})")
        drained = directory / "intake-drain.txt"
        if drained.exists():
            # The receipts are rendered by the worker after the response; drain.py says when the last was stored.
            last = drained.read_text().strip().splitlines()[-1]
            print(f"  with their receipts stored: {last.split('stored:', 1)[-1].strip()}")
    if i_row and b_row:
        # The single baseline phase of runs before the ratio phase (PHASES="mixed baseline intake").
        b_rps = num(b_row, "Requests/s")
        ratio = b_rps / i_rps if i_rps else float("inf")
        lat = num(i_row, "50%") / num(b_row, "50%") if num(b_row, "50%") else float("inf")
        print(f"intake cost / baseline cost: {ratio:.1f}x by saturated throughput, {lat:.1f}x by median latency "
              f"(target <= 3x: {'met' if ratio <= 3 else 'NOT met'})")
        if i_cpu and b_cpu:
            i_server, b_server = server_ms(i_cpu), server_ms(b_cpu)
            print(f"intake cost / baseline cost by the server's CPU per request (web + database): "
                  f"{i_server:.1f} / {b_server:.1f} ms = {i_server / b_server:.1f}x "
                  f"(target <= 3x: {'met' if i_server / b_server <= 3 else 'NOT met'})")
        print(f"  intake errors {int(num(i_row, 'Failure Count'))}, baseline errors {int(num(b_row, 'Failure Count'))}")
    ratio_rounds(directory)


if __name__ == "__main__":
    main()
