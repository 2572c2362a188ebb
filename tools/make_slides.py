"""Slides: one short reveal.js deck per lesson, built from the lessons' own stored outputs.

    python tools/make_slides.py                     # every lesson -> build/slides/ (git-ignored)
    python tools/make_slides.py notebooks/03_*.ipynb
    python tools/make_slides.py --out DIR

Open ``build/slides/index.html`` (or a deck) in a browser: no server and no network are
needed. The decks are HTML made by nbconvert's reveal.js exporter with the suite's template
(``tools/slides/template/suite-reveal``); reveal.js itself (MIT) is vendored in
``tools/slides/vendor/reveal.js`` and copied next to the decks.

What goes on the slides
-----------------------
Nothing is re-run: figures are the PNGs the lesson stored when ``tools/refresh.py`` ran it,
with their text alternatives. A deck is:

1. a title slide (the lesson's first cell: title and subtitle);
2. the lesson's slides, chosen by **cell tags** (the convention lesson authors use):

   * ``slide`` on a Markdown cell: the cell is a slide (its heading is the slide's title);
   * ``slide`` on a code cell: each figure it shows is a slide, titled by the section heading
     above it, with the figure's text alternative as its ``alt`` text, under a "Text
     alternative" disclosure and in the speaker notes; an HTML table it shows is a slide too;
   * ``slide-notes`` on a Markdown cell: its text becomes the speaker notes of the slide
     before it;

   **while no cell of a lesson carries a ``slide`` tag**, the deck is chosen by content
   markers instead, so that today's lessons already have decks: every stored figure (the
   charts, the timeline, the static copy of each chart widget), the map of Mali for the
   lessons that teach where violence is (03, 05: drawn by ``nexus.charts.geography``, since
   the lessons do not show it yet), the "Summary" section (the key points and numbers) and
   the "Discussion questions" section;
3. a "Further reading" slide from ``docs/readings/lesson_readings.csv``.

Relative links (to exercises, other lessons) become plain text: a deck stands alone.
"""

from __future__ import annotations

import argparse
import base64
import html
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "slides"
TEMPLATE_DIR = ROOT / "tools" / "slides" / "template"
VENDOR = ROOT / "tools" / "slides" / "vendor" / "reveal.js"
TAG_SLIDE, TAG_NOTES = "slide", "slide-notes"
ALT_PREFIX = "**Text alternative.**"
DENSE_WORDS = 110
#: Lessons whose decks get the map while the lessons do not show it (content-marker mode only).
MAP_LESSONS = {"03": "pair", "05": "projects"}


@dataclass
class Slide:
    kind: str                  # "title", "text", "figure", "table"
    title: str = ""
    markdown: str = ""
    png: str = ""              # base64
    alt: str = ""
    html: str = ""
    notes: list[str] = field(default_factory=list)
    origin: str = ""           # where it came from (cell index or data), for tests and notes


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _heading(markdown: str) -> str | None:
    m = re.match(r"^\s*#{1,3}\s+(.+)", markdown)
    return m.group(1).strip() if m else None


def plain_links(markdown: str) -> str:
    """Relative Markdown links become their text; web links stay."""
    return re.sub(r"\[([^\]]+)\]\((?!https?://)[^)]*\)", r"\1", markdown)


def _figures(cell) -> list[tuple[str, str]]:
    """(png base64, text alternative) for each figure a code cell shows."""
    out, outputs = [], cell.get("outputs", [])
    for i, o in enumerate(outputs):
        png = o.get("data", {}).get("image/png")
        if not png:
            continue
        alt = ""
        for later in outputs[i + 1:]:
            text = later.get("data", {}).get("text/markdown", "")
            if text.startswith(ALT_PREFIX):
                alt = text[len(ALT_PREFIX):].strip()
                break
            if later.get("data", {}).get("image/png"):
                break
        out.append((png.replace("\n", ""), alt))
    return out


def _table(cell) -> str:
    for o in cell.get("outputs", []):
        table = o.get("data", {}).get("text/html")
        if table and "<table" in table:
            return table
    return ""


def title_slide(nb, lesson: str) -> Slide:
    first = nb.cells[0].source if nb.cells else f"# Lesson {lesson}"
    lines = [line for line in first.splitlines() if line.strip() and "Open this lesson in Binder" not in line]
    return Slide("title", title=_heading(first) or f"Lesson {lesson}",
                 markdown="\n\n".join(plain_links(line) for line in lines), origin="cell 0")


def tagged_slides(nb) -> list[Slide]:
    slides, section = [], ""
    for i, cell in enumerate(nb.cells):
        tags = _tags(cell)
        if cell.cell_type == "markdown":
            head = _heading(cell.source)
            if head and not head.lower().startswith("check your understanding"):
                section = head
            if TAG_NOTES in tags and slides:
                slides[-1].notes.append(plain_links(cell.source))
            elif TAG_SLIDE in tags:
                slides.append(Slide("text", title=head or section, markdown=plain_links(cell.source),
                                    origin=f"cell {i}"))
        elif cell.cell_type == "code" and TAG_SLIDE in tags:
            slides += _code_slides(cell, section, i, tables=True)
    return slides


def _code_slides(cell, section: str, i: int, tables: bool) -> list[Slide]:
    found = [Slide("figure", title=section, png=png, alt=alt, notes=[alt] if alt else [], origin=f"cell {i}")
             for png, alt in _figures(cell)]
    if not found and tables:
        table = _table(cell)
        if table:
            found.append(Slide("table", title=section, html=table, origin=f"cell {i}"))
    return found


def marker_slides(nb, lesson: str) -> list[Slide]:
    """Content markers, for lessons whose cells carry no ``slide`` tag yet."""
    slides, section, tail = [], "", []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            head = _heading(cell.source)
            if head and not head.lower().startswith("check your understanding"):
                section = head
            if head and re.match(r"(summary|discussion questions)\b", head, re.I):
                tail.append(Slide("text", title=head, markdown=plain_links(cell.source), origin=f"cell {i}"))
        elif cell.cell_type == "code":
            slides += _code_slides(cell, section, i, tables=False)
    if lesson in MAP_LESSONS:
        slides.insert(0, map_slide(MAP_LESSONS[lesson]))
    # key points first, discussion last
    tail.sort(key=lambda s: 0 if s.title.lower().startswith("summary") else 1)
    return slides + tail


def map_slide(kind: str) -> Slide:
    """The suite's map of Mali (nexus.charts.geography), for decks of lessons not showing it yet."""
    from nexus import charts, data

    violence = data.load("violence_by_region")
    if kind == "pair":
        fig = charts.mali_violence_map_pair(violence, (2017, 2020))
        title = "Where the crisis is: the violence moved to the centre"
    else:
        fig = charts.mali_violence_map(violence, None, "fatalities", data.load("chinese_projects"))
        title = "Where the named Chinese projects are, and where people were killed"
    png = base64.b64encode(charts.png_bytes(fig)).decode("ascii")
    return Slide("figure", title=title, png=png, alt=fig.alt_text, notes=[fig.alt_text],
                 origin="nexus.charts.geography")


def reading_slide(lesson: str) -> list[Slide]:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import readings
    finally:
        sys.path.pop(0)
    works, picks = readings.read()
    if not any(p["lesson"] == lesson for p in picks):
        return []
    block = readings.lesson_block(lesson, works, picks)
    block = re.sub(r"^\*\*Further reading\*\*[^\n]*\n", "", block).strip()
    return [Slide("text", title="Further reading", markdown="## Further reading\n\n" + block,
                  origin="docs/readings/lesson_readings.csv")]


def lesson_slides(path: Path) -> list[Slide]:
    nb = nbformat.read(path, as_version=4)
    lesson = path.name[:2]
    tagged = any(TAG_SLIDE in _tags(c) for c in nb.cells)
    body = tagged_slides(nb) if tagged else marker_slides(nb, lesson)
    return [title_slide(nb, lesson)] + body + reading_slide(lesson)


# ------------------------------------------------------------------------------ to a deck


def _escape_alt(text: str) -> str:
    return html.escape(text, quote=True)


def _words(markdown: str) -> int:
    return len(re.findall(r"\w+", markdown))


def _cells(slide: Slide) -> list:
    """The notebook cells of one slide (the first starts the slide, notes are notes)."""
    meta = {"slideshow": {"slide_type": "slide"}}
    if slide.kind == "figure":
        body = (f"## {slide.title}\n\n" if slide.title else "") + (
            f'<figure><img src="data:image/png;base64,{slide.png}" alt="{_escape_alt(slide.alt)}"/>'
            f"<details><summary>Text alternative</summary><p>{html.escape(slide.alt)}</p></details></figure>")
        cells = [nbformat.v4.new_markdown_cell(body, metadata=meta)]
    elif slide.kind == "table":
        cells = [nbformat.v4.new_markdown_cell(f"## {slide.title}\n\n{slide.html}", metadata=meta)]
    else:
        text = slide.markdown
        if slide.kind == "title":
            lines = text.split("\n\n")
            text = "\n\n".join([lines[0]] + [f'<p class="subtitle">{html.escape(_strip_md(line))}</p>'
                                              for line in lines[1:]])
        if _words(text) > DENSE_WORDS:
            text = f'<div class="dense">\n\n{text}\n\n</div>'
        cells = [nbformat.v4.new_markdown_cell(text, metadata=meta)]
    for note in slide.notes:
        cells.append(nbformat.v4.new_markdown_cell(note, metadata={"slideshow": {"slide_type": "notes"}}))
    return cells


def _strip_md(text: str) -> str:
    return re.sub(r"[*_]", "", text).strip()


def deck_notebook(slides: list[Slide], title: str):
    nb = nbformat.v4.new_notebook()
    nb.metadata["title"] = title
    for slide in slides:
        nb.cells.extend(_cells(slide))
    return nb


def exporter():
    from nbconvert import SlidesExporter

    exp = SlidesExporter(template_name="suite-reveal", extra_template_basedirs=[str(TEMPLATE_DIR)])
    exp.reveal_url_prefix = "reveal.js"
    return exp


def build(paths: list[Path] | None = None, out: Path = OUT) -> list[Path]:
    """Write one deck per lesson, the index and the vendored reveal.js; returns the decks."""
    paths = paths or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    out.mkdir(parents=True, exist_ok=True)
    target = out / "reveal.js"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(VENDOR, target)
    exp, decks = exporter(), []
    for path in paths:
        path = Path(path)
        slides = lesson_slides(path)
        title = slides[0].title
        body, _ = exp.from_notebook_node(deck_notebook(slides, f"{title} (slides)"))
        body = body.replace("</html>", f"<!-- slides: {len(slides)} -->\n</html>", 1)
        deck = out / f"{path.stem}.html"
        deck.write_text(body, encoding="utf-8")
        decks.append(deck)
    write_index(out)
    return decks


def write_index(out: Path) -> Path:
    """List every deck present in ``out`` (so building one lesson keeps the others listed)."""
    items = []
    for deck in sorted(out.glob("[0-9][0-9]_*.html")):
        text = deck.read_text(encoding="utf-8")
        m = re.search(r"<title>(.*?)</title>", text, re.S)
        title = m.group(1).replace(" (slides)", "") if m else deck.stem
        m_n = re.search(r"<!-- slides: (\d+) -->", text)
        n = int(m_n.group(1)) if m_n else 0
        items.append(f'<li><a href="{deck.name}">{title}</a> ({n} slides)</li>')
    page = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Slides</title></head>\n"
            "<body><main><h1>Slides, one deck per lesson</h1>"
            "<p>Arrow keys or Space move between slides; Esc shows them all; S opens the speaker "
            "notes (each chart's text alternative).</p>"
            f"<ul>{''.join(items)}</ul></main></body>\n</html>\n")
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="lessons (default: all)")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default build/slides)")
    args = parser.parse_args(argv)
    decks = build(args.notebooks or None, args.out)
    for deck in decks:
        print(f"written: {deck}")
    print(f"open {args.out / 'index.html'} in a browser")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
