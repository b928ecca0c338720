"""The first "Find a mentor now" after a restart answers at once: the server loads the engine as it starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mentorship.config import PROJECT_ROOT

# Serving builds the app with create_app_from_env; then, without any request, the engine gets loaded.
SERVE_AND_WAIT = """
import sys, time
from mentorship.app import create_app_from_env
create_app_from_env()
deadline = time.monotonic() + 90
while not hasattr(sys.modules.get("matching"), "suggest_mentors") and time.monotonic() < deadline:
    time.sleep(0.1)
print(hasattr(sys.modules.get("matching"), "suggest_mentors"))
"""


def test_the_served_app_loads_the_matching_engine_before_anyone_asks(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "MENTORSHIP_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'app.db'}",
        "MENTORSHIP_DATA_DIR": str(tmp_path),
    }

    run = subprocess.run(
        [sys.executable, "-c", SERVE_AND_WAIT], env=env, cwd=PROJECT_ROOT, capture_output=True, text=True
    )

    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "True"
