"""The printable course pack: lessons 00-07 and the glossary in one PDF.

    python tools/build_site.py --pack     # writes _site/course-pack.pdf

Figures are printed at 300 dpi: the lessons' code is run once more, in one Python process
without a kernel, with every figure saved at print resolution; each new picture replaces
the stored one it matches (same cell, same place, same proportions). A lesson whose code
fails keeps its stored pictures, with a warning.

The lessons (with their stored outputs, adapted as for the website: widgets as their
first state, quizzes as question and options, every figure followed by its text
alternative) and the glossary are staged, built into one print-styled HTML page by
Sphinx's single-page builder, and printed to PDF by headless Chromium (Debian's
chromium, driven by Playwright). A first print finds the page on which each part
starts; the table of contents is filled with those page numbers and the page printed
again. Navigation lines and "Open in Binder" lines are web-only and left out; links to
pages that are not in the pack become plain text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_site as site
import navigation

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TOC_MARK = "NEXUS-TOC"
logging.getLogger("pypdf").setLevel(logging.ERROR)  # Chromium's PDFs make it note a harmless trailer size


PRINT_DPI = 300


def find_chromium() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


def parts() -> list[Path]:
    """What the pack holds, in order: the lessons, then the glossary."""
    glossary = site.ROOT / "docs" / "glossary.md"
    return site.lessons() + ([glossary] if glossary.exists() else [])


def part_title(path: Path) -> str:
    return navigation.title(path) if path.suffix == ".ipynb" else site.markdown_title(path)


def docname(path: Path) -> str:
    return site.rel(path).rsplit(".", 1)[0]


def stage(src: Path) -> dict:
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    items = parts()
    staged = {site.rel(p): site.rel(p) for p in items}
    titles = {site.rel(p): part_title(p) for p in items}
    links = site.Links(staged, drop_missing_pages=True, titles=titles)
    image_alts: dict[str, str] = {}
    for path in items:
        target = src / site.rel(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".ipynb":
            nbformat.write(site.adapt_notebook(path, links, image_alts, print_mode=True), target)
        else:
            target.write_text(links.rewrite(site.rel(path), path.read_text(encoding="utf-8")), encoding="utf-8")
    repo = site.repository_url()
    toc = "\n".join(
        f'<li><a href="#{TOC_MARK}-{i}">{html.escape(part_title(p))}</a>'
        f'<span class="toc-page" data-part="{i}"></span></li>' for i, p in enumerate(items))
    # no Markdown heading here: the parts stay top-level headings (h1) on the single page
    # and in the PDF's outline
    index = [
        '<div class="title-page">',
        "<p class=\"pack-title\">China's development-security approach in Mali</p>",
        "<p class=\"subtitle\">A teaching notebook suite on one policy case</p>",
        "<p class=\"kind\">Course pack: lessons 00 to 07, with the glossary</p>",
        "<p>The case: Lina Benabdallah and Daniel Large (2020), <em>Development, Security, and "
        "China's Evolving Role in Mali</em>, China Africa Research Initiative, School of Advanced "
        "International Studies, Johns Hopkins University.</p>",
        f"<p>The interactive version of every lesson, the exercise notebooks and the data are in "
        f"the suite's repository: <a href=\"{html.escape(repo)}\">{html.escape(repo)}</a>. "
        f"In this printed pack, each interactive widget appears as its first state.</p>",
        f"<p class=\"printed\">Printed from the lessons' stored outputs on {date.today().isoformat()}. "
        f"Lesson text CC BY 4.0; code MIT; each data table keeps its publisher's licence.</p>",
        "</div>", "",
        '<nav class="pack-toc" aria-label="Table of contents">',
        "<h2>Contents</h2>",
        f"<ol>{toc}</ol>",
        "</nav>", "",
        "```{toctree}", ":hidden:", "",
    ] + [docname(p) for p in items] + ["```", ""]
    (src / "index.md").write_text("\n".join(index), encoding="utf-8")
    meta = {"pages": {}, "image_alts": image_alts}
    (src / "site-meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True), encoding="utf-8")
    return meta


def mark_parts(page: Path) -> None:
    """Give each part's first heading an anchor the table of contents links to."""
    text = page.read_text(encoding="utf-8")
    for i, path in enumerate(parts()):
        marker = f'<span id="document-{docname(path)}"></span>'
        at = text.find(marker)
        if at < 0:
            raise SystemExit(f"course pack: {site.rel(path)} is missing from the single page")
        text = (text[:at] + f'<div class="pack-part" id="{TOC_MARK}-{i}"></div>' + text[at:])
    # long column names (snake_case) may break after an underscore
    text = re.sub(r"(<th\b[^>]*>)([^<]*)(</th>)",
                  lambda m: m.group(1) + m.group(2).replace("_", "_<wbr>") + m.group(3), text)
    page.write_text(text, encoding="utf-8")


HEADER = ('<div style="font-size:8px;width:100%;padding:0 16mm;color:#444;font-family:sans-serif;">'
          "China's development-security approach in Mali: course pack</div>")
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#444;font-family:sans-serif;">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def part_pages(pdf: Path) -> list[int]:
    """The 1-based page on which each part starts, from the PDF's outline."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    found: dict[str, int] = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.setdefault(_key(item.title), reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    return [found.get(_key(part_title(path)), 0) for path in parts()]


def _key(title: str) -> str:
    """A title compared across HTML and the PDF outline (quotes curled, line breaks lost)."""
    return re.sub(r"\s+", "", title.replace("\u2019", "'").replace("\u2018", "'")).lower()


# A4 less the left and right margins, in CSS pixels (96 per inch)
CONTENT_WIDTH = round((210 - 2 * 16) / 25.4 * 96)

OVERFLOW_JS = """(width) => {
    const out = [];
    const describe = (el) => {
        const part = el.closest('section');
        const heading = part ? part.querySelector('h1, h2, h3') : null;
        return `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''}`
            + ` (${Math.round(el.getBoundingClientRect().right)} px of ${width})`
            + (heading ? ` in "${heading.textContent.replace('#', '').trim()}"` : '')
            + `: ${el.textContent.trim().slice(0, 60)}`;
    };
    for (const el of document.querySelectorAll('div.body *')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || getComputedStyle(el).display === 'none') continue;
        const cut = r.right > width + 1 || (['PRE', 'TABLE', 'IMG', 'DIV'].includes(el.tagName)
                     && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible');
        if (cut && !(el.parentElement && out.some(o => o.el.contains(el)))) out.push({el, text: describe(el)});
    }
    return out.map(o => o.text);
}"""


def print_pdf(page_url: str, pdf: Path, numbers: list[int] | None, page_ranges: str = "") -> list[str]:
    """Print the page to ``pdf``; return the elements that would be cut off at the page's edge."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            # the pack is printed from local files only: any other request is refused
            page.route(lambda url: not url.startswith(("file:", "data:")), lambda route: route.abort())
            page.set_viewport_size({"width": CONTENT_WIDTH, "height": 1000})
            page.emulate_media(media="print")
            page.goto(page_url, wait_until="load")
            cut = page.evaluate(OVERFLOW_JS, CONTENT_WIDTH)
            if numbers:
                page.evaluate("""(numbers) => {
                    document.querySelectorAll('.toc-page').forEach(el => {
                        el.textContent = String(numbers[Number(el.dataset.part)] || '');
                    });
                }""", numbers)
            page.pdf(path=str(pdf), format="A4", print_background=True, outline=True, tagged=True,
                     page_ranges=page_ranges,
                     display_header_footer=True, header_template=HEADER, footer_template=FOOTER,
                     margin={"top": "18mm", "bottom": "16mm", "left": "16mm", "right": "16mm"})
        finally:
            browser.close()
    return cut


# --------------------------------------------------------------------------- #
# figures at print resolution
# --------------------------------------------------------------------------- #


def png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


def _stored_images(nb) -> list[list[bytes]]:
    """Per code cell, the PNG pictures its stored outputs hold (in order)."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        found = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            png = site._text(data.get("image/png")).strip()
            if not png and "<img" in site._text(data.get("text/html")):
                imgs, _ = site._html_images(site._text(data["text/html"]))
                src = imgs[0].get("src", "") if len(imgs) == 1 else ""
                png = src.split(",", 1)[1] if src.startswith("data:image/png;base64,") else ""
            if png:
                found.append(base64.b64decode(png))
        cells.append(found)
    return cells


def render_lesson_figures(path: Path, dest: Path) -> dict:
    """Run one lesson's code (in this process, no kernel) with figures saved at PRINT_DPI;
    write each new picture that matches a stored one to ``dest``. Returns
    {"images": {stored sha256: [file name, stored width in px]}, "error": str}."""
    import matplotlib
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output
    from matplotlib.figure import Figure

    if not getattr(Figure.savefig, "_nexus_print", False):
        original = Figure.savefig

        def savefig(self, *args, **kwargs):
            kwargs["dpi"] = PRINT_DPI
            return original(self, *args, **kwargs)

        savefig._nexus_print = True
        Figure.savefig = savefig
    matplotlib.use("Agg")
    nb = nbformat.read(path, as_version=4)
    stored = _stored_images(nb)
    shell = InteractiveShell.instance()
    shell.reset(new_session=True)
    result = {"images": {}, "error": ""}
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        for n, (cell, old) in enumerate(zip(code_cells, stored, strict=True)):
            with capture_output(display=True) as captured:
                run = shell.run_cell(cell.source, store_history=False, silent=False)
            if not run.success:
                result["error"] = f"cell {n + 1}: {run.error_in_exec or run.error_before_exec!r}"
                break
            new = []
            for out in captured.outputs:
                png = out.data.get("image/png")
                if png is None and "<img" in (out.data.get("text/html") or ""):
                    imgs, _ = site._html_images(out.data["text/html"])
                    src = imgs[0].get("src", "") if len(imgs) == 1 else ""
                    png = src.split(",", 1)[1] if src.startswith("data:image/png;base64,") else None
                if png is not None:
                    new.append(png if isinstance(png, bytes) else base64.b64decode(png))
            if len(new) != len(old):
                continue
            for before, after in zip(old, new, strict=True):
                (w0, h0), (w1, h1) = png_size(before), png_size(after)
                if w1 <= w0 or abs(w0 / h0 - w1 / h1) > 0.01:
                    continue  # not the same picture at a higher resolution
                digest = hashlib.sha256(before).hexdigest()
                (dest / f"{digest}.png").write_bytes(after)
                result["images"][digest] = [f"{digest}.png", w0]
    finally:
        os.chdir(cwd)
    return result


def render_figures(dest: Path) -> tuple[dict, list[str]]:
    """Print-resolution pictures of every lesson, made in a child process."""
    dest.mkdir(parents=True, exist_ok=True)
    report = dest / "figures.json"
    # learners' answers and IPython's history go to a temporary folder, never the repository
    with tempfile.TemporaryDirectory(prefix="nexus-pack-") as scratch:
        env = dict(os.environ, NEXUS_ANSWERS_DIR=str(Path(scratch) / "answers"),
                   IPYTHONDIR=str(Path(scratch) / "ipython"), MPLBACKEND="Agg", PYTHONHASHSEED="0")
        proc = subprocess.run([sys.executable, __file__, "figures", str(dest), str(report)],
                              env=env, capture_output=True, text=True)
    if proc.returncode != 0 or not report.exists():
        return {}, [f"course pack: figures kept at screen resolution (renderer failed: "
                    f"{(proc.stderr or proc.stdout).strip()[-400:]})"]
    found = json.loads(report.read_text(encoding="utf-8"))
    images, warnings = {}, []
    for lesson, result in found.items():
        images.update(result["images"])
        if result["error"]:
            warnings.append(f"course pack: {lesson}: figures kept at screen resolution ({result['error']})")
    return images, warnings


def use_print_figures(page: Path, images_dir: Path, images: dict) -> int:
    """Swap the single page's pictures for their print-resolution versions; the ``width``
    attribute keeps each at the size it had on screen (at most the column's width)."""
    text = page.read_text(encoding="utf-8")
    swapped = 0

    def repl(m):
        nonlocal swapped
        tag, stem = m.group(0), Path(m.group(1)).stem
        if stem not in images:
            return tag
        shutil.copy(images_dir / images[stem][0], page.parent / "_images" / f"{stem}-print.png")
        swapped += 1
        tag = tag.replace(m.group(1), m.group(1).replace(f"{stem}.png", f"{stem}-print.png"))
        return tag.replace("<img ", f'<img width="{images[stem][1]}" ', 1)

    text = re.sub(r'<img [^>]*src="([^"]*_images/[0-9a-f]{64}\.png)"[^>]*>', repl, text)
    page.write_text(text, encoding="utf-8")
    return swapped


# --------------------------------------------------------------------------- #
# the PDF
# --------------------------------------------------------------------------- #


def build(out: Path, work: Path) -> tuple[Path, list[str]]:
    """Write ``out/course-pack.pdf``; return its path and Sphinx's warnings."""
    if not find_chromium():
        raise SystemExit("the course pack needs Debian's chromium: sudo apt-get install chromium")
    src, html_dir = work / "pack-src", work / "pack-html"
    stage(src)
    if html_dir.exists():
        shutil.rmtree(html_dir)
    figures_dir = work / "pack-figures"
    if figures_dir.exists():
        shutil.rmtree(figures_dir)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:  # the figures render while Sphinx builds the page
        figures = pool.submit(render_figures, figures_dir)
        warnings = site.sphinx(src, html_dir, work / "pack-doctrees", builder="singlehtml",
                               env={"NEXUS_SITE_MODE": "pack"})
        images, figure_warnings = figures.result()
    warnings += figure_warnings
    page = html_dir / "index.html"
    mark_parts(page)
    use_print_figures(page, figures_dir, images)
    out.mkdir(parents=True, exist_ok=True)
    pdf = out / site.PACK_NAME
    # The whole pack is printed once, with blank page numbers in the table of contents
    # (in a box of fixed width, so that the numbers cannot move anything); then only the
    # front pages are printed again with the numbers, and take the blank ones' place.
    body, front = work / "course-pack-body.pdf", work / "course-pack-front.pdf"
    cut = print_pdf(page.as_uri(), body, None)
    warnings += [f"course pack: cut off at the page edge: {c}" for c in cut]
    numbers = part_pages(body)
    if not all(numbers) or numbers[0] < 2:
        raise SystemExit(f"course pack: a part is missing from the PDF's outline: {numbers}")
    print_pdf(page.as_uri(), front, numbers, page_ranges=f"1-{numbers[0] - 1}")
    replace_front(body, front, pdf)
    return pdf, warnings


def replace_front(body: Path, front: Path, pdf: Path) -> None:
    """``body`` with its first pages' text and pictures taken from ``front`` (same layout;
    the outline, links and page labels of ``body`` stay)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=str(body))
    for i, new_page in enumerate(PdfReader(str(front)).pages):
        imported = writer.add_page(new_page)
        for key in ("/Contents", "/Resources"):
            writer.pages[i][NameObject(key)] = imported.raw_get(key)  # keep indirect references
        writer.remove_page(len(writer.pages) - 1)
    with open(pdf, "wb") as f:
        writer.write(f)


def _figures_main(dest: str, report: str) -> int:
    results = {}
    for path in site.lessons():
        try:
            results[site.rel(path)] = render_lesson_figures(path, Path(dest))
        except Exception as exc:  # a lesson that cannot run keeps its stored pictures
            results[site.rel(path)] = {"images": {}, "error": repr(exc)}
    Path(report).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "figures":
        sys.exit(_figures_main(sys.argv[2], sys.argv[3]))
    sys.exit(site.main(["--pack"] + sys.argv[1:]))
