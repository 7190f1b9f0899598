#!/usr/bin/env python
"""Writes the API's OpenAPI schema to frontend/lib/api/openapi.json (the dashboard's typed
client is generated from it). With --check, fails when the committed file is out of date."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("JWT_SECRET", "openapi-export-only-" + "x" * 32)  # importing the app needs one

from app.main import app

TARGET = Path(__file__).resolve().parents[2] / "frontend" / "lib" / "api" / "openapi.json"


def main() -> int:
    text = json.dumps(app.openapi(), indent=2, sort_keys=True) + "\n"
    if "--check" in sys.argv:
        if not TARGET.exists() or TARGET.read_text() != text:
            print(
                f"{TARGET.relative_to(TARGET.parents[3])} is out of date: run backend/scripts/export_openapi.py and commit",
                file=sys.stderr,
            )
            return 1
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text)
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
