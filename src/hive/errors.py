"""Typed errors. The engine raises them; the CLI turns each into one line on stderr.

Messages never carry personal data (phones, ID numbers, party membership):
name the field and the value the user typed, nothing read from the records.
"""

from __future__ import annotations


class HiveError(Exception):
    """Base of every error a user may see. ``exit_code`` is the process exit status."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(HiveError):
    """A value given by the user breaks a rule. Nothing has been written."""

    exit_code = 2


class NotFound(HiveError):
    """An id or name does not resolve to a record."""

    exit_code = 3


class Conflict(HiveError):
    """The request contradicts the records (a duplicate name, a dissolved organization...)."""

    exit_code = 4


class NoCenter(HiveError):
    """The database path holds no center."""

    exit_code = 5


class BadFile(HiveError):
    """The center file exists but cannot be read as a hive center. It is left untouched."""

    exit_code = 6


class CenterBusy(HiveError):
    """Another process held the center's lock for longer than the busy timeout."""

    exit_code = 7


class WriteFailed(HiveError):
    """The new file could not be written (disk full, permissions). The old file is intact."""

    exit_code = 8


class PluginFailed(HiveError):
    """A plugin could not be loaded or raised inside a hook."""

    exit_code = 9


class OutputFailed(HiveError):
    """The change is saved in the center, but what follows it failed (a file, the printout). Do not retry."""

    exit_code = 10


class ServerUnreachable(HiveError):
    """The district server could not be reached, or was lost, within the connect timeout. Nothing was written."""

    exit_code = 11
