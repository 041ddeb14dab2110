"""Deterministic generator of fictional wire-style news articles for benchmarks.

Standard library only. Every person, place, party, company and agency is invented,
and all sentence templates were written for this module.
"""

from __future__ import annotations

import html
import random
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

FIRST_F = """Amara Ingrid Mei Fatima Olga Priya Lucia Nkechi Yuki Sofia Hana Leila Camille Zainab
Marta Aiko Chiara Esi Ana Noor Tatiana Ximena Astrid Rosa Dilnoza Mariam Keiko Thandiwe Elif
Grace""".split()
FIRST_M = """Tomas Kwame Hiroshi Rahul Pavel Diego Omar Jonas Chen Emeka Mateus Arjun Dmitri Youssef
Lars Kofi Andrei Rafael Samir Kenji Luca Bongani Marek Tariq Felipe Nikolai Hamid Oskar Wei
Ibrahim""".split()
LAST = """Almqvist Benedek Castellano Drozdov Eshun Farrokhi Galvao Halloran Ibekwe Jaroszek Kanoute
Lindvall Mabuza Nakashima Orsini Petrakis Quaye Rautio Saldana Tanabe Uzoma Valdivia Wrenfield
Xiong Yilmazer Zelenko Abiodun Bergstrand Chaudhry Dasgupta Elorza Fonseca Gyasi Haddad Iwasaki
Jovanic Kowalczyk Larrabee Moreau Nwachukwu Ostrander Pellegrino Qureshi Rosenthal Sandoval
Takeda Umarov Vasquez-Lund Whitcombe Yamaguchi Zhukovin Achterberg Bakhtiari Cardoso Demir
Essien Fairbanks Gallardo Hakimi Ivanic""".split()
_PAIRS = """Kestravia/Velmora, Morvania/Castellor, Daluria/Port Anselm, Vantessa/Ildaro,
Orlenia/Brakemoor, Seravia/Tolmenz, Calvoria/Sanrei, Brisalia/Ostavo, Tamirand/Keshwari,
Quellor/Lumenbay, Ardunia/Hadrenna, Zembria/Novik Ferry"""
COUNTRIES = {k: v for k, _, v in (p.strip().partition("/") for p in _PAIRS.split(","))}
TOWNS = """Halvenport, Dunmere, Corrastone, Yelskar, Marrowick, Brennock, Ulvaro, Sanquell, Pelinor,
Ebbenholt, Lunmarsh, Torvel, Meskara, Nyhollow, Rasquin, Fenlowe, Istrago, Dallowmere, Sabrecourt,
Zalendra, Carrow Bay, Qadira Springs, Kovrin Heights, Hexley Cross""".replace("\n", " ").split(", ")
COMPANIES = [
    f"{a} {b}"
    for a in "Halvern Corvanta Brightmoor Tessaline Obuya Kaldero Vintrel Stellwyn".split()
    for b in ("Metals", "Textiles", "Motors", "Cement", "Glassworks", "Agro Foods")
]
PARTIES = [
    f"the {p}"
    for p in "Civic Renewal Party, People's Harbour Alliance, Northern Unity Movement, "
    "Lantern Democratic Front, Third Bridge Congress, Saltmarsh Labour Party".split(", ")
]
AGENCIES = [("Northwire", "the Northwire agency"), ("Meridane Press", "Meridane Press")]
AGENCIES += [("BNS", "the Baltrane News Service"), ("Coastline Wire", "Coastline Wire")]
COMMODITIES = ["cocoa", "copper", "natural gas", "cotton", "coffee", "timber", "tin", "cashew nuts"]
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November".split()
JOBS = ["shopkeeper", "teacher", "taxi driver", "nurse", "farmer", "student", "mechanic", "trader"]

# Sections of "key: text" lines; " | " separates alternatives; a trailing backslash continues.
_DATA = """
[generic]
fact: {country} has about {pop} million people and relies heavily on exports of {commodity}.
fact: The {country} currency has lost {pct} of its value against the U.S. dollar since January.
fact: {party} has led the government of {country} since winning a second term in {year}.
fact: Local television showed long queues outside banks and petrol stations in {town} on {day}.
fact: Relations between {country} and neighbouring {country2} have been strained since {year}.
fact: Diplomats in {capital} said they were following events closely.
claim: further talks were planned for {day2} | the figures released so far were incomplete
claim: a fuller statement would follow shortly | the coming days would be decisive
claim: the matter would be raised in parliament next week | nobody had yet been held to account
claim: it was too early to put a cost on {event} | both sides had spoken by telephone on {day2}
quote: It is too early to say what happens next. | Everyone is exhausted.
quote: We will not be rushed into a decision. | This is not the end of the matter.
quote: People want to know the truth, and they deserve to know it.
xquote: There is very little room for manoeuvre. | The numbers simply do not add up.
witness: I have lived here for {years} years and I have never seen anything like this.
witness: Nobody came to tell us what was going on. | At {time} we heard the news on the radio.
witness: My children keep asking when things will be normal again.
witness: Prices at the market have doubled, so how are we supposed to live?
analyst: {event} could shave as much as {pct_small} off economic growth this year
analyst: the government had little room to manoeuvre before elections due in {year2}
analyst: foreign investors were watching closely and some had already paused new projects
analyst: the crisis had exposed how fragile public finances in {country} had become
x_title: an economist at the University of {town} | a senior fellow at the Halden Centre
x_title: a political analyst at the {capital} Institute for Policy Studies
a_title: a {spokes} for | a senior figure in
b_title: a {spokes} for | a senior official at
anon: the government was preparing an emergency decree | a cabinet reshuffle was expected soon
reason: because the talks were confidential | because of the sensitivity of the matter
reason: because they were not authorised to speak to the media

[strike]
scale: 20000 180000
event: the strike | the walkout | the stoppage
a_org: the {country} Federation of Rail Workers | the {capital} Dockworkers' Union
a_org: the National Union of Hospital Staff
a_title: the general secretary of
b_org: the Ministry of Labour | the Ministry of Transport
extra: |the chief executive of {company}
lead: Tens of thousands of workers across {country} walked off the job on {day} in the largest \
strike in {years} years, after talks over pay and pensions broke down.
lead: A nationwide strike shut ports and rail lines in {country} for a {nth} day on {day}, \
stranding travellers and leaving cargo stacked on the docks at {town}.
fact: The union wants a pay rise of {pct} to keep pace with inflation, which hit {pct2} last month.
fact: Freight volumes through {town} have dropped sharply since the stoppage began on {date}.
fact: The last general strike in {country}, in {year}, lasted almost three weeks.
a_claim: the government had broken a promise it made during talks in {year}
a_claim: members would stay out until a written offer was on the table
a_claim: picket lines had been set up at {n_hurt} workplaces by {time}
b_claim: the union's demands would add {money_big} to the public wage bill
b_claim: an improved offer had been sent to union leaders on {day}
a_quote: Our members have not had a real pay rise in {years} years. | Nobody takes this lightly.
a_quote: We are going back for a signed agreement, not for promises.
b_quote: The door to talks remains open. | The country cannot sign a deal it cannot pay for.
b_quote: Patients and passengers are paying the price for this.
accuse: the ministry had hired replacement staff to break the strike
accuse: police had been told to clear the picket lines before dawn
warn: the stoppage could spread to power stations and airports next week
warn: fuel shortages would appear within days if the ports stayed closed
conflict: {a_org} said {a} workers had joined the walkout, but {b_org} put the figure at {b}.
anon: the cabinet was split over whether to raise its offer

[flood]
scale: 60 400
event: the flooding | the floods
a_org: the relief group Open Hands Network | the {town} district council
a_title: a coordinator for
b_org: the National Disaster Management Agency | the Ministry of the Interior
extra: Gen.|the commander of the {country} National Guard
lead: Floods caused by days of torrential rain have killed at least {n_dead} people in {country} \
and forced thousands from their homes, officials said on {day}.
lead: Rescue teams in boats searched flooded streets of {town} on {day} after a river burst its \
banks overnight, sweeping away homes, roads and at least two bridges.
fact: Parts of {town} lay under more than two metres of water on {day}.
fact: The region has received {pct} more rain this month than in an average year.
fact: {country} suffered its last major flood in {year}, when the same river overflowed.
a_claim: hundreds of families were sleeping in schools and churches
a_claim: clean drinking water had run out in several villages
a_claim: crews did not reach the eastern districts until {time}
b_claim: helicopters had evacuated {n_people} people since {day2}
b_claim: {money_big} had been set aside for reconstruction
a_quote: People are drinking the same water that flooded their toilets.
a_quote: We have had no help from the capital. | Whole villages are cut off.
b_quote: Every available helicopter is in the air. | Our priority is to reach those still cut off.
b_quote: We will rebuild every bridge that was lost.
accuse: warnings about the weakened embankment had been ignored for years
accuse: aid was reaching districts that voted for the ruling party first
warn: the death toll was likely to rise as the water receded
warn: disease could spread within days in the crowded shelters
conflict: {b_org} put the death toll at {n_dead}, but local officials in {town} said they \
had counted {a} bodies.
anon: the dam operator had opened its gates without warning villages downstream

[election]
scale: 40 400
event: the disputed election | the vote count | the election result
a_org: {party2} | the opposition alliance led by {party2}
a_title: the leader of
b_org: the National Electoral Commission | {party}
extra: |a senior adviser to the president
lead: The opposition in {country} refused on {day} to accept the result of last week's \
presidential election, saying the vote had been rigged in favour of the incumbent.
lead: Official results released on {day} handed {party} a narrow win in {country}'s \
parliamentary election, setting up a legal battle with rivals who say the count was fixed.
fact: Turnout was {pct2}, the lowest since the end of one-party rule.
fact: Foreign observers were barred from polling stations in {town} and several other districts.
fact: The constitution gives the courts 14 days to rule on challenges to the result.
a_claim: ballot boxes had been removed from {a} polling stations before counting began
a_claim: its own tally showed it had won comfortably in {town} and {town2}
b_claim: the count had been carried out in full view of party agents
b_claim: all complaints would be examined by the courts
a_quote: The people voted for change and the commission has stolen that vote.
a_quote: We will use every legal means available to us. | We will not be silenced.
b_quote: The results reflect the will of the voters. | There is no evidence of fraud, none.
b_quote: Those who lost should accept it with dignity.
accuse: soldiers had intimidated voters at polling stations in {town}
accuse: result sheets had been altered overnight in the commission's offices
warn: protests would begin on {day2} unless a recount was ordered
warn: the dispute could paralyse parliament for months
conflict: The commission said {party} had won {pa} of the vote, while {party2} said its own \
count gave the ruling party only {pb}.
anon: the commission's board had been pressed to delay the announcement

[factory]
scale: 1500 6000
event: the closure | the plant closure
a_org: the {country} Metalworkers' Union | the {town} chamber of commerce
a_title: the president of
b_org: {company}
b_title: the chief executive of
extra: |the chairman of {company}
lead: {company} said on {day} it would close its factory in {town}, cutting {b} jobs and \
ending more than {years} years of production in the city.
lead: Workers at the {company} plant in {town} learned on {day} that the factory would shut by \
the end of the year, a heavy blow to one of {country}'s poorest regions.
fact: The factory is the largest private employer in {town}, where unemployment stands at {pct}.
fact: {company} reported a loss of {money_big} last year, blaming energy costs and cheap imports.
fact: Shares in {company} rose {pct_small} in early trading after the announcement.
a_claim: the company had received {money} in public subsidies only two years ago
a_claim: the closure had been planned for months behind the workers' backs
b_claim: staff would be offered retraining and severance of up to a year's pay
b_claim: production would move to an existing plant in {country2}
a_quote: This town was built around that factory. | They took the subsidies and now the jobs.
a_quote: My father worked on that line, and so did his father.
b_quote: We looked at every alternative before reaching this decision.
b_quote: The site has not turned a profit since {year}. | This was not an easy choice.
accuse: the company had moved machinery out of the plant at night
accuse: managers had hidden the plant's real order book from the union
warn: suppliers in the region could shed another {n_jobs} jobs
warn: the closure would empty the town within a decade
conflict: {company} said {b} people would lose their jobs, but {a_org} said the true number, \
including contractors, was closer to {a}.
anon: a buyer from {country2} had walked away from talks last month

[clash]
scale: 30 250
event: the fighting | the clashes
a_org: the {town} Liberation Front | the armed group known as the Eastern Shield
a_title: a commander in
b_org: the {country} army | the Ministry of Defence
extra: Gen.|the army's chief of staff
lead: At least {n_dead} people were killed when fighting broke out between government troops \
and rebels near the border town of {town} on {day}, officials and residents said.
lead: Heavy clashes between the {country} army and an armed group spread to the outskirts of \
{town} overnight, sending thousands of residents fleeing toward {town2}.
fact: The conflict in the eastern provinces has displaced about {n_people} people since {year}.
fact: A ceasefire signed in {country2} in {year} collapsed within months.
fact: Journalists have been barred from the area, making casualty figures hard to verify.
a_claim: its fighters had taken control of the main road to {town2}
a_claim: government aircraft had struck a crowded market at around {time}
b_claim: troops had repelled an attack on a checkpoint | the army remained in control of {town}
a_quote: We did not start this, but we will defend our villages.
a_quote: Every bomb they drop brings more young men to our side. | We are ready to talk.
b_quote: Our soldiers acted within the law and with restraint. | The situation is under control.
b_quote: Anyone who lays down their weapons will be treated fairly.
accuse: the army had fired heavy artillery into residential streets
accuse: troops had detained dozens of young men without charge
warn: the fighting could reach {town2} within days | aid convoys would be unable to get through
conflict: The army said it had killed {a} rebel fighters, while the rebels said they had lost \
no more than {b} men.
anon: reinforcements had been flown in from the capital on {day2}

[court]
scale: 300 4000
event: the ruling | the verdict | the judgment
a_org: the rights group Clearwater Watch | the {country} Bar Association
a_title: a lawyer for
b_org: the Ministry of Justice | the Attorney General's office
extra: |the justice minister
lead: {country}'s Supreme Court on {day} struck down a law that let police hold suspects \
without charge for up to {years} days, a setback for the government.
lead: A court in {capital} on {day} sentenced a former minister to {years} years in prison for \
corruption, the harshest penalty ever handed to a senior official in {country}.
fact: The case centred on a contract worth {money_big} awarded in {year}.
fact: The law was passed by parliament in {year} after a wave of bombings.
fact: The government has 30 days to lodge an appeal.
a_claim: the ruling was a victory for every citizen who had been detained unlawfully
a_claim: the defendant had never been allowed to see the evidence against him
b_claim: the government would study the judgment before deciding whether to appeal
b_claim: the court had overstepped its powers
a_quote: Today the court reminded the government that nobody is above the law.
a_quote: This ruling came {years} years too late for many families. | Justice was done today.
b_quote: We respect the independence of the judiciary. | We will study every page of it.
b_quote: The law was written to protect citizens, not to punish them.
accuse: judges had come under political pressure before the hearing
accuse: key witnesses had been paid to change their testimony
warn: the ruling could lead to hundreds of similar cases being reopened
warn: the government might try to rewrite the law before the summer recess
conflict: Lawyers for the plaintiffs said {a} people had been held under the law, but \
{b_org} said the number was {b}.
anon: the cabinet had been told months ago that the law would not survive a challenge

[outbreak]
scale: 90 600
event: the outbreak
a_org: the medical charity Bridgewell Doctors | the {town} general hospital
a_title: a doctor with
b_org: the Ministry of Health
b_title: the chief epidemiologist at
extra: Dr.|the head of the regional health office in {town}
lead: Health officials in {country} confirmed {n_hurt} new cases of a fever outbreak on {day}, \
bringing the total above {n_people} and raising fears it could reach {capital}.
lead: An outbreak of a waterborne illness has killed {n_dead} people in and around {town}, and \
hospitals there say they are running out of beds.
fact: The illness spreads through dirty water and is treatable if patients reach a clinic early.
fact: Vaccination rates in the region fell to {pct2} last year.
fact: A similar outbreak in {year} killed hundreds of people before it was contained.
a_claim: patients were sleeping two to a bed in hospital corridors
a_claim: supplies of rehydration salts would last only a few more days
b_claim: the outbreak was confined to three districts
b_claim: {money} had been released to buy medicine and testing kits
a_quote: We are seeing whole families arrive together. | Our nurses have not slept in days.
a_quote: The next two weeks will decide whether this gets out of hand.
b_quote: There is no reason for panic. | We are testing every suspected case.
b_quote: Boiling your water is still the best protection.
accuse: the ministry had delayed declaring an emergency for political reasons
accuse: the true number of cases was being kept from the public
warn: the rainy season could double the number of infections
warn: the outbreak could reach {capital} within weeks
conflict: {b_org} has recorded {n_dead} deaths, but {a_org} said its staff alone had \
counted {a}.
anon: samples from the first cases had been sent abroad because local labs lacked equipment

[trade]
scale: 150 950
event: the trade deal | the agreement
a_org: the Ministry of Trade | the {country} Exporters' Council
a_title: the chief negotiator for
b_org: the {country} Farmers' League | {party2}
extra: |the head of the {town} growers' cooperative
lead: {country} and {country2} signed a trade agreement on {day} that will remove tariffs on \
most goods within {years} years, ending more than a decade of on-off negotiations.
lead: {country}'s government said on {day} it had reached a deal to sell {commodity} to \
{country2} at lower tariffs, a step it says will create {n_jobs} jobs.
fact: Trade between the two countries was worth about {money_big} last year.
fact: {commodity} accounts for {pct} of {country}'s exports, most of it priced in U.S. dollars.
fact: The deal must still be approved by both parliaments.
a_claim: exports to {country2} could double within five years
a_claim: small firms would be protected by long transition periods
b_claim: local producers would be wiped out by cheaper imports
b_claim: the text had been negotiated in secret
a_quote: This opens a market of millions of consumers to our producers.
a_quote: It is a good deal, and a fair one. | Our exporters have waited long enough.
b_quote: Nobody asked the farmers. | We will fight this in parliament and on the streets.
b_quote: This deal was written for importers, not for the people who grow our food.
accuse: negotiators had quietly agreed to lower food safety standards
accuse: the government had hidden the true cost of the deal from parliament
warn: the agreement would face a legal challenge | food prices could rise before the year ends
conflict: The ministry said the deal would lift exports by ${a} million a year, but \
{b_org} said a realistic figure was nearer ${b} million.
anon: {country2} had threatened to walk away over rules on car imports

[protest]
scale: 8000 90000
event: the protests | the demonstrations
a_org: the Citizens' Movement for Fair Prices | the {capital} Students' Union
a_title: an organiser with
b_org: the {capital} police | the Ministry of the Interior
extra: Gen.|the head of the national police
lead: Police in {capital} fired tear gas and water cannon on {day} to break up thousands of \
protesters angered by a sharp rise in the price of fuel and bread.
lead: Demonstrations against a new tax spread to {town} and at least four other cities in \
{country} on {day}, the {nth} day of unrest.
fact: Fuel prices in {country} have risen {pct} since the government cut subsidies in {year}.
fact: Shops along the main avenue of {capital} were boarded up ahead of the march.
fact: Protests over living costs brought down a government in {country} in {year}.
a_claim: the march had been peaceful until police charged the crowd
a_claim: more than {n_hurt} protesters had been arrested
b_claim: officers had been pelted with stones and petrol bombs
b_claim: {n_hurt} police officers had been injured
a_quote: We are not criminals, we are hungry. | Bread should not be a luxury.
a_quote: They can arrest us today, but we will be back tomorrow.
b_quote: The right to protest does not include the right to burn cars.
b_quote: We used the minimum force necessary. | Order has been restored.
accuse: plain-clothes officers had fired live rounds at the crowd
accuse: the government had cut mobile internet in {town} to stop people organising
warn: a general strike would follow if prices were not cut | the unrest could spread to the ports
conflict: Organisers said {a} people had joined the march, but police estimated the crowd at {b}.
anon: the interior minister had ordered officers to clear the square by {time}

[budget]
scale: 120 900
event: the budget | the spending plan
a_org: {party2} | the {country} Chamber of Industry
b_org: the Ministry of Finance
extra: |the governor of the {country} Central Bank
lead: {country}'s finance minister presented a {money_big} budget on {day} that raises taxes on \
fuel and phone calls while cutting spending on roads and schools.
lead: The government of {country} on {day} unveiled spending cuts worth {pct} of national \
output, hoping to unlock a loan from international lenders.
fact: The budget deficit reached {pct2} of gross domestic product last year.
fact: A U.S.-based ratings agency downgraded {country}'s debt in {year}.
fact: Parliament is expected to vote on the plan before the end of the month.
a_claim: the cuts would fall hardest on the poorest households
a_claim: the tax on phone calls would hurt small traders
b_claim: the measures were the only way to restore confidence in the currency
b_claim: pensions and health spending would be protected
a_quote: This budget asks the poor to pay for the mistakes of the rich.
a_quote: There is nothing here for young people. | Roads and schools are being sacrificed.
b_quote: These are hard choices, but they are the right ones. | The alternative is worse.
b_quote: We cannot keep borrowing to pay salaries.
accuse: the figures had been massaged to please foreign lenders
accuse: the ministry had hidden {money} in off-budget spending
warn: the plan could push the economy into recession
warn: civil servants might not be paid on time next month
conflict: The ministry said the plan would save ${a} million next year, but {a_org} said the \
real savings would be closer to ${b} million.
anon: the finance minister had threatened to resign over the fuel tax
"""


def _parse(text: str) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    section: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("["):
            section = out.setdefault(line.strip("[]"), {})
        elif line.strip():
            key, _, value = line.partition(": ")
            section.setdefault(key, []).extend(v.strip() for v in value.split(" | "))
    return out


TOPICS = _parse(_DATA)
GENERIC = TOPICS.pop("generic")


def _pct(r: random.Random, lo: float, hi: float) -> str:
    value = r.uniform(lo, hi)
    return f"{value:.1f} percent" if value < 10 or r.random() < 0.4 else f"{value:.0f} percent"


def _money(r: random.Random, unit: str) -> str:
    if r.random() < 0.5:
        return f"${r.randint(11, 99) / 10:.1f} {unit}"
    return f"${r.randint(120, 950)} {unit}"


_FRESH: dict[str, Callable[[random.Random], str]] = {
    "n_hurt": lambda r: str(r.randint(12, 480)),
    "n_people": lambda r: f"{r.randint(20, 2500) * 100:,}",
    "n_jobs": lambda r: f"{r.randint(6, 120) * 50:,}",
    "pct": lambda r: _pct(r, 2, 40),
    "pct2": lambda r: _pct(r, 4, 60),
    "pct_small": lambda r: _pct(r, 0.2, 2.9),
    "money": lambda r: _money(r, "million"),
    "money_big": lambda r: _money(r, r.choice(("billion", "million"))),
    "time": lambda r: f"{r.randint(1, 11)}{r.choice(('', ':30'))} {r.choice(('a.m.', 'p.m.'))}",
    "years": lambda r: str(r.randint(3, 30)),
    "year": lambda r: str(r.randint(1994, 2021)),
    "year2": lambda r: str(r.randint(2026, 2029)),
    "day2": lambda r: r.choice(DAYS),
    "date": lambda r: f"{r.choice(MONTHS)} {r.randint(1, 28)}",
    "nth": lambda r: r.choice(("second", "third", "fourth", "fifth", "sixth")),
}


class _Slots(dict[str, str]):
    """Template values: fixed per article, plus a fresh random value for each _FRESH key use."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        return _FRESH[key](self.rng)


@dataclass
class _Person:
    full: str
    short: str
    desc: str
    he: str
    side: str  # "a", "b" (the two camps), "x" (analyst), "w" (witness), "r" (reporter)
    known: bool = False


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _stop(s: str) -> str:
    return _cap(s) if s.endswith((".", "?", "!", "”", '"')) else _cap(s) + "."


_BOUNDARY = re.compile(
    r'[.?!](?<!\bDr\.)(?<!\bM[rs]\.)(?<!\bGen\.)(?<!\b[A-Z]\.)[”"]?\s+[“"]?[A-Z]'
)


def _sentences(text: str) -> int:
    """Rough sentence count that knows the abbreviations this module produces."""
    return len(_BOUNDARY.findall(text)) + 1


def _comma(quote: str) -> str:
    """'It ended.' -> 'It ended,' so an attribution can follow the closing quote mark."""
    if quote.endswith(("?", "!")):
        return quote
    return quote + "," if quote.endswith(".m.") else quote.removesuffix(".") + ","


class _Writer:
    """Builds one article; all randomness comes from the given rng."""

    def __init__(self, rng: random.Random, words: int) -> None:
        self.rng = r = rng
        self.words, self.topic = words, TOPICS[r.choice(sorted(TOPICS))]
        self.o, self.c = r.choice([('"', '"'), ("“", "”")])
        self.honor = r.random() < 0.4  # second references as "Mr. X" / "Ms. X"
        self.bags: dict[str, list[str]] = {}
        self.used: set[str] = set()
        self.last: _Person | None = None
        self.prev_verb = ""
        self.pad = 0.5  # chance of lengthening a paragraph; set in build() from the word budget
        s = self.slots = _Slots(r)
        country, country2 = r.sample(sorted(COUNTRIES), 2)
        s.update(country=country, country2=country2, capital=COUNTRIES[country])
        s.update(zip(("town", "town2"), r.sample(TOWNS, 2), strict=True))
        s.update(zip(("party", "party2"), r.sample(PARTIES, 2), strict=True))
        s.update(company=r.choice(COMPANIES), commodity=r.choice(COMMODITIES))
        s["agency_short"], s["agency"] = r.choice(AGENCIES)
        s.update(day=r.choice(DAYS), pop=str(r.randint(3, 95)))
        lo, hi = (int(v) for v in self.topic["scale"][0].split())
        step = 100 if lo > 5000 else 1  # round big crowds to hundreds
        a = r.randint(lo, hi) // step * step
        b = max(2, int(a * r.uniform(0.2, 0.6)) // step * step)
        s.update(a=f"{a:,}", b=f"{b:,}", n_dead=str(max(3, a // r.randint(2, 5))))
        pa = r.uniform(50.5, 62)
        s.update(pa=f"{pa:.1f} percent", pb=f"{pa - r.uniform(9, 20):.1f} percent")
        for key in ("event", "a_org", "b_org"):
            s[key] = self.fill(r.choice(self.topic[key]))
        self.side_a = [self._person("a", t, s["a_org"]) for t in self._titles("a_title")]
        self.side_b = [self._person("b", t, s["b_org"]) for t in self._titles("b_title")]
        prefix, _, desc = self.topic["extra"][0].partition("|")
        self.side_b.append(self._person("b", desc, "", prefix))
        x_title = r.choice(GENERIC["x_title"])
        self.analyst = self._person("x", x_title, "", "Dr." if r.random() < 0.7 else "")
        job = f"a {r.randint(19, 78)}-year-old {r.choice(JOBS)} from {s['town']}"
        self.witness = self._person("w", job, "")

    def fill(self, template: str) -> str:
        return template.format_map(self.slots)

    def draw(self, *keys: str) -> str:
        """Next unused template from the first key with one left (topic and generic pools)."""
        for key in keys:
            if key not in self.bags:
                pool = self.topic.get(key, []) + GENERIC.get(key, [])
                self.bags[key] = self.rng.sample(pool, len(pool))
            if self.bags[key]:
                return self.fill(self.bags[key].pop())
        del self.bags[keys[0]]  # all used up: repeats are unavoidable, start again
        return self.draw(*keys)

    def _titles(self, key: str) -> list[str]:
        return self.rng.sample(self.topic.get(key, []) + GENERIC[key], 2)

    def _person(self, side: str, title: str, org: str, prefix: str = "") -> _Person:
        r, she = self.rng, self.rng.random() < 0.5
        last = r.choice([n for n in LAST if n not in self.used])
        first = r.choice([n for n in (FIRST_F if she else FIRST_M) if n not in self.used])
        self.used.update((first, last))
        full = (
            f"{first} {last}" if r.random() > 0.12 else f"{first[0]}. {r.choice('AJKLMRT')}. {last}"
        )
        short = f"{'Ms.' if she else 'Mr.'} {last}" if self.honor else last
        if prefix:
            full, short = f"{prefix} {full}", f"{prefix} {last}"
        title = title.replace("{spokes}", "spokeswoman" if she else "spokesman")
        return _Person(
            full, short, self.fill(f"{title} {org}".strip()), "she" if she else "he", side
        )

    def _ref(self, p: _Person, pronoun: bool = True) -> tuple[str, str]:
        """(subject form, trailing form): full name and description on first mention only."""
        if p.known:
            if pronoun and p is self.last and self.rng.random() < 0.5:
                return p.he, p.he
            return p.short, p.short
        p.known = True
        return f"{p.full}, {p.desc},", f"{p.full}, {p.desc}"

    def _claim(self, p: _Person) -> str:
        keys = [{"a": "a_claim", "b": "b_claim", "x": "analyst"}.get(p.side, "claim"), "claim"]
        return self.draw(*(keys[::-1] if p.side in "ab" and self.rng.random() < 0.25 else keys))

    def _quote_text(self, p: _Person) -> str:
        keys = [{"a": "a_quote", "b": "b_quote", "x": "xquote", "w": "witness"}[p.side], "quote"]
        return self.draw(*(keys[::-1] if p.side in "ab" and self.rng.random() < 0.25 else keys))

    def _said(self, p: _Person, clause: str) -> str:
        form, known = self.rng.randrange(8), p.known
        s, e = self._ref(p, pronoun=form != 2)
        day, town, agency = self.slots["day"], self.slots["town"], self.slots["agency"]
        text = [
            f"{s} said {clause}",
            f"{s} said on {day} that {clause}",
            f"According to {e}, {clause}",
            f"{clause}, {e} said" if known else f"{clause}, said {e}",
            f"{s} told reporters in {town} that {clause}",
            f"{s} told {agency} that {clause}",
            f"{s} said in a statement that {clause}",
            f"{s} claimed that {clause}",
        ][form]
        self.last = p
        return _stop(text)

    def _quote(self, p: _Person, text: str) -> str:
        o, c, known, form = self.o, self.c, p.known, self.rng.randrange(4)
        s, e = self._ref(p)
        tail = f"{e} said" if known else f"said {e}"
        self.last = p
        if form == 0:
            return _cap(f"{s} said: {o}{text}{c}")
        if form == 1:
            return _cap(f"{s} told {self.slots['agency']}: {o}{text}{c}")
        if form == 2 or p.side == "w":
            return f"{o}{_comma(text)}{c} {tail}."
        return f"{o}{_comma(text)}{c} {tail}. {o}{self._quote_text(p)}{c}"

    def _added(self, p: _Person, quote_ok: bool = True) -> str:
        """A follow-up sentence by the same speaker: "She added that ...", or a short quote."""
        he = p.he if p is self.last else p.short
        if quote_ok and p.side in "ab" and self.rng.random() < 0.4:
            verb = self._verb("added", "went on", "said")
            return f"{self.o}{_comma(self._quote_text(p))}{self.c} {he} {verb}."
        verb = self._verb("added that", "also said", "said later that", "went on to say that")
        return _stop(f"{he} {verb} {self._claim(p)}")

    def _verb(self, *verbs: str) -> str:
        """A reporting verb, never the same as the previous one."""
        self.prev_verb = self.rng.choice([v for v in verbs if v != self.prev_verb])
        return self.prev_verb

    def _grow(self, sentences: list[str], p: _Person | None) -> list[str]:
        """Lengthen a paragraph to at most three sentences, more often when paragraphs are long."""
        while self.rng.random() < self.pad:
            quote_ok = not sentences[-1].endswith(self.c)  # never two quotes back to back
            more = _cap(self._added(p, quote_ok) if p else self.draw("fact"))
            if _sentences(" ".join([*sentences, more])) > 3:
                break
            sentences.append(more)
        return [" ".join(sentences)]

    # Paragraph kinds: each returns a list of paragraphs.
    def k_said_a(self) -> list[str]:
        p = self.rng.choice(self.side_a)
        return self._grow([self._said(p, self._claim(p))], p)

    def k_said_b(self) -> list[str]:
        p = self.rng.choice(self.side_b)
        return self._grow([self._said(p, self._claim(p))], p)

    def k_quote(self) -> list[str]:
        p = self.rng.choice([*self.side_a, *self.side_b, self.analyst])
        return self._grow([self._quote(p, self._quote_text(p))], p)

    def k_witness(self) -> list[str]:
        return self._grow([self._quote(self.witness, self._quote_text(self.witness))], None)

    def k_analyst(self) -> list[str]:
        return self._grow([self._said(self.analyst, self._claim(self.analyst))], self.analyst)

    def k_fact(self) -> list[str]:
        return self._grow([_cap(self.draw("fact"))], None)

    def k_added(self) -> list[str]:
        """Continue the previous speaker's attribution with a pronoun."""
        p = self.last
        return self._grow([_cap(self._added(p))], p) if p and p.side != "w" else self.k_fact()

    def k_ap(self) -> list[str]:
        """AP style: a quote runs over two paragraphs; the first one is left open."""
        p = self.rng.choice([*self.side_a, *self.side_b])
        o, c, known = self.o, self.c, p.known
        _, e = self._ref(p)
        tail = f"{e} said" if known else f"said {e}"
        one, two, three = (self._quote_text(p) for _ in range(3))
        self.last = p
        end = f"{o}{three}{c}" if self.rng.random() < 0.5 else f"{o}{_comma(three)}{c} {p.he} said."
        return [f"{o}{_comma(one)}{c} {tail}. {o}{two}", end]

    def k_accuse(self) -> list[str]:
        r, charge = self.rng, self.draw("accuse")
        a, b = r.choice(self.side_a), r.choice(self.side_b)
        if r.random() < 0.4:
            self.last = b
            return [
                _stop(f"{self._ref(b)[0]} denied claims by {self.slots['a_org']} that {charge}")
            ]
        claim = _stop(f"{self._ref(a)[0]} claimed that {charge}")
        s = self._ref(b, pronoun=False)[0]
        denial = r.choice([f"{s} denied the accusation", f"{s} denied that {charge}"])
        self.last = b
        return [f"{claim} {_stop(denial)}"]

    def k_warn(self) -> list[str]:
        p = self.rng.choice([*self.side_a, *self.side_b, self.analyst])
        s = self._ref(p)[0]
        self.last = p
        return self._grow([_stop(f"{s} warned that {self.draw('warn')}")], p)

    def k_anon(self) -> list[str]:
        clause, why, org = self.draw("anon"), self.draw("reason"), self.slots["b_org"]
        forms = [
            f"An official who spoke on condition of anonymity {why} said {clause}",
            f"A senior source at {org}, who asked not to be named, said {clause}",
            f"Two people familiar with the matter, who declined to be named {why}, said {clause}",
        ]
        return self._grow([_stop(self.rng.choice(forms))], None)

    def k_noresp(self) -> list[str]:
        r, s, p = self.rng, self.slots, self.side_b[-1]
        if not p.known and r.random() < 0.3:
            return [_stop(f"{self._ref(p)[0]} declined to comment")]
        org = r.choice([s["a_org"], s["b_org"]])
        forms = [
            f"{org} did not respond to a request for comment",
            f"{org} did not immediately respond to requests for comment on {s['day']}",
            f"Repeated calls to {org} went unanswered on {s['day']}",
        ]
        return self._grow([_stop(r.choice(forms))], None)

    def k_conflict(self) -> list[str]:
        """Two sources giving different figures for the same thing."""
        sentences = [_stop(self.draw("conflict"))]
        if self.rng.random() < 0.4:
            sentences.append(f"{self.slots['agency_short']} could not verify either figure.")
        return self._grow(sentences, None)

    def _deck(self, first: bool) -> list[Callable[[], list[str]]]:
        r = self.rng
        repeat = [self.k_said_a, self.k_said_b, self.k_quote, self.k_fact, self.k_added]
        if not first:
            return r.sample([*repeat, self.k_witness, self.k_analyst], 7)
        core = [self.k_said_a, self.k_said_b, self.k_quote, self.k_fact]
        rest = [*repeat, self.k_ap, self.k_accuse, self.k_warn, self.k_anon, self.k_noresp]
        rest += [self.k_witness, self.k_analyst]
        (core if r.random() < 0.7 else rest).append(self.k_conflict)
        return r.sample(rest, len(rest)) + r.sample(core, len(core))  # popped from the end

    def _set_pad(self, words_left: float, paragraphs_left: int) -> None:
        per_paragraph = words_left / max(1, paragraphs_left)  # sentences run about 21 words
        self.pad = min(0.95, max(0.05, (per_paragraph / 21 - 1) * 0.7))

    def build(self) -> str:
        r, s = self.rng, self.slots
        wire = r.random() < 0.25  # dateline, byline and "Reporting by" furniture
        limit = max(18 if wire else 20, round(self.words / 28))  # paragraphs at most
        target = self.words * r.uniform(0.92, 1.06)
        goal = min(limit, max(6, round(self.words / 32)))  # paragraphs aimed for
        self._set_pad(target, goal)
        lead = [_cap(self.draw("lead"))]
        lead += [_cap(self.draw("fact"))] if r.random() < self.pad else []
        if wire:
            place = r.choice([s["capital"], s["town"]]).upper()
            lead[0] = f"{place} ({s['agency_short']}) {r.choice('-—')} {lead[0]}"
        body, deck = [" ".join(lead)], self._deck(first=True)
        count = len(body[0].split())
        while count < target and len(body) < limit:
            self._set_pad(target - count, (goal if len(body) < goal else limit) - len(body))
            new = (deck or (deck := self._deck(first=False))).pop()()
            if len(body) + len(new) > limit:
                break
            body += new
            count += sum(len(p.split()) for p in new)
        while len(body) < (4 if wire else 6):
            body.append(_cap(self.draw("fact")))
        if wire:
            names = [self._person("r", "", "").full for _ in range(3)]
            body.insert(0, f"By {names[0]}")
            body.append(
                f"Reporting by {names[0]} in {s['capital']}; Additional reporting by {names[1]}; "
                f"Editing by {names[2]}"
            )
        return "\n\n".join(body)


def make_articles(n: int, seed: int = 0, words: int = 500) -> list[str]:
    """n distinct fictional wire-style articles as plain text.

    Paragraphs are separated by one blank line. The result depends only on (n, seed, words),
    and article i is the same for every n > i.
    """
    master = random.Random(seed)
    texts = [_Writer(random.Random(master.getrandbits(64)), words).build() for _ in range(n)]
    assert len(set(texts)) == len(texts), "make_articles produced a duplicate article"
    return texts


SITES = ["The Harbour Courier", "Daily Lantern", "The Meridian Post", "Eastfield Gazette"]
SECTIONS = ["World", "Politics", "Business", "Health", "Science", "Sport", "Opinion", "Culture"]
RELATED = [
    "{town} council approves new harbour levy",
    "Power cuts hit {town} for a second week",
    "{country} central bank holds rates steady",
    "Heatwave strains water supply in {town}",
    "{country} reopens border crossing after talks",
    "Court delays verdict in {town} land case",
]


def make_html(text: str, seed: int = 0) -> str:
    """Wrap one plain-text article in a realistic news HTML page.

    The page has <html><head><title>, a nav bar, the article in <article><p>..</p></article>,
    a 'Related stories' list, a share bar, a newsletter sign-up box and a comment form
    ('Add a Comment', 'Your email address will not be published').
    """
    r, esc = random.Random(seed), html.escape
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    lead = next((p for p in paras if not p.startswith("By ")), "News")
    for dash in (" - ", " — "):
        head, sep, rest = lead.partition(dash)
        lead = rest if sep and head.split(" (")[0].isupper() else lead
    title = " ".join(lead.split(". ")[0].split()[:12]).rstrip(",.;:")
    site = r.choice(SITES)
    nav = "".join(f'<li><a href="/{x.lower()}">{x}</a></li>' for x in r.sample(SECTIONS, 6))
    related = "".join(
        f'<li><a href="/news/{r.randint(10000, 99999)}">'
        f"{esc(h.format(town=r.choice(TOWNS), country=r.choice(sorted(COUNTRIES))))}</a></li>"
        for h in r.sample(RELATED, 4)
    )
    body = "\n".join(f"<p>{esc(p, quote=False)}</p>" for p in paras)
    share = (
        '<div class="share-bar"><span>Share this story</span> <a href="#">Email</a> '
        '<a href="#">Copy link</a> <a href="#">Print</a></div>'
    )
    blocks = [
        f'<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>',
        '<section class="newsletter"><h2>Sign up for the Morning Briefing</h2>'
        "<p>The day's top stories in your inbox every weekday.</p>"
        '<form action="/subscribe" method="post"><input type="email" name="email" '
        'placeholder="Email address"><button type="submit">Subscribe</button></form></section>',
    ]
    r.shuffle(blocks)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(title)} | {site}</title>
</head>
<body>
<header class="site-header"><a class="logo" href="/">{site}</a>
<nav class="main-nav"><ul><li><a href="/">Home</a></li>{nav}</ul></nav></header>
<main>
<h1>{esc(title)}</h1>
<time datetime="2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}">Updated today</time>
{share if r.random() < 0.5 else ""}
<article class="story-body">
{body}
</article>
{share}
{blocks[0]}
{blocks[1]}
<section class="comments" id="respond"><h3>Add a Comment</h3>
<p>Your email address will not be published. Required fields are marked *</p>
<form action="/comments" method="post">
<label for="comment">Comment *</label><textarea id="comment" name="comment"></textarea>
<label for="author">Name *</label><input id="author" name="author" type="text">
<label for="email">Email *</label><input id="email" name="email" type="email">
<button type="submit">Post Comment</button></form></section>
</main>
<footer><p>&copy; {r.randint(2019, 2025)} {site}. All rights reserved.</p></footer>
</body>
</html>
"""


if __name__ == "__main__":
    start = time.perf_counter()
    articles = make_articles(300)
    elapsed = time.perf_counter() - start
    print(f"count: {len(articles)} (all distinct: {len(set(articles)) == len(articles)})")
    print(f"mean words: {statistics.mean(len(a.split()) for a in articles):.1f}")
    print(f"generated in {elapsed:.3f} s")
    print()
    print(articles[0])
