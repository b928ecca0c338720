"""The metadata every table is registered on (advanced-alchemy's default registry)."""

from advanced_alchemy.base import UUIDBase

metadata = UUIDBase.metadata
