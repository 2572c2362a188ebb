"""The one answer reader every exercise check uses.

A check never looks at a learner's object directly: it asks this module what the
answer *is* - one number, numbers with labels, a collection of names, a letter, or
the data behind a matplotlib figure - so that every notebook reads the same shape
of answer the same way. The written rules learners see (``RULES``) describe
exactly what happens here; tests hold the two together.

Everything returns plain Python values (float, str, dict, list) or ``None`` when
the answer is not of that shape; nothing here raises on a learner's input.
"""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass, field
from itertools import pairwise

__all__ = [
    "describe_type",
    "number",
    "whole",
    "agrees",
    "rounded_to",
    "too_rounded",
    "precision_words",
    "label_key",
    "labelled",
    "names",
    "letter",
    "read_figure",
    "Drawn",
    "Chart",
    "RULES",
    "SIG_FIGS",
]

#: a number agrees with the expected value when it matches it to this many significant figures
SIG_FIGS = 3

# The rules as learners read them (lesson 00 and the top of every exercise notebook): one
# Markdown cell of at most 250 words, like every cell a learner reads.
RULES = "\n".join(
    [
        "**How the checks read your answers** (the same rules in every exercise)" + "\n",
        (
            "- **Four replies.** *Not attempted yet* (the `...` is still there); *Not yet*, with a hint "
            "that names what the check found; *Correct*, with why it matters; *Saved*, for writing: never "
            "graded, you get a model answer and a checklist."
        ),
        (
            "- **Numbers.** Years and counts are exact (`1999.0` counts as 1999). Any other number is right "
            "to 3 significant figures (for 123.456: 123, 123.5 or 123.456), unless the task names another "
            "precision."
        ),
        "- **Shares** are fractions between 0 and 1; a percentage gets a hint of its own.",
        (
            "- **Names** may be in a list, tuple, set, array, Index, Series or Categorical, in any order "
            'unless the task says "in order", spelled as in the table.'
        ),
        (
            "- **Numbers with labels** may be a Series, a dictionary or a one- or two-column table, in any "
            "row order, years as numbers or text."
        ),
        '- **Letters.** "B", "b", "B.", "B)", "(B)" and "B: because …" all count as B.',
        (
            "- **Charts.** The check reads the numbers behind your marks, then looks, in order, for "
            "the right data (in any order; an extra reference line is ignored), the kind of chart the task "
            "names (bars may be horizontal), a title, both axis labels, and a unit on the value axis. "
            "Several lines need a legend."
        ),
        (
            "- **Writing** is saved once it reads as an argument: at least the words the task names, three "
            "sentences or more, real words."
        ),
    ]
)


# --------------------------------------------------------------------------- what a value is


def describe_type(value) -> str:
    """A learner-friendly name for what a value is ('a DataFrame with 3 rows ...', 'a whole number')."""
    if value is None:
        return "None (nothing)"
    name = type(value).__name__
    try:
        if name == "DataFrame":
            cols = [str(c) for c in list(value.columns)[:8]]
            return f"a DataFrame with {len(value)} rows and columns {cols}"
        if name == "Series":
            return f"a Series of {len(value)} values"
        if name in ("Figure", "SubFigure"):
            return "a matplotlib Figure"
        if name in ("Index", "RangeIndex"):
            return f"a pandas Index of {len(value)} labels"
        if name == "ndarray":
            return f"a NumPy array of shape {tuple(value.shape)}"
        if name in ("Timestamp", "datetime", "date", "datetime64"):
            return "a date"
    except Exception:
        return f"a {name}"
    if isinstance(value, bool) or name == "bool_":
        return "True/False"
    if isinstance(value, numbers.Integral):
        return "a whole number"
    if isinstance(value, numbers.Real):
        if value != value:
            return "NaN (an empty value)"
        if value in (float("inf"), float("-inf")):
            return "infinity"
        return "a number"
    if isinstance(value, str):
        return "a piece of text (a string)"
    if isinstance(value, (list, tuple, set, frozenset)):
        return f"a {name} of {len(value)} items"
    if isinstance(value, dict):
        return f"a dictionary of {len(value)} entries"
    return f"a {name}"


# --------------------------------------------------------------------------- numbers


def number(value, containers: bool = True):
    """A learner's answer as a plain finite float, or None.

    Accepts ints, floats, fractions, decimals and numpy scalars (not True/False, not
    NaN or infinity); with ``containers`` also a one-value Series, DataFrame, array,
    list or tuple, since ``df.loc[...]`` selections often come back that way.
    """
    kind = type(value).__name__
    if containers and (kind in ("Series", "DataFrame", "ndarray", "list", "tuple") or kind.endswith("Index")):
        import numpy as np

        try:
            flat = np.asarray(value, dtype=object).ravel()
        except Exception:
            return None
        if flat.size != 1:
            return None
        value = flat[0]
    if type(value).__module__ == "numpy" and getattr(value, "ndim", None) == 0:
        try:
            value = value.item()  # a numpy scalar
        except Exception:
            return None
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return None
    if type(value).__name__ == "Decimal":
        try:
            value = float(value)
        except Exception:
            return None
    if not isinstance(value, numbers.Real):
        return None
    try:
        value = float(value)
    except (OverflowError, TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def whole(value, containers: bool = True):
    """The answer as an int when it is a whole number (2004, 2004.0, np.int64(2004)), else None."""
    x = number(value, containers)
    if x is None or x != int(x):
        return None
    return int(x)


def _unit(expected: float, sig: int) -> float:
    """One unit in the ``sig``-th significant figure of ``expected``."""
    if expected == 0:
        return 0.0
    return 10.0 ** (math.floor(math.log10(abs(expected))) - sig + 1)


def _multiple(x: float, unit: float) -> bool:
    return abs(x / unit - round(x / unit)) < 1e-6


def agrees(got, expected, decimals: int | None = None, sig: int = SIG_FIGS) -> bool:
    """True when ``got`` is ``expected`` rounded to ``sig`` significant figures (or to
    ``decimals`` decimal places, when that is coarser) or more precisely, or cut off
    (``int()``, truncation) to at least that precision."""
    got, expected = number(got, containers=False), number(expected, containers=False)
    if got is None or expected is None:
        return False
    if abs(got - expected) <= 1e-9 * max(1.0, abs(expected)):
        return True
    coarsest = max(_unit(expected, sig), 10.0**-decimals if decimals is not None else 0.0)
    if coarsest == 0:
        return False
    if abs(got - expected) <= coarsest / 2 * (1 + 1e-9):  # rounded (or unrounded)
        return True
    # cut off towards zero at some precision at least as fine as the coarsest allowed
    if got != 0 and (got > 0) != (expected > 0):
        return False
    gap = abs(expected) - abs(got)
    unit = coarsest
    while unit > abs(expected) * 1e-12 and unit > 1e-15:
        if _multiple(got, unit) and 0 <= gap < unit * (1 - 1e-9):
            return True
        unit /= 10
    return False


def rounded_to(got, expected, sig: int) -> bool:
    """True when ``got`` looks like ``expected`` rounded (or cut off) to ``sig`` significant
    figures: it agrees at that precision and is a whole multiple of that precision's unit."""
    got, expected = number(got, containers=False), number(expected, containers=False)
    if got is None or expected is None or expected == 0 or not agrees(got, expected, None, sig):
        return False
    return _multiple(got, _unit(expected, sig))


def too_rounded(got, expected, decimals: int | None = None) -> bool:
    """True when ``got`` is ``expected`` rounded (or cut off) more coarsely than the rule allows:
    to fewer significant figures, or to fewer decimal places than the task names."""
    if agrees(got, expected, decimals):
        return False
    if any(rounded_to(got, expected, sig) for sig in range(SIG_FIGS - 1, 0, -1)):
        return True
    got, expected = number(got, containers=False), number(expected, containers=False)
    if got is None or expected is None:
        return False
    for places in range(0, (decimals if decimals is not None else SIG_FIGS)):
        unit = 10.0**-places
        if _multiple(got, unit) and abs(got - expected) <= unit / 2 * (1 + 1e-9):
            return True
    return False


def precision_words(decimals: int | None = None) -> str:
    """How precise a number must be, in the words the tasks use."""
    if decimals is None:
        return f"{SIG_FIGS} significant figures"
    places = {
        0: "a whole number",
        1: "one decimal place",
        2: "two decimal places",
        3: "three decimal places",
    }.get(decimals, f"{decimals} decimal places")
    return f"{places} (or {SIG_FIGS} significant figures)"


# --------------------------------------------------------------------------- labels


def label_key(label) -> str:
    """How a label is compared: as text, without outer spaces, in any case; 2019, 2019.0 and
    '2019' are the same label; a date counts as its year."""
    if type(label).__name__ in ("Timestamp", "datetime", "datetime64"):
        try:
            return str(int(label.year))
        except Exception:
            pass
    x = number(label, containers=False)
    if x is not None and x == int(x):
        return str(int(x))
    text = str(label).strip()
    if re.fullmatch(r"[+-]?\d+(\.0+)?", text):
        return str(int(float(text)))
    return text.casefold()


def _is_numeric_column(column) -> bool:
    try:
        kind = column.dtype.kind
    except Exception:
        return False
    return kind in "iufb" and kind != "b"


def labelled(value, label_columns=(), value_columns=()):
    """Numbers with labels, as a list of (label, number-or-None) pairs in the learner's order.

    Reads a dict, a Series, a one-column DataFrame (labels in the index) or a table with
    one label column and one number column (``label_columns`` / ``value_columns`` name
    the preferred columns when there are more). Returns ``(pairs, None)`` or
    ``(None, problem)`` where problem is 'type', 'wide' or 'no numbers'. A value that is
    not a number comes back as None (the caller says so).
    """
    kind = type(value).__name__
    if isinstance(value, dict):
        items = list(value.items())
    elif kind == "Series":
        items = list(zip(value.index.tolist(), value.tolist(), strict=True))
    elif kind == "DataFrame":
        frame = value
        columns = [str(c) for c in frame.columns]
        label_col = next((c for c in label_columns if c in columns), None)
        value_col = next((c for c in value_columns if c in columns), None)
        if value_col is not None:
            series = frame[frame.columns[columns.index(value_col)]]
            labels = frame[frame.columns[columns.index(label_col)]] if label_col else frame.index
            items = list(zip(list(labels), series.tolist(), strict=True))
        elif frame.shape[1] == 1:
            items = list(zip(frame.index.tolist(), frame.iloc[:, 0].tolist(), strict=True))
        else:
            numeric = [c for c in frame.columns if _is_numeric_column(frame[c]) and str(c) != label_col]
            others = [c for c in frame.columns if c not in numeric]
            if label_col is not None:
                labels = frame[frame.columns[columns.index(label_col)]]
                numeric = [c for c in numeric if str(c) != label_col]
            elif len(others) == 1:
                labels = frame[others[0]]
            elif (
                frame.shape[1] == 2
                and type(frame.index).__name__ == "RangeIndex"
                and getattr(frame.iloc[:, 0].dtype, "kind", "") in "iu"
            ):
                labels, numeric = frame.iloc[:, 0], [frame.columns[1]]  # (year, value) columns
            else:
                labels = frame.index
            if not numeric:
                return None, "no numbers"
            if len(numeric) > 1:
                return None, "wide"
            items = list(zip(list(labels), frame[numeric[0]].tolist(), strict=True))
    else:
        return None, "type"
    return [(label, number(v, containers=False)) for label, v in items], None


# --------------------------------------------------------------------------- names


def names(value, columns=()):
    """A collection of names as a list of str (in the learner's order), or None.

    Reads a list, tuple, set, NumPy array, pandas Index (of any kind), Series, Categorical
    or a DataFrame with one column (or one of ``columns``). None when an item is not text.
    """
    kind = type(value).__name__
    if kind == "DataFrame":
        cols = [c for c in value.columns if str(c) in columns]
        if cols:
            value = value[cols[0]]
        elif value.shape[1] == 1:
            value = value.iloc[:, 0]
        else:
            return None
        kind = "Series"
    if isinstance(value, (set, frozenset)):
        items = sorted(value, key=str)
    elif (
        isinstance(value, (list, tuple))
        or kind in ("Series", "Categorical", "ndarray")
        or kind.endswith("Index")
    ):
        try:
            items = list(value.tolist() if hasattr(value, "tolist") else value)
        except Exception:
            return None
        if kind == "ndarray" and getattr(value, "ndim", 1) != 1:
            return None
        items = [x for x in items if not (isinstance(x, float) and x != x)]  # empty categories
    else:
        return None
    if not all(isinstance(x, str) for x in items):
        return None
    return [x.strip() for x in items]


# --------------------------------------------------------------------------- letters

_LETTER = re.compile(r"^\(\s*([A-Za-z])\s*\)(.*)$|^([A-Za-z])\s*(?:[.):]\s*(.*))?$", re.S)


def letter(value, n_options: int):
    """The letter chosen in a multiple-choice answer, as ('B', None), or (None, hint).

    "b", " B ", "B.", "B)", "(B)" and "B: because ..." all read as B.
    """
    letters = "ABCDEFGH"[:n_options]
    listed = ", ".join(letters[:-1]) + " or " + letters[-1]
    if not isinstance(value, str):
        return None, (
            f'write one letter in quotes, such as "A"; your answer is {describe_type(value)}, not text.'
        )
    match = _LETTER.match(value.strip())
    if not match:
        return None, (
            f"I could not find one letter at the start of your answer "
            f"({_short(value)}): write just one of the letters {listed}, in quotes."
        )
    found = (match.group(1) or match.group(3)).upper()
    if found not in letters:
        return None, f"'{found}' is not one of the options: write one of the letters {listed}."
    return found, None


def _short(text: str, n: int = 30) -> str:
    text = " ".join(str(text).split())
    return repr(text if len(text) <= n else text[:n] + "…")


# --------------------------------------------------------------------------- figures


@dataclass
class Drawn:
    """One series a learner drew: its kind and its points (label key -> value)."""

    kind: str  # 'line', 'points' (markers only), 'bar', 'barh', 'scatter'
    keys: list  # label keys of the positions, in drawing order
    values: list  # float values (height of a bar, y of a line)
    ax: object = None
    label: str = ""
    monotonic: bool = True  # a line whose x values run one way (no zigzag)
    overlap: bool = False  # several bars on the same spot, each from the same base
    text_x: bool = False  # the positions were text (categories)
    names: list = field(default_factory=list)  # the positions as the learner wrote them

    def as_dict(self) -> dict:
        """The points as {label key: value}; values drawn twice at one position are added up."""
        out = {}
        for k, v in zip(self.keys, self.values, strict=True):
            out[k] = out.get(k, 0.0) + v if k in out else v
        return out

    def describe(self) -> str:
        """What this series is, in a learner's words (never the expected values)."""
        n = len(self.values)
        span = ""
        keys = list(self.names or self.keys)
        if all(re.fullmatch(r"-?\d+", str(k)) for k in keys):
            keys = [str(k) for k in sorted(int(k) for k in keys)]
        if len(keys) > 1:
            span = f" from {keys[0]} to {keys[-1]}"
        elif keys:
            span = f" at {keys[0]}"
        what = {
            "line": f"a line through {n} point{'s' if n != 1 else ''}",
            "points": f"{n} point{'s' if n != 1 else ''} without a line",
            "bar": f"{n} bar{'s' if n != 1 else ''}",
            "barh": f"{n} horizontal bar{'s' if n != 1 else ''}",
            "scatter": f"{n} scatter point{'s' if n != 1 else ''}",
        }[self.kind]
        return what + span


@dataclass
class Chart:
    """What a learner's figure shows: its series and the texts around them."""

    drawn: list = field(default_factory=list)
    axes: list = field(default_factory=list)
    figure: object = None

    def title(self, ax) -> str:
        """The title of ``ax`` (any position) or of its figure."""
        texts = [ax.get_title(loc=loc) for loc in ("center", "left", "right")]
        fig = getattr(ax, "figure", None) or self.figure
        for holder in (fig, getattr(fig, "figure", None)):
            sup = getattr(holder, "_suptitle", None)
            if sup is not None:
                texts.append(sup.get_text())
        return " ".join(t.strip() for t in texts if t and t.strip())

    @staticmethod
    def legend(ax) -> bool:
        """Whether ``ax`` (or its figure) shows a legend."""
        fig = getattr(ax, "figure", None)
        return ax.get_legend() is not None or bool(getattr(fig, "legends", []))


def _axes_of(answer):
    kind = type(answer).__name__
    if kind in ("Figure", "SubFigure"):
        return list(answer.get_axes()), answer
    if hasattr(answer, "get_xlabel") and hasattr(answer, "lines") and hasattr(answer, "patches"):
        return [answer], getattr(answer, "figure", None)
    if kind in ("list", "tuple", "ndarray"):
        try:
            import numpy as np

            flat = list(np.asarray(answer, dtype=object).ravel())
        except Exception:
            return None, None
        if flat and all(hasattr(a, "get_xlabel") and hasattr(a, "lines") for a in flat):
            return flat, getattr(flat[0], "figure", None)
    return None, None


def _key_of_x(value):
    if isinstance(value, str):
        return label_key(value)
    kind = type(value).__name__
    if kind in ("datetime64", "Timestamp", "datetime", "date"):
        try:
            import pandas as pd

            stamp = pd.Timestamp(value)
            return None if pd.isna(stamp) else str(stamp.year)
        except Exception:
            return None
    x = number(value, containers=False)
    if x is None:
        return None
    return str(int(x)) if x == int(x) else repr(round(x, 9))


def _position_labels(axis, positions):
    """Category labels of positions when the axis shows text (categorical or fixed ticks);
    a position takes the label of the nearest tick within half the tick spacing."""
    from matplotlib.ticker import FixedFormatter, FixedLocator

    mapping = getattr(axis.get_units(), "_mapping", None)
    if mapping:
        inverse = {float(v): k for k, v in mapping.items()}
        return [inverse.get(float(round(p))) if abs(p - round(p)) < 0.5 else None for p in positions], True
    if isinstance(axis.get_major_formatter(), FixedFormatter) or isinstance(
        axis.get_major_locator(), FixedLocator
    ):  # set_xticklabels, pandas bar plots
        ticks = [
            (float(t), lab.get_text())  # a hidden tick's label is left out: the two may differ in length
            for t, lab in zip(axis.get_majorticklocs(), axis.get_majorticklabels(), strict=False)
        ]
        if ticks and all(text for _, text in ticks):
            locs = sorted(t for t, _ in ticks)
            half = min((b - a for a, b in pairwise(locs)), default=1.0) / 2
            labels = []
            for p in positions:
                near = min(ticks, key=lambda t: abs(t[0] - p))
                labels.append(near[1] if abs(near[0] - p) < half * (1 - 1e-9) or len(ticks) == 1 else None)
            if all(lab is not None for lab in labels):
                return labels, True
    return list(positions), False


def _read_lines(ax):
    out = []
    for line in ax.lines:
        if line.get_transform() is not ax.transData:  # axhline, axvline: reference lines
            continue
        try:
            xs, ys = list(line.get_xdata()), list(line.get_ydata())
        except Exception:
            continue
        if len(xs) != len(ys) or not xs:
            continue
        keys = [_key_of_x(x) for x in xs]
        values = [number(y, containers=False) for y in ys]
        shown = [str(x).strip() if isinstance(x, str) else k for x, k in zip(xs, keys, strict=True)]
        names = [n for n, k, v in zip(shown, keys, values, strict=True) if k is not None and v is not None]
        pairs = [(k, v) for k, v in zip(keys, values, strict=True) if k is not None and v is not None]
        if not pairs:
            continue
        text_x = any(isinstance(x, str) for x in xs)
        if text_x:
            order = list(range(len(pairs)))
        else:
            order = [number(x, containers=False) for x in xs]
            order = [o for o, k, v in zip(order, keys, values, strict=True) if k is not None and v is not None]
        steps = [b - a for a, b in pairwise(order) if a is not None and b is not None]
        monotonic = all(s > 0 for s in steps) or all(s < 0 for s in steps)
        has_line = line.get_linestyle() not in ("None", "none", "", " ")
        label = line.get_label()
        out.append(
            Drawn(
                "line" if has_line else "points",
                [k for k, _ in pairs],
                [v for _, v in pairs],
                ax=ax,
                label="" if label.startswith("_") else label,
                monotonic=monotonic or len(pairs) < 3,
                text_x=text_x,
                names=names,
            )
        )
    return out


def _read_bars(ax):
    """The bar series of ``ax``: containers on the same positions are stacked segments and are
    added up; containers on other positions (grouped bars) are series of their own."""
    from matplotlib.container import BarContainer

    groups: list = []  # [orientation, positions, [containers]]
    for container in ax.containers:
        if not isinstance(container, BarContainer):
            continue
        horizontal = (getattr(container, "orientation", None) or "vertical") == "horizontal"
        rects = [
            (
                round(
                    float(r.get_y() + r.get_height() / 2 if horizontal else r.get_x() + r.get_width() / 2), 6
                ),
                r.get_width() if horizontal else r.get_height(),
                round(float(r.get_x() if horizontal else r.get_y()), 6),
            )
            for r in container.patches
        ]
        positions = sorted({p for p, _, _ in rects})
        for group in groups:
            if group[0] == horizontal and group[1] == positions:
                group[2].append((container, rects))
                break
        else:
            groups.append([horizontal, positions, [(container, rects)]])
    out = []
    for horizontal, _positions, members in groups:
        stacks, bases, label = {}, {}, ""
        for container, rects in members:
            name = str(container.get_label() or "")
            if not label and not name.startswith("_"):
                label = name
            for pos, value, base in rects:
                v = number(value, containers=False)
                if v is None:
                    continue
                stacks[pos] = stacks.get(pos, 0.0) + v
                if v != 0:  # an empty segment of a stack shares its base with the next one
                    bases.setdefault(pos, []).append(base)
        order = list(stacks)
        overlap = any(len(b) > 1 and len(set(b)) < len(b) for b in bases.values())
        axis = ax.yaxis if horizontal else ax.xaxis
        labels, text = _position_labels(axis, order)
        keys = [_key_of_x(lab) if lab is not None else None for lab in labels]
        pairs = [(k, stacks[p]) for k, p in zip(keys, order, strict=True) if k is not None]
        names = [
            str(lab).strip() if isinstance(lab, str) else k
            for lab, k in zip(labels, keys, strict=True) if k is not None
        ]
        if pairs:
            out.append(
                Drawn(
                    "barh" if horizontal else "bar",
                    [k for k, _ in pairs],
                    [v for _, v in pairs],
                    ax=ax,
                    label=label if len(members) == 1 else "",
                    overlap=overlap,
                    text_x=text,
                    names=names,
                )
            )
    return out


def _read_scatter(ax):
    from matplotlib.collections import PathCollection

    out = []
    for coll in ax.collections:
        if not isinstance(coll, PathCollection):
            continue
        try:
            offsets = coll.get_offsets()
            pts = [(float(x), float(y)) for x, y in offsets]
        except Exception:
            continue
        if not pts:
            continue
        labels, _ = _position_labels(ax.xaxis, [x for x, _ in pts])
        keys = [_key_of_x(lab) for lab in labels]
        pairs = [(k, y) for k, (_, y) in zip(keys, pts, strict=True) if k is not None and math.isfinite(y)]
        if pairs:
            out.append(Drawn("scatter", [k for k, _ in pairs], [v for _, v in pairs], ax=ax))
    return out


def read_figure(answer):
    """What a learner's Figure (or Axes, or array of Axes) shows, as a :class:`Chart`; None
    when the answer is not a figure. Lines, markers, vertical and horizontal bars (stacked
    segments are added up), scatter points; axhline/axvline reference lines are left out."""
    axes, fig = _axes_of(answer)
    if axes is None:
        return None
    chart = Chart(axes=axes, figure=fig)
    for ax in axes:
        try:
            chart.drawn += _read_lines(ax) + _read_bars(ax) + _read_scatter(ax)
        except Exception:
            continue
    return chart
