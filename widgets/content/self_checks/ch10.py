"""Self-check for chapter 10 · The playground: putting the switches together."""

from .question import Question

QUESTIONS = (
    Question(
        prompt='End-to-end encryption is on and you tick "Criminals breach the Provider". What does the Attacker gain?',
        choices=(
            "The words of every message",
            "Who wrote to whom and when, but not a word",
            "Nothing new at all",
        ),
        answer=1,
        why="The Attacker now has the Provider's keys and logs. They open the outside of each message, never the "
        "end-to-end lock, which only the recipients' keys open.",
    ),
    Question(
        prompt='You press "A thief copies Alice\'s phone now" and tick Forward secrecy; then you also tick Key '
        'escrow and "Criminals steal the escrow key". What happens to the recordings of Alice\'s past messages?',
        choices=(
            "Forward secrecy keeps them closed whatever else is switched on",
            "They stay closed until the next reply",
            "Forward secrecy closes them, and the stolen escrow key opens them all again",
        ),
        answer=2,
        why="The ratchet forgets old keys, but escrow sent a copy of each, locked for one key that lives on. Steal "
        "that key and the past is back: escrow undoes forward secrecy. (The phone thief reads the history stored on "
        "the phone either way: forward secrecy protects recordings, not the phone.)",
    ),
    Question(
        prompt='You tick "Interception order" and "Safety numbers checked". What does Alice\'s phone do with her '
        "next message to Bob?",
        choices=(
            "Sends it, and the State reads it as usual",
            "Warns that the safety number with Bob has changed, and does not send it",
            "Sends it to Bob only, leaving out the State",
        ),
        answer=1,
        why="The directory hands Alice the State's key, which is not the one she and Bob checked in person, so her "
        "app refuses to send. The State reads nothing new.",
    ),
)
