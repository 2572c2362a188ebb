"""Build the course website and the printable course pack, offline, from the stored outputs.

    python tools/build_site.py            # website into _site/, course pack _site/course-pack.pdf
    python tools/build_site.py --no-pack  # the website only
    python tools/build_site.py --pack     # the course pack only (_site/course-pack.pdf)
    python tools/build_site.py --out DIR  # somewhere else than _site/

The website executes nothing: every lesson, exercise and solution notebook is shown with
the outputs committed with it. (The course pack runs the lessons' code once more, in one
process without a kernel, only to redraw their figures at print resolution; see
tools/coursepack.py.) Nothing is fetched: Sphinx, MyST-NB and sphinx-book-theme
(pinned in requirements-site.txt) bring every script, style sheet and font. The pages are
derived from the files: notebooks/NN_*.ipynb, exercises/NN_*.ipynb,
exercises/solutions/NN_*.ipynb, docs/*.md and data/datapackage.json.

On the way, each notebook is adapted for a page with no kernel:

* a stored widget output (the "run this cell" note) becomes a short note with a
  "Launch in Binder" link to that notebook; the next cell keeps the widget's first state;
* a quiz keeps its question and options, laid out as a list, with the same link;
* every chart image gets its text alternative as ``alt`` (from an ``<img alt>`` when the
  notebook stored one, else from the "Text alternative." output that follows the image);
* links to files that are not pages (README, LICENSE, code) point to the repository.

The course pack is one print-styled HTML page (Sphinx's single-page builder) printed to
PDF by headless Chromium: a title page, a table of contents with page numbers, lessons
00-07 in order, their figures (at 300 dpi) with the text alternatives beneath, the
discussion questions, and the glossary; widgets appear as their first state.
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import navigation  # noqa: E402

CONF_DIR = ROOT / "site"
DEFAULT_OUT = ROOT / "_site"
WORK = ROOT / "build" / "site"
PACK_NAME = "course-pack.pdf"

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE_START = "[Interactive widget:"
QUIZ_START = "Check your understanding:"
TEXT_ALT = re.compile(r"^\s*\*\*Text alternative\.\*\*\s*", re.S)
FIRST_STATE = "The next cell shows what it shows at first."


# --------------------------------------------------------------------------- #
# what the site is made of (derived from the files)
# --------------------------------------------------------------------------- #


def repository_url() -> str:
    return f"https://github.com/{navigation.repository()}"


def lessons() -> list[Path]:
    return navigation.lessons()


def exercises() -> list[Path]:
    return sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))


def solutions() -> list[Path]:
    return sorted((ROOT / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb"))


GUIDE_ORDER = {"self-study.md": 0, "instructor-guide.md": 1, "glossary.md": 3}  # others: 2, by name


def guides() -> list[Path]:
    found = sorted((ROOT / "docs").glob("*.md"))
    return sorted(found, key=lambda p: (GUIDE_ORDER.get(p.name, 2), p.name))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def markdown_title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


def readme_block(marker: str) -> str:
    """The fenced command after ``<!-- marker -->`` in README.md."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(rf"<!-- {re.escape(marker)} -->\s*```[^\n]*\n(.*?)\n```", text, re.S)
    return m.group(1).strip() if m else ""


# --------------------------------------------------------------------------- #
# links
# --------------------------------------------------------------------------- #

LINK = re.compile(r"(?<!\\)(\[(?:[^\[\]]|\[[^\]]*\])*\])\((<[^>]+>|[^)\s]+)((?:\s+\"[^\"]*\")?)\)")


class Links:
    """Maps a link target in a repository file to its target on the site.

    ``staged`` maps repository paths to the staged page (or downloadable file) that
    stands for them; a repository file that is not on the site becomes a link to the
    repository; a missing target is left alone (Sphinx then reports it)."""

    def __init__(self, staged: dict[str, str], drop_missing_pages: bool = False,
                 titles: dict[str, str] | None = None):
        self.staged = staged
        self.drop_missing_pages = drop_missing_pages
        self.titles = titles or {}

    def target(self, source: str, target: str) -> str | None:
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
            return target
        path, _, anchor = target.partition("#")
        repo_path = os.path.normpath(os.path.join(os.path.dirname(source), path)).replace(os.sep, "/")
        if repo_path.startswith(".."):
            return target
        src_staged = self.staged.get(source, source)
        if repo_path in self.staged:
            new = self.staged[repo_path]
        elif (ROOT / repo_path).is_dir() and repo_path.rstrip("/") + "/" in self.staged:
            new = self.staged[repo_path.rstrip("/") + "/"]
        elif self.drop_missing_pages and (ROOT / repo_path).exists():
            return None  # the course pack: a page that is not in it becomes plain text
        elif (ROOT / repo_path).exists():
            kind = "tree" if (ROOT / repo_path).is_dir() else "blob"
            return f"{repository_url()}/{kind}/HEAD/{quote(repo_path)}" + (f"#{anchor}" if anchor else "")
        else:
            return target
        new, _, new_anchor = new.partition("#")
        anchor = anchor or new_anchor
        link = os.path.relpath(new, os.path.dirname(src_staged) or ".").replace(os.sep, "/")
        return link + (f"#{anchor}" if anchor else "")

    def rewrite(self, source: str, text: str) -> str:
        def repl(m):
            label, target, title = m.group(1), m.group(2), m.group(3)
            if label.startswith("[") and m.start() > 0 and text[m.start() - 1] == "!":
                return m.group(0)  # images: leave
            bare = target[1:-1] if target.startswith("<") else target
            new = self.target(source, bare)
            if new is None:
                return label[1:-1]
            # a link labelled with its own file name reads better with the page's title
            shown = label[1:-1].strip("`")
            repo_path = os.path.normpath(os.path.join(os.path.dirname(source), bare)).replace(os.sep, "/")
            if shown in (bare, repo_path) and repo_path in self.titles:
                label = f"[{self.titles[repo_path]}]"
            return f"{label}({new}{title})"
        out, fence = [], False
        for block in re.split(r"(^```.*?$)", text, flags=re.M):
            if block.startswith("```"):
                fence = not fence
                out.append(block)
            else:
                out.append(block if fence else LINK.sub(repl, block))
        return "".join(out)


# --------------------------------------------------------------------------- #
# notebook outputs: widgets, quizzes, chart images
# --------------------------------------------------------------------------- #


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else (value or "")


def output_text(out) -> str:
    if out.get("output_type") == "stream":
        return _text(out.get("text"))
    return _text(out.get("data", {}).get("text/plain"))


class _Imgs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.imgs, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.imgs.append(dict(attrs))

    def handle_data(self, data):
        if data.strip():
            self.text.append(data.strip())


def _html_images(markup: str):
    parser = _Imgs()
    parser.feed(markup)
    return parser.imgs, " ".join(parser.text)


def _display(data: dict, metadata: dict | None = None):
    return nbformat.from_dict({"output_type": "display_data", "data": data, "metadata": metadata or {}})


def widget_note(binder: str | None) -> dict:
    if binder:
        html_text = ('<div class="nexus-widget-note" role="note"><p><strong>Interactive widget.</strong> '
                     'It responds only while the notebook runs. '
                     f'<a href="{html.escape(binder)}">Launch this notebook in Binder</a> to use it. '
                     f'{FIRST_STATE}</p></div>')
    else:
        html_text = ('<div class="nexus-widget-note" role="note"><p><strong>Interactive widget.</strong> '
                     'In the notebook, this cell shows controls to explore the data; '
                     'the next output shows its first state.</p></div>')
    plain = re.sub(r"<[^>]+>", "", html_text)
    return _display({"text/html": html_text, "text/plain": plain})


def quiz_html(text: str, binder: str | None) -> str | None:
    """A printed quiz (question, then options "  A. ...") as HTML; None if not of that form."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    question, options = [], []
    for line in lines:
        m = re.match(r"^\s+([A-Z])\.\s+(.*)$", line)
        if m:
            options.append((m.group(1), m.group(2)))
        elif options:
            if not line.strip():
                continue
            options[-1] = (options[-1][0], options[-1][1] + " " + line.strip())
        else:
            question.append(line.strip())
    if not options or not question:
        return None
    q = " ".join(question)[len(QUIZ_START):].strip()
    items = "".join(f"<li><span class=\"nexus-quiz-letter\">{k}.</span> {html.escape(v)}</li>"
                    for k, v in options)
    link = (f'<p class="nexus-quiz-launch">To answer and get feedback, '
            f'<a href="{html.escape(binder)}">launch this notebook in Binder</a>.</p>') if binder else \
        '<p class="nexus-quiz-launch">Answer in the notebook to get feedback.</p>'
    return (f'<div class="nexus-quiz" role="group" aria-label="Check your understanding">'
            f'<p><strong>Check your understanding:</strong> {html.escape(q)}</p>'
            f'<ul class="nexus-quiz-options">{items}</ul>{link}</div>')


def _alt_of_following(outputs, i) -> str:
    for out in outputs[i + 1:i + 3]:
        md = _text(out.get("data", {}).get("text/markdown"))
        if md and TEXT_ALT.match(md):
            return TEXT_ALT.sub("", md).strip()
    return ""


def short_alt(text: str) -> str:
    """The first sentence of a text alternative: the image's alt when the whole text is
    printed right beneath it (a screen reader then does not read it twice)."""
    m = re.match(r"(.+?[.!?])(\s|$)", text.strip(), re.S)
    first = (m.group(1) if m else text).strip()
    return first if first == text.strip() else f"{first} (Described in full below.)"


def fallback_alt(source: str) -> str:
    """For a picture the notebook stored without a text alternative (e.g. a chart a worked
    solution draws with matplotlib): say what made it, with its title when the code sets one."""
    titles = re.findall(r"""(?:set_title|suptitle|title)\(\s*(?:f?(["'])(.+?)\1)""", source)
    named = f": \u201c{titles[-1][1]}\u201d" if titles else ""
    return f"Chart drawn by the code in the cell above{named}."


def adapt_outputs(outputs, binder: str | None, image_alts: dict, print_mode: bool, source: str = "") -> list:
    """The outputs of one code cell, adapted for a page with no kernel (see module doc)."""
    new = []
    for i, out in enumerate(outputs):
        kind = out.get("output_type")
        data = out.get("data", {})
        text = output_text(out)
        if kind in ("display_data", "execute_result", "stream"):
            if WIDGET_VIEW in data or text.startswith(WIDGET_NOTE_START):
                new.append(widget_note(None if print_mode else binder))
                continue
            if text.startswith(QUIZ_START) and kind != "stream":
                quiz = quiz_html(text, None if print_mode else binder)
                if quiz:
                    new.append(_display({"text/html": quiz, "text/plain": text}))
                    continue
        if kind in ("display_data", "execute_result"):
            png = _text(data.get("image/png")).strip()
            alt_html = ""
            markup = _text(data.get("text/html"))
            if markup and "<img" in markup:
                imgs, _ = _html_images(markup)
                if len(imgs) == 1:
                    alt_html = (imgs[0].get("alt") or "").strip()
                    src = imgs[0].get("src", "")
                    if not png and src.startswith("data:image/png;base64,"):
                        png = src.split(",", 1)[1].strip()
            if png:
                following = _alt_of_following(outputs, i)
                full = alt_html or following
                digest = hashlib.sha256(base64.b64decode(png)).hexdigest()
                image_alts[digest] = (short_alt(full) if following else full) if full else fallback_alt(source)
                new.append(_display({"image/png": png, "text/plain": "chart"},
                                    {k: v for k, v in out.get("metadata", {}).items() if k == "image/png"}))
                if full and not following:  # the text alternative always shows beneath
                    new.append(_display({"text/markdown": f"**Text alternative.** {full}"}))
                continue
        new.append(out)
    return new


def adapt_notebook(path: Path, links: Links, image_alts: dict, *, print_mode: bool = False):
    nb = nbformat.read(path, as_version=4)
    source = rel(path)
    binder = navigation.binder_url(source)
    cells = []
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "markdown":
            if print_mode and "navigation" in tags:
                continue
            # the page's own "Launch in Binder" replaces the title cell's Binder line
            text = navigation.BINDER_LINE.sub("", cell.source).rstrip()
            cell.source = links.rewrite(source, text)
        elif cell.cell_type == "code":
            cell.outputs = adapt_outputs(cell.get("outputs", []), binder, image_alts, print_mode, cell.source)
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    return nb


# --------------------------------------------------------------------------- #
# generated pages
# --------------------------------------------------------------------------- #


def _cell_md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _resource_size(res: dict) -> str:
    """How much a resource holds: rows of a CSV, features of a GeoJSON, else bytes."""
    path = ROOT / "data" / res["path"]
    if res["path"].endswith(".csv"):
        with open(path, encoding="utf-8", newline="") as f:
            return f"{sum(1 for _ in csv.reader(f)) - 1:,} rows"
    if res["path"].endswith((".geojson", ".json")):
        try:
            return f"{len(json.loads(path.read_text(encoding='utf-8'))['features']):,} features"
        except (KeyError, TypeError, ValueError):
            pass
    return f"{path.stat().st_size:,} bytes"


def catalogue_markdown() -> str:
    """data/catalogue.md: one section per resource of data/datapackage.json."""
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    out = ["# Data catalogue", "",
           "Every table (and map layer) the lessons use, as described in the suite's data package "
           "([datapackage.json](datapackage.json), a Frictionless Data Package): what it "
           "holds, its fields with types and units, where it comes from, its licence and the "
           "caveats to know before using it. Each section ends with a link to download the file. "
           "If you reuse a table, cite its source and keep to its licence; "
           "[sources and licences](README.md) explains the families of tables.", "",
           "| name | title | size |", "|---|---|---:|"]
    sections = []
    for res in package["resources"]:
        name, size = res["name"], _resource_size(res)
        kind = res.get("format", res["path"].rsplit(".", 1)[-1]).upper()
        out.append(f"| [`{name}`](#{name.replace('_', '-')}) | {_cell_md(res.get('title', ''))} | {size} |")
        s = [f"({name.replace('_', '-')})=", f"## {name}", "", f"**{res.get('title', name)}**", "",
             res.get("description", ""), ""]
        fields = res.get("schema", {}).get("fields", [])
        if fields:
            s += ["| field | type | unit | description |", "|---|---|---|---|"]
        for field in fields:
            extra = []
            cons = field.get("constraints", {})
            if cons.get("enum"):
                extra.append("one of: " + ", ".join(str(v) for v in cons["enum"]))
            if cons.get("required"):
                extra.append("required")
            desc = field.get("description", "") + (f" ({'; '.join(extra)})" if extra else "")
            s.append(f"| `{field['name']}` | {field.get('type', '')} | {_cell_md(field.get('unit', ''))} | "
                     f"{_cell_md(desc)} |")
        key = res.get("schema", {}).get("primaryKey")
        s.append("")
        if key:
            keys = [key] if isinstance(key, str) else key
            s += [f"Each row is identified by: {', '.join(f'`{k}`' for k in keys)}.", ""]
        s += [f"**Size:** {size}.", ""]
        srcs = "; ".join(f"[{src.get('title', src.get('path', ''))}]({src['path']})"
                         if src.get("path", "").startswith("http") else src.get("title", "")
                         for src in res.get("sources", []))
        s += [f"**Source:** {srcs}", ""]
        lics = "; ".join(f"[{lic.get('title', lic.get('name', ''))}]({lic['path']})"
                         if lic.get("path", "").startswith("http") else lic.get("title", lic.get("name", ""))
                         for lic in res.get("licenses", []))
        s += [f"**Licence:** {lics}", ""]
        if res.get("citation"):
            s += [f"**Cite as:** {res['citation']}", ""]
        if res.get("caveats"):
            s += [f"**Caveats:** {res['caveats']}", ""]
        load = (f"`data.load(\"{name}\")`" if res["path"].endswith(".csv") else None)
        s += [f"**Download:** [{res['path']}]({res['path']}) ({kind}, {size})."
              + (f" In a notebook: {load}." if load else ""), ""]
        sections.append("\n".join(s))
    return "\n".join(out) + "\n\n" + "\n".join(sections)


def home_markdown(pack: bool, titles: dict[str, str] | None = None) -> str:
    template = (CONF_DIR / "home.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    intro = readme.split("\n## ", 1)[0]
    intro = "\n".join(line for line in intro.splitlines()[1:] if not line.startswith("[![")).strip()
    rows = ["| # | lesson | time | what you will learn |", "|---|---|---|---|"]
    for path in lessons():
        nb = nbformat.read(path, as_version=4)
        rows.append(f"| {path.name[:2]} | [{_cell_md(navigation.title(path))}](notebooks/{path.name}) | "
                    f"{_cell_md(navigation._box_row(nb, 'Time'))} | "
                    f"{_cell_md(navigation._box_row(nb, 'Objectives'))} |")
    repo = repository_url()
    import hub_link  # tools/hub_link.py: the suite's one way to write an nbgitpuller link

    pull = hub_link.link("https://YOUR-HUB", rel(lessons()[0]))
    values = {
        "intro": intro,
        "binder_url": navigation.binder_url(rel(lessons()[0])),
        "pull_url": pull,
        "pull_attr": html.escape(pull),
        "install_and_open": readme_block("install-and-open"),
        "lesson_map": "\n".join(rows),
        "pack": (f"**A printable course pack.** All lessons in one PDF, with a table of contents, "
                 f"the figures with their text alternatives, the discussion questions and the glossary: "
                 f"<a href=\"{PACK_NAME}\" download>download the course pack (PDF)</a>." if pack else ""),
        "repository": repo,
    }
    staged = {"README.md": "index.md"}
    staged.update({k: k for k in (titles or {})})
    return Links(staged, titles=titles).rewrite("README.md", template.format(**values))


def solutions_index() -> str:
    lines = ["# Worked solutions", "",
             "These are the exercise notebooks **with their answers filled in**, for teachers and for "
             "learners checking their work. Try each exercise first: the checks in the exercise "
             "notebooks give hints, and a worked solution read too early teaches much less. "
             "The exercises themselves are listed under [Exercises](../index.md).", ""]
    lines += [f"- [{navigation.title(p)} (worked solution)]({p.name})" for p in solutions()]
    return "\n".join(lines) + "\n"


def exercises_index() -> str:
    lines = ["# Exercises", "",
             "Each lesson from 01 has an exercise notebook. Open it in Binder or download it, write "
             "your answer in each answer cell, then run the check cell after it: it says *not "
             "attempted yet*, *not yet* with a hint, or *correct* with the reason. Worked solutions "
             "are kept apart, under [Worked solutions](solutions/index.md).", ""]
    lines += [f"- [{navigation.title(p)}]({p.name})" for p in exercises()]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- #
# staging and building the website
# --------------------------------------------------------------------------- #


def stage_site(src: Path, pack_available: bool) -> dict:
    """Write the site's source pages into ``src``; return the per-page metadata."""
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    staged: dict[str, str] = {"README.md": "index.md", "notebooks/": "index.md#lesson-map",
                              "exercises/": "exercises/index.md",
                              "exercises/solutions/": "exercises/solutions/index.md",
                              "data/": "data/catalogue.md", "data/README.md": "data/README.md",
                              "data/datapackage.json": "data/datapackage.json"}
    notebooks = lessons() + exercises() + solutions()
    for path in notebooks + guides():
        staged[rel(path)] = rel(path)
    data_pages = sorted(p for p in (ROOT / "data").glob("*.md") if p.name != "README.md")
    for path in sorted((ROOT / "data").iterdir()):
        if path.is_file():
            staged[rel(path)] = rel(path)
    titles = {rel(p): navigation.title(p) for p in notebooks}
    titles.update({rel(p): markdown_title(p) for p in guides() + sorted((ROOT / "data").glob("*.md"))})
    links = Links(staged, titles=titles)
    image_alts: dict[str, str] = {}
    pages: dict[str, dict] = {}
    lesson0 = navigation.binder_url(rel(lessons()[0]))

    for path in notebooks:
        nb = adapt_notebook(path, links, image_alts)
        if path.parent.name == "solutions":  # its title says so, in the sidebar too
            nb.cells[0].source = re.sub(r"^# (.+)$", r"# \1 (worked solution)", nb.cells[0].source,
                                        count=1, flags=re.M)
        (src / rel(path)).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, src / rel(path))
        actions = [
            {"kind": "binder", "label": "Launch in Binder", "href": navigation.binder_url(rel(path))},
            {"kind": "download", "label": "Download this notebook", "href": path.name, "download": path.name},
        ]
        notice = ""
        if path.parent.name == "solutions":
            notice = ("<strong>Worked solution.</strong> This notebook shows the answers. "
                      f'Try the exercise first: <a href="../{path.stem}.html">the exercise without answers</a>.')
        pages[rel(path)[:-len(".ipynb")]] = {"actions": actions, "notice": notice}

    for path in guides():
        text = links.rewrite(rel(path), path.read_text(encoding="utf-8"))
        (src / rel(path)).parent.mkdir(parents=True, exist_ok=True)
        (src / rel(path)).write_text(text, encoding="utf-8")
        pages[rel(path)[:-3]] = {"actions": [
            {"kind": "binder", "label": "Launch the course in Binder", "href": lesson0},
            {"kind": "download", "label": "Download this page (Markdown)", "href": path.name, "download": path.name},
        ]}

    data = src / "data"
    data.mkdir(exist_ok=True)
    for path in sorted((ROOT / "data").iterdir()):
        if path.is_file() and path.suffix != ".md":
            shutil.copy(path, data / path.name)
    (data / "catalogue.md").write_text(catalogue_markdown(), encoding="utf-8")
    for path in [ROOT / "data" / "README.md"] + data_pages:
        (data / path.name).write_text(links.rewrite(rel(path), path.read_text(encoding="utf-8")), encoding="utf-8")
    for page in ["data/catalogue", "data/README"] + [rel(p)[:-3] for p in data_pages]:
        pages[page] = {"actions": [
            {"kind": "binder", "label": "Launch the course in Binder", "href": lesson0},
            {"kind": "download", "label": "Download the data package (JSON)", "href": "datapackage.json",
             "download": "datapackage.json"},
        ]}

    (src / "exercises" / "index.md").write_text(exercises_index(), encoding="utf-8")
    (src / "exercises" / "solutions" / "index.md").write_text(solutions_index(), encoding="utf-8")
    for page in ("exercises/index", "exercises/solutions/index"):
        pages[page] = {"actions": [{"kind": "binder", "label": "Launch the course in Binder", "href": lesson0}]}

    home = home_markdown(pack_available, titles)
    toc = ["", "```{toctree}", ":hidden:", ":caption: Lessons", ""]
    toc += [rel(p)[:-6] for p in lessons()]
    # one flat list per part (a nested one gets an unlabelled expand button in the sidebar)
    toc += ["```", "", "```{toctree}", ":hidden:", ":caption: Exercises", "", "exercises/index"]
    toc += [rel(p)[:-6] for p in exercises()]
    toc += ["```", "", "```{toctree}", ":hidden:", ":caption: Guides", ""]
    toc += [rel(p)[:-3] for p in guides()]
    toc += ["```", "", "```{toctree}", ":hidden:", ":caption: Data", "", "data/catalogue", "data/README"]
    toc += [rel(p)[:-3] for p in data_pages]
    toc += ["```", "", "```{toctree}", ":hidden:", ":caption: Worked solutions", "", "exercises/solutions/index"]
    toc += [rel(p)[:-6] for p in solutions()]
    toc += ["```", ""]
    (src / "index.md").write_text(home + "\n".join(toc), encoding="utf-8")
    home_actions = [{"kind": "binder", "label": "Launch in Binder", "href": lesson0}]
    if pack_available:
        home_actions.append({"kind": "download", "label": "Download the course pack (PDF)",
                             "href": PACK_NAME, "download": PACK_NAME})
    pages["index"] = {"actions": home_actions}

    meta = {"pages": pages, "image_alts": image_alts}
    (src / "site-meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True), encoding="utf-8")
    return meta


def sphinx(src: Path, out: Path, doctrees: Path, builder: str = "html", env: dict | None = None) -> list[str]:
    """Run sphinx-build; return its warnings (also written to ``doctrees/../warnings-<builder>.txt``)."""
    warnings = doctrees.parent / f"warnings-{builder}.txt"
    cmd = [sys.executable, "-m", "sphinx", "-b", builder, "-q", "-c", str(CONF_DIR), "-d", str(doctrees),
           "-w", str(warnings), "-E", str(src), str(out)]
    full_env = dict(os.environ, **(env or {}))
    proc = subprocess.run(cmd, cwd=src, env=full_env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"sphinx-build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    text = warnings.read_text(encoding="utf-8") if warnings.exists() else ""
    return [line for line in text.splitlines() if line.strip()]


def build_site(out: Path, work: Path, pack_available: bool) -> list[str]:
    src = work / "src"
    stage_site(src, pack_available)
    keep_pack = None
    if (out / PACK_NAME).exists():
        keep_pack = work / PACK_NAME
        shutil.copy(out / PACK_NAME, keep_pack)
    # Sphinx writes into the build folder (MyST-NB puts its image files beside the output
    # folder, in jupyter_execute/), then the finished site is copied to ``out``
    html_dir = work / "html"
    if html_dir.exists():
        shutil.rmtree(html_dir)
    warnings = sphinx(src, html_dir, work / "doctrees")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(html_dir, out)
    # the original notebooks and pages, for "Download this notebook"
    for path in lessons() + exercises() + solutions() + guides():
        (out / rel(path)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, out / rel(path))
    shutil.copy(ROOT / "data" / "datapackage.json", out / "data" / "datapackage.json")
    for leftover in out.glob("_static/*.html"):  # the theme's template macros, not pages
        leftover.unlink()
    (out / ".nojekyll").write_text("", encoding="utf-8")
    if keep_pack:
        shutil.copy(keep_pack, out / PACK_NAME)
    return warnings


# --------------------------------------------------------------------------- #
# command line
# --------------------------------------------------------------------------- #


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: _site/)")
    parser.add_argument("--work", type=Path, default=None, help="build folder (default: build/site/)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--no-pack", action="store_true", help="build the website only")
    group.add_argument("--pack", action="store_true", help="build the course pack only")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    work = (args.work or WORK).resolve()
    work.mkdir(parents=True, exist_ok=True)
    problems = []
    if not args.pack:
        start = time.monotonic()
        warnings = build_site(out, work, pack_available=not args.no_pack)
        problems += warnings
        pages = sum(1 for _ in out.rglob("*.html"))
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
        print(f"website: {out} ({pages} pages, {size:.1f} MB, {time.monotonic() - start:.1f} s)")
    if not args.no_pack:
        import coursepack  # tools/coursepack.py

        start = time.monotonic()
        pdf, pack_warnings = coursepack.build(out, work)
        problems += pack_warnings
        print(f"course pack: {pdf} ({time.monotonic() - start:.1f} s)")
    for line in problems:
        print("warning:", line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
