"""Written arguments: saved, never graded.

A written answer gets its own reply, *Saved* (not a grade): the text is saved in
``my-answers/``, the model answer is shown, and a short self-assessment checklist
is marked from simple signals the learner can see for themselves (a number or a
year, a named source, a hedging word ...). The signals are reported, never scored:
whether the argument is good is the learner's and the teacher's judgement.

Text that is not yet an argument - too short, fewer than three sentences, one word
repeated, or mostly non-words - gets *Not yet* with a hint that says what was found.
"""

from __future__ import annotations

import re
from collections import Counter

from nexus import answers

__all__ = ["written", "checklist", "junk", "STANDARD", "Item", "Length"]

# A few very common English and French words: a real argument is full of them, gibberish is not.
_COMMON = set(
    """
the of and to in a is that it for on as with by be are was were this not but or from at which
an have has had its their they them there than more most so if also can could would should will
may might what when where who how why because while only than then these those such into about
after before between over under both all any some no yes one two many much very i we you he she
his her our my me do does did been being other own same out up down new first last each per
le la les de des du et est un une que qui en pour dans pas sur au aux ne se ce il elle par plus
""".split()
)

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…]+(?:[\"'”’)\]]*)(?:\s+|$)")


class Item:
    """One line of a self-assessment checklist: what to look for and the signals of it."""

    def __init__(self, name: str, signals, prompt: str, pattern: str | None = None):
        self.name, self.signals, self.prompt = name, [s.lower() for s in signals], prompt
        self.pattern = re.compile(pattern, re.I) if pattern else None

    def found(self, text: str) -> list[str]:
        """The signals of this item found in ``text`` (at most three, in the learner's spelling).

        A signal ending in '*' matches the start of a word ('prioriti*'); others match whole words.
        """
        hits = []
        for s in self.signals:
            stem = s.rstrip("*")
            end = r"\w*" if s.endswith("*") else r"(?!\w)"
            m = re.search(rf"(?<!\w){re.escape(stem)}{end}", text, re.I)
            if m:
                hits.append(m.group(0))
        if self.pattern is not None:
            hits += [m.group(0) for m in self.pattern.finditer(text)]
        out: list[str] = []
        for h in hits:
            if not any(h.lower() in o.lower() or o.lower() in h.lower() for o in out):
                out.append(h)
        return out[:3]

    def line(self, text: str) -> str:
        """This item's checklist line for ``text``: ✓ with the signals found, or ☐ with the prompt."""
        hits = self.found(text)
        if hits:
            shown = ", ".join(f"'{h}'" for h in hits)
            return f"✓ {self.name} — found {shown}"
        return f"☐ {self.name} — not found. {self.prompt}"


class Length(Item):
    """A checklist line for a text's length: ✓ within ``low``-``high`` words, ☐ otherwise, with
    the count (a fact the learner can check, not a grade). Words are counted as the memo builder
    counts them: everything between spaces."""

    def __init__(self, name: str, low: int, high: int):
        super().__init__(name, [], f"Aim for {low}-{high} words.")
        self.low, self.high = int(low), int(high)

    def found(self, text: str) -> list[str]:
        """The word count of ``text`` as a one-item list when it is within the range, else nothing."""
        n = len(text.split())
        return [f"{n} words"] if self.low <= n <= self.high else []

    def line(self, text: str) -> str:
        """This item's checklist line for ``text``: ✓ with the word count when within the range, else ☐."""
        n = len(text.split())
        if self.low <= n <= self.high:
            return f"✓ {self.name} — {n} words, within {self.low}-{self.high}"
        return f"☐ {self.name} — {n} words; aim for {self.low}-{self.high}."


#: the four parts every written task asks for (the self-assessment checklist)
STANDARD = [
    Item(
        "a claim: your answer to the question",
        [
            "yes",
            "partly",
            "mostly",
            "mainly",
            "largely",
            "broadly",
            "best",
            "should",
            "would",
            "must",
            "i think",
            "in my view",
            "i argue",
            "explain*",
            "support*",
            "because",
            "therefore",
            "thus",
            "prioriti*",
            "recommend*",
            "misses",
            "both",
        ],
        "State your answer in one sentence (for example 'Partly, because ...').",
    ),
    Item(
        "evidence from the brief",
        ["the brief", "brief", "benabdallah", "authors", "recommendation*", "challenge*"],
        "Use what the brief says, in your own words or a short quotation marked and attributed.",
        pattern=r"[\"“][^\"”]{3,}[\"”]|\bR[1-6]\b|\bCH[0-3]\b",
    ),
    Item(
        "evidence from data: a figure, a year or a named data set",
        [
            "ucdp",
            "acled",
            "aiddata",
            "undp",
            "hdi",
            "comtrade",
            "un data",
            "table",
            "data",
            "per cent",
            "percent",
        ],
        "Give at least one figure or year from the tables, and say which data set it comes from.",
        pattern=r"\b\d[\d,.]*%?",
    ),
    Item(
        "what the evidence cannot show",
        [
            "cannot",
            "can't",
            "does not show",
            "doesn't show",
            "not show",
            "limit*",
            "partial*",
            "may",
            "might",
            "however",
            "but",
            "although",
            "though",
            "uncertain",
            "unclear",
            "not enough",
            "caveat*",
            "perhaps",
            "likely",
            "not necessarily",
            "only one",
            "only part",
            "loosely",
            "more reliable",
        ],
        "Say what your evidence cannot show (a limit, a missing year, a different measure).",
    ),
]


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _sentences(text: str) -> int:
    parts = [p for p in _SENTENCE_END.split(text.strip()) if len(_words(p)) >= 3]
    return len(parts)


def junk(text: str, min_words: int) -> str | None:
    """Why ``text`` is not yet an argument (a hint naming what was found), or None."""
    words = _words(text)
    n = len(words)
    if n < min_words:
        return (
            f"you have written {n} word{'s' if n != 1 else ''}; write at least {min_words}, "
            "so that there is room for a claim, the evidence and what it cannot show."
        )
    top, count = Counter(words).most_common(1)[0]
    if count > n / 3 or len(set(words)) < 10:
        return (
            f"your text repeats '{top}' {count} times in {n} words. Write your own sentences: "
            "a claim, the evidence for it, and what the evidence cannot show."
        )
    tokens = text.split()
    wordlike = sum(
        1
        for t in tokens
        if _WORD.fullmatch(t.strip(".,;:!?()[]\"'“”‘’«»-–—"))
        or re.fullmatch(r"[\d.,%–-]+", t.strip(".,;:!?()[]\"'“”‘’«»"))
    )
    common = sum(1 for w in words if w in _COMMON)
    if wordlike < 0.6 * len(tokens) or common < 0.1 * n:
        return (
            f"most of your text does not read as words I recognise ({common} of {n} words are "
            "common words such as 'the', 'of', 'and'). Write your argument in full sentences."
        )
    sentences = _sentences(text)
    if sentences < 3:
        return (
            f"I count {sentences} sentence{'s' if sentences != 1 else ''} (a sentence ends with "
            "'.', '!' or '?'). Write at least three: a claim, the evidence, and what the "
            "evidence cannot show or what follows."
        )
    return None


def checklist(text: str, items) -> list[str]:
    """The self-assessment lines for ``text``: each item marked with the signals found, or a prompt."""
    return [item.line(text) for item in items]


def written(key: str, text, model_answer: str, min_words: int = 40, look_for=(), items=None, save=None):
    """Save a written argument to my-answers/ and answer *Saved* with the model answer and a
    self-assessment checklist; *Not yet* when the text is not yet an argument.

    ``look_for`` adds task-specific checklist lines: (signal words, prompt) pairs or
    :class:`Item` objects. ``save`` (a function of the text that saves it and returns a sentence
    saying where) replaces the default, ``my-answers/<key>.md``. The reply never says "Correct":
    writing is not graded here.
    """
    from nexus.feedback import NOT_ATTEMPTED, describe_type, not_yet, saved

    if text is ... or (isinstance(text, str) and not text.strip()):
        return NOT_ATTEMPTED
    if not isinstance(text, str):
        return not_yet(
            f"write your argument as text between triple quotes; your answer is {describe_type(text)}."
        )
    problem = junk(text, min_words)
    if problem:
        return not_yet(problem)
    extra = [
        i if isinstance(i, Item) else Item(str(i[1]).rstrip("."), i[0], "Consider adding it.")
        for i in look_for
    ]
    lines = checklist(text, list(items if items is not None else STANDARD) + extra)
    try:
        if save is None:
            answers.save_text(key, text)
            where = f"Saved as my-answers/{key}.md."
        else:
            where = save(text)
    except Exception as exc:  # saving is a convenience; never block the learner
        where = f"Your text could not be saved ({exc}); copy it somewhere safe."
    message = (
        f"{where} This is not a grade: compare your text with the model answer, then mark it "
        "against the checklist (✓ = a simple sign of it was found in your text; whether it is "
        "convincing is your judgement)."
    )
    return saved(message, [f"Model answer: {model_answer}", "Checklist:"] + lines)
