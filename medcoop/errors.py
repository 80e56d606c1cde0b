"""Domain errors, raised by the lower layers and turned into exit codes by the CLI."""

from typing import Final


class ExitCode:
    """Exit statuses, documented in the README and in ``medcoop --help``. Plain ints: an
    IntEnum would cost every start a quarter of a millisecond for nothing it is used for."""

    OK: Final = 0
    ERROR: Final = 1  # data or runtime error
    USAGE: Final = 2  # bad option, bad value, unknown name, bad year
    INTERRUPTED: Final = 130  # Ctrl-C
    PIPE_CLOSED: Final = 141  # the reader closed the pipe early (as SIGPIPE would)


class MedcoopError(Exception):
    """An error with a one-line message for the user."""

    exit_code: int = ExitCode.ERROR


class DatasetError(MedcoopError):
    """The dataset file cannot be read, parsed or validated."""


class WriteError(MedcoopError):
    """Output could not be written (disk full, permission, I/O, a closed stream): exit 1."""


class UsageError(MedcoopError):
    """The user asked for something that cannot be answered as asked."""

    exit_code = ExitCode.USAGE


class PipeClosed(MedcoopError):
    """The reader of our output went away (head -1); ends quietly."""

    exit_code = ExitCode.PIPE_CLOSED
