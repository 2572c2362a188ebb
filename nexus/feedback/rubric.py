"""The one chart rubric every chart check uses.

A chart is judged on five things, in this order, and the first that fails gives
its hint (the same hint for the same mistake in every notebook):

1. **the right data** - the numbers behind the marks, read by
   :func:`nexus.feedback.reader.read_figure` (any x order; years as numbers or text;
   reference lines such as ``ax.axhline(0)`` left out);
2. **the chart kind the task names** - 'line', 'bar' (vertical or horizontal) or
   'any' (any kind that shows the data honestly: a line must not zigzag);
3. **a title**;
4. **both axis labels**;
5. **a unit in the value-axis label** (a scale word such as "thousands" when the data
   were divided to match).

A chart with several series also needs a legend.
"""

from __future__ import annotations

from nexus.feedback import correct, not_yet
from nexus.feedback.reader import describe_type, label_key, read_figure
from nexus.feedback.shapes import fmt, same_numbers

__all__ = ["judge", "HINTS", "SCALES"]

#: data divided by these factors count when the value-axis label says so
SCALES = {1_000: ("thousand", "'000", "000s", "(k)"), 1_000_000: ("million", "(m)", "mn")}

HINTS = {
    "not a figure": "give the Figure you drew (fig from fig, ax = plt.subplots(), after drawing on "
    "ax); your answer is {got}.",
    "no axes": "the figure has no axes: make it with fig, ax = plt.subplots() and draw on ax.",
    "empty": "the figure is empty: I found no line, bar or point on its axes. Draw on ax, for "
    "example with {how}.",
    "overlap": "several bars sit on the same spot, each starting from the same base: you drew one "
    "bar per row of the table. Add the rows of each {x} up first (groupby(...).sum()); "
    "stacked bars (bottom=...) are fine.",
    "swapped": "the axes are swapped: your {x}s are on the value axis. Put the {x}s on the x axis "
    "(ax.plot(x, y) and ax.bar(x, height) take x first).",
    "short": "{series} has the right values, but only for {n} of the {m} {x}s asked (yours run from "
    "{first} to {last}). Plot every {x} the task asks for.",
    "long": "{series} has the right values for the {x}s asked, plus {n} more ({extra}). Keep only "
    "the {x}s the task asks for.",
    "compared": "I read {drawn} from your chart and compared {it} with {what}: {detail} {compared}",
    "partial": "{found} is right, but I could not find {missing} among the other series of your "
    "chart. Draw it as its own series (with its own label=...).",
    "extra": "besides {what}, your chart shows {n} other series ({names}). Draw only what the task asks for.",
    "kind line": "your chart shows the data as {shown}; the task asks for a line chart: draw it with "
    "ax.plot(x, y).",
    "kind bar": "your chart shows the data as {shown}; the task asks for a bar chart: draw it with "
    "ax.bar(x, heights) (or ax.barh for horizontal bars).",
    "zigzag": "your line joins the points out of {x} order, so it zigzags: sort the rows by {x} "
    "before plotting (the data themselves are right).",
    "title": "the data are right; now give the chart a title that says what it shows and when "
    "(ax.set_title(...)).",
    "labels": "the data and the title are right; now label both axes - {missing} "
    "(ax.set_xlabel(...), ax.set_ylabel(...)).",
    "unlabelled": "the heights are right, but the positions are not labelled with the {x}s: pass the "
    "{x}s themselves as x values (for example ax.bar(names, values)).",
    "unit": "the value axis is labelled {label!r}, which names no unit: say what the numbers count, "
    "for example {example!r}.",
    "scale": "your values are the expected ones divided by {factor:,}; say so in the value-axis "
    "label (for example 'thousands of ...'), or plot the numbers as they are.",
    "legend": "the data and labels are right; your chart has {n} series, so add a legend that says "
    "which is which (label=... in each plot call, then ax.legend()).",
}

_SHOWN = {
    "line": "a line",
    "points": "points without a line",
    "bar": "bars",
    "barh": "bars",
    "scatter": "a scatter of points",
}


def _constant(d) -> bool:
    return len(d.values) <= 2 and len(set(d.values)) == 1


def _agree_on_common(got: dict, want: dict, decimals) -> bool:
    common = set(got) & set(want)
    return bool(common) and same_numbers(
        {k: got[k] for k in common}, {k: want[k] for k in common}, decimals=decimals
    )


def judge(
    answer,
    want,
    *,
    kind: str,
    units,
    unit_example: str,
    what: str,
    right: str,
    mistakes=(),
    compared: str = "",
    decimals=None,
    x: str = "year",
    how: str = "ax.plot(x, y)",
):
    """Judge a learner's chart with the rubric.

    ``want`` is {x: value} (one series) or {series name: {x: value}} (several); ``mistakes``
    is a list of ({x: value} or predicate(Drawn), hint); ``units`` are the words that
    count as a unit in the value-axis label; ``what`` names the expected data in a hint.
    """
    chart = read_figure(answer)
    if chart is None:
        return not_yet(HINTS["not a figure"].format(got=describe_type(answer)))
    if not chart.axes:
        return not_yet(HINTS["no axes"])
    drawn = [d for d in chart.drawn if d.values]
    if not drawn:
        return not_yet(HINTS["empty"].format(how=how))
    several = bool(want) and all(isinstance(v, dict) for v in want.values())
    expected = {
        name: {label_key(k): float(v) for k, v in series.items()}
        for name, series in (want.items() if several else [("", want)])
    }
    if any(d.overlap for d in drawn):
        return not_yet(HINTS["overlap"].format(x=x))

    # 1. the right data
    matched, scale = {}, 1
    for name, series in expected.items():
        for d in drawn:
            got = d.as_dict()
            if same_numbers(got, series, decimals=decimals):
                matched[name] = d
                break
            hit = next(
                (
                    f
                    for f in SCALES
                    if same_numbers({k: v * f for k, v in got.items()}, series, decimals=decimals)
                ),
                None,
            )
            if hit:
                matched[name], scale = d, hit
                break
    if len(matched) < len(expected):
        for mistake, hint in mistakes:
            for d in drawn:
                if (
                    mistake(d)
                    if callable(mistake)
                    else same_numbers(
                        d.as_dict(), {label_key(k): float(v) for k, v in mistake.items()}, decimals=decimals
                    )
                ):
                    return not_yet(hint)
        missing = [n for n in expected if n not in matched]
        if matched and several:
            extra_series = [d for d in drawn if d not in matched.values() and not _constant(d)]
            if not any(
                _agree_on_common(d.as_dict(), expected[n], decimals) for d in extra_series for n in missing
            ):
                return not_yet(
                    HINTS["partial"].format(
                        found="your series for " + " and ".join(repr(n) for n in matched),
                        missing=" and ".join(repr(n) for n in missing),
                    )
                )
        for name in missing:
            series = expected[name]
            for d in drawn:
                got = d.as_dict()
                swapped = {}
                try:
                    swapped = {label_key(v): float(k) for k, v in zip(d.keys, d.values, strict=True)}
                except (TypeError, ValueError):
                    pass
                if swapped and same_numbers(swapped, series, decimals=decimals):
                    return not_yet(HINTS["swapped"].format(x=x))
                if _agree_on_common(got, series, decimals):
                    series_name = (
                        "your "
                        + {
                            "line": "line",
                            "points": "set of points",
                            "bar": "bar chart",
                            "barh": "bar chart",
                            "scatter": "scatter",
                        }[d.kind]
                    )
                    if set(got) < set(series):
                        keys = sorted(got, key=_sort_key)
                        return not_yet(
                            HINTS["short"].format(
                                series=series_name,
                                n=len(got),
                                m=len(series),
                                x=x,
                                first=keys[0],
                                last=keys[-1],
                            )
                        )
                    if set(got) > set(series):
                        extra = sorted(set(got) - set(series), key=_sort_key)
                        shown = ", ".join(extra[:4]) + (" ..." if len(extra) > 4 else "")
                        return not_yet(
                            HINTS["long"].format(series=series_name, n=len(extra), x=x, extra=shown)
                        )
        for series in (expected[n] for n in missing):
            for d in drawn:
                if (
                    set(d.as_dict()) != set(series)
                    and len(d.values) == len(series)
                    and same_numbers(
                        dict(enumerate(sorted(d.values))),
                        dict(enumerate(sorted(series.values()))),
                        decimals=decimals,
                    )
                ):
                    return not_yet(HINTS["unlabelled"].format(x=x))
        return not_yet(_compared(drawn, expected, what, compared, decimals, x))
    used = {id(d) for d in matched.values()}
    others = [d for d in drawn if id(d) not in used and not _constant(d)]
    if others:
        names = ", ".join(repr(d.label) if d.label else d.describe() for d in others[:3])
        return not_yet(HINTS["extra"].format(what=what, n=len(others), names=names))

    # 2. the kind the task names, drawn honestly
    for d in matched.values():
        if kind == "line" and d.kind != "line":
            return not_yet(HINTS["kind line"].format(shown=_SHOWN[d.kind]))
        if kind == "bar" and d.kind not in ("bar", "barh"):
            return not_yet(HINTS["kind bar"].format(shown=_SHOWN[d.kind]))
        if d.kind == "line" and not d.monotonic:
            return not_yet(HINTS["zigzag"].format(x=x))
    ax = next(iter(matched.values())).ax

    # 3. a title
    if not chart.title(ax):
        return not_yet(HINTS["title"])

    # 4. both axis labels
    xlabel, ylabel = ax.get_xlabel().strip(), ax.get_ylabel().strip()
    if not xlabel or not ylabel:
        missing = "the x-axis label is missing" if not xlabel else "the y-axis label is missing"
        if not xlabel and not ylabel:
            missing = "both are missing"
        return not_yet(HINTS["labels"].format(missing=missing))

    # 5. a unit in the value-axis label (x for horizontal bars)
    value_label = xlabel if all(d.kind == "barh" for d in matched.values()) else ylabel
    lower = value_label.lower()
    if scale != 1:
        if not any(word in lower for word in SCALES[scale]):
            return not_yet(HINTS["scale"].format(factor=scale))
    elif not any(word.lower() in lower for word in units):
        return not_yet(HINTS["unit"].format(label=value_label, example=unit_example))

    # several series need a legend
    if len(expected) > 1 and not chart.legend(ax):
        return not_yet(HINTS["legend"].format(n=len(expected)))
    return correct(right)


def _sort_key(key: str):
    try:
        return (0, float(key), key)
    except ValueError:
        return (1, 0.0, key)


def _compared(drawn, expected, what, compared, decimals, x) -> str:
    shown = [d.describe() for d in drawn[:3]]
    text = "; ".join(shown) + (f" and {len(drawn) - 3} more" if len(drawn) > 3 else "")
    detail = "none of them matches."
    for series in expected.values():
        for d in drawn:
            got = d.as_dict()
            if set(got) == set(series):
                differ = [
                    k
                    for k in sorted(series, key=_sort_key)
                    if not same_numbers({k: got[k]}, {k: series[k]}, decimals=decimals)
                ]
                shown = dict(zip(d.keys, d.names or d.keys, strict=True))
                verb = "differs" if len(differ) == 1 else "differ"
                detail = (
                    f"the {x}s match, but {len(differ)} of the {len(series)} values {verb} "
                    f"(the first at {shown.get(differ[0], differ[0])}, where yours is "
                    f"{fmt(got[differ[0]])})."
                )
                break
        else:
            continue
        break
    return (
        HINTS["compared"]
        .format(
            drawn=text, it="them" if len(drawn) > 1 else "it", what=what, detail=detail, compared=compared
        )
        .strip()
    )
