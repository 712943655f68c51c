"""Refusals the officer reads: a Korean message and the process exit code that goes with it.

Every layer raises a subclass (``storage.StorageError``, ``cli.CommandError`` …); the GUI and the
command line catch ``Refusal`` alone, so no layer has to import another's error to handle it.
"""

from __future__ import annotations


class ExitCode:
    """Process exit codes shared by the CLI and the GUI (documented in the README)."""

    OK = 0
    ERROR = 1
    USAGE = 2
    FOLDER_UNUSABLE = 3
    IN_USE = 4
    NEWER_SCHEMA = 5
    NOT_A_DATABASE = 6
    MIGRATION_FAILED = 7
    BAD_INPUT = 8
    CHECK_FAILED = 9
    ACCESS_DENIED = 10  # sign-in refused, no account named, or the role may not do this
    SERVER_UNREACHABLE = 11  # the database server cannot be reached or refused the connection


class Refusal(Exception):
    """Something the program will not do, said in Korean for the officer (``message``)."""

    def __init__(self, message: str, exit_code: int = ExitCode.ERROR) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
