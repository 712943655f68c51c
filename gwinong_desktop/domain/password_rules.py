"""What a password must be: the one place the rule lives (accounts, the first administrator,
every form that sets a password and the README's "Accounts and privacy" follow it).

The rule county IT audits check (개인정보의 안전성 확보조치 기준 and its guide): three kinds of
characters (letters, digits, symbols) and 8 or more, or two kinds and 10 or more. On top of it,
what those kinds alone let through and a guesser tries first:

- the same character four or more times in a row ("aaaaaaaaa1");
- four or more characters in a row of the alphabet, the digits or a keyboard row, up or down
  ("abcd", "1234", "4321", "qwer", "asdf", "poiu");
- the commonest passwords, checked without case and with the digits and symbols around them
  taken off ("Password1!" is "password"), and the Korean-keyboard habits ("1q2w3e4r",
  "qwer1234", "tkfkdgo" — 사랑해 typed with the keyboard left in English);
- the account's own id.

Messages are Korean and never repeat the password or a part of it (they reach logs and the
terminal).
"""

from __future__ import annotations

import itertools

MIN_LENGTH_THREE_KINDS = 8
MIN_LENGTH_TWO_KINDS = 10
MAX_LENGTH = 128
RUN = 4
"""How many repeated or consecutive characters in a row are refused."""

PASSWORD_RULE = (
    "영문·숫자·특수문자 중 세 가지를 섞어 8자 이상, 또는 두 가지를 섞어 10자 이상. "
    "같은 글자 4번 이상(aaaa), 이어지는 글자(abcd, 1234, 4321, qwer), 흔한 비밀번호는 쓸 수 "
    "없습니다"
)
"""The rule as forms show it beside the password fields."""

KEYBOARD_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")

COMMON_WORDS = frozenset(
    {
        "password", "passwd", "passw0rd", "p@ssw0rd", "p@ssword", "pass", "admin",
        "administrator", "root", "user", "guest", "test", "login", "welcome", "letmein",
        "iloveyou", "qwerty", "qwertyuiop", "asdfgh", "zxcvbn", "abc", "abcd", "abcde",
        "dragon", "monkey", "master", "sunshine", "princess", "football", "baseball",
        "superman", "korea", "seoul", "love", "demo", "secret",
        # Korean words typed with the keyboard left in English
        "tkfkdgo",  # 사랑해
        "dkssud",  # 안녕
        "dkssudgktpdy",  # 안녕하세요
        "rhksflwk",  # 관리자
        "qlalfqjsgh",  # 비밀번호
    }
)  # fmt: skip
"""Words that, with digits or symbols around them, make the commonest passwords."""

COMMON_PASSWORDS = frozenset(
    {
        "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r!", "1q2w3e4r5t!", "q1w2e3r4", "q1w2e3r4t5",
        "1qaz2wsx", "1qaz2wsx3edc", "!q@w#e$r", "qwer1234", "qwer1234!", "asdf1234",
        "zxcv1234", "qwe123", "qwe123!@#", "qweasd123", "qweasdzxc", "a1b2c3d4", "abc123",
        "abcd1234", "abcd1234!", "password1", "password1!", "iloveyou1", "admin1234",
        "admin1234!", "1234qwer", "1234qwer!", "1234abcd", "!@#$qwer", "qwer!@#$",
    }
)  # fmt: skip
"""Whole passwords seen at the top of every leaked list (compared without case)."""

_EDGES = "0123456789!@#$%^&*()-_=+[]{};:'\",.<>/?\\|`~ "


def password_problem(password: str, username: str = "") -> str | None:
    """Why ``password`` may not be used (Korean), or None."""
    if len(password) > MAX_LENGTH:
        return f"비밀번호는 {MAX_LENGTH}자 이하여야 합니다."
    kinds = sum(
        (
            any(c.isalpha() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() and not c.isspace() for c in password),
        )
    )
    if not (
        (kinds >= 3 and len(password) >= MIN_LENGTH_THREE_KINDS)
        or (kinds >= 2 and len(password) >= MIN_LENGTH_TWO_KINDS)
    ):
        return (
            f"비밀번호는 영문·숫자·특수문자 중 세 가지를 섞어 {MIN_LENGTH_THREE_KINDS}자 이상, "
            f"또는 두 가지를 섞어 {MIN_LENGTH_TWO_KINDS}자 이상이어야 합니다."
        )
    if username and username.lower() in password.lower():
        return "비밀번호에 아이디를 넣을 수 없습니다."
    if is_common(password):
        return (
            "너무 흔한 비밀번호입니다 (많이 쓰이는 비밀번호와 그 변형). 다른 사람이 짐작할 수 "
            "없는 것으로 정하세요."
        )
    if has_repeat(password):
        return f"비밀번호에 같은 글자를 {RUN}번 이상 잇달아 쓸 수 없습니다 (예: aaaa, 1111)."
    if has_sequence(password):
        return (
            f"비밀번호에 이어지는 글자를 {RUN}자 이상 쓸 수 없습니다 "
            "(예: abcd, 1234, 4321, 자판 순서 qwer·asdf)."
        )
    return None


def is_common(password: str) -> bool:
    """One of the commonest passwords, or a common word with digits or symbols around it."""
    lowered = password.lower()
    return lowered in COMMON_PASSWORDS or lowered.strip(_EDGES) in COMMON_WORDS


def has_repeat(password: str, run: int = RUN) -> bool:
    """The same character ``run`` or more times in a row (case ignored)."""
    lowered = password.lower()
    count = 1
    for before, after in itertools.pairwise(lowered):
        count = count + 1 if after == before else 1
        if count >= run:
            return True
    return False


def has_sequence(password: str, run: int = RUN) -> bool:
    """``run`` or more characters in a row that go up or down by one (letters, digits) or
    follow a keyboard row either way (case ignored)."""
    lowered = password.lower()
    for start in range(len(lowered) - run + 1):
        chunk = lowered[start : start + run]
        if all(c.isascii() and c.isalnum() for c in chunk):
            steps = {ord(b) - ord(a) for a, b in itertools.pairwise(chunk)}
            if steps in ({1}, {-1}) and (chunk.isdigit() or chunk.isalpha()):
                return True
        if any(chunk in row or chunk in row[::-1] for row in KEYBOARD_ROWS):
            return True
    return False
