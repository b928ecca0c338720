"""The curated, editable list of topics people offer and seek."""

from typing import Any

from advanced_alchemy.base import UUIDAuditBase
from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column


class Topic(UUIDAuditBase):
    """A topic with a stable slug and labels in several languages; the bridge between languages."""

    __tablename__ = "topic"

    slug: Mapped[str] = mapped_column(String(80), unique=True, index=True)
    label: Mapped[str] = mapped_column(String(120))
    category: Mapped[str] = mapped_column(String(80), default="")
    translations: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    curated: Mapped[bool] = mapped_column(default=True)
    retired: Mapped[bool] = mapped_column(default=False)
