"""A small posting built once per test module, and the ratings its panel gives.

Three candidates, three panelists, a weighted position of two competencies
(listening: two questions, weight 2; writing: one question, weight 1). The
ratings are chosen so that every result is known by hand (see RATINGS).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Mapping
from pathlib import Path

from interviewkit.build import BuildRequest, build
from tests.conftest import FIXTURES

CANDIDATES = [("Ana Díaz", "A-101"), ("Ben Okoro", "A-102"), ("Cy Young", "A-103")]
PANEL = ["Pat Lee", "Kim Ode", "Ravi Shah"]
QUESTIONS = ["listening-q1", "listening-q2", "writing-q1"]
# RATINGS[candidate][panelist] = ratings on QUESTIONS. By hand (exact, then half up):
#   Ana: listening 5, 4, 4.5 -> 4.50; writing 4, 4, 3 -> 3.67; total (2*4.5 + 11/3)/3 = 4.22
#   Ben: listening 3, 1.5, 3.5 -> 2.67 (1.5 to 3.5: flagged); writing 5 -> 5.00; total 31/9 = 3.44
#        question 1: 3, 1, 3 and question 2: 3, 2, 4 are two points apart: both flagged
#   Cy:  listening 4, 3, 4.5 -> 3.83; writing 2, 2, 1 -> 1.67; total 28/9 = 3.11
#        question 1: 4, 3, 5: flagged
RATINGS: dict[str, dict[str, tuple[int | None, ...]]] = {
    "Ana Díaz": {"Pat Lee": (5, 5, 4), "Kim Ode": (4, 4, 4), "Ravi Shah": (4, 5, 3)},
    "Ben Okoro": {"Pat Lee": (3, 3, 5), "Kim Ode": (1, 2, 5), "Ravi Shah": (3, 4, 5)},
    "Cy Young": {"Pat Lee": (4, 4, 2), "Kim Ode": (3, 3, 2), "Ravi Shah": (5, 4, 1)},
}
HEADER = ["rank", "candidate", "weighted_total", "listening", "writing", "complete"]
EXPECTED_SUMMARY = [
    [*HEADER, "missing_ratings"],
    ["1", "Ana Díaz", "4.22", "4.50", "3.67", "yes", "0"],
    ["2", "Ben Okoro", "3.44", "2.67", "5.00", "yes", "0"],
    ["3", "Cy Young", "3.11", "3.83", "1.67", "yes", "0"],
]
EXPECTED_FLAGS = [
    ["candidate", "competency", "question_number", "question", "low", "high", "ratings"],
    [
        "Ben Okoro",
        "listening",
        "",
        "",
        "1.50",
        "3.50",
        "Pat Lee: 3.00; Kim Ode: 1.50; Ravi Shah: 3.50",
    ],
    [
        "Ben Okoro",
        "listening",
        "1",
        "listening-q1",
        "1",
        "3",
        "Pat Lee: 3; Kim Ode: 1; Ravi Shah: 3",
    ],
    [
        "Ben Okoro",
        "listening",
        "2",
        "listening-q2",
        "2",
        "4",
        "Pat Lee: 3; Kim Ode: 2; Ravi Shah: 4",
    ],
    [
        "Cy Young",
        "listening",
        "1",
        "listening-q1",
        "3",
        "5",
        "Pat Lee: 4; Kim Ode: 3; Ravi Shah: 5",
    ],
]
# What each panelist marks and writes on the summary page of Ana's sheet.
REMARKS = {
    "Pat Lee": ("4", "Gave two clear, specific examples."),
    "Kim Ode": ("no-decision", "Überzeugend ✓: wants a second interview — Ω"),
}


def scoring_library(root: Path) -> Path:
    """The small test library with a second competency and the weighted position."""
    content = root / "content"
    shutil.copytree(FIXTURES / "mini", content)
    text = (content / "competencies/listening.yaml").read_text(encoding="utf-8")
    (content / "competencies/writing.yaml").write_text(
        text.replace("listening", "writing").replace("name: Listening", "name: Writing"),
        encoding="utf-8",
    )
    candidates = [{"name": name, "id": code} for name, code in CANDIDATES]
    (content / "positions/clerk.yaml").write_text(
        "id: clerk\ntitle: Counter Clerk\nposting_number: T-001\norganization: Test Town\n"
        "scale: interview-five\ninterview_minutes: 30\n"
        "competencies:\n"
        "  - {id: listening, weight: 2, questions: [listening-q1, listening-q2]}\n"
        "  - {id: writing, weight: 1, questions: [writing-q1]}\n"
        "weights_rationale: Listening is two thirds of the work (job analysis, 2026).\n"
        f"panel: {json.dumps(PANEL)}\ncandidates: {json.dumps(candidates, ensure_ascii=False)}\n",
        encoding="utf-8",
    )
    return content


def build_scoring_packet(root: Path, *, blind: bool = False) -> Path:
    """Build the posting into `root/out`; returns the packet folder."""
    content = scoring_library(root)
    build(BuildRequest(position="clerk", content_dir=content, out_dir=root / "out", blind=blind))
    return root / "out" / "clerk"


def copy_packet(packet: Path, root: Path) -> Path:
    """A copy of a built packet folder, for a test to score into; returns the --out folder."""
    out = root / "out"
    shutil.copytree(packet, out / packet.name)
    return out


def manifest_of(packet: Path) -> dict:
    return json.loads((packet / "manifest.json").read_text(encoding="utf-8"))


def sheet_values(
    record: Mapping, ratings: Mapping = RATINGS, remarks: Mapping = REMARKS
) -> dict[str, str]:
    """Form field values for every sheet, found through the build's sheet register."""
    names = {code: name for name, code in record["candidate_key"].items()}
    values = {}
    for key, sheet in record["sheets"].items():
        name = names.get(sheet["candidate"], sheet["candidate"])
        for question, value in zip(QUESTIONS, ratings[name][sheet["panelist"]], strict=True):
            if value is not None:
                values[f"{key}__{question}__rating"] = str(value)
        values[f"{key}__listening-q1__notes"] = "Clear example, confirmed understanding."
        if name == "Ana Díaz" and sheet["panelist"] in remarks:
            recommendation, comments = remarks[sheet["panelist"]]
            values[f"{key}__recommendation"] = recommendation
            values[f"{key}__comments"] = comments
    return values


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def ratings_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["candidate", "panelist", "question", "rating"])
        writer.writerows(rows)
    return path
