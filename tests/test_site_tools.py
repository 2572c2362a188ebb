"""The website's notebook adaptations, without building anything (fast).

tools/build_site.py turns a notebook's stored outputs into what a page with no kernel
can show: widget notes become a note with a Binder link, quizzes a list, chart
images get their text alternative as ``alt``; links to files that are not pages go
to the repository. The full build is tested in tests/test_site.py.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
_spec = importlib.util.spec_from_file_location("build_site", ROOT / "tools" / "build_site.py")
site = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(site)

# a 2 x 1 PNG (the smallest picture that is a real PNG)
PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000020000000108060000007e3a8f"
    "d00000000d49444154789c6360f8cfc0f01f0007ff02fe8a2b6b7c0000000049454e44ae426082")).decode()
DIGEST = hashlib.sha256(base64.b64decode(PNG)).hexdigest()
BINDER = "https://mybinder.org/v2/gh/owner/repo/HEAD?urlpath=lab/tree/notebooks/03_x.ipynb"


def out(data, kind="display_data"):
    o = {"output_type": kind, "data": data, "metadata": {}}
    if kind == "execute_result":
        o["execution_count"] = 1
    return nbformat.from_dict(o)


def test_widget_note_becomes_note_with_binder_link():
    stored = out({"text/plain": "[Interactive widget: run this cell (or Run All) to use it. "
                                "Until then, the cell after it shows its first state.]"}, "execute_result")
    [new] = site.adapt_outputs([stored], BINDER, {}, print_mode=False)
    html = new["data"]["text/html"]
    assert "nexus-widget-note" in html and f'href="{BINDER}"' in html
    assert "Launch this notebook in Binder" in html and "run this cell" not in html
    [printed] = site.adapt_outputs([stored], BINDER, {}, print_mode=True)
    assert "href" not in printed["data"]["text/html"] and "first state" in printed["data"]["text/html"]


def test_live_widget_view_also_becomes_a_note():
    view = out({"application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2,
                                                              "version_minor": 0},
                "text/plain": "VBox(children=(...))"})
    [new] = site.adapt_outputs([view], BINDER, {}, print_mode=False)
    assert set(new["data"]) == {"text/html", "text/plain"} and BINDER in new["data"]["text/html"]


def test_quiz_is_laid_out_as_question_and_options():
    text = ("Check your understanding: Which is right?\n  A. The first option,\n     continued.\n"
            "  B. The second <option>.\n")
    [new] = site.adapt_outputs([out({"text/plain": text})], BINDER, {}, print_mode=False)
    html = new["data"]["text/html"]
    assert "<strong>Check your understanding:</strong> Which is right?" in html
    assert html.count("<li>") == 2 and "The first option, continued." in html
    assert "The second &lt;option&gt;." in html  # escaped
    assert BINDER in html
    # a printed question in an exercise (a stream) is left as it is
    stream = nbformat.from_dict({"output_type": "stream", "name": "stdout", "text": text})
    assert site.adapt_outputs([stream], BINDER, {}, print_mode=False) == [stream]


def test_chart_image_takes_the_following_text_alternative():
    alts = {}
    outputs = [out({"image/png": PNG, "text/plain": "<IPython.core.display.Image object>"}),
               out({"text/markdown": "**Text alternative.** Bar chart of deaths per year. It peaks in 2020.",
                    "text/plain": "<IPython.core.display.Markdown object>"})]
    new = site.adapt_outputs(outputs, BINDER, alts, print_mode=False)
    assert len(new) == 2 and new[1] is outputs[1]  # the visible text alternative stays beneath
    assert alts[DIGEST] == "Bar chart of deaths per year. (Described in full below.)"


def test_chart_in_html_img_keeps_its_alt_and_shows_it_beneath():
    alts = {}
    html = f'<img src="data:image/png;base64,{PNG}" alt="Line chart of the mission\'s size.">'
    new = site.adapt_outputs([out({"text/html": html, "text/plain": "chart"})], BINDER, alts, print_mode=True)
    assert new[0]["data"]["image/png"] == PNG
    assert alts[DIGEST] == "Line chart of the mission's size."
    assert new[1]["data"]["text/markdown"] == "**Text alternative.** Line chart of the mission's size."


def test_links_to_pages_files_and_the_repository():
    links = site.Links({"notebooks/01_a.ipynb": "notebooks/01_a.ipynb", "README.md": "index.md",
                        "exercises/solutions/": "exercises/solutions/index.md", "docs/glossary.md": "docs/glossary.md"},
                       titles={"docs/glossary.md": "Glossary"})
    text = ("[next](01_a.ipynb) [map](../README.md#lesson-map) [sol](../exercises/solutions/) "
            "[docs/glossary.md](../docs/glossary.md) [web](https://example.org/x) [here](#top) "
            "[code](../nexus/data.py) ![pic](x.png)\n```\n[not a link](../nexus/data.py)\n```\n")
    new = links.rewrite("notebooks/00_b.ipynb", text)
    repo = site.repository_url()
    assert "[next](01_a.ipynb)" in new and "[map](../index.md#lesson-map)" in new
    assert "[sol](../exercises/solutions/index.md)" in new and "[Glossary](../docs/glossary.md)" in new
    assert "[web](https://example.org/x)" in new and "[here](#top)" in new and "![pic](x.png)" in new
    assert f"[code]({repo}/blob/HEAD/nexus/data.py)" in new
    assert "[not a link](../nexus/data.py)" in new  # code blocks are left alone
    pack = site.Links({"notebooks/00_b.ipynb": "notebooks/00_b.ipynb"}, drop_missing_pages=True)
    assert pack.rewrite("notebooks/00_b.ipynb", "see [the exercises](../exercises/03_x.ipynb)".replace(
        "03_x", sorted((ROOT / "exercises").glob("0*.ipynb"))[0].stem)) == "see the exercises"


def test_catalogue_has_a_section_per_table():
    text = site.catalogue_markdown()
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        section = text.split(f"\n## {res['name']}\n", 1)[1].split("\n## ", 1)[0]
        for field in res.get("schema", {}).get("fields", []):
            assert f"| `{field['name']}` | {field['type']} |" in section
        assert "**Source:**" in section and "**Licence:**" in section
        assert f"]({res['path']})" in section
        if res.get("caveats"):
            assert res["caveats"] in section


def test_picture_without_text_alternative_gets_one_from_its_code():
    alts = {}
    source = 'fig, ax = plt.subplots()\nax.plot(x, y)\nax.set_title("China\'s UN peacekeepers")\n'
    site.adapt_outputs([out({"image/png": PNG, "text/plain": "<Figure>"})], BINDER, alts, False, source)
    assert alts[DIGEST] == "Chart drawn by the code in the cell above: \u201cChina's UN peacekeepers\u201d."
    site.adapt_outputs([out({"image/png": PNG, "text/plain": "<Figure>"})], BINDER, alts, False, "plot(x)")
    assert alts[DIGEST] == "Chart drawn by the code in the cell above."
