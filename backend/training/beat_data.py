"""The beat model's training material: music the evaluation set does not hold, with exact
beats, rendered on another sound font than the evaluation's.

- Real scores from music21's corpus (BSD): chorales, quartet movements, madrigals, folk tunes
  — never a score (or a collection of tunes) the evaluation set plays, never a movement of a
  work it plays — each at a seeded tempo, on a seeded ensemble, with drums a third of the
  time, through the same performance model as the evaluation's real pieces (tempo drift,
  ritardando, looseness, leads per key).
- Synthetic songs from the evaluation's generator on seeds outside its two halves.

Everything is played on MuseScore General (MIT; Debian's musescore-general-soundfont-lossless),
while the evaluation set is played on FluidR3: the evaluation's figures then say how the
model hears instruments it never trained on. Renderings are cached like the evaluation set's.

A training tool only; the analyser never imports it."""

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from evalset import fluid, manifest, scores, synth
from evalset.truth import Truth

VERSION = "1"
FONT = Path("/usr/share/sounds/sf2/MuseScore_General_Full.sf2")
SYNTH_SEEDS = range(5000, 5040)
SECONDS = 45.0
COLLECTIONS = ("essenFolksong", "oneills1850")  # ABC files of many tunes: the first is played
SCORE_FILES = (".mxl", ".xml", ".musicxml", ".krn", ".abc")  # not the analyses (.rntxt)
# how many scores to draw from each corpus folder (after leaving out the evaluation's works)
DRAWS = {
    "bach": 45,
    "beethoven": 8,  # whole quartets take minutes to parse
    "mozart": 6,
    "haydn": 3,
    "schumann_robert": 4,
    "monteverdi": 12,
    "ryansMammoth": 25,
    "essenFolksong": 8,
    "oneills1850": 8,
}


@dataclass(frozen=True)
class Item:
    id: str
    audio: Path
    truth_path: Path

    def truth(self) -> Truth:
        return Truth.load(self.truth_path)


def cache_dir() -> Path:
    base = Path(os.environ.get("TRAINING_CACHE") or manifest.REPO_ROOT / "storage" / "training-cache")
    return base / f"beats-v{VERSION}"


def _work(path: str) -> str:
    """The work a corpus path belongs to: a quartet's folder (all its movements), else the
    file without its extension."""
    parts = path.split("/")
    work = "/".join(parts[:2]) if len(parts) > 2 else path
    for ending in SCORE_FILES:  # only a file type: "bach/bwv66.6" is chorale 66.6
        work = work.removesuffix(ending)
    return work.removesuffix("-lpz")  # a chorale's Leipzig version is the same chorale


def corpus_pieces(seed: int = 7) -> list[scores.Piece]:
    from music21 import corpus

    held = {_work(p.path) for p in scores.PIECES}
    rng = np.random.default_rng(seed)
    by_folder: dict[str, list[str]] = {}
    for full in corpus.getPaths():
        rel = str(full).split("/corpus/", 1)[1]
        folder = rel.split("/", 1)[0]
        if folder in DRAWS and rel.endswith(SCORE_FILES) and _work(rel) not in held:
            by_folder.setdefault(folder, []).append(rel)
    out: list[scores.Piece] = []
    ensembles = [e for e in scores.ENSEMBLES if e != "fiddle"]
    for folder, count in DRAWS.items():
        paths = sorted(by_folder.get(folder, []))
        for rel in rng.permutation(paths)[:count]:
            abc = rel.endswith(".abc")
            out.append(
                scores.Piece(
                    name=str(rel).rsplit(".", 1)[0].replace("/", "-"),
                    path=str(rel),
                    bpm=float(np.exp(rng.uniform(np.log(60), np.log(150)))),
                    ensemble="fiddle" if abc and rng.random() < 0.5 else str(rng.choice(ensembles)),
                    drums=bool(rng.random() < 1 / 3),
                    number=0 if folder in COLLECTIONS else None,
                    seconds=SECONDS,
                )
            )
    return out


def _make(job: tuple[str, scores.Piece | int, int]) -> str:
    name, what, seed = job
    os.environ["EVALSET_SOUND_FONT"] = str(FONT)
    folder = cache_dir()
    wav, truth_path = folder / f"{name}.wav", folder / f"{name}.json"
    try:
        if isinstance(what, int):
            audio, truth = synth.render(synth.random_spec(what))
            rate = synth.SR
        else:
            audio, truth = scores.render(what, seed=seed, work=folder)
            rate = fluid.SR
            if not scores.beat_count_ok(truth):
                return f"{name}: too few beats, skipped"
    except Exception as error:  # a score music21 cannot play is simply left out
        return f"{name}: {type(error).__name__}: {error}"[:160]
    manifest.write_wav(wav, audio, rate)
    truth.save(truth_path)
    return f"{name}: {truth.description}"


def items(*, build: bool = True, workers: int = 2) -> list[Item]:
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[str, scores.Piece | int, int]] = [(f"synth-{s}", s, s) for s in SYNTH_SEEDS]
    jobs += [(f"real-{p.name}", p, 100 + i) for i, p in enumerate(corpus_pieces())]
    if build:
        missing = [j for j in jobs if not (folder / f"{j[0]}.json").exists()]
        with ProcessPoolExecutor(workers) as pool:
            for line in pool.map(_make, missing):
                print(line, flush=True)
    return [
        Item(name, folder / f"{name}.wav", folder / f"{name}.json")
        for name, _, _ in jobs
        if (folder / f"{name}.json").exists()
    ]


if __name__ == "__main__":
    if not FONT.exists():
        sys.exit(f"{FONT} is missing: apt-get install musescore-general-soundfont-lossless")
    made = items()
    print(f"{len(made)} training pieces in {cache_dir()}")
