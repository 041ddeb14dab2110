"""Paragraphs and sentences: exact offsets, and no wrong breaks on wire copy."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.errors import EmptyInputError
from service.ingest import ingest_text
from service.ingest.segment import split_paragraphs, split_sentences


def sentences_of(text: str) -> list[str]:
    out = []
    for paragraph in split_paragraphs(text):
        out += [
            text[s.start : s.end] for s in split_sentences(text, paragraph.start, paragraph.end)
        ]
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gen. J. R. Tolkin met Dr. Ana Ruiz at 10 a.m. on Monday. They spoke.",
            ["Gen. J. R. Tolkin met Dr. Ana Ruiz at 10 a.m. on Monday.", "They spoke."],
        ),
        (
            "Prices rose 3.5 percent to $1.2 million. The U.S. Army declined.",
            ["Prices rose 3.5 percent to $1.2 million.", "The U.S. Army declined."],
        ),
        (
            "Aid reached the U.S. The convoy left.",
            ["Aid reached the U.S.", "The convoy left."],
        ),
        (
            "\u201cWill they stop?\u201d she asked. \u201cNo.\u201d He left.",
            ["\u201cWill they stop?\u201d she asked.", "\u201cNo.\u201d", "He left."],
        ),
        (
            '"We will fight," Olsen said. "We will win." The talks failed.',
            ['"We will fight," Olsen said.', '"We will win."', "The talks failed."],
        ),
        (
            "Room No. 5 was shut. He said no. Acme Inc. said the plant would close.",
            ["Room No. 5 was shut.", "He said no.", "Acme Inc. said the plant would close."],
        ),
        ("Wait... what happened? Nobody knows!", ["Wait... what happened?", "Nobody knows!"]),
        (  # a headline and its deck, the line ending in a semicolon; a semicolon within a line
            "Olsen: the port 'will not close'; \nIn a speech, she backs the dockers; and more."
            "\n\nThe talks failed.",
            [
                "Olsen: the port 'will not close';",
                "In a speech, she backs the dockers; and more.",
                "The talks failed.",
            ],
        ),
        (
            '"Can we win the vote?" Mr. Lukas Brem asked. "Never!" Olsen said. "Why?" Nobody knew.',
            [
                '"Can we win the vote?" Mr. Lukas Brem asked.',
                '"Never!" Olsen said.',
                '"Why?"',
                "Nobody knew.",
            ],
        ),
        (
            'It was "a matter . . . of time," she said. What does he know about it . . . '
            "Nothing. It ends . . . .",
            [
                'It was "a matter . . . of time," she said.',
                "What does he know about it . . .",
                "Nothing.",
                "It ends . . . .",
            ],
        ),
    ],
)
def test_sentences_do_not_break_wrongly(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected


def test_ap_style_quote_over_paragraphs_stays_within_paragraphs() -> None:
    text = (
        "\u201cWe never asked for a strike. We asked for talks.\n\n"
        "\u201cAnd we asked twice,\u201d Olsen said.\n\nThe port was quiet."
    )
    assert sentences_of(text) == [
        "\u201cWe never asked for a strike.",
        "We asked for talks.",
        "\u201cAnd we asked twice,\u201d Olsen said.",
        "The port was quiet.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "First paragraph.\r\n\r\nSecond paragraph.",
        "First paragraph.\n  \nSecond paragraph.",
        "First paragraph.\u2029Second paragraph.",
        "First paragraph.\u2028\u2028Second paragraph.",
        "First paragraph.\nSecond paragraph.",  # no blank line anywhere: a line a paragraph
    ],
)
def test_paragraph_breaks(text: str) -> None:
    paragraphs = [text[p.start : p.end] for p in split_paragraphs(text)]
    assert paragraphs == ["First paragraph.", "Second paragraph."]


def test_single_line_breaks_stay_inside_paragraphs_when_blank_lines_exist() -> None:
    text = "A wrapped\nparagraph here.\n\nAnother one."
    assert [text[p.start : p.end] for p in split_paragraphs(text)] == [
        "A wrapped\nparagraph here.",
        "Another one.",
    ]


HOSTILE = st.sampled_from(
    [
        *"abcdefghij ABC.,;:!?'\"-",
        *["\n", "\r\n", "\n\n", "\u00a0", "\u2028", "\u2029", "\u201c", "\u201d", "\u2018"],
        *["e\u0301", "\u0301", "\U0001f600", "\U0001f1eb\U0001f1f7", "\u200d", "\t", "Dr.", "U.S."],
        *[" said ", " according to ", "Mara Olsen", " did not respond to a request for comment"],
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(HOSTILE, min_size=1, max_size=80).map("".join))
def test_offsets_index_the_text_as_given(text: str) -> None:
    if not any(character.isalnum() for character in text):
        with pytest.raises(EmptyInputError):  # no word: nothing to read
            ingest_text(text)
        return
    article = ingest_text(text)
    assert article.text == text
    previous_end = 0
    for sentence in article.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert sentence.start >= previous_end
        chunk = text[sentence.start : sentence.end]
        assert chunk == chunk.strip()
        previous_end = sentence.end
        for chrome in article.chrome:
            assert sentence.end <= chrome.start or sentence.start >= chrome.end
    for paragraph in article.paragraphs:
        assert 0 <= paragraph.start < paragraph.end <= len(text)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Flooding kills 12 in Veloria, officials say\n\nBy Ines Marlowe\n\n"
            "Floodwaters swept through three villages overnight, officials said.",
            "Flooding kills 12 in Veloria, officials say",
        ),
        # a first paragraph that is a sentence, or the only paragraph, is no headline
        ("The port closed on Monday.\n\nOlsen said it would reopen.", None),
        ("Who pays for the flood?\n\nOlsen said the state would.", None),
        ("The port closed on Monday, Olsen said", None),
        ("the port closed\n\nOlsen said it would reopen.", None),
        ("The port closed on Monday.\nOlsen said it would reopen.\n\nIt did.", None),
    ],
)
def test_a_plain_texts_headline_becomes_its_title(text: str, title: str | None) -> None:
    article = ingest_text(text)
    assert article.title == title
    assert ingest_text(text, title="Given").title == "Given"  # a given title wins
