"""Write docs/reading-list.md from docs/readings/readings.csv and docs/readings/lesson_readings.csv.

    python tools/readings.py                  # (re)write docs/reading-list.md
    python tools/readings.py --check          # exit 1 if docs/reading-list.md is stale
    python tools/readings.py --block 03       # print lesson 03's ready-to-paste block
    python tools/readings.py --check-lessons  # exit 1 while a lesson's "Sources and further
                                              # reading" lacks a link of its readings

``readings.csv`` holds every reading (each checked against a stored public page: its
``verified`` column; columns id, number, section, kind, authors, year, title, details, link,
tag, perspective, annotation, lessons, verified); ``lesson_readings.csv`` the one to three of
them each lesson recommends, in order, with why (columns lesson, order, reading, why). They
are the suite's curriculum data, not learners' data, so they sit beside this page rather than
in ``data/``. The page has three parts: the readings per lesson, each as a block of
Markdown ready to paste into the lesson's "Sources and further reading" cell (between
``<!-- readings:NN:start -->`` and ``<!-- readings:NN:end -->``, so tools can find it); the
annotated list by section; the reserve. It is fully determined by the two CSV files.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READINGS = ROOT / "docs" / "readings" / "readings.csv"
LESSON_READINGS = ROOT / "docs" / "readings" / "lesson_readings.csv"
OUT = ROOT / "docs" / "reading-list.md"
sys.path.insert(0, str(ROOT / "tools"))
import manifest  # noqa: E402  (the lesson manifest: the one place a lesson's title is written)

LESSON_TITLES = {x.number: x.title for x in manifest.lessons()}
LIST_LINK = "../docs/reading-list.md"   # from a lesson in notebooks/ (and valid from docs/ too)
RESERVE = "Reserve"


class ReadingError(ValueError):
    """The readings tables are inconsistent; the message says where."""


WORK_COLUMNS = ["id", "number", "section", "kind", "authors", "year", "title", "details", "link",
                "tag", "perspective", "annotation", "lessons", "verified"]
PICK_COLUMNS = ["lesson", "order", "reading", "why"]
REQUIRED = ["id", "section", "kind", "authors", "year", "title", "link", "tag", "perspective",
            "annotation", "verified"]
KINDS = {"article", "chapter", "book", "report", "web", "dataset"}


def _rows(path: Path, columns: list[str]) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != columns:
            raise ReadingError(f"{path.name}: the header must be {','.join(columns)} "
                               f"(found {','.join(reader.fieldnames or [])})")
        return list(reader)


def read(readings: Path = READINGS, lesson_readings: Path = LESSON_READINGS) -> tuple[list[dict], list[dict]]:
    """Both tables, checked: required cells, kinds, links, lessons, ids, orders."""
    works = _rows(readings, WORK_COLUMNS)
    picks = _rows(lesson_readings, PICK_COLUMNS)
    seen = set()
    for i, w in enumerate(works, start=2):
        where = f"{readings.name}, row {i}"
        for column in REQUIRED:
            if not w[column].strip():
                raise ReadingError(f"{where}, column {column}: empty")
        if w["id"] in seen:
            raise ReadingError(f"{where}, column id: {w['id']!r} repeats")
        seen.add(w["id"])
        if w["kind"] not in KINDS:
            raise ReadingError(f"{where}, column kind: {w['kind']!r} is not one of {sorted(KINDS)}")
        if w["number"] and not w["number"].isdigit():
            raise ReadingError(f"{where}, column number: {w['number']!r} is not a whole number")
        if not all(re.fullmatch(r"0[0-7]", n) for n in w["lessons"].split()):
            raise ReadingError(f"{where}, column lessons: {w['lessons']!r} (two-digit lessons 00-07)")
        for url in [w["link"]] + w["verified"].split(" ; "):
            if not url.strip().startswith(("http://", "https://")):
                raise ReadingError(f"{where}: {url!r} is not a web address")
    orders = set()
    for i, p in enumerate(picks, start=2):
        if (p["lesson"], p["order"]) in orders:
            raise ReadingError(f"{lesson_readings.name}, row {i}: lesson {p['lesson']} has order {p['order']} twice")
        orders.add((p["lesson"], p["order"]))
        if not p["why"].strip():
            raise ReadingError(f"{lesson_readings.name}, row {i}, column why: empty")
    by_id = {w["id"]: w for w in works}
    for i, p in enumerate(picks, start=2):
        work = by_id.get(p["reading"])
        if work is None:
            raise ReadingError(f"{lesson_readings.name}, row {i}: no reading with id {p['reading']!r}")
        if p["lesson"] not in work["lessons"].split():
            raise ReadingError(f"{lesson_readings.name}, row {i}: {p['reading']} is not listed for lesson "
                               f"{p['lesson']} (its lessons: {work['lessons'] or 'none'})")
    return works, picks


def _end(text: str) -> str:
    """A sentence's closing full stop, unless it already ends with one (or ? or !)."""
    return text if text.rstrip("\"*").endswith((".", "?", "!")) else text + "."


def _title(work: dict) -> str:
    if work["kind"] in ("article", "chapter"):
        return f"\"{work['title']}\""
    return f"*{work['title']}*"


def citation(work: dict) -> str:
    """Author (year). Title. Details. Link."""
    details = f" {_end(work['details'])}" if work["details"] else ""
    return f"{work['authors']} ({work['year']}). {_end(_title(work))}{details} <{work['link']}>"


def lesson_block(lesson: str, works: list[dict], picks: list[dict]) -> str:
    """The Markdown to paste into lesson ``lesson``'s "Sources and further reading" cell."""
    by_id = {w["id"]: w for w in works}
    rows = sorted((p for p in picks if p["lesson"] == lesson), key=lambda p: int(p["order"]))
    lines = [f"**Further reading** (annotated, with more, in the [reading list]({LIST_LINK})):", ""]
    for p in rows:
        w = by_id[p["reading"]]
        lines.append(f"- {citation(w)} — *{w['tag']}.* {p['why']}")
    return "\n".join(lines)


def render(works: list[dict], picks: list[dict]) -> str:
    case = next(w for w in works if w["id"] == "benabdallah-large-2020")
    lines = [
        "# Readings beyond the brief",
        "",
        "<!-- Generated from docs/readings/readings.csv and docs/readings/lesson_readings.csv by",
        "     tools/readings.py: edit the CSV files, then run python tools/readings.py.",
        "     Do not edit this file by hand. -->",
        "",
        "Readings that take the case further: the development-security nexus as an idea, China's",
        "approach to peace and security (in Chinese authors' and official words too), China in Mali",
        "and MINUSMA, and Mali's crisis as Malian and West African analysts see it.",
        "",
        "**How these were checked.** Every entry was checked against a stored copy of a public",
        "page (publisher, repository, think tank, or a library or aggregator copy), named in its",
        "\"Checked at\" line. Details the page did not show (page ranges, issue numbers,",
        "affiliations, some years) are left out or marked *n.d.*: do not fill them in without a",
        "source. **Perspective** lines say only what the stored page shows (the institution, where",
        "the author is based, the language); nobody's nationality is inferred from a name.",
        "Annotations are the suite's own reading of each work.",
        "",
        f"**Citing the case.** {citation(case)} The suite calls it \"the brief\"; the record found",
        "is this working paper, and no separately numbered CARI policy brief was found: do not",
        "cite a policy-brief number.",
        "",
        "Contents: [Readings for each lesson](#readings-for-each-lesson) · "
        "[The annotated list](#the-annotated-list) · [Reserve](#reserve-also-verified-not-annotated)",
        "",
        "## Readings for each lesson",
        "",
        "One to three readings per lesson, with Chinese and Malian or West African perspectives",
        "where the list has them. Each block is written to be pasted as it stands into the",
        "lesson's \"Sources and further reading\" cell.",
        "",
    ]
    for lesson, title in LESSON_TITLES.items():
        lines += [f"### Lesson {lesson}: {title}", "", f"<!-- readings:{lesson}:start -->",
                  lesson_block(lesson, works, picks), f"<!-- readings:{lesson}:end -->", ""]
    lines += ["## The annotated list", ""]
    section = None
    for w in works:
        if w["section"].startswith(RESERVE):
            continue
        if w["section"] != section:
            section = w["section"]
            lines += [f"### {section}", ""]
        lessons = ", ".join(w["lessons"].split())
        lines += [f"**{w['number']}.** {citation(w)}", "",
                  f"- *Perspective:* {_end(w['perspective'])}",
                  f"- {w['annotation']}",
                  f"- *Lessons:* {lessons}. *Checked at:* {_links(w['verified'])}", ""]
    lines += ["## Reserve: also verified, not annotated", "",
              "Checked in the same way, kept out of the main list only to keep it short.", ""]
    for w in works:
        if w["section"].startswith(RESERVE):
            lines.append(f"- {citation(w)} *{_end(w['perspective'])}* {w['annotation']} "
                         f"*Checked at:* {_links(w['verified'])}")
    lines += ["", "Not listed because they could not be verified: a separately numbered CARI policy "
              "brief version of the case, and a few works whose authors, venues or years the "
              "stored pages did not show."]
    return "\n".join(lines).rstrip("\n") + "\n"


def _links(verified: str) -> str:
    return "; ".join(f"<{u.strip()}>" for u in verified.split(" ; ") if u.strip())


def blocks_in(markdown: str) -> dict[str, str]:
    """The ready-to-paste blocks found in a rendered page: lesson -> block."""
    return {m.group(1): m.group(2).strip() for m in
            re.finditer(r"<!-- readings:(\d\d):start -->\n(.*?)\n<!-- readings:\1:end -->", markdown, re.S)}


def missing_in_lessons(works: list[dict], picks: list[dict], root: Path = ROOT) -> dict[str, list[str]]:
    """For each lesson, the readings whose link its "Sources and further reading" cell lacks."""
    by_id = {w["id"]: w for w in works}
    missing = {}
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        lesson = path.name[:2]
        nb = json.loads(path.read_text(encoding="utf-8"))
        text = "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                         for c in nb["cells"] if c["cell_type"] == "markdown"
                         and re.match(r"#+\s*Sources and further reading", "".join(c["source"])))
        lacking = [p["reading"] for p in picks if p["lesson"] == lesson
                   and by_id[p["reading"]]["link"] not in text]
        if lacking:
            missing[lesson] = lacking
    return missing


def main(argv: list[str]) -> int:
    try:
        works, picks = read()
    except ReadingError as e:
        print(f"readings: {e}", file=sys.stderr)
        return 2
    if "--block" in argv:
        lesson = argv[argv.index("--block") + 1] if len(argv) > argv.index("--block") + 1 else ""
        if lesson not in LESSON_TITLES:
            print(f"readings: give a lesson 00-07 after --block (got {lesson!r})", file=sys.stderr)
            return 2
        print(lesson_block(lesson, works, picks))
        return 0
    if "--check-lessons" in argv:
        missing = missing_in_lessons(works, picks)
        for lesson, ids in missing.items():
            print(f"lesson {lesson}: 'Sources and further reading' lacks {', '.join(ids)} "
                  f"(paste: python tools/readings.py --block {lesson})")
        return 1 if missing else 0
    text = render(works, picks)
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else None
        if current != text:
            print("stale: docs/reading-list.md does not match docs/readings/*.csv "
                  "(run: python tools/readings.py)")
            return 1
        return 0
    if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
        OUT.write_text(text, encoding="utf-8")
        print("written: docs/reading-list.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
