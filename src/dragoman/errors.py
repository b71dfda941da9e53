"""The exception hierarchy. Every message says what went wrong and what to do next."""
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


class NoInputError(InputError):
    """Nothing at all could be read from the inputs given."""


class PipelineError(DragomanError):
    """Stages are in an order where one needs what no earlier stage produces."""


class ModelNotInstalledError(DragomanError):
    """The spaCy model package is missing."""


class StoreError(DragomanError):
    """The database cannot be opened, or a query asks for something that is not there."""


class ExportError(DragomanError):
    """An export was asked for in a way that cannot work (unknown table, format, target)."""


class DemoCorpusError(DragomanError):
    """The built-in demo corpus is not installed and could not be fetched."""


class SchemaVersionError(StoreError):
    """The database was written by a newer dragoman: its schema version is one this code does
    not know."""
