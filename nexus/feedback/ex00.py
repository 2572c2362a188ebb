"""The demonstration check of lesson 00 (how checks answer)."""

from nexus.feedback import check, correct, not_yet


@check
def publication_year(year):
    """In which year was the brief published? (an integer)"""
    if isinstance(year, str):
        return not_yet("you typed the year as text (in quotes). Write it as a number, without quotes.")
    if isinstance(year, float) and year == int(year):
        year = int(year)
    if not isinstance(year, int) or isinstance(year, bool):
        return not_yet("the answer should be a whole number, a year such as 1999.")
    if year == 2020:
        return correct("the brief is from 2020, written just after the coup of 18 August 2020 "
                       "- remember that date when you read what it could and could not know.")
    if year in (2012, 2013):
        return not_yet("that is when Mali's crisis began, not when the brief was written. "
                       "Look at the citation at the top of this lesson.")
    if year == 2015:
        return not_yet("2015 is the FOCAC summit the brief quotes. Look at the citation at the top.")
    if year > 2020:
        return not_yet("too late: the brief mentions FOCAC 2021 as a coming event.")
    return not_yet("look at the citation of the brief at the top of this lesson.")
