"""Re-read the key of every rendered real piece from its score and rewrite only the key in the
truth stored beside the audio: the key rules can change without the ~20 minutes of rendering.

Run from backend/: `.venv/bin/python -m evalset.refresh_keys` (prints every key it changes
and the rule that decided each one)."""

import dataclasses

from evalset import key_truth, scores
from evalset.manifest import cache_dir


def refresh() -> list[str]:
    changed = []
    folder = cache_dir()
    for piece in scores.PIECES:
        path = folder / f"real-{piece.name}.json"
        if not path.exists():
            continue
        truth = scores.Truth.load(path)
        score = scores._score(piece)
        tonic, mode, evidence = key_truth.excerpt_key(score, scores.excerpt_end(score, piece))
        line = f"{piece.name}: {truth.key} -> {tonic} {mode} ({evidence.reason})"
        print(line, flush=True)
        if (tonic, mode) != (truth.tonic, truth.mode):
            dataclasses.replace(truth, tonic=tonic, mode=mode).save(path)
            changed.append(line)
    return changed


if __name__ == "__main__":
    done = refresh()
    print(f"{len(done)} keys changed:", *done, sep="\n  ")
