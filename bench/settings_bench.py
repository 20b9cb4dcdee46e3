"""Settings of the benchmark runs: the production settings (config.settings, from the environment) plus the
baseline endpoint. Used by bench/generate.py, bench/run_load.sh and bench/dashboard.py only."""

from config.settings import *  # noqa: F401,F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench_baseline"]
ROOT_URLCONF = "bench.urls_bench"

# collectstatic for the DEBUG-off server goes outside the working tree (bench/run_load.sh fills it).
import os as _os  # noqa: E402

STATIC_ROOT = _os.environ.get("BENCH_STATIC_ROOT", "/tmp/onewindow-bench-static")
