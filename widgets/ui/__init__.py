"""Views: render model results as HTML, ipywidgets and matplotlib figures. No cryptography here.

Everything a reader typed or a party holds is escaped before it is rendered (``html.esc``).
"""

from . import palette
from .figures import show_figure
from .html import esc, shorten
from .switchboard import switchboard
from .tables import access_table, access_table_html, holdings_html, holdings_view, words_table
from .words import learned_words, names, quoted, read_words, yes_no

# Any figure that does not choose its colours gets Okabe–Ito's colour-blind-safe ones (see palette.py).
palette.use_in_matplotlib()

__all__ = [
    "access_table",
    "access_table_html",
    "esc",
    "holdings_html",
    "holdings_view",
    "learned_words",
    "names",
    "quoted",
    "read_words",
    "shorten",
    "show_figure",
    "switchboard",
    "words_table",
    "yes_no",
]
