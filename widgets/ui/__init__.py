"""Views: render model results as HTML, ipywidgets and matplotlib figures. No cryptography here.

Everything a reader typed or a party holds is escaped before it is rendered (``html.esc``).
"""

from .figures import show_figure
from .html import esc, shorten
from .switchboard import switchboard
from .tables import access_table, access_table_html, holdings_html

__all__ = ["access_table", "access_table_html", "esc", "holdings_html", "shorten", "show_figure", "switchboard"]
