"""Posting-scale benchmark: batch build vs one WeasyPrint call per document.

Run with the project installed:

    python benchmarks/bench_posting.py [--candidates 40] [--panelists 5] [--referees 3]

It builds a synthetic posting from the built-in library and measures, in one run:
the batch build (`interviewkit build`, as a user runs it), the same documents
rendered one WeasyPrint call per document (the naive way), a no-change rebuild,
the build's peak resident memory, and the wall time of `interviewkit --help`.
It prints a table, then as its last line a JSON object with the figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from interviewkit import manifest
from interviewkit.build import BuildRequest, prepare
from interviewkit.packet.people import parse_panel, read_candidates_csv
from interviewkit.renderer.documents import PacketRenderer
from interviewkit.renderer.environment import TemplateSet, make_environment


def interviewkit(*args: str) -> float:
    """Run the installed command line; return its wall time in seconds."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "interviewkit", *args], check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def naive(position: str, candidates_csv: Path, panel: str) -> tuple[float, int]:
    """Every scoring sheet, reference form, the guide and the consensus sheet as its own
    WeasyPrint document, one after another: how one would render them one by one."""
    from interviewkit.pdf.layout import render_pdf

    started = time.perf_counter()
    packet = prepare(
        BuildRequest(
            position=position,
            candidates=read_candidates_csv(candidates_csv),
            panel=parse_panel(panel),
        )
    )
    templates = TemplateSet()
    renderer = PacketRenderer(make_environment(templates), packet, paper="letter", forms=True)
    htmls = [(renderer.render("guide"), False), (renderer.render("consensus"), False)]
    for sheet in packet.sheets:
        register = manifest.register(packet, "naive", [sheet])
        htmls.append((renderer.render("sheets", register=register, sheets=[sheet]), True))
    for form in packet.forms:
        htmls.append((renderer.render("references", forms=[form]), False))
    for html, forms in htmls:
        render_pdf(html, base_dir=templates.folders[0], allowed=templates.folders, forms=forms)
    return time.perf_counter() - started, len(htmls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=40)
    parser.add_argument("--panelists", type=int, default=5)
    parser.add_argument("--referees", type=int, default=3)
    parser.add_argument("--position", default="permit-technician")
    parser.add_argument(
        "--skip-naive", action="store_true", help="Skip the slow one-call-per-document run."
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="interviewkit-bench-"))
    try:
        candidates_csv = work / "candidates.csv"
        with candidates_csv.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["name", "id", "referees"])
            for i in range(1, args.candidates + 1):
                referees = ";".join(f"Referee {i}-{j}" for j in range(1, args.referees + 1))
                writer.writerow([f"Candidate Número {i:02d}", f"A-{1000 + i}", referees])
        panel = ",".join(f"Panelist {chr(64 + i)}. Example" for i in range(1, args.panelists + 1))
        out = work / "out"
        build_args = [
            "build",
            args.position,
            "--candidates",
            str(candidates_csv),
            "--panel",
            panel,
            "--out",
            str(out),
        ]

        build_s = interviewkit(*build_args)
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        rebuild_s = interviewkit(*build_args)
        help_s = statistics.median(interviewkit("--help") for _ in range(5))
        folder = out / args.position
        pdfs = sorted(folder.glob("*.pdf"))
        pages = sum(len(PdfReader(p).pages) for p in pdfs)
        sheets = args.candidates * args.panelists
        forms = args.candidates * args.referees

        if args.skip_naive:
            naive_s, documents = float("nan"), 0
        else:
            naive_s, documents = naive(args.position, candidates_csv, panel)
        speedup = naive_s / build_s if naive_s == naive_s else None

        rows = [
            (
                "posting",
                f"{args.position}: {args.candidates} candidates, {args.panelists} "
                f"panelists, {args.referees} referees each",
            ),
            ("documents", f"{sheets} scoring sheets, {forms} reference forms, guide, consensus"),
            ("pages", str(pages)),
            ("batch build", f"{build_s:.1f} s"),
            (
                "naive (one call per document)",
                "skipped" if speedup is None else f"{naive_s:.1f} s for {documents} documents",
            ),
            ("speedup", "–" if speedup is None else f"{speedup:.1f}x"),
            ("no-change rebuild", f"{rebuild_s:.2f} s"),
            ("peak RSS of the build", f"{peak_kb / 1024:.0f} MB"),
            ("interviewkit --help", f"{help_s:.2f} s"),
        ]
        width = max(len(k) for k, _ in rows)
        for key, value in rows:
            print(f"{key:<{width}}  {value}")
        print(
            json.dumps(
                {
                    "speedup": None if speedup is None else round(speedup, 2),
                    "build_s": round(build_s, 2),
                    "naive_s": None if speedup is None else round(naive_s, 2),
                    "rebuild_s": round(rebuild_s, 3),
                    "peak_rss_mb": round(peak_kb / 1024, 1),
                    "help_s": round(help_s, 3),
                    "pages": pages,
                    "candidates": args.candidates,
                    "panelists": args.panelists,
                    "referees": args.referees,
                }
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
