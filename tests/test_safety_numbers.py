"""Safety numbers against libsignal's published test vector, and the properties people rely on."""

from hypothesis import given
from hypothesis import strategies as st

from widgets.protocol.safety_numbers import fingerprint_digits, grouped, safety_number

# libsignal-protocol-c, tests/test_fingerprint.c (test_vectors): identity keys after the 0x05 type byte,
# identifiers, 5200 iterations, and the displayable fingerprint both sides must show.
ALICE_KEY = bytes.fromhex("06863bc66d02b40d27b8d49ca7c09e9239236f9d7d25d6fcca5ce13c7064d868")
BOB_KEY = bytes.fromhex("f781b6fb32fed9ba1cf2de978d4d5da28dc34046ae814402b5c0dbd96fda907b")
EXPECTED = "300354477692869396892869876765458257569162576843440918079131"


def test_matches_libsignals_test_vector_from_both_sides():
    assert safety_number(ALICE_KEY, "+14152222222", BOB_KEY, "+14153333333") == EXPECTED
    assert safety_number(BOB_KEY, "+14153333333", ALICE_KEY, "+14152222222") == EXPECTED


def test_shape_and_grouping():
    assert len(EXPECTED) == 60 and EXPECTED.isdigit()
    assert grouped(EXPECTED).split(" ")[0] == "30035" and len(grouped(EXPECTED).split(" ")) == 12


keys = st.binary(min_size=32, max_size=32)


@given(a=keys, b=keys, mitm=keys)
def test_a_substituted_key_changes_the_number(a, b, mitm):
    if mitm == b:
        return
    real = safety_number(a, "Alice", b, "Bob", iterations=50)
    assert safety_number(a, "Alice", mitm, "Bob", iterations=50) != real
    assert fingerprint_digits(b, "Bob", 50) != fingerprint_digits(mitm, "Bob", 50)
