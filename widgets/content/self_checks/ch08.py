"""Self-check for chapter 08 · Forward secrecy and backups."""

from .question import Question

QUESTIONS = (
    Question(
        prompt="A criminal records all of Alice's messages for a month, then copies the keys on her phone. Which "
        "recorded messages can they read?",
        choices=(
            "All of them, with or without forward secrecy",
            "Without forward secrecy, all of them; with it, none of the recorded ones",
            "Without forward secrecy, none; with it, all of them",
        ),
        answer=1,
        why="Without forward secrecy the stolen identity key opens the key of every message to or from Alice. With "
        "the ratchet, the old chain keys are gone and cannot be worked out from the stolen ones; only the next "
        "messages on a stolen chain open, until a reply brings a fresh Diffie–Hellman value.",
    ),
    Question(
        prompt="Why does key escrow undo forward secrecy, even though the ratchet still makes a fresh key for "
        "every message?",
        choices=(
            "Escrow switches the ratchet off",
            "Every fresh key is also sent, locked for one escrow key that never changes and is never forgotten",
            "Escrow makes the message keys shorter",
        ),
        answer=1,
        why="The ratchet forgets every old key, but the escrow field kept a copy of each. Whoever holds the escrow "
        "key, the State or a thief who steals it, opens every recorded message, past ones included: what Keys "
        "Under Doormats warned of in 2015.",
    ),
    Question(
        prompt="Alice's app uses forward secrecy and backs her chats up under the Provider's key. Criminals breach "
        "the Provider. What do they get?",
        choices=(
            "Metadata only: the messages are end-to-end encrypted",
            "Nothing: forward secrecy deleted the old keys",
            "Every message, past and future: the breach copies the backups and the key that opens them",
        ),
        answer=2,
        why="A backup under someone else's key undoes forward secrecy just as escrow does, for whoever holds that "
        "key or steals it. With a passphrase or recovery-key backup, the same breach yields locked bytes only.",
    ),
    Question(
        prompt="Alice's backup is end-to-end encrypted with a recovery key, and she loses the key. What happens "
        "when she gets a new phone?",
        choices=(
            "The Provider restores her history after checking her identity",
            "Nobody can restore her history: not the Provider, not anyone",
            "The State can restore it with a warrant",
        ),
        answer=1,
        why="That is the price of a key the Provider never sees. As the BBC put it for Apple's version, losing "
        'access to your account "can mean losing your data altogether".',
    ),
    Question(
        prompt="Someone takes Alice's phone, unlocked. Does forward secrecy keep her old chats from them?",
        choices=(
            "Yes: the old keys were deleted, so old messages cannot be read",
            "No: it protects recordings of past messages, not the chat history the phone still keeps",
        ),
        answer=1,
        why="Forward secrecy is about messages captured on the wire and keys stolen later. Whoever holds the "
        "unlocked phone reads whatever history it keeps (section 1.4).",
    ),
)
