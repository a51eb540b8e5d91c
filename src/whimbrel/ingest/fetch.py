"""HTTP fetching for feeds and article URLs, with an SSRF guard.

``fetch_article(url)`` is the one call the API uses for a submitted URL. ``Fetcher`` is the
reusable client ingestion uses for feeds and many URLs: one connection pool, robots.txt per
host, conditional requests (ETag / Last-Modified) through a ``ValidatorCache``.

Safety, on every request and every redirect hop:
- only ``http``/``https`` schemes (others only with ``allow_private``, and even then only
  ``http``/``https`` are fetchable: ``file:``, ``ftp:``... are always refused);
- the host is resolved and *every* address must be public (not private, loopback,
  link-local, multicast, reserved or unspecified) unless ``allow_private``; the check is
  repeated at connect time inside the transport, so a DNS answer that changes between the
  check and the connection (rebinding) is refused too;
- the response body is capped at ``max_bytes`` *after* decompression (gzip bombs stop there),
  and a ``Content-Length`` above the cap is refused before reading;
- a wall-clock deadline covers slow (trickling) responses, not only idle sockets.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from whimbrel import __version__
from whimbrel.errors import FetchError, InputError
from whimbrel.records import Article

USER_AGENT = (
    f"whimbrel/{__version__} (news event coder; respects robots.txt; "
    "+https://github.com/whimbrel/whimbrel)"
)
ROBOTS_AGENT = "whimbrel"
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})


def failure(reason: str, message: str, fix: str | None = None) -> FetchError:
    """A FetchError carrying a short machine ``reason`` (e.g. ``http-404``, ``refused``)."""
    err = FetchError(message, fix)
    err.reason = reason  # type: ignore[attr-defined]
    return err


_CODE_REASONS = {
    "W101": "not-found",
    "W102": "encoding",
    "W103": "bad-date",
    "W104": "unknown-format",
    "W105": "bad-record",
    "W106": "empty",
    "W107": "fetch",
}


def reason_of(err: Exception, default: str = "error") -> str:
    """The short reason slug of an error: the one attached, else one for its code."""
    reason = getattr(err, "reason", None)
    if isinstance(reason, str):
        return reason
    return _CODE_REASONS.get(str(getattr(err, "code", "")), default)


# -- address checks ---------------------------------------------------------------------
def _ip_is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            return _ip_is_public(mapped)
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def resolve_public(host: str, port: int, *, allow_private: bool = False) -> list[str]:
    """Resolve ``host`` and return its addresses; refuse if any is not public."""
    host = host.strip("[]")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as e:
        raise failure(
            "dns", f"Cannot resolve the host {host!r}: {e}.", "check the URL's host name."
        ) from e
    addresses = sorted({str(info[4][0]) for info in infos})
    if not addresses:
        raise failure("dns", f"The host {host!r} has no address.", "check the URL.")
    if not allow_private:
        for addr in addresses:
            ip = ipaddress.ip_address(addr.split("%", 1)[0])
            if not _ip_is_public(ip):
                raise failure(
                    "refused",
                    f"Refusing to fetch from {host!r}: it resolves to {addr}, a private, "
                    "loopback, link-local or reserved address.",
                    "fetch only public web addresses (tests and local servers: "
                    "allow_private=True).",
                )
    return addresses


def check_url(url: str, *, allow_private: bool = False) -> httpx.URL:
    """Parse and vet a URL: http(s) only, a host, and (unless allowed) a public address."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as e:
        raise failure(
            "bad-url",
            f"{url!r} is not a valid URL: {e}.",
            "give a full http:// or https:// address.",
        ) from e
    if parsed.scheme not in ("http", "https"):
        raise failure(
            "scheme",
            f"Refusing the URL {url!r}: only http and https can be fetched "
            f"(got {parsed.scheme or 'no scheme'!r}).",
            "give an http:// or https:// address; read local files by path.",
        )
    if not parsed.host:
        raise failure("bad-url", f"The URL {url!r} has no host.", "give a full address.")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    resolve_public(parsed.host, port, allow_private=allow_private)
    return parsed


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses that pass the check, re-resolving at connect time."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve_public(host, port, allow_private=self.allow_private)
        last: Exception | None = None
        for addr in addresses:
            try:
                return super().connect_tcp(addr, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as e:
                last = e
        raise httpcore.ConnectError(str(last) if last else f"cannot connect to {host}")


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, allow_private: bool) -> None:
        super().__init__(retries=0)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=10,
            max_keepalive_connections=5,
            network_backend=_GuardedBackend(allow_private),
        )


# -- conditional requests -----------------------------------------------------------------
class ValidatorCache(Protocol):
    """Where ETag / Last-Modified of fetched URLs are kept between runs (the store)."""

    def get_validators(self, url: str) -> tuple[str | None, str | None]: ...

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None: ...


@dataclass
class FetchConfig:
    allow_private: bool = False
    timeout: float = 20.0
    max_bytes: int = 10_000_000
    retries: int = 2
    backoff: float = 0.5
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    respect_robots: bool = True


@dataclass
class FetchResult:
    url: str  # final URL, after redirects
    status: int
    content_type: str = ""
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"' ")
        return None


class Fetcher:
    """A guarded HTTP client: ``get`` follows redirects itself, re-checking every hop."""

    def __init__(
        self, config: FetchConfig | None = None, cache: ValidatorCache | None = None
    ) -> None:
        self.config = config or FetchConfig()
        self.cache = cache
        self._robots: dict[str, RobotFileParser | None] = {}
        self.client = httpx.Client(
            transport=_GuardedTransport(self.config.allow_private),
            follow_redirects=False,
            trust_env=False,  # no proxy from the environment: the guard must see the target
            timeout=httpx.Timeout(self.config.timeout),
            headers={"User-Agent": self.config.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- robots.txt ---------------------------------------------------------------------
    def allowed_by_robots(self, url: str) -> bool:
        if not self.config.respect_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        parser = self._robots[origin]
        return True if parser is None else parser.can_fetch(ROBOTS_AGENT, url)

    def _load_robots(self, origin: str) -> RobotFileParser | None:
        """The host's robots.txt; a missing or unreadable one allows everything."""
        try:
            result = self._get_once(origin + "/robots.txt", conditional=False, max_bytes=500_000)
        except FetchError:
            return None
        if result.status != 200:
            return None
        parser = RobotFileParser()
        parser.parse(result.body.decode("utf-8", "replace").splitlines())
        return parser

    # -- fetching -----------------------------------------------------------------------
    def get(self, url: str, *, conditional: bool = True) -> FetchResult:
        """Fetch ``url`` (retrying transient failures with backoff); raise FetchError."""
        check_url(url, allow_private=self.config.allow_private)
        if not self.allowed_by_robots(url):
            raise failure(
                "robots",
                f"{url} is disallowed for crawlers by the site's robots.txt.",
                "respect the site's wishes; ingest the article from another source.",
            )
        attempt = 0
        while True:
            try:
                return self._get_once(url, conditional=conditional)
            except FetchError as e:
                transient = reason_of(e) in {"timeout", "connect"} or (
                    reason_of(e).startswith("http-") and int(reason_of(e)[5:]) in _RETRY_STATUS
                )
                if not transient or attempt >= self.config.retries:
                    raise
            time.sleep(self.config.backoff * (2**attempt))
            attempt += 1

    def _get_once(
        self, url: str, *, conditional: bool, max_bytes: int | None = None
    ) -> FetchResult:
        cap = max_bytes or self.config.max_bytes
        deadline = time.monotonic() + self.config.timeout * 3
        seen: list[str] = []
        current = url
        for _hop in range(self.config.max_redirects + 1):
            check_url(current, allow_private=self.config.allow_private)
            if current in seen:
                raise failure(
                    "redirect-loop",
                    f"{url} redirects in a loop ({' -> '.join(seen)}).",
                    "check the URL in a browser; the site is misconfigured.",
                )
            seen.append(current)
            headers = {}
            if conditional and self.cache is not None:
                etag, modified = self.cache.get_validators(current)
                if etag:
                    headers["If-None-Match"] = etag
                if modified:
                    headers["If-Modified-Since"] = modified
            result = self._request(current, headers, cap, deadline)
            if result.status in _REDIRECT_STATUS:
                location = result.headers.get("location")
                if not location:
                    raise failure("http-redirect", f"{current} redirects nowhere.", None)
                current = urljoin(current, location)
                continue
            result.url = current
            if result.status == 304:
                result.not_modified = True
                return result
            if result.status >= 400:
                raise failure(
                    f"http-{result.status}",
                    f"{current} answered HTTP {result.status}.",
                    "check the URL; retry later if the site is down.",
                )
            if conditional and self.cache is not None and (result.etag or result.last_modified):
                self.cache.put_validators(current, result.etag, result.last_modified)
            return result
        raise failure(
            "redirect-loop",
            f"{url} redirects more than {self.config.max_redirects} times.",
            "check the URL in a browser; give the final address.",
        )

    def _request(self, url: str, headers: dict[str, str], cap: int, deadline: float) -> FetchResult:
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                result = FetchResult(
                    url=url,
                    status=response.status_code,
                    content_type=response.headers.get("content-type", ""),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    headers={k.lower(): v for k, v in response.headers.items()},
                )
                if response.status_code in _REDIRECT_STATUS or response.status_code >= 300:
                    return result
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > cap:
                    raise _too_large(url, cap)
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():  # decoded: the cap bounds decompression
                    size += len(chunk)
                    if size > cap:
                        raise _too_large(url, cap)
                    if time.monotonic() > deadline:
                        raise failure(
                            "timeout",
                            f"{url} is too slow (over {deadline:.0f}s deadline).",
                            "retry later, or raise the timeout.",
                        )
                    chunks.append(chunk)
                result.body = b"".join(chunks)
                return result
        except FetchError:
            raise
        except httpx.TimeoutException as e:
            raise failure(
                "timeout",
                f"{url} timed out ({type(e).__name__}).",
                "retry later, or raise the timeout.",
            ) from e
        except httpx.DecodingError as e:
            raise failure(
                "bad-encoding", f"{url} sent a body that cannot be decompressed: {e}.", None
            ) from e
        except (httpx.HTTPError, httpcore.ConnectError, OSError) as e:
            cause = e.__cause__ or e.__context__
            if isinstance(cause, FetchError):
                raise cause from e
            raise failure(
                "connect",
                f"Cannot fetch {url}: {type(e).__name__}: {e}.",
                "check the address and your connection.",
            ) from e


def _too_large(url: str, cap: int) -> FetchError:
    return failure(
        "too-large",
        f"{url} is larger than the {cap:,}-byte limit.",
        "raise max_bytes if this page is really an article.",
    )


def fetch_article(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 20.0,
    max_bytes: int = 10_000_000,
) -> Article:
    """Fetch one article URL and extract it (text, title, author, date, site, language).

    Refuses non-HTTP schemes and private/loopback/link-local addresses (checked for every
    address the host resolves to, on every redirect) unless ``allow_private``; caps the
    response and its decompressed size at ``max_bytes``. Raises ``FetchError``.
    """
    from whimbrel.ingest.html import page_to_article  # local: html imports trafilatura

    config = FetchConfig(allow_private=allow_private, timeout=timeout, max_bytes=max_bytes)
    with Fetcher(config) as fetcher:
        result = fetcher.get(url, conditional=False)
    try:
        return page_to_article(
            result.body,
            url=result.url,
            content_type=result.content_type,
            charset=result.charset,
            source=url,
        )
    except FetchError:
        raise
    except InputError as e:
        raise failure(reason_of(e, "no-text"), f"{url}: {e.message}", e.fix) from e
