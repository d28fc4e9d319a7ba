"""Key handling: generated once 0600, wrong or missing keys refused cleanly, rotation."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from bot.settings import Settings
from storage import keys
from storage.crypto import KeyProblem, encode_key, generate_key
from storage.db import make_engine
from storage.models import metadata
from storage.service import Store
from tests.storage.factories import EMPLOYEE_NAME, NOTE_TEXT, populate


def _digest(settings: Settings) -> str:
    """A fingerprint of every stored row, to prove a refused open changed nothing."""
    engine = make_engine(settings.db_url)
    digest = hashlib.sha256()
    try:
        with engine.connect() as conn:
            for table in metadata.sorted_tables:
                for row in conn.execute(select(table).order_by(*table.primary_key.columns)):
                    digest.update(repr(tuple(row)).encode())
    finally:
        engine.dispose()
    return digest.hexdigest()


def _notes(store: Store) -> list[str]:
    manager = store.get_manager(external_id="tg:1001")
    assert manager is not None
    employee = store.find_employee(manager_id=manager.id, name=EMPLOYEE_NAME)
    assert employee is not None
    return [n.body for n in store.list_notes(manager_id=manager.id, employee_id=employee.id)]


def test_first_open_generates_an_owner_only_key_file(store_settings: Settings) -> None:
    with Store.open(store_settings) as store:
        key_id = store.key_id
    path = keys.key_file(store_settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    content = path.read_text()
    with Store.open(store_settings) as store:
        assert store.key_id == key_id
    assert path.read_text() == content


def test_a_second_process_storing_the_key_check_at_the_same_time_opens_too(
    store_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # two workers open a fresh database together: both find no key check and both insert one;
    # the one that loses the race takes the stored check instead of exiting
    with Store.open(store_settings) as store:
        key_id = store.key_id
    engine = make_engine(store_settings.db_url)
    stored = keys.read_key_check(engine)
    real_get = keys.Session.get
    calls = []

    def late_get(self: object, *args: object, **kwargs: object) -> object:
        calls.append(args)
        # the first look happens before the other process committed its row
        return None if len(calls) == 1 else real_get(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(keys.Session, "get", late_get)
    try:
        assert keys._store_key_check(engine, keys.Cipher(generate_key())) == stored
    finally:
        engine.dispose()
    monkeypatch.undo()
    with Store.open(store_settings) as store:
        assert store.key_id == key_id


def test_loose_key_file_permissions_are_tightened(store_settings: Settings) -> None:
    Store.open(store_settings).close()
    path = keys.key_file(store_settings)
    os.chmod(path, 0o644)
    Store.open(store_settings).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_missing_key_file_is_refused_and_never_regenerated(store_settings: Settings) -> None:
    with Store.open(store_settings) as store:
        populate(store)
    path = keys.key_file(store_settings)
    saved = path.read_bytes()
    path.unlink()
    before = _digest(store_settings)
    with pytest.raises(KeyProblem, match="missing"):
        Store.open(store_settings)
    assert not path.exists()
    assert _digest(store_settings) == before
    path.write_bytes(saved)
    with Store.open(store_settings) as store:
        assert _notes(store) == [NOTE_TEXT]


def test_wrong_key_file_is_refused_without_touching_data(store_settings: Settings) -> None:
    with Store.open(store_settings) as store:
        populate(store)
    path = keys.key_file(store_settings)
    saved = path.read_bytes()
    path.write_text(encode_key(generate_key()))
    before = _digest(store_settings)
    with pytest.raises(KeyProblem, match="does not match"):
        Store.open(store_settings)
    assert _digest(store_settings) == before
    path.write_bytes(saved)
    with Store.open(store_settings) as store:
        assert _notes(store) == [NOTE_TEXT]


def test_garbage_key_file_gives_a_clear_error(store_settings: Settings) -> None:
    Store.open(store_settings).close()
    keys.key_file(store_settings).write_text("not a key")
    with pytest.raises(KeyProblem, match="not valid"):
        Store.open(store_settings)


def test_key_from_setting_is_used_and_verified(store_settings: Settings) -> None:
    secret = encode_key(generate_key())
    with_key = store_settings.model_copy(update={"encryption_key": SecretStr(secret)})
    with Store.open(with_key) as store:
        populate(store)
    assert not keys.key_file(store_settings).exists()
    wrong = store_settings.model_copy(
        update={"encryption_key": SecretStr(encode_key(generate_key()))}
    )
    with pytest.raises(KeyProblem, match="SKILLSCOACH_ENCRYPTION_KEY"):
        Store.open(wrong)
    with pytest.raises(KeyProblem, match="missing"):
        Store.open(store_settings)  # no setting and no file: refused, no key generated
    assert not keys.key_file(store_settings).exists()
    with Store.open(with_key) as store:
        assert _notes(store) == [NOTE_TEXT]


def test_rotation_reencrypts_everything_and_replaces_the_key(store_settings: Settings) -> None:
    with Store.open(store_settings) as store:
        world = populate(store)
        old_key = keys.key_file(store_settings).read_bytes()
        result = store.rotate_key()
        assert result.old_key_id != result.new_key_id == store.key_id
        assert result.values >= 10
        assert _notes(store) == [NOTE_TEXT]  # the open store switched keys too
    path = keys.key_file(store_settings)
    assert path.read_bytes() != old_key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.glob("secret.key*")) == ["secret.key"]
    with Store.open(store_settings) as store:
        assert store.key_id == result.new_key_id
        assert _notes(store) == [NOTE_TEXT]
        found = store.find_employee(manager_id=world.manager.id, name=EMPLOYEE_NAME.upper())
        assert found is not None  # lookup hashes were recomputed with the new key
        assert store.load_state(manager_id=world.manager.id, key="prep") is not None
    path.write_bytes(old_key)
    with pytest.raises(KeyProblem):
        Store.open(store_settings)


def test_failed_rotation_keeps_old_key_and_data(
    store_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(store_settings) as store:
        populate(store)
        old_key = keys.key_file(store_settings).read_bytes()
        old_id = store.key_id
        real = keys.reencrypt_all

        def crash(session, old, new):  # noqa: ANN001, ANN202 - mirrors reencrypt_all
            real(session, old, new)
            raise RuntimeError("disk full")

        monkeypatch.setattr(keys, "reencrypt_all", crash)
        with pytest.raises(RuntimeError):
            store.rotate_key()
        assert store.key_id == old_id
        assert _notes(store) == [NOTE_TEXT]
    assert keys.key_file(store_settings).read_bytes() == old_key
    assert sorted(p.name for p in keys.key_file(store_settings).parent.glob("secret.key*")) == [
        "secret.key"
    ]
    with Store.open(store_settings) as store:
        assert _notes(store) == [NOTE_TEXT]


def test_rotation_interrupted_after_commit_is_completed_on_open(
    store_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(store_settings) as store:
        populate(store)
        real_replace = os.replace

        def die(src, dst):  # noqa: ANN001, ANN202 - the process "dies" before the swap
            raise SystemExit("killed")

        monkeypatch.setattr(keys.os, "replace", die)
        with pytest.raises(SystemExit):
            store.rotate_key()
        monkeypatch.setattr(keys.os, "replace", real_replace)
    path = keys.key_file(store_settings)
    assert path.with_name("secret.key.new").exists()
    with Store.open(store_settings) as store:
        assert _notes(store) == [NOTE_TEXT]
    assert not path.with_name("secret.key.new").exists()
    with Store.open(store_settings) as store:
        assert _notes(store) == [NOTE_TEXT]


def test_rotation_with_key_from_setting_writes_the_new_key_aside(
    store_settings: Settings,
) -> None:
    secret = encode_key(generate_key())
    with_key = store_settings.model_copy(update={"encryption_key": SecretStr(secret)})
    with Store.open(with_key) as store:
        populate(store)
        result = store.rotate_key()
    assert result.key_file is None and result.pending_key_file is not None
    pending = Path(result.pending_key_file)
    assert stat.S_IMODE(pending.stat().st_mode) == 0o600
    with pytest.raises(KeyProblem, match="rotated"):
        Store.open(with_key)
    rotated = store_settings.model_copy(
        update={"encryption_key": SecretStr(pending.read_text().strip())}
    )
    with Store.open(rotated) as store:
        assert _notes(store) == [NOTE_TEXT]
