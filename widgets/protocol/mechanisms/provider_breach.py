"""Provider breach: criminals copy the Provider's servers — its keys, its stored messages, its logs.

Modelled as a standing copy: whatever the servers hold, the Attacker holds too, as it arrives.
"""

from __future__ import annotations

from dataclasses import replace

from ..holdings import ATTACKER, PROVIDER


class ProviderBreach:
    switch = "provider_breach"

    def on_start(self, run) -> None:
        for key in run.keys[PROVIDER]:
            run.give_key(ATTACKER, replace(key, label=f"stolen from the Provider: {key.label}"))

    def after_message(self, run, journey) -> None:
        for record in list(run.by_message.get((PROVIDER, journey.id), ())):
            run.give(ATTACKER, replace(record, note=f"copied from the Provider's servers: {record.note}"))
