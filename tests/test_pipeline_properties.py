"""Whatever the text, every span of the Result slices it, and the Result is well formed."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.backends.offline import OfflineEngine
from service.errors import EmptyInputError
from service.pipeline.summarize import ArticleInput, summarize_article
from service.pipeline.textmatch import find_quote, fold
from tests.spans import assert_spans_slice

PIECES = st.sampled_from(
    [
        "Mara Olsen said ",
        "according to the union, ",
        ", the army said. ",
        " told reporters ",
        "\u201cWe will fight,\u201d ",
        '"No," ',
        "Dr. ",
        "U.S. ",
        "3.5 ",
        "1,200 ",
        "21 ",
        "did not respond to a request for comment. ",
        "declined to comment. ",
        "She added that ",
        "\r\n",
        "\n\n",
        "\u2028",
        "\u2029",
        "\u00a0",
        "e\u0301",
        "\U0001f600 ",
        "\u200d",
        "\u2018",
        "\u2019",
        "Add a Comment\n\n",
        "By Ana Ruiz\n\n",
        "LONDON (Northwire) - ",
        "the strike ",
        "stopped ",
        "port ",
        ". ",
        ", ",
        "civilians ",
        "Tamla ",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=60).map("".join))
def test_every_span_slices_the_returned_text(text: str) -> None:
    if not any(character.isalnum() for character in text):
        with pytest.raises(EmptyInputError):  # no word: nothing to read
            asyncio.run(summarize_article(ArticleInput(text), OfflineEngine()))
        return
    result = asyncio.run(summarize_article(ArticleInput(text), OfflineEngine()))
    assert result.article.text == text
    assert_spans_slice(result.model_dump(mode="json"))


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=60), st.data())
def test_a_found_quote_maps_back_to_what_it_matched(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    match = find_quote(text, quote)
    if not quote.strip():
        assert match is None
        return
    assert match is not None
    assert 0 <= match.start < match.end <= len(text)
    assert (
        fold(text[match.start : match.end]) == fold(quote).strip()
        or quote.strip() in text[match.start : match.end]
    )
