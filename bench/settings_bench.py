"""Settings of the benchmark runs: the production settings (config.settings, from the environment) plus the
baseline endpoint. Used by bench/generate.py, bench/run_load.sh and bench/dashboard.py only."""

from config.settings import *  # noqa: F401,F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench_baseline"]
ROOT_URLCONF = "bench.urls_bench"

# collectstatic for the DEBUG-off server goes outside the working tree (bench/run_load.sh fills it).
import os as _os  # noqa: E402

STATIC_ROOT = _os.environ.get("BENCH_STATIC_ROOT", "/tmp/onewindow-bench-static")

# Each load run's cache keys under a prefix of its own (bench/run_load.sh), so runs sharing a Redis database
# do not share rate-limit counters or empty each other's keys.
if _os.environ.get("BENCH_CACHE_PREFIX"):
    CACHES["default"]["KEY_PREFIX"] = _os.environ["BENCH_CACHE_PREFIX"]  # noqa: F405
