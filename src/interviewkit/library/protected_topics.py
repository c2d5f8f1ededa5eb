"""Protected topics a question must not touch, by their direct words and their usual proxies.

US public-sector hiring may not ask about age, family status, religion, national
origin and the other protected characteristics, and the usual ways of asking
around them (a graduation year for age, a first language for national origin,
who watches the children for family status) are just as unlawful to rely on. The
lists are deliberately conservative: every pattern is a phrase that has no
job-related reading in an interview question, so a content owner who trips one
rewrites the question rather than arguing with the checker. Job requirements
that look similar (lifting a stated weight, working weekends, being authorized
to work) are not flagged.
"""

from __future__ import annotations

import re

PROTECTED_TOPICS: list[tuple[str, re.Pattern[str]]] = [
    (
        "age",
        re.compile(
            r"\bhow old\b|\bages?\b|\bdate of birth\b|\bbirth\s?(date|day|year)\b"
            r"|\bwhen were you born\b|\byear (you|they) (were born|graduated)\b"
            r"|\byear of (birth|graduation)\b|\bgraduation (year|date)\b"
            r"|\bwhat year did (you|they) graduate\b|\bwhen did (you|they) graduate\b"
            r"|\bretire(ment)? plans?\b|\bplan(ning)? to retire\b"
            r"|\b(until|before|when) (you|they) (will )?retire\b"
            r"|\bhow (many more years|much longer) (do|will|can) (you|they)"
            r" (plan to |expect to )?(work|stay in the workforce)\b",
            re.I,
        ),
    ),
    (
        "marital or family status",
        re.compile(
            r"\bmarital\b|\bmarried\b|\bspouse\b|\bhusband\b|\bwife\b|\bmaiden name\b"
            r"|\bchild(ren)?\b|\bkids\b|\bchild ?care\b|\bday ?care\b|\bbabysit\w*|\bnanny\b"
            r"|\bfamily (status|plans?|obligations|responsibilities|commitments|situation)\b"
            r"|\bstart a family\b|\bsingle parent\b|\bdivorced?\b|\bwidow(ed|er)?\b"
            r"|\bengaged to\b",
            re.I,
        ),
    ),
    ("pregnancy", re.compile(r"\bpregnan\w*|\bmaternity\b|\bexpecting a baby\b", re.I)),
    (
        "religion",
        re.compile(
            r"\breligio\w*|\bchurch\w*|\bmosque\b|\bsynagogue\b|\btemple\b"
            r"|\bworship\w*|\bholy days?\b|\bsabbath\b|\bpray\w*|\bclergy\b|\bpastor\b"
            r"|\b(your|their) (faith|beliefs)\b|\bday of rest\b"
            r"|\bholidays? (do )?(you|they) (observe|celebrate)\b"
            r"|\bobserv(e|es|ance of) (any )?(holidays?|holy)\b"
            r"|\b(christmas|easter|ramadan|passover|yom kippur|rosh hashanah|diwali"
            r"|hanukkah|eid)\b",
            re.I,
        ),
    ),
    (
        "national origin",
        re.compile(
            r"\bnational origin\b|\bnationality\b|\bwhere were you born\b"
            r"|\bborn in\b|\bnative (language|country|tongue|speaker|english)\b"
            r"|\bfirst language\b|\bmother tongue\b|\bancestry\b|\bethnic\w*|\bheritage\b"
            r"|\baccent\b|\bgr[eo]w(ing)? up\b|\bhome ?town\b"
            r"|\bwhere (are|is) (you|they|your family) (originally )?from\b|\boriginally from\b"
            r"|\bwhat country\b|\bspeak at home\b|\blanguage (you|they) speak at home\b"
            r"|\b(your|their) (name|surname|last name) (comes? from|origin)\b",
            re.I,
        ),
    ),
    (
        "citizenship beyond work authorization",
        re.compile(r"\bcitizen(ship)?\b|\bimmigra\w*|\bgreen card\b|\bvisa\b", re.I),
    ),
    (
        "race or color",
        re.compile(
            r"\brace\b|\bracial\b|\bskin\b|\bcolou?r of\b|\bhispanic\b|\blatin[aox]\b", re.I
        ),
    ),
    (
        "disability or health",
        re.compile(
            r"\bdisab\w*|\bhandicap\w*|\bhealth\b|\bmedical\b|\billness\w*|\bsick\b"
            r"|\bmedications?\b|\bsurgery\b|\bworkers'? comp\w*|\bmental\b|\btherapy\b"
            r"|\bimpairment\w*|\bphysically fit\b"
            r"|\bphysical (fitness|condition|limitations?|shape)\b|\bin good shape\b"
            r"|\balcohol\w*|\bgenetic\b|\bfamily (medical )?history\b",
            re.I,
        ),
    ),
    ("arrest record", re.compile(r"\barrest\w*", re.I)),
    (
        "sex, gender or sexual orientation",
        re.compile(
            r"\bsexual\b|\bgender\b|\bboyfriend\b|\bgirlfriend\b|\bpartner'?s? name\b", re.I
        ),
    ),
    ("military discharge", re.compile(r"\bdischarge\w*\b", re.I)),
    (
        "height or weight",
        re.compile(
            r"\bhow tall\b|\bheight\b|\b(your|their) weight\b|\bhow much do (you|they) weigh\b",
            re.I,
        ),
    ),
    (
        "memberships that reveal a protected trait",
        re.compile(
            r"\bclubs?\b|\bfraternit\w*|\bsororit\w*"
            r"|\b(social|fraternal) (groups|organi[sz]ations)\b"
            r"|\b(groups|organi[sz]ations|associations) (do )?(you|they) belong to\b",
            re.I,
        ),
    ),
]
_WORK_AUTHORIZATION = re.compile(r"\bauthori[sz]ed to work\b|\bwork authori[sz]ation\b", re.I)


def protected_topic_matches(text: str) -> list[tuple[str, str]]:
    """(topic, the words that show it) for each protected topic `text` touches."""
    found = []
    for topic, pattern in PROTECTED_TOPICS:
        match = pattern.search(text)
        if not match:
            continue
        if topic.startswith("citizenship") and _WORK_AUTHORIZATION.search(text):
            continue
        found.append((topic, match.group(0)))
    return found
