"""Key/value rows behind server-side sessions and rate-limit counters, shared by every worker."""

from advanced_alchemy.extensions.litestar.store import StoreModelMixin


class StoreItem(StoreModelMixin):
    """One entry of a Litestar store (a session, a counter), with its expiry."""

    __tablename__ = "store_item"
