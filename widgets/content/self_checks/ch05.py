"""Self-check for chapter 05 · Interception and ghosts: a swapped key, a silent member, safety numbers."""

from .question import Question

QUESTIONS = (
    Question(
        prompt="Under an interception order, Alice's and Bob's screens look exactly as usual. What is different, "
        "and how could they find out?",
        choices=(
            "Nothing is different, and there is no way to tell",
            "The key each app uses for the other person is the State's; comparing safety numbers shows it, because "
            "the two screens differ",
            "Each message is locked for one extra key, which they can count on their screens",
            "Messages arrive late, with a warning",
        ),
        answer=1,
        why="Each phone's safety number is computed from the key it was handed. Both were handed the State's key, "
        "so the numbers on the two screens differ and neither matches the number they checked before.",
    ),
    Question(
        prompt="Under a ghost, Alice and Bob compare their safety numbers, and they match. Are they safe?",
        choices=(
            "Yes: matching numbers mean nobody else can read",
            "No: the ghost swaps no key, so the numbers are right, but every message is also locked for the ghost",
        ),
        answer=1,
        why="A safety number covers two people's keys only. The ghost adds an extra key slot to every message and "
        'the "joined" notice is hidden. An app that lists every member and checks each one\'s key finds it; so '
        "would anyone counting the key slots on the wire.",
    ),
    Question(
        prompt="Why does the State read nothing of Bob's message to Carol, under either mechanism?",
        choices=(
            "The order covers Alice's conversations only: for Bob and Carol the directory answers truthfully and no "
            "member is added",
            "Bob and Carol checked their safety numbers",
            "Carol's phone uses stronger encryption",
        ),
        answer=0,
        why="Both mechanisms are targeted: they change whose keys the phones use only in the conversations the "
        "order names. Bob's message to Carol is locked for Carol alone.",
    ),
    Question(
        prompt='"The ghost proposal breaks end-to-end encryption." What does the model show?',
        choices=(
            "Right: the State's copy opens because the encryption was weakened",
            "Wrong on the encryption: the locks are the same, and Alice's own app locks each message for the "
            "ghost too. What it undermines is knowing whose keys your app uses",
        ),
        answer=1,
        why="No key was weakened and no master key was made: the State's copy opens because Alice's app locked it "
        "for the State. The critics' objection is about authentication and trust: the proposal works only if apps "
        "hide the extra member.",
    ),
)
