"""Files as the saves see them: read with care, written so a crash loses nothing.

Reading takes only a regular file, and only up to a size: a save's name in
the folder may be a dangling link, a named pipe (reading it would wait
forever) or a link to ``/dev/zero`` (reading it would never end).

Writing: the new text goes to a temporary file in the same folder, is flushed
to the disk, and is renamed over the old file; the folder is flushed too, so
the rename itself survives a power cut. The old file is first linked (or
copied) to ``NAME.bak``, so one bad write can always be undone.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from engine.present.catalogs import N_
from engine.saves.errors import Reason


class NotRegular(Exception):
    """The path names something other than a regular file; ``kind`` says what, for a player."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class Oversized(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), at most ``limit`` of them.

    Raises :class:`NotRegular`, :class:`Oversized`, FileNotFoundError when
    nothing has the name, or another OSError when the system refuses.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if _is_link(path):
            raise NotRegular("a link to a file that does not exist") from None
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotRegular("a link that leads back to itself") from None
        raise
    if not stat.S_ISREG(info.st_mode):
        raise NotRegular(_kind(info.st_mode))
    if info.st_size > limit:
        raise Oversized(limit)
    # O_NONBLOCK: if a pipe took the file's place since the stat, opening it must not wait.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(_kind(info.st_mode))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise Oversized(limit)
    return b"".join(chunks)


def is_regular(path: Path) -> bool:
    """Whether ``path`` is a regular file (links followed); False when it cannot be told."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def is_present(path: Path) -> bool:
    """Whether anything at all has this name, a dangling link included."""
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def _regular_or_absent(path: Path) -> bool:
    """Whether ``path`` is a regular file; False if nothing has the name. Raises any other
    OSError: a file that cannot be looked at must not be written over without its backup."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return False  # nothing, or a link to nothing
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return False  # a link that leads back to itself: nothing to keep
        raise


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


def _kind(mode: int) -> str:
    """What the path is instead of a file, as a phrase marked for the catalogs."""
    if stat.S_ISDIR(mode):
        return N_("a folder")
    if stat.S_ISFIFO(mode):
        return N_("a named pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return N_("a device")
    if stat.S_ISSOCK(mode):
        return N_("a socket")
    return N_("not a regular file")


def write_atomic(path: Path, data: bytes, backup: Path | None = None) -> None:
    """Replace ``path`` with ``data``; keep the replaced version as ``backup``. Raises OSError."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if backup is not None and _regular_or_absent(path):
            _keep_backup(path, backup)
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    sync_folder(path.parent)


COPY_LIMIT = 256 * 1024 * 1024  # a backup copied rather than linked is read whole


def _keep_backup(path: Path, backup: Path) -> None:
    """Make ``backup`` hold what ``path`` holds now, itself atomically."""
    try:
        if backup.exists() and os.path.samefile(path, backup):
            return  # a save killed after keeping its backup: the backup already holds this version
    except OSError:
        pass
    tmp = backup.with_name(f".{backup.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        os.link(path, tmp)  # the old inode survives the rename of the new file over `path`
    except OSError:
        try:
            old = read_limited(path, COPY_LIMIT)
        except (NotRegular, Oversized):
            return  # not a save worth keeping; the backup stays as it is
        write_atomic(tmp, old)
    try:
        os.replace(tmp, backup)
    finally:
        try:
            tmp.unlink()  # left behind when rename() finds both names are links to one file
        except OSError:
            pass


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (renames) to disk where the system allows it.

    Never raises: it runs after the rename, when the new file is already in
    place, and a player must not be told that a written save was not.
    """
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        try:
            os.close(fd)
        except OSError:
            pass


def remove_stale_temporaries(folder: Path) -> None:
    """Temporary files left by a process killed mid-write hold nothing worth keeping."""
    try:
        entries = list(folder.glob(".*.tmp"))
    except OSError:
        return
    for entry in entries:
        try:
            pid = int(entry.name.rsplit(".", 3)[-3])
        except (ValueError, IndexError):
            continue
        if pid != os.getpid() and not _alive(pid):
            try:
                entry.unlink()
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def explain(exc: OSError, with_path: bool = True) -> Reason:
    """An OSError as a player can read it; with the file it concerns unless the message names it."""
    reasons = {
        errno.ENOSPC: N_("the disk is full"),
        errno.EDQUOT: N_("the disk quota is used up"),
        errno.EACCES: N_("permission was denied"),
        errno.EPERM: N_("permission was denied"),
        errno.EROFS: N_("the disk is read-only"),
        errno.ENOENT: N_("the file or folder does not exist"),
        errno.EISDIR: N_("a folder is in the way"),
        errno.ENAMETOOLONG: N_("the name is too long for this system"),
        errno.ENOTDIR: N_("a file is in the way of a folder"),
        errno.EEXIST: N_("a file is in the way"),
        errno.ELOOP: N_("a link leads back to itself"),
        errno.EIO: N_("the disk could not be read or written"),
    }
    reason = reasons.get(exc.errno or 0) or exc.strerror or str(exc)
    return Reason(reason, str(exc.filename) if exc.filename and with_path else "")
