"""The token bucket and the token check, with a controllable clock."""

from __future__ import annotations

import pytest

from whimbrel.api.security import RateLimiter, retry_after_header, token_ok


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(("rate", "burst"), [(60.0, 1), (30.0, 5), (600.0, 3)])
def test_bucket_allows_burst_then_refills_at_rate(rate: float, burst: int) -> None:
    clock = Clock()
    limiter = RateLimiter(rate, burst, clock=clock)
    assert [limiter.take("a") for _ in range(burst)] == [0.0] * burst
    wait = limiter.take("a")
    assert wait == pytest.approx(60.0 / rate)
    assert limiter.take("b") == 0.0  # per client
    clock.now += wait
    assert limiter.take("a") == 0.0
    assert limiter.take("a") > 0


def test_bucket_forgets_idle_clients_when_full() -> None:
    clock = Clock()
    limiter = RateLimiter(60.0, 2, clock=clock, max_clients=3)
    for key in "abc":
        limiter.take(key)
    clock.now += 10
    limiter.take("d")
    assert len(limiter._buckets) <= 3


@pytest.mark.parametrize(
    ("expected", "header", "ok"),
    [
        (None, None, True),
        ("t", None, False),
        ("t", "Bearer t", True),
        ("t", "bearer t", True),
        ("t", "Bearer tt", False),
        ("t", "Token t", False),
        ("t", "Bearer", False),
    ],
)
def test_token_ok(expected: str | None, header: str | None, ok: bool) -> None:
    assert token_ok(expected, header) is ok


@pytest.mark.parametrize(("seconds", "header"), [(0.01, "1"), (1.0, "1"), (1.2, "2"), (30, "30")])
def test_retry_after(seconds: float, header: str) -> None:
    assert retry_after_header(seconds) == header
