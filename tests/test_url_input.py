"""Articles by URL through the HTTP API: fetched by the one guarded fetcher, refused when
the address is not public (unless allowed), errors as problem+json."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import httpx
import pytest

PAGE = """<html><head><title>Ferry fares to rise</title></head><body>
<nav>Home | News | Sport</nav>
<article><h1>Ferry fares to rise</h1>
<p>Ferry fares on the island routes will rise by 12 percent in March, the operator said on
Thursday.</p>
<p>The islanders' council called the increase unjustified, according to its chair, Mara
Eskeland.</p>
</article>
<footer>Subscribe to our newsletter</footer></body></html>"""


class _Pages(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Pages.hits.append(self.path)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/article")
            self.end_headers()
            return
        if self.path == "/report.pdf":
            body, kind = b"%PDF-1.7", "application/pdf"
        else:
            body, kind = PAGE.encode(), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def page_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Pages.hits = []
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_an_article_by_url_is_fetched_and_summarised(
    make_client: Callable[..., httpx.Client], page_server: str, tmp_path: Path
) -> None:
    client = make_client(data_dir=tmp_path, fetch_allow=["127.0.0.1"])
    answer = client.post("/v1/summaries", json={"url": f"{page_server}/news/ferry"})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["article"]["format"] == "html"
    assert result["article"]["title"] == "Ferry fares to rise"
    assert "Subscribe" not in result["article"]["text"]
    text = result["article"]["text"]
    sources = {c["source"]["name"] for c in result["claims"]}
    assert any("Eskeland" in name or "council" in name for name in sources), sources
    for claim in result["claims"]:
        span = claim["evidence"]
        assert text[span["start"] : span["end"]] == span["text"]


def test_urls_to_non_public_addresses_are_refused_without_a_request(
    make_client: Callable[..., httpx.Client], page_server: str, tmp_path: Path
) -> None:
    client = make_client(data_dir=tmp_path)  # no allow list
    port = page_server.rsplit(":", 1)[1]
    for url in (
        f"http://127.0.0.1:{port}/news/ferry",
        f"http://localhost:{port}/news/ferry",
        f"http://[::1]:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/",
        "file:///etc/passwd",
    ):
        answer = client.post("/v1/summaries", json={"url": url})
        assert answer.status_code == 422, (url, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["type"] == "urn:fairbrief:problem:url-refused", url
    assert _Pages.hits == []


def test_a_redirect_to_a_private_address_and_a_pdf_are_refused(
    make_client: Callable[..., httpx.Client], page_server: str, tmp_path: Path
) -> None:
    client = make_client(data_dir=tmp_path, fetch_allow=["127.0.0.1"])
    redirected = client.post("/v1/summaries", json={"url": f"{page_server}/redirect"})
    assert redirected.status_code == 422
    assert "10.0.0.1" in redirected.json()["detail"]
    pdf = client.post("/v1/summaries", json={"url": f"{page_server}/report.pdf"})
    assert pdf.status_code == 422
    assert pdf.json()["type"] == "urn:fairbrief:problem:page-unsupported"
    closed = client.post("/v1/summaries", json={"url": "http://127.0.0.1:9/"})
    assert closed.status_code == 502
    assert closed.json()["type"] == "urn:fairbrief:problem:fetch-failed"


def test_one_of_text_html_or_url(make_client: Callable[..., httpx.Client], tmp_path: Path) -> None:
    client = make_client(data_dir=tmp_path)
    both = client.post("/v1/summaries", json={"text": "A said B.", "url": "https://example.org/"})
    assert both.status_code == 422
