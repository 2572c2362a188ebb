"""Checks of exercise 01: the development-security nexus.

Tables: ``brief_instruments`` and ``peacekeepers_p5``. Every expected value and every
recognised mistake is computed from them; answers are read with
:mod:`nexus.feedback.reader` and judged by :mod:`nexus.feedback.shapes` and
:mod:`nexus.feedback.rubric`, so the rules are those of every exercise.
"""

from __future__ import annotations

from functools import cache

from nexus import data
from nexus.feedback import check, quiz
from nexus.feedback.common import MARCH, MEAN, SNAPSHOT, china_december, china_december_chart, p5
from nexus.feedback.shapes import fmt, labelled_numbers, one_number
from nexus.feedback.writing import STANDARD, Item, written

__all__ = [
    "lens_counts",
    "first_year_over_1000",
    "change_2003_2013",
    "peacekeeper_chart",
    "nexus_claim",
    "military_lens",
    "nocode_governance",
    "nocode_first_year",
    "nocode_growth",
    "nocode_chart",
    "QUIZ_NEXUS",
    "QUIZ_GROWTH",
    "QUIZ_WHEN",
    "MODEL_ANSWER",
    "CHECKLIST",
]

RECOMMENDED = "(recommendation)"


@cache
def _instruments():
    table = data.load("brief_instruments")
    table["lens"] = table["lens"].astype(str)
    return table


# --------------------------------------------------------------------------- task 1


@cache
def _lens_counts_spec() -> dict:
    """What the check of ``lens_counts`` compares with, computed once from the tables."""
    inst = _instruments()
    expected = inst["lens"].value_counts().to_dict()
    observed = inst[~inst["instrument"].str.contains(RECOMMENDED, regex=False)]
    governance = inst[inst["lens"] == "governance"]
    recommended_gov = int(governance["instrument"].str.contains(RECOMMENDED, regex=False).sum())
    claims = data.load("brief_claims")
    claim_labels = {str(x).casefold() for col in ("kind", "section") for x in claims[col].astype(str)}
    return dict(
        expected=expected,
        what="a count of instruments per lens",
        labels="lens",
        exact=True,
        mistakes=[
            (
                observed["lens"].value_counts().to_dict(),
                "these counts leave out the instruments the brief only recommends (their names end "
                "with '(recommendation)'). The task asks for every row of the table.",
            ),
            (
                lambda got: set(got) <= claim_labels,
                "these labels are kinds or sections of the brief's statements (fact, claim, opening "
                "...): you counted the brief_claims table. Count the lens column of brief_instruments.",
            ),
            (
                lambda got: len(got) > len(expected) and set(got.values()) == {1.0},
                "every count is 1 and there are many labels: you counted the instrument names. Count "
                "the values of the lens column instead.",
            ),
        ],
        right=f"development has the most instruments and governance the fewest; {recommended_gov} "
        f"of the {len(governance)} governance instruments are ones the brief only recommends "
        "(in the suite's sorting by lens). That imbalance is what the brief means when it "
        "concludes that China 'has not done nearly enough with governance'.",
        compared="I compared your counts with the number of rows of brief_instruments per value "
        "of its lens column; count every row, without filtering first.",
    )


@check(kind="labelled")
def lens_counts(counts):
    """Task 1: how many instruments of brief_instruments fall under each lens (counts by lens)."""
    return labelled_numbers(counts, **_lens_counts_spec())


# --------------------------------------------------------------------------- task 2


@check(kind="number")
def first_year_over_1000(year):
    """Task 2: the first year in which China's December snapshot exceeds 1,000 personnel (a year)."""
    return one_number(year, **_first_year_over_1000_spec())


@cache
def _first_year_over_1000_spec() -> dict:
    """What the check of ``first_year_over_1000`` compares with, computed once from the tables."""
    dec = china_december()
    over = [y for y, v in dec.items() if v > 1000]
    right, last = min(over), max(over)
    table = p5()
    means = table[(table["country"].astype(str) == "China") & (table["measure"].astype(str) == MEAN)]
    first_mean = int(means.loc[means["personnel"] > 1000, "year"].min())
    all_dec = table[table["measure"].astype(str) == SNAPSHOT]
    first_any = int(all_dec.loc[all_dec["personnel"] > 1000, "year"].min())
    before = max(y for y in dec if y < right)
    mistakes = [
        (
            lambda x: int(x) in {int(v) for y, v in dec.items() if v > 1000} and x not in dec,
            "that is a number of personnel. The task asks for the year in which it happened.",
        ),
        (
            first_mean,
            f"{first_mean} is the first year of the annual means, a different measure "
            "(the table also flags the 2011-2013 means as suspect). Keep only the rows "
            "whose measure is 'December snapshot'.",
        ),
        (
            last,
            "that is the last December snapshot above a thousand, not the first. Take the "
            "smallest year of your filtered rows (.min()).",
        ),
    ]
    if first_any != right:
        mistakes.append(
            (
                first_any,
                f"in {first_any} it was another permanent member, not China, that "
                "had more than a thousand: keep only China's rows as well.",
            )
        )

    def compared(x):
        x = int(x) if x == int(x) else x
        if x not in dec:
            return "The table's December snapshots run from 1990 to 2013."
        v = dec[x]
        if v > 1000:
            return (
                f"China's December count was above 1,000 in {int(x)}, but not for the first time: "
                "take the earliest such year."
            )
        return (
            f"China's December count in {int(x)} was {fmt(v)}, below 1,000: look for the first "
            "year above 1,000."
        )

    early = max((y for y in dec if y < before), key=dec.get)
    earlier = (
        f" It was not China's first deployment of hundreds: the same table shows "
        f"{fmt(dec[early])} in December {early}, and far fewer again in the years after."
        if dec[early] > dec[before]
        else ""
    )
    return dict(
        expected=right,
        what="year",
        exact=True,
        mistakes=mistakes,
        right=(
            f"China's December count went from {fmt(dec[before])} in {before} to "
            f"{fmt(dec[right])} in {right}: the steep rise of the mid-2000s, years before MINUSMA "
            f"existed.{earlier}"
        ),
        compared=compared,
    )


# --------------------------------------------------------------------------- task 3


@cache
def _change_2003_2013_spec() -> dict:
    """What the check of ``change_2003_2013`` compares with, computed once from the tables."""
    dec = china_december()
    right = dec[2013] - dec[2003]
    table = p5()
    china = table[table["country"].astype(str) == "China"]
    mean13 = float(
        china.loc[(china["measure"].astype(str) == MEAN) & (china["year"] == 2013), "personnel"].iloc[0]
    )
    march = float(china.loc[china["measure"].astype(str) == MARCH, "personnel"].iloc[0])
    ratio = dec[2013] / dec[2003]
    return dict(
        expected=right,
        what="change in people",
        exact=True,
        mistakes=[
            (-right, "the sign is reversed: subtract the earlier year from the later one (2013 minus 2003)."),
            (
                mean13 - dec[2003],
                "one of your values is the 2013 annual mean, a different measure (and "
                "one the table flags as suspect). Use the 'December snapshot' rows "
                "for both years.",
            ),
            (march - dec[2003], "you used the March 2014 snapshot. The task asks for December 2013."),
            (
                ratio,
                "that is a ratio (2013 divided by 2003). The task asks for the difference in "
                "people: 2013 minus 2003.",
            ),
            (
                (ratio - 1) * 100,
                "that is a percentage change. The task asks for the difference in people: 2013 minus 2003.",
            ),
            (
                ratio * 100,
                "that is 2013 as a percentage of 2003. The task asks for the difference in "
                "people: 2013 minus 2003.",
            ),
            (
                dec[2013],
                "that is one year's value (2013). The task asks for the change: subtract the "
                "2003 value from it.",
            ),
            (
                dec[2003],
                "that is one year's value (2003). The task asks for the change: subtract it "
                "from the 2013 value.",
            ),
        ],
        several="your answer holds several values. The task asks for one number: the 2013 value minus "
        "the 2003 value (.iloc[0] turns a one-row selection into its number).",
        right=f"China's December deployment grew about {round(ratio)}-fold in ten years. The brief "
        "says only that China's strategic engagement 'has been increasing'; these snapshots "
        "show when its UN peacekeeping part grew fastest (the suite's reading of the table).",
        compared="I compared it with China's December snapshot of 2013 minus that of 2003.",
    )


@check(kind="number")
def change_2003_2013(change):
    """Task 3: China's December snapshot of 2013 minus that of 2003 (a number of people)."""
    return one_number(change, **_change_2003_2013_spec())


# --------------------------------------------------------------------------- task 4


@check(kind="chart")
def peacekeeper_chart(fig):
    """Task 4: a line chart of China's December snapshots, 1990-2013, titled and labelled."""
    dec = china_december()
    return china_december_chart(
        fig,
        right=(
            f"one measure, one line: China's December count rises from {fmt(dec[1990])} in "
            f"1990 to over {fmt(1000 * (max(dec.values()) // 1000))} by {max(dec, key=dec.get)}. "
            "Keeping the annual means off this line is what makes it honest."
        ),
    )


# --------------------------------------------------------------------------- task 5

QUIZ_NEXUS = quiz("ex01", "nexus_claim")


@check(kind="letter")
def nexus_claim(answer):
    """Task 5: multiple choice on what the development-security nexus claims (a letter)."""
    return QUIZ_NEXUS.grade_letter(answer)


# --------------------------------------------------------------------------- task 6

MODEL_ANSWER = (
    "A purely military lens counts China's peacekeepers, arms sales and exercises, and in Mali it "
    "would see the MINUSMA contingent. But the brief argues that China's approach rests on a "
    "development-security nexus: Beijing expects economic development, poverty alleviation and "
    "job creation to bring stability, as in its own one-party state's experience and as Xi "
    "Jinping put it at FOCAC 2015. So much of China's engagement in Mali is developmental - "
    "infrastructure by Chinese firms, scholarships and training, the Confucius Institute, medical "
    "aid, even the engineers and hospital inside MINUSMA. Ignoring these misses both what China "
    "is doing and the test the brief sets: whether development can deliver security in a "
    "protracted armed conflict. The lens counts cannot show that test's result: they describe "
    "instruments, not outcomes."
)

CHECKLIST = STANDARD + [
    Item(
        "a development instrument China uses in Mali",
        [
            "develop*",
            "infrastructure",
            "poverty",
            "job*",
            "scholarship*",
            "training",
            "hospital",
            "confucius",
            "medical",
        ],
        "Name at least one development instrument China uses in Mali.",
    ),
    Item(
        "how development and security are supposed to connect (the nexus)",
        ["nexus", "synerg*", "reinforc*", "connect*", "link*", "stability"],
        "Say how development and security are supposed to be connected.",
    ),
]


@check(kind="writing")
def military_lens(text):
    """Task 6: a written argument (saved): why a purely military lens misses part of China's
    engagement in Mali."""
    return written("01.military_lens", text, MODEL_ANSWER, min_words=40, items=CHECKLIST)



# --------------------------------------------------------------------------- the no-code track
# Each coding task (1-4) has a version without code: the learner reads a table or chart from
# nexus.prepared and answers with a number or a letter. Its check is registered as an
# alternative to the task's, so progress counts the task once, whichever route was taken.


@cache
def _nocode_governance_spec() -> dict:
    """What the check of ``nocode_governance`` compares with, computed once from the tables."""
    inst = _instruments()
    recommended = inst["instrument"].str.contains(RECOMMENDED, regex=False)
    governance = inst["lens"] == "governance"
    both = int((recommended & governance).sum())
    counts = inst["lens"].value_counts()
    n_gov, n_rec = int(governance.sum()), int(recommended.sum())
    if n_gov == n_rec:
        mistakes = [(n_gov, "that is every governance instrument, and also every instrument the brief "
                     "only recommends: the question asks for the rows that are both (lens governance, "
                     "and yes in the last column).")]
    else:
        mistakes = [(n_gov, "that is every governance instrument. The question asks how many of them "
                     "the brief only recommends: count the governance rows with yes in the last column."),
                    (n_rec, "that is every instrument the brief only recommends, whatever its lens: count "
                     "only the governance rows with yes in the last column.")]
    mistakes += [
        (int((governance & ~recommended).sum()),
         "that is the governance instruments China already uses (no in the last column). The "
         "question asks for the ones the brief only recommends."),
        (int(counts["military"]), "that is the number of military instruments; the question is about governance."),
        (int(counts["development"]),
         "that is the number of development instruments; the question is about governance."),
    ]
    return dict(
        expected=both,
        what="number of instruments",
        exact=True,
        mistakes=mistakes,
        right=f"{both} of the {int(governance.sum())} governance instruments are ones the brief only "
        "recommends, so China's own practice holds only "
        f"{_count_words(int((governance & ~recommended).sum()))} (in the suite's sorting by lens). "
        "That imbalance is what the brief means when it concludes that China 'has not done nearly "
        "enough with governance'.",
        compared="I compared it with the rows of the table whose lens is governance and whose last "
        "column says yes (only recommended by the brief).",
    )


def _count_words(n: int) -> str:
    return "one" if n == 1 else str(n)


@check(kind="number", alternative_to="lens_counts")
def nocode_governance(answer):
    """Task 1 without code: how many governance instruments the brief only recommends (a count
    read off prepared.instruments_by_lens())."""
    return one_number(answer, **_nocode_governance_spec())


@check(kind="number", alternative_to="first_year_over_1000")
def nocode_first_year(answer):
    """Task 2 without code: the first year China's December count passes 1,000 (a year read off
    prepared.china_december())."""
    from nexus.feedback.shapes import year_read

    dec = china_december()

    def why_not(year, value):
        if value <= 1000:
            return f"in {year} the table shows {fmt(value)}: not more than 1,000. Read further down."
        return (f"in {year} China's count is above 1,000 ({fmt(value)}), but not for the first time: "
                "look at the rows before it.")

    return year_read(answer, _first_year_over_1000_spec()["expected"], dec, why_not=why_not,
                     right=_first_year_over_1000_spec()["right"])


QUIZ_GROWTH = quiz("ex01", "growth")
QUIZ_WHEN = quiz("ex01", "growth_when")


@check(kind="letter", alternative_to="change_2003_2013")
def nocode_growth(answer):
    """Task 3 without code: how many times larger China's December count was in 2013 than in
    2003 (a letter)."""
    return QUIZ_GROWTH.grade_letter(answer)


@check(kind="letter", alternative_to="peacekeeper_chart")
def nocode_chart(answer):
    """Task 4 without code: what the chart of China's peacekeepers shows about when they grew
    (a letter)."""
    return QUIZ_WHEN.grade_letter(answer)
