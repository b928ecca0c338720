"""Relationships at risk, chosen in SQL: no check-in held for two cadences, or many overdue action items."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from advanced_alchemy.types import DateTimeUTC
from sqlalchemy import ColumnElement, Float, Select, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from mentorship.models import ActionItem, Checkin, CheckinStatus, Relationship, RelationshipStatus

RISK_OVERDUE_ITEMS = 3  # this many open action items past their date puts a relationship at risk


class days_between(FunctionElement[float]):  # noqa: N801 (an SQL function, named like one)
    """Days (with fractions) from the second timestamp to the first; each database spells it its own way."""

    type = Float()
    inherit_cache = True


@compiles(days_between, "sqlite")
def _days_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"(julianday({later}) - julianday({earlier}))"


@compiles(days_between)
def _days_postgresql(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0)"


def at_risk_rows(
    now: datetime, scope: ColumnElement[bool]
) -> Select[UUID, int, datetime, datetime | None, int]:
    """Active relationships at risk in ``scope``: id, cadence_days, started_at, last (held), overdue."""
    # Correlated per relationship (each an index lookup): SQLite planned joins to grouped subqueries badly.
    last = (
        select(func.max(func.coalesce(Checkin.held_at, Checkin.scheduled_at)))
        .where(Checkin.relationship_id == Relationship.id, Checkin.status == CheckinStatus.HELD)
        .correlate(Relationship)
        .scalar_subquery()
    )
    overdue = (
        select(func.count())
        .select_from(ActionItem)
        .where(ActionItem.relationship_id == Relationship.id, ActionItem.is_overdue(now.date()))
        .correlate(Relationship)
        .scalar_subquery()
    )
    since = func.coalesce(last, Relationship.started_at)
    quiet = days_between(literal(now, DateTimeUTC(timezone=True)), since) > 2 * Relationship.cadence_days
    return select(
        Relationship.id,
        Relationship.cadence_days,
        Relationship.started_at,
        last.label("last"),
        overdue.label("overdue"),
    ).where(Relationship.status == RelationshipStatus.ACTIVE, scope, quiet | (overdue >= RISK_OVERDUE_ITEMS))


def reasons(
    now: datetime, cadence_days: int, started_at: datetime, last: datetime | None, overdue: int
) -> list[str]:
    """Why one relationship is at risk, in words."""
    since = last or started_at
    since = since if since.tzinfo else since.replace(tzinfo=UTC)
    found = []
    if now - since > timedelta(days=2 * cadence_days):
        found.append(f"no check-in for {(now - since).days} days")
    if overdue >= RISK_OVERDUE_ITEMS:
        found.append(f"{overdue} overdue action items")
    return found
