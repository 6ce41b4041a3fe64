"""The teachers' documents (docs/*.md) as Markdown for a notebook page, so that the course's links to them
work wherever the notebooks are read: JupyterLab, Voila, the static site and JupyterLite each show the
notebook page (teachers_guide.ipynb, self_check_answers.ipynb), which these files alone could not be.

Links inside the documents are rewritten to point from the notebooks folder: ``../notebooks/04_x.ipynb``
becomes ``04_x.ipynb`` and ``self_check_answers.md`` the page of the same name.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = {"teachers": "teachers_guide.ipynb", "self_check_answers": "self_check_answers.ipynb"}


def doc_markdown(name: str) -> str:
    """docs/``name``.md with its links pointing to the notebook pages; ValueError for an unknown name."""
    if name not in PAGES:
        raise ValueError(f"no such document: {name!r} (known: {', '.join(PAGES)})")
    text = (DOCS / f"{name}.md").read_text(encoding="utf-8")
    text = re.sub(r"\]\(\.\./notebooks/([^)\s]+)\)", r"](\1)", text)
    for doc, page in PAGES.items():
        text = re.sub(rf"\]\((?:\.\./docs/)?{doc}\.md(#[^)\s]*)?\)", rf"]({page}\1)", text)
    # Links within the document use GitHub's heading slugs; Jupyter names a heading by its words with spaces as
    # hyphens, so point each such link at the id the page will really have.
    # Brackets in an id are percent-encoded, which browsers decode when they look for the heading.
    ids = {github_slug(h): h.replace(" ", "-") for h in re.findall(r"^#{1,6} +(.+?) *$", text, flags=re.M)}
    text = re.sub(r"\]\(#([^)\s]+)\)", lambda m: f"](#{quote(ids.get(m.group(1), m.group(1)))})", text)
    # A checklist's "- [ ]" would render as unlabelled checkboxes that do nothing: a printed box says the same.
    text = re.sub(r"^(\s*)- \[ \] ", "\\1- ☐ ", text, flags=re.M)
    # Links out of the notebooks folder (the README) and to documents with no page of their own (the hosting
    # guide, for whoever runs the server) lead nowhere on a page: keep their words only.
    text = re.sub(r"\[([^\]]+)\]\((?![a-z]+://)[^)\s]+\.md(?:#[^)\s]*)?\)", r"“\1” in the course's docs folder", text)
    return re.sub(r"\[([^\]]+)\]\(\.\./[^)\s]+\)", r"\1", text)


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def heading_ids(markdown: str) -> set[str]:
    """The ids Jupyter gives the headings of ``markdown`` (what an in-page link must name)."""
    return {h.replace(" ", "-") for h in re.findall(r"^#{1,6} +(.+?) *$", markdown, flags=re.M)}
