"""Two apostrophes (or two backticks) as a quotation mark, read as a double quote."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.backends.offline.quotemarks import standard_quotes
from tests.test_offline_engine_v2 import run

PAIR = "'" * 2
RUN_OF_THREE = "'" * 3


@pytest.mark.parametrize(
    ("written", "read"),
    [
        (f"said, {PAIR}I mean it,{PAIR} he", 'said, "I mean it," he'),
        (f"{PAIR}We are five.{PAIR}\n{PAIR}Six.{PAIR}", '"We are five."\n"Six."'),
        (f"``Done,{PAIR} she said", '"Done," she said'),
        # a run of three between spaces is no quotation mark of this kind, nor are single
        # apostrophes; one that ends or opens a word holds a single quote and a pair
        (f"a {RUN_OF_THREE} b", f"a {RUN_OF_THREE} b"),
        (f"{PAIR}She said 'no,{RUN_OF_THREE} he said", "\"She said 'no,'\" he said"),
        (f"he said, {RUN_OF_THREE}No' was all{PAIR}", "he said, \"'No' was all\""),
        ("the players' union's rock 'n' roll", None),
    ],
)
def test_two_apostrophes_read_as_a_double_quote(written: str, read: str | None) -> None:
    reading = standard_quotes(written)
    assert (reading.text if reading else None) == read


@given(st.text(alphabet=st.sampled_from(list("ab '`\n,.\""))))
def test_the_text_as_read_covers_the_text_as_written_in_order(text: str) -> None:
    reading = standard_quotes(text)
    if reading is None:
        assert PAIR not in text and "``" not in text
        return
    assert reading.as_written(text, 0, len(reading.text)) == text
    assert reading.starts[0] == 0 and reading.ends[-1] == len(text)
    assert reading.ends[:-1] == reading.starts[1:]
    for at in reading.starts:  # every boundary as written moves to the same one as read
        assert reading.as_written(text, 0, reading.position(at)) == text[:at]


def test_a_quote_cut_from_the_text_as_read_is_cut_back_out_as_written() -> None:
    written = f"Olsen said: {PAIR}The port stays open.{PAIR} Then he left."
    reading = standard_quotes(written)
    assert reading is not None
    for quote, expected in (
        ('"The port stays open."', f"{PAIR}The port stays open.{PAIR}"),
        ("The port stays open", "The port stays open"),
    ):
        at = reading.text.index(quote)
        assert reading.as_written(written, at, at + len(quote)) == expected


ARTICLE = (
    "The harbour board met on Tuesday.\n\n"
    f"{PAIR}We did our part,{PAIR} Tomas Brenner said. {PAIR}I want the council to know the"
    f" port stays open.{PAIR}\n\nThe levy, Brenner said, was {PAIR}daylight robbery.{PAIR}\n\n"
    f"{PAIR}It was more than we needed,{PAIR} he wrote, {PAIR}but I find it hard to resist a"
    f" good deal when the chance comes.{PAIR}"
)


def test_an_article_quoted_with_two_apostrophes_gives_the_claims_of_one_with_double_quotes() -> (
    None
):
    apostrophes = run(ARTICLE).claims
    doubles = run(ARTICLE.replace(PAIR, '"')).claims
    assert [(c.source.name, c.cue) for c in apostrophes] == [
        ("Tomas Brenner", "said"),
        ("Tomas Brenner", None),
        ("Tomas Brenner", "said"),
        ("Tomas Brenner", "wrote"),
    ]
    assert [c.evidence.text.replace(PAIR, '"') for c in apostrophes] == [
        c.evidence.text for c in doubles
    ]
    for claim in apostrophes:  # every evidence span is the article as written
        assert claim.verified
        assert ARTICLE[claim.evidence.start : claim.evidence.end] == claim.evidence.text
