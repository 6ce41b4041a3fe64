"""The protocol: the world model and its real cryptography. Imports nothing from the rest of the course.

The escrow field (``leaf``) and the ratchet (``ratchet``) each teach the generic opener in ``crypto`` how to
recover a message key from their format; importing them here makes sure they have registered.
"""

from . import leaf, ratchet  # noqa: F401  (registration)
