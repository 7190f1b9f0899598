"""The analysis result: a frozen dataclass that turns into plain JSON."""

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

# Bump when a change alters results: stored analyses are keyed by content hash + version.
ANALYSER_VERSION = "17"
# Below these the creator is told the analysis is unsure and offered the grid corrections. The
# tempo's was set on the evaluation set's development half, where 0.35 to 0.4 flag both real
# pieces whose beats came out wrong (F under 0.8) and none of the 47 right ones (0.45 to 0.55
# flag two right ones, 0.3 misses a wrong one). The downbeat's, on the same half: 0.4 flags 3
# of the 4 real pieces whose downbeats came out wrong (F under 0.6) and 5 of the 25 right ones
# (0.5: the same 3 and 6; 0.3 catches 2). bench/analysis.py reports both on each half.
UNSURE_TEMPO, UNSURE_DOWNBEAT, UNSURE_KEY = 0.4, 0.4, 0.4


@dataclass(frozen=True)
class SectionInfo:
    start: float
    end: float
    label: str  # intro / verse / chorus / bridge / outro, or A / B / C when the kind is unclear
    group: str  # sections that sound alike share this letter


@dataclass(frozen=True)
class Analysis:
    version: str
    duration: float  # seconds
    tempo: float  # BPM of the beat below (median over the song)
    tempo_confidence: float  # 0..1: how clearly the beats stand on onsets
    beats: tuple[float, ...]  # seconds
    downbeats: tuple[float, ...]  # seconds; each is also in `beats`
    beats_per_bar: int
    downbeat_confidence: float  # 0..1
    sections: tuple[SectionInfo, ...]  # cover 0..duration; inner boundaries are downbeats
    energy: tuple[float, ...]  # one per beat, 0..1 (see energy.py)
    key: str  # e.g. "A minor"
    tonic: str
    mode: str  # "major" / "minor"
    key_confidence: float
    mood: tuple[str, ...]
    genre: str
    genre_confidence: float
    loudness_lufs: float  # integrated, EBU R128
    descriptors: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable (times rounded to the millisecond)."""
        data = asdict(self)
        for name in ("beats", "downbeats"):
            data[name] = [round(t, 3) for t in data[name]]
        data["energy"] = [round(e, 3) for e in data["energy"]]
        data["sections"] = [
            {**s, "start": round(s["start"], 3), "end": round(s["end"], 3)} for s in data["sections"]
        ]
        data["mood"] = list(data["mood"])
        for name in (
            "tempo",
            "tempo_confidence",
            "downbeat_confidence",
            "key_confidence",
            "genre_confidence",
            "duration",
            "loudness_lufs",
        ):
            data[name] = round(data[name], 3) if data[name] != float("-inf") else None
        return data


def unsure(data: Mapping[str, Any]) -> list[str]:
    """What an analysis (as `Analysis.to_dict()` gives it) is not sure of, each with the fix
    the video editor offers."""
    notes = []
    if (data.get("tempo_confidence") or 0) < UNSURE_TEMPO:
        notes.append("tempo: the beat is not clear; check the grid (double or halve the tempo, nudge it)")
    if (data.get("downbeat_confidence") or 0) < UNSURE_DOWNBEAT:
        notes.append("downbeats: the bar's first beat is not clear; shift the downbeat if sections start off")
    if (data.get("key_confidence") or 0) < UNSURE_KEY:
        notes.append("key: the key is uncertain")
    return notes
