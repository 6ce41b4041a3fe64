"""Self-check for chapter 06 · Metadata: what the Provider's log shows without content, and sealed sender."""

from .question import Question

QUESTIONS = (
    Question(
        prompt='A friend says: "My app uses end-to-end encryption, so nobody can tell who I talk to." What did the '
        "town's month show?",
        choices=(
            "True: end-to-end encryption hides the sender, the recipient and the time",
            "False: it hides what is said, but the Provider still logs who wrote to whom, when and how big",
            "True, unless the State has a warrant for the content",
            "False, but only because the Provider can read the messages too",
        ),
        answer=1,
        why="End-to-end encryption locks the content: the Provider could open none of the month's messages. To "
        "deliver them it still read each routing label, and its log named the sender and recipient of every "
        "message, with the time and the size — enough for contact chains, a network picture and timelines.",
    ),
    Question(
        prompt="An investigator follows Alice's contact chain out to two hops. Who ends up in it?",
        choices=(
            "Only Alice's direct contacts",
            "Only people suspected of something",
            "Alice's contacts and all of their contacts — in a small town, most of the town",
        ),
        answer=2,
        why="Two hops add every contact of every contact. In the town of 43 people and services, one hop from Alice "
        "gave about a dozen names and two hops nearly everyone, people who had never written to her included.",
    ),
    Question(
        prompt="Under sealed sender, the Provider's log names no senders. What can it still learn?",
        choices=(
            "Nothing at all about who talks to whom",
            "Who received each message and when; and replies a few minutes apart, repeated over weeks, link "
            "pairs of people again",
            "Everything, because sealed sender only hides the content",
        ),
        answer=1,
        why="The Provider must know the recipient to deliver, and it sees the time and size. A message to the "
        "Helpline at 23:40 followed two minutes later by one to Carol, night after night, links Carol and the "
        "Helpline — the timing experiment found most pairs who talk often, and real servers also see network "
        "addresses, which the model leaves out.",
    ),
    Question(
        prompt="With sealed sender on, which of Alice's messages can the Provider still hand over under a "
        "warrant for Alice's conversations?",
        choices=(
            "All of them, as before",
            "Only messages sent TO Alice: it can no longer tell which messages come FROM her",
            "None: sealed sender makes the warrant useless",
        ),
        answer=1,
        why="The Provider hands over what it can tell is Alice's. It still delivers to Alice, so messages to her are "
        "recognisable; her own messages leave with no name on the outside (her name is inside, for the recipient). "
        "The content stays locked either way. Add key escrow, though, and the field's unit id names her phone "
        "again: the warrant covers her sent messages once more.",
    ),
)
