"""Encoding PCM to MP3 + AAC in parallel pieces: formats, durations, gapless trimming,
seamless joins (measured against the source), determinism, and the loudness helper."""

import wave
from pathlib import Path

import numpy as np
import pytest

from app.media import audio
from app.media.ffmpeg import MediaError, probe, run_ffmpeg

SR = 44100
SECONDS = 30
PIECES = 4  # more than a 30 s track would get by default: joins are what is under test


def _test_signal() -> np.ndarray:
    """Tones, noise and sharp hits: the hits provoke short MP3/AAC blocks, the kind of
    thing that would break a careless join."""
    rng = np.random.default_rng(3)
    t = np.arange(SECONDS * SR) / SR
    x = np.stack([0.2 * np.sin(2 * np.pi * 440 * t), 0.2 * np.sin(2 * np.pi * 661.5 * t)], axis=1)
    x += 0.04 * rng.standard_normal(x.shape)
    for p in rng.integers(0, len(t) - 600, 80):
        x[p : p + 400] += (0.4 * np.exp(-np.arange(400) / 60) * rng.standard_normal(400))[:, None]
    return np.clip(x, -0.95, 0.95).astype(np.float32)


@pytest.fixture(scope="module")
def encoded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("audio")
    pcm = _test_signal()
    steps: list[float] = []
    audio.encode_audio(
        pcm, mp3_path=folder / "a.mp3", aac_path=folder / "a.m4a", pieces=PIECES, progress=steps.append
    )
    return {"pcm": pcm, "mp3": folder / "a.mp3", "aac": folder / "a.m4a", "steps": steps, "folder": folder}


def _snr_windows(reference: np.ndarray, decoded: np.ndarray, window: int) -> np.ndarray:
    """Signal-to-error ratio (dB) of consecutive windows of `window` stereo samples."""
    m = min(len(reference), len(decoded)) // window
    ref = reference[: m * window].astype(np.float64).reshape(m, -1)
    err = decoded[: m * window].astype(np.float64).reshape(m, -1) - ref
    return 10 * np.log10(np.sum(ref**2, axis=1) / np.maximum(np.sum(err**2, axis=1), 1e-20))


def _single_pass(pcm: np.ndarray, codec_args: list[str], path: Path, *, rate: int, delay: int) -> np.ndarray:
    """The same encoder run once over everything, decoded and delay-trimmed: how good the
    coding of each moment can be without joins (some moments are harder than others)."""
    raw = path.with_suffix(".f32")
    pcm.tofile(raw)
    run_ffmpeg(["-f", "f32le", "-ar", str(SR), "-ac", "2", "-i", str(raw), *codec_args, str(path)])
    return audio.decode_pcm(path, sample_rate=rate)[delay:]


def _assert_joins_clean(
    joined: np.ndarray, single: np.ndarray, joins: list[float], *, window: int, rate: int
) -> None:
    """Around every join the joined file is as faithful as a single-pass encode there."""
    for at in joins:
        i = int(at * rate) // window
        near_joined, near_single = joined[i - 3 : i + 4], single[i - 3 : i + 4]
        # A click or a lost frame would cost tens of dB; encoders differ by a dB or two.
        assert (near_joined > near_single - 3).all(), (at, near_joined, near_single)


def test_mp3_format_and_duration(encoded: dict) -> None:
    info = probe(encoded["mp3"])
    (stream,) = info["streams"]
    assert (stream["codec_name"], int(stream["sample_rate"]), stream["channels"]) == ("mp3", SR, 2)
    assert int(stream["bit_rate"]) == 320_000
    assert abs(float(info["format"]["duration"]) - SECONDS) < 0.06


def test_mp3_is_gapless_and_sample_aligned(encoded: dict) -> None:
    """The Info tag's delay/padding make a decoder return exactly the input samples."""
    decoded = audio.decode_pcm(encoded["mp3"])
    pcm = encoded["pcm"]
    assert len(decoded) == len(pcm)
    lags = range(-50, 51)
    best = max(lags, key=lambda lag: float(np.dot(decoded[SR + lag : 2 * SR + lag, 0], pcm[SR : 2 * SR, 0])))
    assert best == 0


def test_mp3_joins_are_seamless(encoded: dict) -> None:
    pcm, window = encoded["pcm"], 1152
    decoded = audio.decode_pcm(encoded["mp3"])
    single = _single_pass(pcm, audio.MP3_ARGS, encoded["folder"] / "single.mp3", rate=SR, delay=1105)
    joins = audio.join_points(len(pcm), pieces=PIECES)["mp3"]
    assert len(joins) == PIECES - 1
    _assert_joins_clean(
        _snr_windows(pcm, decoded, window), _snr_windows(pcm, single, window), joins, window=window, rate=SR
    )
    # And no sample-to-sample jump in the coding error bigger than the single pass has there.
    for at in joins:
        near = slice(int(at * SR) - 2000, int(at * SR) + 2000)
        jump = np.abs(np.diff(decoded[near].astype(np.float64) - pcm[near], axis=0)).max()
        jump_single = np.abs(np.diff(single[near].astype(np.float64) - pcm[near], axis=0)).max()
        assert jump < 1.5 * jump_single + 0.01


def test_aac_format_duration_and_faststart(encoded: dict) -> None:
    info = probe(encoded["aac"])
    (stream,) = info["streams"]
    fields = (stream["codec_name"], stream["profile"], int(stream["sample_rate"]), stream["channels"])
    assert fields == ("aac", "LC", 48000, 2)
    assert 300_000 <= int(stream["bit_rate"]) <= 400_000  # 384k asked; simple passages need less
    assert abs(float(info["format"]["duration"]) - SECONDS) < 0.06
    head = encoded["aac"].read_bytes()[:64_000]
    assert 0 <= head.find(b"moov") < head.find(b"mdat")  # moov first: playable while downloading


def test_aac_joins_are_seamless(encoded: dict) -> None:
    folder: Path = encoded["folder"]
    raw, resampled = folder / "source.f32", folder / "source48.f32"
    encoded["pcm"].tofile(raw)  # the reference: the source through the encoder's own resampler
    pcm_in = ["-f", "f32le", "-ar", str(SR), "-ac", "2", "-i", str(raw)]
    run_ffmpeg([*pcm_in, "-ar", "48000", "-f", "f32le", str(resampled)])
    reference = np.fromfile(resampled, dtype=np.float32).reshape(-1, 2)
    decoded = audio.decode_pcm(encoded["aac"], sample_rate=48000)[1024:]  # encoder priming
    single = _single_pass(encoded["pcm"], audio.AAC_ARGS, folder / "single.aac", rate=48000, delay=1024)
    window = 2048
    _assert_joins_clean(
        _snr_windows(reference, decoded, window),
        _snr_windows(reference, single, window),
        audio.join_points(len(encoded["pcm"]), pieces=PIECES)["aac"],
        window=window,
        rate=48000,
    )


def test_encoding_is_deterministic(encoded: dict, tmp_path: Path) -> None:
    audio.encode_audio(
        encoded["pcm"], mp3_path=tmp_path / "b.mp3", aac_path=tmp_path / "b.m4a", pieces=PIECES
    )
    assert (tmp_path / "b.mp3").read_bytes() == encoded["mp3"].read_bytes()
    assert (tmp_path / "b.m4a").read_bytes() == encoded["aac"].read_bytes()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # temp files cleaned up


def test_progress_grows_to_one(encoded: dict) -> None:
    # How many reports arrive depends on the machine's speed (a few a second while encoding),
    # so the test holds to what does not: never backwards, below 1 until done, then 1.
    steps = encoded["steps"]
    assert steps == sorted(steps) and steps[-1] == 1.0
    assert all(0 <= s < 1 for s in steps[:-1])


def test_mp3_only(tmp_path: Path) -> None:
    pcm = _test_signal()[: 5 * SR]
    audio.encode_audio(pcm, mp3_path=tmp_path / "c.mp3", aac_path=None)
    assert len(audio.decode_pcm(tmp_path / "c.mp3")) == len(pcm)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.mp3"]


def test_rejects_wrong_pcm(tmp_path: Path) -> None:
    with pytest.raises(MediaError):
        audio.encode_audio(np.zeros((SR, 2)), mp3_path=tmp_path / "d.mp3", aac_path=None)  # float64


def test_measure_loudness_of_a_known_tone(tmp_path: Path) -> None:
    """A 1 kHz sine at -20 dBFS in both channels is -20 LUFS, with a -20 dBTP peak."""
    t = np.arange(10 * SR) / SR
    tone = (0.1 * np.sin(2 * np.pi * 1000 * t) * 32767).astype(np.int16)
    path = tmp_path / "tone.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes(np.repeat(tone, 2).tobytes())
    level = audio.measure_loudness(path)
    assert level.integrated_lufs == pytest.approx(-20.0, abs=0.2)
    assert level.true_peak_dbtp == pytest.approx(-20.0, abs=0.2)


def test_piece_count_follows_length_not_cores() -> None:
    minute = 60 * SR
    assert [audio.piece_count(m * minute, "mp3") for m in (1, 2, 3, 5, 8, 15)] == [1, 1, 2, 2, 4, 4]
    assert [audio.piece_count(m * minute, "aac") for m in (1, 2, 3, 5, 8, 15)] == [1, 2, 3, 4, 4, 4]
    joins = audio.join_points(2 * minute)
    assert joins["mp3"] == [] and len(joins["aac"]) == 1
