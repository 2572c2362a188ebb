"""Write docs/glossary.md from data/glossary.csv.

    python tools/glossary.py           # (re)write docs/glossary.md
    python tools/glossary.py --check   # exit 1 if docs/glossary.md is stale

data/glossary.csv has the columns ``term``, ``definition`` and ``first_lesson``
(the lesson that first uses the term: ``3``, ``03`` or the lesson's file stem
``03_mali_crisis_and_response``; required, as in data/datapackage.json), then
``term_fr`` (the term's French form: official French names of institutions and
operations) and ``term_fr_source`` (where that form was checked: a URL, or a note
such as "usual French word" or "English name kept: no French form found"). Terms are
listed alphabetically under a heading per initial letter, each with its French form;
each entry links to the lesson where the term first appears; a last section lists the
French forms alphabetically with their sources. The Markdown is fully determined by
the CSV, so ``--check`` can compare it byte for byte.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSV = ROOT / "data" / "glossary.csv"
OUT = ROOT / "docs" / "glossary.md"
COLUMNS = ["term", "definition", "first_lesson"]
FRENCH = ["term_fr", "term_fr_source"]  # optional columns: a first step for francophone classes

# The lessons' file names and titles come from the lesson manifest (lessons.toml), the one
# place a lesson's title is written.
sys.path.insert(0, str(ROOT / "tools"))
import manifest  # noqa: E402

LESSONS = {x.number: (x.stem, x.title) for x in manifest.lessons()}


class GlossaryError(ValueError):
    """data/glossary.csv is missing or malformed; the message names the row."""


def lesson_number(value: str, row: int, file: str = "glossary.csv") -> str | None:
    """'3', '03' or '03_mali_crisis_and_response' -> '03'."""
    value = (value or "").strip()
    if not value:
        raise GlossaryError(f"{file}, row {row}, column first_lesson: empty (give the lesson, 0-7, "
                            "that first uses the term)")
    m = re.match(r"^(?:lesson\s*)?(\d{1,2})(?:_[a-z0-9_]+)?(?:\.ipynb)?$", value, re.I)
    number = f"{int(m.group(1)):02d}" if m else None
    if number not in LESSONS:
        raise GlossaryError(
            f"{file}, row {row}, column first_lesson: {value!r} is not a lesson "
            f"(use a lesson number, 0-7)")
    stem = value.split(".")[0]
    if "_" in stem and stem.lower() != LESSONS[number][0]:
        raise GlossaryError(
            f"{file}, row {row}, column first_lesson: {value!r} does not match the lesson "
            f"file name {LESSONS[number][0]!r}")
    return number


def read(path: Path | None = None) -> list[dict]:
    """The glossary rows, validated: [{'term', 'definition', 'first_lesson'}], CSV order."""
    path = CSV if path is None else path
    if not path.exists():
        raise GlossaryError(f"{path.name} not found in data/: it needs the columns "
                            + ", ".join(COLUMNS))
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = [h.strip() for h in (reader.fieldnames or [])]
        if header[:3] != COLUMNS:
            raise GlossaryError(f"{path.name}: the header must start with {','.join(COLUMNS)} "
                                f"(found {','.join(header)})")
        rows, seen = [], {}
        for i, raw in enumerate(reader, start=2):  # row 1 is the header
            term = (raw.get("term") or "").strip()
            definition = " ".join((raw.get("definition") or "").split())
            if not term:
                raise GlossaryError(f"{path.name}, row {i}, column term: empty")
            if not definition:
                raise GlossaryError(f"{path.name}, row {i}, column definition: empty for {term!r}")
            key = term.casefold()
            if key in seen:
                raise GlossaryError(f"{path.name}, row {i}, column term: {term!r} repeats row {seen[key]}")
            seen[key] = i
            row = {"term": term, "definition": definition,
                   "first_lesson": lesson_number(raw.get("first_lesson", ""), i, path.name)}
            if "term_fr" in header:
                row["term_fr"] = " ".join((raw.get("term_fr") or "").split())
                row["term_fr_source"] = (raw.get("term_fr_source") or "").strip()
                if not row["term_fr"]:
                    raise GlossaryError(f"{path.name}, row {i}, column term_fr: empty for {term!r} "
                                        "(give its French form, or the English name with a note)")
                if not row["term_fr_source"]:
                    raise GlossaryError(f"{path.name}, row {i}, column term_fr_source: empty for "
                                        f"{term!r} (a URL, or say how the French form was found)")
            rows.append(row)
    return rows


def _sort_key(term: str) -> tuple[str, str]:
    letters = re.sub(r"[^0-9a-z]", "", term.casefold())
    return (letters, term)


def _initial(term: str) -> str:
    for ch in term:
        if ch.isalpha():
            return ch.upper()
    return "#"


def render(rows: list[dict]) -> str:
    lines = [
        "# Glossary",
        "",
        "<!-- Generated from data/glossary.csv by tools/glossary.py: edit the CSV, then run",
        "     python tools/glossary.py. Do not edit this file by hand. -->",
        "",
        "Terms and acronyms used in the lessons, in the suite's own words. "
        "\"First met in\" names the lesson where a term first appears.",
        "",
    ]
    by_letter: dict[str, list[dict]] = {}
    for row in sorted(rows, key=lambda r: _sort_key(r["term"])):
        by_letter.setdefault(_initial(row["term"]), []).append(row)
    if by_letter:
        index = " · ".join(f"[{letter}](#{letter.lower()})" for letter in by_letter)
        lines += [index, ""]
    for letter, entries in by_letter.items():
        lines += [f"## {letter}", ""]
        for row in entries:
            french = row.get("term_fr", "")
            fr = f" (*fr.* {french})" if french and french != row["term"] else ""
            entry = f"**{row['term']}**{fr}: {row['definition']}"
            if row["first_lesson"]:
                stem, title = LESSONS[row["first_lesson"]]
                entry += (f" *First met in:* [Lesson {row['first_lesson']}: {title}]"
                          f"(../notebooks/{stem}.ipynb)")
            lines += [entry, ""]
    if any(row.get("term_fr") for row in rows):
        lines += _french_section(rows)
    return "\n".join(lines).rstrip("\n") + "\n"


def _french_section(rows: list[dict]) -> list[str]:
    """French forms A-Z with the English term and where each form was checked."""
    lines = ["## Termes en français", "",
             "The French form of every term, for francophone classes: official French names of "
             "institutions, missions and operations, checked at the source given; everyday words "
             "are marked as such; where no French form was found, the English name is kept and "
             "the table says so.", "",
             "| français | English | source of the French form |", "|---|---|---|"]
    for row in sorted(rows, key=lambda r: _sort_key(_fold(r["term_fr"]))):
        source = row["term_fr_source"]
        shown = f"[{_host(source)}]({source})" if source.startswith(("http://", "https://")) else source
        lines.append(f"| {row['term_fr']} | {row['term']} | {shown} |")
    return lines + [""]


def _fold(text: str) -> str:
    """Accents removed for sorting (États-Unis files under E)."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _host(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).split("/")[0]


def main(argv: list[str]) -> int:
    try:
        text = render(read())
    except GlossaryError as e:
        print(f"glossary: {e}", file=sys.stderr)
        return 2
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else None
        if current != text:
            print("stale: docs/glossary.md does not match data/glossary.csv "
                  "(run: python tools/glossary.py)")
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
        OUT.write_text(text, encoding="utf-8")
        print("written: docs/glossary.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
