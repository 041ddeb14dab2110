"""HTML to article text, through trafilatura (main-content extraction, no comments)."""

from __future__ import annotations

import trafilatura

from service.errors import EmptyInputError


def extract_html(html: str) -> tuple[str, str | None]:
    """The article's text (paragraphs separated by blank lines) and its title."""
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=True,
    )
    text = str(getattr(document, "text", None) or "")
    title = getattr(document, "title", None) or None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]  # the headline is the title, not the first paragraph
    if not lines:
        raise EmptyInputError("no article text could be extracted from the HTML", field="html")
    return "\n\n".join(lines), title
