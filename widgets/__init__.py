"""Who Can Read It? — the model behind the course.

``World`` runs the real protocol with PyNaCl; ``Policy`` holds the switches. See docs/architecture.md.
The model imports no ipywidgets: views live in ``widgets.ui``. ``Playground`` is a view, imported only
when asked for (``from widgets import Playground``), so that ``import widgets`` stays free of ipywidgets.
"""

from .protocol.holdings import Holdings, Metadata, Record
from .protocol.message import Message, MessageRefused, Notice, Step
from .protocol.policy import Policy
from .protocol.safety_numbers import safety_number
from .protocol.world import ACCESS_LEVELS, Learned, WatchItem, World

__all__ = [
    "ACCESS_LEVELS",
    "Holdings",
    "Learned",
    "Message",
    "MessageRefused",
    "Metadata",
    "Notice",
    "Playground",
    "Policy",
    "Record",
    "Step",
    "WatchItem",
    "World",
    "safety_number",
]


def __getattr__(name: str):
    if name == "Playground":
        from .ui.playground import Playground

        return Playground
    raise AttributeError(f"module 'widgets' has no attribute {name!r}")
