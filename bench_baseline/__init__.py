"""The benchmark's baseline: the cheapest write through Django and DRF (issue 5).

Installed only when settings.BENCH_BASELINE is true, so a deployment never carries it. Intake's cost is
stated as a multiple of this endpoint's, measured in the same load-test run, which holds on any machine.
"""
