"""Who Can Read It? — the model behind the course.

``World`` runs the real protocol with PyNaCl; ``Policy`` holds the switches. See DESIGN.md.
The model imports no ipywidgets: views live in ``widgets.ui``.
"""

from .holdings import Holdings, Metadata, Record
from .message import Message, MessageRefused, Notice, Step
from .policy import Policy
from .world import ACCESS_LEVELS, World

__all__ = [
    "ACCESS_LEVELS",
    "Holdings",
    "Message",
    "MessageRefused",
    "Metadata",
    "Notice",
    "Policy",
    "Record",
    "Step",
    "World",
]
