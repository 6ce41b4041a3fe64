"""Self-check for chapter 07 · Endpoints and scanning: the hacked phone and client-side scanning."""

from .question import Question

QUESTIONS = (
    Question(
        prompt="The State has hacked Alice's phone. Bob sends Carol a message. Can the State read it?",
        choices=(
            "Yes: the implant weakens the app's encryption for everyone",
            "Only its metadata, through the implant",
            "No: the implant copies only what is on Alice's screen; the State would need another implant, on "
            "Bob's or Carol's phone",
        ),
        answer=2,
        why="The implant sits on one phone and sees what its owner types and reads. Bob's message to Carol is "
        "end-to-end encrypted between them, so it stays between them. Every new target needs its own implant.",
    ),
    Question(
        prompt="Why must a scanning app compare fuzzy fingerprints rather than exact ones, and what does that cost?",
        choices=(
            "An exact fingerprint would miss a copy with one comma changed; a fuzzy one also matches innocent "
            "lookalikes and texts crafted to match, and a small edit can still slip past it",
            "Exact fingerprints are too slow for a phone; fuzzy ones cost nothing",
            "Fuzzy fingerprints hide the list from the app; that costs some battery",
        ),
        answer=0,
        why="The same tolerance that catches near-copies let an innocent invitation to a match be reported (3.5), "
        "a three-character edit evade the list (3.6), and a harmless shopping list be crafted to match (3.7).",
    ),
    Question(
        prompt='"If I have nothing to hide, client-side scanning costs me nothing." What did the chapter\'s '
        "experiments show?",
        choices=(
            "Right: only the listed item is ever reported",
            "Wrong: an innocent message was reported with its words, a crafted text got the person who forwarded "
            "it reported, and the list can change without anyone seeing",
            "Right: the encryption is never broken, so nobody reads anything",
        ),
        answer=1,
        why="Every phone checks every message, so a false match can hit anyone: Carol's invitation to a match and "
        "her forwarded shopping list were reported to the State, message included. And a phone cannot tell what "
        "its list is for (3.10).",
    ),
    Question(
        prompt="The list's owner adds a political slogan. What changes in the app, and what could a user see?",
        choices=(
            "The app is updated, and the user sees a new version with release notes",
            "The app asks each user's permission before checking the new item",
            "Nothing in the app's code changes: it receives one more label and 64-bit number, and the user sees "
            "nothing",
        ),
        answer=2,
        why="The app runs the same check against whatever the list holds. The label is whatever the list's owner "
        "chose, and a 64-bit fingerprint says nothing about the text behind it. A promise about who controls the "
        "list is one the phone cannot check.",
    ),
    Question(
        prompt="How do the two proposals differ in whose messages the State reads, in the model?",
        choices=(
            "Both read every message of everyone",
            "The hacked phone is narrow and deep (every message of one target); scanning is wide and shallow (only "
            "messages that match, but from anyone, with no warrant)",
            "The hacked phone reads only messages that match a list; scanning reads everything",
        ),
        answer=1,
        why="Adding a target means hacking another phone for the implant, but only adding a line to the list for "
        "scanning, which every phone then checks. Scanning does not read everyone's messages, but it checks "
        "everyone's.",
    ),
)
