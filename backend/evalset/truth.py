"""Ground truth of one evaluation song, exact by construction (we placed every note), and
how it is stored beside the audio (JSON)."""

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Truth:
    beats: list[float]  # seconds, the notated beat (quarter in x/4, dotted quarter in x/8)
    downbeats: list[float]
    beats_per_bar: int  # 4/4 → 4, 3/4 → 3, 6/8 → 2
    tempo: float  # median BPM of the notated beat
    tonic: str | None  # "C", "F#" …; None when the piece is modal or its key is not known
    mode: str | None  # "major" / "minor"
    sections: list[tuple[float, float, str]] = field(default_factory=list)  # only synthetic songs
    drums: str = "none"  # "all", "some" (drumless intro or breakdown), "none"
    meter: str = "4/4"
    description: str = ""

    @property
    def key(self) -> str | None:
        return None if self.tonic is None else f"{self.tonic} {self.mode}"

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=1))

    @staticmethod
    def load(path: Path) -> "Truth":
        data = json.loads(path.read_text())
        data["sections"] = [tuple(s) for s in data["sections"]]
        return Truth(**data)


PITCH_NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
