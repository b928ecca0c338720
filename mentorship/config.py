"""Settings read from the environment, and builders for the plugin configs that need them."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = Path("var")
# The address links use when MENTORSHIP_BASE_URL is unset and no request says where the app is served.
LOCAL_BASE_URL = "http://127.0.0.1:8000"


def _flag(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_from_file(data_dir: Path) -> str:
    """Read the generated secret shared by every worker, creating it on first start."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    # O_EXCL: when two workers start together, one writes and both read the same key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from its environment, with defaults that run with zero configuration."""

    database_url: str = ""
    data_dir: Path = DEFAULT_DATA_DIR
    secret_key: str = field(default="", repr=False)
    debug: bool = False
    base_url: str = LOCAL_BASE_URL
    demo_password: str = field(default="mentorship-demo", repr=False)
    smtp_url: str = ""
    mail_from: str = "Mentorship <no-reply@localhost>"
    session_max_age: int = 14 * 24 * 3600
    password_hash_cost: str = "default"  # noqa: S105
    log_level: str = "INFO"
    secure_cookies: bool = False
    queue_url: str = ""
    # Apps sharing one Redis (or one database) as a broker keep their jobs apart by queue name.
    queue_name: str = "default"
    in_process_worker: bool | None = None
    proposal_expiry_days: int = 7
    max_pending_requests: int = 3
    load_threshold: float = 1.5
    # Addresses of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto headers are believed.
    trusted_proxies: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.database_url:
            object.__setattr__(self, "database_url", f"sqlite+aiosqlite:///{self.data_dir / 'mentorship.db'}")
        if not self.queue_url:
            object.__setattr__(self, "queue_url", self._default_queue_url())
        if self.in_process_worker is None:
            object.__setattr__(self, "in_process_worker", self.is_sqlite)

    def _default_queue_url(self) -> str:
        """The job queue lives beside the data: its own SQLite file, or the same PostgreSQL database."""
        if self.is_sqlite:
            return f"sqlite:///{self.data_dir / 'queue.db'}"
        scheme, rest = self.database_url.split("://", 1)
        return f"{scheme.split('+', 1)[0]}://{rest}"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Build settings from MENTORSHIP_* variables."""
        env = dict(os.environ if environ is None else environ)
        data_dir = Path(env.get("MENTORSHIP_DATA_DIR") or DEFAULT_DATA_DIR)
        return cls(
            database_url=env.get("MENTORSHIP_DATABASE_URL", ""),
            data_dir=data_dir,
            secret_key=env.get("MENTORSHIP_SECRET_KEY") or _secret_from_file(data_dir),
            debug=_flag(env.get("MENTORSHIP_DEBUG")),
            base_url=(env.get("MENTORSHIP_BASE_URL") or LOCAL_BASE_URL).rstrip("/"),
            demo_password=env.get("MENTORSHIP_DEMO_PASSWORD") or "mentorship-demo",
            smtp_url=env.get("MENTORSHIP_SMTP_URL", ""),
            mail_from=env.get("MENTORSHIP_MAIL_FROM", "Mentorship <no-reply@localhost>"),
            session_max_age=int(env.get("MENTORSHIP_SESSION_MAX_AGE") or 14 * 24 * 3600),
            password_hash_cost=env.get("MENTORSHIP_PASSWORD_HASH_COST", "default"),
            log_level=env.get("MENTORSHIP_LOG_LEVEL", "INFO").upper(),
            secure_cookies=_flag(env.get("MENTORSHIP_SECURE_COOKIES")),
            queue_url=env.get("MENTORSHIP_QUEUE_URL", ""),
            queue_name=env.get("MENTORSHIP_QUEUE_NAME") or "default",
            in_process_worker=_flag(worker) if (worker := env.get("MENTORSHIP_IN_PROCESS_WORKER")) else None,
            proposal_expiry_days=int(env.get("MENTORSHIP_PROPOSAL_EXPIRY_DAYS") or 7),
            max_pending_requests=int(env.get("MENTORSHIP_MAX_PENDING_REQUESTS") or 3),
            load_threshold=float(env.get("MENTORSHIP_LOAD_THRESHOLD") or 1.5),
            trusted_proxies=tuple(
                part.strip() for part in env.get("MENTORSHIP_TRUSTED_PROXIES", "").split(",") if part.strip()
            ),
        )

    def link_base(self, request_base: str) -> str:
        """Where links point: MENTORSHIP_BASE_URL when set, else the address this request came in on."""
        if self.base_url.rstrip("/") != LOCAL_BASE_URL:
            return self.base_url.rstrip("/")
        return request_base.rstrip("/") or LOCAL_BASE_URL

    @property
    def is_sqlite(self) -> bool:
        """Whether the database is the embedded SQLite file."""
        return self.database_url.startswith("sqlite")

    def ensure_data_dir(self) -> None:
        """Create the folder that holds the SQLite file and the generated secret."""
        if self.is_sqlite:
            db_path = self.database_url.split("///", 1)[-1]
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
