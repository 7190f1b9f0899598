"""`make bench`: every speed figure, one per line as `name: value (target)`, each measured
against a baseline taken in the same run where the issue asks for a ratio (the machine is
noisy; absolute seconds mean little)."""

import importlib
import sys
import time

SECTIONS = ["bench.synth", "bench.art", "bench.render", "bench.pipeline", "bench.batch", "bench.analysis"]
SECTIONS.append("bench.compose")  # the music video: composition against the naive pipeline
SECTIONS.append("bench.music_video")  # a 3-minute song end to end, cuts checked on the decoded video


def main() -> int:
    failed = False
    for name in SECTIONS:
        started = time.perf_counter()
        try:
            lines = importlib.import_module(name).run()
        except Exception as exc:  # one broken section should not hide the others' figures
            print(f"{name}: FAILED {type(exc).__name__}: {exc}", flush=True)
            failed = True
            continue
        for line in lines:
            print(line, flush=True)
        print(f"  ({name} took {time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
