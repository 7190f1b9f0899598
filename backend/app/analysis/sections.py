"""Sections: where the song changes (harmony, timbre, loudness, drums), cut at bar starts, and
which parts repeat.

Each bar gets a feature vector (mean chroma, a coarse mel spectrum, loudness and the
low/high onset rates that say whether drums play). A boundary is a bar where the bars before
and after differ most (novelty over windows of 2, 4 and 8 bars), a local peak standing out
from the song's typical change; boundaries are downbeats, so every boundary is on a beat.
Sections whose features are alike get the same letter; names follow from the letters: the
repeated, loudest part is the chorus, another repeated part the verse, a one-off part in
the middle the bridge, a distinct quiet first or last part the intro or outro. When no part
repeats, the names would be guesses, so the letters A, B, C … are given instead."""

from dataclasses import dataclass

import numpy as np

from app.analysis.downbeats import beat_chroma
from app.analysis.features import FPS, Features

WINDOWS = (2, 4, 8)  # bars either side compared for novelty
MIN_BARS = 2  # shortest section
PEAK_Z = 0.0  # a boundary's novelty, in standard deviations above the median (dev set)
SAME_SECTION = 0.55  # distance (per standardised dimension) below which two sections share a letter


@dataclass(frozen=True)
class Section:
    start: float
    end: float
    label: str  # intro / verse / chorus / bridge / outro, or A / B / C … when unclear
    group: str  # letter shared by sections that sound alike


def _bar_features(bars: np.ndarray, end: float, f: Features) -> np.ndarray:
    edges = np.concatenate([bars, [end]])
    frames = np.clip(np.round(edges * FPS).astype(int), 0, f.n_frames)
    mel = f.mel.reshape(16, -1, f.mel.shape[1]).mean(axis=1)  # 96 bands → 16
    rows = []
    chroma = beat_chroma(f.chroma, bars)
    for i in range(len(bars)):
        a, b = frames[i], max(frames[i + 1], frames[i] + 1)
        rows.append(
            np.concatenate(
                [
                    chroma[i] * 2.0,
                    mel[:, a:b].mean(axis=1),
                    [f.rms_db[a:b].mean() / 10, f.onset_high[a:b].mean(), f.onset_low[a:b].mean()],
                ]
            )
        )
    x = np.array(rows)
    x = (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-6)
    return x


def _novelty(x: np.ndarray) -> np.ndarray:
    n = len(x)
    out = np.zeros(n)
    for w in WINDOWS:
        for i in range(1, n):
            before, after = x[max(0, i - w) : i], x[i : min(n, i + w)]
            out[i] += np.linalg.norm(before.mean(axis=0) - after.mean(axis=0)) / np.sqrt(x.shape[1])
    return out / len(WINDOWS)


def _boundaries(nov: np.ndarray) -> list[int]:
    n = len(nov)
    if n < 2 * MIN_BARS:
        return []
    inner = nov[1:]
    med, spread = np.median(inner), np.std(inner) + 1e-9
    cands = [
        i
        for i in range(MIN_BARS, n - MIN_BARS + 1)
        if nov[i] >= nov[max(1, i - MIN_BARS) : i + MIN_BARS + 1].max() and (nov[i] - med) / spread > PEAK_Z
    ]
    chosen: list[int] = []
    for i in sorted(cands, key=lambda i: -nov[i]):
        if all(abs(i - j) >= MIN_BARS for j in chosen):
            chosen.append(i)
    return sorted(chosen)


def _name(groups: list[str], loud: list[float], lengths: list[float]) -> list[str]:
    count = {g: groups.count(g) for g in groups}
    repeated = [g for g in dict.fromkeys(groups) if count[g] > 1]
    if not repeated:
        return [chr(ord("A") + i) for i in range(len(groups))] if len(groups) > 1 else ["A"]
    mean_loud = {g: np.mean([lv for gg, lv in zip(groups, loud, strict=True) if gg == g]) for g in repeated}
    chorus = max(repeated, key=lambda g: mean_loud[g])
    verse = next((g for g in repeated if g != chorus), None)
    names = []
    song_loud = float(np.median(loud))
    for i, g in enumerate(groups):
        if g == chorus:
            names.append("chorus")
        elif g == verse:
            names.append("verse")
        elif count[g] == 1 and i == 0 and loud[i] <= song_loud:
            names.append("intro")
        elif count[g] == 1 and i == len(groups) - 1 and loud[i] <= song_loud:
            names.append("outro")
        elif count[g] == 1 and 0 < i < len(groups) - 1:
            names.append("bridge")
        else:
            names.append(g)
    return names


def segment(downbeats: np.ndarray, f: Features) -> list[Section]:
    """Sections covering the song from 0 to its end; boundaries are downbeats."""
    end = f.duration
    if len(downbeats) < 2 * MIN_BARS:
        return [Section(0.0, end, "A", "A")]
    x = _bar_features(downbeats, end, f)
    cuts = _boundaries(_novelty(x))
    starts = [0, *cuts]
    stops = [*cuts, len(downbeats)]
    means = [x[a:b].mean(axis=0) for a, b in zip(starts, stops, strict=True)]
    groups: list[str] = []
    centres: list[np.ndarray] = []
    for m in means:
        dist = [np.linalg.norm(m - c) / np.sqrt(len(m)) for c in centres]
        if dist and min(dist) < SAME_SECTION:
            groups.append(chr(ord("A") + int(np.argmin(dist))))
        else:
            centres.append(m)
            groups.append(chr(ord("A") + len(centres) - 1))
    loud = [
        float(
            np.mean(
                f.rms_db[
                    int(downbeats[a] * FPS) : max(
                        int(downbeats[a] * FPS) + 1, int((downbeats[b] if b < len(downbeats) else end) * FPS)
                    )
                ]
            )
        )
        for a, b in zip(starts, stops, strict=True)
    ]
    lengths = [
        float((downbeats[b] if b < len(downbeats) else end) - downbeats[a])
        for a, b in zip(starts, stops, strict=True)
    ]
    labels = _name(groups, loud, lengths)
    times = [0.0] + [float(downbeats[c]) for c in cuts] + [end]
    return [Section(times[i], times[i + 1], labels[i], groups[i]) for i in range(len(labels))]
