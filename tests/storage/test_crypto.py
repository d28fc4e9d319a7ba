"""The AEAD layer: key ids, associated data, tampering, key parsing."""

from __future__ import annotations

import base64

import pytest

from storage.crypto import (
    FORMAT,
    HEADER_BYTES,
    Cipher,
    KeyProblem,
    decode_key,
    encode_key,
    generate_key,
    key_id_of,
)

AD = b"skillscoach|note.body_enc|manager=1"


def test_round_trip_carries_format_and_key_id() -> None:
    raw = generate_key()
    cipher = Cipher(raw)
    blob = cipher.encrypt_text("geheime notitie", AD)
    assert blob[0] == FORMAT and blob[1:5] == key_id_of(raw)
    assert b"geheime" not in blob
    assert cipher.decrypt_text(blob, AD) == "geheime notitie"
    assert cipher.encrypt_text("x", AD) != cipher.encrypt_text("x", AD)  # fresh nonces
    assert cipher.decrypt_json(cipher.encrypt_json({"a": [1, "é"]}, AD), AD) == {"a": [1, "é"]}


def test_ciphertext_is_bound_to_its_table_and_owner() -> None:
    cipher = Cipher(generate_key())
    blob = cipher.encrypt_text("x", AD)
    with pytest.raises(KeyProblem, match="integrity"):
        cipher.decrypt_text(blob, b"skillscoach|note.body_enc|manager=2")


def test_tampering_is_detected() -> None:
    cipher = Cipher(generate_key())
    blob = bytearray(cipher.encrypt_text("x", AD))
    blob[HEADER_BYTES] ^= 1
    with pytest.raises(KeyProblem):
        cipher.decrypt(bytes(blob), AD)
    with pytest.raises(KeyProblem, match="format"):
        cipher.decrypt(b"\x09" + bytes(40), AD)


def test_wrong_key_names_both_key_ids() -> None:
    blob = Cipher(generate_key()).encrypt_text("x", AD)
    other = Cipher(generate_key())
    with pytest.raises(KeyProblem, match=other.key_id):
        other.decrypt_text(blob, AD)


def test_keyring_decrypts_old_values_and_encrypts_with_primary() -> None:
    old, new = generate_key(), generate_key()
    blob = Cipher(old).encrypt_text("x", AD)
    ring = Cipher(new, old)
    assert ring.decrypt_text(blob, AD) == "x"
    assert ring.encrypt_text("y", AD)[1:5] == key_id_of(new)


def test_lookup_hash_is_keyed_and_normalized() -> None:
    cipher = Cipher(generate_key())
    assert cipher.lookup_hash("Anna  de Vries") == cipher.lookup_hash(" anna DE vries")
    assert cipher.lookup_hash("Anna") != Cipher(generate_key()).lookup_hash("Anna")
    assert cipher.lookup_hash("Anna") != cipher.lookup_hash("Anne")


def test_keys_parse_in_both_base64_alphabets() -> None:
    raw = generate_key()
    assert decode_key(encode_key(raw), source="x") == raw
    assert decode_key(base64.b64encode(raw).decode() + "\n", source="x") == raw
    with pytest.raises(KeyProblem, match="SKILLSCOACH_ENCRYPTION_KEY"):
        decode_key("too-short", source="SKILLSCOACH_ENCRYPTION_KEY")
