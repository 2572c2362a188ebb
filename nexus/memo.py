"""The capstone policy memo: one specification (audience, length, structure, rubric).

Everything that describes or judges the memo reads it from here: the memo builder
(:mod:`nexus.widgets.memo`: its audiences, its sections and its word count), lesson 07's
"Capstone" section and the instructor guide's rubric (both written by ``tools/course.py``),
and exercise 07's memo task. Change the memo here and nowhere else.

>>> OWN_WORDS
(150, 250)
>>> [s.heading for s in STRUCTURE][:3]
['Heading', 'Summary', 'Recommendations']
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Audience", "Section", "Criterion", "AUDIENCES", "OWN_WORDS", "MIN_EVIDENCE",
           "MAX_RECOMMENDATIONS", "STRUCTURE", "RUBRIC", "BANDS", "TITLE", "ARGUMENT", "own_words_text",
           "specification_markdown", "rubric_markdown", "within_length", "argument_of", "with_argument"]


class Audience(NamedTuple):
    """A reader the memo can be written to, and what that reader can decide."""
    key: str          # the builder's menu value
    reader: str       # who receives the memo
    decides: str      # what that reader can decide: the memo's ask must be within it


class Section(NamedTuple):
    """A section of the memo: its heading, who writes it and what it holds."""
    heading: str
    who_writes: str   # "builder", "you" or "both"
    what: str


class Criterion(NamedTuple):
    """A rubric criterion with its four levels (excellent, good, developing, beginning)."""
    name: str
    levels: tuple[str, str, str, str]   # 4 excellent, 3 good, 2 developing, 1 beginning


#: The five readers a learner can write to (the builder's audience menu, in this order).
AUDIENCES = (
    Audience("Beijing", "China's Ministry of Foreign Affairs",
             "what China should do differently in Mali"),
    Audience("Bamako", "the Malian authorities",
             "how Mali should steer its partnership with China"),
    Audience("MINUSMA", "the UN mission's leadership",
             "how the mission should use its Chinese contingent"),
    Audience("ECOWAS", "the Economic Community of West African States",
             "what China's role in Mali means for West Africa and how a regional approach could use it"),
    Audience("Paris", "France's foreign ministry",
             "how French and Chinese efforts should relate"),
)

#: Words the learner writes (the argument, plus their own recommendation if they choose one).
#: With the heading, recommendations and cited evidence the builder adds, the memo is one page.
OWN_WORDS = (150, 250)
#: At least this many pieces of evidence, from at least two different lessons.
MIN_EVIDENCE = 2
#: Up to this many recommendations.
MAX_RECOMMENDATIONS = 3

#: The memo's sections, in order (the builder writes them with these headings).
STRUCTURE = (
    Section("Heading", "builder", "to (your reader), subject, and what the memo is based on"),
    Section("Summary", "builder", "the opening line for your reader: what the memo is for"),
    Section("Recommendations", "both",
            f"up to {MAX_RECOMMENDATIONS}: R1-R6 from lesson 06 or your own, each with the challenge it answers"),
    Section("Evidence", "both",
            f"at least {MIN_EVIDENCE} items from different lessons, each computed from a suite table and cited"),
    Section("Argument", "you",
            f"{OWN_WORDS[0]}-{OWN_WORDS[1]} words: what to do, why now, what could go wrong, how your advice "
            "deals with governance and with the region"),
    Section("What this memo leaves open", "builder",
            "the challenges your recommendations do not answer, and the region"),
)

#: The rubric: each criterion scored 1-4.
RUBRIC = (
    Criterion("Audience and purpose", (
        "Written for what this reader can actually decide; the ask fits the institution and is clear in the first "
        "two sentences of the argument.",
        "Clear reader; most asks within its power.",
        "Reader named, but the memo could be sent to anyone.",
        "No clear reader or purpose.")),
    Criterion("Recommendations", (
        "Up to three distinct, specific, actionable recommendations, each tied to a challenge from lesson 05 "
        "(CH0-CH3); priorities and trade-offs stated.",
        "Specific recommendations, mostly linked to challenges.",
        "Recommendations vague (\"improve governance\") or overlapping.",
        "No recommendation, or none that follows from the evidence.")),
    Criterion("Evidence", (
        f"At least {MIN_EVIDENCE} pieces of evidence from different lessons, brief and data, used accurately "
        "with their limits (coverage, vintage, commitments vs spending).",
        "Relevant evidence for most recommendations, minor slips.",
        "Evidence thin, generic or partly wrong.",
        "No evidence, or misread evidence.")),
    Criterion("Engagement with the brief", (
        "Uses the brief's argument (the triad, the challenges, the regional point) and goes beyond it where "
        "evidence allows; paraphrases; quotations short, marked and attributed.",
        "Uses the brief accurately; some copying of phrasing.",
        "Summarises the brief instead of using it.",
        "Misrepresents the brief or copies it.")),
    Criterion("Risks and counter-arguments", (
        "Names the main risk of the advice and a credible objection, and answers them.",
        "Names a risk.",
        "Mentions risk in passing.",
        "None.")),
    Criterion("Governance and the region", (
        "Says how the advice deals with CH1 Governance, which the brief calls fundamental, and places Mali in the "
        "Sahel: what Mali alone cannot settle.",
        "Touches on governance or the region.",
        "Governance or the region only as background.",
        "Neither.")),
    Criterion("Clarity and length", (
        f"Memo form (the builder's sections); the argument is {OWN_WORDS[0]}-{OWN_WORDS[1]} words and every "
        "sentence does work.",
        "Clear, within the length or close to it.",
        "Hard to follow in places, or well outside the length.",
        "Disorganised.")),
)

#: The memo's title (the builder's first heading) and the heading of the section the learner writes.
TITLE = "Policy memo: China's role in Mali"
ARGUMENT = "Argument"
#: How the builder fills an Argument section the learner has not written yet.
ARGUMENT_PROMPT = "(Write your argument"

#: Suggested bands for the total (7 criteria, 7-28 points).
BANDS = (("excellent", 25, 28), ("good", 20, 24), ("satisfactory", 14, 19), ("needs revision", 7, 13))


def own_words_text() -> str:
    """The length as a learner reads it: "150-250 words of your own"."""
    return f"{OWN_WORDS[0]}-{OWN_WORDS[1]} words of your own"


def within_length(words: int) -> bool:
    """Whether a count of the learner's own words is within the specification."""
    return OWN_WORDS[0] <= int(words) <= OWN_WORDS[1]


def specification_markdown() -> str:
    """The specification as lesson 07 shows it (Markdown)."""
    readers = "; ".join(f"**{a.key}** ({a.reader})" for a in AUDIENCES)
    who = {"you": "you write it", "builder": "the builder writes it", "both": "you choose, the builder writes"}
    sections = "\n".join(f"{i}. **{s.heading}** ({who[s.who_writes]}): {s.what}."
                         for i, s in enumerate(STRUCTURE, start=1))
    criteria = ", ".join(c.name.lower() for c in RUBRIC)
    return (f"> **The memo: one specification**\n>\n"
            f"> - **Reader:** one of five, with an ask that reader can decide: {readers}.\n"
            f"> - **Length:** one page: {own_words_text()} (your argument, and your own recommendation "
            f"if you write one); the builder adds the rest.\n"
            f"> - **Structure:**\n>\n"
            + "\n".join(f">   {line}" for line in sections.splitlines()) + "\n>\n"
            f"> - **How it is judged** (each criterion 1-4, the rubric in the instructor guide): {criteria}.")


def rubric_markdown() -> str:
    """The rubric as the instructor guide shows it (a Markdown table and the bands)."""
    lines = ["| criterion | 4 excellent | 3 good | 2 developing | 1 beginning |", "|---|---|---|---|---|"]
    for c in RUBRIC:
        lines.append(f"| **{c.name}** | " + " | ".join(c.levels) + " |")
    bands = "; ".join(f"{lo}-{hi} {name}" for name, lo, hi in BANDS)
    return "\n".join(lines) + f"\n\nSuggested bands: {bands}."


_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*$", re.M)


def _argument_span(markdown: str):
    """(start, end) of the Argument section's text in ``markdown``, or None."""
    for m in _HEADING.finditer(markdown):
        if m.group(2).strip() == ARGUMENT:
            level = len(m.group(1))
            end = len(markdown)
            for n in _HEADING.finditer(markdown, m.end()):
                if len(n.group(1)) <= level:
                    end = n.start()
                    break
            return m.end(), end
    return None


def argument_of(markdown) -> str | None:
    """The learner's text in a memo's Argument section; None when there is no such section, or
    it holds only the builder's prompt.

    >>> argument_of("# Memo\\n\\n## Argument\\n\\nAct now.\\n\\n## Next\\n")
    'Act now.'
    """
    if not isinstance(markdown, str):
        return None
    span = _argument_span(markdown)
    if span is None:
        return None
    text = markdown[span[0]:span[1]].strip()
    return text if text and not text.startswith(ARGUMENT_PROMPT) else None


def with_argument(markdown, text: str) -> str:
    """``markdown`` (a memo, or None when there is none yet) with ``text`` as its Argument
    section, everything else kept. Without a memo, or a memo without that section, the section
    is added under the memo's title: the memo builder keeps it when it saves the whole memo."""
    text = str(text).strip()
    if isinstance(markdown, str) and markdown.strip():
        span = _argument_span(markdown)
        if span is not None:
            start, end = span
            tail = markdown[end:]
            return markdown[:start] + "\n\n" + text + "\n" + ("\n" + tail if tail else "")
        return markdown.rstrip() + f"\n\n## {ARGUMENT}\n\n{text}\n"
    return (f"# {TITLE}\n\n*Reader, recommendations and evidence: choose them with the memo builder "
            f"of lesson 07, which keeps this argument.*\n\n## {ARGUMENT}\n\n{text}\n")
