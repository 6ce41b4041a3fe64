"""Self-check for chapter 09 · Weighing the trade-offs."""

from .question import Question

QUESTIONS = (
    Question(
        prompt="A common claim: a backdoor can be built so that it opens only for the good guys. What happened in "
        "the course's experiment when criminals stole the escrow key?",
        choices=(
            "Nothing: the escrow key works only with a warrant",
            "The Attacker read every message it had recorded, including those of people under no warrant",
            "The Attacker read only the messages of the person under the warrant",
        ),
        answer=1,
        why="A key does not check who holds it. The escrow key opens the escrow field of every message, so whoever "
        "steals it reads everything they recorded: in the scorecard's scenario, both messages between Bob and "
        "Carol, whom no warrant covered (chapter 04).",
    ),
    Question(
        prompt="The trade-off plot shows a band around each proposal's point. What does the band show?",
        choices=(
            "How much the results vary over the model's runs, as chance and the assumptions' ranges allow",
            "Every outcome that could happen in the real world",
            "How often the cryptography fails",
        ),
        answer=0,
        why="Each run picks a value for every assumption from its range and then draws chance events (who is a "
        "criminal, whether a key store is breached); the band covers nine runs in ten. It says nothing about "
        "whether the ranges themselves are right: change one and the whole band can move.",
    ),
    Question(
        prompt="Which statement about key escrow is fair to both sides of the debate?",
        choices=(
            "It never helps investigators",
            "It gives investigators the words of targets who do not protect themselves, and it puts every user's "
            "messages behind one key that can be stolen",
            "It affects only the people under a warrant",
        ),
        answer=1,
        why="Both halves come out of the experiments: the State read every message in Alice's conversation, until "
        "she and Bob locked their words themselves; and the escrow field of every message, anyone's, opened with "
        "the State's key.",
    ),
    Question(
        prompt="Which of these questions can the course's experiments NOT settle?",
        choices=(
            "Whether a stolen escrow key opens the messages of people under no warrant",
            "Whether Alice's app notices a ghost once she and Bob compare safety numbers",
            "Whether the legal rules keep access narrow, to serious crimes and named people",
        ),
        answer=2,
        why="The first two are decryption experiments (chapters 04 and 05). How narrow the rules are, who is "
        "targeted and how uses are reported are questions of law and judgement: the scorecard leaves them to you.",
    ),
)
