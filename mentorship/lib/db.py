"""Reach the app's database outside a handler's own session (streams, after-response tasks)."""

from __future__ import annotations

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig, SQLAlchemyPlugin
from litestar import Litestar


def app_db_config(app: Litestar) -> SQLAlchemyAsyncConfig:
    """The app's database config; `app_db_config(app).get_session()` opens a session of its own."""
    config = app.plugins.get(SQLAlchemyPlugin).config[0]
    assert isinstance(config, SQLAlchemyAsyncConfig)
    return config
