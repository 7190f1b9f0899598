#!/usr/bin/env python3
"""Run the studio's servers side by side and keep them running (standard library only).

    supervise.py [--backoff 1] [--backoff-max 30] [--stable 60] \
        --service NAME 'shell command' [--service NAME 'shell command' ...]

Each command runs under `bash -c` in a session (process group) of its own. When one exits —
a crash, an out-of-memory kill, someone's `kill` — it alone is started again after a pause
that doubles with each exit in a row (1 s, 2 s, 4 s … up to --backoff-max) and starts over
once it has stayed up for --stable seconds; the others are not touched. So a crashed API
comes back without taking the dashboard down, and one that fails at start-up (a port in use,
a database not there) does not spin.

SIGINT (Ctrl-C) or SIGTERM stops everything: SIGTERM to each process group, SIGKILL to any
still there after --grace seconds; the exit status is then 130 (SIGINT) or 143 (SIGTERM).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field


@dataclass
class Service:
    name: str
    command: str
    proc: subprocess.Popen | None = None
    started_at: float = 0.0
    failures: int = 0  # exits in a row without a stable run in between
    restart_at: float | None = None  # when a pending restart is due
    starts: int = field(default=0)


def log(message: str) -> None:
    print(f"supervise: {message}", file=sys.stderr, flush=True)


class Supervisor:
    def __init__(
        self, services: list[Service], backoff: float, backoff_max: float, stable: float, grace: float
    ):
        self.services = services
        self.backoff = backoff
        self.backoff_max = backoff_max
        self.stable = stable
        self.grace = grace
        self.stop_signal: int | None = None

    def start(self, service: Service) -> None:
        # A session of its own: signals reach the command's children (npm → node), and a
        # Ctrl-C in the terminal reaches only this supervisor, which then stops things in order.
        service.proc = subprocess.Popen(["bash", "-c", service.command], start_new_session=True)
        service.started_at = time.monotonic()
        service.restart_at = None
        service.starts += 1
        if service.starts > 1:
            log(f"{service.name}: started again (pid {service.proc.pid})")

    def delay(self, service: Service) -> float:
        return min(self.backoff * 2 ** (service.failures - 1), self.backoff_max)

    def reap(self, service: Service, now: float) -> None:
        proc = service.proc
        if proc is None or proc.poll() is None:
            return
        ran = now - service.started_at
        service.failures = 1 if ran >= self.stable else service.failures + 1
        wait = self.delay(service)
        code = proc.returncode
        how = f"signal {-code}" if code < 0 else f"status {code}"
        log(f"{service.name}: exited with {how} after {ran:.1f} s; restarting in {wait:g} s")
        service.proc = None
        service.restart_at = now + wait

    def run(self) -> int:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self.on_signal)
        for service in self.services:
            self.start(service)
        while self.stop_signal is None:
            now = time.monotonic()
            for service in self.services:
                self.reap(service, now)
                if service.proc is None and service.restart_at is not None and now >= service.restart_at:
                    self.start(service)
            time.sleep(0.1)
        self.stop_all()
        return 128 + self.stop_signal

    def on_signal(self, signum: int, _frame: object) -> None:
        self.stop_signal = signum

    def stop_all(self) -> None:
        running = [s for s in self.services if s.proc is not None and s.proc.poll() is None]
        for service in running:
            signal_group(service.proc, signal.SIGTERM)
        deadline = time.monotonic() + self.grace
        for service in running:
            try:
                service.proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log(f"{service.name}: still running after {self.grace:g} s; killing it")
                signal_group(service.proc, signal.SIGKILL)
                service.proc.wait()
        # Whatever a command left behind in its group (e.g. a child that outlived its shell).
        for service in self.services:
            if service.proc is not None:
                signal_group(service.proc, signal.SIGKILL)


def signal_group(proc: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.killpg(proc.pid, sig)


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[Service]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--service", nargs=2, action="append", metavar=("NAME", "COMMAND"), required=True)
    parser.add_argument("--backoff", type=float, default=1.0, help="first pause before a restart (s)")
    parser.add_argument("--backoff-max", type=float, default=30.0, help="longest pause before a restart (s)")
    parser.add_argument("--stable", type=float, default=60.0, help="up this long, the pause starts over (s)")
    parser.add_argument(
        "--grace", type=float, default=10.0, help="wait this long after SIGTERM, then SIGKILL (s)"
    )
    args = parser.parse_args(argv)
    return args, [Service(name, command) for name, command in args.service]


def main(argv: list[str] | None = None) -> int:
    args, services = parse(sys.argv[1:] if argv is None else argv)
    return Supervisor(services, args.backoff, args.backoff_max, args.stable, args.grace).run()


if __name__ == "__main__":
    sys.exit(main())
