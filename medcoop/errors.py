"""Domain errors, raised by the lower layers and turned into exit codes by the CLI."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses, documented in the README and in ``medcoop --help``."""

    OK = 0
    ERROR = 1  # data or runtime error
    USAGE = 2  # bad option, bad value, unknown name, bad year
    INTERRUPTED = 130  # Ctrl-C
    PIPE_CLOSED = 141  # the reader closed the pipe early (as SIGPIPE would)


class MedcoopError(Exception):
    """An error with a one-line message for the user."""

    exit_code: ExitCode = ExitCode.ERROR


class DatasetError(MedcoopError):
    """The dataset file cannot be read, parsed or validated."""


class UsageError(MedcoopError):
    """The user asked for something that cannot be answered as asked."""

    exit_code = ExitCode.USAGE
