"""Writing output files safely: whole or not at all, never over the input roster."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import OutputError

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike, write: Callable[[Path], None] | str | bytes, *, protect=()) -> Path:
    """Write an output file through a temporary file in the same folder, then rename it.

    Parameters
    ----------
    path : str or Path
        The output file.
    write : callable, str or bytes
        The content (text is written as UTF-8), or a function that writes the temporary
        file whose path it is given (for libraries that write files themselves).
    protect : iterable of paths
        Files that must never be overwritten, e.g. the input roster.

    Returns
    -------
    Path
        ``path``, once complete.

    Raises
    ------
    OutputError
        When the folder does not exist, ``path`` is a protected file, or writing fails; no
        partial file is left behind.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("output.no_folder", file=str(path), folder=str(folder))
    if path.is_dir():
        raise OutputError("output.is_folder", file=str(path))
    for other in protect:
        if other and path.exists() and Path(other).exists() and path.resolve() == Path(other).resolve():
            raise OutputError("output.is_input", file=str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=folder)
    except PermissionError:
        raise OutputError("output.read_only", file=str(path), folder=str(folder)) from None
    except OSError as err:
        raise OutputError("output.not_written", file=str(path), reason=err.strerror or str(err)) from err
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        if callable(write):
            write(tmp_path)
        elif isinstance(write, str):
            tmp_path.write_text(write, encoding="utf-8", newline="\n")
        else:
            tmp_path.write_bytes(write)
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, path)
    except PermissionError:
        raise OutputError("output.read_only", file=str(path), folder=str(folder)) from None
    except OSError as err:
        raise OutputError("output.not_written", file=str(path), reason=err.strerror or str(err)) from err
    finally:
        tmp_path.unlink(missing_ok=True)
    return path
