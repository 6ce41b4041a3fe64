"""Chapter 01's live secret lab (view): buttons pressed from Python, outcomes read from the HTML."""

import html

from hypothesis import given
from hypothesis import strategies as st

from widgets.labs.secret_keys import OVERHEAD
from widgets.ui.secret_lab import TEXT_SHOWN, hex_preview, secret_lab


def _lab(text):
    lab = secret_lab()
    lab.text.value = text
    return lab


def test_lock_then_unlock_shows_the_message():
    lab = _lab("Meet me at noon")
    lab.lock_button.click()
    assert f"{len('Meet me at noon') + OVERHEAD} bytes" in lab.locked.value
    lab.unlock_button.click()
    assert "Unlocked" in lab.result.value and "Meet me at noon" in lab.result.value


def test_script_text_is_escaped_everywhere():
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    lab = _lab(attack)
    lab.lock_button.click()
    lab.unlock_button.click()
    for shown in (lab.locked.value, lab.result.value):
        assert "<script" not in shown and "<img" not in shown
    assert html.escape(attack, quote=True) in lab.result.value


@given(text=st.text(min_size=1, max_size=300).filter(str.strip))
def test_any_unicode_text_comes_back_escaped(text):
    lab = _lab(text)
    lab.lock_button.click()
    lab.unlock_button.click()
    assert "Unlocked" in lab.result.value
    if len(text) <= TEXT_SHOWN:
        assert html.escape(text, quote=True) in lab.result.value


def test_a_flipped_bit_is_reported_as_tampering():
    lab = _lab("Transfer £10 to Bob")
    lab.lock_button.click()
    before = lab.state["blob"]
    lab.flip_button.click()
    assert lab.state["blob"] != before and "flipped" in lab.result.value
    lab.unlock_button.click()
    assert "Tampering detected" in lab.result.value and "1 bit changed" in lab.result.value
    assert "Transfer" not in lab.result.value


def test_the_wrong_key_is_refused_and_the_right_key_still_works():
    lab = _lab("Meet me at noon")
    lab.lock_button.click()
    lab.wrong_key.value = True
    lab.unlock_button.click()
    assert "Tampering detected (or wrong key)" in lab.result.value and "wrong key" in lab.result.value
    lab.wrong_key.value = False
    lab.unlock_button.click()
    assert "Meet me at noon" in lab.result.value


def test_empty_input_gives_a_clear_message_and_nothing_breaks():
    lab = _lab("   ")
    lab.lock_button.click()
    assert "nothing to lock" in lab.result.value and lab.state["blob"] is None
    lab.flip_button.click()
    assert "Lock a message first" in lab.result.value
    lab.unlock_button.click()
    assert "Lock a message first" in lab.result.value


def test_changing_the_text_after_locking_asks_to_lock_again():
    lab = _lab("first")
    lab.lock_button.click()
    lab.text.value = "second"
    assert lab.state["blob"] is None and "Lock" in lab.result.value
    lab.unlock_button.click()
    assert "Lock a message first" in lab.result.value


def test_long_messages_are_shortened_with_their_length():
    text = "x" * 5000
    lab = _lab(text)
    lab.lock_button.click()
    assert f"{5000 + OVERHEAD:,} bytes" in lab.locked.value and "first 48 shown" in lab.locked.value
    assert lab.locked.value.count(" ") < 200  # the hex is cut, not 5,040 bytes long
    lab.unlock_button.click()
    assert "(5,000 characters)" in lab.result.value and "x" * 1000 not in lab.result.value


def test_hex_preview_cuts_and_marks():
    assert hex_preview(bytes([0, 255, 16])) == "00 ff 10"
    assert hex_preview(bytes(100), limit=2) == "00 00 …"
