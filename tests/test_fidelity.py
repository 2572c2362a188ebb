"""Content fidelity: statements the suite once got wrong stay right.

Each test reads the text a learner sees (lesson Markdown, quiz banks, data tables,
widget texts) and checks it against the suite's own data or against what the brief
says, as documented in the lessons. The quotation check itself (tools/check_quotes.py)
needs a copy of the brief and is run by hand; see CONTRIBUTING.md.
"""

import functools
import json
import re
from pathlib import Path

import nbformat
import pytest

from nexus import data
from nexus.charts import motivations as mc

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("0[1-7]_*.ipynb"))
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
                8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}


def markdown(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def lesson(number: str) -> str:
    return markdown(next(p for p in LESSONS if p.name.startswith(number)))


@functools.lru_cache(maxsize=1)
def suite_texts() -> dict[str, str]:
    """Every lesson's Markdown, every quiz bank and the brief tables, by file name."""
    texts = {p.name: markdown(p) for p in LESSONS}
    for p in sorted((ROOT / "nexus" / "quizzes").glob("*.json")):
        texts[p.name] = p.read_text(encoding="utf-8")
    for p in sorted((ROOT / "data").glob("brief_*.csv")) + [ROOT / "data" / "glossary.csv"]:
        texts[p.name] = p.read_text(encoding="utf-8")
    for p in sorted((ROOT / "nexus" / "widgets").glob("*.py")):
        texts[p.name] = p.read_text(encoding="utf-8")
    return texts


# Phrases that said more than the brief, dropped its hedges or misquoted it (issue 12).
RETIRED = [
    "condemned Serval as neo-colonial",              # the brief's characterisation, unattributed
    "first condemned France's Operation Serval outright",
    "grew sharply from the 2010s",                   # the steep climb is 2003-2008
    "from 2004 China had more",                      # France led in December 2006-2008
    "six can be set against public data",            # five can
    "most fundamental",                              # the brief says "fundamental"
    "destroyed or captured",                         # the brief: "subversively used", a risk
    "are destroyed or captured",
    "largely symbolic",                              # the brief: "however symbolic"
    "left China exposed",                            # a risk, not a recorded outcome
    "roads, bridges, power, public buildings",       # not in the brief
    "a military lens \"overlooks\"",                 # the brief: "are overlooked"
    "China has done far too little on governance",   # the hedge "so far, it appears" dropped
    "73.1%",                                         # a suspect 2011 mean
    "the 2012 average was 1,437",                    # a suspect 2012 mean
]


@pytest.mark.parametrize("phrase", RETIRED)
def test_retired_phrases_do_not_come_back(phrase):
    found = [name for name, text in suite_texts().items() if phrase in text]
    assert not found, f"{phrase!r} is back in {found}"


def test_lesson02_counts_the_testable_statements_right():
    claims = data.load("brief_claims")
    footprint = claims[claims["section"] == "footprint"]
    n, tested = len(footprint), int(footprint["tested_with_data"].sum())
    text = lesson("02")
    assert f"{NUMBER_WORDS[n].capitalize()} statements: {NUMBER_WORDS[tested]} can be set against public data" in text
    assert f"the other {NUMBER_WORDS[n - tested]}" in text


def test_lesson05_cites_the_ids_it_prints():
    claims = data.load("brief_claims")
    shown = claims[claims["section"] == "challenges"]["id"].tolist()
    assert (shown[0], shown[-1]) == ("C40", "C51")
    text = lesson("05")
    assert "(C40 to C51)" in text
    senou = claims.set_index("id").loc["C53"]
    assert senou["section"] == "recommendations" and "recommendations section" in text


def test_who_led_the_december_snapshots_matches_the_data():
    p5 = data.load("peacekeepers_p5")
    wide = mc.p5_wide(p5, mc.SNAPSHOT)
    others = wide[[c for c in mc.COUNTRIES if c != "China"]]
    led = wide.index[(wide["China"] > others.max(axis=1)).to_numpy()].tolist()
    assert mc.years_text(led) == "2004-2005 and 2009-2013"
    france_ahead = wide.index[(others.idxmax(axis=1) == "France") & (wide.index > 2004)
                              & ~wide.index.isin(led)].tolist()
    assert france_ahead == [2006, 2007, 2008]
    text = lesson("04")
    assert "France was ahead again in December 2006, 2007 and 2008" in text
    assert "France was ahead again in 2006–2008" in text  # the summary


def test_lesson07_dates_the_steep_climb_from_the_data():
    p5 = data.load("peacekeepers_p5")
    dec = p5[(p5["country"] == "China") & (p5["measure"] == mc.SNAPSHOT)].set_index("year")["personnel"]
    assert (dec[2003], dec[2008]) == (358, 2146)
    assert "climbed steeply from 2003 to 2008 (358 to 2,146 in December snapshots)" in lesson("07")


def test_snapshot_and_mean_are_taught_with_complete_years_only():
    p5 = data.load("peacekeepers_p5")
    china = p5[p5["country"] == "China"].set_index(["year", "measure"])
    assert not china.loc[(2014, "annual mean of monthly reports"), "suspect_year"]
    assert china.loc[(2014, "March snapshot"), "personnel"] == 2177
    assert china.loc[(2014, "annual mean of monthly reports"), "personnel"] == 2005
    minusma = data.load("china_minusma")
    assert minusma.loc[minusma["measure"] == "monthly snapshot (2014-03-31)", "china_personnel"].item() == 402
    mean14 = minusma[(minusma["year"] == 2014) & (minusma["measure"] == "annual mean of monthly reports")]
    assert mean14["china_personnel"].item() == 368 and not mean14["suspect_year"].item()
    strength = data.load("minusma_strength")
    months = strength.loc[strength["date"].dt.year == 2014, "total"]
    assert (len(months), months.iloc[-1], round(months.mean())) == (12, 9494, 8684)
    assert "2,177 people deployed, while its mean over the twelve monthly reports of 2014 was 2,005" in lesson("01")
    text04 = lesson("04")
    assert "402 Chinese personnel in the March 2014 report, 368 on average" in text04
    assert "(9,494)" in text04 and "(8,684)" in text04
    quiz = (ROOT / "nexus" / "quizzes" / "01.json").read_text(encoding="utf-8")
    assert "2,078 in December against a mean of 1,692" not in quiz and "2,177" in quiz


def test_suspect_years_are_flagged_in_the_data():
    p5 = data.load("peacekeepers_p5")
    suspect = p5[p5["suspect_year"]]
    assert set(suspect["measure"]) == {"annual mean of monthly reports"}
    assert sorted(suspect["year"].unique()) == [2011, 2012, 2013]
    minusma = data.load("china_minusma")
    assert minusma.loc[minusma["suspect_year"], "year"].tolist() == [2013]
    for name in ("peacekeepers_p5", "china_minusma"):
        fields = {f["name"]: f for f in data.info(name)["schema"]["fields"]}
        assert "suspect" in fields["suspect_year"]["description"].lower()
    assert "suspect" in data.info("peacekeepers_p5")["caveats"]


def test_coups_are_counted_the_same_in_glossary_and_lesson07():
    glossary = {r["term"]: r["definition"] for r in
                __import__("csv").DictReader((ROOT / "data" / "glossary.csv").open(encoding="utf-8"))}
    coup = glossary["coup"]
    assert "March 2012" in coup and "August 2020" in coup and "May 2021" in coup
    assert "second coup in nine months" in lesson("07")


def test_beyond_the_brief_box_is_dated_and_sourced():
    text = lesson("07")
    box = text[text.index("Outside the brief: what happened after August 2020"):text.index("## 7.")]
    items = [line for line in box.splitlines() if line.startswith("> - **")]
    assert len(items) >= 7
    for item in items:
        assert re.search(r"\*\*[^*]*\d{4}\.\*\*", item), item[:80]    # dated
        assert "](http" in item, item[:80]                              # sourced with its address
    assert any("France" in i and "Barkhane" in i for i in items)        # France's withdrawal, 2022
    assert any("Russian" in i for i in items)                           # the arrival of Russian forces


def test_serval_turnaround_is_attributed_and_set_against_the_record():
    text = lesson("04")
    assert "in the brief's words \"from blanket condemnation of France's Operation Serval" in text
    assert "14 January 2013" in text and "http://en.people.cn/90883/8092055.html" in text
    memo_src = (ROOT / "nexus" / "widgets" / "memo.py").read_text(encoding="utf-8")
    assert "The brief describes China's move from condemning" in memo_src


def test_the_brief_is_paraphrased_with_its_hedges():
    text05, text07 = lesson("05"), lesson("07")
    assert "\"So far, it appears that China has invested greatly in development projects\"" in text05
    assert "risk being destroyed or getting subversively used" in text05
    assert "\"So far, it appears that China has invested greatly in development projects\"" in text07
    quiz07 = json.loads((ROOT / "nexus" / "quizzes" / "07.json").read_text(encoding="utf-8"))
    final06 = next(q for q in quiz07["questions"] if q["id"] == "final_06")
    right = next(o for o in final06["options"] if o["correct"])
    assert "suite's interpretation" in right["explanation"]
    assert "does not say why" in right["text"]
