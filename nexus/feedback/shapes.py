"""The shared judgement of each shape of answer: one number, numbers with labels, names.

Every exercise check hands its answer to one of these with the expected value
(computed from the tables) and the mistakes it knows (each a value computed from
the tables and the hint that names it). The order is the same everywhere:

1. the shape (text instead of a number, several values instead of one, ...);
2. the right answer, read with the one tolerance rule (:func:`reader.agrees`);
3. a percentage where a fraction was asked;
4. the known mistakes, in the order given;
5. a value too rounded to tell from the mistakes;
6. otherwise, a hint that says what was compared (never a guess at the cause).

So the same answer shape gets the same reply in every notebook, and a hint never
names a mistake the check did not detect.
"""

from __future__ import annotations

import math
import unicodedata

from nexus.feedback import correct, not_yet
from nexus.feedback.reader import (
    agrees,
    describe_type,
    label_key,
    labelled,
    names,
    number,
    precision_words,
    too_rounded,
)

__all__ = [
    "fmt",
    "plural",
    "one_number",
    "numbers_in_order",
    "labelled_numbers",
    "name_list",
    "same_numbers",
    "strip_accents",
    "year_read",
]


def fmt(x, grouping: bool = True) -> str:
    """A learner's number as they would recognise it (at most 6 significant figures; thousands
    separated by commas unless ``grouping`` is False, as for a year)."""
    x = number(x, containers=False)
    if x is None:
        return "?"
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}" if grouping else str(int(x))
    return f"{x:.6g}"


def plural(word: str) -> str:
    """'lens' -> 'lenses', 'region' -> 'regions'."""
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def strip_accents(text: str) -> str:
    """``text`` without accents ('Ségou' -> 'Segou')."""
    return "".join(c for c in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(c))


def _several(answer):
    """The number of values in a container answer that is not one value, else None."""
    kind = type(answer).__name__
    if kind in ("Series", "DataFrame", "ndarray", "list", "tuple", "Index", "dict", "set"):
        try:
            size = (
                answer.size
                if hasattr(answer, "size") and not isinstance(answer, (list, tuple, dict, set))
                else len(answer)
            )
        except Exception:
            return None
        return None if size == 1 else size
    return None


def _matches(x, target, exact, decimals):
    if exact:
        return number(target, containers=False) is not None and x == float(target)
    return agrees(x, target, decimals)


def one_number(
    answer,
    expected,
    *,
    what: str = "number",
    exact: bool = False,
    decimals: int | None = None,
    fraction: bool = False,
    mistakes=(),
    right: str = "",
    compared: str = "",
    several: str = "",
):
    """Judge an answer that should be one number.

    ``expected`` is the right value or a list of right values (alternative routes);
    ``mistakes`` is a list of (value or predicate, hint); ``compared`` (text, or a function of
    the learner's number) says what the check compared the learner's value with, for when no
    mistake is recognised.
    """
    targets = expected if isinstance(expected, (list, tuple)) else [expected]
    if isinstance(answer, str):
        return not_yet(
            f"your answer is text (in quotes). Give the {what} as a number, without "
            "quotes: int(...) or float(...) turns a table cell into one."
        )
    if type(answer).__name__ in ("Timestamp", "datetime", "date", "datetime64"):
        return not_yet(
            f"your answer is a date (perhaps from .idxmax()), not a {what}. Take the "
            "value itself, for example with .max()."
        )
    n = _several(answer)
    if n is not None:
        return not_yet(
            several
            or (
                f"your answer holds {n} values ({describe_type(answer)}); the "
                f"task asks for one {what}. Reduce it to one value (a sum, a "
                "mean, .iloc[0] ...)."
            )
        )
    x = number(answer)
    if x is None:
        return not_yet(f"the answer should be one {what}; your answer is {describe_type(answer)}.")
    if any(_matches(x, t, exact, decimals) for t in targets):
        return correct(right)
    if fraction and any(agrees(x / 100, t, decimals) for t in targets):
        return not_yet(
            f"{fmt(x)} looks like a percentage. The task asks for a fraction between 0 "
            "and 1: do not multiply by 100 (or divide by 100)."
        )
    if not exact and any(too_rounded(x, t, decimals) for t in targets):
        # a coarse rounding of the right value: say so, rather than guess a mistake
        return not_yet(
            f"{fmt(x)} agrees with the expected value only when that is rounded further: "
            "too rounded to tell it apart from the common mistakes of this task. Give "
            f"{precision_words(decimals)}."
        )
    for mistake, hint in mistakes:
        hit = (
            mistake(x)
            if callable(mistake)
            else _matches(x, mistake, exact and float(mistake).is_integer(), decimals)
        )
        if hit:
            return not_yet(hint)
    if exact and x != int(x):
        return not_yet(f"a {what} is a whole number; yours is {fmt(x)}.")
    if fraction and not 0 <= x <= 1:
        return not_yet(
            f"a share lies between 0 and 1, and yours is {fmt(x)}. Check what you divided "
            "by what: the part goes on top, the whole underneath."
        )
    if callable(compared):
        compared = compared(x)
    return not_yet(f"your {what} is {fmt(x, grouping=what != 'year')}. {compared}".strip())


def year_read(answer, expected: int, values: dict, *, why_not, right: str, what: str = "year"):
    """Judge a year read off a prepared table or chart (the no-code track).

    ``values`` maps every year the table shows to its value there; ``why_not(year, value)`` says
    what the table shows in a wrong year the learner picked - what was detected, never where the
    right year is. A value of the table given instead of a year, and a year outside the table,
    get hints of their own; everything else follows :func:`one_number` (years are exact).
    """
    years = sorted(values)
    mistakes = [(y, why_not(y, values[y])) for y in years if y != expected]
    shown = [float(v) for v in values.values() if v]
    mistakes.append(
        (lambda x: x not in values and any(agrees(x, v) for v in shown),
         "that is a value from the table, not a year: give the year of the row you mean.")
    )
    return one_number(
        answer,
        expected,
        what=what,
        exact=True,
        mistakes=mistakes,
        right=right,
        compared=f"The table runs from {years[0]} to {years[-1]}: give a year in it.",
    )


def numbers_in_order(
    answer,
    expected: list,
    *,
    what: str,
    parts: list,
    decimals: int | None = None,
    mistakes=(),
    right: str = "",
    compared: str = "",
):
    """Judge a short sequence of numbers given in a set order, such as a pair (before, after).

    Reads a tuple, list, array, Series, dict (in its order) or a one-row/one-column DataFrame.
    ``parts`` names each position ('the 2015-2017 mean', ...); ``mistakes`` is a list of
    (list of numbers, or predicate(list), hint).
    """
    n = len(expected)
    if isinstance(answer, str):
        return not_yet(
            f"your answer is text. Give {what} as numbers, in a pair in round brackets: ({', '.join(parts)})."
        )
    single = number(answer)
    if single is not None:
        return not_yet(
            f"your answer is one number ({fmt(single)}); the task asks for {n} numbers "
            f"in this order: ({', '.join(parts)})."
        )
    kind = type(answer).__name__
    values = None
    try:
        if isinstance(answer, dict):
            values = list(answer.values())
        elif kind == "DataFrame" and 1 in answer.shape:
            values = answer.to_numpy().ravel().tolist()
        elif kind in ("Series", "ndarray", "Index") or isinstance(answer, (list, tuple)):
            import numpy as np

            values = list(np.asarray(answer, dtype=object).ravel())
    except Exception:
        values = None
    if values is None:
        return not_yet(
            f"the task asks for {n} numbers in a pair, ({', '.join(parts)}); your answer is "
            f"{describe_type(answer)}."
        )
    if len(values) != n:
        return not_yet(
            f"your answer holds {len(values)} values; the task asks for {n}, in this order: "
            f"({', '.join(parts)})."
        )
    got = [number(v, containers=False) for v in values]
    if any(g is None for g in got):
        return not_yet(f"some of your values are not numbers; the task asks for ({', '.join(parts)}).")
    if all(agrees(g, e, decimals) for g, e in zip(got, expected, strict=True)):
        return correct(right)
    if n == 2 and all(agrees(g, e, decimals) for g, e in zip(got, expected[::-1], strict=True)):
        return not_yet(
            f"your two numbers are the right ones but in the wrong order: put "
            f"{parts[0]} first, then {parts[1]}."
        )
    if all(agrees(g, e, decimals) or too_rounded(g, e, decimals) for g, e in zip(got, expected, strict=True)):
        return not_yet(
            "your numbers agree with the expected ones only when those are rounded further: "
            "too rounded to tell them apart from the common mistakes. Give "
            f"{precision_words(decimals)}."
        )
    for mistake, hint in mistakes:
        if (
            mistake(got)
            if callable(mistake)
            else (len(mistake) == n and all(agrees(g, m, decimals) for g, m in zip(got, mistake, strict=True)))
        ):
            return not_yet(hint)
    ok = [agrees(g, e, decimals) for g, e in zip(got, expected, strict=True)]
    found = "; ".join(
        f"{p} {fmt(g)}" + (" (agrees)" if o else " (does not agree)") for p, g, o in zip(parts, got, ok, strict=True)
    )
    return not_yet(f"your numbers: {found}. {compared}".strip())


def same_numbers(
    got: dict, want: dict, exact: bool = False, decimals=None, zero_is_empty: bool = True
) -> bool:
    """Whether two {label key: number} maps hold the same labels and numbers (an empty value,
    and a 0 when ``zero_is_empty``, count as absent)."""

    def empty(v):
        return (isinstance(v, float) and math.isnan(v)) or (zero_is_empty and v == 0)

    g = {k: v for k, v in got.items() if not empty(v)}
    w = {k: v for k, v in want.items() if not empty(v)}
    if set(g) != set(w):
        return False
    return all(_matches(g[k], w[k], exact, decimals) for k in w)


def labelled_numbers(
    answer,
    expected: dict,
    *,
    what: str,
    labels: str,
    exact: bool = False,
    decimals: int | None = None,
    fraction: bool = False,
    ordered: bool = False,
    top: int | None = None,
    mistakes=(),
    right: str = "",
    compared: str = "",
    label_columns=(),
    value_columns=(),
    hints: dict | None = None,
    spellings=(),
    zero_is_empty: bool | None = None,
):
    """Judge numbers with labels (one per year, region, lens ...).

    ``expected`` maps labels to numbers (in the expected order when ``ordered``);
    ``mistakes`` is a list of ({label: number} or predicate(got), hint). An empty value (NaN)
    for a label the task does not need is ignored, and so is a 0 when ``zero_is_empty`` (the
    default for counts and totals, not for fractions): an empty category left by filtering.
    ``hints`` may replace the shape hints: 'single', 'type', 'wide'. ``spellings`` are the
    table's own labels, so that a label written with an accent the table does not use is named.
    """
    hints = hints or {}
    if number(answer, containers=False) is not None:
        return not_yet(
            hints.get("single")
            or (
                f"that is a single number; the task asks for {what}: one number per {labels}, as a "
                f"Series with the {plural(labels)} as labels (or a dictionary)."
            )
        )
    if isinstance(answer, str):
        return not_yet(
            f"your answer is text; the task asks for {what}, one number per {labels} "
            "(a Series or a dictionary)."
        )
    pairs, problem = labelled(answer, label_columns, value_columns)
    if problem == "wide":
        cols = [str(c) for c in list(getattr(answer, "columns", []))[:6]]
        return not_yet(
            hints.get("wide")
            or (
                f"your table has several columns of numbers ({cols}); the task asks for one number per "
                f"{labels}. Keep one column (or add the columns up, if that is what the task asks)."
            )
        )
    if problem == "no numbers":
        return not_yet(f"your table has no column of numbers; the task asks for one number per {labels}.")
    if pairs is None:
        return not_yet(
            hints.get("type")
            or (
                f"the task asks for {what}: a Series with the {plural(labels)} as labels, a dictionary, or a "
                f"table with a {labels} column and a number column. Your answer is "
                f"{describe_type(answer)}."
            )
        )
    if any(v is None for _, v in pairs):
        return not_yet(
            "some of your values are not numbers (text, or True/False). Keep the values "
            "as numbers: do not put them in quotes."
        )
    # 0 and empty (NaN) values: an empty category is ignored
    got: dict = {}
    shown: dict = {}
    for label, v in pairs:
        key = label_key(label)
        if key in got:
            return not_yet(
                f"the label {label!r} appears more than once in your answer: give each "
                f"{labels} once (group or count by it first)."
            )
        got[key], shown[key] = v, label
    want = {label_key(k): float(v) for k, v in expected.items()}
    if zero_is_empty is None:
        zero_is_empty = not fraction

    def empty(v):
        return math.isnan(v) or (zero_is_empty and v == 0)

    needed = {k: v for k, v in want.items() if not (zero_is_empty and v == 0)}
    nonempty = {k: v for k, v in got.items() if k in needed or not empty(v)}
    if not nonempty:
        return not_yet(
            f"your answer is empty (no {labels} with a number). Did a filter keep no "
            "rows? Compare numbers with numbers (2019, not '2019')."
        )
    missing_values = [shown[k] for k, v in got.items() if math.isnan(v) and k in needed]
    if missing_values:
        return not_yet(f"the value for {missing_values[0]!r} is empty (NaN); every {labels} needs a number.")

    def same(target, got_map=nonempty):
        return same_numbers(got_map, target, exact, decimals, zero_is_empty)

    learner_order = [label_key(lab) for lab, v in pairs if label_key(lab) in nonempty]
    want_order = [k for k in want if k in needed]
    if same(needed) and (not ordered or learner_order == want_order):
        return correct(right)
    if fraction and same({k: v * 100 for k, v in needed.items()}):
        return not_yet(
            "these look like percentages. The task asks for fractions between 0 and 1: "
            "do not multiply by 100."
        )
    if (
        not fraction
        and set(nonempty) == set(needed)
        and 0.99 <= sum(nonempty.values()) <= 1.01
        and sum(needed.values()) > 1.5
    ):
        return not_yet(
            "your numbers add up to 1: these are shares. The task asks for "
            f"{what}, not shares (no normalize=True, no division)."
        )
    if (
        not fraction
        and set(nonempty) == set(needed)
        and 99 <= sum(nonempty.values()) <= 101
        and abs(sum(needed.values()) - 100) > 1
    ):
        return not_yet(f"your numbers add up to 100: these are percentages. The task asks for {what}.")
    for mistake, hint in mistakes:
        if callable(mistake):
            if mistake(nonempty):
                return not_yet(hint)
        elif same({label_key(k): float(v) for k, v in mistake.items()}):
            return not_yet(hint)
    if ordered and same(needed):
        if top and len(learner_order) > top:
            return not_yet(
                f"your ranking starts right, but the task asks for the top {top} only: "
                f"keep the first {top} rows (.head({top}) or .nlargest({top}))."
            )
        return not_yet(
            "the right numbers, but not in the order asked: sort them, largest first "
            "(sort_values(ascending=False))."
        )
    if ordered and top and len(learner_order) > top:
        first = {k: nonempty[k] for k in learner_order[:top]}
        if same(needed, first) and learner_order[:top] == want_order:
            return not_yet(
                f"your ranking starts right, but the task asks for the top {top} only: "
                f"keep the first {top} rows (.head({top}) or .nlargest({top}))."
            )
    if (
        not exact
        and set(nonempty) == set(needed)
        and all(
            agrees(nonempty[k], needed[k], decimals) or too_rounded(nonempty[k], needed[k], decimals)
            for k in needed
        )
    ):
        return not_yet(
            "your numbers agree with the expected ones only when those are rounded further: "
            f"too rounded to tell them apart from other results. Give "
            f"{precision_words(decimals)}."
        )
    known = {label_key(w) for w in spellings} | set(needed)
    accented = [
        shown[k]
        for k in nonempty
        if k not in known and strip_accents(k) in {strip_accents(w) for w in known} and strip_accents(k) != k
    ]
    if accented:
        return not_yet(
            f"{accented[0]!r} carries an accent that the table does not use. Write the "
            "names exactly as the table spells them (take them from the table rather than "
            "typing them)."
        )
    extra = [shown[k] for k in nonempty if k not in needed]
    lacking = [k for k in needed if k not in nonempty]
    if extra:
        listed = ", ".join(repr(str(e)) for e in extra[:4])
        return not_yet(
            f"your answer has {len(extra)} label{'s' if len(extra) > 1 else ''} the task "
            f"does not ask for ({listed}). {compared}".strip()
        )
    if lacking:
        return not_yet(
            f"{len(lacking)} of the {len(needed)} {plural(labels)} the task asks for "
            f"{'is' if len(lacking) == 1 else 'are'} missing from your answer. "
            f"{compared}".strip()
        )
    differ = [k for k in needed if not _matches(nonempty[k], needed[k], exact, decimals)]
    first = shown[differ[0]]
    rule = "counts must be exact" if exact else f"the rule is {precision_words(decimals)}"
    verb = "differs" if len(differ) == 1 else "differ"
    return not_yet(
        f"your {plural(labels)} are the right ones, but {len(differ)} of the {len(needed)} "
        f"numbers {verb} from what I expect (the first: {str(first)!r}, where you have "
        f"{fmt(nonempty[differ[0]])}; {rule}). {compared}".strip()
    )


def name_list(
    answer,
    expected: list,
    *,
    what: str,
    ordered: bool = False,
    columns=(),
    mistakes=(),
    right: str = "",
    compared: str = "",
):
    """Judge a collection of names (regions, partners ...), in order or in any order.

    ``mistakes`` is a list of (list of names, or predicate(list of keys), hint).
    """
    if isinstance(answer, str):
        return not_yet(
            f"your answer is one piece of text; the task asks for {what}: a list of names "
            "(or another collection: a tuple, a set, a Series, an Index ...)."
        )
    got_names = names(answer, columns)
    if got_names is None:
        return not_yet(
            f"the task asks for {what}: a list of names (or a tuple, set, array, Index, "
            f"Series or Categorical of text). Your answer is {describe_type(answer)}."
        )
    if not got_names:
        return not_yet(f"your collection is empty. The task asks for {what}.")
    got = [label_key(n) for n in got_names]
    want = [label_key(n) for n in expected]
    if (got == want) if ordered else (sorted(set(got)) == sorted(set(want)) and len(got) == len(set(got))):
        return correct(right)
    for mistake, hint in mistakes:
        if callable(mistake):
            if mistake(got):
                return not_yet(hint)
        elif (
            (got == [label_key(n) for n in mistake])
            if ordered
            else (set(got) == {label_key(n) for n in mistake})
        ):
            return not_yet(hint)
    if [strip_accents(g) for g in got] == [strip_accents(w) for w in want] or (
        not ordered and {strip_accents(g) for g in got} == {strip_accents(w) for w in want}
    ):
        odd = next(n for n, g in zip(got_names, got, strict=True) if g not in want)
        return not_yet(
            f"{odd!r} is spelled differently from the table (accents). Take the names "
            "from the table rather than typing them."
        )
    if ordered and sorted(got) == sorted(want):
        if got == list(reversed(want)):
            return not_yet(
                "the right names in reverse order: sort so that the first in the "
                "ranking comes first (ascending rank)."
            )
        return not_yet("the right names, but not in the order asked. Sort them as the task says.")
    extra = [n for n, g in zip(got_names, got, strict=True) if g not in want]
    if extra:
        listed = ", ".join(repr(e) for e in extra[:4])
        return not_yet(f"your answer includes {listed}, which the task does not ask for. {compared}".strip())
    lacking = len(set(want) - set(got))
    if lacking:
        return not_yet(
            f"{lacking} of the names the task asks for {'is' if lacking == 1 else 'are'} "
            f"missing from your answer. {compared}".strip()
        )
    return not_yet(f"some names appear more than once in your answer: give each once. {compared}".strip())
