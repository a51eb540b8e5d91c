"""Serving configuration: where to listen, the write token, limits. Checked before start."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path

from whimbrel.errors import ServerError
from whimbrel.settings import Settings

RECEIPT_MESSAGE = "Thanks for contacting us. We've received your submission."


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this machine can reach."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class ServeConfig:
    """Everything ``create_app`` needs. ``token`` defaults to ``$WHIMBREL_TOKEN``."""

    db_path: Path = Path("whimbrel.duckdb")
    host: str = "127.0.0.1"
    token: str | None = field(default_factory=lambda: os.environ.get("WHIMBREL_TOKEN") or None)
    # Largest request body accepted (JSON, form or upload), in bytes.
    max_body_bytes: int = 2_000_000
    # Submissions per client: a token bucket refilled at this rate, holding `burst` tokens.
    submit_rate_per_minute: float = 30.0
    submit_burst: int = 10
    # Fetch URLs that resolve to private/loopback addresses (tests only; SSRF guard off).
    allow_private_fetch: bool = False
    fetch_timeout: float = 20.0
    # Run the background coding worker (tests of read-only routes may turn it off).
    worker: bool = True
    # Code in one child process (keeps the model off the server's GIL); False: in a thread.
    worker_process: bool = True
    worker_batch: int = 8
    settings: Settings = field(default_factory=Settings.from_env)

    def check(self) -> None:
        """Refuse configurations that would be unsafe or cannot work."""
        if not is_loopback(self.host) and not self.token:
            raise ServerError(
                f"Refusing to listen on {self.host} without a write token: anyone who can reach "
                "it could submit articles.",
                "set WHIMBREL_TOKEN to a long random secret (e.g. `export WHIMBREL_TOKEN=$(python "
                "-c 'import secrets; print(secrets.token_urlsafe(32))')`), or bind 127.0.0.1.",
            )
        if self.max_body_bytes < 1024:
            raise ServerError(
                f"max_body_bytes={self.max_body_bytes} is too small to submit any article.",
                "use at least 1024 bytes (the default is 2,000,000).",
            )
        if self.submit_rate_per_minute <= 0 or self.submit_burst < 1:
            raise ServerError(
                "The submission rate limit must allow at least one submission.",
                "use a positive --rate and a burst of at least 1.",
            )
