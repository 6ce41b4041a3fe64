"""No shortcuts: each app and party decides from what it really holds — the recipient from the bytes it
received, the State from what the Provider's own decryption gives, the thief from what is on the phone."""

import pytest

from widgets import Policy, World
from widgets.protocol import crypto, journey
from widgets.protocol.mechanisms.cloud_backup import CloudBackup


def test_the_recipients_app_never_compares_with_what_the_sender_typed(monkeypatch):
    # The sender's app locks other words than the model's record of what was typed: the recipient, who never
    # saw the typing, accepts and reads the locked words. (Judging against the typed text would reject it.)
    original = journey.Journey.text_frame
    monkeypatch.setattr(
        journey.Journey, "text_frame", lambda j: original(j).replace(b"noon", b"nine") if j.id == 1 else original(j)
    )
    world = World(seed=2)
    m = world.send("Alice", "Bob", "meet at noon")
    assert m.status == "delivered"
    assert world.read_as("Bob", m) == "meet at nine"


def alter_downlink_header(monkeypatch, change):
    """An active attacker rewrites the ratchet header of each downlink, leaving body and MAC as they are."""
    original = journey.Journey.packet

    def packet(j, public, use, tamper=False, downlink=False):
        wire = original(j, public, use, tamper, downlink)
        if not downlink:
            return wire
        fields = crypto.read_frame(wire)
        header = crypto.envelope(fields["body"])
        header["ratchet"] = change(dict(header["ratchet"]))
        return crypto.frame(**{**fields, "body": crypto.pack_envelope(header)})

    monkeypatch.setattr(journey.Journey, "packet", packet)


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("n", lambda h: {**h, "n": h["n"] + 1}),
        ("pn", lambda h: {**h, "pn": h["pn"] + 3}),
        ("dh", lambda h: {**h, "dh": bytes(32 - 1) + b"\x09"}),
        ("ek", lambda h: {**h, "ek": bytes(31) + b"\x09"} if "ek" in h else h),
    ],
)
def test_a_ratchet_header_altered_on_the_wire_is_refused(monkeypatch, field, change):
    alter_downlink_header(monkeypatch, change)
    world = World(seed=3, policy=Policy(forward_secrecy=True))
    m = world.send("Alice", "Bob", "first")  # the first message announces its X3DH fields (ek, spk, opk)
    assert m.status == "tampering detected", (field, m.warnings)
    assert "Bob" not in world.readers(m)


def test_the_key_comes_from_the_received_header_not_from_any_other_copy(monkeypatch):
    # The altered counter makes Bob's app derive another key, which does not open the body: the refusal comes
    # from the lock itself, before the MAC is even checked.
    alter_downlink_header(monkeypatch, lambda h: {**h, "n": h["n"] + 1})
    m = World(seed=3, policy=Policy(forward_secrecy=True)).send("Alice", "Bob", "first")
    assert "no key on this phone opens it as coming from Alice" in m.warnings[0].text


def test_the_pn_field_is_checked_by_the_mac_even_though_it_changes_no_key(monkeypatch):
    alter_downlink_header(monkeypatch, lambda h: {**h, "pn": h["pn"] + 3})
    m = World(seed=3, policy=Policy(forward_secrecy=True)).send("Alice", "Bob", "first")
    assert "its MAC does not check out" in m.warnings[0].text


def test_the_backup_hand_over_is_what_the_providers_own_decryption_gives():
    world = World(seed=4, policy=Policy(cloud_backup=True))
    m = world.send("Alice", "Bob", "backed up")
    provider, state = world.holdings("Provider"), world.holdings("State")
    backup = next(r.blob for r in provider.about(m.id) if r.kind == "backup")
    by_provider = crypto.open_secret(backup, next(k.secret for k in provider.keys if "backup" in k.label))
    handed = [r.blob for r in state.about(m.id) if r.note.startswith("backed-up chats")]
    assert len(handed) == 1
    assert crypto.unseal(handed[0], next(k for k in state.keys if "hand-over" in k.label)) == by_provider


def test_backups_locked_with_a_key_only_the_phone_holds_give_the_state_ciphertext_only(monkeypatch):
    monkeypatch.setattr(CloudBackup, "backup_key", staticmethod(lambda run, party: run.secret(party, "storage")))
    world = World(seed=4, policy=Policy(cloud_backup=True))
    m = world.send("Alice", "Bob", "backed up, end to end")
    assert world.readers(m) == {"Alice", "Bob"}
    assert world.access("State", m) == "metadata only"  # the warrant still brings who, to whom, when


def test_a_stolen_phone_gives_the_history_stored_on_it_and_says_so():
    world = World(seed=5, policy=Policy(forward_secrecy=True))
    m = world.send("Alice", "Bob", "kept on the phone")
    taken = world.compromise("Bob", by="State")
    assert taken[-1] == "stolen from Bob's phone: its chat history (1 stored message)"
    assert world.read_from("State", m) == ("chat history",)
