"""Who can write as Alice: a party tries, with only what it holds, to get a recipient's app to accept a message
as coming from someone else (``World.forge``).

The forger's bytes are handed to the recipient's phone as the Provider's servers deliver any message, labelled
as from the claimed sender: the worst case for the recipient (a Provider that delivers whatever it is given,
because it is the forger, is coerced or was breached). What decides is then only what the recipient's app
checks (``journey.receive``, the same code every delivered message goes through): without end-to-end
encryption nothing but the Provider's word vouches for the sender; with it, the forger needs a key that makes
the app's checks pass. It tries, in order:

1. a phone it controls: the State's implant on Alice's phone makes her own app send the words;
2. a private key that the recipient's app takes for the sender's (the sender's own, copied off a stolen phone,
   or the State's key that an interception order makes the directory hand out): a new message, made from
   scratch — under forward secrecy, a new X3DH session, as a reinstalled app would start;
3. a message key it holds for a message from the sender to the recipient (an escrow field it can open, a
   slot made for it as a ghost, a stolen chain key, or — for a member of a group — the envelope its own app
   received and the key that opened it, kept instead of dropped): the same envelope with new words and a
   new MAC — which a one-to-one MAC allows, a group signature does not, and a ratchet that has used that key
   refuses as a replay;
4. failing all that, a message locked with a key of its own, which the app refuses.

Every attempt runs on a copy of the world: forging changes nothing in it.
"""

from __future__ import annotations

import copy
from datetime import timedelta

from . import crypto
from .holdings import STATE
from .journey import Journey, receive
from .mechanisms.escrow import escrow_field
from .mechanisms.forward_secrecy import bundle, ratchet_envelope, send_key
from .message import Message, Notice, Step
from .ratchet import RatchetRefused
from .run import START

ENVELOPES_TRIED = 40  # the most recent end-to-end envelopes a forger tries to reuse (the newest are likeliest)


def forge(run, by: str, sender: str, recipient: str, text: bytes) -> Message:
    trial = copy.deepcopy(run)
    msg_id = len(trial.messages) + 1
    last = trial.messages[-1].time if trial.messages else None
    time = last + timedelta(minutes=4) if last is not None else START
    j = Journey(trial, msg_id, sender, (recipient,), text, time)
    j.sender_sealed = trial.policy.end_to_end and trial.policy.sealed_sender
    outcome, how = _attempt(trial, j, by)
    if outcome:
        status, notices = f"accepted as from {sender}", (Notice(recipient, f"shows it as a message from {sender}"),)
    else:
        status, notices = f"rejected: {how}", (Notice(recipient, f"refused a message claiming to be from {sender}"),)
    steps = (Step("relay", by, f"tries to write as {sender}: {how if outcome else 'no way in'}", recipient),)
    return Message(msg_id, sender, recipient, text.decode("utf-8"), time, status, 0, notices, (), steps, (recipient,))


def _attempt(run, j: Journey, by: str) -> tuple[bool, str]:
    """(accepted, how it got in — or, if not, the recipient's app's reason)."""
    sender, recipient = j.sender, j.recipients[0]
    if not run.policy.end_to_end:
        j.payload = j.text_frame()
        accepted, reason = _deliver(run, j, recipient)
        return (
            accepted,
            "without end-to-end encryption only the Provider's word vouches for the sender" if accepted else reason,
        )
    if by == STATE and run.policy.endpoint_implant and sender == "Alice":
        message = run.send(sender, (recipient,), j.text, False, j.time)
        if message.status == "delivered":
            return True, f"the implant on {sender}'s phone had her own app send it"
    reasons = []
    believed = run.lookup(recipient, sender)  # the key the recipient's app takes for the sender's
    for key in (k for k in run.keys[by] if k.kind == "x25519" and k.public == believed):
        accepted, reason = _fresh(run, j, key, recipient)
        if accepted:
            return True, f"it holds the key {recipient}'s app takes for {sender}'s ({key.label})"
        reasons.append(reason)
    publics = list(run.directory.values()) + sorted(run.handed_out)
    kept = [(envelope, key) for envelope, key in reversed(run.inbox.get(by, []))][:ENVELOPES_TRIED]
    held = [(envelope, None) for envelope in _held_envelopes(run, by)]
    for envelope, message_key in kept + held:
        if message_key is None:
            opened = crypto.open_blob(envelope, run.keys[by], publics)
            if not opened.message_keys:
                continue
            message_key = opened.message_keys[0]
        accepted, reason = _reuse(run, j, envelope, message_key, recipient)
        if accepted:
            return True, f"it holds the key of an earlier message from {sender} and re-used it with new words"
        reasons.append(reason)
    own = next((k for k in run.keys[by] if k.kind == "x25519"), None)
    if own is None:
        own = crypto.Key.x25519(f"{by}'s made-up key", j.nonce("forger-key", 32))
    accepted, reason = _fresh(run, j, own, recipient)
    if accepted:  # cannot happen unless the app's checks are broken: say so rather than hide it
        return True, "a key of its own was accepted"
    reasons.append(reason)
    # The most telling refusal first: one that got past the locks and failed a check (MAC, signature, replay).
    reasons.sort(key=lambda why: "no key on this phone opens" in why or "no contact's key" in why)
    return False, reasons[0] if len(reasons) == 1 else f"{reasons[0]} (and {_attempts(len(reasons) - 1)} failed)"


def _attempts(n: int) -> str:
    """Read in a sentence with the code hidden: "1 more attempt", "2 more attempts", never "attempt(s)"."""
    return f"{n} more attempt{'' if n == 1 else 's'}"


def _deliver(run, j: Journey, recipient: str) -> tuple[bool, str]:
    downlink = j.packet(run.directory[recipient], "forged-downlink", downlink=True)
    reception = receive(run, recipient, downlink)
    j.received = reception.payload
    if not reception.accepted:
        return False, f"{recipient}'s app refused it: {reception.reason}"
    if reception.sender != j.sender:
        return False, f"{recipient}'s app showed it as from {reception.sender}, not {j.sender}"
    problems = [problem for check in run.acceptance_checks if (problem := check(j, reception.opened))]
    if problems:
        return False, f"{recipient}'s app refused it: it {problems[0]}"
    return True, ""


def _fresh(run, j: Journey, key: crypto.Key, recipient: str) -> tuple[bool, str]:
    """A message made from scratch with ``key`` as the sender's identity key."""
    recipient_public = run.directory[recipient]
    message_key = j.nonce("forged-message-key", 32)
    if run.policy.forward_secrecy:
        try:
            header, message_key = send_key(
                run, f"forger as {j.sender}", key, recipient, recipient_public, bundle(run, STATE, recipient), j, True
            )
        except RatchetRefused as refused:
            return False, str(refused)
        j.addressees = [(recipient, recipient_public)]
        payload = ratchet_envelope(j, key, header, message_key)
    else:
        nonces = [j.nonce("forged-content"), j.nonce("forged-slot")]
        payload = crypto.lock_for(j.text_frame(), key, [recipient_public], message_key, nonces)
    if run.policy.escrow:  # every app carries what it takes to make a valid field
        payload = crypto.with_field(payload, "leaf", escrow_field(j, message_key, "forged-leaf"))
    j.payload = crypto.authenticate(payload, message_key, key.public, recipient_public, None)
    return _deliver(run, j, recipient)


def _reuse(run, j: Journey, envelope: bytes, message_key: bytes, recipient: str) -> tuple[bool, str]:
    """The same envelope with new words locked under the same message key, and a new MAC (a one-to-one MAC
    needs only the message key and public keys; a group signature needs the sender's signing key)."""
    header = crypto.envelope(envelope)
    header["body"] = crypto.lock_body(j.text_frame(), message_key, j.nonce("forged-reused-content"))
    payload = crypto.pack_envelope(header)
    if "sig" not in header:
        sender_public, recipient_public = run.lookup(recipient, j.sender), run.directory[recipient]
        payload = crypto.authenticate(payload, message_key, sender_public, recipient_public, None)
    j.payload = payload
    return _deliver(run, j, recipient)


def _held_envelopes(run, by: str) -> list[bytes]:
    """Every end-to-end envelope among what ``by`` holds: as held, or inside a frame it can open."""
    found: list[bytes] = []
    for record in reversed(run.records[by]):
        if record.blob is None:
            continue
        candidates = [record.blob]
        for frame in crypto.open_blob(record.blob, run.keys[by]).frames:
            candidates += [v for v in frame.values() if isinstance(v, bytes)]
        for blob in candidates:
            if blob[:1] == bytes([crypto.SLOTS]) and blob not in found:
                found.append(blob)
        if len(found) >= ENVELOPES_TRIED:
            break
    return found
