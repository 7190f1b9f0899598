"""Music analysis: an audio file in, tempo, beats, downbeats, meter, sections, an energy curve,
key, mood, genre and loudness out — a pure library (no database, no web code).

    from app.analysis import analyse, warm
    warm()                       # at start-up, off the request path
    result = analyse(Path("song.mp3"), progress=lambda share: ...)
    result.to_dict()             # JSON-ready

Results depend on ANALYSER_VERSION: cache them by the audio's content hash and this version,
and bump it whenever a change alters results.

The beat tracker is compiled by numba on first use (a few seconds) and the machine code is
kept in NUMBA_CACHE_DIR — set here, before numba loads, to `$ANALYSIS_CACHE_DIR`, else
`$STORAGE_DIR/cache/numba`, else `<repo>/storage/cache/numba` — so a fresh process loads it
instead of compiling again. `warm()` compiles (or loads) it and builds the filter banks.

Everything here is permissively licensed: our own code, numpy and scipy (BSD), librosa (ISC)
for filter banks, numba (BSD) for the Viterbi decoder, pyloudnorm (MIT) for the loudness
filters. The one trained model is our own: the beat activation (beat_model.py), trained by
`backend/training` on public-domain scores and our synthetic songs, its weights in models/."""

import os
import sys
from collections.abc import Callable
from pathlib import Path


def _cache_dir() -> Path:
    explicit = os.environ.get("ANALYSIS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    storage = os.environ.get("STORAGE_DIR")
    base = Path(storage) if storage else Path(__file__).resolve().parents[3] / "storage"
    return base / "cache" / "numba"


if "NUMBA_CACHE_DIR" not in os.environ:
    os.environ["NUMBA_CACHE_DIR"] = str(_cache_dir())
if "numba" in sys.modules:  # loaded before us: numba read its settings already
    sys.modules["numba"].config.CACHE_DIR = os.environ["NUMBA_CACHE_DIR"]

from app.analysis.result import ANALYSER_VERSION, Analysis, SectionInfo, unsure  # noqa: E402 - after the cache folder is set
from app.analysis.run import analyse_file, analyse_samples  # noqa: E402

__all__ = ["ANALYSER_VERSION", "Analysis", "SectionInfo", "analyse", "analyse_samples", "unsure", "warm"]


def analyse(path: Path, progress: Callable[[float], None] | None = None) -> Analysis:
    """Analyse an audio file (anything ffmpeg decodes). `progress` gets 0..1 as steps finish."""
    return analyse_file(path, progress)


def warm() -> None:
    """Compile or load the beat tracker and build the filter banks, so the first request does
    not pay for them (about 20 s the first time on a new machine, well under 1 s after)."""
    from app.analysis.run import warm_up

    Path(os.environ["NUMBA_CACHE_DIR"]).mkdir(parents=True, exist_ok=True)
    warm_up()
