"""Run a build step in a child process beside this one, or here when that is not possible.

A site of several languages is one MkDocs build per language, and MkDocs is single-threaded
Python: on a machine with a second core, a translation builds in a forked child while this
process builds the default language. The child inherits the rendered trees (nothing is pickled)
and reports only how it ended: nothing, or the message of the error that stopped it. Without
`fork` (Windows) or a second core, the step runs here, at once, and its error is raised when it
is waited for, so callers see one behaviour.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable

from generator.findings import BuildError, PlaybookError

#: Exit codes of a child: 0 done, 1 a `PlaybookError` (its message follows), 2 anything else.
_DONE, _REFUSED, _CRASHED = 0, 1, 2


class Step:
    """A step started by `start`; `wait` returns when it is done or raises its error."""

    def __init__(
        self, pid: int | None = None, reader: int | None = None, error: BaseException | None = None
    ) -> None:
        self.pid = pid
        self.reader = reader
        self.error = error

    def wait(self) -> None:
        """Raise the step's error: `BuildError` with its message, else `RuntimeError`."""
        if self.pid is not None:
            message = _read_all(self.reader)
            self.reader = None
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
            code = os.waitstatus_to_exitcode(status)
            if code == _REFUSED:
                self.error = BuildError(message)
            elif code != _DONE:
                self.error = RuntimeError(f"a build in a child process failed ({code}): {message}")
        if self.error is not None:
            error, self.error = self.error, None
            raise error

    def cancel(self) -> None:
        """Stop a child still running (another step failed); no-op for a finished step."""
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
            self.pid = None
        if self.reader is not None:
            os.close(self.reader)
            self.reader = None
        self.error = None


def start(step: Callable[[], None]) -> Step:
    """Start `step` in a forked child when this machine has a core to spare, else run it now."""
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        try:
            step()
        except BaseException as error:  # raised by Step.wait, as a child's would be
            return Step(error=error)
        return Step()
    sys.stdout.flush()
    sys.stderr.flush()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run the step, say how it ended, never return into the caller
        os.close(reader)
        code, message = _DONE, ""
        try:
            step()
        except PlaybookError as error:
            code, message = _REFUSED, str(error)
        except BaseException as error:
            code, message = _CRASHED, f"{type(error).__name__}: {error}"
        finally:
            try:
                _write_all(writer, message.encode("utf-8"))
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    os.close(writer)
    return Step(pid, reader)


def _write_all(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data) :]
    os.close(fd)


def _read_all(fd: int | None) -> str:
    if fd is None:
        return ""
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode("utf-8", errors="replace")
