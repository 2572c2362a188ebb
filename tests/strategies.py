"""Fast hypothesis strategies for the exercise-check property test.

``hypothesis.extra.pandas.data_frames`` is thorough but slow (about 30 ms an
example here); the checks only need varied, wrongly shaped answers, so these
build them from plain lists - several times faster, so the one property test
can feed every check of the suite within the test-time budget.
"""

import numpy as np
import pandas as pd
from hypothesis import strategies as st
from matplotlib.figure import Figure

TEXT = st.text(max_size=12)
INTS = st.integers(-(10**6), 10**6)
FLOATS = st.floats(allow_nan=True, allow_infinity=True)
LABELS = st.sampled_from(
    [
        "Mopti",
        "Ségou",
        "Total",
        "CH1",
        "R5",
        "military",
        "2019",
        "opening",
        "China",
        "MINUSMA",
        "national / not located",
        "",
    ]
)


def frames(max_rows: int = 12, **columns):
    """DataFrames with the given columns (name -> element strategy) and 0..max_rows rows."""
    return (
        st.integers(0, max_rows)
        .flatmap(
            lambda n: st.fixed_dictionaries(
                {name: st.lists(elements, min_size=n, max_size=n) for name, elements in columns.items()}
            )
        )
        .map(lambda cols: pd.DataFrame(cols, columns=list(columns)))
    )


def series(elements=FLOATS, max_size: int = 10, labels=None):
    """Series of ``elements``, indexed 0..n-1 or by ``labels`` (a strategy of index labels)."""
    if labels is None:
        return st.lists(elements, max_size=max_size).map(lambda xs: pd.Series(xs, dtype="float64"))
    return st.dictionaries(labels, elements, max_size=max_size).map(
        lambda d: pd.Series(list(d.values()), index=list(d.keys()), dtype="float64")
    )


@st.composite
def figures(draw):
    """A small Figure: a line, bars, horizontal bars or points, on numbers or text, maybe titled."""
    fig = Figure()
    ax = fig.subplots()
    n = draw(st.integers(0, 8))
    text_x = draw(st.booleans())
    xs = (
        draw(st.lists(LABELS, min_size=n, max_size=n))
        if text_x
        else draw(st.lists(st.integers(1990, 2030), min_size=n, max_size=n))
    )
    ys = draw(st.lists(st.floats(-1e5, 1e5, allow_nan=False), min_size=n, max_size=n))
    kind = draw(st.sampled_from(["plot", "bar", "barh", "scatter"]))
    getattr(ax, kind)(xs, ys)
    if draw(st.booleans()):
        ax.set_title("t")
        ax.set_xlabel("Year")
        ax.set_ylabel("Deaths (people)")
    return fig


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    INTS,
    FLOATS,
    st.text(max_size=40),
    LABELS,
    st.sampled_from(
        ["A", "b", " C ", "D.", "(B)", "E", "B B", "", " ", "...", "2004", "0.587", "CH1", "B: because"]
    ),
)
WRONG = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=8),
    st.tuples(SCALARS, SCALARS),
    st.dictionaries(LABELS, FLOATS, max_size=6),
    st.dictionaries(st.integers(1990, 2025), FLOATS, max_size=6),
    series(),
    series(labels=LABELS),
    series(labels=st.integers(1990, 2025)),
    frames(region=LABELS, pv_fatalities=FLOATS, year=INTS),
    frames(year=INTS, personnel=INTS, country=st.sampled_from(["China", "France"])),
    frames(a=FLOATS, b=INTS),
    st.builds(
        lambda n: pd.DataFrame(
            np.arange(n * 4).reshape(n, 4),
            columns=["CH0", "CH1", "CH2", "CH3"],
            index=[f"R{i}" for i in range(n)],
        ),
        st.integers(0, 12),
    ),
    st.builds(lambda xs: np.array(xs), st.lists(st.floats(allow_nan=True), max_size=6)),
    st.sampled_from(
        [
            pd.DataFrame(),
            pd.Series(dtype=float),
            pd.Timestamp("2017-03-31"),
            object(),
            np.array([[1, 2], [3, 4]]),
            set(),
            frozenset({"Mopti"}),
            pd.Index(["Gao"]),
        ]
    ),
    figures(),
)
