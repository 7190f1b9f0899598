"""The analyser's compiled beat tracker is cached in a folder that outlives the test run (the
tests' storage folder is new each run): compiling it costs ~20 s, loading it well under 1 s."""

import os
from pathlib import Path

os.environ.setdefault(
    "ANALYSIS_CACHE_DIR", str(Path(__file__).resolve().parents[3] / "storage" / "cache" / "numba")
)
