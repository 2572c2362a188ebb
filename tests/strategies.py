"""Fast hypothesis strategies for the exercise-check property tests.

``hypothesis.extra.pandas.data_frames`` is thorough but slow (about 30 ms an
example here); the checks only need varied, wrongly shaped frames, so these
build them from plain lists - several times faster, so the tests can keep
feeding each check hundreds of inputs within the suite's time budget.
"""

import pandas as pd
from hypothesis import strategies as st

TEXT = st.text(max_size=12)
INTS = st.integers(-10**6, 10**6)
FLOATS = st.floats(allow_nan=True, allow_infinity=True)


def frames(max_rows: int = 12, **columns):
    """DataFrames with the given columns (name -> element strategy) and 0..max_rows rows."""
    return st.integers(0, max_rows).flatmap(
        lambda n: st.fixed_dictionaries(
            {name: st.lists(elements, min_size=n, max_size=n) for name, elements in columns.items()}
        )
    ).map(lambda cols: pd.DataFrame(cols, columns=list(columns)))


def series(elements=FLOATS, max_size: int = 10):
    return st.lists(elements, max_size=max_size).map(lambda xs: pd.Series(xs, dtype="float64"))
