"""The course website and the printable course pack, built as the README says.

``python tools/build_site.py`` runs once for this module (pytest-xdist's ``--dist
loadfile`` keeps the whole file on one worker), into a temporary folder. Then:

* the build has no warning (broken references, missing images, cut-off print content);
* the pages are the files: every lesson, exercise, worked solution and guide, and a data
  catalogue section per table; every page has "Launch in Binder" and a download link;
* every internal link and anchor resolves, and no page loads anything from another host;
* every image has a text alternative; stored widget outputs became notes with a Binder link;
* in headless Chromium every page loads with no console error and no request to another
  host, axe-core finds no serious or critical violation, and search works without a server;
* the course pack PDF opens, has one top-level heading per lesson in order and the glossary,
  with the table of contents' page numbers right and figures at print resolution.

These tests need Debian's chromium (the course pack is printed with it), like the browser
tests: they are marked ``browser`` (and ``site``: ``pytest -m site`` runs them alone).
"""

from __future__ import annotations

import functools
import html as html_lib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import navigation  # noqa: E402

pytestmark = [pytest.mark.site, pytest.mark.browser]

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WIDGET_NOTE = "[Interactive widget:"


def _chromium():
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def _require_chromium():
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "the site tests need the Python package playwright (pip install -r requirements-dev.txt)"
    if problem is None and not _chromium():
        problem = "the site tests need Debian's chromium: sudo apt-get install chromium"
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(problem, pytrace=False)
        pytest.skip(problem)


def lessons():
    return navigation.lessons()


def exercises():
    return sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))


def solutions():
    return sorted((ROOT / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb"))


def guides():
    return sorted((ROOT / "docs").glob("*.md"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# --------------------------------------------------------------------------- #
# the build (once)
# --------------------------------------------------------------------------- #


class Built:
    def __init__(self, out: Path, proc: subprocess.CompletedProcess):
        self.out, self.proc = out, proc
        self.pages = sorted(p for p in out.rglob("*.html") if "_static" not in p.relative_to(out).parts)
        self._html = {}

    def html(self, page: Path) -> str:
        if page not in self._html:
            self._html[page] = page.read_text(encoding="utf-8")
        return self._html[page]

    def page(self, relpath: str) -> Path:
        return self.out / relpath


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    _require_chromium()
    base = tmp_path_factory.mktemp("site")
    out = base / "_site"
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py"), "--out", str(out),
                           "--work", str(base / "work")], cwd=ROOT, capture_output=True, text=True)
    if not (out / "index.html").exists():
        pytest.fail(f"the site build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    return Built(out, proc)


class Parsed(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs, self.ids, self.imgs, self.controls = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.refs.append((tag, key, a[key], a))
        if tag == "img":
            self.imgs.append(a)
        if tag in ("input", "select", "textarea", "button"):
            self.controls.append((tag, a))


@functools.cache
def parse(text: str) -> Parsed:
    p = Parsed()
    p.feed(text)
    return p


# --------------------------------------------------------------------------- #
# the build and the pages
# --------------------------------------------------------------------------- #


def test_build_succeeds_without_warnings(built):
    """No broken reference, missing image, Sphinx warning or cut-off print content."""
    assert built.proc.returncode == 0, built.proc.stderr
    assert "warning" not in built.proc.stderr.lower(), built.proc.stderr


def test_every_lesson_exercise_solution_and_guide_has_its_page(built):
    for path in lessons() + exercises() + solutions() + guides():
        page = built.page(rel(path).rsplit(".", 1)[0] + ".html")
        assert page.exists(), f"no page for {rel(path)}"
        title = navigation.title(path) if path.suffix == ".ipynb" else \
            next(line[2:] for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
        text = re.sub(r"<[^>]+>", "", built.html(page)).replace("&#8217;", "'").replace("’", "'")
        assert title.replace("’", "'").split(":")[0] in text, f"{page.name} lacks its title {title!r}"
    home = built.html(built.page("index.html"))
    links = [ref for tag, key, ref, _ in parse(home).refs if tag == "a"]
    for path in lessons():
        assert f"notebooks/{path.stem}.html" in links, f"the home page does not link to {path.name}"
    for path in exercises():
        assert f"exercises/{path.stem}.html" in links


def test_home_page_explains_and_offers_three_ways_to_start(built):
    home = built.html(built.page("index.html"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", home))
    assert "Who it is for" in text and "Three ways to start" in text
    slug = navigation.repository()
    assert f'href="https://mybinder.org/v2/gh/{slug}/HEAD?urlpath=lab/tree/notebooks/{lessons()[0].name}"' in home
    import hub_link

    assert html_lib.escape(hub_link.link("https://YOUR-HUB", rel(lessons()[0]))) in home
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"<!-- install-and-open -->\s*```[^\n]*\n(.*?)\n```", readme, re.S).group(1)
    assert command.split("&&")[0].strip() in text, "the local install command is not the README's"
    rows = re.findall(r'<td><p>(\d\d)</p></td>', home)
    assert rows == [p.name[:2] for p in lessons()], "the lesson map must list the lessons in order"
    assert 'href="course-pack.pdf"' in home and built.page("course-pack.pdf").exists()


def test_solutions_are_reachable_but_clearly_separate(built):
    index = built.html(built.page("exercises/solutions/index.html"))
    for path in solutions():
        assert f'href="{path.stem}.html"' in index
        page = built.html(built.page(rel(path)[:-6] + ".html"))
        assert "(worked solution)" in _h1(page)
        assert 'class="nexus-notice"' in page and f'href="../{path.stem}.html"' in page
    for path in exercises():  # an exercise page does not show its solution code
        page = built.html(built.page(rel(path)[:-6] + ".html"))
        assert "BEGIN SOLUTION" not in page and "worked solution" not in _h1(page)
        assert "nexus-notice" not in page


def _h1(page: str) -> str:
    return re.sub(r"<[^>]+>", "", page.split("<h1", 1)[1].split("</h1>", 1)[0])


def test_every_page_has_launch_in_binder_and_a_download(built):
    slug = navigation.repository()
    for path in lessons() + exercises() + solutions():
        page = built.page(rel(path)[:-6] + ".html")
        refs = {a.get("class", ""): ref for tag, _, ref, a in parse(built.html(page)).refs if tag == "a"}
        binder = refs.get("nexus-action nexus-action-binder")
        assert binder == f"https://mybinder.org/v2/gh/{slug}/HEAD?urlpath=lab/tree/{rel(path)}", page
        download = refs.get("nexus-action nexus-action-download")
        assert download == path.name and "Download this notebook" in built.html(page)
        assert (page.parent / download).read_bytes() == path.read_bytes(), "the download is not the notebook"
    for page in built.pages:
        if page.name == "search.html":
            continue
        assert "nexus-action-binder" in built.html(page), f"{page} has no Launch in Binder link"


def test_internal_links_and_anchors_resolve(built):
    broken = []
    for page in built.pages:
        for _tag, _key, ref, _ in parse(built.html(page)).refs:
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https", "mailto", "data") or ref.startswith("//"):
                continue
            if parts.scheme:
                broken.append(f"{page.relative_to(built.out)}: {ref} (unexpected scheme)")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built.out)}: {ref}")
                continue
            if parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in parse(built.html(target) if target in built.pages
                                                        else target.read_text(encoding="utf-8")).ids:
                    broken.append(f"{page.relative_to(built.out)}: {ref} (no such anchor)")
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_nothing_is_loaded_from_another_host(built):
    """Scripts, style sheets, fonts, images and frames all come from the site itself."""
    remote = []
    for page in built.pages:
        for tag, key, ref, _a in parse(built.html(page)).refs:
            if tag == "a":
                continue
            if re.match(r"^(https?:)?//", ref):
                remote.append(f"{page.relative_to(built.out)}: <{tag} {key}={ref}>")
    for css in built.out.rglob("*.css"):
        for m in re.finditer(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)", css.read_text(
                encoding="utf-8", errors="replace")):
            remote.append(f"{css.relative_to(built.out)}: {m.group(1)}")
    assert not remote, "resources from other hosts:\n" + "\n".join(remote)
    analytics = [p.name for p in built.pages
                 if re.search(r"googletagmanager\.com|google-analytics\.com|plausible\.io|gtag\(", built.html(p))]
    assert not analytics, f"analytics on {analytics}"


def test_every_image_has_a_text_alternative(built):
    missing = []
    for page in built.pages:
        for img in parse(built.html(page)).imgs:
            alt = (img.get("alt") or "").strip()
            src = img.get("src", "")
            if not alt or alt == src or re.search(r"\.(png|jpe?g|svg|gif)$", alt):
                missing.append(f"{page.relative_to(built.out)}: {src}")
    assert not missing, "images without a text alternative:\n" + "\n".join(missing)
    # a chart's alt is the start of the text alternative the notebook stored with it
    for path in lessons():
        nb = nbformat.read(path, as_version=4)
        stored = [o["data"]["text/markdown"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if "**Text alternative.**" in o.get("data", {}).get("text/markdown", "")]
        alts = [img.get("alt", "") for img in
                parse(built.html(built.page(rel(path)[:-6] + ".html"))).imgs if "_images/" in img.get("src", "")]
        for text in stored:
            first = text.replace("**Text alternative.**", "").strip().split(". ")[0]
            assert any(alt.startswith(first) for alt in alts), f"{path.name}: no image has the alt {first!r}"


def test_widgets_show_a_note_and_their_first_state_with_no_dead_controls(built):
    for path in lessons() + exercises() + solutions():
        nb = nbformat.read(path, as_version=4)
        notes = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs
                    if (o.get("text") or o.get("data", {}).get("text/plain", "")).startswith(WIDGET_NOTE)
                    or "application/vnd.jupyter.widget-view+json" in o.get("data", {}))
        page = built.html(built.page(rel(path)[:-6] + ".html"))
        assert WIDGET_NOTE not in page, f"{path.name}: a raw widget note is left on the page"
        assert page.count('class="nexus-widget-note"') == notes, path.name
        if notes:
            assert f'urlpath=lab/tree/{rel(path)}">Launch this notebook in Binder</a>' in page
        assert "jupyter-widgets" not in page and "application/vnd.jupyter.widget" not in page
        assert not parse(page.split('<article', 1)[-1]).controls, f"{path.name}: form controls on a static page"


def _plain(markup: str) -> str:
    """Text of some HTML, with curly quotes straightened and spaces collapsed."""
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", markup))
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"'))


def test_data_catalogue_documents_every_table_with_its_file(built):
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    page = built.page("data/catalogue.html")
    html = built.html(page)
    for res in package["resources"]:
        anchor = res["name"].replace("_", "-")
        assert f'id="{anchor}"' in html, f"no catalogue section for {res['name']}"
        section = html.split(f'id="{anchor}"', 1)[1].split('<section id="', 1)[0]
        text = _plain(section)
        for field in res.get("schema", {}).get("fields", []):
            assert field["name"] in text and field["type"] in text
            if field.get("unit"):
                assert _plain(field["unit"]) in text, (res["name"], field["unit"])
        for label in ("Source:", "Licence:"):
            assert label in text
        if res.get("caveats"):
            assert "Caveats:" in text
        csv_refs = [ref for tag, _, ref, _ in parse(section).refs if tag == "a" and ref.endswith(res["path"])]
        assert csv_refs, f"no download link for {res['name']}"
        assert (page.parent / unquote(csv_refs[0])).read_bytes() == (ROOT / "data" / res["path"]).read_bytes()


# --------------------------------------------------------------------------- #
# in headless Chromium
# --------------------------------------------------------------------------- #


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # a page that moves on drops its downloads


@pytest.fixture(scope="module")
def served(built):
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built.out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class BrowserThread:
    """Playwright's sync API on a thread of its own. The browser tests' session-wide
    Playwright (tests/browser/conftest.py) keeps an event loop running in the worker's main
    thread until the session ends, and a second sync_playwright() there refuses to start;
    on this thread there is no such loop. Every call runs on the same thread."""

    def __init__(self):
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="site-browser")
        self.playwright = self.browser = None
        self.run(self._start)

    def run(self, fn, *args):
        return self.pool.submit(fn, *args).result()

    def _start(self):
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)

    def _stop(self):
        try:
            if self.browser:
                self.browser.close()
        finally:
            if self.playwright:
                self.playwright.stop()

    def close(self):
        try:
            self.run(self._stop)
        finally:
            self.pool.shutdown()


@pytest.fixture(scope="module")
def browser():
    _require_chromium()
    thread = BrowserThread()
    try:
        yield thread
    finally:
        thread.close()


def _local(url: str, base: str) -> bool:
    return url.startswith((base, "data:", "blob:", "about:", "file:"))


def test_every_page_loads_cleanly_and_passes_axe(built, served, browser):
    """One browser page visits every page: no console error, no request to another host,
    and axe-core (WCAG 2.x A/AA and best practices) finds no serious or critical violation."""
    problems, report = browser.run(_audit_pages, browser.browser, built, served)
    print("\n".join(report))
    assert len(report) == len(built.pages) >= len(lessons()) + len(exercises()) + len(solutions())
    assert not problems, "\n".join(problems)


def _audit_pages(b, built, served):
    context = b.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    events = []
    page.on("console", lambda m: events.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: events.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: events.append(f"request failed: {r.url}") if _local(r.url, served) else None)
    context.route(lambda url: not _local(url, served),
                  lambda route: (events.append(f"request to another host: {route.request.url}"), route.abort()))
    axe = AXE.read_text(encoding="utf-8")
    problems, report = [], []
    for path in built.pages:
        relpath = path.relative_to(built.out).as_posix()
        events.clear()
        page.goto(f"{served}/{relpath}", wait_until="load")
        page.add_script_tag(content=axe)
        found = page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }""")
        serious = [v for v in found if v["impact"] in ("serious", "critical")]
        report.append(f"{relpath}: {len(serious)} serious/critical, "
                      f"{len(found) - len(serious)} other ({', '.join(v['id'] for v in found) or 'none'})")
        problems += [f"{relpath}: {e}" for e in events]
        problems += [f"{relpath}: axe {v['impact']} {v['id']} at {v['nodes']}" for v in serious]
    context.close()
    return problems, report


def test_search_works_without_a_server_side(built, served, browser):
    browser.run(_search, browser.browser, built, served)


def _search(b, built, served):
    page = b.new_page()
    try:
        page.goto(f"{served}/search.html?q=MINUSMA", wait_until="load")
        page.wait_for_selector("#search-results li", timeout=30_000)
        hits = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.getAttribute('href'))")
        assert any("03_mali_crisis_and_response" in h for h in hits), hits
        # opened from disk (no server at all), the home page and search still work
        page.goto((built.out / "search.html").as_uri() + "?q=glossary", wait_until="load")
        page.wait_for_selector("#search-results li", timeout=30_000)
    finally:
        page.close()


def test_home_page_makes_a_jupyterhub_link(built, served, browser):
    browser.run(_hub_link, browser.browser, served)


def _hub_link(b, served):
    page = b.new_page()
    try:
        page.goto(f"{served}/index.html", wait_until="load")
        page.get_by_label("Your JupyterHub's address").fill("https://hub.example.edu/")
        page.get_by_role("button", name="Make the link").click()
        link = page.locator("output.nexus-hub-link a")
        href = link.get_attribute("href")
        assert href.startswith("https://hub.example.edu/hub/user-redirect/git-pull?repo=")
        assert "urlpath=lab%2Ftree%2F" in href and "YOUR-HUB" not in href
    finally:
        page.close()


# --------------------------------------------------------------------------- #
# the course pack
# --------------------------------------------------------------------------- #


class Pack:
    def __init__(self, pdf: Path):
        from pypdf import PdfReader

        self.reader = PdfReader(str(pdf))
        self.pages = [p.extract_text() or "" for p in self.reader.pages]


@pytest.fixture(scope="module")
def pack(built):
    pdf = built.page("course-pack.pdf")
    assert pdf.exists(), "no course pack"
    return Pack(pdf)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("’", "'").replace("‘", "'")).lower()


def test_course_pack_has_title_page_contents_lessons_in_order_and_glossary(pack):
    pages = pack.pages
    assert "course pack" in pages[0].lower() and "Mali" in pages[0]
    top = [(item.title, pack.reader.get_destination_page_number(item) + 1)
           for item in pack.reader.outline if not isinstance(item, list)]
    titles = [t for t, _ in top if _norm(t) != "contents"]
    expected = [navigation.title(p) for p in lessons()] + ["Glossary"]
    assert [_norm(t) for t in titles] == [_norm(t) for t in expected], \
        "one top-level heading per lesson, in order, then the glossary"
    starts = [n for t, n in top if _norm(t) != "contents"]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    whole = _norm(" ".join(pages))
    for title in expected:
        assert _norm(title) in whole
    contents = next(p for p in pages if p.strip().lower().startswith("contents"))
    entries = {_norm(m.group(1)): int(m.group(2)) for m in re.finditer(r"^(.+?)\s+(\d+)\s*$", contents, re.M)}
    for title, start in zip(expected, starts, strict=True):  # the table of contents gives the right pages
        assert entries.get(_norm(title)) == start, (title, start, entries)
    glossary = (ROOT / "data" / "glossary.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    assert _norm(glossary.strip('"')) in _norm(" ".join(pages[starts[-1] - 1:]))


def test_course_pack_has_figures_with_alternatives_questions_and_static_widgets(pack):
    text = " ".join(pack.pages)
    charts = widgets = questions = 0
    for path in lessons():
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown" and cell.source.startswith("## Discussion questions"):
                questions += 1
            for o in cell.get("outputs", []):
                charts += "image/png" in o.get("data", {})
                widgets += (o.get("data", {}).get("text/plain", "")).startswith(WIDGET_NOTE)
    assert text.count("Text alternative.") >= charts > 0
    assert text.count("Discussion questions") >= questions
    assert text.count("Interactive widget.") == widgets and WIDGET_NOTE not in text
    # figures at print resolution: each chart is embedded at 300 dpi (2400 px for 8 inches)
    widths = []
    for page in pack.reader.pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        for obj in xobjects.values():
            obj = obj.get_object()
            if obj.get("/Subtype") == "/Image" and obj.get("/Width", 0) > 300:
                widths.append(obj["/Width"])
    assert len(widths) >= charts and min(widths) >= 1500, sorted(widths)[:5]
