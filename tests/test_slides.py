"""Slides: what each deck holds (chosen by tags, or by content markers while lessons carry no
tags), that the HTML is self-contained, and - in headless Chromium - that a deck opens from
disk, runs reveal.js and makes no request to another host."""

from __future__ import annotations

import base64
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import make_slides as ms  # noqa: E402
import readings  # noqa: E402

LESSON_03 = ROOT / "notebooks" / "03_mali_crisis_and_response.ipynb"
CHROMIUM = "/usr/bin/chromium"


def _pngs(path):
    nb = nbformat.read(path, as_version=4)
    return sum(1 for c in nb.cells if c.cell_type == "code"
               for o in c.get("outputs", []) if "image/png" in o.get("data", {}))


@pytest.fixture(scope="module")
def slides03():
    return ms.lesson_slides(LESSON_03)


@pytest.fixture(scope="module")
def deck_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    ms.build([LESSON_03], out)
    return out


# --------------------------------------------------------------------------- what goes on the slides


def test_lesson_03_deck_by_its_tags(slides03):
    """Lesson 03 carries slide tags: the deck is its map, timeline, key charts, discussion
    questions and summary, in the lesson's order."""
    nb = nbformat.read(LESSON_03, as_version=4)
    tagged = [c for c in nb.cells if ms.TAG_SLIDE in c.get("metadata", {}).get("tags", [])]
    assert tagged
    slides = slides03
    assert slides[0].kind == "title" and slides[0].title == "03 Mali's crisis and the international response"
    figures = [s for s in slides if s.kind == "figure"]
    assert all(f.origin.startswith("cell") and f.alt and f.notes == [f.alt] for f in figures)
    assert any("Two maps of Mali" in f.alt and "Menaka" in f.alt for f in figures)       # the lesson's own map
    assert any(f.title.startswith("Events and deaths together") for f in figures)        # the timeline
    assert len(figures) == sum(1 for c in tagged if c.cell_type == "code"
                               for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
    titles = [s.title for s in slides]
    assert titles.index("Discussion questions") < titles.index("Summary") < titles.index("Further reading")
    assert titles[-1] == "Further reading"


def test_untagged_lesson_deck_by_content_markers(tmp_path):
    """A lesson without slide tags gets every stored figure, the map (lessons 03 and 05, drawn by
    the geography module), the summary and the discussion questions."""
    nb = nbformat.read(LESSON_03, as_version=4)
    for cell in nb.cells:
        tags = [t for t in cell.get("metadata", {}).get("tags", []) if t != ms.TAG_SLIDE]
        cell.setdefault("metadata", {})["tags"] = tags
    path = tmp_path / LESSON_03.name
    nbformat.write(nb, path)
    slides = ms.lesson_slides(path)
    assert slides[1].origin == "nexus.charts.geography" and "Menaka" in slides[1].alt
    figures = [s for s in slides if s.kind == "figure" and s.origin.startswith("cell")]
    assert len(figures) == _pngs(path)                          # every stored chart, the timeline too
    titles = [s.title for s in slides]
    assert titles.index("Summary") < titles.index("Discussion questions") < titles.index("Further reading")


def test_figure_slides_carry_the_stored_text_alternative(slides03):
    nb = nbformat.read(LESSON_03, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "crisis_deaths_by_type" in c.source)
    stored = next(o["data"]["text/markdown"] for o in cell.outputs if "text/markdown" in o.get("data", {}))
    slide = next(s for s in slides03 if s.png and s.png in cell.outputs[0]["data"]["image/png"].replace("\n", ""))
    assert stored == ms.ALT_PREFIX + " " + slide.alt
    assert base64.b64decode(slide.png)[:8] == b"\x89PNG\r\n\x1a\n"


def _tagged_lesson(tmp_path):
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"0" * 16).decode()
    cells = [nbformat.v4.new_markdown_cell("# 03 A lesson\n\n*A subtitle.*\n\n[Open this lesson in Binder](https://x)"),
             nbformat.v4.new_markdown_cell("## 1. A section"),
             nbformat.v4.new_code_cell("charts.show(f())"),
             nbformat.v4.new_code_cell("charts.show(g())"),
             nbformat.v4.new_markdown_cell("Say this aloud.", metadata={"tags": ["slide-notes"]}),
             nbformat.v4.new_markdown_cell("## Discussion questions\n\n1. Why? See [ex](../exercises/x.ipynb).",
                                           metadata={"tags": ["slide"]}),
             nbformat.v4.new_markdown_cell("## Summary\n\n- not tagged, not shown")]
    cells[2].outputs = [nbformat.v4.new_output("display_data", {"image/png": png, "text/plain": "<Figure>"}),
                        nbformat.v4.new_output("display_data", {"text/markdown": "**Text alternative.** Untagged."})]
    cells[3].outputs = [nbformat.v4.new_output("display_data", {"image/png": png, "text/plain": "<Figure>"}),
                        nbformat.v4.new_output("display_data", {"text/markdown": "**Text alternative.** Bars."})]
    cells[3].metadata["tags"] = ["slide"]
    nb = nbformat.v4.new_notebook(cells=cells)
    path = tmp_path / "03_tagged.ipynb"
    nbformat.write(nb, path)
    return path


def test_tags_choose_the_slides_when_present(tmp_path):
    slides = ms.lesson_slides(_tagged_lesson(tmp_path))
    assert [s.kind for s in slides] == ["title", "figure", "text", "text"]
    title, figure, discussion, reading = slides
    assert "Open this lesson in Binder" not in title.markdown and "*A subtitle.*" in title.markdown
    assert figure.title == "1. A section" and figure.alt == "Bars."
    assert figure.notes == ["Bars.", "Say this aloud."]          # slide-notes joins the slide before
    assert "ex" in discussion.markdown and "../exercises" not in discussion.markdown
    assert reading.title == "Further reading"
    assert all(s.origin != "nexus.charts.geography" for s in slides)   # no map added in tag mode
    assert not any("not tagged" in s.markdown for s in slides)


def test_relative_links_become_text_web_links_stay():
    text = "See [lesson 04](04_x.ipynb) and [the data](https://acleddata.com)."
    assert ms.plain_links(text) == "See lesson 04 and [the data](https://acleddata.com)."


# --------------------------------------------------------------------------- the HTML


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.loads, self.links, self.imgs, self.lang = [], [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag in ("script", "img", "iframe", "source", "video", "audio") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("href"):
            self.loads.append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "img":
            self.imgs.append(a)


def test_deck_html_loads_nothing_from_another_host(deck_dir, slides03):
    deck = deck_dir / LESSON_03.with_suffix(".html").name
    refs = _Refs()
    refs.feed(deck.read_text(encoding="utf-8"))
    assert refs.lang == "en"
    remote = [u for u in refs.loads if re.match(r"^(https?:)?//", u)]
    assert not remote, remote
    for u in refs.loads:
        if not u.startswith("data:"):
            assert (deck_dir / u).exists(), u
    assert refs.imgs and all(img.get("alt") for img in refs.imgs)
    assert len(refs.imgs) == len([s for s in slides03 if s.kind == "figure"])
    works, picks = readings.read()
    for p in (p for p in picks if p["lesson"] == "03"):
        link = next(w["link"] for w in works if w["id"] == p["reading"])
        assert link in refs.links                      # readings are links, not loads
    assert "Permission is hereby granted" in (deck_dir / "reveal.js" / "LICENSE").read_text()
    index = (deck_dir / "index.html").read_text(encoding="utf-8")
    assert f'href="{deck.name}"' in index and f"({len(slides03)} slides)" in index


def test_vendored_reveal_is_the_documented_version():
    readme = (ms.VENDOR / "README.md").read_text(encoding="utf-8")
    assert "reveal.js@6.0.2" in readme
    import hashlib
    digest = hashlib.sha256((ms.VENDOR / "dist" / "reveal.js").read_bytes()).hexdigest()
    assert digest in readme


# --------------------------------------------------------------------------- in the browser


def _browser_or_skip():
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "the slide test needs the Python package playwright"
    if not problem and not Path(CHROMIUM).exists():
        problem = "the slide test needs Debian's chromium: sudo apt-get install chromium"
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(problem, pytrace=False)
        pytest.skip(problem)


@pytest.mark.browser
def test_deck_opens_offline_in_chromium(deck_dir, slides03, tmp_path):
    _browser_or_skip()
    from concurrent.futures import ThreadPoolExecutor

    deck = deck_dir / LESSON_03.with_suffix(".html").name
    expected = len(slides03)
    requests, failed = [], []
    # Playwright's sync API on a thread of its own: the browser tests keep a session-wide
    # Playwright (and its event loop) in this worker's main thread.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(_drive_deck, deck, expected, slides03[1].alt, tmp_path, requests, failed).result()
    other_hosts = [u for u in requests if not u.startswith(("file://", "data:"))]
    assert not other_hosts, other_hosts
    assert not failed, failed


def _drive_deck(deck, expected, first_alt, tmp_path, requests, failed):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.on("request", lambda r: requests.append(r.url))
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.route(re.compile(r"^https?://"), lambda route: route.abort())
            page.goto(deck.as_uri())
            page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=30000)
            assert page.evaluate("Reveal.getTotalSlides()") == expected
            assert page.evaluate("Reveal.getIndices().h") == 0
            assert page.locator(".reveal section.present:not(.stack) h1").inner_text().startswith("03 ")
            page.keyboard.press("ArrowRight")
            page.wait_for_function("Reveal.getIndices().h === 1", timeout=10000)
            img = page.locator(".reveal section.present:not(.stack) img")
            assert img.count() == 1 and img.get_attribute("alt") == first_alt
            assert img.evaluate("el => el.naturalWidth") > 0          # the PNG decoded
            box = page.locator(".reveal").bounding_box()
            assert box["height"] > 600                                  # the deck fills the window
            page.keyboard.press("End")
            page.wait_for_function(f"Reveal.getIndices().h === {expected - 1}", timeout=10000)
            assert "Further reading" in page.locator(".reveal section.present:not(.stack)").inner_text()
            page.screenshot(path=str(tmp_path / "last-slide.png"))
        finally:
            browser.close()
