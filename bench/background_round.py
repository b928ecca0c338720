"""Participants' page latency while a round over everyone runs, against idle (as bench.round_latency does)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

import httpx

from bench.round_latency import PARTICIPANT_PAGES, Samples, percentile, read_pages, run_round


def _client(url: str, cookies: dict[str, str]) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=url, timeout=300, cookies=cookies, headers={"x-csrftoken": cookies["csrftoken"]}
    )


async def _measure(
    url: str, coordinator: dict[str, str], people: list[dict[str, str]], idle: float
) -> dict[str, Any]:
    clients = [_client(url, cookies) for cookies in people]
    starter = _client(url, coordinator)
    samples: dict[str, Samples] = {"idle": defaultdict(list), "round": defaultdict(list)}
    phase = ["warm-up"]
    readers = [
        asyncio.create_task(read_pages(client, PARTICIPANT_PAGES, phase, samples)) for client in clients
    ]
    try:
        await asyncio.sleep(1)
        phase[0] = "idle"
        await asyncio.sleep(idle)
        phase[0] = "round"
        wall, _summary = await run_round(starter)
    finally:
        phase[0] = "stop"
        await asyncio.gather(*readers, return_exceptions=True)
        for client in (*clients, starter):
            await client.aclose()
    idle_all = [v for values in samples["idle"].values() for v in values]
    busy_all = [v for values in samples["round"].values() for v in values]
    idle95, busy95 = percentile(idle_all, 0.95) * 1000, percentile(busy_all, 0.95) * 1000
    return {
        "round_seconds": wall,
        "pages": list(PARTICIPANT_PAGES),
        "idle_p95": idle95,
        "round_p95": busy95,
        "idle_samples": len(idle_all),
        "round_samples": len(busy_all),
        "ratio": busy95 / idle95 if idle95 else float("nan"),
    }


def measure(
    url: str, coordinator: dict[str, str], people: list[dict[str, str]], idle: float
) -> dict[str, Any]:
    """Load participants' pages idle, then while a traditional round over everyone runs; p95 of each phase."""
    return asyncio.run(_measure(url, coordinator, people, idle))
