"""The database connection config and migration commands, built from settings."""

from __future__ import annotations

from typing import Any

from advanced_alchemy.extensions.litestar import (
    AlembicAsyncConfig,
    AsyncSessionConfig,
    EngineConfig,
    SQLAlchemyAsyncConfig,
)
from sqlalchemy import event

from mentorship.config import PROJECT_ROOT, Settings
from mentorship.lib.sqlite_driver import one_hop_dbapi

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers and a writer from several workers share the file; the timeout waits out locks.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def build_sqlalchemy_config(settings: Settings) -> SQLAlchemyAsyncConfig:
    """The async SQLAlchemy config for the app, the CLI and migrations."""
    settings.ensure_data_dir()
    engine_config = (
        EngineConfig(connect_args={"timeout": 30}, module=one_hop_dbapi())
        if settings.is_sqlite
        else EngineConfig()
    )
    config = SQLAlchemyAsyncConfig(
        connection_string=settings.database_url,
        engine_config=engine_config,
        session_config=AsyncSessionConfig(expire_on_commit=False),
        # Services commit explicitly: an autocommit at response time would run after the session
        # middleware's own write and deadlock SQLite's single writer.
        before_send_handler=None,
        create_all=False,
        alembic_config=AlembicAsyncConfig(
            script_location=str(MIGRATIONS_DIR),
            version_table_name="alembic_version",
            compare_type=False,
            render_as_batch=True,
        ),
    )
    if settings.is_sqlite:
        event.listen(config.get_engine().sync_engine, "connect", _sqlite_pragmas)
    return config
