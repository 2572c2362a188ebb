"""The glossary: docs/glossary.md is up to date, and every acronym a lesson uses is in it.

Acronyms are tokens of two or more capital letters, optionally followed by a
plural 's' (FOCAC, MINUSMA, UNPKOs, SOE, HDI). They are looked for in the
Markdown cells of the lessons that exist (notebooks/NN_*.ipynb), after removing
code, links' targets, URLs and HTML tags. Roman numerals and the few non-terms
in ``NOT_TERMS`` are ignored. A glossary entry covers an acronym if the acronym
appears in its ``term`` column, e.g. "FOCAC" or "UNPKO (UN peacekeeping operation)".
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("glossary_tool", ROOT / "tools" / "glossary.py")
glossary = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(glossary)

ACRONYM = re.compile(r"(?<![A-Za-z0-9_])([A-Z]{2,})(s?)(?![A-Za-z0-9_])")
ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
# Capitalised words that are not terms a learner needs explained. Keep it short:
# anything that is a real acronym (US, UN, CSV...) belongs in the glossary instead.
NOT_TERMS = {"OK", "README"}

_STRIP = [
    # further-reading blocks: their capitals are publishers and series (CRU, RUSI, SIPRI...),
    # named in citations, not terms the lessons teach
    re.compile(r"<!-- readings:(\d\d):start -->.*?<!-- readings:\1:end -->", re.S),
    re.compile(r"```.*?```", re.S),            # fenced code
    re.compile(r"`[^`\n]*`"),                  # inline code
    re.compile(r"<!--.*?-->", re.S),           # HTML comments
    re.compile(r"\]\([^)]*\)"),                # link targets (keep the link text)
    re.compile(r"https?://\S+"),               # bare URLs
    re.compile(r"<[^>\n]+>"),                  # HTML tags and their attributes
    re.compile(r"&[A-Za-z]+;|&#\d+;"),         # HTML entities
]


def prose(markdown: str) -> str:
    for pattern in _STRIP:
        markdown = pattern.sub(" ", markdown)
    return markdown


def acronyms(markdown: str) -> set[str]:
    """The acronyms in a piece of Markdown, as written (plural 's' kept)."""
    found = set()
    for m in ACRONYM.finditer(prose(markdown)):
        word = m.group(1)
        if ROMAN.match(word) or word in NOT_TERMS:
            continue
        found.add(word + m.group(2))
    return found


def glossary_acronyms(rows) -> set[str]:
    out = set()
    for row in rows:
        out |= {m.group(1) for m in ACRONYM.finditer(row["term"])}
    return out


def covered(token: str, known: set[str]) -> bool:
    return token in known or (token.endswith("s") and token[:-1] in known)


def lessons() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


# ---------------------------------------------------------------- the helper itself


def test_acronym_finder_examples():
    text = ("China at FOCAC and in MINUSMA's Gao camp; UNPKOs, SOEs and the HDI. "
            "Part II, chapter IV. OK. See `answers.export()` and [the UN site](https://un.org/ABC). "
            "<span class=\"XYZ\">US$ 5</span> COVID-19")
    assert acronyms(text) == {"FOCAC", "MINUSMA", "UNPKOs", "SOEs", "HDI", "UN", "US", "COVID"}
    assert covered("UNPKOs", {"UNPKO"}) and covered("SAIS", {"SAIS"}) and not covered("SAI", {"SAIS"})
    assert covered("SOE", glossary_acronyms([{"term": "SOEs (state-owned enterprises)"}]))
    assert glossary_acronyms([{"term": "UNPKO (UN peacekeeping operation)"}]) == {"UNPKO", "UN"}


def test_render_is_sorted_linked_and_deterministic():
    rows = [{"term": "MINUSMA", "definition": "The UN mission in Mali.", "first_lesson": "03"},
            {"term": "development-security nexus", "definition": "Idea.", "first_lesson": None},
            {"term": "FOCAC", "definition": "Forum.", "first_lesson": "01"}]
    text = glossary.render(rows)
    assert text == glossary.render(list(reversed(rows)))
    assert text.index("**development-security nexus**") < text.index("**FOCAC**") < text.index("**MINUSMA**")
    assert "(../notebooks/03_mali_crisis_and_response.ipynb)" in text
    assert "## D" in text and "## F" in text and "## M" in text


def test_read_reports_bad_rows(tmp_path):
    bad = tmp_path / "glossary.csv"
    bad.write_text("term,definition,first_lesson\nHDI,Human Development Index,02\nHDI,again,02\n",
                   encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="row 3"):
        glossary.read(bad)
    bad.write_text("term,definition,first_lesson\nHDI,Human Development Index,12\n", encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="first_lesson"):
        glossary.read(bad)
    bad.write_text("term,definition,first_lesson\nHDI,Human Development Index,\n", encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="row 2, column first_lesson: empty"):
        glossary.read(bad)
    bad.write_text("name,text\nHDI,x\n", encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="header"):
        glossary.read(bad)


def test_command_writes_then_check_passes_and_detects_staleness(tmp_path, monkeypatch, capsys):
    csv_file, md_file = tmp_path / "glossary.csv", tmp_path / "docs" / "glossary.md"
    csv_file.write_text("term,definition,first_lesson\nHDI,Human Development Index,2\n", encoding="utf-8")
    monkeypatch.setattr(glossary, "CSV", csv_file)
    monkeypatch.setattr(glossary, "OUT", md_file)
    assert glossary.main(["--check"]) == 1            # not written yet
    assert glossary.main([]) == 0 and md_file.exists()
    assert glossary.main(["--check"]) == 0
    with open(csv_file, "a", encoding="utf-8") as f:
        f.write("SOE,State-owned enterprise,4\n")
    assert glossary.main(["--check"]) == 1            # stale after the CSV changed
    assert "stale" in capsys.readouterr().out
    csv_file.write_text("term,definition\nHDI,x\n", encoding="utf-8")
    assert glossary.main(["--check"]) == 2            # malformed CSV: a clear message, not a traceback
    assert "header" in capsys.readouterr().err


# ---------------------------------------------------------------- the real files


def test_glossary_csv_is_valid():
    assert glossary.CSV.exists(), "data/glossary.csv is missing (columns: term, definition, first_lesson)"
    rows = glossary.read()
    assert rows, "data/glossary.csv has no terms"


def test_glossary_md_is_not_stale():
    expected = glossary.render(glossary.read())
    current = glossary.OUT.read_text(encoding="utf-8") if glossary.OUT.exists() else ""
    assert current == expected, "docs/glossary.md is stale: run python tools/glossary.py"


def test_every_lesson_acronym_is_in_the_glossary():
    known = glossary_acronyms(glossary.read())
    missing: dict[str, set[str]] = {}
    for path in lessons():
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            for token in acronyms(cell.source):
                if not covered(token, known):
                    missing.setdefault(path.stem, set()).add(token)
    report = "; ".join(f"{lesson}: {', '.join(sorted(tokens))}" for lesson, tokens in sorted(missing.items()))
    assert not missing, ("acronyms missing from data/glossary.csv (add a row, then run "
                         f"python tools/glossary.py): {report}")
