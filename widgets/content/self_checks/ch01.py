"""Self-check for chapter 01 · Secret messages: keys, nonces, tampering and guessing."""

from .question import Question

QUESTIONS = (
    Question(
        prompt="Without the key, what does a message locked with SecretBox give away about the words inside?",
        choices=(
            "Nothing at all, not even its size",
            "The first few letters, which are left in the clear",
            "Its length: the locked message is always exactly 40 bytes longer than the text",
            "Who wrote it, because the sender's name is inside the nonce",
        ),
        answer=2,
        why="A locked message is the 24-byte nonce, the 16-byte tag and the scrambled text, which is exactly as "
        "long as the text. PyNaCl's documentation says it leaks nothing about the message \"other than the "
        'length".',
    ),
    Question(
        prompt="The nonce travels in the clear, in front of every locked message. What must be true of it?",
        choices=(
            "It must never be used twice with the same key",
            "It must be kept as secret as the key",
            "It must be the same for every message, so that Bob can unlock them",
        ),
        answer=0,
        why="The nonce is not secret, but the same key and nonce give the same stream of bytes. Lock two messages "
        "with both and anyone can combine the two ciphertexts: the stream cancels out and leaves the two messages "
        "combined, with no key needed (section 1).",
    ),
    Question(
        prompt="An attacker on the wire flips one bit of a locked message. What does Bob's app get when it unlocks?",
        choices=(
            "The message with one letter changed, which Bob may not notice",
            'Nothing: it refuses the message, "tampering detected (or wrong key)"',
            "The original message: one bit makes no difference",
        ),
        answer=1,
        why="SecretBox recomputes the 16-byte Poly1305 tag from the key, the nonce and the bytes received. One "
        "flipped bit and the tags differ, so it returns nothing at all, not even a garbled message. A wrong key "
        "gives the same refusal.",
    ),
    Question(
        prompt='"With enough computers, a government could simply guess the key of an encrypted message." For '
        "SecretBox's 256-bit keys, is that right?",
        choices=(
            "Yes: a billion machines would find any key within a few years",
            "Yes, but only for messages sent before 2020",
            "No: even at 10²¹ guesses a second, an average search takes about 1.8 × 10⁴⁸ years",
        ),
        answer=2,
        why="There are 2²⁵⁶ keys, and every extra bit doubles the work: a machine a million times faster gains back "
        "only 20 bits. Even merely counting to 2²⁵⁶ at physics' energy floor would need "
        "more energy than the Sun gives off in 10²² years.",
    ),
    Question(
        prompt="If guessing keys is hopeless, how do people really get into encrypted messages?",
        choices=(
            "By breaking the mathematics of XSalsa20 and Poly1305",
            "Through stolen keys, weak passwords and flawed software",
            "They never can: encrypted means unreadable for ever",
        ),
        answer=1,
        why="Brute force covers only guessing. A key copied from a phone or a server needs no guessing, a password "
        "or PIN has far fewer possibilities than 2²⁵⁶, and a bug or a reused nonce can leak secrets. That is why "
        "the debate in the rest of the course is about who holds the keys.",
    ),
)
