"""bcrypt (cost 12) called directly.

passlib 1.7.4 is unmaintained and breaks with bcrypt >= 4.1: with bcrypt 5 its start-up
self-test raises "password cannot be longer than 72 bytes" on every hash (see README,
Dependency notes), so passlib's CryptContext is replaced by these two functions."""

import bcrypt

BCRYPT_ROUNDS = 12
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_BYTES = 72  # bcrypt only reads 72 bytes; longer input is refused, not silently cut


class WeakPassword(ValueError):
    pass


def check_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"Password must be at least {MIN_PASSWORD_LENGTH} characters long")
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        raise WeakPassword(f"Password must be at most {MAX_PASSWORD_BYTES} bytes long")
    if password.strip() == "" or len(set(password)) < 3:
        raise WeakPassword("Password is too simple; use a mix of different characters")


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode()


def verify_password(password: str, password_hash: str) -> bool:
    data = password.encode()
    if len(data) > MAX_PASSWORD_BYTES:
        return False
    try:
        return bcrypt.checkpw(data, password_hash.encode())
    except ValueError:  # malformed stored hash
        return False


# Compared against when the email is unknown, so a wrong email costs the same time as a
# wrong password and response times don't reveal which accounts exist.
DUMMY_HASH = hash_password("not-a-real-password-0")
