"""Self-check for chapter 03 · The Provider: transport versus end-to-end encryption, warrants and breaches."""

from .question import Question

QUESTIONS = (
    Question(
        prompt="With transport encryption only, who can read Alice's message besides Alice and Bob?",
        choices=(
            "No one",
            "The Attacker on the wire",
            "The Provider, and the State through its warrant",
            "Everyone who handles the message",
        ),
        answer=2,
        why="Transport encryption locks the message only between a phone and the server. The Provider takes the "
        "lock off, so it holds the words and can hand them to the State. The Attacker on the wire still sees only "
        "locked bytes.",
    ),
    Question(
        prompt='"The app company can read my end-to-end encrypted messages whenever it wants." What did the '
        "chapter's experiment find?",
        choices=(
            "Right: it stores a copy of every message, so it can open them",
            "Wrong: its keys open only the outside (who, to whom, when, how big); the words are locked for Bob's "
            "key, which it never holds",
            "Right, but only once it has a warrant",
        ),
        answer=1,
        why="The Provider relays and stores every message, but decrypting its copies with all its keys gives back "
        "no words. What it could do instead is change what the app does, for instance hand out the wrong "
        "key: chapter 05 tests that.",
    ),
    Question(
        prompt="Messages are end-to-end encrypted, and the State has a warrant for Alice's conversations. What "
        "does the warrant get it?",
        choices=(
            "Metadata: who wrote to whom, when and how big, but not the words",
            "The words: a warrant overrides encryption",
            "Nothing at all",
        ),
        answer=0,
        why="The Provider hands over what it holds, and it holds the outside of each message and its log. The "
        "State's key opens the hand-over down to the inner end-to-end lock and stops there.",
    ),
    Question(
        prompt="Criminals break into the Provider's servers and copy everything there. What do they get?",
        choices=(
            "Metadata only, whichever kind of encryption is used",
            "With transport encryption, only messages sent after the break-in",
            "With transport encryption, every message, past ones included; with end-to-end encryption, metadata only",
        ),
        answer=2,
        why="A Provider that can read everything can have it all stolen: the stolen keys open what the Attacker "
        "recorded on the wire and the stored copies. End-to-end, the stolen keys open only the outer envelopes and "
        "the log.",
    ),
)
