"""The composer against real ffmpeg: container, cuts on their beats, transitions, the song
untouched, fades, text, provider clips and the cache."""

import json
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from app.core.errors import MediaError
from app.media.compose import Shot, TextOverlay, VideoClip, compose
from app.media.ffmpeg import probe

from .helpers import FPS, clip, frames, held, samples, song, still, timeline

COLOURS = [(200, 30, 30), (30, 170, 40), (30, 60, 210), (220, 200, 40), (150, 40, 170), (20, 180, 190)]
# Beats that fall between frames: each boundary must land on the frame nearest it.
BEATS = [0.0, 1.013, 2.49, 3.771, 4.95, 6.184, 7.5]


@pytest.fixture(scope="module")
def material(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("material")
    for i, colour in enumerate(COLOURS):
        still(folder / f"still-{i}.png", colour)
    song(folder / "song.mp3", BEATS[-1])
    return folder


def _cuts(material: Path, motions: list[str]) -> list[tuple[float, float, object]]:
    return [
        (a, b, held(material / f"still-{i}.png", motions[i % len(motions)]))
        for i, (a, b) in enumerate(zip(BEATS, BEATS[1:], strict=False))
    ]


def _compose(tl, tmp: Path, name: str = "out.mp4", cache: str = "cache", progress=None):  # type: ignore[no-untyped-def]
    extra = {"progress": progress} if progress else {}
    return compose(tl, out=tmp / name, workdir=tmp / "work", cache=tmp / cache, **extra)


def test_the_container_is_youtube_ready(material: Path, tmp_path: Path) -> None:
    tl = timeline(
        material / "song.mp3", _cuts(material, ["zoom_in", "pan_right", "drift"]), fade_in=0.5, fade_out=0.5
    )
    result = _compose(tl, tmp_path)
    info = probe(result.path)
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    audio = next(s for s in info["streams"] if s["codec_type"] == "audio")
    assert (video["codec_name"], video["profile"], video["pix_fmt"]) == ("h264", "High", "yuv420p")
    assert (video["width"], video["height"], video["r_frame_rate"], video["avg_frame_rate"]) == (
        320,
        180,
        "30/1",
        "30/1",
    )
    assert (audio["codec_name"], audio["profile"], audio["sample_rate"], audio["channels"]) == (
        "aac",
        "LC",
        "48000",
        2,
    )
    assert int(video["nb_frames"]) == round(BEATS[-1] * FPS)
    for stream in (video, audio):
        assert abs(float(stream["duration"]) - BEATS[-1]) <= 1 / FPS
    data = result.path.read_bytes()
    assert data.find(b"moov") < data.find(b"mdat"), "moov first"
    assert b"elst" not in data[: data.find(b"mdat")], "no edit lists"
    # Closed GOPs: every keyframe is an IDR (ffprobe marks them K), one at each segment start.
    packets = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "v",
            "-show_entries",
            "packet=flags",
            "-of",
            "json",
            str(result.path),
        ],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    keys = [i for i, p in enumerate(json.loads(packets)["packets"]) if "K" in p["flags"]]
    assert set(round(b * FPS) for b in BEATS[:-1]) <= set(keys)
    assert result.cuts == [round(b * FPS) / FPS for b in BEATS[1:-1]]
    assert not list((tmp_path / "work").iterdir()), "work files removed"


def test_every_cut_falls_on_the_frame_nearest_its_beat(material: Path, tmp_path: Path) -> None:
    tl = timeline(
        material / "song.mp3", _cuts(material, ["zoom_in", "pan_left", "drift", "still", "zoom_out"])
    )
    result = _compose(tl, tmp_path)
    pictures = frames(result.path)
    change = np.abs(np.diff(pictures, axis=0)).mean(axis=(1, 2, 3))  # change[k]: frame k -> k+1
    found = sorted(int(k) + 1 for k in np.argsort(change)[-(len(BEATS) - 2) :])
    assert found == [round(b * FPS) for b in BEATS[1:-1]]
    for beat, frame in zip(BEATS[1:-1], found, strict=True):
        assert abs(frame / FPS - beat) <= 0.5 / FPS
    # Between cuts the picture moves gently: far less than at any cut.
    assert np.median(change) * 8 < min(change[k - 1] for k in found)


def test_crossfade_and_dip_blend_around_their_boundary(material: Path, tmp_path: Path) -> None:
    red, blue, green = (held(material / f"still-{i}.png") for i in (0, 2, 1))
    tl = timeline(material / "song.mp3", [(0, 2.0, red), (2.0, 4.0, blue), (4.0, 6.0, green)])
    shots = list(tl.shots)
    shots[1] = replace(shots[1], transition="crossfade", transition_seconds=0.6)
    shots[2] = replace(shots[2], transition="dip", transition_seconds=0.6)
    pictures = frames(_compose(replace(tl, shots=tuple(shots)), tmp_path).path)
    mean = pictures.mean(axis=(1, 2))  # (n, 3)
    middle = mean[60]  # the crossfade's centre: half red, half blue
    assert 0.3 < (middle[0] - mean[40][0]) / (mean[80][0] - mean[40][0]) < 0.7
    assert mean[51][0] > middle[0] > mean[69][0]  # gradual, not a cut
    assert mean[120].sum() < 0.25 * mean[100].sum()  # the dip reaches (near) black at its centre
    assert mean[111].sum() > mean[120].sum() < mean[129].sum()


def test_the_song_is_untouched_between_its_fades(material: Path, tmp_path: Path) -> None:
    tl = timeline(material / "song.mp3", _cuts(material, ["still"]), fade_in=1.0, fade_out=1.0)
    result = _compose(tl, tmp_path)
    ours, theirs = samples(result.path), samples(material / "song.mp3")
    assert abs(len(ours) - round(BEATS[-1] * 48000)) < 1024
    a, b = 48000 + 2400, len(theirs) - 48000 - 2400  # between the fades
    mine, source = ours[a:b], theirs[a:b]
    correlation = np.corrcoef(mine.ravel(), source.ravel())[0, 1]
    snr = 10 * np.log10((source**2).sum() / ((mine - source) ** 2).sum())
    assert correlation > 0.999 and snr > 25
    assert np.abs(ours[:480]).max() < 0.05 * np.abs(theirs[:48000]).max()  # fades from silence
    assert np.abs(ours[-480:]).max() < 0.05 * np.abs(theirs).max()


def _loudness(media: Path) -> float:
    log = subprocess.run(
        ["ffmpeg", "-nostats", "-i", str(media), "-map", "0:a:0", "-af", "ebur128", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    return float(log.rsplit("I:", 1)[1].split("LUFS")[0])


def test_loudness_is_normalised_only_when_asked(material: Path, tmp_path: Path) -> None:
    quiet = song(tmp_path / "quiet.wav", BEATS[-1], gain=0.3)
    base = timeline(quiet, _cuts(material, ["still"]))
    plain = _compose(base, tmp_path, "plain.mp4")
    louder = _compose(replace(base, loudnorm=True), tmp_path, "loud.mp4")
    source = _loudness(quiet)
    assert abs(_loudness(plain.path) - source) < 0.5
    assert abs(_loudness(louder.path) - -14) < 1.0
    assert abs(source - -14) > 2  # the test song is not already there


NASTY = "Title: 'it''s' \"quoted\" 100% \\ {x} ; [a] , =b :c %{pts} $(rm -rf) drawtext=text"


def test_text_shows_as_typed_without_reaching_filter_syntax(material: Path, tmp_path: Path) -> None:
    base = timeline(material / "song.mp3", _cuts(material, ["still"]))
    bare = frames(_compose(base, tmp_path, "bare.mp4").path, width=320, height=180)
    titled = replace(
        base, overlays=(TextOverlay(NASTY, 0.0, 3.0, "title"), TextOverlay("Subscribe", 5.0, 7.5, "cta"))
    )
    result = _compose(titled, tmp_path, "titled.mp4")
    text = frames(result.path, width=320, height=180)
    difference = np.abs(text - bare).mean(axis=3)  # (n, h, w)
    at_title = difference[45]  # 1.5 s: the title fully shown
    rows = np.nonzero(at_title.max(axis=1) > 40)[0]
    cols = np.nonzero(at_title.max(axis=0) > 40)[0]
    assert len(rows) and len(cols)
    # Within the safe area (10 % margins) and across much of it: the long title was wrapped.
    assert rows.min() >= 18 and rows.max() <= 162 and cols.min() >= 32 and cols.max() <= 288
    assert cols.max() - cols.min() > 150 and rows.max() - rows.min() > 30
    assert difference[120].max() < 12, "no text between the title and the call to action"
    assert difference[200].max() > 40, "the call to action shows"
    assert difference[100].max() < 12


def test_a_bad_colour_or_role_is_refused(material: Path, tmp_path: Path) -> None:
    base = timeline(material / "song.mp3", _cuts(material, ["still"]))
    for overlay in (TextOverlay("x", 0, 1, "title", color="red:box=1"), TextOverlay("x", 0, 1, "banner")):
        with pytest.raises(MediaError):
            _compose(replace(base, overlays=(overlay,)), tmp_path)


def test_provider_clips_of_any_shape_fill_their_slot(material: Path, tmp_path: Path) -> None:
    tall = clip(tmp_path / "tall.mp4", size="250x410", rate=24, seconds=1.3)  # shorter: loops
    wide = clip(tmp_path / "wide.mkv", size="700x290", rate=25, seconds=6.0, audio=False)  # longer: trimmed
    odd = clip(tmp_path / "odd.mov", size="333x187", rate=29.97, seconds=2.5)
    shots = [
        (0.0, 1.013, held(material / "still-0.png")),
        (1.013, 3.771, VideoClip(tall)),
        (3.771, 6.184, VideoClip(wide)),
        (6.184, 7.5, VideoClip(odd)),
    ]
    result = _compose(timeline(material / "song.mp3", shots), tmp_path)
    pictures = frames(result.path)
    assert len(pictures) == round(7.5 * FPS)
    clips = pictures[round(1.013 * FPS) :]
    # No bars: the frame's edges are testsrc2's colours, never black.
    assert clips[:, :, [0, -1]].mean() > 30 and clips[:, [0, -1], :].mean() > 30
    # The short clip plays again from its start once it ends, at its own pace (not slowed to
    # fill the slot): the picture repeats after exactly the clip's length.
    start = round(1.013 * FPS)
    length = int(next(s for s in probe(tall)["streams"] if s["codec_type"] == "video")["nb_frames"]) / 24
    lags = range(20, 60)
    error = [np.abs(pictures[start + 2] - pictures[start + 2 + lag]).mean() for lag in lags]
    assert lags[int(np.argmin(error))] == round(length * FPS)
    assert min(error) < 0.25 * np.median(error)
    # The sound is the song's alone.
    ours, song_ = samples(result.path), samples(material / "song.mp3")
    a, b = round(1.5 * 48000), round(6 * 48000)
    assert np.corrcoef(ours[a:b].ravel(), song_[a:b].ravel())[0, 1] > 0.999


def _tone(x: np.ndarray, hz: float = 1000.0) -> float:
    """How much of a pure tone is in the sound (amplitude of its DFT bin, per sample)."""
    mono = x.mean(axis=1)
    t = np.arange(len(mono)) / 48000
    return float(abs((mono * np.exp(-2j * np.pi * hz * t)).sum()) * 2 / len(mono))


def test_clips_bring_their_sound_over_the_music_only_when_asked(material: Path, tmp_path: Path) -> None:
    voiced = clip(tmp_path / "voiced.mp4", size="320x180", rate=25, seconds=1.2)  # a 1 kHz tone; loops
    shots = [
        (0.0, 2.0, held(material / "still-0.png")),
        (2.0, 4.0, VideoClip(voiced)),
        (4.0, 6.0, held(material / "still-1.png")),
    ]
    plain = samples(_compose(timeline(material / "song.mp3", shots), tmp_path, "plain.mp4").path)
    mixed = samples(
        _compose(timeline(material / "song.mp3", shots, clip_sound=True), tmp_path, "ad.mp4").path
    )
    song_ = samples(material / "song.mp3")
    before, under, after = (
        slice(round(a * 48000), round(b * 48000)) for a, b in ((0.3, 1.8), (2.2, 3.8), (4.2, 5.7))
    )
    # A music video: the song alone, the clip's tone nowhere.
    assert _tone(plain[under]) < 0.02
    # An ad: the clip's tone in its slot (-3 dB of the sine's 0.125 once made stereo), before and
    # after it loops at 3.2 s, the music at 30 % under it and whole on either side.
    first, again = (slice(round(a * 48000), round(b * 48000)) for a, b in ((2.1, 2.9), (3.4, 3.9)))
    assert _tone(mixed[first]) > 0.06 and _tone(mixed[again]) > 0.06
    assert _tone(mixed[before]) < 0.02 and _tone(mixed[after]) < 0.02
    assert np.corrcoef(mixed[before].ravel(), song_[before].ravel())[0, 1] > 0.999
    # The song's share of what is heard under the clip (the tone is uncorrelated with it): 30 %.
    m, s = mixed[under].ravel(), song_[under].ravel()
    assert 0.25 < float(m @ s / (s @ s)) < 0.35


def test_recomposing_after_one_change_encodes_only_that_segment_and_not_the_song(
    material: Path, tmp_path: Path
) -> None:
    tl = timeline(material / "song.mp3", _cuts(material, ["zoom_in", "pan_right"]))
    reports: list[float] = []
    first = _compose(tl, tmp_path, "a.mp4", progress=reports.append)
    assert (first.encoded, first.reused) == (len(tl.shots), 0)
    assert reports == sorted(reports) and reports[0] == 0.0 and reports[-1] == 1.0 and len(reports) > 3
    again = _compose(tl, tmp_path, "b.mp4")
    assert (again.encoded, again.reused) == (0, len(tl.shots))
    assert (tmp_path / "a.mp4").read_bytes() == (tmp_path / "b.mp4").read_bytes()
    shots = list(tl.shots)
    shots[2] = replace(shots[2], source=held(material / "still-5.png", "zoom_out"))
    sounds = sorted((tmp_path / "cache").glob("sound-*.aac"))
    assert len(sounds) == 1  # the song is encoded once, with the first composition
    made = sounds[0].stat().st_mtime_ns
    changed = _compose(replace(tl, shots=tuple(shots)), tmp_path, "c.mp4")
    assert (changed.encoded, changed.reused) == (1, len(tl.shots) - 1)
    assert sorted((tmp_path / "cache").glob("sound-*.aac")) == sounds
    assert sounds[0].stat().st_mtime_ns == made
    # What changes the sound (here its loudness) encodes it again, beside the first.
    _compose(replace(tl, loudnorm=True), tmp_path, "loud.mp4")
    assert len(list((tmp_path / "cache").glob("sound-*.aac"))) == 2
    # A crossfade into shot 4 reads shot 3's picture: changing shot 3 redoes both.
    shots[3] = replace(shots[3], transition="crossfade", transition_seconds=0.4)
    _compose(replace(tl, shots=tuple(shots)), tmp_path, "d.mp4")
    shots[2] = replace(shots[2], source=held(material / "still-4.png", "zoom_out"))
    both = _compose(replace(tl, shots=tuple(shots)), tmp_path, "e.mp4")
    assert (both.encoded, both.reused) == (2, len(tl.shots) - 2)
    pictures = frames(tmp_path / "e.mp4")
    assert np.abs(pictures[-1] - frames(tmp_path / "a.mp4")[-1]).mean() < 2  # the rest as before


def test_timelines_that_cannot_be_composed_are_refused_with_a_reason(material: Path, tmp_path: Path) -> None:
    base = timeline(material / "song.mp3", _cuts(material, ["still"]))
    gap = replace(base, shots=(base.shots[0], replace(base.shots[1], start=1.5), *base.shots[2:]))
    missing = replace(base, shots=(Shot(0.0, 1.013, held(tmp_path / "nope.png")), *base.shots[1:]))
    for bad, words in ((gap, "gap"), (missing, "not found")):
        with pytest.raises(MediaError, match=words):
            _compose(bad, tmp_path)
    assert not (tmp_path / "out.mp4").exists()
