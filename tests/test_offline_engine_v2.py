"""The parse-based engine: forms beyond the first rules, sources, non-responses, languages."""

from __future__ import annotations

import asyncio

import pytest

from service.backends.offline import OfflineEngine
from service.backends.offline.cues import find_non_responses
from service.backends.offline.sources import canonical_name, source_type
from service.domain import Result, SummaryOptions
from service.pipeline.summarize import ArticleInput, summarize_article


def run(text: str, sentences: int = 3) -> Result:
    options = SummaryOptions(summary_sentences=sentences)
    return asyncio.run(summarize_article(ArticleInput(text), OfflineEngine(), options))


def claims_of(text: str) -> list[tuple[str, str, str]]:
    return [(c.source.name, c.stance, c.evidence.text) for c in run(text).claims]


def said(result: Result) -> list[tuple[str, str]]:
    """Who said what: each claim's source and evidence."""
    return [(c.source.name, c.evidence.text) for c in result.claims]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "It was reported by the ministry that 12 people died.",
            ("the ministry", "asserts", "12 people died"),
        ),
        (
            "The company denied any wrongdoing.",
            ("The company", "denies", "any wrongdoing"),
        ),
        (
            "Prosecutors accused the minister of taking bribes from a builder.",
            ("Prosecutors", "alleges", "the minister of taking bribes from a builder"),
        ),
        (
            "The police put the crowd at about 18,000.",
            ("The police", "asserts", "the crowd at about 18,000"),
        ),
        (
            "The mayor called the closures a betrayal of the town.",
            ("The mayor", "asserts", "the closures a betrayal of the town"),
        ),
        (
            "Ana Ruiz, who chairs the board, said the plan was dead.",
            ("Ana Ruiz", "asserts", "the plan was dead"),
        ),
        (
            "Gen. Pavel Rusk warned that the fighting could spread to the ports.",
            ("Gen. Pavel Rusk", "predicts", "the fighting could spread to the ports"),
        ),
        (
            "In any event, Mayor Lena Okafor said, the ferry service will resume in May.",
            ("Mayor Lena Okafor", "asserts", "the ferry service will resume in May"),
        ),
        (
            "Two of the nurses said the ward had been closed for a week.",
            ("Two of the nurses", "asserts", "the ward had been closed for a week"),
        ),
        (  # a cue the parse hangs before another clause, not a parenthetical one
            "The mayor first tweeted a note of thanks to the volunteers; hours later, she "
            "issued a statement on the flood.",
            ("The mayor", "asserts", "a note of thanks to the volunteers"),
        ),
        (
            "Farmers see the new levy as a tax on water.",
            ("Farmers", "asserts", "the new levy as a tax on water"),
        ),
        (
            "The union called for the pension age to be frozen at 62.",
            ("The union", "asserts", "for the pension age to be frozen at 62"),
        ),
        (  # the parser hangs the "that" clause on the statement, and the second on "said"
            "The ministry said in a statement that it had been consulted, and that the levy "
            "was legal.",
            ("The ministry", "asserts", "it had been consulted, and that the levy was legal"),
        ),
        (
            "Teodor Vasko said the government respects the bank but that high borrowing costs "
            "were hurting families.",
            (
                "Teodor Vasko",
                "asserts",
                "the government respects the bank but that high borrowing costs were hurting "
                "families",
            ),
        ),
        (  # the relative pronoun before the source is not part of what was said
            "The levy, which officials said would raise $40 million, was approved.",
            ("officials", "asserts", "would raise $40 million"),
        ),
        (  # "they" stands for the plural subject named before it in the sentence
            "Parents presented a petition that they said carried 3,400 signatures.",
            ("Parents", "asserts", "carried 3,400 signatures"),
        ),
        (  # the parser gives "said" two subjects; the speaker is the one beside it
            'The ruling, Tomas Brenner said in a statement, "is a victory for the estate."',
            ("Tomas Brenner", "asserts", "is a victory for the estate"),
        ),
        (  # the one quoted is the source, not the paper that quotes
            "The Courier quoted Tomas Brenner as saying the ruling was a victory.",
            ("Tomas Brenner", "asserts", "the ruling was a victory"),
        ),
        (
            "Tomas Brenner was quoted as saying the ruling was a victory.",
            ("Tomas Brenner", "asserts", "the ruling was a victory"),
        ),
        (  # a quotation inside the content keeps both its marks
            'The union called the levy "daylight robbery" on Monday.',
            ("The union", "asserts", 'the levy "daylight robbery"'),
        ),
        (
            'The union said "the levy" was unfair.',
            ("The union", "asserts", '"the levy" was unfair'),
        ),
        (  # the time of saying is not what was said
            "Tomas Brenner said Tuesday the levy was illegal.",
            ("Tomas Brenner", "asserts", "the levy was illegal"),
        ),
        (  # a verb that doubles its last consonant
            "The harbour master admitted that two cranes had failed.",
            ("The harbour master", "asserts", "two cranes had failed"),
        ),
        (  # what is maintained, noted or stressed is the object, not a quotation in it
            "Tomas Brenner maintained his innocence throughout the trial.",
            ("Tomas Brenner", "asserts", "his innocence"),
        ),
        (
            'Olsen noted the closures and her work on the "fair levy".',
            ("Olsen", "asserts", 'the closures and her work on the "fair levy"'),
        ),
        # a question in quotes is the asker's claim (the gold guide), the speaker after it
        (
            '"Why did they fire on a market?" asked the mayor.',
            ("the mayor", "asserts", "Why did they fire on a market"),
        ),
        (
            '"Can we win the vote?" Mr. Lukas Brem asked.',
            ("Mr. Lukas Brem", "asserts", "Can we win the vote"),
        ),
        (  # the parser takes this "that" for the clause's object; it is no content
            "Olsen told the Courier that the port would reopen on Monday.",
            ("Olsen", "asserts", "the port would reopen on Monday"),
        ),
        (  # a quoted complement the parser hangs on the object
            'Olsen called the closure "a disaster for the town."',
            ("Olsen", "asserts", 'the closure "a disaster for the town'),
        ),
        (
            "Olsen posted on Facebook that the port would reopen.",
            ("Olsen", "asserts", "the port would reopen"),
        ),
        # who issues a statement that says something is its source
        (
            "The union released a statement saying the strike would go on.",
            ("The union", "asserts", "the strike would go on"),
        ),
        # what a document shows is all that follows the verb
        (
            "Court records show two payments to the firm in May.",
            ("Court records", "asserts", "two payments to the firm in May"),
        ),
        (
            "A poll showed Brem leading Olsen, 45 percent to 18 percent, among farmers.",
            ("A poll", "asserts", "Brem leading Olsen, 45 percent to 18 percent, among farmers"),
        ),
        (  # a quotation ending in "!" or "?" and its speaker are one sentence
            '"Sometimes we need a break!" Tomas Brenner said to the Courier.',
            ("Tomas Brenner", "asserts", "Sometimes we need a break"),
        ),
        (  # the parser reads "court records" as a compound with no verb
            "A company called Harbour Lines gave 5,000 marks to the fund on June 27, court"
            " records show.",
            (
                "court records",
                "asserts",
                "A company called Harbour Lines gave 5,000 marks to the fund on June 27",
            ),
        ),
        (
            "In the poll, Brem's support has risen from 40 percent to 46 percent.",
            ("the poll", "asserts", "Brem's support has risen from 40 percent to 46 percent"),
        ),
        (  # a way of saying, set before what was said
            'As the harbour master, Jens Tavener, put it in his memo to employees, "Imagine a'
            ' world where we are no longer looking up at the big ports."',
            (
                "Jens Tavener",
                "asserts",
                "Imagine a world where we are no longer looking up at the big ports",
            ),
        ),
        (  # a second report joined to the first is not its content
            "Six in 10 voters said Olsen is honest and trustworthy, and three-quarters said the"
            " same of Brem.",
            ("Six in 10 voters", "asserts", "Olsen is honest and trustworthy"),
        ),
        (  # an adverbial clause the parser takes for the cue's complement
            '"He hid the loans from the voters," Olsen said as some wearing Krenn shirts booed.',
            ("Olsen", "asserts", "He hid the loans from the voters"),
        ),
        (  # a passive reporting adverbial
            "As reported by the Harbour Courier, the mayor was made aware of her duty to"
            " protect the records.",
            (
                "Harbour Courier",  # canonical: the article dropped
                "asserts",
                "the mayor was made aware of her duty to protect the records",
            ),
        ),
        (  # a "that" clause the parser garbles into the verb's object
            "Edvard Kleine, former chief of staff of the harbour board, agreed that the"
            " council has limited power to stop the levy.",
            (
                "Edvard Kleine",
                "asserts",
                "the council has limited power to stop the levy",
            ),
        ),
        (  # a cue the parser joins to the clause it reports
            "Mayor Ada Krenn will stay in the race until the recount ends, her chief aide, Lena"
            " Okafor, told the Harbour Post.",
            (
                "Lena Okafor",
                "asserts",
                "Mayor Ada Krenn will stay in the race until the recount ends",
            ),
        ),
        (  # what a noun is saying
            "The share of voters saying the port should stay open rose by 28 points.",
            ("The share of voters", "asserts", "the port should stay open"),
        ),
        (  # a poll whose name has a slash
            "In a Courier/Harbour Journal poll released Monday, 50 percent of respondents chose"
            " Olsen while 40 percent chose Brem.",
            (
                "a Courier/Harbour Journal poll",
                "asserts",
                "50 percent of respondents chose Olsen while 40 percent chose Brem",
            ),
        ),
        (
            "Nearly nine out of 10 say they will need to learn new skills.",
            ("Nearly nine out of 10", "asserts", "they will need to learn new skills"),
        ),
        (  # a standing in a poll the sentence names after it
            "Brem leads Olsen by roughly 9 points, 42% to 33%, in the Courier's average of"
            " recent polls.",
            (
                "the Courier's average of recent polls",
                "asserts",
                "Brem leads Olsen by roughly 9 points, 42% to 33%",
            ),
        ),
        (
            "Olsen took just 6 percent of the vote in a Courier-Herald poll released Sunday,"
            " her worst showing in the survey.",
            ("a Courier-Herald poll", "asserts", "Olsen took just 6 percent of the vote"),
        ),
        (  # the parser hangs "pointed out" on the clause it reports, as an adverbial
            "As Olsen pointed out, the rulings of the court have real effects on the port workers.",
            (
                "Olsen",
                "asserts",
                "the rulings of the court have real effects on the port workers",
            ),
        ),
        (  # what the source says follows it; the clause before is the reporter's
            'Voters in Kestravia were worried about the port; most said they were "very worried."',
            ("most", "asserts", 'they were "very worried'),
        ),
        (  # a quoted title after the cue is not what was said, nor its channel a speaker
            'The general, who led forces in the north, said on the Courier\'s "This Week" on'
            " Sunday that Brem was endangering the troops.",
            ("The general", "asserts", "Brem was endangering the troops"),
        ),
        (  # a quotation's "didn't discuss" is speech, not a non-response
            '"We didn\'t discuss that," warm-and-fuzzy Brenner said.',
            ("Brenner", "asserts", "We didn't discuss that"),  # it answers no claim
        ),
        (  # the whole of a quotation the content runs into, not its first clause
            'Olsen said the mayor has "taken every punch they have thrown, and she is standing'
            ' tall."',
            (
                "Olsen",
                "asserts",
                'the mayor has "taken every punch they have thrown, and she is standing tall',
            ),
        ),
        (  # a share of those asked
            "Two in three said they are less likely to vote for the council because of the"
            " views of Brem on the port.",
            (
                "Two in three",
                "asserts",
                "they are less likely to vote for the council because of the views of Brem on"
                " the port",
            ),
        ),
        (  # "A, X said, and B": A, the clause the cue follows
            "The port will close, the mayor said, and the ferries will stop.",
            ("the mayor", "asserts", "The port will close"),
        ),
        (  # a bracket opened in the content keeps its closing one
            "Olsen said the port would close (and its ferries).",
            ("Olsen", "asserts", "the port would close (and its ferries)"),
        ),
        (  # the parse takes a clause with a quoted title in it; the quotation is the content
            "\"Let's go back six months and look at Olsen announcing her candidacy and being 3,"
            " 4 percent in the polls,\" Olsen said in an interview with the Courier's Ada Krenn"
            ' aired Monday on "New Day."',
            (
                "Olsen",
                "asserts",
                "Let's go back six months and look at Olsen announcing her candidacy and being 3,"
                " 4 percent in the polls",
            ),
        ),
        (  # a headline that gives a speaker's words in title case
            "Mara Olsen: I Am Not Interested In Being Mayor",
            ("Mara Olsen", "asserts", "I Am Not Interested In Being Mayor"),
        ),
        (  # a subordinator that opens the quotation is part of what was said
            '"Whether we agree or not, we can talk about it," Brenner said.',
            ("Brenner", "asserts", "Whether we agree or not, we can talk about it"),
        ),
        (  # the parser takes this "that" for an object of "go"
            "The union told the Courier that the strike would go on.",
            ("The union", "asserts", "the strike would go on"),
        ),
        (  # a parenthetical cue the parser makes the complement of the clause after it
            "If anything, Ash argued in his email, the incident is an illustration of why the"
            " council should adopt new rules.",
            (
                "Ash",
                "asserts",
                "the incident is an illustration of why the council should adopt new rules",
            ),
        ),
        (  # what was suggested, as a gerund
            "Earlier in the campaign, Olsen suggested boycotting Brenner Foods if the company"
            " did not help the port.",
            (
                "Olsen",
                "asserts",
                "boycotting Brenner Foods if the company did not help the port",
            ),
        ),
        (  # who did what "saying" follows
            "Olsen ended the meeting after saying the port would stay open.",
            ("Olsen", "asserts", "the port would stay open"),
        ),
        (  # a time after "that" is the clause's, not the time of telling
            "Olsen told investigators that sometime in the week that followed, he realized he"
            " had not made the changes.",
            (
                "Olsen",
                "asserts",
                "sometime in the week that followed, he realized he had not made the changes",
            ),
        ),
        (  # a second that-clause of the same report, though its verb is a cue
            "Olsen said a swap involved difficult trade-offs, but that if the council opted to"
            " make one, it should have insisted on more.",
            (
                "Olsen",
                "asserts",
                "a swap involved difficult trade-offs, but that if the council opted to make one,"
                " it should have insisted on more",
            ),
        ),
        (  # a quoted complement the parser hangs on a word inside the object
            'In sombre remarks, Olsen called the assault that killed five police officers "an'
            ' attack on our town," but she also noted the calm.',
            (
                "Olsen",
                "asserts",
                'the assault that killed five police officers "an attack on our town',
            ),
        ),
        (  # a source and cue set into the clause they attribute
            "In particular, Olsen wrote, the council can challenge the mayor, whose time in "
            "office made the port less safe.",
            (
                "Olsen",
                "asserts",
                "the council can challenge the mayor, whose time in office made the port less safe",
            ),
        ),
    ],
)
def test_forms_found_by_the_parse(sentence: str, expected: tuple[str, str, str]) -> None:
    assert claims_of(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "The union denied the accusation.",  # points at a claim made elsewhere
        "An official asked not to be named.",
        "The mayor showed the visitors around the port.",  # a person shows no finding
        "The company posted a loss of 3 million marks.",
        'The engineer, who asked not to be named, was told to "keep the job moving."',
        "No report has found that the river was polluted.",
        "She called the police.",
        "She called the office when the rain began.",
        "All told, up to 5 million people could be eligible for the programme.",  # a sum
        "Krenn: A long shot.",  # a heading: no transcript's turn is this short under it
        # a newsletter's byline names the writer of a story, not a speaker
        '"Port strike enters second week," by the Courier\'s Ada Krenn: "Dock workers in'
        ' Arven stayed out on Monday for the eighth day."',
        'The board met on Monday: "four" votes were cast.',  # no quotation of four words
        'He had one word for it: "nonsense."',
        "Remember: the port was closed for a week in 1998.",
        "EMAIL: desk@harbourcourier.example",
        "Olsen left early, and her aide told reporters.",  # "and": told them what, elsewhere
        "As Olsen put it on the table, the cat jumped.",  # a place, not a way of saying
        "Fifteen percent of voters in the poll were undecided.",  # the poll's, not a claim
        "On June 14, voters in the Kestravian capital head to the polls.",
        'The mayor called the "Harbour Friends" to a meeting.',  # a name, no complement
        "I saw the harbour from the ferry.",
        "Two died in the fire.",
        "Dock workers walked out on Monday.",
        "Asked whether the port would close, Mara Olsen shrugged.",  # she was asked
        "The ministry published a statement that ran to four pages.",
        "That is what Tomas Brenner told investigators.",  # what he told them is elsewhere
        "You said the levy would fall.",  # "you" is the reader, or someone addressed
        "In the study hall, the pupils sat quietly for an hour.",
        "As she said this, the crowd in the square cheered loudly.",  # a time
        "Kestravia maintains close ties with the northern ports.",
        "Tomas Brenner writes a weekly column for the Courier.",
        "It does not sound like Tomas Brenner knows what he will do next.",  # an open question
        "The warrant does not indicate whether Olsen was questioned by police.",
        # a label's colon before a name, a list of names, a headline after a label in capitals
        "Contributing: Ada Krenn",
        "These are the members of the panel:\n\nKestravia: Tim Alder, Bret Anders, Rob Barren,"
        " Jeff Boyne, Ada Krenn, Ilan Varga.",
        "DIGEST: Port Strike Enters Its Second Week",
        "Olsen promised Sunday at a rally in Arven to end the wasteful harbour regime.",  # a time
        # a quoted figure or name in what was asked about is no question
        'An Arven student asked Olsen about the "2 million-plus" tonnes shipped under the last'
        " council and about cuts to come.",
    ],
)
def test_no_claim_where_nothing_is_claimed(sentence: str) -> None:
    assert claims_of(sentence) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In a radio interview later that day, Olsen went even further: \u201cIf he runs and"
            " loses, it is the end of his career.\u201d",
            ("Olsen", "If he runs and loses, it is the end of his career"),
        ),
        (
            "From the harbour board's report: \"In general, ports with longer contracts kept"
            ' more of their workers."',
            (
                "the harbour board's report",
                "In general, ports with longer contracts kept more of their workers",
            ),
        ),
        (
            'Here is Brem in December 1992: "Our new direction must rest on an understanding'
            ' of the new realities."',
            ("Brem", "Our new direction must rest on an understanding of the new realities"),
        ),
        (  # what is attributed inside the quotation is the quotation's
            "The full text of the harbour board's letter: \"We regret that the port must close"
            ' for the winter months."',
            (
                "the harbour board's letter",
                "We regret that the port must close for the winter months",
            ),
        ),
        (  # the main clause's subject, not that of a clause inside it
            "Ada Krenn posted a long message about why nobody should be surprised by what her"
            ' husband did: "Men will not cease to exist by taking a partner\'s name."',
            ("Ada Krenn", "Men will not cease to exist by taking a partner's name"),
        ),
    ],
)
def test_a_quotation_a_colon_introduces_is_the_claim_of_the_clause_before_it(
    text: str, expected: tuple[str, str]
) -> None:
    assert said(run(text)) == [expected]


def test_verbs_that_report_only_beside_a_quotation() -> None:
    text = (
        '"We have done our part," Mara Olsen said.\n\n'
        'She continued, "There will be maybe 10 to 15 percent of the town that will leave."\n\n'
        '"The ferries will stop on Monday," Ada Krenn replied.\n\n'
        "The strike continued into a second week."
    )
    assert [(c.source.name, c.cue, c.evidence.text) for c in run(text).claims] == [
        ("Mara Olsen", "said", "We have done our part"),
        (
            "Mara Olsen",
            "continued",
            "There will be maybe 10 to 15 percent of the town that will leave",
        ),
        ("Ada Krenn", "replied", "The ferries will stop on Monday"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'On Monday, Olsen said he was "happy to see" that Krenn was voted in, according to'
            " The Harbour Courier.",
            [
                ("Olsen", 'he was "happy to see" that Krenn was voted in'),
                (
                    "The Harbour Courier",
                    'On Monday, Olsen said he was "happy to see" that Krenn was voted in',
                ),
            ],
        ),
        (  # a quotation that ends the content ends it without its comma and closing mark
            # (the gold guide's "leave out trailing punctuation")
            'Some 55 percent of voters said they do not believe Olsen "cares about people like'
            ' me," according to a Courier poll conducted in February.',
            [
                (
                    "Some 55 percent of voters",
                    'they do not believe Olsen "cares about people like me',
                ),
                (
                    "a Courier poll",
                    'Some 55 percent of voters said they do not believe Olsen "cares about people'
                    " like me",
                ),
            ],
        ),
    ],
)
def test_an_according_to_hung_on_a_content_is_cut_from_it_and_reports_it(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert said(run(text)) == expected


def test_a_quotation_its_cue_interrupts_and_that_runs_on_past_the_sentence() -> None:
    text = (
        "Mara Olsen spoke on Monday.\n\n"
        '"I have studied this closely," she continued, "and what I propose is that we go'
        ' after the risk. If the banks are too big to manage, they should not go on."'
    )
    (claim,) = run(text).claims
    assert (claim.source.name, claim.cue) == ("Mara Olsen", "continued")
    assert claim.evidence.text == (
        "and what I propose is that we go after the risk. If the banks are too big to manage,"
        " they should not go on"
    )
    assert [part.text for part in claim.more_evidence] == ["I have studied this closely"]


def test_a_clause_the_parser_hangs_after_an_object_is_not_what_the_cue_reports() -> None:
    text = (
        "A Brenner councillor claimed travel expenses for dozens of trips he did not make"
        " over three years, according to an internal audit report."
    )
    assert said(run(text)) == [
        (
            "an internal audit report",
            "A Brenner councillor claimed travel expenses for dozens of trips he did not make"
            " over three years",
        )
    ]


def test_a_transcript_quoted_with_its_speakers_labels_is_theirs() -> None:
    text = (
        "The panel argued that the plan was naive.\n\n"
        '"Ilse Marren: Honestly, let us be serious about this. Tomas Brem says he will pay for'
        " free tuition with a tax on speculation.\n\n"
        '"Dora Lund: Well, no one thinks their savings are speculation."'
    )
    claims = said(run(text))
    assert ("Ilse Marren", "Honestly, let us be serious about this") in claims
    assert ("Dora Lund", "Well, no one thinks their savings are speculation") in claims
    assert ("Tomas Brem", "he will pay for free tuition with a tax on speculation") in claims


def test_a_title_after_on_is_not_what_was_said() -> None:
    text = (
        'Ada Krenn spoke first. "Jobs, jobs, jobs," Krenn said on "The Late Show With Tomas Brem."'
    )
    assert said(run(text)) == [("Ada Krenn", "Jobs, jobs, jobs")]


def test_a_title_that_opens_a_sentence_is_no_continuing_quotation() -> None:
    text = (
        '"We will not sell the port," Olsen said.\n\n'
        '"Go home," Olsen shouted, and the crowd left.\n\n'
        '"Harbour Lights" was nominated for a prize last year.'
    )
    assert said(run(text)) == [
        ("Olsen", "We will not sell the port"),
        ("Olsen", "Go home"),
    ]


def test_a_quotation_beside_its_speaker_stands_where_the_parse_gives_other_content() -> None:
    # the parser hangs "he said" on the "when" clause and the quotation on nothing
    text = (
        "Tomas Brenner runs the port.\n\n"
        "When Brenner first described the gate in May, he said, \u201cWe\u2019re going to build"
        " a gate; we\u2019re going to have a big, fine door in the gate; people will come in,"
        " but they will come in by the quay.\u201d"
    )
    assert claims_of(text) == [
        (
            "Tomas Brenner",
            "asserts",
            "We\u2019re going to build a gate; we\u2019re going to have a big, fine door in the"
            " gate; people will come in, but they will come in by the quay",
        )
    ]


def test_a_clause_after_the_cue_is_no_speaker_of_a_quotation() -> None:
    # the surface rule reads '... said that fact speaks volumes about which ... is "..."' as
    # a quotation and its speaker; the parse has nothing better here
    text = (
        "Brenner, meanwhile, who sits at zero such endorsements, said that fact speaks"
        ' volumes about which of the two candidates is "prepared to take on the council."'
    )
    assert all(source[:1].isupper() for source, _, _ in claims_of(text))


def test_a_follow_on_participle_is_a_claim_of_its_own() -> None:
    # the parser hangs "adding" and "noting" on the reported clause, not on "said"
    assert claims_of("Olsen said the port would stay open, adding that every ship had left.") == [
        ("Olsen", "asserts", "the port would stay open"),
        ("Olsen", "asserts", "every ship had left"),
    ]
    assert claims_of("The union said the strike would go on, noting that talks had failed.") == [
        ("The union", "asserts", "the strike would go on"),
        ("The union", "asserts", "talks had failed"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        '"The rest is up to the council. We have done our part," Tomas Brenner said.',
        'Tomas Brenner said: "The rest is up to the council. We have done our part."',
    ],
)
def test_a_quotation_of_two_sentences_is_one_claim(text: str) -> None:
    (claim,) = run(text).claims
    assert claim.source.name == "Tomas Brenner"
    assert claim.evidence.text == "The rest is up to the council. We have done our part"
    assert len(claim.sentence_ids) == 2


def test_a_quotation_whose_sentences_an_ellipsis_parts_is_one_claim() -> None:
    text = '"The rest is up to the council. . . .  We have done our part," Tomas Brenner said.'
    (claim,) = run(text).claims
    assert claim.evidence.text == "The rest is up to the council. . . .  We have done our part"


def test_a_quotation_the_content_opens_goes_on_into_the_next_sentence() -> None:
    text = (
        'Mara Olsen said she believes "some captains are angry. But those who are involved'
        ' are confident this is a wise way."'
    )
    (claim,) = run(text).claims
    assert claim.source.name == "Mara Olsen"
    assert claim.evidence.text == (
        'she believes "some captains are angry. But those who are involved are confident this'
        " is a wise way"
    )
    assert len(claim.sentence_ids) == 2


@pytest.mark.parametrize(
    ("text", "evidence", "rest"),
    [
        (
            "The port, according to the harbour board, lost 3 million marks in May.",
            "lost 3 million marks in May",
            ["The port"],
        ),
        (  # what follows "but" is a clause of its own, not the rest of the board's
            "The port lost 3 million marks in May, according to the harbour board, but the"
            " mayor disputes the figure.",
            "The port lost 3 million marks in May",
            [],
        ),
        (
            "The strike, the union said, will go on until the port pays.",
            "will go on until the port pays",
            ["The strike"],
        ),
        ("The port, as the board said, lost money in May.", "lost money in May", ["The port"]),
        ("But, Olsen added, the port would stay open all summer.", None, []),  # a connective
        (  # the parser hangs the cue on the clause's verb, before what follows it
            "Mara Olsen spoke.\n\nIt was, she said, one of the bitterest failures of her time"
            " in office.",
            "one of the bitterest failures of her time in office",
            ["It was"],
        ),
        (  # a cue that is no verb of saying, set between commas: "vowed", "promised"
            "A Brenner council, Olsen vowed, would bring better-paying jobs, renovated schools,"
            " and repaired bridges.",
            "would bring better-paying jobs, renovated schools, and repaired bridges",
            ["A Brenner council"],
        ),
    ],
)
def test_the_rest_of_an_interrupted_content_is_evidence_too(
    text: str, evidence: str | None, rest: list[str]
) -> None:
    (claim,) = run(text).claims
    if evidence is not None:
        assert claim.evidence.text == evidence
    assert [part.text for part in claim.more_evidence] == rest


def test_a_new_paragraphs_quotation_is_the_speaker_it_names_not_the_last_one() -> None:
    text = (
        "\u201cI did not see it coming,\u201d Mara Olsen said.\n\n"
        "\u201cWell, yes. I am going to look at a lot of different people,\u201d Tomas Brenner"
        " said."
    )
    assert claims_of(text) == [
        ("Mara Olsen", "asserts", "I did not see it coming"),  # a negation answering nothing
        (
            "Tomas Brenner",
            "asserts",
            "Well, yes. I am going to look at a lot of different people",
        ),
    ]
    # a quotation the paragraph before left open goes on with its speaker
    running = (
        "\u201cI did not see it coming,\u201d Mara Olsen said. \u201cNobody did.\n\n"
        "\u201cWell, yes. We will look at a lot of different people,\u201d she said."
    )
    assert {source for source, _, _ in claims_of(running)} == {"Mara Olsen"}


def test_two_quotations_and_reported_speech_stay_apart() -> None:
    quotations = '"The rest is up to the council." "We have done our part," Tomas Brenner said.'
    assert [c.evidence.text for c in run(quotations).claims] == [
        "The rest is up to the council",
        "We have done our part",
    ]
    reported = "Tomas Brenner said the rest was up to the council. The port did its part, he said."
    assert [c.evidence.text for c in run(reported).claims] == [
        "the rest was up to the council",
        "The port did its part",
    ]


@pytest.mark.parametrize(
    ("text", "outer"),
    [
        (
            "Campaign records show the port lost money in May, according to the harbour board.",
            ("the harbour board", "asserts", "Campaign records show the port lost money in May"),
        ),
        (
            "Records show the port lost money, the auditor said.",
            ("the auditor", "asserts", "Records show the port lost money"),
        ),
    ],
)
def test_a_source_whose_content_reports_another_keeps_its_claim(
    text: str, outer: tuple[str, str, str]
) -> None:
    claims = claims_of(text)
    assert outer in claims
    assert len(claims) == 2  # and the report inside it, of its own source


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        (
            '"It is a hard choice," said the harbour master, "because it sets two rights'
            ' against each other."',
            "the harbour master",
            "said",
        ),
        (
            "\u201cIt is a hard choice,\u201d Tomas Brenner told reporters on Monday, \u201cbecause"
            " it sets two rights against each other.\u201d",
            "Tomas Brenner",
            "told",
        ),
        (  # "and" before the second part
            '"It is a hard choice," said the harbour master, and "because it sets two rights'
            ' against each other."',
            "the harbour master",
            "said",
        ),
        # after another quotation of the same speaker: the cue outside the marks speaks
        (
            '"We did our part," Tomas Brenner said.\n\n"It is a hard choice," he added,'
            ' "because it sets two rights against each other."',
            "Tomas Brenner",
            "added",
        ),
    ],
)
def test_a_quotation_its_cue_interrupts_is_one_claim_of_both_parts(
    text: str, source: str, cue: str
) -> None:
    # the gold guide: the longer part is the evidence; the statement joins both
    claim = run(text).claims[-1]
    assert (claim.source.name, claim.cue, claim.evidence.text) == (
        source,
        cue,
        "because it sets two rights against each other",
    )
    assert claim.statement == "It is a hard choice because it sets two rights against each other"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation that does not run on after the cue, and quoted words in the content
        ('"We did our part" was all Brenner said, "every time."', ["We did our part"]),
        ('The "reform," Brenner said, was a "farce."', ['was a "farce']),
    ],
)
def test_quotations_no_cue_interrupts_add_nothing(text: str, expected: list[str]) -> None:
    claims = run(text).claims
    assert [c.evidence.text for c in claims] == expected
    # nor does the statement take in the other quotation as a part of this one
    assert not any("every time" in (c.statement or "") for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        # the quotation goes on in a sentence of its own, in the same paragraph or the next
        '"We did our part," Tomas Brenner said. "I want the council to know the port stays open."',
        '"We did our part," Tomas Brenner said.\n\n"I want the council to know the port stays'
        ' open. We think the levy will fall."',
    ],
)
def test_what_a_continuing_quotation_attributes_inside_it_is_its_speakers(text: str) -> None:
    claims = run(text).claims
    assert [(c.source.name, c.cue) for c in claims] == [
        ("Tomas Brenner", "said"),
        ("Tomas Brenner", None),
    ]
    assert claims[1].evidence.text.startswith("I want the council to know the port stays open")


def test_a_quotation_nobody_speaks_keeps_what_is_attributed_inside_it() -> None:
    (claim,) = run('"The council says the port stays open."').claims
    assert (claim.source.name, claim.evidence.text) == ("The council", "the port stays open")


def test_a_speakers_turn_in_a_transcript_is_one_claim_of_that_speaker() -> None:
    text = (
        "The harbour board heard two witnesses on Tuesday.\n\n"
        "Q: Did the ministry help you after the flood?\n\n"
        "A: No, nobody did. Nobody called. I think they forgot us.\n\n"
        "BRENNER: I believe the levy is a mistake. It will cost the port dearly."
    )
    # a question claims nothing; an answer, with no one named it could be, stays "A"'s
    assert [(c.source.name, c.evidence.text, len(c.sentence_ids)) for c in run(text).claims] == [
        ("A", "No, nobody did. Nobody called. I think they forgot us", 3),
        ("BRENNER", "I believe the levy is a mistake. It will cost the port dearly", 2),
    ]


def test_a_colon_hands_over_to_the_quotation_of_the_next_paragraph() -> None:
    text = (
        "Tomas Brenner, the harbour master, spoke after the vote.\n\n"
        "Brenner continued:\n\n"
        '"The levy is not about \u201cfair shares\u201d any more. It is about the budget."\n\n'
        '"Nobody asked the crews."'
    )
    assert said(run(text)) == [
        (
            "Tomas Brenner",
            "The levy is not about \u201cfair shares\u201d any more. It is about the budget",
        ),
        ("Tomas Brenner", "Nobody asked the crews"),
    ]
    # a colon with no reporting verb before it hands over to nobody
    assert run('The list was short:\n\n"Nobody asked the crews."').claims == []


def test_a_line_with_no_speaker_that_hands_over_keeps_the_last_speaker() -> None:
    text = (
        'At the harbour on Tuesday, Tomas Brenner said, "We will sail in the spring."\n\n'
        "The transcript follows:\n\n"
        '"We thought we could keep the port open. We could not. I love this town."'
    )
    assert said(run(text)) == [
        ("Tomas Brenner", "We will sail in the spring"),
        ("Tomas Brenner", "We thought we could keep the port open. We could not. I love this town"),
    ]


@pytest.mark.parametrize(
    "middle",
    [
        "You think you can sit down with them and talk?",  # a "you" no one can resolve
        "I doubt they would listen.",
    ],
)
def test_a_quotation_of_several_sentences_keeps_what_is_attributed_inside_it(
    middle: str,
) -> None:
    text = (
        "Marta Olsen spoke at the fair on Sunday.\n\n"
        f"\u201cNobody wants a strike. {middle} No, that is not possible. I don\u2019t "
        "think the council wants to close the harbour,\u201d she said."
    )
    (claim,) = run(text).claims
    assert claim.source.name == "Marta Olsen"
    assert claim.evidence.text == (
        f"Nobody wants a strike. {middle} No, that is not possible. I don\u2019t think the "
        "council wants to close the harbour"
    )


def test_a_question_inside_a_quotation_does_not_cut_its_first_words_off() -> None:
    text = 'Pavel Brem spoke on Monday.\n\n"Do I bear blame for the flood? So, you know, let\'s move on," he said.'
    assert said(run(text)) == [
        ("Pavel Brem", "Do I bear blame for the flood? So, you know, let's move on")
    ]


def test_a_paragraph_that_opens_with_a_stray_closing_mark_still_quotes() -> None:
    # the opening mark was lost; the paragraph's second quotation runs over three sentences
    text = (
        "Ada Krenn was critical of the board.\n\n"
        "\u201d \u2026 they are so unlike him,\u201d she said in May. \u201cMy father would "
        "be upset. I don\u2019t think he would join the board. If a founder came along now, "
        "I doubt the board would accept him.\u201d"
    )
    assert said(run(text)) == [
        ("Ada Krenn", "\u2026 they are so unlike him"),
        (
            "Ada Krenn",
            "My father would be upset. I don\u2019t think he would join the board. If a founder "
            "came along now, I doubt the board would accept him",
        ),
    ]


@pytest.mark.parametrize("marks", [("\u201c", "\u201d"), ("''", "''")])
def test_a_quotation_after_a_quoted_phrase_is_the_same_speakers(marks: tuple[str, str]) -> None:
    opening, closing = marks
    text = (
        f"The levy plans are {opening}deeply unfair,{closing} said Pavel Brem, a director at "
        f"the Harbour Institute. {opening}It leaves people like me speechless.{closing}"
    )
    assert [c.source.name for c in run(text).claims] == ["Pavel Brem", "Pavel Brem"]
    assert run(text).claims[1].evidence.text == "It leaves people like me speechless"


def test_a_phrase_quoted_in_the_last_paragraph_gives_its_speaker_no_new_quotation() -> None:
    text = (
        "An inspection report found that the sprinkler system was \u201cnot functional\u201d "
        "in the dyeing hall.\n\n"
        "The federation accused the owners of ignoring warnings. \u201cThese deaths were not "
        "an accident. They were a decision,\u201d federation leader Odile Marchetti said.\n\n"
        "Pieter Vandrell said he had alerted the company in May. \u201cI wrote to three addresses. "
        "Nobody answered,\u201d he said."
    )
    speakers = [(c.source.name, c.evidence.text) for c in run(text).claims]
    assert (
        "Odile Marchetti",
        "These deaths were not an accident. They were a decision",
    ) in speakers
    assert ("Pieter Vandrell", "I wrote to three addresses. Nobody answered") in speakers
    # a phrase quoted at the end of a claim reaches no further than its paragraph
    later = run(
        'The ministry said the strike had been "lawful."\n\n'
        'The rebel commander Daran Sefi rejected the accusation. "They always say this."'
    )
    assert "They always say this" not in [c.evidence.text for c in later.claims]


def test_an_appositive_name_with_a_hyphen_is_the_source() -> None:
    text = (
        "The federation's president, Karl-Otto Wenning, told reporters that the committee "
        'would meet within 30 days. "Nobody is above the rules," he said.'
    )
    assert [c.source.name for c in run(text).claims] == ["Karl-Otto Wenning", "Karl-Otto Wenning"]


def test_he_after_a_described_candidate_who_spoke_is_that_candidate() -> None:
    text = (
        "Councillor Ada Krenn lost her seat in May.\n\n"
        '"The harbour needs a new plan," the Green party candidate said on Monday.\n\n'
        'The old plan was "long overdue for a rethink," he added.'
    )
    assert [c.source.name for c in run(text).claims] == [
        "the Green party candidate",
        "the Green party candidate",
    ]


def test_the_summary_leaves_out_a_headline_and_keeps_its_claims() -> None:
    text = (
        "Flooding kills at least 12 in northern Veloria, officials say\n\n"
        "Floodwaters swept through three villages overnight, killing at least 12 people, "
        "regional officials said on Friday.\n\n"
        "A local aid group, Riverside Relief, put the death toll at 19 on Saturday."
    )
    result = run(text)
    assert result.article.title == "Flooding kills at least 12 in northern Veloria, officials say"
    assert [s.sentence_ids for s in result.summary.sentences] == [["S2"], ["S3"]]
    assert "S1" in [i for c in result.claims for i in c.sentence_ids]


def test_a_party_described_again_is_the_one_named_before() -> None:
    text = (
        "The national water agency denied that the dam had failed. The agency did not "
        "respond to questions about the spillway. The finance ministry declined to comment."
    )
    assert [n.source.name for n in run(text).non_responses] == [
        "The national water agency",
        "The finance ministry",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser makes the relative clause the verb's complement and leaves it no subject
        (
            "Mara Olsen, meanwhile, who has no such backing, said the vote speaks volumes "
            "about the two candidates.",
            ("Mara Olsen", "the vote speaks volumes about the two candidates"),
        ),
        # the parser hangs a relative clause after the verb on it as a second complement
        (
            "\u201cWe\u2019re going to tax you when those boats come in,\u201d Brenner said in "
            "February of boat maker Carlo Marine Corp., whose parent company Tessel Group Inc. "
            "moved 1,400 jobs to Vasko.",
            ("Brenner", "We\u2019re going to tax you when those boats come in"),
        ),
    ],
)
def test_a_garbled_parse_keeps_the_speaker_and_what_was_said(
    text: str, expected: tuple[str, str]
) -> None:
    assert said(run(text)) == [expected]


def test_denying_that_points_at_a_claim_made_elsewhere() -> None:
    text = "Interior Minister Oskar Tenneby denied that, calling the claim \u201ca fantasy.\u201d"
    assert [(c.cue, c.evidence.text) for c in run(text).claims] == [
        ("calling", "the claim \u201ca fantasy")
    ]
    assert run("Henrike Valmont rejected that explanation on Friday.").claims == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an act named by a reporting verb, with a quoted name as its object
        (
            "The bill, which would allow the cabinet to declare a \u201cstate of civil "
            "necessity\u201d for up to 90 days, passed by 112 votes to 97.",
            [],
        ),
        (
            'Mara Olsen went on to say, "The port will not close while I am mayor."',
            [("Mara Olsen", "The port will not close while I am mayor")],
        ),
        # a clause before the verb is one of its own
        (
            "Police estimated the crowd at about 400; organisers put it at more than 3,000.",
            [("Police", "the crowd at about 400"), ("organisers", "it at more than 3,000")],
        ),
    ],
)
def test_what_an_infinitive_or_a_second_clause_reports(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert said(run(text)) == expected


def test_according_to_inside_a_relative_clause_and_a_long_subject() -> None:
    text = (
        "Marek Soldan said the company's investment in its network, which now covers 64 "
        "percent of the population according to Brakmoor, would start paying for itself in "
        "2027."
    )
    assert said(run(text)) == [
        (
            "Marek Soldan",
            "the company's investment in its network, which now covers 64 percent of the "
            "population according to Brakmoor, would start paying for itself in 2027",
        )
    ]
    relative = run(
        "The network, which now covers 64 percent of the population according to Brakmoor, "
        "cost 2 billion kessar."
    )
    assert said(relative) == [("Brakmoor", "now covers 64 percent of the population")]
    # a company that reports its results says nothing yet
    assert run("Vantry, which reports its own results next week, cut 200 jobs.").claims == []


def test_what_a_statement_left_unsaid_is_no_claim() -> None:
    assert run("He did not say who had applied the pressure.").claims == []
    assert run("The report did not say which candidate had benefited.").non_responses == []


def test_figures_a_body_issued_are_named_with_it() -> None:
    text = (
        "Figures published last month by the telecoms regulator, the Communications "
        "Authority, put the active subscriber count at 9.8 million."
    )
    (claim,) = run(text).claims
    assert (claim.source.name, claim.source.type) == (
        "Figures published last month by the telecoms regulator",
        "document",
    )
    (plain,) = run("A report said 40 people had died.").claims  # no issuer: as written
    assert (plain.source.name, plain.source.type) == ("A report", "document")
    # an issuer between commas is an aside: the source stays a phrase of the sentence, so a
    # summary that quotes the sentence still names it
    (aside,) = run(
        "The report, prepared by the accounting firm Lund & Berrow, says the payments went "
        "to a consultancy."
    ).claims
    assert aside.source.name == "The report"


def test_an_impersonal_passive_is_a_claim_nobody_is_named_for() -> None:
    (claim,) = run("It is alleged that the harbour master took bribes.").claims
    assert (claim.source.name, claim.source.type) == ("anonymous", "anonymous")
    assert claim.evidence.text == "the harbour master took bribes"
    assert claim.stance == "alleges"
    assert run("It was decided that the port would close.").claims == []  # no reporting verb


def test_a_parenthetical_cue_splits_the_content_and_the_statement_joins_it() -> None:
    (claim,) = run("The harbour tunnel, the engineer said, is safe for lorries.").claims
    assert claim.source.name == "the engineer"
    assert claim.evidence.text == "is safe for lorries"  # the longer part, without cue or source
    assert claim.statement == "The harbour tunnel is safe for lorries"


def test_pronouns_resolve_to_the_person_a_sentence_named() -> None:
    text = (
        "Mara Olsen said the strike would go on.\n\n"
        "The port's director, Ana Ruiz, met the workers on Tuesday.\n\n"
        "She said the port would reopen within days."
    )
    assert said(run(text)) == [
        ("Mara Olsen", "the strike would go on"),
        ("Ana Ruiz", "the port would reopen within days"),
    ]


def test_a_role_said_again_is_the_person_it_was_said_of() -> None:
    text = (
        "Vashek's lawyer, Pell Ormund, dismissed the figure. \"My client signed what was put "
        'in front of him," Ormund said.\n\n'
        '"Then what you have described," the lawyer said, "is a conversation with someone '
        'who is not on trial."\n\n'
        "Interior Minister Galen Troy visited the town on Friday. The minister said an "
        "inquiry would follow.\n\n"
        "The judge said the trial would resume on Monday."  # no judge named: as written
    )
    assert [c.source.name for c in run(text).claims] == [
        "Pell Ormund",
        "Pell Ormund",
        "Galen Troy",
        "The judge",
    ]


def test_she_after_a_relative_named_by_a_first_name_is_that_relative() -> None:
    text = (
        "A force spokesman said the statement reflected what was known at the time.\n\n"
        "Teskovic's sister, Miriam, said her brother had called her that evening. "
        '"He sounded normal," she said.\n\n'
        "Her daughter, Freya, a nurse in Tarven, says the family rarely spoke of it."
    )
    assert [(c.source.name, c.source.type) for c in run(text).claims] == [
        ("A force spokesman", "person"),
        ("Miriam", "person"),
        ("Miriam", "person"),
        ("Freya", "person"),
    ]


def test_a_known_surname_as_a_subject_is_whom_she_stands_for() -> None:
    text = (
        "Ilse Varnock said the rescue took nine hours.\n\n"
        "Kaspar Lind died in 2003. Varnock attended his funeral. She says she has now "
        "attended the funerals of nine of the survivors."
    )
    assert [c.source.name for c in run(text).claims] == ["Ilse Varnock", "Ilse Varnock"]


def test_he_after_a_quotation_naming_someone_else_is_its_speaker() -> None:
    text = (
        '"Everyone here should vote for Ilse Marrow," Tomas Brenner said.\n\n'
        '"The levy is the only question," he added.'
    )
    assert said(run(text)) == [
        ("Tomas Brenner", "Everyone here should vote for Ilse Marrow"),
        ("Tomas Brenner", "The levy is the only question"),
    ]


def test_the_summary_gives_the_other_side_of_a_conflict_the_lead_opens() -> None:
    text = (
        "Rebels of the Amsul Front said a drone strike on the market in Amsul killed 41"
        " civilians on Tuesday. The market is the largest in the eastern province and draws"
        " traders from three districts. Fighting in the province has displaced thousands of"
        " families since the spring.\n\nThe army said nine people had died in the strike, all"
        " of them fighters."
    )
    summary = [s.text for s in run(text, sentences=3).summary.sentences]
    assert summary[0].startswith("Rebels of the Amsul Front said")
    assert summary[-1] == "The army said nine people had died in the strike, all of them fighters."
    assert len(summary) == 3


@pytest.mark.parametrize(
    ("text", "claims", "parties"),
    [
        (  # what is said beside a refusal is a claim
            "Ada Krenn, the district chair, declined to name the three delegates but said one"
            " was a Brem supporter.",
            [("Ada Krenn", "one was a Brem supporter")],
            ["Ada Krenn"],
        ),
        (  # a comma ends the refusal; "also" is no part of the party's name
            "A spokeswoman for Brenner Shipping also declined to comment, saying that nobody"
            " involved remains at the firm.",
            [("A spokeswoman for Brenner Shipping", "nobody involved remains at the firm")],
            ["A spokeswoman for Brenner Shipping"],
        ),
        (  # what was refused is not
            "Krenn declined to say whether the port would close.",
            [],
            ["Krenn"],
        ),
        (  # nor a refusal that a cue reports
            "The harbour board said it would not comment on individual cases.",
            [],
            ["The harbour board"],
        ),
        (
            "A receptionist at the Brenner Shipping office said no one was available.",
            [],
            ["A receptionist at the Brenner Shipping office"],
        ),
        (  # nor what a question asked about
            "Tarrant did not respond to questions about whether other operators had reported"
            " similar faults.",
            [],
            ["Tarrant"],
        ),
        (  # "it" before the party that refused is not that party
            "The Kestravian army said on Monday that it had hit a depot.\n\nThe army released"
            " a video, which it said showed secondary explosions; the defence ministry did not"
            " answer a request to release the full footage.",
            [
                ("The Kestravian army", "it had hit a depot"),
                ("The Kestravian army", "showed secondary explosions"),
            ],
            ["the defence ministry"],
        ),
    ],
)
def test_a_claim_beside_a_non_response_is_kept_and_the_refusal_is_not_a_claim(
    text: str, claims: list[tuple[str, str]], parties: list[str]
) -> None:
    result = run(text)
    assert said(result) == claims
    assert [n.source.name for n in result.non_responses] == parties


def test_the_summary_names_the_speaker_of_a_leading_pronoun() -> None:
    text = (
        "Dock workers at the port of Kestravia walked out on Monday.\n\n"
        "Union leader Mara Olsen said the strike would last a week.\n\n"
        "She added that 4,000 members had joined the strike."
    )
    result = run(text)
    assert result.summary.sentences[-1].text == (
        "Mara Olsen added that 4,000 members had joined the strike."
    )
    assert result.meta.verify.summary_dropped == 0


@pytest.mark.parametrize(
    ("sentence", "parties"),
    [
        (
            "The finance ministry did not respond, and the prime minister's office could not "
            "be reached.",
            ["The finance ministry", "the prime minister's office"],
        ),
        ("Its chief executive, Ines Marlow, did not return calls.", ["Ines Marlow"]),
        (
            "The finance ministry, which must approve the budget, did not respond to a request "
            "for comment.",
            ["The finance ministry"],
        ),
        ("The embassy would not comment on the case.", ["The embassy"]),
        ("Attempts to reach the mayor for comment were unsuccessful.", ["the mayor"]),
        (
            "Requests for comment on the report were not answered by the army or the police.",
            ["the army", "the police"],
        ),
        # every party of a list before the verb, the first one too
        (
            "The defence ministry, the presidential office and the air force did not answer "
            "requests for comment.",
            ["The defence ministry", "the presidential office", "the air force"],
        ),
        (
            "On Monday, the police and the fire service did not answer requests for comment.",
            ["the police", "the fire service"],
        ),
        (
            "The mayor spoke at length, but the police and the fire service did not answer.",
            ["the police", "the fire service"],
        ),
        (
            "Le ministère de l'Industrie n'a pas souhaité faire de commentaire.",
            ["Le ministère de l'Industrie"],
        ),
        ("Hidrocastal no respondió a las solicitudes de comentarios.", ["Hidrocastal"]),
        ("The army said it would not back down.", []),
        # the name in an appositive that a relative clause goes on from
        (
            "His brother-in-law, Edrik Salm, who has not been charged, could not be reached.",
            ["Edrik Salm"],
        ),
        # a subordinator is no part of the party
        ("Aske said eight colleagues agreed, though he declined to name them.", ["he"]),
        # what a statement left out, and a clause of reasons, answer no request
        ("The report did not say which candidate had benefited.", []),
        ("The toll would rise, Olsen said, because rescuers had not yet reached two villages.", []),
    ],
)
def test_non_responses(sentence: str, parties: list[str]) -> None:
    assert [party for party, _ in find_non_responses(sentence)] == parties


@pytest.mark.parametrize(
    ("phrase", "name", "kind"),
    [
        ("Union leader Mara Olsen", "Mara Olsen", "person"),
        ("Corvane Minerals", "Corvane Minerals", "company"),
        # a country or region that speaks is a government; one word is a place only as a
        # country ("Paul" is also a region of Cabo Verde)
        ("Syria", "Syria", "government"),
        ("New Hampshire", "New Hampshire", "government"),
        ("South Carolina", "South Carolina", "government"),
        ("Paul", "Paul", "unknown"),
        ("a spokesman for the Harbour Union", "Harbour Union", "organization"),
        ("the Free Valley Coalition", "Free Valley Coalition", "organization"),
        (
            "an official who spoke on condition of anonymity",
            "an official who spoke on condition of anonymity",
            "anonymous",
        ),
        # a title before a person's name: the person
        ("Interior Minister Galen Troy", "Interior Minister Galen Troy", "person"),
        ("Bank of Valdenia", "Bank of Valdenia", "company"),
        # a name that is no person's, unnamed officials, an office
        ("the opposition Civic Front", "Civic Front", "organization"),
        ("Amnesty International", "Amnesty International", "organization"),
        ("regional officials", "regional officials", "anonymous"),
        ("The regional emergency office", "The regional emergency office", "government"),
        (
            "Professor Elias Grunwald of the University of Ardenvale",
            "Professor Elias Grunwald of the University of Ardenvale",
            "person",
        ),
        ("company registry filings", "company registry filings", "document"),
        ("Marek Soldan of Oakvell Capital", "Marek Soldan of Oakvell Capital", "person"),
        ("The Civil Protection Directorate", "The Civil Protection Directorate", "government"),
        ("Several villagers", "Several villagers", "anonymous"),
        ("Meteorologists", "Meteorologists", "anonymous"),
        ("the official inquiry report", "the official inquiry report", "document"),
        ("the Ostrana Ledger", "Ostrana Ledger", "media"),
        ("the board member", "the board member", "person"),
        (
            "The chair of the athletes' commission",
            "The chair of the athletes' commission",
            "person",
        ),
    ],
)
def test_source_names_and_types(phrase: str, name: str, kind: str) -> None:
    assert canonical_name(phrase) == name
    assert source_type(phrase, name) == kind


def test_unnamed_people_of_a_place_are_anonymous_as_written() -> None:
    (claim,) = run("Villagers in Dunstal and Orrin said the water rose overnight.").claims
    assert (claim.source.name, claim.source.type) == ("Villagers in Dunstal and Orrin", "anonymous")


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        (
            "A local aid group, Riverside Relief, put the death toll at 19.",
            "Riverside Relief",
            "organization",
        ),
        ("The state news agency, Kortel, said 19 people died.", "Kortel", "media"),
        ("The army's former spokesman, Ilan Varga, said 19 people died.", "Ilan Varga", "person"),
        (
            "The federation's secretary general, Povl Strandqvist, said the case was open.",
            "Povl Strandqvist",
            "person",
        ),
    ],
)
def test_a_source_named_after_its_description_is_typed_by_it(
    sentence: str, name: str, kind: str
) -> None:
    (claim,) = run(sentence).claims
    assert (claim.source.name, claim.source.type) == (name, kind)


def test_french_and_spanish_articles_get_their_rules_and_say_so() -> None:
    french = run(
        "Selon la préfecture, 12 personnes ont été légèrement blessées.\n\n"
        "« Le feu est maîtrisé », a déclaré Henri Castagnède, le directeur des secours."
    )
    assert said(french) == [
        ("la préfecture", "12 personnes ont été légèrement blessées"),
        ("Henri Castagnède", "Le feu est maîtrisé"),
    ]
    assert any("French and Spanish" in w.message for w in french.warnings)
    spanish = run(
        "«Esta ciudad no va a pagar el doble», dijo Marisol Quintero, portavoz de la coordinadora."
    )
    assert said(spanish) == [("Marisol Quintero", "Esta ciudad no va a pagar el doble")]


@pytest.mark.parametrize(
    ("sentence", "parties"),
    [
        ("Calls to the offices of Harlow Dredging went unanswered on Friday.", ["Harlow Dredging"]),
        (
            "Emails sent to the Tessel Port Authority were not returned.",
            ["the Tessel Port Authority"],
        ),
        (
            "Neither the fisheries agency nor the coastguard responded to questions.",
            ["the fisheries agency", "the coastguard"],
        ),
        ("Reached by phone, the mill's owner, Ada Krenn, hung up.", ["Ada Krenn"]),
        ("The trust said it would not comment on staff matters.", ["The trust"]),
        ("Its director has yet to respond to written questions.", ["Its director"]),
        ("The mayor declined interview requests this week.", ["The mayor"]),
        (
            "Attempts to contact the ferry's operator, Norsund Lines, by phone and email were unsuccessful.",
            ["Norsund Lines"],
        ),
        (
            "Requests went to the county health board, which did not respond.",
            ["the county health board"],
        ),
        (
            "Spokespeople for the port and the shipping line did not respond to emails.",
            ["the port", "the shipping line"],
        ),
        # look-alikes: no request for comment was turned down
        ("The lifeboat crew responded to the call within ten minutes.", []),
        ("The bank did not comment on the merger in its annual report.", []),
        ("The island could not be reached by ferry for two days.", []),
    ],
)
def test_non_response_forms(sentence: str, parties: list[str]) -> None:
    assert [party for party, _ in find_non_responses(sentence)] == parties


@pytest.mark.parametrize(
    ("sentence", "parties"),
    [
        ("A clerk at Ranmoor Freight said no one was available to comment.", ["Ranmoor Freight"]),
        (
            "A man who answered the phone at Ilse Varga's flat said she was not giving interviews.",
            ["Ilse Varga"],
        ),
        (
            "The agency's director, Jonas Pellow, reached at home, said he had not read the audit "
            "and declined to comment.",
            ["Jonas Pellow"],
        ),
        (
            "Councillor Bram Oduya walked past reporters without answering their questions.",
            ["Councillor Bram Oduya"],
        ),
        (
            "Repeated requests for an interview with the harbour master were declined.",
            ["the harbour master"],
        ),
        ("No one answered the door at the home of Greta Solvik on Monday.", ["Greta Solvik"]),
        ("An email to Cobalt Tiles bounced back.", ["Cobalt Tiles"]),
        ("The trust has not made any public statement since Friday.", ["The trust"]),
        # look-alikes
        ("The pump had not responded to a remote reset, the engineer said.", []),
        ("Three patients had not responded to the first treatment.", []),
    ],
)
def test_non_responses_spoken_for_or_shown(sentence: str, parties: list[str]) -> None:
    assert [party for party, _ in find_non_responses(sentence)] == parties


@pytest.mark.parametrize(
    ("sentence", "parties"),
    [
        (
            "The harbour master, the county sheriff and the ferry operator, whose boats were "
            "docked all week, did not respond to questions on Monday.",
            ["The harbour master", "the county sheriff", "the ferry operator"],
        ),
        (
            "Both of the referees named in the complaint, the Dutchman Piet Hollen and the "
            "linesman Arno Vasse, have not commented publicly.",
            ["the Dutchman Piet Hollen", "the linesman Arno Vasse"],
        ),
        (
            "Requests for comment from the water regulator, which approved the permit, "
            "went unanswered.",
            ["the water regulator"],
        ),
        (
            "Coach Edda Lunn said she had not read the letter and could not comment.",
            ["Coach Edda Lunn"],
        ),
        (
            "The mill's owner, Sorrel Textiles, confirmed the layoffs but did not respond to "
            "questions about pay.",
            ["Sorrel Textiles"],
        ),
        (
            'The tax office said only that "the review continues" and would not elaborate.',
            ["The tax office"],
        ),
        ("The navy declined to confirm the sighting.", ["The navy"]),
        # look-alikes: machines and patients do not decline requests for comment
        ("The engine did not respond when the pilot tried to restart it.", []),
        ("The trawler did not respond to radio calls from the coastguard.", []),
        ("Quarry Systems has not commented publicly on the fine.", ["Quarry Systems"]),
    ],
)
def test_non_responses_in_lists_clauses_and_conjoined_verbs(
    sentence: str, parties: list[str]
) -> None:
    assert [party for party, _ in find_non_responses(sentence)] == parties


def test_a_third_party_at_its_office_speaks_for_the_party_just_named() -> None:
    result = run(
        "The fire service said the cause was under investigation. Brennard Power did not "
        "respond to two emails. A receptionist at its head office said nobody was available "
        "to talk about the fire."
    )
    assert [n.source.name for n in result.non_responses] == ["Brennard Power"]


def test_he_after_an_unnamed_spokesman_is_the_spokesman() -> None:
    result = run(
        "Minister Arvid Tolle said the talks had stalled. A spokesman for the Osmark embassy "
        "said the crew were safe. He declined to say whether the embassy had spoken to the owners."
    )
    assert [n.source.name for n in result.non_responses] == ["A spokesman for the Osmark embassy"]


def test_a_negated_claim_is_a_denial_and_conflicts_with_what_it_denies() -> None:
    result = run(
        "Fishermen in Port Alva said the cannery had dumped fish waste into the harbour for "
        "months. The cannery's manager, Lukas Brem, said no waste had ever been dumped into "
        "the harbour. The harbour board said it would test the water next week."
    )
    by_text = {c.evidence.text.split()[0]: c for c in result.claims}
    denial, accusation, plan = by_text["no"], by_text["the"], by_text["it"]
    assert denial.stance == "denies" and accusation.stance != "denies"
    pairs = [set(c.claim_ids) for c in result.conflicts]
    assert {denial.id, accusation.id} in pairs
    assert not any(plan.id in pair for pair in pairs)


def test_counts_in_words_and_counted_nouns_make_a_conflict() -> None:
    result = run(
        "Health officials said 212 cases of measles had been confirmed in Dunvale since "
        "January. A parents' group said its members had counted more than 400 cases. The "
        "clinic said nine nurses had been added to the vaccination team."
    )
    by_source = {c.source.name: c for c in result.claims}
    pairs = [set(c.claim_ids) for c in result.conflicts]
    assert {by_source["Health officials"].id, by_source["A parents' group"].id} in pairs
    nurses = by_source["The clinic"].id
    assert not any(nurses in pair for pair in pairs)


def test_an_appositive_name_is_the_source_and_a_place_stays_in_its_group() -> None:
    result = run(
        "The cannery's manager, Lukas Brem, said no waste had been dumped. Fishermen in Port "
        "Alva said the harbour had smelled of fish for months. A spokesman for the port, Ivo "
        "Sand, said the berth would reopen. Brem added that the cannery would sue."
    )
    names = [c.source.name for c in result.claims]
    assert names == ["Lukas Brem", "Fishermen in Port Alva", "Ivo Sand", "Lukas Brem"]
    assert result.claims[0].source.type == "person"


def _pairs_by_source(result: Result) -> tuple[dict[str, str], list[set[str]]]:
    ids = {c.source.name: c.id for c in result.claims}
    return ids, [set(c.claim_ids) for c in result.conflicts]


def test_a_denial_answers_the_claim_it_shares_the_telling_words_with() -> None:
    # "workers" is in every claim; "hiring replacement" (stems, not spellings) picks the one
    result = run(
        "About 3,000 workers joined the walkout at the Tessel yard, the Shipwrights' Guild "
        "said. The guild accused the yard of hiring replacement crews through an agency. The "
        "yard's director, Ona Falk, denied that any replacement workers had been hired."
    )
    ids, pairs = _pairs_by_source(result)
    accusation = next(c.id for c in result.claims if "crews" in c.evidence.text)
    assert {accusation, ids["Ona Falk"]} in pairs
    walkout = next(c.id for c in result.claims if "walkout" in (c.statement or ""))
    assert {walkout, ids["Ona Falk"]} not in pairs


@pytest.mark.parametrize(
    ("first", "second", "disagrees"),
    [
        (
            "The army said nine people had died.",
            "A health official said 34 bodies had been brought in.",
            True,
        ),
        ("Police said 14 officers were injured.", "Medics said 40 people were hurt.", True),
        # people counted doing different things, and figures of different years
        (
            "Organisers said 120,000 people took part.",
            "Police said 14 officers were injured.",
            False,
        ),
        (
            "Officials said 3,800 people were moved to shelters.",
            "The agency said 14 people were killed.",
            False,
        ),
        # "dead" of the fish, not of people
        (
            "The fisheries office said 4,000 dead fish were found.",
            "The agency said 14 people were dead.",
            False,
        ),
        (
            "The bank said the economy would grow by 1.2 percent this year.",
            "An economist said inflation would stay above 7 percent next year.",
            False,
        ),
    ],
)
def test_counts_of_people_conflict_only_when_they_count_the_same_thing(
    first: str, second: str, disagrees: bool
) -> None:
    result = run(f"{first} {second}")
    assert len(result.claims) == 2
    assert bool(result.conflicts) is disagrees


@pytest.mark.parametrize(
    ("second", "disagrees"),
    [
        # a negation answers a claim only with more than one telling word in common
        ("Petra Lindqvist said snowmelt had not raised the river at all.", True),
        ("Petra Lindqvist said snowmelt does not stop at a fence line.", False),
    ],
)
def test_a_negation_answers_a_claim_it_shares_more_than_a_word_with(
    second: str, disagrees: bool
) -> None:
    result = run(f"The company said snowmelt from the hills had raised the river. {second}")
    # a negation that answers no claim asserts what it says
    assert [c.stance for c in result.claims] == ["asserts", "denies" if disagrees else "asserts"]
    assert bool(result.conflicts) is disagrees


@pytest.mark.parametrize(
    "sentence",
    [
        "The army said nine people had died, but the rebels said 40 civilians were killed.",
        "The army said nine people had died, while the rebels said 40 civilians were killed.",
    ],
)
def test_two_sources_set_side_by_side_in_a_sentence_are_two_claims_in_conflict(
    sentence: str,
) -> None:
    result = run(sentence)
    assert said(result) == [
        ("The army", "nine people had died"),
        ("the rebels", "40 civilians were killed"),
    ]
    assert len(result.conflicts) == 1


def test_a_denial_answers_what_another_source_said_of_the_one_who_denies() -> None:
    result = run(
        "The health institute said samples of chicken from a stall run by Brannic Catering"
        " had tested positive for salmonella. The outbreak has made 41 people ill, the"
        " institute said.\n\nBrannic Catering denied that its food was the source of the"
        " outbreak."
    )
    ids, pairs = _pairs_by_source(result)
    samples = next(c.id for c in result.claims if "samples" in c.evidence.text)
    ill = next(c.id for c in result.claims if "ill" in c.evidence.text.split())
    assert {samples, ids["Brannic Catering"]} in pairs
    assert {ill, ids["Brannic Catering"]} not in pairs  # "outbreak" alone said less


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        (
            'The army said the hospital\'s figures were "propaganda dictated by the rebels."',
            "disputes",
        ),
        (
            'The delegation called the Veskan figure "a fiction designed to wreck the talks."',
            "disputes",
        ),
        ("Dray said the charges were baseless and misleading.", "disputes"),
        ("Olsen said the drill had been a false alarm.", "asserts"),  # "false" of the alarm
    ],
)
def test_content_that_calls_another_account_untrue_disputes_it(sentence: str, stance: str) -> None:
    (claim,) = run(sentence).claims
    assert claim.stance == stance


@pytest.mark.parametrize(
    ("second", "disagrees"),
    [
        ("Police put the figure at 9,000.", True),  # "the figure": the count given last
        ("Police put the crowd at about 9,000.", True),
        ("Police put the figure at 20,000.", False),  # the same number
        ("Police said 9,000 officers were on duty.", False),  # another count altogether
    ],
)
def test_a_count_named_before_its_number_answers_the_count_given_before(
    second: str, disagrees: bool
) -> None:
    result = run(f"Organisers said 20,000 protesters marched to the Dunmere palace. {second}")
    ids, pairs = _pairs_by_source(result)
    assert ({ids["Organisers"], ids["Police"]} in pairs) is disagrees


def test_the_dead_the_missing_and_an_increment_are_counts_apart() -> None:
    result = run(
        "Floodwaters swept through three villages, killing at least 12 people, regional "
        "officials said. The emergency office said 12 bodies had been recovered and that 30 "
        "people were still missing. Riverside Relief put the death toll at 19. Its "
        "volunteers said they had counted seven more bodies in the village of Karsk."
    )
    ids, pairs = _pairs_by_source(result)
    assert {ids["regional officials"], ids["Riverside Relief"]} in pairs  # 12 dead, 19 dead
    assert {ids["The emergency office"], ids["Riverside Relief"]} in pairs
    # 12 dead agree with 12 dead, whatever the missing; seven more is no count of its own
    assert {ids["regional officials"], ids["The emergency office"]} not in pairs
    assert len(result.conflicts) == 2


def test_sums_of_money_conflict_only_about_the_same_thing() -> None:
    same = run(
        "The council said repairs to the Sallow baths would cost 2.1 million marks. "
        "Campaigners said an engineer had put the cost of the repairs at about 800,000 marks."
    )
    ids, pairs = _pairs_by_source(same)
    assert {ids["The council"], ids["Campaigners"]} in pairs  # 2,100,000 against 800,000
    for currency in ("crowns", "marks"):  # the unit itself is no word in common
        unrelated = run(
            f"Investigators said 1.2 million {currency} had been moved to an account abroad. "
            f"The Harbour Gazette reported that the mayor bought a villa for 900,000 {currency}."
        )
        assert unrelated.conflicts == []
    equal = run(
        "The council said the repairs would cost 1.5 million marks. Campaigners said the "
        "repairs would cost 1,500,000 marks at most."
    )
    assert equal.conflicts == []


def test_there_was_no_and_had_no_are_denials() -> None:
    result = run(
        "The army said its jets had struck a weapons depot in Varn on Sunday. A trader, "
        "Edda Moll, said there was no weapons depot in the town. The airline said it had "
        "no record of a complaint from the crew. The mayor said the market was busy."
    )
    stances = {c.source.name: c.stance for c in result.claims}
    # the trader answers the army; the airline's "no record" answers no claim of the article
    assert stances["Edda Moll"] == "denies" and stances["The airline"] == "asserts"
    assert stances["The army"] == "asserts" and stances["The mayor"] == "asserts"
    ids, pairs = _pairs_by_source(result)
    assert {ids["The army"], ids["Edda Moll"]} in pairs


@pytest.mark.parametrize(
    ("text", "disagrees"),
    [
        # a crowd counted as people and as a crowd
        (
            "Police said about 6,500 people had gathered on the quay. The organisers put the "
            "crowd at more than 20,000.",
            True,
        ),
        # a workforce counted as people who work there and as jobs
        (
            "The airline said about 300 people work at the Tarrow base. The mayor said the "
            "closure would cost the town 420 jobs.",
            True,
        ),
        # people held, counted as citizens and as persons
        (
            "Ardo Venk said Kaldor was holding at least 1,400 of our citizens. The Kaldoran "
            "delegation said it held no more than 260 persons.",
            True,
        ),
        # a toll named before its number
        (
            "The agency said 87 people had been confirmed dead. The governor said the toll "
            "was at least 130.",
            True,
        ),
        # what is added to a count is no count of its own
        (
            "The airline said it would cut 1,100 jobs. The pilots' union said the airline "
            "planned to cut a further 600 jobs.",
            False,
        ),
        # workers killed are a toll, not the shift they belonged to
        (
            "The fire service said the blaze killed 11 workers. The owner said a shift of "
            "180 people was at work.",
            False,
        ),
        # times and percentages of different things, with only "next" in common
        (
            "A neighbour said she had sat with him for 68 minutes. The ambulance service "
            "said its average response time was 19 minutes.",
            False,
        ),
        (
            "The bank said inflation would fall to 5.5 percent by the end of next year. The "
            "union said it would seek pay rises of 9 percent next month.",
            False,
        ),
        # the evacuated and those who spent the night in shelters, with only "night" in
        # common; the evacuated counted twice, once as people moved out
        (
            "The fire service said 4,200 people had been evacuated by Saturday night. "
            "Officials said about 1,500 people spent the night in shelters.",
            False,
        ),
        (
            "The fire service said 4,200 residents had been evacuated. The mayor said her "
            "staff had moved more than 7,000 people out of the valley since dawn.",
            True,
        ),
        # a number with no noun: what it counts is what was done to or by whom
        (
            "Mara Olsen said 4,000 workers had joined the strike. The port authority said "
            "only 1,500 had joined.",
            True,
        ),
        ("The fever has killed six, the ministry said. Doctors said 14 people had died.", True),
        (
            "The union said 4,000 workers had joined the strike. The bank said 12 managers "
            "had joined its board.",
            False,
        ),
        # "the real number" of what the other source counted
        (
            "The company said it would cut 1,800 jobs. The union said the real number of jobs "
            "at risk was 2,600.",
            True,
        ),
        # a measure with what is measured in common; a period given once
        (
            "The union said drivers worked 11 hours of overtime a week. The company said "
            "drivers worked four hours of overtime.",
            True,
        ),
    ],
)
def test_counts_conflict_when_they_count_the_same_people_or_measure_the_same_thing(
    text: str, disagrees: bool
) -> None:
    result = run(text)
    assert len(result.claims) == 2
    assert bool(result.conflicts) is disagrees


def test_a_rate_per_head_conflicts_only_with_another_rate() -> None:
    result = run(
        "A ward nurse said nurses were responsible for 14 patients each at night. The "
        "hospital said the average was 9.6 patients per nurse. The clinic said 40 patients "
        "had been admitted."
    )
    ids, pairs = _pairs_by_source(result)
    assert pairs == [{ids["A ward nurse"], ids["The hospital"]}]


@pytest.mark.parametrize(
    "denial",
    [
        'A spokesman for Kestrova said the company had "never cut a single maintenance post."',
        'A spokesman for Kestrova said it "has never cut a single maintenance post."',
        # a denial the content reports
        'A spokesman for Kestrova said the company "categorically denies" cutting any crew.',
    ],
)
def test_a_negation_inside_a_quoted_phrase_is_a_denial(denial: str) -> None:
    result = run(
        "The drivers' union said Kestrova Lines had cut its maintenance crews to pay "
        f"dividends. {denial}"
    )
    stances = {c.source.name: c.stance for c in result.claims}
    assert stances == {"The drivers' union": "asserts", "A spokesman for Kestrova": "denies"}
    assert len(result.conflicts) == 1


def test_a_denial_answers_the_two_claims_that_say_much_the_same() -> None:
    result = run(
        "Prosecutors said the payments had come from Dunmoor Shipping. The indictment says "
        "Dunmoor Shipping paid the port chief for priority berths. The harbour master said "
        "the port had been busy all year. Dunmoor Shipping denied that it had paid the port "
        "chief."
    )
    ids, pairs = _pairs_by_source(result)
    denial = ids["Dunmoor Shipping"]
    assert {ids["Prosecutors"], denial} in pairs
    assert {ids["The indictment"], denial} in pairs
    assert len(pairs) == 2  # "port" alone does not make the harbour master's claim an answer


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a place named in the claim is no one "they" could be
        (
            "Two officials at the bureau, who spoke on condition of anonymity, said the player "
            "tested positive after the game against Port Wyvern. They said a hearing had been "
            "scheduled for next month.",
            "Two officials at the bureau",
        ),
        (
            "The Harbour Workers' Union said the strike would go ahead after talks with "
            "Ostrel Marine failed. They said pickets would start at dawn.",
            "The Harbour Workers' Union",
        ),
    ],
)
def test_they_stands_for_the_group_that_spoke_last(text: str, source: str) -> None:
    result = run(text)
    assert [c.source.name for c in result.claims] == [source, source]


def test_the_ministry_is_the_ministry_named_before_and_revises_no_one_else() -> None:
    result = run(
        "The Health Ministry said 14 people had died in the outbreak in the north. On "
        "Tuesday the ministry said 16 people had died in the province."
    )
    assert [c.source.name for c in result.claims] == ["The Health Ministry"] * 2
    assert result.conflicts == []  # a source revising its own figure
    # the summary names the ministry where the article described it
    assert result.summary.sentences[1].text == (
        "On Tuesday the Health Ministry said 16 people had died in the province."
    )


def test_a_person_who_speaks_for_an_organisation_is_not_the_organisation() -> None:
    result = run(
        "A spokesman for the army said the patrol had been fired on first. The army said "
        "a separate strike had killed six fighters."
    )
    assert [c.source.name for c in result.claims] == ["A spokesman for the army", "The army"]


def test_the_summary_gives_a_new_conflict_before_a_second_round_of_the_same_sides() -> None:
    result = run(
        "The electoral commission said Doln had won 58 percent of the vote. The observers' "
        "network said its parallel count put turnout at 52 percent and Doln's share at 49 "
        "percent. According to the commission, turnout was 71 percent. Eke's party said its "
        "agents had filmed ballot boxes arriving already full. The commission's chairman, "
        "Ruben Tallis, denied that any ballot boxes had been tampered with.",
        sentences=4,
    )
    pairs = {
        frozenset(c.source.name for c in result.claims if c.id in f.claim_ids)
        for f in result.conflicts
    }
    assert frozenset({"Eke's party", "Ruben Tallis"}) in pairs
    summary = " ".join(s.text for s in result.summary.sentences)
    assert "Ruben Tallis" in summary and "Eke's party" in summary
    assert "turnout was 71 percent" not in summary  # the commission and the network again


@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        (
            '"I was moved without warning," a civil servant, who spoke on condition of '
            "anonymity, told the Harbour Gazette.",
            "a civil servant",
            "anonymous",
        ),
        ("The talks had failed, the minister told the Harbour Gazette.", "the minister", None),
    ],
)
def test_the_outlet_told_is_the_channel_not_the_source(
    text: str, source: str, kind: str | None
) -> None:
    (claim,) = run(text).claims
    assert claim.source.name == source
    assert kind is None or claim.source.type == kind


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The minister steered the contract to his brother-in-law, according to documents "
            "seen by the Harbour Gazette.",
            "documents seen by the Harbour Gazette",
        ),
        (
            "Internal emails obtained by the Velm Courier show that the mayor knew of the leak.",
            "Internal emails obtained by the Velm Courier",
        ),
    ],
)
def test_documents_a_paper_has_seen_are_the_source_not_the_paper(text: str, source: str) -> None:
    (claim,) = run(text).claims
    assert (claim.source.name, claim.source.type) == (source, "document")


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "About 1,200 people spent Saturday night in school halls in neighbouring Pellow, "
            "the valley fire service said.",
            "the valley fire service",
            "About 1,200 people spent Saturday night in school halls in neighbouring Pellow",
        ),
        (
            "The outbreak could reach 10,000 cases, the study's lead author, Professor Hugo "
            "Lindqvist, said.",
            "Professor Hugo Lindqvist",
            "The outbreak could reach 10,000 cases",
        ),
    ],
)
def test_a_speaker_after_the_content_is_found_where_the_parser_loses_it(
    text: str, source: str, content: str
) -> None:
    assert said(run(text)) == [(source, content)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the reporter's connective is no part of the content
        (
            "Meanwhile, the transfer has collapsed, the Lindhaven Herald reported.",
            ("Lindhaven Herald", "asserts", "the transfer has collapsed"),
        ),
        # a "that" before a figure is the complementizer, not a word of the content
        (
            "The study found that 18 per cent had antibodies.",
            ("The study", "asserts", "18 per cent had antibodies"),
        ),
        (
            '"At no point was the club informed of any test result," Ardent City said.',
            ("Ardent City", "asserts", "At no point was the club informed of any test result"),
        ),
        # a role in lower case before the name in an appositive: the name
        (
            "One resident, farmer Ciaran Moyle, said he had seen ten bodies near the bridge.",
            ("Ciaran Moyle", "asserts", "he had seen ten bodies near the bridge"),
        ),
        # words qualifying the role, but not a clause before it
        (
            "His challenger, former central bank governor Nadia Orlova, said she had won.",
            ("Nadia Orlova", "asserts", "she had won"),
        ),
        (
            "The port authority, now led by interim director Lotte Brandvik, said it had "
            "changed the rules.",
            ("The port authority", "asserts", "it had changed the rules"),
        ),
    ],
)
def test_content_stance_and_source_as_a_newsroom_reads_them(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert claims_of(text) == [expected]


def test_unnamed_campaigners_are_anonymous() -> None:
    (claim,) = run("Anti-corruption campaigners say the minister lied to parliament.").claims
    assert claim.source.type == "anonymous"


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "The permanent secretary, Oskar Vell, did not respond to requests for comment. "
            "Neither did the engineers.",
            ["Oskar Vell", "the engineers"],
        ),
        (
            "The ministry did not respond to a request for comment, and nor did the police.",
            ["The ministry", "the police"],
        ),
        # what was left unsaid is no party
        (
            "The ministry did not respond. Neither did it say when the road would reopen.",
            ["The ministry"],
        ),
    ],
)
def test_neither_and_nor_add_a_party_that_did_not_answer(text: str, parties: list[str]) -> None:
    assert [n.source.name for n in run(text).non_responses] == parties


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The aid agency Common Bread said the convoy had been stopped.", "organization"),
        (
            "The World Mosquito Council, an international research body, said the season "
            "would be long.",
            "organization",
        ),
        (
            "The village was shelled, according to the Karrow Liberation Front, the rebel "
            "group that controls the area.",
            "armed_group",
        ),
        ("The Karrow Liberation Front said its fighters had withdrawn.", "armed_group"),
        ("Valmorra FC said it had never agreed a fee.", "organization"),
        ("Northgate Mutual said it had paid 1.1 million crowns.", "company"),
        ("Halden Capital said the bank would cut rates.", "company"),
        (
            "The local member of parliament, Oona Strickland, wrote that the school must stay "
            "open.",
            "person",
        ),
        ("The health ministry said the season would be long.", "government"),
        # a firm's word in its name, a lender named after its description, a body "on" a
        # subject, and a person introduced by a charity's office
        ("Calloway Polymers said the sprinklers had worked.", "company"),
        ("The country's largest lender, Fenmark Savings, said payments would rise.", "company"),
        ("The Intergovernmental Panel on Climate Change said methane was potent.", "organization"),
        ("The Civic Vote Monitor said turnout was 52 percent.", "organization"),
        (
            "The charity's former treasurer, Margaret Elsby, said she had seen no invoices.",
            "person",
        ),
        ("Samantha Power said the vote was fair.", "person"),
        ("The Central Bank of Ostrelia said inflation would fall.", "government"),
    ],
)
def test_charities_research_bodies_rebel_fronts_and_clubs_are_typed(text: str, kind: str) -> None:
    (claim,) = run(text).claims
    assert claim.source.type == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser splits the clause at "forecast"; its second half has no subject
        (
            "Brannock warned that strong winds forecast for Sunday would shut the plant.",
            ("Brannock", "strong winds forecast for Sunday would shut the plant"),
        ),
        (
            "League chairman Gideon Pryce warned that any club found to have fielded the "
            "player would face a points deduction.",
            (
                "Gideon Pryce",
                "any club found to have fielded the player would face a points deduction",
            ),
        ),
        # an announcement to come is what is said, not a report of its own
        (
            "The government is expected to announce new rules in the autumn, Rosa Dunmore said.",
            ("Rosa Dunmore", "The government is expected to announce new rules in the autumn"),
        ),
    ],
)
def test_a_clause_the_parser_splits_is_one_content(text: str, expected: tuple[str, str]) -> None:
    assert said(run(text)) == [expected]


def test_the_newspaper_and_the_company_are_the_ones_of_that_kind_that_spoke() -> None:
    result = run(
        "The transfer has collapsed, the Lindhaven Herald reported. The newspaper said the "
        "fee had been set at 38 million crowns. Northmere Air said it would add flights. The "
        "Kelvary Airline Pilots Association said crews were tired. The company said no pilot "
        "had complained."
    )
    assert [(c.source.name, c.source.type) for c in result.claims] == [
        ("Lindhaven Herald", "media"),
        ("Lindhaven Herald", "media"),
        ("Northmere Air", "company"),
        ("The Kelvary Airline Pilots Association", "organization"),  # not an airline
        ("Northmere Air", "company"),
    ]


def test_a_headline_passive_names_no_source() -> None:
    result = run(
        "Strike on Valdessa village kills dozens, toll disputed\n\n"
        "The army said the strike killed 12 fighters."
    )
    assert said(result) == [("The army", "the strike killed 12 fighters")]
    assert result.conflicts == []


def test_killing_no_one_denies_and_answers_the_toll() -> None:
    result = run(
        "The strike killed no civilians, the army said. The rebels said the strike killed "
        "34 civilians."
    )
    assert [c.stance for c in result.claims] == ["denies", "asserts"]
    assert len(result.conflicts) == 1


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Officials estimated that about 1,500 people spent the night in the shelters.", "asserts"),
        ("Police estimated the crowd at 400.", "asserts"),
        ("The bank estimated that inflation would fall to 5 percent.", "predicts"),
        ("The ministry estimated that the harvest by June would be poor.", "predicts"),
    ],
)
def test_an_estimate_of_now_asserts_and_one_of_what_is_to_come_predicts(
    text: str, stance: str
) -> None:
    (claim,) = run(text).claims
    assert claim.stance == stance


def test_an_interview_answer_after_a_question_is_the_interviewee_s() -> None:
    result = run(
        "Agnes Marrow ran the ferry for twenty years. She spoke to the Harbour Gazette at "
        "her home.\n\nWhy did you refuse to sail?\n\n"
        '"I had 300 passengers and a broken stabiliser. Anyone who tells you that was a safe '
        'crossing has never been on the water."\n\nDid you expect to be fired?\n\n'
        '"No. I did not expect them to call me a coward."'
    )
    assert said(result) == [
        (
            "Agnes Marrow",
            "I had 300 passengers and a broken stabiliser. Anyone who tells you that was a "
            "safe crossing has never been on the water",
        ),
        ("Agnes Marrow", "I did not expect them to call me a coward"),
    ]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Parents dispute that figure, saying the saving would be spent on buses.", "disputes"),
        (
            "A spokeswoman for the ministry rejected the accusation, saying spending had "
            "grown more slowly than inflation.",
            "denies",
        ),
        ("The ministry welcomed the report, saying spending had grown slowly.", "asserts"),
    ],
)
def test_what_is_said_in_rejecting_an_account_disputes_it(text: str, stance: str) -> None:
    (claim,) = [c for c in run(text).claims if c.cue == "saying"]
    assert claim.stance == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # an intent, a plan or a state not yet reached asserts
        ("Fenwick insisted he would not concede until every ballot had been recounted.", "asserts"),
        ('"We are not yet in a position to declare victory," Solberg said.', "asserts"),
        ("The health authority said it had no plans to change its advice.", "asserts"),
        ('"Nobody should start drinking tea to avoid a stroke," Achterberg said.', "asserts"),
        # what did or did not happen denies what another source says
        ("The army said no civilians had been killed.", "denies"),
        ("Harrowgate said the doors had not been locked.", "denies"),
    ],
)
def test_a_negated_intent_asserts_and_a_negated_fact_denies(text: str, stance: str) -> None:
    answered = (
        "Witnesses said three civilians had been killed when the doors of the depot were locked. "
    )
    claim = run(answered + text).claims[-1]
    assert claim.stance == stance


def test_a_byte_order_mark_hides_neither_the_dateline_nor_the_source() -> None:
    result = run(
        "\ufeffKESTRAVIA (Northwire) - Police said 3,000 people had marched through the city "
        "centre on Monday."
    )
    assert said(result) == [
        ("Police", "3,000 people had marched through the city centre on Monday")
    ]
    assert result.summary.sentences[0].text.startswith("Police said")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The army said on Monday that turnout was high.", "turnout was high"),
        (
            "Brandt told the court that traces of petrol were found near the door.",
            "traces of petrol were found near the door",
        ),
        ("The minister said that was wrong.", "that was wrong"),  # "that" is the subject
    ],
)
def test_the_that_before_a_clause_is_no_part_of_it(text: str, content: str) -> None:
    ((_, evidence),) = said(run(text))
    assert evidence == content


def test_a_second_reporting_verb_is_a_second_claim_of_the_speaker() -> None:
    assert claims_of(
        "Dario Fenwick said turnout had been closer to 48 percent and accused the commission "
        "of inflating the count."
    ) == [
        ("Dario Fenwick", "asserts", "turnout had been closer to 48 percent"),
        ("Dario Fenwick", "alleges", "the commission of inflating the count"),
    ]
    # one report of two things is one claim
    assert said(run("The union said wages had fallen and prices had risen.")) == [
        ("The union", "wages had fallen and prices had risen")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "estimated" read as an adjective, "forecast" as a noun
        (
            "The Civic Watch Network, an observer group, estimated turnout at 52 percent.",
            ("The Civic Watch Network", "asserts", "turnout at 52 percent"),
        ),
        (
            "Jonas Pereira of Estrada Securities forecast that the economy would contract.",
            ("Jonas Pereira of Estrada Securities", "predicts", "the economy would contract"),
        ),
    ],
)
def test_a_cue_the_parser_misreads_is_read_on_the_surface(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert claims_of(text) == [expected]


def test_a_verb_the_parser_read_and_rejected_stays_rejected() -> None:
    assert claims_of("Tomas Brenner writes a weekly column for the Courier.") == []


def test_french_and_spanish_speakers_with_titles_inversions_channels_and_denials() -> None:
    french = run(
        "La directrice du site, Claire Vasseur, a quitté la société lundi après vingt ans de "
        "service. « Castelbrune s'en va comme un voleur », a-t-elle ajouté. Selon la mairie "
        "de Valmerac, 300 maisons ont été inondées. Le maire, Bertrand Quillet, a affirmé que "
        "la commune avait versé 2,3 millions d'euros."
    )
    assert french.article.language == "fr"
    assert said(french) == [
        ("Claire Vasseur", "Castelbrune s'en va comme un voleur"),
        ("la mairie de Valmerac", "300 maisons ont été inondées"),
        ("Bertrand Quillet", "la commune avait versé 2,3 millions d'euros"),
    ]
    spanish = run(
        'El alcalde, Tomás Echeverri, dijo que la ciudad pagará las reparaciones. "Esto es un '
        'caso claro de corrupción", dijo Fuenmayor a los periodistas. Salcedo negó cualquier '
        "irregularidad en el contrato."
    )
    assert spanish.article.language == "es"
    assert [(c.source.name, c.stance, c.evidence.text) for c in spanish.claims] == [
        ("Tomás Echeverri", "asserts", "la ciudad pagará las reparaciones"),
        ("Fuenmayor", "asserts", "Esto es un caso claro de corrupción"),  # not "a los periodistas"
        ("Salcedo", "denies", "cualquier irregularidad en el contrato"),
    ]


def test_short_attributed_sentences_still_make_a_summary() -> None:
    result = run("Officials said 12 people died. Rebels said 40 people died.")
    assert [s.text for s in result.summary.sentences] == [
        "Officials said 12 people died.",
        "Rebels said 40 people died.",
    ]
    assert len(result.conflicts) == 1


def test_a_spokesman_for_a_body_that_spoke_is_the_body() -> None:
    result = run(
        "The Serevan army said its jets had struck a depot. A spokesman for the army said "
        "nine fighters had died. Northgate Mutual said it had paid 1.1 million crowns. The "
        "company did not respond to questions about the remaining sum."
    )
    assert [c.source.name for c in result.claims] == ["The Serevan army"] * 2 + ["Northgate Mutual"]
    assert [n.source.name for n in result.non_responses] == ["Northgate Mutual"]
    # a spokesman for a body not heard yet stays as written
    assert [
        c.source.name for c in run("A spokesman for the army said the road was open.").claims
    ] == ["A spokesman for the army"]


def test_it_stands_for_the_body_the_sentence_before_opened_with() -> None:
    assert said(
        run("The ministry published its figures on Monday. It said 412 people had been infected.")
    ) == [("The ministry", "412 people had been infected")]


def test_a_colleague_at_a_firm_is_a_person_and_not_the_firm_a_spokesman_speaks_for() -> None:
    result = run(
        "Feld's colleague at the firm, Hanna Lutz, said the deal was sound. A spokesman for "
        "the company said all sites would stay open."
    )
    lutz, spokesman = result.claims
    assert (lutz.source.name, lutz.source.type) == ("Hanna Lutz", "person")
    assert spokesman.source.name != "Hanna Lutz"


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # a negation inside a relative clause says nothing of the claim
        (
            "The chief said the officer, who has not been named, had been placed on leave.",
            "asserts",
        ),
        ("Lang said the figure was wrong.", "disputes"),
    ],
)
def test_stance_from_the_claim_not_from_a_clause_inside_it(text: str, stance: str) -> None:
    (claim,) = run(text).claims
    assert claim.stance == stance


def test_a_surname_and_a_named_company_that_did_not_answer_are_resolved() -> None:
    koval = run(
        "The chief financial officer, Martin Koval, said profits rose. Koval declined to "
        "comment on the merger."
    )
    assert [n.source.name for n in koval.non_responses] == ["Martin Koval"]
    arctis = run(
        "The mayor, Paul Hendry, did not respond to requests for comment. Neither did the "
        "company that built the system, Arctis Data."
    )
    assert [n.source.name for n in arctis.non_responses] == ["Paul Hendry", "Arctis Data"]


@pytest.mark.parametrize(
    "text",
    [
        "The governor said 12,000 people had been displaced. The agency put the number of "
        "displaced at 8,500 across the region.",
        "Organisers put the crowd at about 500, while police estimated it at 150.",
    ],
)
def test_a_count_named_by_what_befell_people_or_by_it_is_compared(text: str) -> None:
    assert len(run(text).conflicts) == 1


def test_a_name_after_a_title_and_a_body_is_a_person_she_can_stand_for() -> None:
    assert said(
        run(
            "Police Chief Anita Rowe spoke on Sunday. She said the officer had been placed on "
            "leave."
        )
    ) == [("Anita Rowe", "the officer had been placed on leave")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the time of saying is not what was said
        (
            "Verdane Systems said on Tuesday it had agreed to buy Oskari Semiconductor.",
            ("Verdane Systems", "it had agreed to buy Oskari Semiconductor"),
        ),
        # where a figure came from is not the figure; a name after "the" in an appositive
        (
            "A local rights group, the Teluva Monitor, said 74 people had died, citing "
            "hospital records.",
            ("Teluva Monitor", "74 people had died"),
        ),
    ],
)
def test_the_time_of_saying_and_what_is_cited_are_no_part_of_the_content(
    text: str, expected: tuple[str, str]
) -> None:
    assert said(run(text)) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The defendant, Marko Lind, is alleged to have moved 4 million crowns through a "
            "shell company.",
            (
                "alleges",
                "moved 4 million crowns through a shell company",
                "The defendant, Marko Lind",
            ),
        ),
        (
            "Lind is accused of moving 4 million crowns through a shell company.",
            ("alleges", "moving 4 million crowns through a shell company", "Lind"),
        ),
        (
            "The minister is understood to have resigned on Friday.",
            ("asserts", "resigned on Friday", "The minister"),
        ),
        ("Lind is thought to be in hiding.", ("asserts", "to be in hiding", "Lind")),
    ],
)
def test_a_passive_report_about_someone_names_no_source(
    text: str, expected: tuple[str, str, str]
) -> None:
    (claim,) = run(text).claims
    assert claim.source.type == "anonymous"
    assert (claim.stance, claim.evidence.text, claim.more_evidence[0].text) == expected


def test_what_a_court_heard_is_said_by_whoever_said_it_there() -> None:
    result = run(
        "The court heard that Lind met the company's director twice in March. The inquiry "
        "heard from Dr Ana Pell that the pumps had failed twice. Lind heard that his "
        "contract was void. Lind is expected to resign."
    )
    assert [(c.source.type, c.source.name, c.evidence.text) for c in result.claims] == [
        ("anonymous", "anonymous", "Lind met the company's director twice in March"),
        ("person", "Dr Ana Pell", "the pumps had failed twice"),
    ]


def test_a_denial_verb_that_is_negated_denies_nothing() -> None:
    result = run(
        "The family's lawyer said the video showed the officer firing within seconds. The "
        "police department did not dispute the authenticity of the video but said it "
        "covered only part of the encounter."
    )
    assert [(c.source.name, c.stance) for c in result.claims] == [
        ("The family's lawyer", "asserts"),
        ("The police department", "asserts"),
    ]
    assert result.conflicts == []


def test_a_negation_denies_only_what_another_source_says() -> None:
    result = run(
        '"Our job is not finished," Governor Ana Pell said. The rebels said 40 civilians were '
        "killed in the strike on the market. The army said no civilians had been killed in "
        "the strike on the market."
    )
    assert [c.stance for c in result.claims] == ["asserts", "asserts", "denies"]
    assert len(result.conflicts) == 1


def test_a_quotation_over_two_paragraphs_is_its_closing_speakers_not_a_we_inside_it() -> None:
    result = run(
        "The decision was unanimous, the bank said in a statement.\n\n"
        'Governor Miriam Kastellan said inflation remained "far too high".\n\n'
        '"We did not take this decision lightly. We know that higher borrowing costs are '
        "painful.\n\n"
        '"But the greater pain would come from letting inflation become entrenched. If prices '
        'keep rising, we will not allow that to happen," Kastellan said.'
    )
    assert [c.source.name for c in result.claims] == ["the bank"] + [
        "Governor Miriam Kastellan"
    ] * 3


def test_a_clause_running_into_a_quotation_is_no_inverted_speaker() -> None:
    # 'said the early readings were "..."' is not '"...," said Mara Olsen'
    sentence = (
        "Asked why nine days passed between the first samples and the notice, the board's "
        'director, Hanna Selvik, said the early readings were "concerning but not conclusive" '
        "and that the board had needed laboratory confirmation before alarming a town."
    )
    assert all(c.source.name != "the early readings were" for c in run(sentence).claims)
    assert claims_of('"We will not back down," said union leader Mara Olsen.') == [
        ("Mara Olsen", "asserts", "We will not back down")
    ]


def test_a_quotation_after_a_paragraph_about_a_person_is_theirs() -> None:
    result = run(
        'Jonas Brekke was the first to notice. "There were dead trout along the bank," '
        "Brekke said.\n\n"
        "The water board said its samples were normal.\n\n"
        "Brekke, 58, described the days that followed at his kitchen table.\n\n"
        '"I called the water board that afternoon, and again the next day.\n\n'
        '"Two days later my granddaughter came out in red blotches after her bath."'
    )
    assert [c.source.name for c in result.claims] == [
        "Jonas Brekke",
        "The water board",
        "Jonas Brekke",
        "Jonas Brekke",
    ]


def test_evidence_leaves_out_the_stop_before_a_closing_quotation_mark() -> None:
    assert claims_of('The army said the operation had been "precise and lawful."') == [
        ("The army", "asserts", 'the operation had been "precise and lawful')
    ]


def test_an_interview_in_questions_and_answers() -> None:
    result = run(
        "For eleven years, Ingrid Solvang ran the transit authority. She spoke with the Daily "
        "Clarion about the project.\n\n"
        "Q: When did you realise the rail line would not be built?\n\n"
        "A: About a year before anyone else did. The cost estimates kept climbing.\n\n"
        "Q: The transport ministry says the project was cancelled because your authority "
        "mismanaged the budget. Is that fair?\n\n"
        "A: No. We overspent by 6 percent on the design phase.\n\n"
        "Transport Minister Howard Leclerc told reporters the numbers spoke for themselves.\n\n"
        "Q: You said in May that the line would open in 2027.\n\n"
        "A: I did.\n\n"
        "Q: What would you say to the people in the suburbs?\n\n"
        "A: I'm sorry. We promised them a train."
    )
    assert said(result) == [
        ("Ingrid Solvang", "About a year before anyone else did. The cost estimates kept climbing"),
        (
            "The transport ministry",
            "the project was cancelled because your authority mismanaged the budget",
        ),
        ("Ingrid Solvang", "No. We overspent by 6 percent on the design phase"),
        ("Transport Minister Howard Leclerc", "the numbers spoke for themselves"),
        ("Ingrid Solvang", "the line would open in 2027"),  # the "you" of a question
        ("Ingrid Solvang", "I did"),
        ("Ingrid Solvang", "I'm sorry. We promised them a train"),
    ]


def test_a_bodys_spokesman_before_the_noun_speaks_for_the_body_named_before() -> None:
    result = run(
        "The transport ministry said the budget was overspent. A ministry spokesman said the "
        "authority had failed to submit reports."
    )
    assert [c.source.name for c in result.claims] == ["The transport ministry"] * 2


def test_a_denials_conflict_says_what_it_is_about_in_the_articles_words() -> None:
    result = run(
        "The rebels said 40 civilians were killed in the army's strike on the market. The "
        "army said no civilians had been killed in the strike on the market."
    )
    (conflict,) = result.conflicts
    assert conflict.about == "a denial: civilians, killed, strike"


def test_what_is_said_before_a_refusal_in_one_clause_is_a_claim() -> None:
    result = run("Olsen said the plant was safe but would not comment on the lawsuit.")
    assert said(result) == [("Olsen", "the plant was safe")]
    assert [n.source.name for n in result.non_responses] == ["Olsen"]
    refusal = run("The company said it would not comment on the lawsuit.")
    assert refusal.claims == [] and len(refusal.non_responses) == 1


def test_as_someone_warned_is_their_claim_not_the_first_speakers() -> None:
    result = run(
        "An outbreak of cholera has killed at least 23 people, the health ministry said on "
        "Friday, as a doctor at the region's main hospital warned that the real numbers were "
        "far higher."
    )
    assert [(c.source.name, c.source.type) for c in result.claims] == [
        ("the health ministry", "government"),
        ("a doctor at the region's main hospital", "person"),
    ]


def test_a_reporting_verb_the_parser_reads_as_a_participle_still_reports() -> None:
    assert claims_of(
        "The central bank estimated in its forecast that the average household would pay "
        "about 95 kronar more a month."
    ) == [
        (
            "The central bank",
            "predicts",
            "the average household would pay about 95 kronar more a month",
        )
    ]


def test_a_body_named_after_what_it_is_is_the_name_and_that_kind() -> None:
    result = run(
        "Brennholt's sponsor, the sportswear company Fjordline, said it was monitoring the "
        "situation. Her employer, the logistics firm Corvane Holdings, said it had suspended her."
    )
    assert [(c.source.name, c.source.type) for c in result.claims] == [
        ("Fjordline", "company"),
        ("Corvane Holdings", "company"),
    ]


def test_could_not_be_verified_hedges_what_it_names() -> None:
    result = run(
        "The rebels said the strike killed 47 civilians. The army said 14 fighters were "
        'killed. "Markets are not targets," said Dagny Holm, a UN coordinator.\n\n'
        "The figures could not be independently verified.\n\n"
        "Dr. Emil Rastov said the hospital had run out of ventilators. Residents said no food "
        "had arrived. Yelena Marsh said her mother had died.\n\n"
        "Rastov's account could not be independently verified.\n\n"
        "The rebels said the army targets markets, while the army says the rebels hide among "
        "civilians. Neither claim could be independently confirmed."
    )
    assert [(c.source.name, c.hedged) for c in result.claims] == [
        ("The rebels", True),  # the figures
        ("The army", True),
        ("Dagny Holm", False),  # no figure
        ("Dr. Emil Rastov", True),  # the one named
        ("Residents", False),
        ("Yelena Marsh", False),  # the sentence before, but not the one named
        ("The rebels", True),  # neither claim of the sentence before
        ("the army", True),
    ]


def test_what_is_cited_as_a_source_is_no_claim_and_a_denied_claim_is_its_clause() -> None:
    result = run(
        "The UN agency put the death toll at 31, citing hospital records in the city. The "
        "agency cited the tax as a major reason for the deficit. Heidegger rejected claims "
        "that Brennholt had missed two drug tests. Olsen welcomed the suggestion that the "
        "port could stay open. A former director stole 900,000 pounds, the court heard on "
        "Monday."
    )
    assert said(result) == [
        ("The UN agency", "the death toll at 31"),
        ("The UN agency", "the tax as a major reason for the deficit"),
        ("Heidegger", "Brennholt had missed two drug tests"),
        ("Olsen", "the suggestion that the port could stay open"),
        ("anonymous", "A former director stole 900,000 pounds"),
    ]


def test_a_source_phrase_keeps_the_comma_of_a_number() -> None:
    result = run(
        "Nadia Orlova said she had won at least 54 percent, according to results compiled by "
        "her party's agents at more than 9,000 polling stations."
    )
    (_, according) = result.claims
    assert (according.source.name, according.source.type) == (
        "results compiled by her party's agents at more than 9,000 polling stations",
        "document",
    )


def test_a_shortfall_and_a_deficit_in_dollars_are_one_count() -> None:
    result = run(
        "Mayor Teresa Valdane said the city faced a shortfall of $14.2 million in the coming "
        "year. According to Councillor Bernard Oyelaran, the real deficit is closer to $22 "
        "million once pensions are included. The mayor said the city would spend $3 million "
        "on roads."
    )
    assert [c.claim_ids for c in result.conflicts] == [[result.claims[0].id, result.claims[1].id]]


def test_a_rebuttal_pointing_at_a_figure_makes_what_follows_answer_it() -> None:
    result = run(
        "Mayor Teresa Valdane said the city faced a shortfall of $14.2 million. The mayor said "
        "the city would cut jobs.\n\n"
        "Councillor Bernard Oyelaran disputed that figure. According to Oyelaran, the true "
        "gap is closer to $22 million once pension obligations are included.\n\n"
        "Ostrava's government rejected the report."
    )
    assert [(c.source.name, c.stance) for c in result.claims] == [
        ("Mayor Teresa Valdane", "asserts"),
        ("Mayor Teresa Valdane", "asserts"),
        ("Councillor Bernard Oyelaran", "disputes"),
    ]
    (conflict,) = result.conflicts
    assert conflict.claim_ids == [result.claims[0].id, result.claims[2].id]
    assert conflict.about == "a dispute: figure"


def test_said_it_does_not_comment_hyphenated_words_and_a_named_relative_after_the_content() -> None:
    refusal = run("The Department for Schools said it did not comment on local decisions.")
    assert refusal.claims == []
    assert [n.source.name for n in refusal.non_responses] == ["The Department for Schools"]
    assert run("The ministry said it did not respond to the report in time.").non_responses == []
    (hyphen,) = run('Westmoor Council said it had "co-operated fully" with the police.').claims
    assert "co-operated" in hyphen.evidence.text
    assert said(
        run(
            "Alsvik died on Saturday at her home in the coastal village of Tindholm, her "
            "daughter, Ingrid Alsvik-Moreau, said."
        )
    ) == [
        (
            "Ingrid Alsvik-Moreau",
            "Alsvik died on Saturday at her home in the coastal village of Tindholm",
        )
    ]


def test_narration_is_no_claim_and_a_raised_toll_is_one() -> None:
    result = run(
        "Whitcomb, asked whether she was considering a run for governor, laughed. Stabbs "
        "pointed to the spot. Olsen pointed out that the port had been shut for a week. By "
        "midday, the agency had raised the toll to 63. State television reported that "
        '"no more than five" people had been killed.'
    )
    assert [(c.source.name, c.stance, c.evidence.text) for c in result.claims] == [
        ("Olsen", "asserts", "the port had been shut for a week"),
        ("the agency", "asserts", "the toll to 63"),
        ("State television", "asserts", '"no more than five" people had been killed'),
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Online payments company Quorrel Pay said names were stolen.", "company"),
        (
            "It was reported by the business daily Handelsblad Ostrava that the port would close.",
            "media",
        ),
        ("The state news agency OSTA reported that troops had moved.", "media"),
        ("Rebel commander Ilan Varga said the strike was lawful.", "person"),
        ("The Velmore Chamber of Commerce said the strike was costly.", "organization"),
    ],
)
def test_what_the_words_before_a_name_call_it_types_it(text: str, kind: str) -> None:
    (claim,) = run(text).claims
    assert claim.source.type == kind


def test_the_reporters_gloss_after_a_content_is_left_out_of_it() -> None:
    result = run(
        "The union said 4,000 members had joined the strike, a figure that could not be "
        "independently verified. The Red Crescent said 87 people had died, a figure "
        "significantly higher than the government's count."
    )
    assert [(c.evidence.text, c.hedged) for c in result.claims] == [
        ("4,000 members had joined the strike", True),
        ("87 people had died", False),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Prosecutor Helen Ashdown said the statements showed transfers totalling £243,500. "
        "Owen Tregarthen said an accountant had put the total of unexplained transfers at no "
        "more than £71,000.",
        "According to the transport department, 61 of the bridges in the bill are rated "
        "deficient. Whitcomb's office put the number at 38.",
        "Dunmore announced a crowd of 18,412. Kestrel officials said the true figure was "
        '"closer to 16,000."',
    ],
)
def test_sums_shares_and_crowds_given_differently_are_in_conflict(text: str) -> None:
    result = run(text)
    assert [c.claim_ids for c in result.conflicts] == [[c.id for c in result.claims]]


def test_a_passive_allegation_according_to_a_document_is_the_documents() -> None:
    (claim,) = run(
        "The firm, Solara Costruzioni, is alleged to have received the contract despite a "
        "lower bid, according to the filing."
    ).claims
    assert (claim.source.name, claim.source.type, claim.stance, claim.evidence.text) == (
        "the filing",
        "document",
        "alleges",
        "received the contract despite a lower bid",
    )


def test_she_after_an_unnamed_speaker_is_that_speaker() -> None:
    result = run(
        "Annika Lorentz, a spokeswoman for the monitoring group, said the shells came from "
        "the east. One surgeon, who asked not to be named, said the hospital had run out of "
        'blood. "We are asking everyone to donate," she said. Officials said roads were shut.'
    )
    assert [c.source.name for c in result.claims] == [
        "Annika Lorentz",
        "One surgeon",
        "One surgeon",
        "Officials",
    ]


def test_an_accusation_set_beside_a_report_with_while_is_its_own_claim() -> None:
    result = run(
        "The army said nine people had died, while the rebels accused the army of shelling "
        "the market."
    )
    assert [(c.source.name, c.stance, c.evidence.text) for c in result.claims] == [
        ("The army", "asserts", "nine people had died"),
        ("the rebels", "alleges", "the army of shelling the market"),
    ]


def test_a_word_inside_the_quotation_is_not_its_speaker() -> None:
    assert said(
        run(
            '"Companies that hold financial data have a heightened duty to protect it," the '
            "authority's commissioner, Rosalind Achterberg, said in a statement."
        )
    ) == [
        (
            "Rosalind Achterberg",
            "Companies that hold financial data have a heightened duty to protect it",
        )
    ]


def test_a_jury_told_in_a_headline_is_no_source() -> None:
    result = run(
        'Care home boss "pocketed residents\' savings", jury told\n\n'
        "Prosecutor Helen Ashdown told the jury that the money was gone."
    )
    assert [(c.source.type, c.source.name) for c in result.claims] == [
        ("anonymous", "anonymous"),
        ("person", "Prosecutor Helen Ashdown"),
    ]


def test_a_denial_does_not_answer_its_own_side() -> None:
    result = run(
        "The United Dock Workers' Union said about 3,200 of its members had joined the "
        'walkout in the last four years. "Our members have not had a real raise in four '
        'years," union general secretary Tomas Reindl told reporters.\n\n'
        "According to the company, its final offer would raise wages by 11 percent. Reindl "
        "said the real increase was smaller once cuts to overtime pay were counted. A company "
        "spokeswoman, Adela Fink, denied that the offer reduced overtime pay."
    )
    pairs = [
        {next(c.source.name for c in result.claims if c.id == i) for i in k.claim_ids}
        for k in result.conflicts
    ]
    assert {"The United Dock Workers' Union", "Tomas Reindl"} not in pairs
    assert {"Adela Fink", "Tomas Reindl"} in pairs
    assert {"Adela Fink", "the company"} not in pairs


def test_they_after_a_sentence_opening_with_people_is_those_people() -> None:
    result = run(
        "Some health officials said the supplement was risky. The study's authors appeared "
        'to agree. In the conclusion, they wrote that the supplement "should not replace '
        'treatment."'
    )
    assert [(c.source.name, c.source.type) for c in result.claims] == [
        ("Some health officials", "anonymous"),
        ("The study's authors", "anonymous"),
    ]
