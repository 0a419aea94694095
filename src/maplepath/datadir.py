"""The user's data directory: what maplepath imports from official downloads lives here.

Rule files ship inside the package; datasets too large or too changeable to ship (Statistics
Canada's NOC example titles, IRCC's Express Entry rounds) are imported by the user from the
official download and kept here. ``MAPLEPATH_DATA_DIR`` overrides the platform's usual place
(tests, shared machines, a consultant keeping one directory per client). Importers read their
source with ``read_source``: the only network access maplepath makes, on an explicit command.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

ENV_VAR = "MAPLEPATH_DATA_DIR"
_CHUNK = 64 * 1024
# progress(bytes read so far, total bytes or None when the server does not say)
Progress = Callable[[int, int | None], None]


class SourceError(ValueError):
    """A source that cannot be read: missing file, refused or interrupted download."""


def data_dir() -> Path:
    """The user's data directory, created on first use."""
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("maplepath"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def atomic_write_bytes(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` all at once: a reader sees the old file or the new one,
    never half of either, even if the process dies mid-write. ``mode`` (0o600: the owner's
    alone) is the file's from its first byte; by default, the mode a plain open() gives."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would have.
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    # Make the rename itself durable where the platform allows opening a directory.
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


class NotReadable(ValueError):
    """A file a person's document cannot be: too large, or not a regular file."""


def read_small_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. A FIFO or a device is refused
    before it is read (reading ``/dev/zero`` or a pipe with no writer never ends), and a file
    over the limit is refused without reading it whole. OSError as ``open`` raises it."""
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise NotReadable("not a regular file (a device, a pipe or a folder)")
    with os.fdopen(fd, "rb") as f:
        data = f.read(limit + 1)
    if st.st_size > limit or len(data) > limit:
        raise NotReadable(f"{max(st.st_size, len(data)):,} bytes: larger than {limit:,}")
    return data


def write_new(folder: Path, names: Iterable[str], data: bytes, mode: int = 0o600) -> Path:
    """Write ``data`` under the first of ``names`` not taken yet in ``folder`` and return its
    path: all at once (a reader never sees half a file) and never over another file, so two
    writers racing for one name both succeed, under two names. The file is private (``mode``,
    owner only by default) and a folder made here is too: snapshots hold a person's facts."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".new.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        for name in names:
            target = folder / name
            try:
                os.link(tmp, target)  # fails if the name exists: the publish is exclusive
            except FileExistsError:
                continue
            return target
        raise FileExistsError(f"{folder}: every name offered is taken")
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def read_source(source: str | Path, progress: Progress | None = None) -> tuple[bytes, str]:
    """The bytes of a local file or an http(s)/file URL, read in chunks with progress reports,
    and the name to record as its source (the URL, or the file's absolute path)."""
    text = str(source)
    # The network modules cost 40 ms to import: only a download pays for them.
    import http.client
    import urllib.error
    import urllib.parse
    import urllib.request

    scheme = urllib.parse.urlsplit(text).scheme.lower() if isinstance(source, str) else ""
    if scheme in ("http", "https", "file"):
        try:
            with urllib.request.urlopen(text, timeout=60) as response:
                length = response.headers.get("Content-Length")
                total = int(length) if length and length.isdigit() else None
                data = _read(response, total, progress)
        except urllib.error.HTTPError as e:
            raise SourceError(f"could not download {text}: HTTP {e.code} {e.reason}") from e
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as e:
            reason = getattr(e, "reason", None) or e
            raise SourceError(f"could not download {text}: {reason}") from e
        if total is not None and len(data) != total:
            raise SourceError(f"download of {text} stopped at {len(data):,} of {total:,} bytes")
        return data, text
    if "://" in text:
        raise SourceError(f"{text}: only http, https and file URLs can be read")
    path = Path(source).expanduser()
    try:
        with path.open("rb") as f:
            return _read(f, os.fstat(f.fileno()).st_size, progress), str(path.resolve())
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except OSError as e:
        raise SourceError(f"cannot read {path}: {e.strerror or e}") from None


def _read(stream: BinaryIO, total: int | None, progress: Progress | None) -> bytes:
    chunks: list[bytes] = []
    done = 0
    if progress:
        progress(0, total)
    while chunk := stream.read(_CHUNK):
        chunks.append(chunk)
        done += len(chunk)
        if progress:
            progress(done, total)
    return b"".join(chunks)
