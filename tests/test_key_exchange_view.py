"""The chapter 02 widget: setting its controls from Python redraws it from the model, and it escapes."""

from __future__ import annotations

from widgets.labs.public_keys import CANNOT_OPEN, key_pair, short_hex
from widgets.ui.key_exchange import key_exchange


def test_starts_with_alice_and_bob_agreeing_and_carol_left_out():
    lab = key_exchange()
    assert short_hex(key_pair("Alice").public) in lab.key_table.value
    assert "the same secret" in lab.secret_view.value
    assert "neither matches" in lab.secret_view.value
    result = lab.result_view.value
    assert "Bob (recipient) tries to open it: “Meet at noon”" in result
    assert f"Carol (third person) tries to open it: <strong>{CANNOT_OPEN}</strong>" in result


def test_choosing_carol_as_recipient_makes_bob_the_outsider():
    lab = key_exchange()
    before = lab.secret_view.value
    lab.controls["recipient"].value = "Carol"
    assert lab.secret_view.value != before
    assert "Bob sees both public keys" in lab.secret_view.value
    assert "Carol (recipient) tries to open it: “Meet at noon”" in lab.result_view.value
    assert f"Bob (third person) tries to open it: <strong>{CANNOT_OPEN}</strong>" in lab.result_view.value


def test_typed_text_is_locked_and_escaped():
    lab = key_exchange()
    lab.controls["text"].value = "<script>alert('x')</script>"
    html = lab.result_view.value
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_empty_message_shows_a_clear_message():
    lab = key_exchange()
    lab.controls["text"].value = "   "
    assert "The message is empty" in lab.result_view.value
    assert "Traceback" not in lab.result_view.value


def test_tampering_switch_makes_everyone_fail():
    lab = key_exchange()
    lab.controls["tampered"].value = True
    html = lab.result_view.value
    assert "flipped one bit" in html
    assert html.count(CANNOT_OPEN) == 3
    lab.controls["tampered"].value = False
    assert lab.result_view.value.count(CANNOT_OPEN) == 1


def test_same_person_twice_asks_for_two_people():
    lab = key_exchange()
    lab.controls["recipient"].value = "Alice"
    assert "Choose two different people" in lab.secret_view.value
    assert "Choose two different people" in lab.result_view.value


def test_private_keys_never_shown():
    lab = key_exchange()
    shown = lab.key_table.value + lab.secret_view.value + lab.result_view.value
    for name in ("Alice", "Bob", "Carol"):
        private = key_pair(name).private.hex()
        assert private[:8] not in shown and private[-8:] not in shown
