"""interviewkit: structured-interview packets from competency content."""

# The one place the version is written; pyproject.toml reads it from here. Kept
# as a literal because importing importlib.metadata costs a tenth of a second of
# start-up on every command.
__version__ = "0.1.0"

import logging as _logging

# A library logs; the command line decides what to show (its own "warning:" lines).
_logging.getLogger("interviewkit").addHandler(_logging.NullHandler())
