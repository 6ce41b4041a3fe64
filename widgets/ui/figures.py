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

# On a phone a figure shrunk to the screen has text a few pixels high: it keeps its own size instead, in a box
# that scrolls sideways, and says so ABOVE it (a cue below is read only after the reader has missed the point),
# with its description in words beneath it.
NARROW_STYLE = (
    "<style>@media (max-width: 640px) { .course-figure .figure-scroll { overflow-x: auto; }"
    " .course-figure .figure-scroll img { max-width: none !important; }"
    " .course-figure .figure-cue { display: block !important; font-size: 0.85em; margin: 2px 0; } }</style>"
)


# A figure drawn narrow (about 430 px) is shrunk to a phone's screen, a little, instead: no scroll box, no cue.
FIT_STYLE = (
    "<style>@media (max-width: 640px) { .course-figure.fits .figure-scroll { overflow-x: visible; }"
    " .course-figure.fits .figure-scroll img { max-width: 100% !important; }"
    " .course-figure.fits .figure-cue { display: none !important; } }</style>"
)


def show_figure(fig: Figure, alt: str, caption: str | None = None, fits: bool = False) -> HTML:
    """An HTML object (return it last in a cell, or pass it to display) of ``fig`` with ``alt`` text; ``fits``:
    the figure is drawn narrow enough to be shrunk to a phone's width rather than scrolled."""
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("A figure needs alt text: say in words what it shows, for readers who cannot see it.")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    markup = (
        f'{NARROW_STYLE}{FIT_STYLE if fits else ""}<figure class="course-figure{" fits" if fits else ""}" '
        'style="margin:0.5em 0">'
        '<p class="figure-cue" style="display:none">Wider than the screen: scroll the figure sideways to see all '
        "of it (its description is below it).</p>"
        '<div class="figure-scroll" tabindex="0" role="group" aria-label="The figure (its description is below)">'
        f'<img src="data:image/png;base64,{png}" alt="{esc(alt)}" style="max-width:100%;height:auto"></div>'
        f'<figcaption style="font-size:0.9em">{esc(caption or alt)}</figcaption></figure>'
    )
    return TextHTML(markup, f"Figure: {alt}")
