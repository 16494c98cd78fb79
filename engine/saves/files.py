"""Writing a file so a crash at any instant leaves the old version or the new one.

The new text goes to a temporary file in the same folder, is flushed to the
disk, and is renamed over the old file; the folder is flushed too, so the
rename itself survives a power cut. The old file is first linked (or copied)
to ``NAME.bak``, so one bad write can always be undone.
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path


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
        if backup is not None and path.exists():
            _keep_backup(path, backup)
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    sync_folder(path.parent)


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
        write_atomic(tmp, path.read_bytes())
    try:
        os.replace(tmp, backup)
    finally:
        try:
            tmp.unlink()  # left behind when rename() finds both names are links to one file
        except OSError:
            pass


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (renames) to disk where the system allows it."""
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
        os.close(fd)


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


def explain(exc: OSError) -> str:
    """An OSError as a player can read it."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission was denied",
        errno.EPERM: "permission was denied",
        errno.EROFS: "the disk is read-only",
        errno.ENOENT: "the file or folder does not exist",
        errno.EISDIR: "a folder is in the way",
        errno.ENAMETOOLONG: "the name is too long for this system",
    }
    reason = reasons.get(exc.errno or 0) or exc.strerror or str(exc)
    where = f" ({exc.filename})" if exc.filename else ""
    return f"{reason}{where}"
