"""Whether a password matches its stored argon2id hash — no SQLAlchemy here, so that the sign-in
(``AccountService``) and its look ahead before SQLAlchemy loads (``first_screen``) share it."""

from __future__ import annotations

from typing import Any


def password_matches(digest: str, password: str, hasher: Any = None) -> bool:
    """True if ``password`` is the one ``digest`` was made from; a malformed digest is no match.
    Any argon2 hasher verifies any argon2 digest (the parameters are inside the digest)."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool((hasher or PasswordHasher()).verify(digest, password))
    except (VerificationError, InvalidHashError):
        return False
