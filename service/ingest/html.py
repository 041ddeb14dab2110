"""HTML to article text, through trafilatura (main-content extraction, no comments)."""

from __future__ import annotations

from configparser import ConfigParser
from functools import lru_cache

import trafilatura
from trafilatura.settings import use_config

from service.errors import EmptyInputError


@lru_cache(maxsize=1)
def _config() -> ConfigParser:
    """trafilatura's defaults, except that a short article keeps its paragraphs.

    Below MIN_EXTRACTED_SIZE trafilatura falls back to a baseline extractor that joins all
    paragraphs into one; short wire items are common, and their paragraphs matter here.
    """
    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    return config


_SENTENCE_WORDS = 4  # the fewest words of a line that could be a sentence of an article


def extract_html(html: str) -> tuple[str, str | None]:
    """The article's text (paragraphs separated by blank lines) and its title."""
    document = trafilatura.bare_extraction(
        html,
        config=_config(),
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
    if not any(len(line.split()) >= _SENTENCE_WORDS for line in lines):
        # nothing but a menu's or a footer's short lines ("Home"): no article was found
        raise EmptyInputError("no article text could be extracted from the HTML", field="html")
    return "\n\n".join(lines), title
