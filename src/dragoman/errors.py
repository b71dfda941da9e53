"""The whole exception tree. Every message says what went wrong; ``hint``, what to do next.

::

    DragomanError              base class: catch it to report any of the below to the user
    ├── InputError             an input path or stream cannot be read at all
    │   ├── FetchError         a URL gave no HTTP answer (timeout, refused, robots.txt says no)
    │   ├── UndecodableError   a record's bytes are not text in any encoding we can trust
    │   ├── ExtractionError    a record's markup cannot be parsed as HTML at all
    │   ├── TooLargeError      a record is over DRAGOMAN_MAX_RECORD_BYTES (reading stopped there)
    │   └── NotAFileError      a path is a FIFO, socket, device or folder, not a regular file
    ├── SettingsError          an option has a value it cannot take (wrong type, unknown choice)
    ├── PipelineError          stages or document steps are in an order where one needs what
    │                          no earlier one produces, or one is not a stage or step at all
    ├── ModelNotInstalledError the spaCy model package is missing
    ├── StoreError             the database cannot be opened, or a read asks for what is not there
    │   ├── NotFound           no record with this id (the web answers 404)
    │   └── SchemaVersionError the database was written by a newer dragoman (upgrade to open it)
    ├── ExportError            an export was asked for in a way that cannot work
    └── DemoCorpusError        the built-in demo corpus is not installed and cannot be fetched

The readers turn ``UndecodableError`` and ``ExtractionError`` into a ``Reject`` of the record
(its detail is ``str(err)``); the CLI and the web turn the others into a message and the hint.
"""
from __future__ import annotations


class DragomanError(Exception):
    """Base class: ``str(err)`` is the problem, ``err.hint`` what the user can do about it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        message = super().__str__()
        return f"{message}\n  → {self.hint}" if self.hint else message


class InputError(DragomanError):
    """An input path or stream cannot be read at all."""


class FetchError(InputError):
    """No HTTP answer could be had; ``reason`` is a short code (``timeout``, ``robots-…``)."""

    def __init__(self, message: str, hint: str = "", reason: str = "fetch-failed") -> None:
        super().__init__(message, hint)
        self.reason = reason


class UndecodableError(InputError):
    """The bytes are not text in any encoding we can trust."""


class ExtractionError(InputError):
    """The markup cannot be parsed at all."""


class TooLargeError(InputError):
    """More than ``limit`` bytes were there to read; reading stopped at the limit."""

    def __init__(self, limit: int, what: str = "the record") -> None:
        super().__init__(f"{what} is over the {limit}-byte limit; raise DRAGOMAN_MAX_RECORD_BYTES "
                         "or split the input")
        self.limit = limit


class NotAFileError(InputError):
    """A path is a FIFO, socket, device or folder, not a regular file (``mode``: its
    ``st_mode``)."""

    def __init__(self, message: str, mode: int = 0) -> None:
        super().__init__(message)
        self.mode = mode


class SettingsError(DragomanError):
    """An option has a value it cannot take."""


class PipelineError(DragomanError):
    """Stages (or a document stage's steps) are in an order where one needs what no earlier
    one produces, or something in the list is not a stage (or step) at all."""


class ModelNotInstalledError(DragomanError):
    """The spaCy model package is missing."""


class StoreError(DragomanError):
    """The database cannot be opened, or a query asks for something that is not there."""


class NotFound(StoreError):
    """No record with this id."""


class ExportError(DragomanError):
    """An export was asked for in a way that cannot work (unknown table, format, target)."""


class DemoCorpusError(DragomanError):
    """The built-in demo corpus is not installed and could not be fetched."""


class SchemaVersionError(StoreError):
    """The database was written by a newer dragoman: its schema version is one this code does
    not know."""
