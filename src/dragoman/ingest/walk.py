"""Files on disk: a folder walk in which every entry is accounted for, and opening that never
blocks.

Each entry a walk meets is read (a regular file, or a link to one), walked (a folder, or a link
to a folder not read yet) or rejected with the reason: a FIFO, socket or device
(``not-a-file``), a link that points nowhere or loops (``broken-link``), a link back to a folder
already read (``link-loop``), a file or folder that cannot be opened (``unreadable``). Hidden
entries (a name starting with ``.``: ``.git``, ``.DS_Store``) are skipped on purpose, as before.
Opening uses ``O_NONBLOCK`` and checks the kind of file on the open descriptor, so a FIFO never
blocks the run.
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from dragoman.errors import NotAFileError
from dragoman.names import safe_name
from dragoman.model import RawDoc, Reject

Record = RawDoc | Reject
_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISDIR, "a folder"))


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words (``"a FIFO (named pipe)"``)."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def not_a_file(origin: str, mode: int) -> Reject:
    return Reject(origin, "not-a-file", f"{safe_name(origin)} is {kind_of(mode)}, not a regular "
                  "file; only files are read (to read a stream, pipe it to 'dragoman ingest -')")


def unreadable(origin: str, err: OSError, what: str = "file") -> Reject:
    return Reject(origin, "unreadable", f"cannot open the {what}: {err.strerror or err}; check "
                  "its permissions (chmod) and that it is still there")


def open_regular(path: str) -> tuple[BinaryIO, int]:
    """``(binary stream, size)`` of a regular file; ``NotAFileError`` for anything else.

    Opened with ``O_NONBLOCK`` (a FIFO without a writer would block a plain ``open``), then
    checked on the descriptor itself (no race between the check and the open).
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFileError(f"{path}: {kind_of(info.st_mode)}", mode=info.st_mode)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), info.st_size
    except BaseException:
        os.close(fd)
        raise


def walk(folder: Path, read_file: Callable[[str], Iterator[Record]],
         read: set[tuple[int, int]] | None = None) -> Iterator[Record]:
    """Every record under ``folder``, in sorted path order; see the module docstring."""
    read = set() if read is None else read
    try:
        info = os.stat(folder)
        entries = sorted(entry.name for entry in os.scandir(folder))
    except OSError as err:
        yield unreadable(str(folder), err, "folder")
        return
    read.add((info.st_dev, info.st_ino))
    for name in entries:
        if not name.startswith("."):
            yield from _entry(folder / name, read_file, read)


def _entry(path: Path, read_file: Callable[[str], Iterator[Record]],
           read: set[tuple[int, int]]) -> Iterator[Record]:
    origin = str(path)
    try:
        info = os.stat(path)
    except OSError as err:
        yield _bad_link(origin, err) if os.path.islink(path) else unreadable(origin, err)
        return
    if stat.S_ISDIR(info.st_mode):
        if (info.st_dev, info.st_ino) in read:
            yield Reject(origin, "link-loop", f"{safe_name(origin)} links to a folder that is "
                         "already read; each folder is read once")
        else:
            yield from walk(path, read_file, read)
    elif stat.S_ISREG(info.st_mode):
        yield from read_file(origin)
    else:
        yield not_a_file(origin, info.st_mode)


def _bad_link(origin: str, err: OSError) -> Reject:
    target = safe_name(os.readlink(origin)) if os.path.islink(origin) else "?"
    why = "loops back on itself" if err.errno == errno.ELOOP else f"points to {target}, " \
        "which does not exist"
    return Reject(origin, "broken-link", f"the link {safe_name(origin)} {why}; fix or remove "
                  "the link")
