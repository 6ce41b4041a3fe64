"""Small helpers for HTML the views build: escape everything, shorten long text readably."""

from __future__ import annotations

import html

from IPython.display import HTML


def esc(value: object) -> str:
    """``value`` as text safe to put inside HTML: <script> shows as text, never runs."""
    return html.escape(str(value), quote=True)


def shorten(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis and the full length, if it is longer."""
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}… ({len(text):,} characters)"


class TextHTML(HTML):
    """HTML for the page, with the same facts as plain text for screen readers, nbval and ``print``."""

    def __init__(self, markup: str, text: str) -> None:
        super().__init__(markup)
        self._text = text

    def __repr__(self) -> str:
        return self._text
