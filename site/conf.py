"""Sphinx configuration of the course website and the course pack.

Do not run sphinx-build on this folder directly: ``python tools/build_site.py``
stages the pages (lessons, exercises, solutions, guides, data catalogue) into a
build folder, writes ``site-meta.json`` beside them and builds from there with
this folder as the configuration directory. Nothing is executed (the notebooks'
stored outputs are shown) and nothing is fetched: every script, style sheet and
font comes from the installed packages or ``_static/``.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

from docutils import nodes

project = "China's development-security approach in Mali"
author = "The suite's developers"
copyright = "the suite's developers; lesson text CC BY 4.0, code MIT"
language = "en"

extensions = ["myst_nb"]

# --- notebooks: shown with their stored outputs, never executed -------------------------
nb_execution_mode = "off"
nb_ipywidgets_js = {}  # MyST-NB's default loads require.js and the widget manager from CDNs
nb_merge_streams = True
myst_heading_anchors = 4  # links such as glossary.md#a and ../index.md#lesson-map resolve
myst_enable_extensions = []  # no dollar maths: "US$" must stay text, and MathJax is a CDN script
suppress_warnings = ["myst.header"]  # quiz and print titles may skip a level inside outputs

exclude_patterns = ["site-meta.json"]
# "site" (the website) or "pack" (the single print page of the course pack)
MODE = os.environ.get("NEXUS_SITE_MODE", "site")

# --- HTML ------------------------------------------------------------------------------
html_theme = "sphinx_book_theme" if MODE == "site" else "basic"
html_title = ("China and Mali: development and security" if MODE == "site"
              else "Course pack: China's development-security approach in Mali")
html_static_path = ["_static"]
templates_path = ["_templates"]
html_favicon = "_static/favicon.svg"  # a missing favicon is a 404 in every browser console
html_css_files = ["site.css"] if MODE == "site" else ["print.css"]
html_js_files = ["hub-link.js"] if MODE == "site" else []
html_copy_source = False  # "Download this notebook" gives the original notebook instead
html_show_sourcelink = False
html_show_sphinx = False
html_use_index = False  # no general index page: the site has no index entries
html_last_updated_fmt = None
html_permalinks = True
html_permalinks_icon = "#"
if html_theme == "sphinx_book_theme":
    html_theme_options = {
        "home_page_in_toc": True,
        "show_navbar_depth": 1,
        "use_download_button": False,  # our own, visible "Download this notebook" per page
        "use_fullscreen_button": False,
        "use_repository_button": False,
        "navigation_with_keys": False,
        "show_toc_level": 2,
        "secondary_sidebar_items": ["page-toc"],
        # code colours with enough contrast on the code background (WCAG AA)
        "pygments_light_style": "a11y-high-contrast-light",
        "pygments_dark_style": "a11y-high-contrast-dark",
    }
    html_context = {"default_mode": "light"}
else:
    html_theme_options = {"nosidebar": True}
    pygments_style = "a11y-high-contrast-light"


# --- per page: "Launch in Binder", "Download this notebook", alt text for chart images --

def _meta(app) -> dict:
    if not hasattr(app, "_nexus_meta"):
        path = Path(app.srcdir) / "site-meta.json"
        app._nexus_meta = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return app._nexus_meta


def _set_alt_text(app, doctree, docname):
    """Chart images get the text alternative the notebook stored with them (matched by
    the image's content hash, which MyST-NB uses as its file name)."""
    alts = _meta(app).get("image_alts", {})
    for image in doctree.findall(nodes.image):
        stem = Path(image.get("uri", "")).stem
        if stem in alts:
            image["alt"] = alts[stem]


def _page_actions(app, pagename, templatename, context, doctree):
    page = _meta(app).get("pages", {}).get(pagename)
    if not page or "body" not in context:
        return
    links = []
    for action in page.get("actions", []):
        attrs = f'href="{html.escape(action["href"])}"'
        if action.get("download"):
            attrs += f' download="{html.escape(action["download"])}"'
        links.append(f'<a class="nexus-action nexus-action-{action["kind"]}" {attrs}>'
                     f'{html.escape(action["label"])}</a>')
    notice = page.get("notice", "")
    bar = (f'<nav class="nexus-actions" aria-label="Page actions">{" ".join(links)}</nav>'
           + (f'<div class="nexus-notice" role="note">{notice}</div>' if notice else ""))
    body = context["body"]
    cut = body.find("</h1>")
    context["body"] = body[:cut + 5] + bar + body[cut + 5:] if cut >= 0 else bar + body


def setup(app):
    app.connect("doctree-resolved", _set_alt_text)
    app.connect("html-page-context", _page_actions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
