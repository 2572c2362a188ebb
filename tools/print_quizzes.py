"""Quizzes on paper: a printable quiz and a teacher's answer key for every quiz bank.

    python tools/print_quizzes.py              # writes build/quizzes/ (git-ignored)
    python tools/print_quizzes.py --out DIR    # somewhere else

Reads every bank in ``nexus/quizzes/``: ``NN.json`` (the check-your-understanding questions
of lesson NN) and ``exNN.json`` (the multiple-choice tasks of exercise notebook NN), all in
the same format (``{"lesson", "title", "questions": [{"id", "topic", "question",
"options": [{"text", "correct", "explanation"}]}]}``). An exercise notebook without an
``exNN.json`` bank yet is read from the ``Quiz`` objects of ``nexus.feedback.exNN``, so every
quiz a learner meets has a paper form.

For each bank it writes, as Markdown and as print-ready HTML (no script, no web font, nothing
fetched):

* ``<kind>-NN-quiz``: the questions and their lettered options, a line to answer on;
* ``<kind>-NN-key``: the right letter(s) and the explanation of every option, for the teacher;

plus ``index.html`` and ``index.md`` linking them. Options are printed in the bank's order,
lettered A, B, C ...: in exercise quizzes these are the letters the exercise checks accept, so a
paper answer can be typed in unchanged; in lesson quizzes it is the order the quiz widget shows
(the banks place the right option at varying positions; a test keeps it so).
"""

from __future__ import annotations

import argparse
import html
import importlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUIZ_DIR = ROOT / "nexus" / "quizzes"
OUT = ROOT / "build" / "quizzes"
LETTERS = "ABCDEFGH"


class BankError(ValueError):
    """A quiz bank is malformed; the message names the file and the question."""


@dataclass
class Question:
    id: str
    topic: str
    question: str
    options: list[tuple[str, bool, str]]  # (text, correct, explanation)

    @property
    def answer(self) -> str:
        return ", ".join(LETTERS[i] for i, (_, ok, _) in enumerate(self.options) if ok)


@dataclass
class Bank:
    key: str          # "03" or "ex03"
    title: str
    questions: list[Question]

    @property
    def number(self) -> str:
        return self.key[-2:]

    @property
    def kind(self) -> str:
        return "exercises" if self.key.startswith("ex") else "lesson"

    @property
    def heading(self) -> str:
        return f"{'Exercises' if self.kind == 'exercises' else 'Lesson'} {self.number}: {self.title}"

    @property
    def stem(self) -> str:
        return f"{self.kind}-{self.number}"


def _question(raw: dict, where: str) -> Question:
    for field in ("question", "options"):
        if not raw.get(field):
            raise BankError(f"{where}: no {field!r}")
    options = []
    for k, o in enumerate(raw["options"]):
        if not str(o.get("text", "")).strip():
            raise BankError(f"{where}, option {k + 1}: no text")
        if not str(o.get("explanation", "")).strip():
            raise BankError(f"{where}, option {k + 1}: no explanation (every option needs one)")
        options.append((str(o["text"]), bool(o.get("correct", False)), str(o["explanation"])))
    if not any(ok for _, ok, _ in options):
        raise BankError(f"{where}: no option is marked correct")
    if len(options) > len(LETTERS):
        raise BankError(f"{where}: more than {len(LETTERS)} options")
    return Question(str(raw.get("id", "")), str(raw.get("topic", "")), str(raw["question"]), options)


def read_bank(path: Path) -> Bank:
    """One ``NN.json`` / ``exNN.json`` file, validated."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise BankError(f"{path.name}: not valid JSON ({e.msg}, line {e.lineno})") from None
    questions = raw.get("questions") or []
    if not questions:
        raise BankError(f"{path.name}: no questions")
    return Bank(path.stem, str(raw.get("title", "")),
                [_question(q, f"{path.name}, question {i + 1} ({q.get('id', '?')})")
                 for i, q in enumerate(questions)])


def _module_bank(number: str, title: str) -> Bank | None:
    """The exercise quizzes still written as ``Quiz`` objects in ``nexus.feedback.exNN``."""
    try:
        module = importlib.import_module(f"nexus.feedback.ex{number}")
    except ImportError:
        return None
    from nexus.feedback import Quiz

    found = [v for v in vars(module).values() if isinstance(v, Quiz)]
    if not found:
        return None
    return Bank(f"ex{number}", title,
                [Question(q.id, q.topic, q.question, list(q.options)) for q in found])


def banks(quiz_dir: Path = QUIZ_DIR, module_fallback: bool = True) -> list[Bank]:
    """Every bank, options in the bank's order: lesson banks, then exercise banks, each in lesson order."""
    files = sorted(p for p in quiz_dir.glob("*.json") if re.fullmatch(r"(ex)?\d\d", p.stem))
    found = [read_bank(p) for p in files]
    if module_fallback:
        have = {b.key for b in found}
        titles = {b.number: b.title for b in found if b.kind == "lesson"}
        for number in sorted(titles):
            if f"ex{number}" not in have:
                extra = _module_bank(number, titles[number])
                if extra:
                    found.append(extra)
    return sorted(found, key=lambda b: (b.kind != "lesson", b.number))


# ------------------------------------------------------------------------------ Markdown


def quiz_markdown(bank: Bank) -> str:
    lines = [f"# {bank.heading}: quiz", "",
             "Name: ______________________   Date: ____________", "",
             "Circle the letter of the best answer.", ""]
    for n, q in enumerate(bank.questions, start=1):
        lines += [f"**{n}. {q.question}**", ""]
        lines += [f"- ( ) {LETTERS[i]}. {text}" for i, (text, _, _) in enumerate(q.options)]
        lines += ["", "Answer: ______", ""]
    return "\n".join(lines).rstrip() + "\n"


def key_markdown(bank: Bank) -> str:
    lines = [f"# {bank.heading}: answer key (for the teacher)", "",
             "| question | answer |", "|---|---|"]
    lines += [f"| {n} | {q.answer} |" for n, q in enumerate(bank.questions, start=1)]
    lines.append("")
    for n, q in enumerate(bank.questions, start=1):
        topic = f" ({q.topic})" if q.topic else ""
        lines += [f"## {n}. {q.question}", "", f"*Answer: {q.answer}*{topic}", ""]
        for i, (text, ok, why) in enumerate(q.options):
            mark = "right" if ok else "not right"
            lines.append(f"- **{LETTERS[i]}. {text}** — {mark}: {why}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# ------------------------------------------------------------------------------ HTML

CSS = """
body { font-family: Georgia, 'Times New Roman', serif; font-size: 12pt; line-height: 1.4;
       max-width: 46em; margin: 1.5em auto; padding: 0 1em; color: #000; }
h1 { font-size: 16pt; } h2 { font-size: 12.5pt; margin-top: 1.2em; }
.question { break-inside: avoid; page-break-inside: avoid; margin-bottom: 1em; }
ol.options { list-style-type: upper-alpha; }
ol.options li { margin: 0.2em 0; }
.answer-line { margin-top: 0.4em; }
.right { font-weight: bold; }
table { border-collapse: collapse; } td, th { border: 1px solid #444; padding: 2px 8px; }
@media print { a { color: #000; text-decoration: none; } .screen-only { display: none; } }
"""


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"{body}\n</body>\n</html>\n")


def quiz_html(bank: Bank) -> str:
    parts = [f"<h1>{html.escape(bank.heading)}: quiz</h1>",
             "<p>Name: ______________________ &nbsp; Date: ____________</p>",
             "<p>Circle the letter of the best answer.</p>"]
    for n, q in enumerate(bank.questions, start=1):
        items = "".join(f"<li>{html.escape(text)}</li>" for text, _, _ in q.options)
        parts.append(f'<section class="question"><h2>{n}. {html.escape(q.question)}</h2>'
                     f'<ol class="options">{items}</ol>'
                     f'<p class="answer-line">Answer: ______</p></section>')
    return _page(f"{bank.heading}: quiz", "\n".join(parts))


def key_html(bank: Bank) -> str:
    rows = "".join(f"<tr><td>{n}</td><td>{q.answer}</td></tr>"
                   for n, q in enumerate(bank.questions, start=1))
    parts = [f"<h1>{html.escape(bank.heading)}: answer key (for the teacher)</h1>",
             f"<table><thead><tr><th>question</th><th>answer</th></tr></thead><tbody>{rows}</tbody></table>"]
    for n, q in enumerate(bank.questions, start=1):
        items = "".join(
            f'<li class="{"right" if ok else "not-right"}">{html.escape(text)} — '
            f'<em>{"right" if ok else "not right"}</em>: {html.escape(why)}</li>'
            for text, ok, why in q.options)
        topic = f" ({html.escape(q.topic)})" if q.topic else ""
        parts.append(f'<section class="question"><h2>{n}. {html.escape(q.question)}</h2>'
                     f"<p><strong>Answer: {q.answer}</strong>{topic}</p>"
                     f'<ol class="options">{items}</ol></section>')
    return _page(f"{bank.heading}: answer key", "\n".join(parts))


def index(all_banks: list[Bank]) -> tuple[str, str]:
    md = ["# Quizzes on paper", "",
          "Generated by `python tools/print_quizzes.py` from `nexus/quizzes/`. "
          "Print the quiz for learners and keep the key for yourself.", ""]
    items = []
    for b in all_banks:
        n = len(b.questions)
        md.append(f"- {b.heading} ({n} question{'s' if n != 1 else ''}): "
                  f"[quiz]({b.stem}-quiz.html) · [answer key]({b.stem}-key.html)")
        items.append(f'<li>{html.escape(b.heading)} ({n}): <a href="{b.stem}-quiz.html">quiz</a> · '
                     f'<a href="{b.stem}-key.html">answer key</a></li>')
    body = ("<h1>Quizzes on paper</h1><p>Print the quiz for learners and keep the key for yourself.</p>"
            f"<ul>{''.join(items)}</ul>")
    return "\n".join(md) + "\n", _page("Quizzes on paper", body)


def write(out: Path = OUT, quiz_dir: Path = QUIZ_DIR, module_fallback: bool = True) -> list[Path]:
    """Write every quiz and key; returns the files written."""
    all_banks = banks(quiz_dir, module_fallback)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for b in all_banks:
        for name, text in ((f"{b.stem}-quiz.md", quiz_markdown(b)), (f"{b.stem}-key.md", key_markdown(b)),
                           (f"{b.stem}-quiz.html", quiz_html(b)), (f"{b.stem}-key.html", key_html(b))):
            (out / name).write_text(text, encoding="utf-8")
            written.append(out / name)
    md, page = index(all_banks)
    for name, text in (("index.md", md), ("index.html", page)):
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default build/quizzes)")
    parser.add_argument("--quizzes", type=Path, default=QUIZ_DIR, help="folder of the quiz banks")
    args = parser.parse_args(argv)
    try:
        files = write(args.out, args.quizzes)
    except BankError as e:
        print(f"print_quizzes: {e}", file=sys.stderr)
        return 2
    n = sum(1 for f in files if f.name.endswith("-quiz.html"))
    print(f"written: {n} quizzes and their answer keys in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
