"""The hello-world baseline: `uvicorn bench.hello:app --workers 2`, measured in the same run as the app."""

from __future__ import annotations

from litestar import Litestar, get


@get("/", sync_to_thread=False)
def hello() -> str:
    """The smallest answer Litestar gives: the ceiling any page of the app is compared with."""
    return "Hello, world!"


app = Litestar(route_handlers=[hello])
