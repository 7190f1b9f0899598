"""A 15-minute WAV (about 160 MB) goes to disk as it arrives: the API's memory does not grow by
anything like its size."""

import subprocess
from pathlib import Path

import httpx

from tests.api_process import bearer
from tests.conftest import make_user


def resident_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):  # the peak: a spike freed again would still count
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def test_a_fifteen_minute_wav_is_streamed_to_disk(db, password_hash, api_processes, tmp_path) -> None:
    user = make_user(db, password_hash)
    api = api_processes()
    auth = bearer(api, user.email)
    wav = tmp_path / "long.wav"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "anoisesrc=d=899:c=pink:a=0.1:r=44100",
            "-ac",
            "2",
            "-y",
            str(wav),
        ],
        check=True,
    )
    size = wav.stat().st_size
    assert size > 150_000_000
    assert api.proc is not None
    httpx.get(f"{api.url}/api/songs", headers=auth)  # everything the route needs is loaded
    before = resident_bytes(api.proc.pid)
    with open(wav, "rb") as fh:
        response = httpx.post(
            f"{api.url}/api/songs", files={"file": ("long.wav", fh, "audio/wav")}, headers=auth, timeout=300
        )
    assert response.status_code == 201, response.text
    assert abs(response.json()["duration"] - 899) < 0.5
    grown = resident_bytes(api.proc.pid) - before
    assert grown < size / 4, f"memory grew by {grown / 1e6:.0f} MB for a {size / 1e6:.0f} MB upload"
