"""Keys and members verified (``verify_keys``): the users compared safety numbers in person, so each app
knows the real key of each contact; after *key look-up*, an app that is handed any other key shows that
the safety number has changed, and does not send.
"""

from __future__ import annotations

from ..journey import stop
from ..safety_numbers import grouped, safety_number


class VerifyKeys:
    switch = "verify_keys"

    def after_key_lookup(self, j) -> None:
        run = j.run
        for name, public in j.addressees:
            if name not in run.directory:  # a member nobody could have checked: the app lists it
                stop(
                    j,
                    "not sent: unverified member",
                    j.sender,
                    f"this chat has a member you never verified ({name}, key {public[:4].hex()}…): the message "
                    "was not sent",
                )
                return
            checked = run.directory[name]  # the key they compared in person: the real one
            if public == checked:
                continue
            mine = run.directory[j.sender]
            was = safety_number(mine, j.sender, checked, name)
            now = safety_number(mine, j.sender, public, name)
            stop(
                j,
                "not sent: safety number changed",
                j.sender,
                f"your safety number with {name} has changed: you checked {grouped(was)}, the app now computes "
                f"{grouped(now)}. The key the directory gave is not the one you verified, so the message was "
                "not sent.",
            )
            return
