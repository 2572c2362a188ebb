"""Names beside codes: wherever a learner reads one of the suite's codes, its name comes with it.

The brief's challenges (CH0-CH3) and recommendations and policy points (R1-R6, P1-P3) have
short names in their tables (``brief_challenges.short_name``, ``brief_recommendations.short_name``).

>>> label("CH1")
'CH1 Governance'
>>> label("R3")
'R3 Faster Gao hospital, smoother collaboration'
>>> labels("CH2;CH3")
'CH2 Bamako-centred; CH3 Peacekeeping and local ties'
"""

from __future__ import annotations

import functools
import re

from nexus import data

__all__ = ["names", "label", "labels", "with_names", "CODE"]

#: A challenge, recommendation or policy-point code.
CODE = re.compile(r"\b(CH[0-3]|R[1-6]|P[1-3])\b")


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    ch = data.load("brief_challenges")
    recs = data.load("brief_recommendations")
    out = dict(zip(ch["id"].astype(str), ch["short_name"].astype(str), strict=True))
    out.update(zip(recs["id"].astype(str), recs["short_name"].astype(str), strict=True))
    return out


def names() -> dict[str, str]:
    """Every code and its short name: ``{"CH0": "General limits", ..., "P3": "..."}``."""
    return dict(_names())


def label(code: str) -> str:
    """``"CH1"`` -> ``"CH1 Governance"``; an unknown code is returned as it is."""
    code = str(code).strip()
    name = _names().get(code)
    return f"{code} {name}" if name else code


def labels(codes, sep: str = "; ") -> str:
    """Several codes, each with its name: a ``;``-separated string or a list."""
    if isinstance(codes, str):
        codes = [c for c in codes.split(";")]
    return sep.join(label(c) for c in (str(c).strip() for c in codes) if c)


_RANGE = re.compile(r"\b(?:CH[0-3]|R[1-6]|P[1-3])\s*[\u2013-]\s*(?:CH[0-3]|R[1-6]|P[1-3])\b")


def with_names(text: str) -> str:
    """``text`` with a name written after the first mention of each code that lacks one
    (ranges such as R1-R6 are left as they are).

    >>> with_names("Only R5 answers it; R5 is about harm.")
    'Only R5 Assess conflict impact of infrastructure answers it; R5 is about harm.'
    """
    known = _names()
    seen, out, last = set(), [], 0
    for m in CODE.finditer(text):
        code = m.group(1)
        named = text[m.end():].lstrip(" *").startswith(known[code])
        if code not in seen and not named and not _in_range(text, m):
            out.append(text[last:m.end()] + " " + known[code])
            last = m.end()
        seen.add(code)
    return "".join(out) + text[last:]


def _in_range(text: str, m) -> bool:
    return any(r.start() <= m.start() and m.end() <= r.end() for r in _RANGE.finditer(text))
