"""Benchmark: the music analyser's accuracy on the evaluation set (evalset/: synthetic songs
and real scores rendered with real instruments, exact truth), beside librosa's default
`beat_track` on the same songs, for the development half (what the analyser was tuned on)
and the held-out half; then its speed on a 5-minute song, warm and in a fresh process.

Measures, all from mir_eval: beat F-measure (±70 ms, first 5 s trimmed, as is customary);
the share of matched beats within one 30 fps video frame (33 ms) and their mean offset;
tempo Acc1 (within 4 %) and Acc2 (also at ×2, ×3, ½, ⅓); downbeat F-measure; meter; key
exact; section boundaries (F within ±0.5 s, first and last left out since they are free)
and label agreement (pairwise F, which ignores the names).

Run from backend/: `.venv/bin/python -m bench.analysis` (the first run makes the evaluation
audio, a few minutes; later runs reuse it)."""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np

from app.analysis import Analysis
from app.analysis.result import UNSURE_DOWNBEAT, UNSURE_TEMPO
from evalset.manifest import Song, cache_dir, songs
from evalset.synth import SR as SYNTH_SR
from evalset.synth import random_spec, render

FRAME = 1 / 30
# Below these a song's beats (downbeats) count as wrong when judging the unsure warnings: half
# or double the beat gives an F of 0.67, two beats to the bar against four also 0.67.
WRONG_BEATS, WRONG_DOWNBEATS = 0.8, 0.6


@dataclass
class Scores:
    beat_f: list[float] = field(default_factory=list)
    in_frame: list[float] = field(default_factory=list)
    offset_ms: list[float] = field(default_factory=list)
    acc1: list[float] = field(default_factory=list)
    acc2: list[float] = field(default_factory=list)
    down_f: list[float] = field(default_factory=list)
    meter: list[float] = field(default_factory=list)
    key: list[float] = field(default_factory=list)
    bound_f: list[float] = field(default_factory=list)
    pairwise_f: list[float] = field(default_factory=list)
    on_beat: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    plans: list[float] = field(default_factory=list)  # 1 when the song's clip plan keeps every rule
    # per song: (beats wrong, tempo flagged unsure) and (downbeats wrong, downbeats flagged)
    beat_warning: list[tuple[bool, bool]] = field(default_factory=list)
    down_warning: list[tuple[bool, bool]] = field(default_factory=list)


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _beat_scores(s: Scores, ref: list[float], est: np.ndarray, ref_tempo: float, est_tempo: float) -> None:
    import mir_eval

    r, e = mir_eval.beat.trim_beats(np.asarray(ref)), mir_eval.beat.trim_beats(np.asarray(est))
    s.beat_f.append(float(mir_eval.beat.f_measure(r, e)))
    errors = []
    for t in r:
        if len(e):
            d = e - t
            k = int(np.argmin(np.abs(d)))
            if abs(d[k]) <= 0.07:
                errors.append(d[k])
    if errors:
        s.in_frame.append(float(np.mean(np.abs(errors) <= FRAME)))
        s.offset_ms.append(1000 * float(np.mean(errors)))
    ratio = est_tempo / ref_tempo if ref_tempo else 0.0
    s.acc1.append(float(abs(ratio - 1) <= 0.04))
    s.acc2.append(float(any(abs(ratio / m - 1) <= 0.04 for m in (1, 2, 3, 0.5, 1 / 3))))


def _plan_keeps_the_rules(a: Analysis) -> bool:
    """Suggested sections and the clip plan for the song, checked: clips chain from 0 to the end
    with shared boundaries, every inner boundary is a beat, every clip is 3–10 s, and every
    section that can hold a clip (3 s or more) starts and ends on clip boundaries."""
    from app.videos import timeline as tl

    grid = tl.grid_from_analysis(a)
    sections = tl.suggest_sections(grid, a.sections)
    clips = tl.plan_clips(grid, sections, tl.EnergyCurve(a.beats, a.energy))
    beats, cuts = set(grid.beats), [c.start for c in clips[1:]]
    chained = (
        clips[0].start == 0
        and clips[-1].end == grid.duration
        and all(x.end == y.start for x, y in zip(clips, clips[1:], strict=False))
    )
    lengths = all(3 <= c.end - c.start <= 10 for c in clips)
    edges = {c.start for c in clips} | {clips[-1].end}
    whole = all(x.start in edges and x.end in edges for x in sections if x.end - x.start >= 3)
    return chained and lengths and whole and all(t in beats for t in cuts)


def _ours(song: Song, s: Scores) -> None:
    import mir_eval

    from app.analysis import analyse

    truth = song.truth()
    cpu, start = _cpu(), time.perf_counter()
    a = analyse(song.audio)
    s.seconds.append(time.perf_counter() - start)
    s.plans.append(float(_plan_keeps_the_rules(a)))
    _beat_scores(s, truth.beats, np.array(a.beats), truth.tempo, a.tempo)
    r, e = (
        mir_eval.beat.trim_beats(np.asarray(truth.downbeats)),
        mir_eval.beat.trim_beats(np.array(a.downbeats)),
    )
    s.down_f.append(float(mir_eval.beat.f_measure(r, e)))
    s.meter.append(float(a.beats_per_bar == truth.beats_per_bar))
    s.beat_warning.append((s.beat_f[-1] < WRONG_BEATS, a.tempo_confidence < UNSURE_TEMPO))
    s.down_warning.append((s.down_f[-1] < WRONG_DOWNBEATS, a.downbeat_confidence < UNSURE_DOWNBEAT))
    if truth.tonic is not None:
        from evalset.truth import PITCH_NAMES

        same = PITCH_NAMES.index(truth.tonic) == _pc(a.tonic) and truth.mode == a.mode
        s.key.append(float(same))
    if truth.sections:
        ref_iv = np.array([[x[0], x[1]] for x in truth.sections])
        ref_lab = [x[2] for x in truth.sections]
        est_iv = np.array([[x.start, x.end] for x in a.sections])
        est_iv[-1, 1] = ref_iv[-1, 1] = max(ref_iv[-1, 1], est_iv[-1, 1])
        est_lab = [x.group for x in a.sections]
        _, _, f = mir_eval.segment.detection(ref_iv, est_iv, window=0.5, trim=True)
        s.bound_f.append(float(f))
        _, _, pf = mir_eval.segment.pairwise(ref_iv, ref_lab, est_iv, est_lab)
        s.pairwise_f.append(float(pf))
        beats = np.array(a.beats)
        inner = [x.start for x in a.sections[1:]]
        s.on_beat.append(float(all(np.min(np.abs(beats - t)) < 1e-6 for t in inner)) if inner else 1.0)
    del cpu


def _pc(name: str) -> int:
    from app.analysis.key import NAMES

    return NAMES.index(name)


def _librosa(song: Song, s: Scores) -> None:
    """librosa 0.11's default beat tracker on the same audio, loaded the default way
    (`librosa.load`: mono, 22.05 kHz); results are cached beside the audio."""
    import librosa

    folder = cache_dir() / f"baseline-librosa-{librosa.version.short_version}"
    folder.mkdir(exist_ok=True)
    path = folder / f"{song.id}.json"
    if not path.exists():
        y, _ = librosa.load(song.audio, sr=22050)
        tempo, beats = librosa.beat.beat_track(y=y, sr=22050, units="time")
        path.write_text(
            json.dumps({"tempo": float(np.atleast_1d(tempo)[0]), "beats": [float(b) for b in beats]})
        )
    data = json.loads(path.read_text())
    truth = song.truth()
    _beat_scores(s, truth.beats, np.array(data["beats"]), truth.tempo, data["tempo"])


def _m(values: list[float]) -> str:
    return f"{np.mean(values):.3f}" if values else "—"


def _lines(kind: str, split: str, ours: Scores, base: Scores, n: int) -> list[str]:
    tag = f"analysis {kind} {split} ({n} songs)"
    t_beat = ">= 0.97, min >= 0.90" if kind == "synthetic" else ">= 0.80"
    t_down = ">= 0.90" if kind == "synthetic" else ">= 0.70"
    out = [
        (
            f"{tag} beat F: {_m(ours.beat_f)} min {min(ours.beat_f):.3f} (target {t_beat}; "
            f"librosa beat_track {_m(base.beat_f)} min {min(base.beat_f):.3f})"
        ),
        (
            f"{tag} matched beats within 33 ms: {_m(ours.in_frame)} (target >= 0.95; librosa {_m(base.in_frame)}); "
            f"mean offset {np.mean(ours.offset_ms):+.1f} ms (librosa {np.mean(base.offset_ms):+.1f} ms)"
        ),
        (
            f"{tag} tempo Acc1: {_m(ours.acc1)} (librosa {_m(base.acc1)}); Acc2: {_m(ours.acc2)} "
            f"(target >= 0.95; librosa {_m(base.acc2)})"
        ),
        f"{tag} downbeat F: {_m(ours.down_f)} (target {t_down}); meter right: {_m(ours.meter)}",
        f"{tag} key exact: {_m(ours.key)} of {len(ours.key)} with a known key (target >= 0.80)",
    ]
    if ours.bound_f:
        out.append(
            f"{tag} section boundary F (±0.5 s): {_m(ours.bound_f)} (target >= 0.70); label pairwise F: "
            f"{_m(ours.pairwise_f)}; boundaries on a beat: {_m(ours.on_beat)} (target 1.000)"
        )
    out.append(
        f"{tag} unsure warnings: {_warned(ours.beat_warning, 'beats')}; {_warned(ours.down_warning, 'downbeats')}"
    )
    out.append(
        f"{tag} clip plans keeping every rule (beats, exact sums, 3-10 s): "
        f"{int(sum(ours.plans))}/{len(ours.plans)} (target all)"
    )
    return out


def _warned(songs: list[tuple[bool, bool]], what: str) -> str:
    """How well the analysis's "unsure" notes tell the creator to check: of the songs whose
    `what` came out wrong, how many were flagged, and of those that came out right, how many
    were flagged needlessly."""
    wrong = [flagged for bad, flagged in songs if bad]
    right = [flagged for bad, flagged in songs if not bad]
    return f"{what} wrong and flagged {sum(wrong)}/{len(wrong)}, right but flagged {sum(right)}/{len(right)}"


def _speed() -> list[str]:
    """A 5-minute song (a synthetic song repeated) as MP3: warm in this process, and in a
    fresh process (imports, decoding, loading the compiled tracker from the numba cache)."""
    from app.analysis import analyse, warm
    from app.media.ffmpeg import run_ffmpeg
    from evalset.manifest import write_wav

    out = []
    cpu, start = _cpu(), time.perf_counter()
    warm()
    out.append(
        f"analysis warm-up in this process (numba cache {'empty' if _fresh_cache() else 'full'}): "
        f"{time.perf_counter() - start:.1f} s wall, {_cpu() - cpu:.1f} s CPU"
    )
    with tempfile.TemporaryDirectory() as tmp:
        audio, _ = render(random_spec(7))
        reps = int(np.ceil(300 * SYNTH_SR / len(audio)))
        wav, mp3 = Path(tmp) / "song.wav", Path(tmp) / "song.mp3"
        write_wav(wav, np.tile(audio, reps)[: 300 * SYNTH_SR], SYNTH_SR)
        run_ffmpeg(["-i", str(wav), "-c:a", "libmp3lame", "-b:a", "192k", str(mp3)])
        best = (float("inf"), 0.0)
        for _ in range(3):
            cpu, start = _cpu(), time.perf_counter()
            analyse(mp3)
            best = min(best, (time.perf_counter() - start, _cpu() - cpu))
        out.append(
            f"analysis of a 5-minute MP3, warm: {best[0]:.2f} s wall, {best[1]:.2f} s CPU (target <= 3 s)"
        )
        code = "from pathlib import Path; from app.analysis import analyse; import sys; analyse(Path(sys.argv[1]))"
        cpu, start = _cpu(), time.perf_counter()
        subprocess.run([sys.executable, "-c", code, str(mp3)], check=True, env=dict(os.environ))
        out.append(
            f"analysis of a 5-minute MP3 in a fresh process: {time.perf_counter() - start:.2f} s wall, "
            f"{_cpu() - cpu:.2f} s CPU (target <= 10 s)"
        )
    return out


def _fresh_cache() -> bool:
    folder = Path(os.environ.get("NUMBA_CACHE_DIR", ""))
    return not folder.exists() or not any(folder.rglob("*.nbi"))


def run() -> list[str]:
    warnings.filterwarnings("ignore")
    lines = _speed()
    everything = songs()
    for kind in ("synthetic", "real"):
        halves: list[tuple[Scores, Scores]] = []
        for split in ("dev", "held-out"):
            chosen = [x for x in everything if x.kind == kind and x.split == split]
            if not chosen:
                lines.append(f"analysis {kind} {split}: no songs (see evalset.scores.available())")
                continue
            ours, base = Scores(), Scores()
            for song in chosen:
                _ours(song, ours)
                _librosa(song, base)
            lines += _lines(kind, split, ours, base, len(chosen))
            halves.append((ours, base))
        if len(halves) == 2:  # the whole set too: each half alone is small
            ours, base = (_merged(*pair) for pair in zip(*halves, strict=True))
            lines += _lines(kind, "both halves", ours, base, len(ours.beat_f))[:4]
    return lines


def _merged(a: Scores, b: Scores) -> Scores:
    return Scores(**{f.name: getattr(a, f.name) + getattr(b, f.name) for f in fields(Scores)})


if __name__ == "__main__":
    for line in run():
        print(line, flush=True)
