"""The one guarded fetcher: an article URL to its decoded HTML or text, or a clear refusal.

Every entry point (API, Slack, batch, CLI) fetches through ``Fetcher``, so the guard against
server-side request forgery lives here and nowhere else:

- A URL must be absolute http or https, carry no user name or password, and name a host.
- Every TCP connection goes through ``_GuardedBackend``, an httpcore network backend that
  wraps httpcore's own anyio backend. Its ``connect_tcp`` receives the URL's host, resolves it
  once, refuses if any answer is not public unicast (loopback, private, link-local and so the
  cloud metadata service, unspecified, multicast, reserved, shared 100.64/10; mapped, NAT64
  and 6to4 IPv6 addresses are judged by the IPv4 address inside), and then connects to those
  checked addresses, never to the name. A DNS answer that changes between check and connect
  (rebinding) therefore cannot matter: there is no second lookup. Numeric forms such as
  ``2130706433``, ``0x7f.0.0.1`` or ``127.1`` are not IP literals to Python, so they go to the
  resolver, which turns them into the address that is then judged.
- Because only the socket is redirected, everything above it still speaks to the host name:
  the Host header, and for https the SNI and the certificate check (httpcore passes the
  URL's host as ``server_hostname``). Rewriting URLs to IP addresses would have to redo all
  of that by hand, and would share pooled connections between names that share an address.
- httpx has no public switch for the network backend, so ``_GuardedTransport`` is a small
  httpx transport over an ``httpcore.AsyncConnectionPool`` built with this backend; the pool
  is given no proxy, and the client is built with ``trust_env=False``.
- Redirects are followed here, not by httpx, and each hop's URL passes the same checks; a
  hop to a new origin opens a new connection, so its host is resolved and judged afresh.
  Pooled connections are reused only for their own origin, whose address was judged when
  they were opened.
- One deadline covers the whole fetch, redirects included; the body is streamed and cut off
  at ``fetch_max_bytes`` of decoded bytes, so a small gzip body cannot unpack past the cap.

``settings.fetch_allow`` lets listed host names (all their addresses), addresses and
networks through. Names that only exist inside a network (``*.internal`` such as
``metadata.google.internal``, ``*.local``, ``*.localhost``, ``*.home.arpa``) are refused
before any lookup unless listed. Nothing of a page's body is ever logged.
"""

from __future__ import annotations

import asyncio
import codecs
import ipaddress
import logging
import re
import socket
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal, TypeAlias

import httpcore
import httpx

from service.errors import (
    FetchError,
    FetchTimeoutError,
    InputTooLargeError,
    PageUnsupportedError,
    UrlRefusedError,
)
from service.settings import Settings

__all__ = [
    "FetchedPage",
    "Fetcher",
    "Resolver",
    "check_url",
    "guarded_client",
    "resolve_with_system",
]

logger = logging.getLogger(__name__)

Resolver = Callable[[str, int], Awaitable[list[str]]]
"""``(host, port) -> IP address strings``, the way the fetcher turns a name into addresses."""

IPAddress: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address

ACCEPT = "text/html, application/xhtml+xml, text/plain;q=0.9"
FORMATS: dict[str, Literal["text", "html"]] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}
REDIRECTS = frozenset({301, 302, 303, 307, 308})
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa")
METADATA = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
SHARED = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
HOST = re.compile(r"[a-z0-9._:-]+")
META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([a-z0-9_.:-]+)", re.IGNORECASE)
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class FetchedPage:
    url: str  # the final URL, after redirects
    content_type: str  # media type, lower case, no parameters
    format: Literal["text", "html"]
    content: str  # the decoded body


def guarded_client(
    allow: Iterable[str],
    *,
    timeout: float,
    headers: dict[str, str] | None = None,
    resolver: Resolver | None = None,
) -> httpx.AsyncClient:
    """An httpx client whose every connection passes the same guard as the fetcher's (for
    outgoing calls to addresses a client chose, such as batch webhooks). It follows no
    redirects; the URL itself must still pass ``check_url``."""
    guard = _Guard(allow, resolver or resolve_with_system)
    return httpx.AsyncClient(
        transport=_GuardedTransport(_GuardedBackend(guard)),
        headers=headers,
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
    )


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL without credentials, else UrlRefusedError."""
    return str(_checked_url(url))


class Fetcher:
    """Fetches pages by URL behind the SSRF guard; one serves many fetches until ``aclose``."""

    def __init__(self, settings: Settings, *, resolver: Resolver | None = None) -> None:
        self._settings = settings
        self._client = guarded_client(
            settings.fetch_allow,
            timeout=settings.fetch_timeout_seconds,
            headers={"User-Agent": settings.fetch_user_agent, "Accept": ACCEPT},
            resolver=resolver,
        )

    async def fetch(self, url: str) -> FetchedPage:
        """The page at ``url``, after at most ``fetch_max_redirects`` checked redirects."""
        seconds = self._settings.fetch_timeout_seconds
        try:
            async with asyncio.timeout(seconds):
                return await self._follow(url)
        except (TimeoutError, httpx.TimeoutException):
            raise FetchTimeoutError(f"the page did not arrive within {seconds:g} seconds") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"the page could not be fetched: {exc}") from None

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _follow(self, url: str) -> FetchedPage:
        limit = self._settings.fetch_max_redirects
        target = _checked_url(url)
        redirects = 0
        while True:
            response = await self._open(target, redirected=redirects > 0)
            try:
                location = response.headers.get("location")
                if response.status_code not in REDIRECTS or not location:
                    return await self._read(response)
            finally:
                await response.aclose()
            if redirects == limit:
                raise FetchError(f"the page redirected more than {limit} times; giving up")
            redirects += 1
            target = _redirect_target(response.url, location)

    async def _open(self, target: httpx.URL, *, redirected: bool) -> httpx.Response:
        try:
            return await self._client.send(self._client.build_request("GET", target), stream=True)
        except UrlRefusedError as exc:
            logger.info("fetch refused: %s", exc.message)
            if redirected:
                raise UrlRefusedError(f"the page redirected to {target}: {exc.message}") from None
            raise
        except httpx.ConnectError as exc:
            raise FetchError(f"could not connect to {target.host}: {exc}") from None

    async def _read(self, response: httpx.Response) -> FetchedPage:
        if not response.is_success:
            status = f"{response.status_code} {response.reason_phrase}".strip()
            raise FetchError(f"the page answered {status}")
        media_type, charset = _content_type(response.headers.get("content-type", ""))
        page_format = FORMATS.get(media_type)
        if page_format is None:
            what = media_type or "of no declared type"
            raise PageUnsupportedError(
                f"the page is {what}; only HTML and plain text pages can be fetched"
            )
        limit = self._settings.fetch_max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _too_large(f"the page is {int(declared)} bytes; the limit is {limit}", limit)
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > limit:
                raise _too_large(f"the page is larger than the limit of {limit} bytes", limit)
        logger.info("fetched %s (%s, %d bytes)", response.url, media_type, len(body))
        return FetchedPage(
            url=str(response.url),
            content_type=media_type,
            format=page_format,
            content=_decode(bytes(body), charset, page_format),
        )


async def resolve_with_system(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for ``host``, in its order of preference."""
    answers = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(answer[4][0]) for answer in answers))


def _redirect_target(base: httpx.URL, location: str) -> httpx.URL:
    """Where a redirect points, relative to the URL that answered it, if it may be fetched."""
    try:
        return _checked_url(base.join(location))
    except httpx.InvalidURL as exc:
        raise UrlRefusedError(f"the page redirected to a malformed URL: {exc}") from None
    except UrlRefusedError as exc:
        raise UrlRefusedError(f"the page redirected to a refused URL: {exc.message}") from None


def _checked_url(url: str | httpx.URL) -> httpx.URL:
    """``url`` parsed, if its shape may be fetched; the host itself is judged on connecting."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise UrlRefusedError(f"the URL is malformed: {exc}") from None
    if not parsed.scheme:
        raise UrlRefusedError("the URL has no scheme; give an absolute http:// or https:// URL")
    if parsed.scheme not in ("http", "https"):
        raise UrlRefusedError(f"only http and https URLs can be fetched, not {parsed.scheme}")
    if parsed.userinfo:
        raise UrlRefusedError("the URL carries a user name or password; that is not allowed")
    host = parsed.raw_host.decode("ascii")
    if not host:
        raise UrlRefusedError("the URL has no host")
    if not HOST.fullmatch(host):
        raise UrlRefusedError(f"the URL's host {host!r} is not a valid host name or address")
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise UrlRefusedError(f"the URL's port {parsed.port} is out of range")
    return parsed


class _Guard:
    """Resolves a host once and refuses it unless every address is public or allowed."""

    def __init__(self, allow: Iterable[str], resolver: Resolver) -> None:
        self._resolver = resolver
        self._names: set[str] = set()
        self._networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for listed in allow:
            entry = listed.strip().strip("[]").lower()
            try:
                self._networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                if "/" in entry:
                    raise ValueError(f"fetch_allow: {listed!r} is not a valid network") from None
                self._names.add(entry.rstrip("."))

    async def addresses(self, host: str, port: int) -> list[str]:
        """The addresses to connect to for ``host``, all of them checked."""
        name = host.rstrip(".")
        if name in self._names:
            return [str(address) for address in await self._resolve(host, port)]
        if name.endswith(LOCAL_SUFFIXES):
            raise UrlRefusedError(
                f"the URL's host {name} names a local or internal service; fetching it is not allowed"
            )
        addresses = await self._resolve(host, port)
        for address in addresses:
            kind = _non_public(address)
            if kind is None or self._allows(address):
                continue
            shown = str(address)
            if (embedded := _embedded_ipv4(address)) is not None:
                shown += f" (standing for {embedded})"
            where = f"{shown} is" if _ip_address(host) else f"{host} resolves to {shown},"
            raise UrlRefusedError(
                f"the URL's host {where} {kind} address; fetching it is not allowed"
            )
        return [str(address) for address in addresses]

    async def _resolve(self, host: str, port: int) -> list[IPAddress]:
        literal = _ip_address(host)
        if literal is not None:
            return [literal]
        try:
            answers = await self._resolver(host, port)
        except (OSError, UnicodeError):
            raise FetchError(f"the host {host} could not be resolved") from None
        addresses = [_ip_address(answer) for answer in answers]
        if not addresses or None in addresses:
            raise FetchError(f"the host {host} did not resolve to an address")
        return [address for address in addresses if address is not None]

    def _allows(self, address: IPAddress) -> bool:
        candidates = [address]
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            candidates.append(embedded)
        return any(
            candidate.version == network.version and candidate in network
            for candidate in candidates
            for network in self._networks
        )


def _ip_address(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4 IPv6 address stands for."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    return address.sixtofour


def _non_public(address: IPAddress) -> str | None:
    """What kind of address this is, if it is not globally routable public unicast."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        return _non_public(embedded)
    if address.is_unspecified:
        return "an unspecified"
    if address.is_loopback:
        return "a loopback"
    if address in METADATA:
        return "the cloud metadata"
    if address.is_link_local:
        return "a link-local"
    if address.is_multicast:
        return "a multicast"
    if isinstance(address, ipaddress.IPv4Address) and address in SHARED:
        return "a shared (carrier-grade NAT)"
    if address.is_private:
        return "a private"
    if address.is_reserved:
        return "a reserved"
    if not address.is_global:
        return "a non-public"
    return None


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's anyio backend, connecting only to addresses the guard has checked."""

    def __init__(self, guard: _Guard) -> None:
        self._guard = guard
        self._network = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        failure: httpcore.ConnectError | None = None
        for address in await self._guard.addresses(host, port):
            try:
                return await self._network.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"no address to connect to for {host}")

    async def sleep(self, seconds: float) -> None:
        await self._network.sleep(seconds)


class _GuardedTransport(httpx.AsyncBaseTransport):
    """An httpx transport over an httpcore pool that connects through ``_GuardedBackend``."""

    def __init__(self, backend: _GuardedBackend) -> None:
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=backend,
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.AsyncByteStream)
        url = request.url
        outgoing = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _httpx_errors():
            incoming = await self._pool.handle_async_request(outgoing)
        assert isinstance(incoming.stream, AsyncIterable)
        return httpx.Response(
            incoming.status,
            headers=incoming.headers,
            stream=_ResponseStream(incoming.stream),
            extensions=incoming.extensions,
        )

    async def aclose(self) -> None:
        await self._pool.aclose()


class _ResponseStream(httpx.AsyncByteStream):
    def __init__(self, stream: AsyncIterable[bytes]) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _httpx_errors():
            async for chunk in self._stream:
                yield chunk

    async def aclose(self) -> None:
        close = getattr(self._stream, "aclose", None)
        if close is not None:
            await close()


@contextmanager
def _httpx_errors() -> Iterator[None]:
    """httpcore's exceptions as the httpx ones a client of an httpx transport expects."""
    try:
        yield
    except httpcore.TimeoutException as exc:
        raise httpx.TimeoutException(str(exc)) from exc
    except httpcore.ConnectError as exc:
        raise httpx.ConnectError(str(exc)) from exc
    except httpcore.NetworkError as exc:
        raise httpx.NetworkError(str(exc)) from exc
    except (httpcore.ProtocolError, httpcore.UnsupportedProtocol) as exc:
        raise httpx.ProtocolError(str(exc)) from exc


def _content_type(header: str) -> tuple[str, str | None]:
    """The media type (lower case) and the charset parameter of a Content-Type header."""
    media_type, _, parameters = header.partition(";")
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def _decode(body: bytes, charset: str | None, format: Literal["text", "html"]) -> str:
    """The body as text: a byte order mark, else the declared charset, else for HTML a
    ``<meta charset>`` in the first 2 KB, else UTF-8; undecodable bytes become U+FFFD."""
    for mark, encoding in BOMS:
        if body.startswith(mark):
            return body[len(mark) :].decode(encoding, errors="replace")
    candidates = [charset]
    if format == "html":
        found = META_CHARSET.search(body[:2048])
        candidates.append(found.group(1).decode("ascii") if found else None)
    for candidate in candidates:
        if candidate:
            try:
                return body.decode(candidate, errors="replace")
            except LookupError:
                continue  # an unknown or non-text codec name
    return body.decode("utf-8", errors="replace")


def _too_large(message: str, limit: int) -> InputTooLargeError:
    return InputTooLargeError(message, limit=limit, unit="bytes", field="url")
