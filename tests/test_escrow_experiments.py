"""Chapter 04's experiments: the escrow field on the wire, Blaze's forgery against the real check, what
chance predicts, superencryption inside the escrowed app, and the forgery figure's labels and alt text."""

import math
import random

import pytest

from widgets import Policy, World
from widgets.labs.escrow import (
    EscrowSetup,
    field_on_the_wire,
    forge_with_family_key,
    forgery_trials,
    geometric_expectation,
    inner_layer,
    keys_from_field,
    receiver_check,
    send_superencrypted,
    sender_device,
    unlock_carried,
)
from widgets.labs.secret_keys import new_key, teaching_nonce
from widgets.protocol.leaf import LEAF_BYTES, check_leaf, forge_leaf, open_leaf

CONVERSATION = [
    ("Alice", "Bob", "Meet at noon by the river"),
    ("Bob", "Alice", "OK. I'll bring the map"),
    ("Bob", "Carol", "Alice says noon, are you coming?"),
]


def escrowed_world(policy=None):
    world = World(seed=7, policy=policy or Policy(escrow=True))
    for sender, recipient, text in CONVERSATION:
        world.send(sender, recipient, text)
    return world


@pytest.fixture(scope="module")
def trials():
    return forgery_trials(32, seed=1994)


# --- Blaze's forgery ----------------------------------------------------------------------------


def test_forged_fields_pass_the_real_check_but_give_the_escrow_agent_no_key(trials):
    assert trials.count == 32
    assert trials.accepted == 32  # every forged field passes the model's own check_leaf
    assert trials.keys_recovered == 0  # and the escrow agent's key opens none of them
    assert all(f.agent_recovers is None and len(f.field) == LEAF_BYTES for f in trials.forgeries)
    assert trials.genuine_field_opens  # the control: a field made the compliant way does open
    assert open_leaf(trials.forgeries[0].field, EscrowSetup(1994).agent) is None


def test_forged_fields_are_checked_against_the_message_they_were_made_for(trials):
    setup = EscrowSetup(1994)
    first = trials.forgeries[0]
    assert check_leaf(first.field, setup.message_key(0), setup.family_key)
    # A field forged for one message key passes another message's check only by chance (1 in 65,536).
    others = sum(check_leaf(first.field, setup.message_key(i), setup.family_key) for i in range(1, 32))
    assert others <= 1


def test_a_seeded_run_averages_near_two_to_the_sixteen(trials):
    # 32 draws from a geometric law with mean 65,536 (sd ≈ 65,536): the sample mean's sd is ≈ 11,600.
    assert 0.6 * 2**16 <= trials.mean <= 1.5 * 2**16
    assert trials.tries[:4] == forgery_trials(4, seed=1994).tries  # seeded: the same run every time
    assert forgery_trials(3, seed=1995).tries != trials.tries[:3]


def test_the_fast_check_answers_exactly_as_check_leaf():
    setup = EscrowSetup(3)
    key, family = setup.message_key(0), setup.family_key
    fast, real = receiver_check(key, family), receiver_check(key, family, fast=False)
    rng = random.Random(0)
    fields = [rng.randbytes(LEAF_BYTES) for _ in range(3000)] + [setup.genuine_field(key), b"", b"x" * 10]
    forged, _ = forge_leaf(real, randbytes=random.Random(1).randbytes)
    fields.append(forged)
    assert [fast(f) for f in fields] == [real(f) for f in fields] == [check_leaf(f, key, family) for f in fields]
    assert fast(forged) and fast(setup.genuine_field(key))


def test_searching_with_the_real_check_gives_the_same_run():
    assert forgery_trials(2, seed=11, fast=False).tries == forgery_trials(2, seed=11).tries


@pytest.mark.parametrize("count", [0, -1, 1000, 2.5, True, "3"])
def test_forgery_trials_refuses_nonsense_counts(count):
    with pytest.raises(ValueError, match="count"):
        forgery_trials(count, seed=1)


def test_geometric_expectation_matches_the_formulas():
    law = geometric_expectation(16)
    assert law.mean == 65_536 and law.p == 2**-16
    assert law.within(65_536) == pytest.approx(1 - (1 - 2**-16) ** 65_536)
    assert law.within(65_536) == pytest.approx(1 - math.exp(-1), abs=1e-5)  # about 63%
    assert law.within(0) == 0
    assert law.median == math.ceil(math.log(0.5) / math.log(1 - 2**-16))
    assert law.within(law.median) >= 0.5 > law.within(law.median - 1)
    edges = [0, 2**15, 2**16, 2**40]
    assert sum(law.expected_counts(edges, 32)) == pytest.approx(32 * law.within(2**40))
    assert geometric_expectation(32).mean == 2**32
    with pytest.raises(ValueError):
        geometric_expectation(0)
    with pytest.raises(ValueError):
        law.tries_for(1.0)


# --- the field on the wire ----------------------------------------------------------------------


def test_the_field_is_taken_from_the_attackers_own_capture_and_opens_only_for_the_state():
    world = escrowed_world()
    field = field_on_the_wire(world, 1)
    assert field is not None and len(field.field) == LEAF_BYTES == 111
    assert [size for _, size, _ in field.parts()] == [4, 105, 2]
    assert field.field in world.holdings("Attacker").about(1)[0].blob  # the Attacker has these very bytes
    assert sender_device(field, world.users) == "Alice"
    assert sender_device(field_on_the_wire(world, 3), world.users) == "Bob"
    key = keys_from_field(world, "State", field)
    assert key is not None and len(key) == 32
    assert keys_from_field(world, "Attacker", field) is None
    assert keys_from_field(world, "Provider", field) is None
    assert "111 bytes" in str(field) and "unit id" in str(field)


def test_a_stolen_escrow_key_opens_the_field_for_the_attacker():
    world = escrowed_world(Policy(escrow=True, escrow_breach=True))
    for message in world.messages:
        assert keys_from_field(world, "Attacker", field_on_the_wire(world, message)) is not None


def test_no_field_without_escrow():
    assert field_on_the_wire(escrowed_world(Policy()), 1) is None
    assert field_on_the_wire(escrowed_world(Policy(end_to_end=False, escrow=True)), 1) is None
    with pytest.raises(ValueError):
        field_on_the_wire(escrowed_world(), 99)


# --- superencryption ----------------------------------------------------------------------------

SHARED = new_key("test: Alice and Bob agreed this in person")


def test_superencryption_leaves_the_escrow_agent_only_the_inner_ciphertext():
    world = escrowed_world()
    secret = "The river, at noon. Come alone."
    sent = send_superencrypted(world, "Alice", "Bob", secret, SHARED, teaching_nonce("test superencryption"))
    assert sent.message.status == "delivered"  # the escrow field is valid: the app has nothing to refuse
    assert world.readers(sent.message) == {"Alice", "Bob", "State"}
    state_reads = world.read_as("State", sent.message)
    assert state_reads == sent.carried and secret not in state_reads
    assert not any(secret.encode() in blob for blob in world.holdings("State").all_bytes())
    layers = inner_layer(world, sent.message, {"Alice": [SHARED], "Bob": [SHARED]})
    assert layers["State"] == {"reads": sent.carried, "inner": None}  # every key it holds fails
    assert layers["Bob"]["inner"] == layers["Alice"]["inner"] == secret
    assert layers["Attacker"] == {"reads": None, "inner": None}


def test_with_the_escrow_key_stolen_the_attacker_too_gets_only_the_inner_ciphertext():
    world = escrowed_world(Policy(escrow=True, escrow_breach=True))
    sent = send_superencrypted(world, "Alice", "Bob", "noon", SHARED, teaching_nonce("test breach"))
    layers = inner_layer(world, sent.message)
    assert layers["Attacker"]["reads"] == sent.carried and layers["Attacker"]["inner"] is None


def test_unlock_carried_refuses_wrong_keys_and_garbage():
    blob = send_superencrypted(escrowed_world(), "Alice", "Bob", "hi", SHARED, teaching_nonce("t")).carried
    assert unlock_carried(blob, SHARED) == "hi"
    assert unlock_carried(blob, new_key("another key")) is None
    assert unlock_carried("not base64 at all!", SHARED) is None
    assert unlock_carried(None, SHARED) is None
    assert unlock_carried(blob, b"short") is None


# --- the figure ---------------------------------------------------------------------------------


def test_the_figure_has_labelled_axes_a_legend_and_its_assumptions(trials):
    from widgets.ui.escrow_plots import forgery_figure

    fig = forgery_figure(trials)
    hist, curve = fig.axes
    assert "tried" in hist.get_xlabel() and "forgeries" in hist.get_ylabel()
    assert "tries" in curve.get_xlabel() and "%" in curve.get_ylabel()
    labels = [t.get_text() for t in hist.get_legend().get_texts()]
    assert any("chance predicts" in label for label in labels) and any("65,536" in label for label in labels)
    assert curve.get_legend() is not None
    assert any("Assumptions" in t.get_text() and "seed 1994" in t.get_text() for t in fig.texts)
    # The expected counts drawn are the geometric law's, for 32 forgeries.
    drawn = hist.get_lines()[0].get_ydata()
    assert sum(drawn) == pytest.approx(32 * geometric_expectation(16).within(hist.get_xlim()[1] * 1000), rel=1e-6)


def test_the_figure_comes_with_alt_text_that_states_the_numbers(trials):
    from widgets.ui.escrow_plots import forgery_alt, forgery_plot, within_share

    shown = forgery_plot(trials)
    alt = forgery_alt(trials)
    assert repr(shown) == f"Figure: {alt}"
    assert 'alt="Two charts' in shown.data and "<figcaption" in shown.data
    done, _ = within_share(trials, 65_536)
    assert f"{done} of 32" in alt and f"{min(trials.tries):,}" in alt and "65,536" in alt


def test_the_figure_fits_a_desk_unscrolled_and_a_phone_shrunk_a_little(trials):
    """Stacked and about 440 px wide: under a 1280 px page's width with no scroll box, and shrunk to a phone's
    ~340 px by no more than a quarter (its text stays readable), where it is not put in a sideways scroll box."""
    import base64
    import io
    import re

    from PIL import Image

    from widgets.ui.escrow_plots import forgery_plot

    shown = forgery_plot(trials).data
    png = base64.b64decode(re.search(r'src="data:image/png;base64,([^"]+)"', shown).group(1))
    width, height = Image.open(io.BytesIO(png)).size
    assert 400 <= width <= 460 and height > width, (width, height)
    assert (
        'class="course-figure fits"' in shown and ".course-figure.fits .figure-scroll { overflow-x: visible; }" in shown
    )


def test_the_figure_refuses_an_empty_run():
    from widgets.ui.escrow_plots import forgery_figure

    with pytest.raises(ValueError):
        forgery_figure([])
    with pytest.raises(ValueError):
        forgery_figure([0, 5])


@pytest.mark.parametrize("seed", [1994, 7, 2026])
def test_a_rogue_app_with_the_family_key_forges_a_valid_field_in_one_try(seed):
    """Software escrow: the family key sits in every compliant app, so a copy computes the check outright."""
    forged = forge_with_family_key(seed)
    setup = EscrowSetup(seed)
    assert forged.tries == 1 and len(forged.field) == LEAF_BYTES
    assert forged.receiver_accepts and check_leaf(forged.field, setup.message_key(0), setup.family_key)
    assert forged.agent_recovers is None and open_leaf(forged.field, setup.agent) is None
    # it is the family key that makes it work: the same field fails a check keyed otherwise
    assert not check_leaf(forged.field, setup.message_key(0), EscrowSetup(seed + 1).family_key)
    # and it is not luck: a search without the key needs thousands of tries for the same check
    assert forgery_trials(1, seed=seed).forgeries[0].tries > 1
