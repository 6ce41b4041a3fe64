"""Self-check for chapter 04 · Key escrow: Clipper's spare key, its theft, and the two ways around it."""

from .question import Question

QUESTIONS = (
    Question(
        prompt='"A backdoor only opens for the good guys: the escrow key is used only with a warrant." What did '
        "the chapter's experiment show?",
        choices=(
            "Right: the escrow key opens a message only when a judge has approved",
            "Wrong: the key opens every escrow field it is given; stolen, it let the Attacker read every recorded "
            "message, in every conversation, past and future",
            "Right: the key is kept by the State, so it cannot leak",
        ),
        answer=1,
        why="The warrant decides which copies the State obtains; the escrow key works for whoever holds it. The "
        "Attacker had recorded every message on the wire, so the stolen key opened all of them, Bob's message to "
        "Carol included, which no warrant covered. Clipper split each key between two agencies: that raises the "
        "bar to two thefts, it does not remove it.",
    ),
    Question(
        prompt="With escrow on, the State reads Alice's messages but not Bob's message to Carol. Why not?",
        choices=(
            "The escrow field of Bob's message is locked for a different key",
            "Bob's app removes the escrow field",
            "The State holds no copy of that message: its warrant covers Alice's conversations, and a key without "
            "a copy reads nothing",
        ),
        answer=2,
        why="Reading takes both a copy of the message and the key. The warrant decides the copy; the escrow key "
        "would open the field of Bob's message too. A thief with the stolen escrow key does read it, because the "
        "Attacker recorded it on the wire.",
    ),
    Question(
        prompt="A rogue app tries random fields until one passes the 16-bit check: 65,536 tries on average. About "
        "what share of such searches are done within 65,536 tries?",
        choices=("About 1%", "About 50%", "About 63%", "All of them"),
        answer=2,
        why="The chance of success within n tries is 1 − (1 − 1/65,536)ⁿ; at n = 65,536 that is about 1 − 1/e, "
        "roughly 63%. Most searches end early and a few run long, and the long ones pull the average up.",
    ),
    Question(
        prompt="The receiving app accepts a message whose escrow field was forged that way. What does the escrow "
        "agent get when it opens the field with its key?",
        choices=(
            "Nothing: the field is random bytes where the sealed message key should be",
            "The message key, as with any genuine field",
            "A damaged copy of the message",
        ),
        answer=0,
        why="The receiving app can check only the 16-bit check; it cannot see inside the sealed part, which only "
        "the escrow key opens. A forged field passes the check by luck and holds no key, so the escrow agent's key "
        "opens nothing, while Alice and Bob lose nothing.",
    ),
    Question(
        prompt="Alice and Bob lock their text with a key of their own before sending it through an escrowed app. "
        "What does the State get when it opens the escrow field?",
        choices=(
            "Their words: escrow opens everything the app carries",
            "Nothing: the app refuses to send a message it cannot read",
            "The app's message key, which opens the app's layer; inside is only Alice and Bob's own locked text",
        ),
        answer=2,
        why="The app did everything right, so the field is genuine and the message is delivered. But what it "
        "carried was already locked, and without Alice and Bob's shared key the words stay locked. Escrow works "
        "only on the encryption it controls.",
    ),
)
