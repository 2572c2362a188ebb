"""The quotation check (tools/check_quotes.py): how it finds quotations, decides which are
attributed to the brief, normalises text and matches it. Small strings only: the
repository has no copy of the brief, so the tool itself is run by hand."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("check_quotes", ROOT / "tools" / "check_quotes.py")
cq = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("check_quotes", cq)  # dataclasses look their module up there
_spec.loader.exec_module(cq)

BRIEF = cq.prepare_brief(
    "Yet \nChinese enterprises are involved in several vital infrastructure \n\n"
    "projects across the country. From a human capital development aspect, Mali \n"
    "ranked 184 out of 189 countries. China’s emphasis on a development-\n\n"
    "security nexus. Mali saw a remarkable turnaround in China’s approach, from blanket "
    "condemnation of France’s Operation Serval as neo-colonial, to active support for MINUSMA. "
    "China’s evolving presence in Mali’s security is being \n\n“watched” by several states. "
    "So far, it appears that China has invested greatly in development projects. "
    "THE CHINESE GOVERNMENT IS SET ON INCREASING ITS FOOTPRINT in African peace. Keïta.")


def passages(text):
    return [p for _, _, p in cq.find_quotes(text)]


# --------------------------------------------------------------------------- finding quotations

def test_double_single_and_curly_quotes_are_found():
    text = ("The brief says \"several vital infrastructure projects\"; it calls it "
            "\u201cblanket condemnation\u201d and 'watched' and \u2018so far\u2019.")
    assert passages(text) == ["several vital infrastructure projects", "blanket condemnation",
                              "watched", "so far"]


def test_apostrophes_are_not_quotes():
    assert passages("China's role and the members' share, Mali's 'Azawad' and Keïta's fall.") == ["Azawad"]
    assert passages("the brief's 'China's emphasis' here") == ["China's emphasis"]


def test_single_quotes_inside_double_quotes_stay_inside():
    text = "China's \"evolving presence in Mali's security is being 'watched' by several states\""
    assert passages(text) == ["evolving presence in Mali's security is being 'watched' by several states"]


def test_code_file_and_column_names_are_skipped():
    text = ("the brief: 'partial_year', \"my-answers/07-memo.md\", 'brief-senou-vtc', "
            "count the 'section' column, and \"2020\".")
    assert passages(text) == []


# --------------------------------------------------------------------------- attribution

def _attributed(text):
    spans = cq.find_quotes(text)
    return [cq.attributed_to_brief(text, s, e, spans) for s, e, _ in spans]


def test_a_sentence_naming_the_brief_attributes_its_quotation():
    assert _attributed('The brief says China is "set on increasing its footprint".') == [True]
    assert _attributed('Development is "fragile", the authors write.') == [True]
    assert _attributed('It is "very efficient" (Benabdallah and Large 2020).') == [True]


def test_other_sentences_and_other_sources_are_not_attributed():
    text = ('The brief names Serval. On 14 January the spokesperson said China "notices" it. '
            'A scare quote: the "growing footprint".')
    assert _attributed(text) == [False, False]
    # same sentence, but the clause of the quotation cites another source
    text = 'The brief gives only the year (ABC News, "Soldiers announce Mali military coup").'
    assert _attributed(text) == [False]
    # a quoted sentence ends its own sentence
    assert _attributed('- "Engaging only the government is neutral." The brief argues otherwise.') == [False]


def test_brief_table_texts_are_attributed_whatever_their_sentence():
    unit = cq.Unit("data/brief_motivation_evidence.csv row 5", "China deployed its first, "
                   "'however symbolic', contingent", brief_text=True)
    [q] = cq.check([unit], BRIEF)
    assert q.attributed and not q.matches  # "however symbolic" is not in this small brief


# --------------------------------------------------------------------------- normalisation and matching

def test_normalise_quotes_dashes_space_case_and_accents():
    assert cq.normalise("China\u2019s  \u201cKe\u00efta\u201d \u2014 Development\n Security") == \
        "china's keita - development security"


def test_brief_words_broken_after_a_hyphen_are_joined():
    assert "development-security nexus" in BRIEF


@pytest.mark.parametrize("passage", [
    "several vital infrastructure projects",                     # across a line break
    "Several vital infrastructure projects.",                    # case and end punctuation
    "a development-security nexus",                              # hyphen at a line end
    "development\u2013security nexus",                           # en dash for hyphen
    "blanket condemnation of France's Operation Serval as neo-colonial",  # straight apostrophe
    "being 'watched' by several states",                         # inner quotation marks
    "set on increasing its footprint in African peace",          # capitals in the brief
    "So far, it appears that China has invested greatly",
    "Mali ranked 184 out of 189 countries",
    "from blanket condemnation ... to active support for MINUSMA",        # ellipsis
    "from blanket condemnation\u2026to active support",                  # one-character ellipsis
    "[China] has invested greatly in development projects",             # square-bracket insertion
    "Mali {} 184 out of 189 countries",                                  # f-string placeholder
    "*well* over",                                                        # Markdown emphasis
])
def test_verbatim_passages_match(passage):
    brief = BRIEF + " minusma counts well over 13,000"
    assert cq.match(passage, brief), passage


@pytest.mark.parametrize("passage", [
    "several vital infrastructure project across",   # a changed word
    "overlooks other platforms",                     # not in the text
    "largely symbolic",
    "Mali ranked 184 of 189",                        # a dropped word
    "to active support ... from blanket condemnation",   # pieces out of order
    "it appears China has invested greatly",         # a word dropped from the middle ('that')
])
def test_misquotes_do_not_match(passage):
    assert not cq.match(passage, BRIEF), passage


def test_closest_shows_the_brief_near_a_misquote():
    assert "development-security nexus" in cq.closest("a development-security nexxus", BRIEF)


# --------------------------------------------------------------------------- units and the report

def test_markdown_units_join_lines_and_skip_code():
    text = ("A paragraph that\nruns on two lines.\n\n```\nx = \"not a quote\"\n```\n"
            "- an item with `\"code\"`\n| a | \"cell\" |\n")
    units = cq.markdown_units(text, "doc.md")
    assert [u.text for u in units] == ["A paragraph that runs on two lines.", "- an item with", "a",
                                       '"cell"']


def test_python_strings_skip_docstrings_and_keep_fstring_text():
    src = ('"""Module docstring with "a quote"."""\n'
           'def f(x):\n    """Doc."""\n'
           '    return f"The brief says \\"fragile\\" {x} times", "<b class=\\"y\\">one two</b>"\n')
    strings = sorted(s for _, s in cq.python_strings(src))
    assert strings == [" one two ", 'The brief says "fragile" {} times']


def test_report_counts_and_summarises(tmp_path):
    root = tmp_path
    (root / "docs").mkdir()
    (root / "docs" / "a.md").write_text(
        'The brief says "several vital infrastructure projects" and "overlooks" things.\n\n'
        'A "scare quote" here.\n', encoding="utf-8")
    (root / "nexus" / "quizzes").mkdir(parents=True)
    (root / "nexus" / "quizzes" / "01.json").write_text(json.dumps(
        {"q": "The brief calls it 'blanket condemnation'."}), encoding="utf-8")
    quotes = cq.check(cq.collect(root), BRIEF)
    import io
    out = io.StringIO()
    assert cq.report(quotes, BRIEF, out=out) == 1
    text = out.getvalue()
    assert 'MISMATCH docs/a.md: "overlooks"' in text
    assert text.rstrip().splitlines()[-1] == "1 mismatch in 3 quotations attributed to the brief"


def test_main_reads_the_brief_from_the_command_line(tmp_path, capsys):
    brief = tmp_path / "brief.txt"
    brief.write_text("Development holds the key to solving all problems.", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text('The brief quotes "holds the key to solving all problems".',
                                            encoding="utf-8")
    assert cq.main([str(brief), "--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("0 mismatches in 1 quotations attributed to the brief")
    assert cq.main([str(tmp_path / "missing.txt"), "--root", str(tmp_path)]) == 2
