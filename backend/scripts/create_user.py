#!/usr/bin/env python
"""The seed-user CLI: create the studio's user or reset its password.

  python scripts/create_user.py --email me@example.com                 # asks for a password
  python scripts/create_user.py --email me@example.com --password ...  # or CREATE_USER_PASSWORD
  python scripts/create_user.py --email me@example.com --reset         # set a new password
  python scripts/create_user.py --email me@example.com --generate      # make a strong one, print it once
  python scripts/create_user.py --ensure-seed me@example.com           # only if no user exists yet (make dev)

Exit codes scripts can rely on:
  0  done: created, password reset, or already present with that password (idempotent)
  1  unexpected failure (e.g. database unreachable)
  2  invalid input: weak password, bad email, missing arguments
  3  the user exists with a different password and --reset was not given
"""

import argparse
import getpass
import os
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from app.auth.models import User
from app.auth.passwords import WeakPassword
from app.auth.service import upsert_user
from app.db import session_factory

OK, FAILED, INVALID, EXISTS = 0, 1, 2, 3


def _password(args: argparse.Namespace) -> str | None:
    if args.generate:
        return secrets.token_urlsafe(12)
    if args.password:
        return args.password
    if os.environ.get("CREATE_USER_PASSWORD"):
        return os.environ["CREATE_USER_PASSWORD"]
    if sys.stdin.isatty():
        first = getpass.getpass("Password (8+ characters): ")
        if first != getpass.getpass("Repeat password: "):
            print("error: the passwords do not match", file=sys.stderr)
            return None
        return first
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create the Ambient Studio user or reset its password.")
    parser.add_argument("--email")
    parser.add_argument(
        "--password", help="prefer CREATE_USER_PASSWORD or the prompt: argv is visible to `ps`"
    )
    parser.add_argument(
        "--generate", action="store_true", help="generate a strong password and print it once"
    )
    parser.add_argument("--reset", action="store_true", help="set a new password for an existing user")
    parser.add_argument(
        "--ensure-seed",
        metavar="EMAIL",
        help="create EMAIL with a generated password only if there is no user yet",
    )
    args = parser.parse_args(argv)

    if args.ensure_seed:
        args.email, args.generate = args.ensure_seed, True
    if not args.email:
        print("error: --email is required", file=sys.stderr)
        return INVALID
    try:
        email = validate_email(args.email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        print(f"error: invalid email: {exc}", file=sys.stderr)
        return INVALID

    try:
        with session_factory()() as db:
            if args.ensure_seed and db.scalar(select(func.count()).select_from(User)):
                print("A user already exists; nothing to do.")
                return OK
            password = _password(args)
            if password is None:
                print(
                    "error: no password given (use --password, CREATE_USER_PASSWORD, --generate or a terminal)",
                    file=sys.stderr,
                )
                return INVALID
            outcome = upsert_user(db, email=email, password=password, reset=args.reset)
    except WeakPassword as exc:
        print(f"error: {exc}", file=sys.stderr)
        return INVALID
    except ValueError:
        print(
            f"error: {email} already exists with a different password; add --reset to change it",
            file=sys.stderr,
        )
        return EXISTS
    except Exception as exc:  # the CLI's contract is an exit code, not a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return FAILED

    messages = {
        "created": f"Created user {email}",
        "reset": f"Password reset for {email}; other sessions were signed out",
        "unchanged": f"User {email} already exists with this password; nothing changed",
    }
    print(messages[outcome])
    if args.generate and outcome != "unchanged":
        print(f"  email:    {email}\n  password: {password}\n  (shown once: store it now)")
    return OK


if __name__ == "__main__":
    sys.exit(main())
