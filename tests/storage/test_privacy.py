"""Export, erase, audit, retention, and no personal data in logs or in the database file."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from bot.settings import Settings
from storage import models
from storage.service import NotFound, Store
from tests.storage.factories import (
    AGREEMENT_TEXT,
    AMBITION,
    CARD_TEXT,
    EMPLOYEE_NAME,
    NOTE_TEXT,
    REFLECTION_TEXT,
    SKILL,
    populate,
)

SECRETS = (NOTE_TEXT, CARD_TEXT, REFLECTION_TEXT, AGREEMENT_TEXT, EMPLOYEE_NAME, SKILL, AMBITION)


def _count(store: Store, model: type, **where: object) -> int:
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    with store.engine.connect() as conn:
        return conn.execute(query).scalar_one()


def test_json_export_of_one_employee_holds_all_their_data(store: Store) -> None:
    world = populate(store)
    other = store.add_employee(manager_id=world.manager.id, name="Bert")
    store.add_note(manager_id=world.manager.id, employee_id=other.id, body="about Bert")
    data = json.loads(
        store.export(manager_id=world.manager.id, employee_id=world.employee.id, fmt="json")
    )
    assert data["format"] == "skillscoach-export"
    assert data["manager"]["external_id"] == world.manager.external_id
    [entry] = data["employees"]
    assert entry["employee"]["name"] == EMPLOYEE_NAME
    assert entry["employee"]["skills"] == [SKILL]
    assert [n["body"] for n in entry["notes"]] == [NOTE_TEXT]
    assert entry["one_on_ones"][0]["preparation"] == CARD_TEXT
    assert entry["one_on_ones"][0]["reflection"] == REFLECTION_TEXT
    assert entry["action_items"][0]["text"] == AGREEMENT_TEXT
    assert entry["reminders"][0]["payload"]["hint"] == NOTE_TEXT
    assert data["flow_states"]["prep"]["draft"] == CARD_TEXT
    assert "about Bert" not in json.dumps(data)


def test_manager_export_covers_every_employee(store: Store) -> None:
    world = populate(store)
    other = store.add_employee(manager_id=world.manager.id, name="Bert")
    store.add_note(manager_id=world.manager.id, employee_id=other.id, body="about Bert")
    data = json.loads(store.export(manager_id=world.manager.id))
    assert [e["employee"]["name"] for e in data["employees"]] == ["Bert", EMPLOYEE_NAME]
    assert data["employees"][0]["notes"][0]["body"] == "about Bert"


def test_markdown_export_is_readable(store: Store) -> None:
    world = populate(store)
    md = store.export(manager_id=world.manager.id, fmt="md")
    assert md.startswith("# Skillscoach-export")  # the manager's language is Dutch
    assert f"## Medewerker: {EMPLOYEE_NAME}" in md
    assert "- Rol: leidinggevende" in md and "- Toestemming: (geen)" in md
    assert "{}" not in md  # no raw data structures for a reader
    # statuses, owners and reminder kinds in the reader's language, not the stored codes
    assert "status nabesproken" in md and f"(wie: {EMPLOYEE_NAME}," in md
    assert "- " in md and ": terugkijken" in md and "## Herinneringen" in md
    for secret in (NOTE_TEXT, CARD_TEXT, REFLECTION_TEXT, AGREEMENT_TEXT, SKILL, AMBITION):
        assert secret in md
    assert "UTC" not in md and " CET" in md  # times in the deployment's zone (Amsterdam)
    # an agreement's reminder names the agreement (a user test read only "afspraak")
    store.schedule_reminder(
        manager_id=world.manager.id,
        kind="agreement",
        due_at=datetime.now(UTC) + timedelta(days=3),
        payload={"employee_id": world.employee.id, "text": "Rooster bekijken"},
    )
    md = store.export(manager_id=world.manager.id, fmt="md")
    assert ": afspraak: Rooster bekijken" in md
    # a card kept as a note too is quoted once, and pointed to under its one-on-one
    store.add_note(
        manager_id=world.manager.id, employee_id=world.employee.id, body=CARD_TEXT, kind="prep"
    )
    md = store.export(manager_id=world.manager.id, fmt="md")
    assert md.count(CARD_TEXT) == 1 + md.count(f"draft: {CARD_TEXT}")
    assert "Voorbereiding: dezelfde tekst als de notitie van 2" in md
    store.update_manager(manager_id=world.manager.id, language="en")
    md = store.export(manager_id=world.manager.id, employee_id=world.employee.id, fmt="md")
    assert "### Agreements" in md and "- [ ] " + AGREEMENT_TEXT in md
    with pytest.raises(ValueError):
        store.export(manager_id=world.manager.id, fmt="pdf")


def test_export_and_erase_write_audit_events_without_content(store: Store) -> None:
    world = populate(store)
    store.export(manager_id=world.manager.id, employee_id=world.employee.id)
    store.export(manager_id=world.manager.id, fmt="md", actor="local:hr-officer")
    store.erase_employee(manager_id=world.manager.id, employee_id=world.employee.id)
    events = store.list_audit()
    assert [(e.actor, e.action, e.target) for e in events] == [
        ("tg:1001", "employee.erase", f"employee:{world.employee.id}"),
        ("local:hr-officer", "export.md", f"manager:{world.manager.id}"),
        ("tg:1001", "export.json", f"employee:{world.employee.id}"),
    ]
    assert all(e.at.tzinfo is not None for e in events)
    assert not any(secret in repr(events) for secret in SECRETS)
    store.audit(actor="tg:9", action="kb.upload", target="doc:handboek")
    assert store.list_audit(limit=1, actor="tg:9")[0].target == "doc:handboek"


def test_erase_employee_deletes_every_row_about_them(store: Store) -> None:
    world = populate(store)
    keep = store.add_employee(manager_id=world.manager.id, name="Bert")
    store.add_note(manager_id=world.manager.id, employee_id=keep.id, body="keep me")
    store.save_state(manager_id=world.manager.id, key="other", value={"employee_id": keep.id})
    nested = {"steps": [{"employee_id": world.employee.id}]}
    store.save_state(manager_id=world.manager.id, key="nested", value=nested)
    store.schedule_reminder(
        manager_id=world.manager.id,
        kind="agreement",
        due_at=datetime.now(UTC),
        payload={"items": [{"employee_id": world.employee.id}]},
    )
    store.erase_employee(manager_id=world.manager.id, employee_id=world.employee.id)
    for model in (models.Note, models.OneOnOne, models.ActionItem, models.Reminder):
        assert _count(store, model, employee_id=world.employee.id) == 0
    assert _count(store, models.FlowState, employee_id=world.employee.id) == 0
    assert _count(store, models.Employee, id=world.employee.id) == 0
    assert store.find_employee(manager_id=world.manager.id, name=EMPLOYEE_NAME) is None
    assert store.load_state(manager_id=world.manager.id, key="prep") is None
    assert store.load_state(manager_id=world.manager.id, key="nested") is None
    assert store.pending_reminders(manager_id=world.manager.id) == []
    assert store.due_reminders(now=datetime.now(UTC)) == []
    assert [
        n.body for n in store.list_notes(manager_id=world.manager.id, employee_id=keep.id)
    ] == ["keep me"]
    assert store.load_state(manager_id=world.manager.id, key="other") is not None
    with pytest.raises(NotFound):
        store.erase_employee(manager_id=world.manager.id, employee_id=world.employee.id)


def test_erase_manager_deletes_the_whole_account(store: Store) -> None:
    world = populate(store, external_id="tg:4242")
    other = populate(store, external_id="tg:7")
    store.kv_put(namespace="user_data", key="4242", value={"x": 1})
    store.kv_put(namespace="conversations:prep", key="[4242, 4242]", value=3)
    store.kv_put(namespace="user_data", key="7", value={"x": 2})
    code = store.create_invite(created_by="tg:1")
    store.redeem_invite(code=code, external_id="tg:4242")
    store.erase_manager(manager_id=world.manager.id)
    assert store.get_manager(external_id="tg:4242") is None
    for model in (
        models.Employee,
        models.Note,
        models.OneOnOne,
        models.ActionItem,
        models.Reminder,
        models.FlowState,
    ):
        assert _count(store, model, manager_id=world.manager.id) == 0
        assert _count(store, model, manager_id=other.manager.id) >= 1
    assert _count(store, models.InviteCode, redeemed_by="tg:4242") == 0
    assert store.kv_all(namespace="user_data") == {"7": {"x": 2}}
    assert store.kv_all(namespace="conversations:prep") == {}
    assert store.list_audit(limit=1)[0].action == "manager.erase"
    with pytest.raises(NotFound):
        store.erase_manager(manager_id=world.manager.id)


def test_privacy_summary_counts_per_employee(store: Store) -> None:
    world = populate(store)
    summary = store.privacy_summary(manager_id=world.manager.id)
    [entry] = summary["employees"]
    assert entry == {
        "id": world.employee.id,
        "name": EMPLOYEE_NAME,
        "notes": 1,
        "one_on_ones": 1,
        "action_items": 1,
        "open_action_items": 1,
        "reminders": 1,
        "skills": 2,  # one skill seen, one wanted
    }
    assert summary["totals"]["employees"] == 1 and summary["totals"]["active_flows"] == 1
    assert summary["visible_to"] == ["manager"] and summary["encrypted_at_rest"] is True


def test_retention_deletes_only_old_records(store_settings: Settings) -> None:
    settings = store_settings.model_copy(update={"note_retention_days": 30})
    with Store.open(settings) as store:
        world = populate(store)
        store.complete_action_item(manager_id=world.manager.id, item_id=world.item.id)
        store.mark_reminder_sent(reminder_id=world.reminder.id)
        open_item = store.add_action_item(
            manager_id=world.manager.id, employee_id=world.employee.id, text="still open"
        )
        assert store.apply_retention() == 0
        later = datetime.now(UTC) + timedelta(days=31)
        assert store.apply_retention(now=later, dry_run=True) == 4
        assert store.list_notes(manager_id=world.manager.id, employee_id=world.employee.id)
        assert store.apply_retention(now=later) == 4
        assert store.list_notes(manager_id=world.manager.id, employee_id=world.employee.id) == []
        assert store.list_one_on_ones(manager_id=world.manager.id) == []
        assert [i.id for i in store.list_action_items(manager_id=world.manager.id)] == [
            open_item.id
        ]
        assert store.list_audit(limit=1)[0].action == "retention.apply"


def test_retention_without_setting_keeps_everything(store: Store) -> None:
    world = populate(store)
    assert store.apply_retention(now=datetime.now(UTC) + timedelta(days=9999)) == 0
    assert store.list_notes(manager_id=world.manager.id, employee_id=world.employee.id)


def _full_run(store: Store) -> None:
    world = populate(store)
    store.list_notes(manager_id=world.manager.id, employee_id=world.employee.id)
    store.find_employee(manager_id=world.manager.id, name=EMPLOYEE_NAME)
    store.list_employees(manager_id=world.manager.id)
    store.kv_put(namespace="user_data", key="1001", value={"draft": NOTE_TEXT})
    store.kv_all(namespace="user_data")
    store.due_reminders(now=datetime.now(UTC))
    store.export(manager_id=world.manager.id)
    store.export(manager_id=world.manager.id, fmt="md")
    store.privacy_summary(manager_id=world.manager.id)
    with pytest.raises(ValueError):
        store.add_note(manager_id=world.manager.id, employee_id=world.employee.id, body=" ")
    bob = store.ensure_manager(external_id="tg:2")
    with pytest.raises(NotFound):
        store.list_notes(manager_id=bob.id, employee_id=world.employee.id)
    store.rotate_key()
    store.erase_employee(manager_id=world.manager.id, employee_id=world.employee.id)
    store.erase_manager(manager_id=world.manager.id)


def test_no_personal_data_in_logs_even_at_debug(
    store_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("sqlalchemy", "sqlalchemy.engine", "sqlalchemy.pool", "alembic", "storage"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        store = Store.open(store_settings)
        store.engine.echo = True  # the loudest SQLAlchemy setting: statements and parameters
        try:
            _full_run(store)
        finally:
            store.close()
    finally:
        for name in ("sqlalchemy", "sqlalchemy.engine", "sqlalchemy.pool", "alembic"):
            logging.getLogger(name).setLevel(logging.NOTSET)
    log_text = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert "INSERT INTO note" in log_text  # the SQL log really was captured
    for secret in SECRETS:
        assert secret not in log_text
        assert secret.lower() not in log_text.lower()


def test_database_file_holds_no_plaintext(settings: Settings) -> None:
    with Store.open(settings) as store:
        world = populate(store)
        store.kv_put(namespace="user_data", key="1", value={"draft": NOTE_TEXT})
        store.list_notes(manager_id=world.manager.id, employee_id=world.employee.id)
        files = list(Path(settings.data_dir).glob("skillscoach.db*"))
        raw = b"".join(path.read_bytes() for path in files)
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert raw
    for secret in SECRETS:
        assert secret.encode("utf-8") not in raw
        assert secret.lower().encode("utf-8") not in raw.lower()


def test_erased_data_is_gone_from_the_file(settings: Settings) -> None:
    with Store.open(settings) as store:
        world = populate(store)
        with store.engine.connect() as conn:
            blobs = [bytes(b) for b in conn.execute(select(models.Note.body_enc)).scalars()]
            blobs += [bytes(b) for b in conn.execute(select(models.Employee.name_enc)).scalars()]
        store.erase_manager(manager_id=world.manager.id)
    raw = b"".join(p.read_bytes() for p in Path(settings.data_dir).glob("skillscoach.db*"))
    # secure_delete overwrites freed pages: not even the ciphertext stays behind in the file.
    assert blobs
    for blob in blobs:
        assert blob[20:40] not in raw


def test_what_the_export_keeps_for_the_app_reads_as_text():
    # found in user tests: the confirmed signals and the sources were raw JSON
    import doctest

    from storage import export

    assert doctest.testmod(export).failed == 0
