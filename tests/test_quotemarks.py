"""Two apostrophes (or two backticks) as a quotation mark, read as a double quote."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.backends.offline.quotemarks import restore, standard_quotes
from tests.test_offline_engine_v2 import run


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("said, ''I mean it,'' he", 'said,  "I mean it,"  he'),
        ("''We are five.''\n''Six.''", ' "We are five." \n "Six." '),
        ("the levy was ''daylight robbery.''", 'the levy was  "daylight robbery." '),
        ("(''sic'')", '( "sic" )'),
        ("``Done,'' she said", ' "Done,"  she said'),
        # single apostrophes and runs of three are no quotation mark of this kind
        ("the players' union's rock 'n' roll", "the players' union's rock 'n' roll"),
        ("a ''' b", "a ''' b"),
    ],
)
def test_two_apostrophes_read_as_a_double_quote(written: str, read: str) -> None:
    assert standard_quotes(written) == read


@given(st.text(alphabet=st.sampled_from(list("ab '`\n,.\""))))
def test_reading_keeps_every_offset(text: str) -> None:
    read = standard_quotes(text)
    assert len(read) == len(text)
    assert [i for i, c in enumerate(text) if c not in "'`"] == [
        i for i, c in enumerate(read) if c == text[i] and c not in "'`"
    ]


def test_a_quote_cut_from_the_text_as_read_is_cut_back_out_as_written() -> None:
    written = "Olsen said: ''The port stays open.'' Then he left."
    read = standard_quotes(written)
    assert restore(written, read, '"The port stays open."', 0, len(read)) == (
        "''The port stays open.''"
    )
    assert restore(written, read, "The port stays open", 0, len(read)) == "The port stays open"


ARTICLE = (
    "The harbour board met on Tuesday.\n\n"
    "''We did our part,'' Tomas Brenner said. ''I want the council to know the port stays"
    " open.''\n\nThe levy, Brenner said, was ''daylight robbery.''"
)


def test_an_article_quoted_with_two_apostrophes_gives_the_claims_of_one_with_double_quotes() -> (
    None
):
    apostrophes = run(ARTICLE).claims
    doubles = run(ARTICLE.replace("''", '"')).claims
    assert [(c.source.name, c.cue) for c in apostrophes] == [
        ("Tomas Brenner", "said"),
        ("Tomas Brenner", None),
        ("Tomas Brenner", "said"),
    ]
    assert [c.evidence.text.replace("''", '"') for c in apostrophes] == [
        c.evidence.text for c in doubles
    ]
    for claim in apostrophes:  # every evidence span is the article as written
        assert claim.verified
        assert ARTICLE[claim.evidence.start : claim.evidence.end] == claim.evidence.text
