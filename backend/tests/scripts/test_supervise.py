"""The process supervisor behind `make start`, run as the script runs it: a crashing child is
started again after growing pauses while its neighbour keeps running, and SIGINT stops
everything it started, grandchildren included."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "supervise.py"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0) until reaped by its parent; count it as gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def wait_for(check, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_restarts_the_crashed_child_with_back_off_and_sigint_stops_all(tmp_path: Path) -> None:
    starts = tmp_path / "starts.log"
    steady = tmp_path / "steady.pid"
    grandchild = tmp_path / "grandchild.pid"
    crasher = f"date +%s.%N >> {starts}; sleep 0.1; exit 3"
    # A long-running neighbour whose own child must go too when the supervisor stops.
    keeper = f"echo $$ > {steady}; sleep 300 & echo $! > {grandchild}; wait"
    proc = subprocess.Popen(
        [
            sys.executable,
            str(SCRIPT),
            "--backoff",
            "0.2",
            "--backoff-max",
            "0.8",
            "--stable",
            "30",
            "--grace",
            "5",
            "--service",
            "api",
            crasher,
            "--service",
            "dashboard",
            keeper,
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: grandchild.exists() and grandchild.read_text().strip() != "")
        steady_pid = int(steady.read_text())
        grandchild_pid = int(grandchild.read_text())
        # Six starts: pauses of 0.2, 0.4, 0.8, then 0.8 again (the cap).
        wait_for(lambda: starts.exists() and len(starts.read_text().split()) >= 6, timeout=20)
        times = [float(t) for t in starts.read_text().split()[:6]]
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        # Each gap is the child's own ~0.1 s plus the pause (scheduling adds, never subtracts).
        assert 0.25 <= gaps[0] < gaps[2], gaps
        assert gaps[1] >= 0.45 and gaps[2] >= 0.85, gaps
        assert all(g < 2.5 for g in gaps), gaps  # capped: no pause grows past --backoff-max
        assert abs(gaps[4] - gaps[3]) < 0.6, gaps
        # The neighbour was never touched.
        assert alive(steady_pid) and int(steady.read_text()) == steady_pid

        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 130
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = proc.stderr.read() if proc.stderr else ""
    assert "api: exited with status 3" in stderr and "restarting in 0.8 s" in stderr
    wait_for(lambda: not alive(steady_pid) and not alive(grandchild_pid), timeout=5)


def test_a_child_that_ignores_sigterm_is_killed_after_the_grace(tmp_path: Path) -> None:
    pid_file = tmp_path / "stubborn.pid"
    stubborn = f"trap '' TERM; echo $$ > {pid_file}; while :; do sleep 0.1; done"
    proc = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--grace", "0.5", "--service", "stubborn", stubborn],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: pid_file.exists() and pid_file.read_text().strip() != "")
        pid = int(pid_file.read_text())
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 143
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "killing it" in (proc.stderr.read() if proc.stderr else "")
    wait_for(lambda: not alive(pid), timeout=5)
