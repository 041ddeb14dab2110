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
    # ..., a déclaré X.
    re.compile(
        rf"^(?P<content>[^«»]+?),\s*(?P<cue>{_VERBS})(?:-t-il|-t-elle)?\s+{_SRC}[\s.]*$", re.I
    ),
    # X a déclaré que ... / X afirmó que ...
    re.compile(rf"^{_SRC}\s+(?P<cue>{_VERBS})\s+(?:que|qu')\s*(?P<content>.+?)[\s.]*$", re.I),
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
        source = found.group("src").strip()
        if len(source.split()) > 10:
            continue
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
        return [
            Attribution(
                source=source,
                appositive="",
                source_start=found.start("src"),
                cue=cue,
                content_start=start,
                content_end=end,
                stance=stance,  # type: ignore[arg-type]
                quote=sentence[:start].rstrip().endswith(("«", '"', "\u201c")),
            )
        ]
    return []
