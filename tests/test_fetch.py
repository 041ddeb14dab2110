"""The guarded fetcher against real HTTP servers on loopback, and the SSRF guard around it.

Pages come from ``PageServer``, a threading http.server on 127.0.0.1, port 0, that records
every request it receives: a refused URL must leave it untouched. Host names are made to
resolve where a test needs them through an injected resolver; nothing leaves loopback.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import gzip
import ipaddress
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.errors import (
    FetchError,
    FetchTimeoutError,
    InputTooLargeError,
    PageUnsupportedError,
    UrlRefusedError,
)
from service.ingest.fetch import FetchedPage, Fetcher, Resolver
from service.settings import get_settings

ALLOW_LOOPBACK = ["127.0.0.1"]


@dataclass
class Page:
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    body: bytes = b"<p>Hello.</p>"
    headers: dict[str, str] = field(default_factory=dict)
    chunk: int | None = None  # chunked transfer encoding, this many bytes a chunk
    pause: float = 0.0  # seconds before each piece of the body
    hang: bool = False  # after the body, keep the connection open until the server stops


@dataclass
class Received:
    path: str
    headers: dict[str, str]


class PageServer:
    """Serves ``pages`` by path (``/`` a small HTML page, unknown paths 404) and records
    every request it receives in ``received``."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.pages: dict[str, Page] = {"/": Page()}
        self.received: list[Received] = []
        self.stopping = threading.Event()
        self._server = _Server((host, port), _Handler)
        self._server.owner = self
        self.port: int = self._server.server_address[1]
        self.url = f"http://{host}:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() waits for every handler
    owner: PageServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 5
    server: _Server

    def do_GET(self) -> None:
        owner = self.server.owner
        owner.received.append(Received(self.path, dict(self.headers.items())))
        page = owner.pages.get(self.path) or Page(404, "text/plain", b"no such page")
        # the fetcher may hang up early, as it should on a page too large or too slow
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._send(page, owner.stopping)

    def _send(self, page: Page, stopping: threading.Event) -> None:
        self.send_response(page.status)
        headers = {"Connection": "close"}
        if page.content_type is not None:
            headers["Content-Type"] = page.content_type
        if page.chunk:
            headers["Transfer-Encoding"] = "chunked"
        else:
            headers["Content-Length"] = str(len(page.body))
        headers.update(page.headers)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        size = page.chunk or len(page.body) or 1
        for start in range(0, len(page.body), size):
            if stopping.wait(page.pause):
                return
            piece = page.body[start : start + size]
            self.wfile.write(b"%x\r\n%b\r\n" % (len(piece), piece) if page.chunk else piece)
        if page.chunk:
            self.wfile.write(b"0\r\n\r\n")
        if page.hang:
            stopping.wait()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_pages(host: str = "127.0.0.1", port: int = 0) -> Iterator[PageServer]:
    server = PageServer(host, port)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def server() -> Iterator[PageServer]:
    with serve_pages() as pages:
        yield pages


class Names:
    """A resolver from a table; a name with several answers gives the next one at each call."""

    def __init__(self, table: dict[str, list[list[str]]]) -> None:
        self.table = table
        self.calls: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        answers = self.table.get(host)
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return answers.pop(0) if len(answers) > 1 else answers[0]


def fetch(url: str, *, resolver: Resolver | None = None, **overrides: object) -> FetchedPage:
    """``url`` fetched by a fresh Fetcher (closed afterwards); settings default to a 2 s deadline."""
    configured = get_settings(**{"fetch_timeout_seconds": 2.0, **overrides})

    async def run() -> FetchedPage:
        fetcher = Fetcher(configured, resolver=resolver)
        try:
            return await fetcher.fetch(url)
        finally:
            await fetcher.aclose()

    return asyncio.run(run())


# pages that arrive


def test_html_page_fetched_with_its_final_url_and_headers(server: PageServer) -> None:
    server.pages["/news/story"] = Page(body="<p>Grüße aus Zürich.</p>".encode())
    page = fetch(f"{server.url}/news/story", fetch_allow=ALLOW_LOOPBACK, fetch_user_agent="probe/1")
    assert page == FetchedPage(
        url=f"{server.url}/news/story",
        content_type="text/html",
        format="html",
        content="<p>Grüße aus Zürich.</p>",
    )
    sent = server.received[0].headers
    assert sent["User-Agent"] == "probe/1"
    assert sent["Accept"] == "text/html, application/xhtml+xml, text/plain;q=0.9"


@pytest.mark.parametrize(
    ("content_type", "body", "format", "content"),
    [
        ("text/plain", b"Plain words.", "text", "Plain words."),
        ("Text/Plain; Charset=ISO-8859-1", "Grüße".encode("latin-1"), "text", "Grüße"),
        ('text/plain; charset="koi8-r"', "Привет".encode("koi8-r"), "text", "Привет"),
        ("text/plain", b"bad \xff byte", "text", "bad \ufffd byte"),
        ("text/plain; charset=no-such-codec", "Grüße".encode(), "text", "Grüße"),
        ("application/xhtml+xml", b"<p>x</p>", "html", "<p>x</p>"),
        (
            "text/html",
            '<meta charset="iso-8859-1"><p>Grüße</p>'.encode("latin-1"),
            "html",
            '<meta charset="iso-8859-1"><p>Grüße</p>',
        ),
        (
            "text/html",
            b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">\x80',
            "html",
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">€',
        ),
        (
            "text/html; charset=utf-8",
            '<meta charset="iso-8859-1">€'.encode(),
            "html",
            '<meta charset="iso-8859-1">€',
        ),
        ("text/html", "\ufeff<p>Grüße</p>".encode(), "html", "<p>Grüße</p>"),
        ("text/html", "<p>Grüße</p>".encode(), "html", "<p>Grüße</p>"),
    ],
)
def test_pages_decoded_by_their_charset(
    server: PageServer, content_type: str, body: bytes, format: str, content: str
) -> None:
    server.pages["/page"] = Page(content_type=content_type, body=body)
    page = fetch(f"{server.url}/page", fetch_allow=ALLOW_LOOPBACK)
    assert (page.format, page.content) == (format, content)
    assert page.content_type == content_type.split(";")[0].lower()


def test_gzip_page_decoded(server: PageServer) -> None:
    body = gzip.compress(b"<p>Compressed.</p>")
    server.pages["/gz"] = Page(body=body, headers={"Content-Encoding": "gzip"})
    assert fetch(f"{server.url}/gz", fetch_allow=ALLOW_LOOPBACK).content == "<p>Compressed.</p>"


# refused before any connection


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/",
        "http://localhost:{port}/",
        "http://[::1]:{port}/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "http://2130706433:{port}/",
        "http://0x7f.0.0.1:{port}/",
        "http://127.1:{port}/",
        "http://0.0.0.0:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
        "http://[::]/",
        "http://[::ffff:10.0.0.1]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[2002:a9fe:a9fe::]/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://printer.local/",
        "ftp://example.org/",
        "file:///etc/passwd",
        "http://user:pw@example.org/",
    ],
)
def test_non_public_and_malformed_urls_refused(server: PageServer, url: str) -> None:
    with pytest.raises(UrlRefusedError):
        fetch(url.format(port=server.port), fetch_timeout_seconds=0.5)
    assert server.received == []


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.0.0.1/", "the URL's host 10.0.0.1 is a private address"),
        ("http://169.254.169.254/", "169.254.169.254 is the cloud metadata address"),
        ("http://[::ffff:127.0.0.1]/", "(standing for 127.0.0.1) is a loopback address"),
        ("http://2130706433/", "the URL's host 2130706433 resolves to 127.0.0.1, a loopback"),
        ("http://100.64.0.1/", "100.64.0.1 is a shared (carrier-grade NAT) address"),
        ("ftp://example.org/", "only http and https URLs can be fetched, not ftp"),
        ("file:///etc/passwd", "only http and https URLs can be fetched, not file"),
        ("http://user:pw@example.org/", "the URL carries a user name or password"),
        ("example.org/news", "the URL has no scheme"),
        ("http:///news", "the URL has no host"),
        ("http://0177.0.0.1/", "the URL is malformed"),
        ("http://example.org:99999/", "port 99999 is out of range"),
        ("http://[fe80::1%25eth0]/", "not a valid host name or address"),
    ],
)
def test_refusals_say_what_was_wrong(url: str, reason: str) -> None:
    with pytest.raises(UrlRefusedError, match=re.escape(reason)):
        fetch(url, fetch_timeout_seconds=0.5)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://127.0.0.1:{port}/",
        "http://user:pw@127.0.0.1:{port}/",
        "http://user@127.0.0.1:{port}/",
    ],
)
def test_url_shape_refused_even_for_an_allowed_host(server: PageServer, url: str) -> None:
    with pytest.raises(UrlRefusedError):
        fetch(url.format(port=server.port), fetch_allow=ALLOW_LOOPBACK)
    assert server.received == []


# names, resolution and rebinding


def test_name_resolving_to_a_private_address_refused() -> None:
    names = Names({"news.example": [["10.0.0.5"]]})
    with pytest.raises(
        UrlRefusedError, match=re.escape("news.example resolves to 10.0.0.5, a private")
    ):
        fetch("http://news.example/story", resolver=names, fetch_timeout_seconds=0.5)
    assert names.calls == ["news.example"]


@pytest.mark.parametrize(
    "answer",
    [["127.0.0.1", "10.0.0.5"], ["10.0.0.5", "127.0.0.1"], ["127.0.0.1", "169.254.169.254"]],
)
def test_name_resolving_to_a_mix_refused_before_connecting(
    server: PageServer, answer: list[str]
) -> None:
    """127.0.0.1 is allowed here, standing in for a public address the server can answer on."""
    names = Names({"news.example": [answer]})
    with pytest.raises(UrlRefusedError, match=re.escape("news.example resolves to")):
        fetch(f"http://news.example:{server.port}/", resolver=names, fetch_allow=ALLOW_LOOPBACK)
    assert server.received == []


def test_name_fetched_through_its_checked_address_under_its_own_name(server: PageServer) -> None:
    names = Names({"news.example": [["127.0.0.1"]]})
    page = fetch(f"http://news.example:{server.port}/", resolver=names, fetch_allow=["127.0.0.1"])
    assert page.url == f"http://news.example:{server.port}/"
    assert server.received[0].headers["Host"] == f"news.example:{server.port}"


def test_unresolvable_name_is_a_fetch_error() -> None:
    with pytest.raises(
        FetchError, match=re.escape("the host nowhere.example could not be resolved")
    ):
        fetch("http://nowhere.example/", resolver=Names({}))


@contextmanager
def servers_on_one_port(first: str, second: str) -> Iterator[tuple[PageServer, PageServer]]:
    """Two page servers on the same port of two loopback addresses (skipped where 127.0.0.2
    cannot be bound, as on macOS)."""
    with ExitStack() as stack:
        for _ in range(5):
            try:
                one = stack.enter_context(serve_pages(first))
            except OSError as exc:
                if exc.errno == errno.EADDRNOTAVAIL:
                    pytest.skip(f"{first} cannot be bound here")
                raise
            try:
                two = stack.enter_context(serve_pages(second, one.port))
                break
            except OSError as exc:
                if exc.errno != errno.EADDRINUSE:
                    raise
        else:
            pytest.fail(f"no port was free on both {first} and {second}")
        yield one, two


def test_dns_rebinding_cannot_redirect_the_connection() -> None:
    """The name answers 127.0.0.2 (allowed, like a public address) when checked and
    127.0.0.1 (an internal service) if asked again: the connection goes where the check was."""
    with servers_on_one_port("127.0.0.2", "127.0.0.1") as (checked, internal):
        checked.pages["/"] = Page(body=b"<p>checked</p>")
        internal.pages["/"] = Page(body=b"<p>internal</p>")
        names = Names({"rebind.example": [["127.0.0.2"], ["127.0.0.1"]]})
        url = f"http://rebind.example:{checked.port}/"

        page = fetch(url, resolver=names, fetch_allow=["127.0.0.2"])
        assert page.content == "<p>checked</p>"
        assert names.calls == ["rebind.example"]  # one lookup, checked and then used
        assert checked.received[0].headers["Host"] == f"rebind.example:{checked.port}"

        with pytest.raises(
            UrlRefusedError, match=re.escape("resolves to 127.0.0.1, a loopback address")
        ):
            fetch(url, resolver=names, fetch_allow=["127.0.0.2"])  # the new answer is judged
        assert internal.received == []


def test_dns_rebinding_between_redirect_hops_judged_again() -> None:
    with servers_on_one_port("127.0.0.2", "127.0.0.1") as (checked, internal):
        checked.pages["/"] = Page(302, headers={"Location": "/again"})
        internal.pages["/again"] = Page(body=b"<p>internal</p>")
        names = Names({"rebind.example": [["127.0.0.2"], ["127.0.0.1"]]})
        with pytest.raises(UrlRefusedError, match=r"redirected to .*127.0.0.1, a loopback"):
            fetch(
                f"http://rebind.example:{checked.port}/",
                resolver=names,
                fetch_allow=["127.0.0.2"],
            )
        assert [r.path for r in checked.received] == ["/"]
        assert internal.received == []


NON_PUBLIC_NETWORKS = [
    ipaddress.IPv4Network(cidr)
    for cidr in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16",
                 "100.64.0.0/10", "0.0.0.0/8", "224.0.0.0/4", "240.0.0.0/4")
]  # fmt: skip


def addresses_in(network: ipaddress.IPv4Network) -> st.SearchStrategy[ipaddress.IPv4Address]:
    return st.integers(0, network.num_addresses - 1).map(lambda offset: network[offset])


@settings(max_examples=40, deadline=None)
@given(
    address=st.sampled_from(NON_PUBLIC_NETWORKS).flatmap(addresses_in),
    form=st.sampled_from(["ipv4", "mapped", "nat64", "6to4"]),
)
def test_ipv6_forms_of_non_public_ipv4_refused(address: ipaddress.IPv4Address, form: str) -> None:
    """An address hidden in IPv6 (mapped, NAT64, 6to4) is judged as the IPv4 it carries."""
    v4 = int(address)
    answer = {
        "ipv4": address,
        "mapped": ipaddress.IPv6Address(0xFFFF << 32 | v4),
        "nat64": ipaddress.IPv6Address(0x64FF9B << 96 | v4),
        "6to4": ipaddress.IPv6Address(0x2002 << 112 | v4 << 80),
    }[form]
    with pytest.raises(UrlRefusedError):
        fetch(
            "http://hidden.example/",
            resolver=Names({"hidden.example": [[str(answer)]]}),
            fetch_timeout_seconds=0.5,
        )


# redirects


@pytest.mark.parametrize(
    "location",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "//169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/",
        "http://0.0.0.0:{port}/",
        "ftp://example.org/",
        "file:///etc/passwd",
    ],
)
def test_redirect_to_a_refused_url_refused_at_the_hop(server: PageServer, location: str) -> None:
    server.pages["/go"] = Page(302, headers={"Location": location.format(port=server.port)})
    with pytest.raises(UrlRefusedError, match=re.escape("the page redirected to")):
        fetch(f"{server.url}/go", fetch_allow=ALLOW_LOOPBACK, fetch_timeout_seconds=0.5)
    assert [r.path for r in server.received] == ["/go"]


def chain(server: PageServer, length: int) -> str:
    """``length`` redirects (with every redirect status) before a page; the first URL."""
    statuses = [301, 302, 303, 307, 308]
    for hop in range(length):
        location = f"{server.url}/hop/{hop + 1}" if hop % 2 else f"/hop/{hop + 1}"
        server.pages[f"/hop/{hop}"] = Page(statuses[hop % 5], headers={"Location": location})
    server.pages[f"/hop/{length}"] = Page(body=b"<p>arrived</p>")
    return f"{server.url}/hop/0"


def test_redirects_up_to_the_limit_followed(server: PageServer) -> None:
    page = fetch(chain(server, 3), fetch_allow=ALLOW_LOOPBACK, fetch_max_redirects=3)
    assert (page.url, page.content) == (f"{server.url}/hop/3", "<p>arrived</p>")


def test_redirects_over_the_limit_refused(server: PageServer) -> None:
    with pytest.raises(FetchError, match=re.escape("redirected more than 2 times")):
        fetch(chain(server, 3), fetch_allow=ALLOW_LOOPBACK, fetch_max_redirects=2)
    assert [r.path for r in server.received] == ["/hop/0", "/hop/1", "/hop/2"]


def test_relative_redirect_followed(server: PageServer) -> None:
    server.pages["/a/old"] = Page(301, headers={"Location": "../b/new?x=1"})
    server.pages["/b/new?x=1"] = Page(content_type="text/plain", body=b"moved")
    page = fetch(f"{server.url}/a/old", fetch_allow=ALLOW_LOOPBACK)
    assert (page.url, page.format, page.content) == (f"{server.url}/b/new?x=1", "text", "moved")


# size, time, type and status


@pytest.mark.parametrize(
    "page",
    [
        # the header alone refuses it: the body never finishes, so reading it would time out
        Page(body=b"x" * 10, headers={"Content-Length": "5000000"}, hang=True),
        Page(body=b"x" * 5000, chunk=500),
        Page(body=gzip.compress(b"x" * 100_000), headers={"Content-Encoding": "gzip"}),
    ],
    ids=["content-length", "chunked", "gzip"],
)
def test_page_over_the_size_cap_refused(server: PageServer, page: Page) -> None:
    server.pages["/big"] = page
    with pytest.raises(InputTooLargeError) as raised:
        fetch(f"{server.url}/big", fetch_allow=ALLOW_LOOPBACK, fetch_max_bytes=1000)
    assert (raised.value.limit, raised.value.unit, raised.value.field) == (1000, "bytes", "url")


def test_page_at_the_size_cap_fetched(server: PageServer) -> None:
    server.pages["/full"] = Page(content_type="text/plain", body=b"x" * 1000, chunk=100)
    page = fetch(f"{server.url}/full", fetch_allow=ALLOW_LOOPBACK, fetch_max_bytes=1000)
    assert len(page.content) == 1000


def test_slow_page_times_out_at_the_total_deadline(server: PageServer) -> None:
    """Every piece arrives well within the deadline; the page as a whole does not."""
    server.pages["/slow"] = Page(body=b"x" * 1000, chunk=10, pause=0.1)
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match=re.escape("within 0.5 seconds")):
        fetch(f"{server.url}/slow", fetch_allow=ALLOW_LOOPBACK, fetch_timeout_seconds=0.5)
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize(
    ("content_type", "named"),
    [
        ("application/pdf", "application/pdf"),
        ("image/png", "image/png"),
        ("application/json; charset=utf-8", "application/json"),
        (None, "of no declared type"),
    ],
)
def test_other_content_types_unsupported(
    server: PageServer, content_type: str | None, named: str
) -> None:
    server.pages["/file"] = Page(content_type=content_type, body=b"%PDF-1.7")
    with pytest.raises(PageUnsupportedError, match=f"the page is {named}; only HTML and plain"):
        fetch(f"{server.url}/file", fetch_allow=ALLOW_LOOPBACK)


@pytest.mark.parametrize(
    ("status", "answered"), [(404, "404 Not Found"), (500, "500 Internal Server Error")]
)
def test_error_status_is_a_fetch_error(server: PageServer, status: int, answered: str) -> None:
    server.pages["/gone"] = Page(status, body=b"<p>secret page text</p>")
    with pytest.raises(FetchError, match=f"the page answered {answered}") as raised:
        fetch(f"{server.url}/gone", fetch_allow=ALLOW_LOOPBACK)
    assert type(raised.value) is FetchError
    assert "secret" not in raised.value.message


def test_connection_refused_is_a_fetch_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once the probe is closed
    with pytest.raises(FetchError, match=re.escape("could not connect to 127.0.0.1")):
        fetch(f"http://127.0.0.1:{port}/", fetch_allow=ALLOW_LOOPBACK)


# the allow list


@pytest.mark.parametrize("allow", [["127.0.0.0/8"], ["127.0.0.1"], ["localhost"]])
def test_allow_list_by_network_address_and_name(server: PageServer, allow: list[str]) -> None:
    host = "localhost" if allow == ["localhost"] else "127.0.0.1"  # localhost: real resolution
    page = fetch(f"http://{host}:{server.port}/", fetch_allow=allow)
    assert page.url == f"http://{host}:{server.port}/"


def test_allowed_name_lets_its_addresses_through(server: PageServer) -> None:
    names = Names({"intranet.example": [["127.0.0.1"]]})
    page = fetch(
        f"http://intranet.example:{server.port}/", resolver=names, fetch_allow=["intranet.example"]
    )
    assert page.content == "<p>Hello.</p>"


@pytest.mark.parametrize(
    ("allow", "url"),
    [
        (["127.0.0.0/8"], "http://10.0.0.1/"),
        (["localhost"], "http://127.0.0.1:{port}/"),
        (["127.0.0.1"], "http://[::1]:{port}/"),
        (["news.example"], "http://metadata.google.internal/"),
    ],
)
def test_allow_list_lets_through_only_what_it_lists(
    server: PageServer, allow: list[str], url: str
) -> None:
    with pytest.raises(UrlRefusedError):
        fetch(url.format(port=server.port), fetch_allow=allow, fetch_timeout_seconds=0.5)
    assert server.received == []


def test_malformed_network_in_the_allow_list_rejected() -> None:
    with pytest.raises(ValueError, match=re.escape("10.0.0.0/33")):
        Fetcher(get_settings(fetch_allow=["10.0.0.0/33"]))
