"""What the content model calls things: record ids, and the folder of each kind of record.

Kept apart from `models` (pydantic) so that finding a position's folder and
the files of a content folder, which a rebuild with nothing changed does,
imports neither pydantic nor the models.
"""

from __future__ import annotations

import re

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# The folder each kind of record lives in; `models.KINDS` maps them to their models.
KIND_FOLDERS = ("scales", "competencies", "question-sets", "positions")
