"""`mentorship serve`'s own job worker on SQLite: one process beside the web workers, not a thread in each.

A job worker inside a web worker shares that worker's interpreter lock: while a round's engine ran
there, every page that worker served waited for it (participants' p95 tripled during a round over
10,000 people). A separate process leaves the web workers' CPU to the pages, as deployments on
PostgreSQL already do with `mentorship jobs worker`, and keeps `make run` a single command.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping

ENV_FLAG = "MENTORSHIP_IN_PROCESS_WORKER"
STOP_SECONDS = 20  # the worker's own bounded shutdown takes at most 15 s
# Seconds before a restart, after successive quick crashes; a worker that ran a minute starts over.
RESTART_DELAYS = (1.0, 2.0, 5.0, 10.0, 30.0)
RAN_LONG_SECONDS = 60

log = logging.getLogger(__name__)


def wanted(is_sqlite: bool, environ: Mapping[str, str]) -> bool:
    """Whether `serve` runs its own worker process: on SQLite, unless the in-process setting was chosen."""
    return is_sqlite and not environ.get(ENV_FLAG, "").strip()


def exit_with_parent(parent: int) -> None:
    """Ask Linux to stop this process when ``parent`` dies (even by SIGKILL), and stop now if it has."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        raise SystemExit(0)


class Sidecar:
    """Run ``mentorship jobs worker`` beside the web server: restarted if it dies, stopped with the server."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self.env = {**environ, ENV_FLAG: "false"}
        self.stopping = threading.Event()
        self.process: subprocess.Popen[bytes] | None = None
        self.lock = threading.Lock()
        # The watcher thread starts each worker: Linux ties the worker's parent-death signal to it.
        self.thread = threading.Thread(target=self._watch, name="job-worker", daemon=True)
        self.saved_flag: str | None = None

    def start(self) -> None:
        """Start the worker and its watcher; the web workers must not run one of their own."""
        self.saved_flag = os.environ.get(ENV_FLAG)
        os.environ[ENV_FLAG] = "false"  # read by every uvicorn worker's settings
        self.thread.start()

    def _spawn(self) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "mentorship.cli", "jobs", "worker", "--parent", str(os.getpid())]
        # Its own session: a Ctrl-C at the terminal stops the server, which then stops the worker.
        return subprocess.Popen(command, env=self.env, start_new_session=True)  # noqa: S603

    def _watch(self) -> None:
        crashes = 0
        while not self.stopping.is_set():
            with self.lock:
                if self.stopping.is_set():
                    return
                self.process = self._spawn()
            started = time.monotonic()
            code = self.process.wait()
            ran_long = time.monotonic() - started >= RAN_LONG_SECONDS
            if self.stopping.is_set():
                return
            crashes = 0 if ran_long else crashes + 1
            delay = RESTART_DELAYS[min(crashes, len(RESTART_DELAYS) - 1)]
            log.warning("the job worker exited with %s; starting another in %.0f s", code, delay)
            self.stopping.wait(delay)

    def stop(self) -> None:
        """Stop the worker (its running jobs are given back and retried) and wait for it."""
        with self.lock:
            self.stopping.set()
            process = self.process
        if self.saved_flag is None:
            os.environ.pop(ENV_FLAG, None)
        else:
            os.environ[ENV_FLAG] = self.saved_flag
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            log.warning("the job worker did not stop in %s s; killing it", STOP_SECONDS)
            process.kill()
            process.wait()
