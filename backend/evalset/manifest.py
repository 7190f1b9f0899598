"""Which songs make the evaluation set, which half each belongs to (tune on "dev", report
on "held-out" as well), and the cache that holds their audio and truth.

The cache is a folder outside git: `EVALSET_CACHE`, else `<repo>/storage/evalset-cache`.
Songs are made on first use and kept; a song is the same on every machine (seeded), and
GENERATOR_VERSION is part of the folder name, so a change to a generator makes new files."""

import hashlib
import os
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from evalset import fluid, scores, synth
from evalset.truth import Truth

GENERATOR_VERSION = "6"
REPO_ROOT = Path(__file__).resolve().parents[2]
SYNTH_DEV = range(1000, 1020)
SYNTH_HELD_OUT = range(2000, 2020)


def real_split(piece: scores.Piece) -> str:
    """A real piece's half, by a rule fixed before any figure was seen: the parity of the first
    byte of the SHA-256 of its score's path (and tune number). Both renderings of one score
    land in the same half, so the held-out half holds no music the dev half has, and adding
    pieces never moves the old ones."""
    digest = hashlib.sha256(f"{piece.path}#{piece.number}".encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "held-out"


@dataclass(frozen=True)
class Song:
    id: str
    kind: str  # "synthetic" or "real"
    split: str  # "dev" or "held-out"
    audio: Path
    truth_path: Path

    def truth(self) -> Truth:
        return Truth.load(self.truth_path)


def cache_dir() -> Path:
    base = Path(os.environ.get("EVALSET_CACHE") or REPO_ROOT / "storage" / "evalset-cache")
    return base / f"v{GENERATOR_VERSION}"


def write_wav(path: Path, audio: np.ndarray, rate: int) -> None:
    pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2")
    tmp = path.with_suffix(".part")
    with wave.open(str(tmp), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    tmp.replace(path)


def songs(kinds: tuple[str, ...] = ("synthetic", "real"), *, build: bool = True) -> list[Song]:
    """The evaluation songs, made (once) when missing. Real scores are skipped when the
    synthesiser is not installed (`scores.available()` says why)."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Song] = []
    if "synthetic" in kinds:
        for split, seeds in (("dev", SYNTH_DEV), ("held-out", SYNTH_HELD_OUT)):
            for seed in seeds:
                song = Song(
                    f"synth-{seed}",
                    "synthetic",
                    split,
                    folder / f"synth-{seed}.wav",
                    folder / f"synth-{seed}.json",
                )
                if build and not song.truth_path.exists():
                    audio, truth = synth.render(synth.random_spec(seed))
                    write_wav(song.audio, audio, synth.SR)
                    truth.save(song.truth_path)
                out.append(song)
    if "real" in kinds and scores.available() is None:
        for index, piece in enumerate(scores.PIECES):
            split = real_split(piece)
            song = Song(
                f"real-{piece.name}",
                "real",
                split,
                folder / f"real-{piece.name}.wav",
                folder / f"real-{piece.name}.json",
            )
            if build and not song.truth_path.exists():
                audio, truth = scores.render(piece, seed=index + 1, work=folder)
                write_wav(song.audio, audio, fluid.SR)
                truth.save(song.truth_path)
            out.append(song)
    return [s for s in out if s.truth_path.exists()]


if __name__ == "__main__":
    import time

    started = time.perf_counter()
    made = songs()
    print(f"{len(made)} songs in {cache_dir()} ({time.perf_counter() - started:.0f} s)")
