#!/usr/bin/env python
"""This machine's single-core speed as one number, printed by run_load.sh beside its figures: seconds of CPU
for ten million iterations of a Python loop (best of three). Runs on different machines, or on one machine
shared with other work, are comparable only when this number is similar."""

import time


def loop() -> float:
    start = time.process_time()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.process_time() - start


if __name__ == "__main__":
    print(f"{min(loop() for _ in range(3)):.2f}")
