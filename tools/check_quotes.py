"""Check every quotation the suite attributes to the brief, word for word, against the brief.

    python tools/check_quotes.py path/to/policy-brief.txt
    python tools/check_quotes.py path/to/policy-brief.txt --list-other   # also list the rest

The repository does not contain the brief (Benabdallah and Large 2020), so this is a tool
you run with your own plain-text copy of it, not a test.

What it reads (relative to the repository root): the Markdown cells of the lessons and of
the exercise notebooks (and the text strings in their code cells: model answers), the
quiz banks (``nexus/quizzes/*.json``), every text string in ``nexus/**/*.py`` (widget and
chart texts, exercise check messages), every cell of ``data/*.csv``, the strings of
``data/datapackage.json``, and ``README.md``, ``CONTRIBUTING.md``, ``data/README.md`` and
``docs/*.md``. Fenced and inline code, HTML tags and Python docstrings (developers' notes)
are skipped.

What counts as a quotation: a passage between double quotes (straight or curly), or
between single quotes (straight or curly) when the opening quote follows a space or a
bracket and the closing one is not followed by a letter, so that apostrophes (China's,
members') are not taken for quotes. Passages that look like code or file names
(``partial_year``, ``my-answers/07-memo.md``) are skipped.

Which quotations are attributed to the brief: those in a sentence that names the brief
or its authors ("the brief", "the brief's", "the authors", "Benabdallah", "Large 2020",
"they write"), unless the clause holding the quotation names another source (a link, a
web address, or words such as "said", "reported", "according to", "press", "Reuters").
Every quotation in a text that is itself the suite's paraphrase of the brief (the
statement columns of the ``brief_*`` tables) is attributed to the brief.

How passages are compared (the normalisation, applied to both texts): Unicode NFKC;
curly quotes and apostrophes become straight ones, and quotation marks inside a passage
are ignored (the brief's inner "watched" matches a quotation's inner 'watched'); all
dashes (hyphen, en and em dash, minus) become a hyphen; Markdown emphasis marks (``*``)
are dropped; in the brief, a word broken across lines after a hyphen is joined
("development-" + "security"); runs of white
space, line breaks included, become one space; letter case and diacritics are ignored
(the brief prints some openings in capitals and writes "Cote d'Ivoire"); punctuation at
either end of a passage is ignored; an ellipsis ("..." or "…") and a square-bracket
insertion ("[the brief's]") mark a gap: the pieces around it must each appear in the
brief, in order; a placeholder of a formatted string (``{name}``) is treated the same.

The last line summarises, e.g. ``0 mismatches in 97 quotations attributed to the brief``.
The exit status is 1 when there is a mismatch, 2 when the brief cannot be read.
"""

from __future__ import annotations

import argparse
import ast
import csv
import difflib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------- normalisation

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
SINGLE = "\u2018\u2019\u201a\u201b\u2032"
DOUBLE = "\u201c\u201d\u201e\u201f\u2033"
GAP = "\u2026"  # a gap marker after normalisation: ellipses, [insertions], {placeholders}


def normalise(text: str) -> str:
    """The comparable form of a text (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = text.translate({ord(c): "'" for c in SINGLE})
    text = text.translate({ord(c): '"' for c in DOUBLE})
    text = text.translate({ord(c): "-" for c in DASHES})
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.replace('"', " ").replace("*", "")  # quotation marks; Markdown emphasis
    text = re.sub(r"(?<![A-Za-z])'|'(?![A-Za-z])", " ", text)  # quote marks, not apostrophes
    text = re.sub(r"\s+", " ", text)
    return text.casefold().strip()


def prepare_brief(raw: str) -> str:
    """The brief as one comparable line: words broken after a hyphen at a line end rejoined."""
    raw = unicodedata.normalize("NFKC", raw).translate({ord(c): "-" for c in DASHES})
    raw = re.sub(r"-[ \t]*\n\s*", "-", raw)
    return normalise(raw)


def pieces(passage: str) -> list[str]:
    """A quotation split at its gaps (ellipses, [insertions], {placeholders}), each piece
    normalised and stripped of punctuation at its ends; empty pieces are dropped."""
    text = re.sub(r"\[[^\]]*\]|\{[^}]*\}|\.\s?\.\s?\.|" + GAP, GAP, passage)
    out = []
    for part in text.split(GAP):
        part = normalise(part).strip(" ,.;:!?()")
        if part:
            out.append(part)
    return out


def match(passage: str, brief: str) -> bool:
    """True if every piece of ``passage`` appears in the (prepared) brief, in order."""
    parts = pieces(passage)
    if not parts:
        return True
    at = 0
    for part in parts:
        found = brief.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def closest(passage: str, brief: str, width: int = 40) -> str:
    """The stretch of the brief that looks most like the passage (for the report)."""
    target = " ".join(pieces(passage))
    if not target:
        return ""
    sm = difflib.SequenceMatcher(None, brief, target, autojunk=False)
    m = sm.find_longest_match(0, len(brief), 0, len(target))
    start = max(0, m.a - m.b - width // 2)
    end = min(len(brief), m.a + (len(target) - m.b) + width // 2)
    return ("..." if start else "") + brief[start:end] + ("..." if end < len(brief) else "")


# --------------------------------------------------------------------------- finding quotations

_DQ = re.compile(r'"([^"\n]+?)"|\u201c([^\u201d\n]+?)\u201d')
_SQ = re.compile(r"(?:(?<=^)|(?<=[\s(\[{/\u2014\u2013-]))['\u2018]"
                 r"((?:[^'\u2018\u2019\n]|(?<=[A-Za-z])['\u2019](?=[A-Za-z]))+?)"
                 r"['\u2019](?![A-Za-z])")
_CODELIKE = re.compile(r"^[\w./:#%-]+$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+){2,}$")


def find_quotes(text: str) -> list[tuple[int, int, str]]:
    """(start, end, passage) of every quotation in ``text``; ``start``/``end`` include the marks.

    Double-quoted passages first; single-quoted ones only outside them.
    """
    spans = []
    for m in _DQ.finditer(text):
        spans.append((m.start(), m.end(), m.group(1) if m.group(1) is not None else m.group(2)))
    taken = [(s, e) for s, e, _ in spans]
    for m in _SQ.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        spans.append((m.start(), m.end(), m.group(1)))
    out = []
    for s, e, p in sorted(spans):
        p_stripped = p.strip()
        if re.match(r"\s+(column|field|table)\b", text[e:]) and " " not in p_stripped:
            continue  # a column's name: 'section' column
        if not re.search(r"[A-Za-z]", p_stripped):
            continue
        if (_CODELIKE.match(p_stripped) and re.search(r"[_/.]|\d", p_stripped)) or _SLUG.match(p_stripped):
            continue  # code, file names, column names, identifiers
        out.append((s, e, p_stripped))
    return out


_BRIEF = re.compile(r"\b(the brief|brief's|this brief|the authors|authors'|benabdallah|"
                    r"large,? \(?2020|they write|the policy brief)\b", re.I)
_OTHER = re.compile(r"\]\(|https?://|\b(said|says|say|told|reported|reports|according to|"
                    r"press|reuters|associated press|people's daily|xinhua|wikipedia|"
                    r"news|spokesperson|ministry|secretariat|jurist|commentary)\b", re.I)
_BRIEF_SAYS = re.compile(r"\b(the brief|the authors|they)\b[^.;]{0,40}\b(says?|said|writes?|"
                         r"calls?|reports?|puts?|notes?|told)\b", re.I)


def _mask(text: str, spans) -> str:
    """``text`` with every quotation's inside blanked out, except a full stop (or ! or ?)
    that ends it: a quoted sentence ends the sentence around it."""
    chars = list(text)
    for s, e, _ in spans:
        last = e - 2
        for i in range(s + 1, e - 1):
            chars[i] = text[i] if (i == last and text[i] in ".!?") else "x"
    return "".join(chars)


def _bounds(masked: str, start: int, end: int, stops: str) -> tuple[int, int]:
    left = max(masked.rfind(c, 0, start) for c in stops) + 1
    rights = [i for i in (masked.find(c, start) for c in stops) if i >= 0]
    return left, (min(rights) + 1 if rights else len(masked))


def attributed_to_brief(text: str, start: int, end: int, spans) -> bool:
    """Does the sentence holding the quotation ``text[start:end]`` attribute it to the brief?"""
    masked = _mask(text, spans)
    s0, s1 = _bounds(masked, start, end, ".!?\n")
    sentence = masked[s0:s1]
    if not _BRIEF.search(sentence):
        return False
    c0, c1 = _bounds(masked, start, end, ".!?\n;()")
    clause = masked[c0:c1]
    if _BRIEF.search(clause) or _BRIEF_SAYS.search(clause):
        return True
    return not _OTHER.search(clause)


# --------------------------------------------------------------------------- the suite's texts


@dataclass
class Unit:
    where: str          # file and place inside it
    text: str
    brief_text: bool = False   # the text is itself a paraphrase of the brief


_FENCE = re.compile(r"```.*?```", re.S)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_HTML = re.compile(r"<[^>\n]+>")
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")


def markdown_units(text: str, where: str) -> list[Unit]:
    """Paragraphs, list items and table cells of a Markdown text, line breaks joined."""
    text = _FENCE.sub(" ", text)
    text = _INLINE_CODE.sub(" ", text)
    text = _HTML.sub(" ", text)
    text = _LINK_TARGET.sub("](link)", text)
    units: list[Unit] = []
    block: list[str] = []

    def flush():
        if block:
            units.append(Unit(where, " ".join(line.strip() for line in block)))
            block.clear()

    for line in text.splitlines():
        bare = line.strip().lstrip(">").strip()
        if not bare:
            flush()
        elif bare.startswith("|"):
            flush()
            for cell in bare.strip("|").split("|"):
                if cell.strip():
                    units.append(Unit(where, cell.strip()))
        elif re.match(r"^([-*+]|\d+\.)\s", bare) or bare.startswith("#"):
            flush()
            block.append(bare)
        else:
            block.append(bare)
    flush()
    return units


def python_strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant in Python source that has a space in it; an
    f-string's placeholders become ``{}`` (a gap); HTML tags are removed. Docstrings are
    developers' notes, not text a learner reads, and are skipped. Unparsable source gives
    nothing."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    out, inside_fstring = [], set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                inside_fstring.add(id(body[0].value))  # a docstring: skipped like f-string parts
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                inside_fstring.add(id(v))
                parts.append(v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "{}")
            out.append((node.lineno, "".join(parts)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in inside_fstring:
            out.append((node.lineno, node.value))
    return [(n, _HTML.sub(" ", s)) for n, s in sorted(out) if " " in s]


def _json_strings(value, path=""):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _json_strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _json_strings(v, f"{path}[{i}]")


#: Columns of the brief tables whose text is the suite's paraphrase of the brief.
BRIEF_COLUMNS = {
    "brief_claims.csv": {"paraphrase"},
    "brief_challenges.csv": {"paraphrase"},
    "brief_recommendations.csv": {"paraphrase"},
    "brief_motivation_evidence.csv": {"statement"},
    "brief_instruments.csv": {"instrument"},
}


def notebook_units(path: Path, rel: str) -> list[Unit]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    units = []
    for i, cell in enumerate(nb.get("cells", [])):
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        where = f"{rel} cell {cell.get('id', i)}"
        if cell.get("cell_type") == "markdown":
            units += markdown_units(src, where)
        elif cell.get("cell_type") == "code":
            units += [Unit(f"{where} line {n}", s) for n, s in python_strings(src)]
    return units


def collect(root: Path) -> list[Unit]:
    """Every piece of text a learner can read, as units."""
    units: list[Unit] = []
    rel = lambda p: p.relative_to(root).as_posix()  # noqa: E731
    for pattern in ("notebooks/*.ipynb", "exercises/*.ipynb", "exercises/solutions/*.ipynb"):
        for p in sorted(root.glob(pattern)):
            units += notebook_units(p, rel(p))
    for p in sorted(root.glob("nexus/quizzes/*.json")):
        for where, s in _json_strings(json.loads(p.read_text(encoding="utf-8"))):
            units.append(Unit(f"{rel(p)} {where}", s))
    for p in sorted(root.glob("nexus/**/*.py")):
        for n, s in python_strings(p.read_text(encoding="utf-8")):
            units.append(Unit(f"{rel(p)} line {n}", s))
    for p in sorted(root.glob("data/*.csv")):
        with p.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if not rows:
            continue
        head, brief_cols = rows[0], BRIEF_COLUMNS.get(p.name, set())
        for r, row in enumerate(rows[1:], start=2):
            for col, value in zip(head, row, strict=False):  # a short row: its cells only
                if re.search(r"[A-Za-z]", value):
                    units.append(Unit(f"{rel(p)} row {r} ({row[0]}), column {col}", value,
                                      brief_text=col in brief_cols))
    pkg = root / "data" / "datapackage.json"
    if pkg.exists():
        for where, s in _json_strings(json.loads(pkg.read_text(encoding="utf-8"))):
            units.append(Unit(f"{rel(pkg)} {where}", s))
    docs = [root / "README.md", root / "CONTRIBUTING.md", root / "data" / "README.md"]
    docs += sorted(root.glob("docs/*.md"))
    for p in docs:
        if p.exists():
            units += markdown_units(p.read_text(encoding="utf-8"), rel(p))
    return units


# --------------------------------------------------------------------------- the check


@dataclass
class Quotation:
    where: str
    passage: str
    attributed: bool
    matches: bool


def check(units: list[Unit], brief: str) -> list[Quotation]:
    out = []
    for unit in units:
        spans = find_quotes(unit.text)
        for s, e, passage in spans:
            attributed = unit.brief_text or attributed_to_brief(unit.text, s, e, spans)
            out.append(Quotation(unit.where, passage, attributed, match(passage, brief)))
    return out


def report(quotes: list[Quotation], brief: str, list_other: bool = False, out=None) -> int:
    """Print mismatches (and, on request, the quotations not attributed to the brief);
    end with the summary lines. Returns the number of mismatches."""
    out = sys.stdout if out is None else out
    attributed = [q for q in quotes if q.attributed]
    bad = [q for q in attributed if not q.matches]
    for q in bad:
        print(f"MISMATCH {q.where}: \"{q.passage}\"", file=out)
        print(f"    closest in the brief: \"{closest(q.passage, brief)}\"", file=out)
    other = [q for q in quotes if not q.attributed]
    if list_other:
        for q in other:
            tag = "matches the brief" if q.matches else "not the brief's wording"
            print(f"other ({tag}) {q.where}: \"{q.passage}\"", file=out)
    unattributed_matches = sum(q.matches for q in other)
    print(f"{len(quotes)} quoted passages found; {len(attributed)} attributed to the brief; "
          f"{len(other)} not attributed to it ({unattributed_matches} of them match its wording).",
          file=out)
    print(f"{len(bad)} mismatch{'es' if len(bad) != 1 else ''} in {len(attributed)} quotations "
          f"attributed to the brief", file=out)
    return len(bad)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check_quotes.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("brief", help="a plain-text copy of the brief")
    parser.add_argument("--root", default=str(ROOT), help="the repository root (default: this one)")
    parser.add_argument("--list-other", action="store_true",
                        help="also list the quotations not attributed to the brief")
    args = parser.parse_args(argv)
    try:
        brief = prepare_brief(Path(args.brief).read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"cannot read the brief: {exc}", file=sys.stderr)
        return 2
    quotes = check(collect(Path(args.root)), brief)
    return 1 if report(quotes, brief, args.list_other) else 0


if __name__ == "__main__":
    sys.exit(main())
