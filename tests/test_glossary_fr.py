"""The bilingual glossary: every term has a French form and says where it comes from; official
names are sourced, not translated by guesswork; docs/glossary.md shows them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from nexus import data

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("glossary_tool_fr", ROOT / "tools" / "glossary.py")
glossary = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(glossary)

NOTES = {"usual French word", "same name in French", "English name kept: no French form found",
         "the suite's translation: no established French term found"}
#: Institutions, missions, operations, agreements and programmes: their French names must be
#: checked at a source, never rendered by guesswork.
OFFICIAL = {"MINUSMA", "AFISMA", "ECOWAS", "UNDP", "HDI", "HDR", "AQIM", "MOJWA", "MNLA", "CMA",
            "FOCAC", "DPO", "DPPA", "BRI", "PLA", "Algiers agreement", "Coalition for the Sahel",
            "UN Security Council", "UNPKO", "TCC", "ODA-like", "OOF-like", "SC", "Confucius Institute"}


@pytest.fixture(scope="module")
def rows():
    return glossary.read()


def test_french_column_is_complete(rows):
    assert rows and all(r.get("term_fr") for r in rows), "every term needs its French form"
    missing = [r["term"] for r in rows if not r.get("term_fr") or not r.get("term_fr_source")]
    assert not missing, f"no French form or no source for: {missing}"


def test_every_french_form_says_where_it_comes_from(rows):
    for r in rows:
        source = r["term_fr_source"]
        assert (source.startswith(("http://", "https://")) or source in NOTES
                or source.startswith("data/")), (r["term"], source)
        if source.startswith("data/"):
            assert (ROOT / source.split(" ")[0]).exists(), source


def test_official_names_are_sourced(rows):
    by_term = {r["term"]: r for r in rows}
    assert OFFICIAL <= set(by_term), OFFICIAL - set(by_term)
    for term in OFFICIAL:
        assert by_term[term]["term_fr_source"].startswith("http"), f"{term}: its French name needs a source"
    assert by_term["MINUSMA"]["term_fr"].endswith(
        "Mission multidimensionnelle intégrée des Nations unies pour la stabilisation au Mali")
    assert by_term["ECOWAS"]["term_fr"].startswith("CEDEAO")
    assert by_term["AFISMA"]["term_fr"].startswith("MISMA")


def test_unfound_forms_are_said_to_be_unfound(rows):
    kept = [r for r in rows if r["term_fr_source"] == "English name kept: no French form found"]
    assert kept and all(r["term"].split(" ")[0] in r["term_fr"] for r in kept)


def test_glossary_page_shows_the_french_forms(rows):
    page = glossary.OUT.read_text(encoding="utf-8")
    assert "## Termes en français" in page
    for r in rows:
        assert f"| {r['term_fr']} | {r['term']} |" in page
        if r["term_fr"] != r["term"]:
            assert f"**{r['term']}** (*fr.* {r['term_fr']}):" in page


def test_data_package_describes_the_french_columns():
    fields = [f["name"] for f in data.info("glossary")["schema"]["fields"]]
    assert fields[-2:] == ["term_fr", "term_fr_source"]
    assert data.load("glossary")["term_fr"].notna().all()


def test_an_empty_french_form_is_refused(tmp_path):
    bad = tmp_path / "glossary.csv"
    bad.write_text("term,definition,first_lesson,term_fr,term_fr_source\n"
                   "HDI,Human Development Index,2,,usual French word\n", encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="row 2, column term_fr: empty"):
        glossary.read(bad)
    bad.write_text("term,definition,first_lesson,term_fr,term_fr_source\n"
                   "HDI,Human Development Index,2,IDH,\n", encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="term_fr_source: empty"):
        glossary.read(bad)


def test_french_section_sorts_without_accents():
    rows = [{"term": "US", "definition": "d", "first_lesson": "00", "term_fr": "États-Unis",
             "term_fr_source": "usual French word"},
            {"term": "Sahel", "definition": "d", "first_lesson": "00", "term_fr": "Sahel",
             "term_fr_source": "same name in French"}]
    text = glossary.render(rows)
    assert text.index("| États-Unis |") < text.index("| Sahel |")
