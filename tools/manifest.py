"""Read the lesson manifest, ``lessons.toml``: the one place a lesson's number, title, time,
objectives, prerequisites and the part of the brief to read first are written.

    from manifest import lessons, lesson
    lessons()            # [Lesson, ...] in lesson order, validated
    lesson("03").title   # "Mali's crisis and the international response"

Every tool that shows a lesson's title or time reads it from here (navigation.py,
glossary.py, readings.py, course.py); ``python tools/course.py --check`` finds any place
that disagrees. The minutes are computed by tools/timings.py and written into the manifest
by ``python tools/course.py --minutes``.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "lessons.toml"
FIELDS = ("number", "file", "title", "short_title", "minutes_lesson", "minutes_exercises", "can_do",
          "read_first", "objectives", "prerequisites")


class ManifestError(ValueError):
    """lessons.toml is malformed; the message names the lesson and the field."""


@dataclass(frozen=True)
class Lesson:
    number: str
    file: str
    title: str
    short_title: str
    minutes_lesson: int
    minutes_exercises: int
    can_do: str
    read_first: str
    objectives: tuple[str, ...]
    prerequisites: str

    @property
    def path(self) -> Path:
        return ROOT / self.file

    @property
    def stem(self) -> str:
        return Path(self.file).stem

    @property
    def full_title(self) -> str:
        """The title as the notebook's title cell shows it: "03 Mali's crisis ..."."""
        return f"{self.number} {self.title}"

    @property
    def minutes_total(self) -> int:
        return self.minutes_lesson + self.minutes_exercises

    def time_text(self) -> str:
        """The time as a learner reads it: "about 45 minutes, plus about 40 for the exercises"."""
        text = f"about {self.minutes_lesson} minutes"
        if self.minutes_exercises:
            text += f", plus about {self.minutes_exercises} for the exercises"
        return text

    def exercise(self, solutions: bool = True) -> Path:
        return ROOT / "exercises" / ("solutions" if solutions else "") / Path(self.file).name


def _check(entry: dict, i: int) -> Lesson:
    where = f"lessons.toml, lesson {entry.get('number', i)}"
    missing = [f for f in FIELDS if f not in entry]
    extra = [f for f in entry if f not in FIELDS]
    if missing or extra:
        raise ManifestError(f"{where}: " + "; ".join(
            ([f"missing {', '.join(missing)}"] if missing else [])
            + ([f"unknown {', '.join(extra)}"] if extra else [])))
    if not re.fullmatch(r"\d\d", str(entry["number"])):
        raise ManifestError(f"{where}, number: {entry['number']!r} is not two digits")
    if not str(entry["file"]).startswith(f"notebooks/{entry['number']}_"):
        raise ManifestError(f"{where}, file: {entry['file']!r} is not notebooks/{entry['number']}_...")
    for key in ("minutes_lesson", "minutes_exercises"):
        if not isinstance(entry[key], int) or entry[key] < 0:
            raise ManifestError(f"{where}, {key}: {entry[key]!r} is not a whole number of minutes")
    if not isinstance(entry["objectives"], list) or not entry["objectives"]:
        raise ManifestError(f"{where}, objectives: give a non-empty list")
    for key in ("title", "short_title", "can_do", "read_first", "prerequisites"):
        if not str(entry[key]).strip():
            raise ManifestError(f"{where}, {key}: empty")
    return Lesson(**{**entry, "objectives": tuple(entry["objectives"])})


def read(path: Path = MANIFEST) -> list[Lesson]:
    """Every lesson in the manifest, validated, in order (numbers 00, 01, ... without gaps)."""
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    out = [_check(entry, i) for i, entry in enumerate(raw.get("lesson", []))]
    numbers = [x.number for x in out]
    if numbers != [f"{i:02d}" for i in range(len(out))]:
        raise ManifestError(f"lessons.toml: lessons must be numbered 00, 01, ... in order (found {numbers})")
    return out


@functools.lru_cache(maxsize=1)
def _cached() -> tuple[Lesson, ...]:
    return tuple(read())


def lessons() -> list[Lesson]:
    """The lessons of ``lessons.toml`` (read once per process)."""
    return list(_cached())


def lesson(number: str | int) -> Lesson:
    """One lesson by number (``"03"``, ``3``)."""
    key = f"{int(number):02d}"
    for x in _cached():
        if x.number == key:
            return x
    raise ManifestError(f"lessons.toml has no lesson {key}")


def by_path(path: Path) -> Lesson | None:
    """The lesson whose notebook (or exercise notebook) has this file name, if any."""
    name = Path(path).name
    return next((x for x in _cached() if Path(x.file).name == name), None)
