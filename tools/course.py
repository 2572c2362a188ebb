"""Write every place a lesson's title, time, objectives, questions or plans appear, from their
one source each, and check that nothing disagrees.

    python tools/course.py              # write the lessons' boxes and the docs' generated parts
    python tools/course.py --check      # exit 1 and list every place that disagrees
    python tools/course.py --minutes    # recompute the minutes (tools/timings.py) into lessons.toml
    python tools/course.py --fit        # every plan's activities against its slot
    python tools/course.py notebooks/00_start_here.ipynb   # only the lessons named

The sources:

* ``lessons.toml`` (tools/manifest.py): number, titles, minutes, objectives, prerequisites, the
  part of the brief to read first;
* ``docs/questions.toml``: each lesson's discussion questions, with notes for teachers;
* ``docs/plans.toml``: every session plan (each lesson's 50- and 90-minute plans, the one-week
  module, the 2-hour workshop, the self-study sittings);
* ``nexus/memo.py``: the capstone memo's one specification;
* ``nexus/quizzes/NN.json``: the lessons' quizzes;
* ``docs/readings/*.csv`` (tools/readings.py): each lesson's further reading.

What is generated from them:

* in each lesson notebook: the "In this lesson" box, the "Discussion questions" cell, the further
  reading between ``<!-- readings:NN:start -->`` and ``<!-- readings:NN:end -->``, and (lesson 07)
  the memo specification (the cell tagged ``memo-spec``);
* in ``docs/instructor-guide.md`` and ``docs/self-study.md``: the parts between
  ``<!-- course:NAME:start -->`` and ``<!-- course:NAME:end -->``.

The README's lesson map and the navigation lines come from the same manifest through
tools/navigation.py; the glossary's and the reading list's lesson titles through
tools/glossary.py and tools/readings.py.

**Plans.** A step of a plan either states its minutes (a warm-up, a discussion, a time box for
starting the exercises) or names a part of the suite whose minutes are computed: a whole lesson
(its manifest minutes), some sections of a lesson (tools/timings.py, ``part_minutes``) or an
exercise notebook. Steps ``before`` and ``after`` a session are homework and not counted in its
slot. ``--check`` fails when a session's steps add up to more than its slot, or when a module
that says it covers lessons leaves a part of one out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import manifest  # noqa: E402
import readings  # noqa: E402
import timings  # noqa: E402

QUESTIONS = ROOT / "docs" / "questions.toml"
PLANS = ROOT / "docs" / "plans.toml"
GUIDE = ROOT / "docs" / "instructor-guide.md"
SELF_STUDY = ROOT / "docs" / "self-study.md"
QUIZ_DIR = ROOT / "nexus" / "quizzes"
BOX_START = "> **In this lesson**"
DISCUSSION = "## Discussion questions"
SOURCES = "## Sources and further reading"
MEMO_TAG = "memo-spec"
BLOCK = re.compile(r"(<!-- course:([a-z0-9-]+):start -->\n).*?(<!-- course:\2:end -->)", re.S)


class CourseError(ValueError):
    """A plan or question file is malformed; the message says where."""


# ----------------------------------------------------------------------------- questions


def questions(path: Path = QUESTIONS) -> dict[str, list[dict]]:
    """Lesson number -> its discussion questions ``[{"text", "notes"}]``, in order."""
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    out: dict[str, list[dict]] = {}
    known = {x.number for x in manifest.lessons()}
    for i, q in enumerate(raw.get("question", []), start=1):
        if set(q) != {"lesson", "text", "notes"} or not all(str(v).strip() for v in q.values()):
            raise CourseError(f"questions.toml, question {i}: give lesson, text and notes, all non-empty")
        if q["lesson"] not in known:
            raise CourseError(f"questions.toml, question {i}: lesson {q['lesson']!r} is not in lessons.toml")
        out.setdefault(q["lesson"], []).append({"text": q["text"].strip(), "notes": q["notes"].strip()})
    return out


def discussion_markdown(number: str) -> str:
    """The lesson's "Discussion questions" cell."""
    qs = questions().get(number, [])
    return DISCUSSION + "\n\n" + "\n".join(f"{i}. {q['text']}" for i, q in enumerate(qs, start=1))


# ----------------------------------------------------------------------------- the box


def _sentence(items) -> str:
    text = "; ".join(items)
    return text[0].upper() + text[1:] + "."


def box_markdown(lesson: manifest.Lesson) -> str:
    """The "In this lesson" box: read first, objectives, time, prerequisites."""
    rows = [("Read first", f"In the brief: {lesson.read_first}."),
            ("Objectives", _sentence(lesson.objectives)),
            ("Time", lesson.time_text() + " (computed from the lesson's content)"),
            ("Prerequisites", lesson.prerequisites)]
    lines = [BOX_START, ">", "> | Part | Details |", "> |---|---|"]
    lines += [f"> | **{k}** | {v} |" for k, v in rows]
    return "\n".join(lines)


# ----------------------------------------------------------------------------- notebooks


def _readings_data():
    return readings.read()


def apply(nb, lesson: manifest.Lesson) -> None:
    """Write the generated cells of one lesson into ``nb`` (in memory)."""
    works, picks = _readings_data()
    block = readings.lesson_block(lesson.number, works, picks)
    start, end = f"<!-- readings:{lesson.number}:start -->", f"<!-- readings:{lesson.number}:end -->"
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        if cell.source.startswith(BOX_START):
            cell.source = box_markdown(lesson)
        elif cell.source.startswith(DISCUSSION) and lesson.number in questions():
            cell.source = discussion_markdown(lesson.number)
        elif start in cell.source and end in cell.source:
            before, rest = cell.source.split(start, 1)
            cell.source = before + start + "\n" + block + "\n" + end + rest.split(end, 1)[1]
        elif cell.source.startswith(SOURCES):
            # a lesson without its further-reading block yet: the block goes after the heading
            heading, _, body = cell.source.partition("\n")
            cell.source = f"{heading}\n\n{start}\n{block}\n{end}\n\n{body.lstrip()}".rstrip()
        elif MEMO_TAG in cell.metadata.get("tags", []):
            from nexus import memo

            cell.source = memo.specification_markdown()


def lesson_problems(lesson: manifest.Lesson) -> list[str]:
    """What in a lesson notebook disagrees with the sources (empty when all agree)."""
    nb = nbformat.read(lesson.path, as_version=4)
    problems = []
    before = nbformat.writes(nb)
    apply(nb, lesson)
    if nbformat.writes(nb) != before:
        problems.append(f"{lesson.file}: generated cells are stale (run: python tools/course.py {lesson.file})")
    first = nb.cells[0].source.splitlines()[0] if nb.cells else ""
    if first != f"# {lesson.full_title}":
        problems.append(f"{lesson.file}: title cell {first!r} is not '# {lesson.full_title}' (lessons.toml)")
    md = [c.source for c in nb.cells if c.cell_type == "markdown"]
    if not any(c.startswith(BOX_START) for c in md):
        problems.append(f"{lesson.file}: no 'In this lesson' box")
    if lesson.number in questions() and not any(c.startswith(DISCUSSION) for c in md):
        problems.append(f"{lesson.file}: no cell starting '{DISCUSSION}'")
    if f"<!-- readings:{lesson.number}:start -->" not in "\n".join(md):
        problems.append(f"{lesson.file}: no further-reading block (<!-- readings:{lesson.number}:start -->)")
    return problems


def write_lesson(lesson: manifest.Lesson) -> bool:
    nb = nbformat.read(lesson.path, as_version=4)
    before = nbformat.writes(nb)
    apply(nb, lesson)
    if nbformat.writes(nb) != before:
        nbformat.write(nb, lesson.path)
        return True
    return False


# ----------------------------------------------------------------------------- minutes


def computed_minutes() -> dict[str, tuple[int, int]]:
    """Lesson number -> (lesson minutes, exercise minutes), as tools/timings.py computes them."""
    out = {}
    for x in manifest.lessons():
        ex = x.exercise()
        out[x.number] = (timings.count_lesson(x.path).minutes,
                         timings.count_exercise(ex).minutes if ex.exists() else 0)
    return out


def write_minutes(path: Path = manifest.MANIFEST) -> list[str]:
    """Rewrite the minutes lines of lessons.toml from the content; returns what changed."""
    text = path.read_text(encoding="utf-8")
    minutes = computed_minutes()
    changed = []
    blocks = re.split(r"(?m)^(?=\[\[lesson\]\])", text)
    for i, block in enumerate(blocks):
        m = re.search(r'(?m)^number = "(\d\d)"', block)
        if not m:
            continue
        lesson_min, ex_min = minutes[m.group(1)]
        new = re.sub(r"(?m)^minutes_lesson = \d+$", f"minutes_lesson = {lesson_min}", block)
        new = re.sub(r"(?m)^minutes_exercises = \d+$", f"minutes_exercises = {ex_min}", new)
        if new != block:
            changed.append(m.group(1))
        blocks[i] = new
    path.write_text("".join(blocks), encoding="utf-8")
    manifest._cached.cache_clear()
    return changed


def minutes_problems() -> list[str]:
    out = []
    for number, (lesson_min, ex_min) in computed_minutes().items():
        x = manifest.lesson(number)
        if (x.minutes_lesson, x.minutes_exercises) != (lesson_min, ex_min):
            out.append(f"lessons.toml, lesson {number}: minutes {x.minutes_lesson} + {x.minutes_exercises}, "
                       f"but the content gives {lesson_min} + {ex_min} (run: python tools/course.py --minutes)")
    return out


# ----------------------------------------------------------------------------- plans


@dataclass
class Step:
    do: str
    minutes: int
    what: str = ""          # "lesson 03, sections 3-end", "exercises 03", "" for a stated time
    parts: tuple = ()       # (lesson number, part keys) covered, for coverage checks


@dataclass
class Plan:
    id: str
    group: str
    title: str
    slot: int
    steps: list[Step]
    before: list[Step]
    after: list[Step]
    covers: tuple[str, ...]
    note: str

    @property
    def used(self) -> int:
        return sum(s.minutes for s in self.steps)


def _parts_of(number: str, spec: str) -> tuple[str, ...]:
    keys = [p.key for p in timings.lesson_parts(manifest.lesson(number).path)]
    numbered = [k for k in keys if k.isdigit()]
    if spec == "all":
        return tuple(keys)
    m = re.fullmatch(r"(\d+)(?:-(\d+|end))?", spec)
    first, last = int(m.group(1)), m.group(2) or m.group(1)
    top = int(numbered[-1]) if last == "end" else int(last)
    got = [str(n) for n in range(first, top + 1)]
    if first == 1:
        got.insert(0, "start")
    if last == "end":
        got.append("end")
    return tuple(got)


def _step(raw: dict, where: str) -> Step:
    do = str(raw.get("do", "")).strip()
    if not do:
        raise CourseError(f"plans.toml, {where}: every step needs 'do' (what happens)")
    if "lesson" in raw:
        x = manifest.lesson(raw["lesson"])
        spec = str(raw.get("sections", "all"))
        try:
            minutes = x.minutes_lesson if spec == "all" else timings.part_minutes(x.path, spec)
        except ValueError as e:
            raise CourseError(f"plans.toml, {where}: {e}") from None
        sections = spec.replace('-end', ' to the end').replace('-', '–')
        label = (f"lesson {x.number}" if spec == "all" else
                 f"lesson {x.number}, section{'s' if '-' in spec else ''} {sections}")
        if "minutes" in raw:
            raise CourseError(f"plans.toml, {where}: a lesson step's minutes are computed; remove 'minutes'")
        return Step(do, minutes, label, ((x.number, _parts_of(x.number, spec)),))
    if "exercises" in raw:
        x = manifest.lesson(raw["exercises"])
        if "minutes" in raw:
            raise CourseError(f"plans.toml, {where}: an exercise step's minutes are computed; remove 'minutes'")
        return Step(do, x.minutes_exercises, f"exercises {x.number}", ((f"ex{x.number}", ("all",)),))
    if not isinstance(raw.get("minutes"), int) or raw["minutes"] <= 0:
        raise CourseError(f"plans.toml, {where}: give 'minutes' (a whole number), or a lesson or exercises")
    return Step(do, raw["minutes"])


def plans(path: Path = PLANS) -> list[Plan]:
    """Every plan of docs/plans.toml, with each step's minutes computed or stated."""
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    out = []
    for i, p in enumerate(raw.get("plan", []), start=1):
        where = f"plan {p.get('id', i)}"
        for key in ("id", "group", "title", "slot"):
            if key not in p:
                raise CourseError(f"plans.toml, {where}: missing {key}")
        steps = [_step(s, f"{where}, step {j}") for j, s in enumerate(p.get("step", []), start=1)]
        before = [_step(s, f"{where}, before {j}") for j, s in enumerate(p.get("before", []), start=1)]
        after = [_step(s, f"{where}, after {j}") for j, s in enumerate(p.get("after", []), start=1)]
        out.append(Plan(p["id"], p["group"], p["title"], int(p["slot"]), steps, before, after,
                        tuple(p.get("covers", ())), str(p.get("note", "")).strip()))
    ids = [p.id for p in out]
    if len(ids) != len(set(ids)):
        raise CourseError("plans.toml: plan ids repeat")
    return out


def fit_problems(all_plans: list[Plan] | None = None) -> list[str]:
    """Every plan whose steps add up to more than its slot, and every module that leaves out a
    part of a lesson (or an exercise notebook) it says it covers."""
    all_plans = plans() if all_plans is None else all_plans
    out = [f"plans.toml, {p.id}: {p.used} minutes of activities in a {p.slot}-minute slot"
           for p in all_plans if p.used > p.slot]
    groups: dict[str, list[Plan]] = {}
    for p in all_plans:
        groups.setdefault(p.group, []).append(p)
    for group, members in groups.items():
        covers = {c for p in members for c in p.covers}
        if not covers:
            continue
        got: dict[str, set] = {}
        for p in members:
            for s in p.steps + p.before + p.after:
                for key, parts in s.parts:
                    got.setdefault(key, set()).update(parts)
        for number in sorted(covers):
            if number.startswith("ex"):
                if "all" not in got.get(number, set()):
                    out.append(f"plans.toml, {group}: says it covers exercises {number[2:]} but has no step for them")
                continue
            want = {q.key for q in timings.lesson_parts(manifest.lesson(number).path)}
            missing = want - got.get(number, set())
            if missing:
                out.append(f"plans.toml, {group}: covers lesson {number} but leaves out "
                           f"{', '.join(sorted(missing))}")
    return out


def _minute_range(start: int, minutes: int) -> str:
    return f"{start}–{start + minutes}"


def _step_text(s: Step, homework: bool = False) -> str:
    if s.what:
        return f"**{s.what[0].upper() + s.what[1:]}** ({s.minutes} min): {s.do}"
    return f"{s.do} ({s.minutes} min)" if homework else s.do


def plan_markdown(p: Plan, heading: str = "**", note: bool = True) -> str:
    """A plan as the guide shows it: homework before, a timed table, homework after."""
    title = f"{heading}{p.title}{heading}" if heading == "**" else f"{heading} {p.title}"
    lines = [f"{title} ({p.used} of {p.slot} minutes)", ""]
    if p.note and note:
        lines += [p.note, ""]
    if p.before:
        lines += [f"*Before the session (about {sum(s.minutes for s in p.before)} minutes):* "
                  + "; ".join(_step_text(s, True) for s in p.before) + ".", ""]
    lines += ["| min | activity |", "|---|---|"]
    t = 0
    for s in p.steps:
        lines.append(f"| {_minute_range(t, s.minutes)} | {_step_text(s)} |")
        t += s.minutes
    if p.after:
        lines += ["", f"*After the session (about {sum(s.minutes for s in p.after)} minutes):* "
                  + "; ".join(_step_text(s, True) for s in p.after) + "."]
    return "\n".join(lines)


# ----------------------------------------------------------------------------- the guide


def _quiz_bank(number: str) -> dict | None:
    path = QUIZ_DIR / f"{number}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def quiz_notes_markdown(number: str) -> str:
    """Every quiz question of a lesson, its right answer and why (from the quiz bank)."""
    bank = _quiz_bank(number)
    if not bank:
        return "This lesson has no quiz."
    lines = []
    for i, q in enumerate(bank["questions"], start=1):
        right = next(o for o in q["options"] if o.get("correct"))
        lines.append(f"{i}. *{q['question']}* Answer: **{right['text']}** {right['explanation']}")
    return "\n".join(lines)


def exercise_quiz_notes_markdown(number: str) -> str:
    """The multiple-choice tasks of a lesson's exercise notebook (``nexus/quizzes/exNN.json``), with
    the letter the check accepts; empty when the notebook has none."""
    from nexus.names import with_names

    bank = _quiz_bank(f"ex{number}")
    if not bank:
        return ""
    lines = []
    for q in bank["questions"]:
        i, right = next((i, o) for i, o in enumerate(q["options"]) if o.get("correct"))
        answer = with_names(f"**{'ABCDEFGH'[i]}. {right['text']}** {right['explanation']}")
        lines.append(f"- *{q['question']}* Answer: {answer}")
    return "\n".join(lines)


def lesson_guide_markdown(x: manifest.Lesson, all_plans: list[Plan]) -> str:
    """The generated head of a lesson's section in the instructor guide."""
    time = (f"{x.minutes_total} minutes: lesson {x.minutes_lesson}, exercises {x.minutes_exercises}"
            if x.minutes_exercises else f"{x.minutes_total} minutes")
    lines = [f"### {x.full_title} ({time})", "",
             f"**Read first.** In the brief: {x.read_first}.", "",
             f"**Objectives.** Learners can {'; '.join(x.objectives)}.", ""]
    for p in (p for p in all_plans if p.group == f"lesson-{x.number}"):
        lines += [plan_markdown(p), ""]
    qs = questions().get(x.number, [])
    if qs:
        lines += ["**Discussion questions (as in the lesson) and what good answers touch on.**", ""]
        lines += [f"{i}. *{q['text']}* {q['notes']}" for i, q in enumerate(qs, start=1)]
        lines.append("")
    lines += ["**Quiz questions and answers** (the options and every explanation are in the lesson and in the "
              "printable key, `python tools/print_quizzes.py`).", "", quiz_notes_markdown(x.number)]
    exercise = exercise_quiz_notes_markdown(x.number)
    if exercise:
        lines += ["", "**The exercise notebook's multiple-choice tasks** (its written tasks have a model "
                  "answer and a checklist in the solution notebook):", "", exercise]
    return "\n".join(lines)


def _hours(minutes: int) -> str:
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def learner_time_markdown() -> str:
    xs = manifest.lessons()
    total = sum(x.minutes_total for x in xs)
    parts = " + ".join(str(x.minutes_total) for x in xs)
    return (f"**Learner time.** About {_hours(total)} for the {len(xs)} lessons with their exercises "
            f"({parts} minutes; lessons {sum(x.minutes_lesson for x in xs)}, exercises "
            f"{sum(x.minutes_exercises for x in xs)}), plus reading the brief and the capstone memo. Every "
            "figure is computed from the notebooks' content by one formula (CONTRIBUTING.md, \"Timings\"), "
            "not estimated.")


def group_markdown(group: str, all_plans: list[Plan], heading: str = "####") -> str:
    """A module's plans, its first plan's note (about the whole module) before them."""
    members = [p for p in all_plans if p.group == group]
    intro = [members[0].note] if members and members[0].note else []
    homework = sum(s.minutes for p in members for s in p.before + p.after)
    if len(members) > 1 and homework:
        in_class = sum(p.used for p in members)
        intro.append(f"In all: {_hours(in_class)} in {len(members)} sessions and about {_hours(homework)} "
                     "of work between them (lesson and exercise times computed from the notebooks' content).")
    return "\n\n".join(intro + [plan_markdown(p, heading, note=False) for p in members])


def self_study_table() -> str:
    rows = ["| # | lesson | what you will be able to do | lesson | exercises |", "|---|---|---|---:|---:|"]
    for x in manifest.lessons():
        rows.append(f"| {x.number} | [{x.title}](../{x.file}) | {x.can_do} | {x.minutes_lesson} min | "
                    f"{str(x.minutes_exercises) + ' min' if x.minutes_exercises else '-'} |")
    xs = manifest.lessons()
    rows.append(f"| | all | | {sum(x.minutes_lesson for x in xs)} min | {sum(x.minutes_exercises for x in xs)} min |")
    total = sum(x.minutes_total for x in xs)
    return "\n".join(rows) + f"\n\nIn total about {_hours(total)}, computed from the notebooks' content."


def blocks() -> dict[str, str]:
    """Every generated block of the docs: name -> Markdown."""
    all_plans = plans()
    from nexus import memo

    out = {"learner-time": learner_time_markdown(),
           "week": group_markdown("week", all_plans),
           "workshop": group_markdown("workshop", all_plans),
           "rubric": memo.rubric_markdown(),
           "memo-spec": memo.specification_markdown(),
           "self-study-path": self_study_table(),
           "self-study-plan": group_markdown("self-study", all_plans)}
    for x in manifest.lessons():
        out[f"lesson-{x.number}"] = lesson_guide_markdown(x, all_plans)
    return out


def render_doc(text: str, generated: dict[str, str], where: str) -> str:
    def sub(m):
        name = m.group(2)
        if name not in generated:
            raise CourseError(f"{where}: unknown generated block {name!r}")
        return m.group(1) + generated[name] + "\n" + m.group(3)
    return BLOCK.sub(sub, text)


def doc_problems(generated: dict[str, str] | None = None) -> list[str]:
    generated = blocks() if generated is None else generated
    out = []
    for path in (GUIDE, SELF_STUDY):
        text = path.read_text(encoding="utf-8")
        if render_doc(text, generated, path.name) != text:
            out.append(f"{path.relative_to(ROOT)}: generated parts are stale (run: python tools/course.py)")
    guide = GUIDE.read_text(encoding="utf-8")
    for name in [f"lesson-{x.number}" for x in manifest.lessons()] + ["learner-time", "week", "workshop", "rubric"]:
        if f"<!-- course:{name}:start -->" not in guide:
            out.append(f"docs/instructor-guide.md: no generated block {name!r}")
    study = SELF_STUDY.read_text(encoding="utf-8")
    for name in ("self-study-path", "self-study-plan"):
        if f"<!-- course:{name}:start -->" not in study:
            out.append(f"docs/self-study.md: no generated block {name!r}")
    return out


# ----------------------------------------------------------------------------- all together


def problems(lessons_to_check=None) -> list[str]:
    """Everything that disagrees with the sources (empty when the suite agrees with itself)."""
    chosen = manifest.lessons() if lessons_to_check is None else lessons_to_check
    out = minutes_problems()
    for x in chosen:
        out += lesson_problems(x)
    out += doc_problems()
    out += fit_problems()
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="only these lessons (default: all)")
    parser.add_argument("--check", action="store_true", help="exit 1 if anything disagrees")
    parser.add_argument("--minutes", action="store_true", help="recompute minutes into lessons.toml")
    parser.add_argument("--fit", action="store_true", help="print every plan against its slot")
    args = parser.parse_args(argv)
    try:
        chosen = [manifest.by_path(Path(p)) for p in args.notebooks] if args.notebooks else manifest.lessons()
        if any(c is None for c in chosen):
            print("course: give lesson notebooks (notebooks/NN_*.ipynb)", file=sys.stderr)
            return 2
        if args.minutes:
            for number in write_minutes():
                print(f"minutes updated: lesson {number}")
            return 0
        if args.fit:
            for p in plans():
                print(f"{p.id:<14} {p.used:>4} of {p.slot:>4} min  {'ok' if p.used <= p.slot else 'OVER'}  {p.title}")
            bad = fit_problems()
            print("\n".join(bad))
            return 1 if bad else 0
        if args.check:
            bad = problems(chosen)
            for line in bad:
                print(line)
            return 1 if bad else 0
        for x in chosen:
            if write_lesson(x):
                print(f"written: {x.file}")
        generated = blocks()
        for path in (GUIDE, SELF_STUDY):
            text = path.read_text(encoding="utf-8")
            new = render_doc(text, generated, path.name)
            if new != text:
                path.write_text(new, encoding="utf-8")
                print(f"written: {path.relative_to(ROOT)}")
    except (CourseError, manifest.ManifestError, readings.ReadingError) as e:
        print(f"course: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
