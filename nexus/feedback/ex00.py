"""The demonstration check of lesson 00 (how checks answer)."""

from nexus.feedback import check
from nexus.feedback.shapes import one_number

__all__ = ["publication_year"]


@check(kind="number")
def publication_year(year):
    """In which year was the brief published? (a year)"""
    return one_number(
        year,
        2020,
        what="year",
        exact=True,
        mistakes=[
            (
                2012,
                "that is when Mali's crisis began, not when the brief was written. Look at the "
                "citation at the top of this lesson.",
            ),
            (
                2013,
                "that is when Operation Serval and MINUSMA began, not when the brief was written. "
                "Look at the citation at the top of this lesson.",
            ),
            (2015, "2015 is the FOCAC summit the brief quotes. Look at the citation at the top."),
            (
                lambda x: x > 2020 and x == int(x),
                "too late: the brief mentions FOCAC 2021 as a coming event.",
            ),
        ],
        right=(
            "the brief is from 2020, written just after the coup of 18 August 2020 - remember that "
            "date when you read what it could and could not know."
        ),
        compared="Look at the citation of the brief at the top of this lesson.",
    )
