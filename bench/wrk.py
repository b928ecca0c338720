"""wrk, Debian's compiled load generator: install it if missing, run it, read its percentiles."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

# Latencies in microseconds; non-2xx answers counted per thread and summed, since wrk's own
# error count leaves out redirects (a redirect to sign-in would otherwise pass unseen).
LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0; redirects = 0; last = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1; last = status end
  if status >= 300 and status < 400 then redirects = redirects + 1 end
end
function done(summary, latency, requests)
  local bad, redirected, status = 0, 0, 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx"); redirected = redirected + t:get("redirects")
    if t:get("last") ~= 0 then status = t:get("last") end
  end
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests":%d,"duration_us":%d,"p50":%d,"p95":%d,"p99":%d,"non2xx":%d,"redirects":%d,' ..
    '"status":%d,"socket_errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), bad, redirected, status, e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass(frozen=True)
class Run:
    """One wrk run: latency percentiles in ms, throughput, and what went wrong."""

    connections: int
    p50: float
    p95: float
    p99: float
    rps: float
    requests: int
    non2xx: int
    redirects: int
    status: int
    socket_errors: int

    @property
    def ok(self) -> bool:
        """Every answer was a 2xx and no socket failed."""
        return self.non2xx == 0 and self.socket_errors == 0 and self.requests > 0

    def as_dict(self) -> dict[str, object]:
        """The run as JSON-ready data."""
        return {**asdict(self), "ok": self.ok}


def ensure_wrk() -> str:
    """The wrk binary, installed from Debian when missing (as scripts/ensure-chromium.sh does Chromium)."""
    found = shutil.which("wrk")
    if found:
        return found
    sudo = [] if shutil.which("sudo") is None else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "wrk"], check=True)
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    return found


def run(wrk: str, script: Path, url: str, connections: int, duration: float, headers: dict[str, str]) -> Run:
    """Load one URL with wrk at a number of connections for a few seconds."""
    threads = min(connections, 2)
    args = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",  # whole seconds only
        "--timeout",
        "30s",
        "-s",
        str(script),
    ]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=False).stdout
    line = next((line for line in out.splitlines() if line.startswith("WRK ")), None)
    if line is None:  # wrk could not connect at all: a failed run, not a crashed benchmark
        return Run(connections, 0.0, 0.0, 0.0, 0.0, 0, 0, 0, 0, 1)
    data = json.loads(line[4:])
    seconds = data["duration_us"] / 1e6
    return Run(
        connections=connections,
        p50=data["p50"] / 1000,
        p95=data["p95"] / 1000,
        p99=data["p99"] / 1000,
        rps=data["requests"] / seconds if seconds else 0.0,
        requests=data["requests"],
        non2xx=data["non2xx"],
        redirects=data["redirects"],
        status=data["status"],
        socket_errors=data["socket_errors"],
    )


def write_script(directory: Path) -> Path:
    """The Lua script wrk loads, written beside the results."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "report.lua"
    path.write_text(LUA)
    return path
