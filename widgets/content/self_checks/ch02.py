"""Self-check for chapter 02 · Public keys: Diffie–Hellman, Box, and the Provider's directory."""

from .question import Question

QUESTIONS = (
    Question(
        prompt="To agree a secret key with X25519, what does Alice send to Bob over the wire the Attacker watches?",
        choices=(
            "Her private key, locked",
            "Her public key; the shared secret itself never travels",
            "The shared secret, locked with a password",
            "Nothing: they must first meet in person",
        ),
        answer=1,
        why="Each side combines its own private key with the other's public key, and both get the same 32-byte "
        "secret. Only the public keys cross the wire; the private keys never leave the phones.",
    ),
    Question(
        prompt="Carol sees Alice's and Bob's public keys. Can she work out the secret Alice and Bob share?",
        choices=(
            "No: she would need Alice's or Bob's private key; with her own she gets a different secret",
            "Yes: two public keys are all it takes",
            "Yes, if she also records the messages they send",
        ),
        answer=0,
        why="Working out a private key from a public key is a problem for which nobody knows a fast method (the "
        "paint that cannot be un-mixed). Carol's own private key combined with either public key gives a "
        "different secret, as the chapter's code shows.",
    ),
    Question(
        prompt="Alice locks a message for Bob with Box. Who can open it?",
        choices=(
            "Only Bob",
            "Anyone who has Bob's public key",
            "Bob, and Alice too",
            "The Provider, because it carries the message",
        ),
        answer=2,
        why="Box works out the same shared secret from either end: Bob's private key with Alice's public key, or "
        "Alice's private key with Bob's public key. So Alice can reopen her own message; nobody else can.",
    ),
    Question(
        prompt="Alice's phone asks the Provider's directory for Bob's public key and gets 32 bytes. How can her "
        "phone tell that they really are Bob's?",
        choices=(
            "The bytes contain Bob's name",
            "It cannot tell by looking at them: she has to trust the directory, until she checks safety numbers",
            "The government signs every key",
        ),
        answer=1,
        why='A public key looks like 32 random bytes and nothing in it says "Bob". Alice\'s app locks the message '
        "for whatever key it is handed, so end-to-end encryption protects her only if the directory hands out the "
        "right keys. Chapter 05 tests a directory that does not, and safety numbers.",
    ),
)
