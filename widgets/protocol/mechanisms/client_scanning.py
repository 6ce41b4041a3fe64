"""Client-side scanning (``client_scanning``): the app checks content before it is encrypted.

At the *client checks* stage, every sender's app computes the message's fuzzy fingerprint
(``widgets.protocol.fuzzy_hash``) and compares it with the watchlist the authority controls (``world.watchlist``:
the app holds only fingerprints, never the listed texts). A match within the threshold makes the app send
the State a report with the message, sealed to the State's reporting key; the message itself is then sent
as usual. Messages that do not match change nothing.
"""

from __future__ import annotations

from ..fuzzy_hash import THRESHOLD, distance, fingerprint
from ..holdings import ATTACKER, STATE, Record


class ClientScanning:
    switch = "client_scanning"

    def on_start(self, run) -> None:
        run.report_public = run.make_own_key(STATE, "x25519", "report", publish=False).public

    def after_client_checks(self, j) -> None:
        run = j.run
        mine = fingerprint(j.text.decode("utf-8"))
        hits = [(distance(mine, item.fingerprint), item) for item in run.watchlist]
        hits = sorted((d, item.label) for d, item in hits if d <= THRESHOLD)
        if not hits:
            j.step(
                "client_checks",
                j.sender,
                f"compares the message with {len(run.watchlist)} listed "
                f"fingerprint{'' if len(run.watchlist) == 1 else 's'}: no match",
            )
            return
        bits, label = hits[0]
        report = j.sealed(j.about("report", matched=label, bits=bits, body=j.text_frame()), run.report_public, "report")
        run.give(
            STATE, Record(j.id, "scan report", f"a match with “{label}” reported by {j.sender}'s app", blob=report)
        )
        run.give(ATTACKER, Record(j.id, "wire capture", f"{j.sender}'s phone → State (scanning report)", blob=report))
        j.step(
            "client_checks",
            j.sender,
            f"finds a match with a listed item ({bits} of 64 bits differ) and reports it",
            STATE,
            len(report),
        )
