"""Show a matplotlib figure with alt text and a caption that sighted and blind readers both get.

The figure becomes an <img> with ``alt`` inside a <figure> with a <figcaption>; the plain-text form of
the output is the alt text, so nbval compares words, not pixels (the PNG bytes are sanitised, see
tests/nbval_sanitize.cfg).
"""

from __future__ import annotations

import base64
import io

from IPython.display import HTML
from matplotlib.figure import Figure

from .html import TextHTML, esc


def show_figure(fig: Figure, alt: str, caption: str | None = None) -> HTML:
    """An HTML object (return it last in a cell, or pass it to display) of ``fig`` with ``alt`` text."""
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("A figure needs alt text: say in words what it shows, for readers who cannot see it.")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    markup = (
        '<figure style="margin:0.5em 0">'
        f'<img src="data:image/png;base64,{png}" alt="{esc(alt)}" style="max-width:100%;height:auto">'
        f'<figcaption style="font-size:0.9em">{esc(caption or alt)}</figcaption></figure>'
    )
    return TextHTML(markup, f"Figure: {alt}")
