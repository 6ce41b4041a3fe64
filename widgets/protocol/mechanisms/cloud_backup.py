"""Cloud backups under the Provider's key (``cloud_backup``).

After *store*, each phone that kept the message uploads it to the Provider's backup store, locked with a
backup key the Provider holds. The Provider can open its backups, so its warrant hand-over for Alice's
conversations includes their content; a breach of the Provider copies the backups and the key together.
(A backup locked with a key only the user holds — "end-to-end encrypted backups" — would open for no one
else; chapter 08 runs that comparison.)
"""

from __future__ import annotations

from .. import crypto
from ..holdings import ATTACKER, PROVIDER, STATE, Record
from ..journey import WARRANT_TARGET, keepers


class CloudBackup:
    switch = "cloud_backup"

    def on_start(self, run) -> None:
        run.make_own_key(PROVIDER, "secret", "backup")

    def after_store(self, j) -> None:
        run = j.run
        for party in keepers(j):
            backup = crypto.lock_secret(
                j.about("backup", body=j.text_frame()), run.secret(PROVIDER, "backup"), j.nonce(f"backup/{party}")
            )
            upload = j.sealed(backup, run.directory[PROVIDER], f"backup-upload/{party}")
            run.give(ATTACKER, Record(j.id, "wire capture", f"{party}'s phone → Provider (backup)", blob=upload))
            run.give(
                PROVIDER, Record(j.id, "backup", f"{party}'s chat backup, locked with the Provider's key", blob=backup)
            )
            j.step(
                "store", party, "backs the chat up to the Provider (the Provider holds the key)", PROVIDER, len(upload)
            )
        if j.involves(WARRANT_TARGET):
            # The Provider can open its backups, so what it hands over under the warrant is their content.
            handover = j.sealed(j.about("hand-over", body=j.text_frame()), run.directory[STATE], "backup-handover")
            run.give(
                STATE,
                Record(j.id, "hand-over", "backed-up chats the warrant made the Provider hand over", blob=handover),
            )
            run.give(ATTACKER, Record(j.id, "wire capture", "Provider → State (backups, warrant)", blob=handover))
            j.step("store", PROVIDER, "hands the backed-up message to the State (warrant)", STATE, len(handover))
