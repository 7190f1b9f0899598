"""Runs the Google/YouTube emulator as a process, for the dashboard's browser test:
`python -m tests.emulators.serve_google --port 8099 [--env-file PATH]` writes the API
settings that point at it (the same ones the backend tests use) and serves until killed."""

import argparse
import contextlib
import signal
import threading

from tests.emulators.google import GoogleEmulator


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--env-file", help="write YOUTUBE_* settings for the API here")
    parser.add_argument("--dashboard-url", default="http://127.0.0.1:3001")
    args = parser.parse_args()
    emulator = GoogleEmulator(port=args.port).start()
    if args.env_file:
        from tests.youtube.conftest import youtube_environment

        env = {**youtube_environment(emulator), "YOUTUBE_DASHBOARD_URL": args.dashboard_url}
        with open(args.env_file, "w") as fh:
            fh.writelines(f"export {key}='{value}'\n" for key, value in env.items())
    print(f"google emulator on {emulator.url}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    emulator.stop()


if __name__ == "__main__":
    main()
