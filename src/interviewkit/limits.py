"""Bounds on every input and on the work it can cause, each number in one place.

Content, templates and candidate lists may come from someone else. Every
input that multiplies work (people, sheets, forms) or memory (template
values, HTML) has a limit far above any real posting, so a hostile or mistyped
input ends in a message instead of a build that runs until it is killed.
"""

from __future__ import annotations

# --- people and what they multiply into ---------------------------------------------
# A large posting has a few hundred applicants interviewed by a panel of 3 to 5, with
# 3 to 5 references each; these limits are an order of magnitude above that.
MAX_CANDIDATES = 2_000
MAX_PANELISTS = 20
MAX_REFEREES = 10  # per candidate
MAX_SHEETS = 10_000  # scoring sheets per build: candidates x panelists
MAX_REFERENCE_FORMS = 10_000  # reference forms per build: candidates x referees

# --- templates ---------------------------------------------------------------------------
MAX_TEMPLATE_BYTES = 1_000_000  # one template file
MAX_HTML_CHARS = 20_000_000  # what one render of one template may produce
RENDER_SECONDS = 60.0  # one render of one template, checked while it runs
ALARM_GRACE_SECONDS = 2.0  # the timer that stops a render the checks cannot reach
MAX_VALUE_SIZE = 1_000_000  # characters or items in any one value a template makes
MAX_INTEGER_BITS = 4_096  # about 1,200 digits: far beyond any count or score
MAX_FILTER_SIZE = 10_000  # a width, count or line length given to a filter
MAX_CALL_DEPTH = 100  # macros calling macros

# --- messages ---------------------------------------------------------------------------
MAX_MESSAGE_LINES = 100  # lines of one error report shown on the terminal
MAX_LINE_CHARS = 1_000  # characters of one message line
