"""Learners' own work: free-text answers, quiz results and exports.

Everything is written inside the ``my-answers/`` folder at the top of the
suite (it is git-ignored, so a learner's work never ends up in the project).
A name that would leave that folder, or a folder that cannot be written,
gives a clear message instead of a traceback.

This module stands alone: it imports nothing else of ``nexus``
(``nexus.feedback`` uses it, never the other way round).

>>> from nexus import answers
>>> answers.save_text("03.escalation", "Deaths rose after 2018 ...")   # doctest: +SKIP
>>> answers.export()                                                  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "my-answers"
#: the lessons' quiz banks (NN.json), read here only to count their questions
QUIZ_DIR = Path(__file__).resolve().parent / "quizzes"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")  # at most 80 characters

__all__ = ["AnswersError", "folder", "save_text", "load_text", "record_quiz", "quiz_results",
           "record_check", "check_results", "save_file", "export", "progress", "ROOT"]


class AnswersError(OSError):
    """My-answers could not be written or read; the message says why and what to do."""


def folder() -> Path:
    """The my-answers folder (``NEXUS_ANSWERS_DIR`` overrides it, e.g. for tests)."""
    return Path(os.environ.get("NEXUS_ANSWERS_DIR", ROOT))


def _path(name: str, suffix: str) -> Path:
    if not isinstance(name, str) or not _NAME.match(name) or ".." in name:
        raise AnswersError(
            f"'{name}' cannot be used as a name: use letters, digits, '.', '-' or '_' only "
            "(no slashes, no '..'), at most 80 characters.")
    base = folder().resolve()
    path = (base / f"{name}{suffix}").resolve()
    if base not in path.parents:
        raise AnswersError(f"'{name}' would be saved outside the my-answers folder.")
    return path


def _write(path: Path, text: str) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as e:
        raise AnswersError(
            f"Could not save to the my-answers folder ({e.strerror or e}). If you are on a "
            "read-only copy, download your answers instead or ask your instructor.") from None
    return path


def save_text(key: str, text: str) -> Path:
    """Save a free-text answer under ``key`` (e.g. '03.escalation'); returns the file."""
    if not isinstance(text, str):
        raise AnswersError("Only text can be saved as an answer: put your answer in quotes.")
    return _write(_path(key, ".md"), text.strip() + "\n")


def load_text(key: str) -> str | None:
    """A saved free-text answer, or None if there is none."""
    path = _path(key, ".md")
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise AnswersError(f"Could not read {path.name} ({e.strerror or e}).") from None


def save_file(name: str, text: str) -> Path:
    """Save an export (CSV or Markdown text) as ``my-answers/<name>``; name must end .csv or .md."""
    if not isinstance(name, str):
        raise AnswersError(f"'{name}' cannot be used as a file name: give text ending in .csv or .md.")
    if not isinstance(text, str):
        raise AnswersError("Only text can be saved to a file.")
    stem, dot, ext = name.rpartition(".")
    if not dot or ext not in ("csv", "md"):
        raise AnswersError(f"'{name}' must end in .csv or .md.")
    return _write(_path(stem, "." + ext), text)


def _quiz_file() -> Path:
    return folder() / "quiz-results.json"


def _check_file() -> Path:
    return folder() / "check-results.json"


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def quiz_results() -> dict:
    """{quiz id: {'correct': bool, 'attempts': int}} for every quiz a learner has checked."""
    return _read_json(_quiz_file())


def record_quiz(quiz_id: str, is_correct: bool) -> None:
    """Count one attempt at a lesson quiz; once right, it stays right."""
    results = quiz_results()
    entry = results.setdefault(quiz_id, {"correct": False, "attempts": 0})
    entry["attempts"] += 1
    entry["correct"] = entry["correct"] or bool(is_correct)
    _write(_quiz_file(), json.dumps(results, indent=1, sort_keys=True))


STATUSES = ("not yet", "correct", "saved")


def check_results() -> dict:
    """{task id: {'status': last reply, 'correct': bool}} for every exercise task a learner has
    checked ('ex03.escalation_means'); a written task's status is 'saved', never 'correct'."""
    return _read_json(_check_file())


def record_check(task: str, status: str) -> None:
    """Remember the last reply of an exercise check; 'correct' stays once reached, and 'saved'
    (writing) is never 'correct'. The file is rewritten only when something changed."""
    if status not in STATUSES or not isinstance(task, str):
        return
    results = check_results()
    old = results.get(task)
    entry = {"status": status,
             "correct": bool(isinstance(old, dict) and old.get("correct")) or status == "correct"}
    if old == entry:
        return
    results[task] = entry
    _write(_check_file(), json.dumps(results, indent=1, sort_keys=True))


def _lesson_quiz_ids() -> dict:
    """{lesson: [quiz ids]} from the lessons' quiz banks (NN.json)."""
    out = {}
    for path in sorted(QUIZ_DIR.glob("[0-9][0-9].json")):
        bank = _read_json(path)
        out[path.stem] = [f"{path.stem}.{q['id']}" for q in bank.get("questions", [])
                          if isinstance(q, dict) and "id" in q]
    return out


def progress(lessons=None, tasks=None) -> pandas.DataFrame:  # noqa: F821
    """One row per lesson: quizzes right, exercise tasks right, written answers saved.

    Writing is counted as *saved*, never as right: every ``NN.key.md`` answer and the lesson's
    ``NN-*.md`` file (lesson 07's memo, ``07-memo.md``) of my-answers/. ``tasks`` ({lesson: {'graded': n,
    'writing': m}}, as ``nexus.feedback.progress`` passes it) adds how many exercise
    tasks each lesson has.
    """
    import pandas as pd

    results = quiz_results()
    checks = check_results()
    saved = {p.stem for p in folder().glob("*.md")} if folder().exists() else set()
    rows = []
    for lesson, ids in _lesson_quiz_ids().items():
        if lessons and lesson not in lessons:
            continue
        done = {k: v for k, v in checks.items() if k.startswith(f"ex{lesson}.")}
        row = {"lesson": lesson,
               "quizzes correct": sum(bool(results.get(i, {}).get("correct", False)) for i in ids),
               "quizzes": len(ids),
               "written answers saved": sum(1 for s in saved if s.startswith((lesson + ".", lesson + "-")))}
        row["exercise tasks correct"] = sum(bool(v.get("correct")) for v in done.values()
                                            if isinstance(v, dict))
        if tasks is not None:
            row["exercise tasks"] = int(tasks.get(lesson, {}).get("graded", 0))
        rows.append(row)
    return pd.DataFrame(rows)


def export(name: str = "my-work", fmt: str = "md") -> Path:
    """Put every saved answer and quiz result into one Markdown (or HTML) file to hand in."""
    if fmt not in ("md", "html"):
        raise AnswersError("fmt must be 'md' or 'html'.")
    parts = [f"# My work on the China-Mali case ({date.today().isoformat()})", ""]
    base = folder()
    for path in sorted(base.glob("*.md")) if base.exists() else []:
        if path.stem == name:
            continue
        parts += [f"## {path.stem}", "", path.read_text(encoding="utf-8").strip(), ""]
    for path in sorted(base.glob("*.csv")) if base.exists() else []:
        parts += [f"## {path.name}", "", "```", path.read_text(encoding="utf-8").strip(), "```", ""]
    results = quiz_results()
    if results:
        parts += ["## Quizzes", "", "| quiz | correct | attempts |", "|---|---|---|"]
        parts += [f"| {k} | {'yes' if v['correct'] else 'not yet'} | {v['attempts']} |"
                  for k, v in sorted(results.items())]
    checks = check_results()
    if checks:
        parts += [""] if results else []
        parts += ["## Exercise tasks", "", "| task | last check | ever correct |", "|---|---|---|"]
        parts += [f"| {k} | {v.get('status', '')} | {'yes' if v.get('correct') else 'no'} |"
                  for k, v in sorted(checks.items()) if isinstance(v, dict)]
    text = "\n".join(parts) + "\n"
    if fmt == "html":
        import html

        body = "".join(f"<h1>{html.escape(p[2:])}</h1>" if p.startswith("# ") else
                       f"<h2>{html.escape(p[3:])}</h2>" if p.startswith("## ") else
                       f"<p>{html.escape(p)}</p>" if p else "" for p in text.splitlines())
        return _write(_path(name, ".html"), f"<!doctype html><meta charset='utf-8'>{body}\n")
    return _write(_path(name, ".md"), text)
