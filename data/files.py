"""Writing files: atomically, privately, durably where asked. Every file selftrust writes (its lock file aside, which holds no words) is written here.

- `write_atomic`: the new bytes go to a temporary file in the same folder (0600, narrowed
  further by the umask, never widened), fsynced when asked, and renamed over the name:
  the name always holds a whole file, the old one or the new one. On any failure the
  temporary file is removed and the name is left as it was.
- `create_new`: a file at a name nobody holds yet, appearing whole or not at all.
- `link_or_copy`: a second name for a file (a backup) by hard link, or a private copy.
- `fsync_folder_checked` / `fsync_folder`: make a folder's new names durable, raising or
  best effort.
- `private_folder`: folders made readable by the user only, whatever the umask.

The journal, the recent days beside it, its backups, exports and the settings file all
write through these, so their durability and privacy are the same rules, kept once.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

Data = bytes | list[bytes]  # whole, or in parts (the journal's tables) written one after another


def private_folder(folder: Path) -> None:
    """Create FOLDER and its missing parents, each readable by the user only whatever the umask.

    Folders that are there already are left as they are: they are the person's.
    """
    missing: list[Path] = []
    here = folder
    while not here.exists() and here.parent != here:
        missing.append(here)
        here = here.parent
    for level in reversed(missing):
        try:
            level.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile by another process: theirs to have set
        os.chmod(level, 0o700)  # mkdir's mode is narrowed by the umask, never widened: set it plainly


def write_parts(file: BinaryIO, data: Data) -> None:
    """DATA to the open FILE: the bytes, or each part in turn (no join of megabytes in memory first)."""
    if isinstance(data, bytes):
        file.write(data)
    else:
        file.writelines(data)


def write_atomic(
    path: Path, data: Data, *, sync: bool, before_replace: Callable[[], None] | None = None
) -> os.stat_result:
    """DATA at PATH by a private temporary file renamed over it: the name always holds a whole file.

    With SYNC the file is fsynced before the rename (the folder is the caller's to sync:
    see `fsync_folder_checked`). BEFORE_REPLACE runs once the new file is whole, just
    before it takes the name (the journal keeps its backup then). Returns what fstat said
    of the new file. On any failure, the temporary file is gone and PATH is as it was.
    """
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            write_parts(file, data)
            file.flush()
            if sync:
                os.fsync(file.fileno())
            info = os.fstat(file.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    return info


# Linux can make a file with no name (O_TMPFILE) and give it its name once it is whole
# (linkat): as atomic as a temporary file renamed, with one change to the folder instead of
# three, and nothing left behind by a crash. Where it is missing, a temporary file is renamed.
_O_TMPFILE = getattr(os, "O_TMPFILE", 0)
_UNNAMED = {"usable": bool(_O_TMPFILE) and os.path.isdir("/proc/self/fd")}


def create_new(path: Path, data: bytes, *, sync: bool) -> None:
    """DATA at the new name PATH (private), which appears whole or not at all; FileExistsError if it is taken."""
    if _UNNAMED["usable"] and _create_unnamed(path, data, sync=sync):
        return
    if path.exists() or path.is_symlink():
        raise FileExistsError(path)
    write_atomic(path, data, sync=sync)


def _create_unnamed(path: Path, data: bytes, *, sync: bool) -> bool:
    """DATA in an unnamed file in PATH's folder, then given the name; False when that cannot be done here."""
    try:
        fd = os.open(path.parent, os.O_WRONLY | _O_TMPFILE, 0o600)
    except OSError:
        return False  # not on this filesystem (or the folder is refused: the temporary file says why)
    try:
        with os.fdopen(fd, "wb", closefd=False) as file:
            write_parts(file, data)  # a full disk is reported, not worked around
        if sync:
            os.fsync(fd)
        try:
            # A dir fd makes CPython call linkat with AT_SYMLINK_FOLLOW: the unnamed file itself gets the name.
            os.link(f"/proc/self/fd/{fd}", path, src_dir_fd=fd, follow_symlinks=True)
        except FileExistsError:
            raise
        except OSError:
            _UNNAMED["usable"] = False  # no /proc, or links refused here: rename from now on
            return False
        return True
    finally:
        os.close(fd)


def link_or_copy(source: Path, target: Path) -> None:
    """TARGET as a hard link to SOURCE (which is never changed in place), or a private copy; kept if there."""
    try:
        os.link(source, target)
    except FileExistsError:
        return
    except OSError:
        # No hard links here (some synced or removable filesystems): a copy, private from its first byte.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as copy, open(source, "rb") as original:
            while chunk := original.read(1 << 20):
                copy.write(chunk)


def fsync_folder_checked(folder: Path) -> None:
    """Make FOLDER's new names durable; OSError when the filesystem refuses."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make FOLDER's new names durable, where the filesystem can; a refusal is not an error."""
    try:
        fsync_folder_checked(folder)
    except OSError:
        pass  # some filesystems cannot sync a folder; the files themselves are whole
