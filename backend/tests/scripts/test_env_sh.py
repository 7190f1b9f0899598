"""backend/scripts/env.sh, sourced as the scripts source it, in a copy of the repository's layout
(so the real .env is never read or written): the environment wins over .env."""

import os
import shutil
import subprocess
from pathlib import Path

ENV_SH = Path(__file__).resolve().parents[2] / "scripts" / "env.sh"

DOTENV = """\
# a comment, and a blank line

YOUTUBE_CLIENT_ID=from-dotenv
SET_EMPTY_IN_ENV=from-dotenv
ONLY_IN_DOTENV=from-dotenv
CORS_ORIGINS='["http://localhost:3000","http://127.0.0.1:3000"]'
DOUBLE="say \\"hi\\" for \\$5"
BARE=value with spaces   # and a comment
export EXPORTED=yes
NOT_RUN=$(touch {marker})
DATABASE_URL=postgresql://example/db
"""


def source_env(tmp_path: Path, env: dict[str, str], names: list[str]) -> dict[str, str]:
    scripts = tmp_path / "backend" / "scripts"
    scripts.mkdir(parents=True)
    shutil.copy(ENV_SH, scripts / "env.sh")
    (tmp_path / ".env").write_text(DOTENV.format(marker=tmp_path / "pwned"))
    # set -u as the scripts run it: the loader must not trip over names that are not set.
    show = "; ".join(f'printf "%s=%s\\0" {n} "${{{n}-<unset>}}"' for n in names)
    base = {k: v for k, v in os.environ.items() if k not in names}
    result = subprocess.run(
        ["bash", "-c", f"set -euo pipefail; . backend/scripts/env.sh; {show}"],
        cwd=tmp_path,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(item.split("=", 1) for item in result.stdout.split("\0") if item)


def test_the_environment_wins_over_dotenv(tmp_path: Path) -> None:
    names = ["YOUTUBE_CLIENT_ID", "SET_EMPTY_IN_ENV", "ONLY_IN_DOTENV", "LOCAL_PG"]
    got = source_env(tmp_path, {"YOUTUBE_CLIENT_ID": "from-env", "SET_EMPTY_IN_ENV": ""}, names)
    assert got["YOUTUBE_CLIENT_ID"] == "from-env"
    assert got["SET_EMPTY_IN_ENV"] == ""  # set, though empty: still the environment's
    assert got["ONLY_IN_DOTENV"] == "from-dotenv"
    assert got["LOCAL_PG"] == "0"  # DATABASE_URL came from .env


def test_values_are_read_literally_and_never_run(tmp_path: Path) -> None:
    names = ["CORS_ORIGINS", "DOUBLE", "BARE", "EXPORTED", "NOT_RUN"]
    got = source_env(tmp_path, {}, names)
    assert got["CORS_ORIGINS"] == '["http://localhost:3000","http://127.0.0.1:3000"]'
    assert got["DOUBLE"] == 'say "hi" for $5'
    assert got["BARE"] == "value with spaces"
    assert got["EXPORTED"] == "yes"
    assert got["NOT_RUN"] == f"$(touch {tmp_path / 'pwned'})"
    assert not (tmp_path / "pwned").exists()


def test_exported_to_child_processes(tmp_path: Path) -> None:
    scripts = tmp_path / "backend" / "scripts"
    scripts.mkdir(parents=True)
    shutil.copy(ENV_SH, scripts / "env.sh")
    (tmp_path / ".env").write_text("ONLY_IN_DOTENV=seen-by-children\nDATABASE_URL=postgresql://x/y\n")
    out = subprocess.run(
        [
            "bash",
            "-c",
            ". backend/scripts/env.sh; python3 -c 'import os; print(os.environ[\"ONLY_IN_DOTENV\"])'",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "seen-by-children"
