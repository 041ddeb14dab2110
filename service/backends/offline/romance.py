"""Reporting-cue rules for French and Spanish articles (rules only, no parser).

"selon X, ...", "..., a déclaré X", "X a affirmé que ...", « ... », a dit X;
"según X, ...", "..., dijo X", "X afirmó que ...", «...», señaló X.
"""

from __future__ import annotations

import re

from service.backends.offline.cues import Attribution, stance_of

_FR_VERBS = (
    r"a déclaré|a affirmé|a dit|a indiqué|a assuré|a expliqué|a estimé|a ajouté|a annoncé|"
    r"a précisé|a souligné|a dénoncé|a accusé|a nié|a démenti|a averti|a reconnu|"
    r"ont déclaré|ont affirmé|ont dit|ont indiqué|ont assuré|ont dénoncé|déclare|affirme|"
    r"estime|assure|indique|explique|ajoute|dénonce|accuse|nie|dément"
)
_ES_VERBS = (
    r"dijo|afirmó|aseguró|señaló|declaró|explicó|indicó|añadió|agregó|anunció|denunció|"
    r"acusó|negó|advirtió|reconoció|estimó|sostuvo|dijeron|afirmaron|aseguraron|señalaron|"
    r"denunciaron|negaron|dice|afirma|asegura|señala|denuncia|niega"
)
_VERBS = rf"(?:{_FR_VERBS}|{_ES_VERBS})"
# the participles of "« ... », a-t-il dit", whose speaker is the pronoun
_INVERTED = r"dit|déclaré|ajouté|affirmé|expliqué|indiqué|assuré|précisé|souligné|estimé|lancé"
_PRONOUNS = {"il": "he", "elle": "she", "ils": "they", "elles": "they"}
_DENIALS = r"negó|niega|negaron|a démenti|dément|a nié|nie|ont démenti|ont nié"
# a channel after the speaker: "dijo Fuenmayor a los periodistas", "declaró el alcalde en un
# comunicado", "a déclaré le maire à la presse": how it was said, not who said it
_CHANNEL = re.compile(
    r"(?:^|\s+)(?:a|à|en|dans|aux?|ante|devant)\s+(?:los|las|la|le|les|l'|un|una|une|el)?\s*"
    r"(?:periodistas|prensa|medios|journalistes|presse|médias|comunicado|communiqué|"
    r"rueda de prensa|conférence de presse|radio|televisión|télévision|entrevista|"
    r"entretien|redes sociales|réseaux sociaux)\b.*$",
    re.I,
)
_SRC = r"(?P<src>[^,;«»\"\u201c\u201d]{2,90}?)"
_RULES = [
    # selon la préfecture, ... / según la policía, ...
    re.compile(
        rf"^(?P<cue>selon|d'après|según|de acuerdo con)\s+{_SRC},\s*(?P<content>.+?)[\s.]*$", re.I
    ),
    # ..., selon la préfecture.
    re.compile(
        rf"^(?P<content>.+?),\s*(?P<cue>selon|d'après|según|de acuerdo con)\s+{_SRC}[\s.]*$", re.I
    ),
    # « ... », a déclaré X / «...», dijo X
    re.compile(
        rf"^[«\"\u201c]\s*(?P<content>.+?)\s*[»\"\u201d],?\s*(?P<cue>{_VERBS})(?:-t-il|-t-elle)?\s+{_SRC}[\s.,]*(?:,.*)?$",
        re.I,
    ),
    # « ... », a-t-il dit. (the speaker is the pronoun in the verb)
    re.compile(
        r"^[«\"\u201c]\s*(?P<content>.+?)\s*[»\"\u201d],?\s*"
        rf"(?P<cue>a-t-(?P<src>il|elle)\s+(?:{_INVERTED}))[\s.]*$",
        re.I,
    ),
    # X a déclaré que ... / El alcalde, Tomás Echeverri, dijo que ... (before "..., dijo X",
    # which would take "El alcalde, Tomás Echeverri" for content and "que ..." for a source)
    re.compile(
        rf"^{_SRC}(?:,\s*(?P<appositive>[^,«»]{{2,90}}),)?\s+(?P<cue>{_VERBS})\s+(?:que|qu')\s*"
        r"(?P<content>.+?)[\s.]*$",
        re.I,
    ),
    # X negó cualquier irregularidad / X a démenti avoir reçu des aides
    re.compile(
        rf"^{_SRC}(?:,\s*(?P<appositive>[^,«»]{{2,90}}),)?\s+(?P<cue>{_DENIALS})\s+"
        r"(?!que\b|qu')(?P<content>.+?)[\s.]*$",
        re.I,
    ),
    # ..., a déclaré X.
    re.compile(
        rf"^(?P<content>[^«»]+?),\s*(?P<cue>{_VERBS})\s+(?!que\b|qu')(?P<src>[^,;«»\"\u201c\u201d]{{2,90}}?)[\s.]*$",
        re.I,
    ),
    # X a déclaré : « ... » / X dijo: «...»
    re.compile(
        rf"^{_SRC}\s+(?P<cue>{_VERBS})\s*:\s*[«\"\u201c]\s*(?P<content>.+?)\s*[»\"\u201d][\s.]*$",
        re.I,
    ),
]
_STANCE = {"nié": "denies", "démenti": "denies", "nie": "denies", "dément": "denies", "negó": "denies",
           "niega": "denies", "negaron": "denies", "accusé": "alleges", "accuse": "alleges",
           "acusó": "alleges", "dénoncé": "alleges", "denunció": "alleges", "averti": "predicts",
           "advirtió": "predicts"}  # fmt: skip


def find_attributions(sentence: str) -> list[Attribution]:
    for rule in _RULES:
        found = rule.match(sentence)
        if not found:
            continue
        source = _CHANNEL.sub("", found.group("src")).strip()
        source = _PRONOUNS.get(source.lower(), source)  # "a-t-elle ajouté": she
        if not source or len(source.split()) > 10:
            continue  # "«...», declaró en una rueda de prensa": no speaker named here
        cue = found.group("cue")
        last = cue.lower().split()[-1]
        stance = _STANCE.get(last, stance_of(None))
        start, end = found.start("content"), found.end("content")
        while end > start and sentence[end - 1] in ' ,.;»"\u201d':
            end -= 1
        while start < end and sentence[start] in ' «"\u201c':
            start += 1
        if end - start < 3:
            continue
        appositive = found.groupdict().get("appositive") or ""
        return [
            Attribution(
                source=source,
                appositive=appositive.strip(),
                source_start=found.start("src"),
                cue=cue,
                content_start=start,
                content_end=end,
                stance=stance,  # type: ignore[arg-type]
                quote=sentence[:start].rstrip().endswith(("«", '"', "\u201c")),
            )
        ]
    return []
