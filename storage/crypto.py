"""Encryption at rest: AES-256-GCM with a key id in every ciphertext, and keyed lookup hashes."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import unicodedata
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# Layout of a stored value: FORMAT (1 byte) | key id (4) | nonce (12) | ciphertext + tag (16).
FORMAT = 1
KEY_BYTES = 32
KEY_ID_BYTES = 4
NONCE_BYTES = 12
HEADER_BYTES = 1 + KEY_ID_BYTES + NONCE_BYTES
CIPHER_NAME = "AES-256-GCM"


class KeyProblem(Exception):
    """The encryption key is missing, wrong or unusable; str(exc) says what to do."""


def generate_key() -> bytes:
    """A fresh random 256-bit master key."""
    return AESGCM.generate_key(bit_length=256)


def encode_key(raw: bytes) -> str:
    """The text form of a key, as stored in secret.key and SKILLSCOACH_ENCRYPTION_KEY."""
    return base64.urlsafe_b64encode(raw).decode("ascii")


def decode_key(text: str, *, source: str) -> bytes:
    """Parse a base64 key (standard or URL-safe alphabet); KeyProblem names the source."""
    cleaned = "".join(text.split())
    try:
        raw = base64.b64decode(cleaned.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != KEY_BYTES:
        raise KeyProblem(
            f"The encryption key in {source} is not valid: expected {KEY_BYTES} bytes in "
            'base64 (44 characters). Generate one with: python -c "import base64,os; '
            'print(base64.urlsafe_b64encode(os.urandom(32)).decode())"'
        )
    return raw


def _derive(raw: bytes, purpose: bytes) -> bytes:
    # Separate subkeys so the lookup hashes never reuse the encryption key itself.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(raw)


def key_id_of(raw: bytes) -> bytes:
    """The short public identifier of a master key, stored in front of each ciphertext."""
    return hashlib.sha256(b"skillscoach/key-id/v1" + raw).digest()[:KEY_ID_BYTES]


def normalize_name(name: str) -> str:
    """A name as used for case-insensitive lookups: NFKC, collapsed spaces, casefolded."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


class Cipher:
    """Seals and opens values; encrypts with the primary key, decrypts with any key it holds."""

    def __init__(self, primary: bytes, *older: bytes) -> None:
        for raw in (primary, *older):
            if len(raw) != KEY_BYTES:
                raise KeyProblem(f"An encryption key must be {KEY_BYTES} bytes.")
        self._primary_id = key_id_of(primary)
        self._aeads = {
            key_id_of(raw): AESGCM(_derive(raw, b"skillscoach/aead/v1"))
            for raw in (*older, primary)
        }
        self._index_key = _derive(primary, b"skillscoach/lookup/v1")

    @property
    def key_id(self) -> str:
        """Hex id of the key new values are encrypted with."""
        return self._primary_id.hex()

    def encrypt(self, plaintext: bytes, ad: bytes) -> bytes:
        """Encrypt and authenticate `plaintext`, bound to the associated data `ad`."""
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aeads[self._primary_id].encrypt(nonce, plaintext, ad)
        return bytes([FORMAT]) + self._primary_id + nonce + sealed

    def decrypt(self, blob: bytes, ad: bytes) -> bytes:
        """Decrypt a value written by `encrypt` with the same associated data."""
        blob = bytes(blob)
        if len(blob) < HEADER_BYTES + 16 or blob[0] != FORMAT:
            raise KeyProblem("A stored value is not in Skillscoach's encrypted format.")
        key_id = blob[1 : 1 + KEY_ID_BYTES]
        aead = self._aeads.get(key_id)
        if aead is None:
            raise KeyProblem(
                f"Stored data was encrypted with key {key_id.hex()}, but the key in use is "
                f"{self.key_id}. Use the key this database was written with."
            )
        nonce = blob[1 + KEY_ID_BYTES : HEADER_BYTES]
        try:
            return aead.decrypt(nonce, blob[HEADER_BYTES:], ad)
        except InvalidTag:
            raise KeyProblem(
                "A stored value failed its integrity check: it was altered or moved to "
                "another record."
            ) from None

    def encrypt_text(self, text: str, ad: bytes) -> bytes:
        """Encrypt a string."""
        return self.encrypt(text.encode("utf-8"), ad)

    def decrypt_text(self, blob: bytes, ad: bytes) -> str:
        """Decrypt a string."""
        return self.decrypt(blob, ad).decode("utf-8")

    def encrypt_json(self, value: Any, ad: bytes) -> bytes:
        """Encrypt a JSON-serialisable value."""
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return self.encrypt(data.encode("utf-8"), ad)

    def decrypt_json(self, blob: bytes, ad: bytes) -> Any:
        """Decrypt a JSON value."""
        return json.loads(self.decrypt(blob, ad))

    def lookup_hash(self, text: str) -> str:
        """Keyed hash of a normalized name, so names can be found without storing them in clear."""
        digest = hmac.new(self._index_key, normalize_name(text).encode("utf-8"), hashlib.sha256)
        return digest.hexdigest()
