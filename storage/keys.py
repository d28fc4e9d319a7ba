"""The master key: from the setting or <data_dir>/secret.key, verified against the database."""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from bot.settings import Settings
from storage.crypto import (
    HEADER_BYTES,
    KEY_ID_BYTES,
    Cipher,
    KeyProblem,
    decode_key,
    encode_key,
    generate_key,
    key_id_of,
)
from storage.db import safe_url, writer
from storage.models import (
    ENCRYPTED,
    KEY_CHECK_NAME,
    Employee,
    Meta,
    associated_data,
    scope_of,
)
from storage.views import RotationResult

log = logging.getLogger(__name__)

KEY_FILE = "secret.key"
NEW_SUFFIX = ".new"  # the next key, written before a rotation commits
BACKUP_SUFFIX = ".bak"  # the old key, kept until the rotation has committed
ROTATED_FILE = "secret.key.rotated"  # the new key when the old one came from the environment
ENV_NAME = "SKILLSCOACH_ENCRYPTION_KEY"
KEY_CHECK_PLAINTEXT = b"skillscoach key check v1"
KEY_CHECK_AD = associated_data(Meta, "value", f"meta={KEY_CHECK_NAME}")


@dataclass(frozen=True)
class LoadedKey:
    """The key in use and where it came from."""

    raw: bytes
    origin: str  # "setting" or "file"
    path: Path | None


def key_file(settings: Settings) -> Path:
    """Where the generated key lives."""
    return settings.data_dir / KEY_FILE


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_key_file(path: Path, raw: bytes, *, exclusive: bool = True) -> None:
    """Write a key owner-only (0600) and durably; never replaces a file when exclusive."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    try:
        os.write(fd, (encode_key(raw) + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(path, 0o600)
    _fsync_dir(path.parent)


def read_key_file(path: Path) -> bytes:
    """Read a key file, tightening its permissions to 0600 when they are looser."""
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyProblem(f"Cannot read the encryption key file {path}: {exc}") from exc
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        log.warning("key file %s had mode %o; restricting it to 0600", path, mode)
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
    return decode_key(text, source=str(path))


def read_key_check(engine: Engine) -> bytes | None:
    """The stored key-check ciphertext (None for a database that never saw a key)."""
    with Session(engine) as session:
        row = session.get(Meta, KEY_CHECK_NAME)
        return bytes(row.value) if row is not None else None


def _matches(cipher: Cipher, check: bytes) -> bool:
    try:
        return cipher.decrypt(check, KEY_CHECK_AD) == KEY_CHECK_PLAINTEXT
    except KeyProblem:
        return False


def _stored_key_id(check: bytes) -> str:
    return bytes(check[1 : 1 + KEY_ID_BYTES]).hex() if len(check) > HEADER_BYTES else "?"


def _store_key_check(engine: Engine, cipher: Cipher) -> bytes:
    """Insert the key check when absent; the stored one when another process was first.

    Two workers opening a fresh PostgreSQL database can both find no row and both insert:
    the second insert fails on the primary key, and the first process's check is the one
    that counts (the caller verifies it against this process's key).
    """
    try:
        with Session(writer(engine)) as session, session.begin():
            row = session.get(Meta, KEY_CHECK_NAME)
            if row is None:
                value = cipher.encrypt(KEY_CHECK_PLAINTEXT, KEY_CHECK_AD)
                row = Meta(name=KEY_CHECK_NAME, value=value)
                session.add(row)
            stored = bytes(row.value)
    except IntegrityError:
        found = read_key_check(engine)
        if found is None:
            raise
        return found
    return stored


def load_key(settings: Settings, engine: Engine) -> tuple[Cipher, LoadedKey]:
    """Load (or on a fresh database create) the key and verify it against the database."""
    check = read_key_check(engine)
    where = safe_url(engine.url)
    if settings.encryption_key is not None:
        loaded = LoadedKey(
            decode_key(settings.encryption_key.get_secret_value(), source=ENV_NAME),
            "setting",
            None,
        )
    else:
        path = key_file(settings)
        if path.exists():
            raw = read_key_file(path)
        elif check is None:
            raw = _create_key(path)
        else:
            raise KeyProblem(
                f"The database {where} is encrypted, but the key file {path} is missing. "
                f"Restore secret.key from your backup into {path.parent} or set {ENV_NAME}. "
                "No new key was generated and nothing was changed."
            )
        loaded = LoadedKey(raw, "file", path)
    cipher = Cipher(loaded.raw)
    if check is None:
        check = _store_key_check(engine, cipher)
    if _matches(cipher, check):
        return cipher, loaded
    recovered = _finish_interrupted_rotation(settings, loaded, check)
    if recovered is not None:
        return recovered
    source = ENV_NAME if loaded.origin == "setting" else str(loaded.path)
    hint = ""
    rotated = settings.data_dir / ROTATED_FILE
    if loaded.origin == "setting" and rotated.exists():
        hint = f" The key was rotated: set {ENV_NAME} to the content of {rotated}."
    raise KeyProblem(
        f"The encryption key from {source} (key {cipher.key_id}) does not match the key the "
        f"database {where} was encrypted with (key {_stored_key_id(check)}). Use the original "
        f"key; nothing was changed.{hint}"
    )


def _create_key(path: Path) -> bytes:
    raw = generate_key()
    try:
        write_key_file(path, raw, exclusive=True)
    except FileExistsError:  # another process created it a moment ago: use theirs
        return read_key_file(path)
    log.info("generated a new encryption key in %s", path)
    return raw


def _finish_interrupted_rotation(
    settings: Settings, loaded: LoadedKey, check: bytes
) -> tuple[Cipher, LoadedKey] | None:
    # A rotation that committed but died before swapping the key files leaves the new key in
    # secret.key.new: adopt it, since the database already needs it.
    if loaded.origin != "file" or loaded.path is None:
        return None
    pending = loaded.path.with_name(loaded.path.name + NEW_SUFFIX)
    if not pending.exists():
        return None
    raw = read_key_file(pending)
    cipher = Cipher(raw)
    if not _matches(cipher, check):
        return None
    os.replace(pending, loaded.path)
    _fsync_dir(loaded.path.parent)
    backup = loaded.path.with_name(loaded.path.name + BACKUP_SUFFIX)
    backup.unlink(missing_ok=True)
    log.warning("completed an interrupted key rotation: %s now holds the new key", loaded.path)
    return cipher, LoadedKey(raw, "file", loaded.path)


def reencrypt_all(session: Session, old: Cipher, new: Cipher) -> int:
    """Re-encrypt every encrypted value (and recompute name hashes) inside `session`."""
    count = 0
    for model, columns in ENCRYPTED.items():
        for row in session.exec(select(model)).all():
            scope = scope_of(row)
            for column in columns:
                blob = getattr(row, column)
                if blob is None:
                    continue
                ad = associated_data(model, column, scope)
                plaintext = old.decrypt(blob, ad)
                setattr(row, column, new.encrypt(plaintext, ad))
                if isinstance(row, Employee) and column == "name_enc":
                    row.name_hash = new.lookup_hash(plaintext.decode("utf-8"))
                count += 1
            session.add(row)
        session.flush()
    return count


def rotate(
    settings: Settings, engine: Engine, old: Cipher, loaded: LoadedKey
) -> tuple[Cipher, LoadedKey, RotationResult]:
    """Re-encrypt everything under a new key in one transaction, then swap the key files."""
    raw = generate_key()
    while key_id_of(raw) == key_id_of(loaded.raw):  # ids must differ to tell the keys apart
        raw = generate_key()
    new = Cipher(raw)
    if loaded.origin == "file" and loaded.path is not None:
        pending = loaded.path.with_name(loaded.path.name + NEW_SUFFIX)
        backup = loaded.path.with_name(loaded.path.name + BACKUP_SUFFIX)
        # A leftover .new never matched the database (load_key would have adopted it).
        write_key_file(pending, raw, exclusive=False)
        write_key_file(backup, loaded.raw, exclusive=False)
    else:
        pending = settings.data_dir / ROTATED_FILE
        backup = None
        settings.ensure_data_dir()
        write_key_file(pending, raw, exclusive=False)
    try:
        with Session(writer(engine)) as session, session.begin():
            count = reencrypt_all(session, old, new)
    except BaseException:
        pending.unlink(missing_ok=True)
        if backup is not None:
            backup.unlink(missing_ok=True)
        raise
    result_file: str | None = None
    pending_file: str | None = None
    if backup is not None and loaded.path is not None:
        os.replace(pending, loaded.path)
        _fsync_dir(loaded.path.parent)
        backup.unlink(missing_ok=True)
        result_file = str(loaded.path)
    else:
        pending_file = str(pending)
    log.info("re-encrypted %s values from key %s to key %s", count, old.key_id, new.key_id)
    result = RotationResult(old.key_id, new.key_id, count, result_file, pending_file)
    return new, LoadedKey(raw, loaded.origin, loaded.path), result
