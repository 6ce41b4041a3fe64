"""Cloud backups under the Provider's key (``cloud_backup``).

After *store*, each phone that kept the message uploads it to the Provider's backup store, locked with a
backup key the Provider holds. The Provider can open its backups, so its warrant hand-over for Alice's
conversations includes their content — what the Provider's own decryption of its stored backup gives, and
nothing else; a breach of the Provider copies the backups and the key together. (A backup locked with a key
only the phone holds — "end-to-end encrypted backups" — would not open for the Provider, so the State would
get the locked bytes only; ``backup_key`` is the one place that chooses the key, and chapter 08 runs that
comparison.)
"""

from __future__ import annotations

from .. import crypto
from ..holdings import ATTACKER, PROVIDER, STATE, Record
from ..journey import WARRANT_TARGET, keepers


class CloudBackup:
    switch = "cloud_backup"

    def on_start(self, run) -> None:
        run.make_own_key(PROVIDER, "secret", "backup")

    @staticmethod
    def backup_key(run, party: str) -> bytes:
        """The key ``party``'s phone locks its backup with: the Provider's backup key."""
        return run.secret(PROVIDER, "backup")

    def after_store(self, j) -> None:
        run = j.run
        stored = []
        for party in keepers(j):
            backup = crypto.lock_secret(
                j.about("backup", body=j.text_frame()), self.backup_key(run, party), j.nonce(f"backup/{party}")
            )
            stored.append(backup)
            upload = j.sealed(backup, run.directory[PROVIDER], f"backup-upload/{party}")
            run.give(ATTACKER, Record(j.id, "wire capture", f"{party}'s phone → Provider (backup)", blob=upload))
            run.give(
                PROVIDER, Record(j.id, "backup", f"{party}'s chat backup, locked with the Provider's key", blob=backup)
            )
            j.step(
                "store", party, "backs the chat up to the Provider (the Provider holds the key)", PROVIDER, len(upload)
            )
        if j.involves(WARRANT_TARGET) and stored:
            # The Provider opens the backup it stores with the keys it holds: what comes out is what it hands
            # over; if none of its keys opens it, it can hand over only the locked bytes.
            backup = stored[0]
            opened = next(
                (
                    plain
                    for k in run.keys[PROVIDER]
                    if k.kind == "secret" and (plain := crypto.open_secret(backup, k.secret))
                ),
                None,
            )
            handover = j.sealed(opened if opened is not None else backup, run.directory[STATE], "backup-handover")
            run.give(
                STATE,
                Record(j.id, "hand-over", "backed-up chats the warrant made the Provider hand over", blob=handover),
            )
            run.give(ATTACKER, Record(j.id, "wire capture", "Provider → State (backups, warrant)", blob=handover))
            j.step("store", PROVIDER, "hands the backed-up message to the State (warrant)", STATE, len(handover))
