"""The benchmark's baseline: the cheapest write through Django and DRF (issue 5).

Installed only by the benchmark's settings (bench/settings_bench.py, bench/urls_bench.py), so a deployment
never carries it. Intake's cost is stated as a multiple of this endpoint's, measured in the same load-test run,
which holds on any machine.
"""
