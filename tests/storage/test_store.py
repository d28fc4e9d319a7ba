"""Behaviour of the Store on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from storage.service import NotFound, Store
from tests.storage.factories import (
    AGREEMENT_TEXT,
    CARD_TEXT,
    EMPLOYEE_NAME,
    NOTE_TEXT,
    REFLECTION_TEXT,
    populate,
)


def test_ensure_manager_is_idempotent_and_keeps_role(store: Store) -> None:
    first = store.ensure_manager(external_id="tg:5", role="hr")
    again = store.ensure_manager(external_id="tg:5", role="manager", language="en")
    assert again.id == first.id
    assert again.role == "hr"
    assert again.language == "en"  # filled in once, when still unknown
    assert first.reminders_enabled is True and first.consent == {}
    assert first.created_at.tzinfo is not None
    assert store.get_manager(external_id="tg:5") == again
    assert store.get_manager(external_id="tg:404") is None


def test_update_manager_changes_only_given_fields(store: Store) -> None:
    manager = store.ensure_manager(external_id="local:alice")
    updated = store.update_manager(
        manager_id=manager.id, language="en", reminders_enabled=False, consent={"notes": True}
    )
    assert (updated.language, updated.reminders_enabled, updated.role) == ("en", False, "manager")
    assert updated.consent == {"notes": True}
    assert store.update_manager(manager_id=manager.id, role="hr").consent == {"notes": True}
    with pytest.raises(ValueError):
        store.update_manager(manager_id=manager.id, role="admin")
    with pytest.raises(NotFound):
        store.update_manager(manager_id=99999, language="nl")


def test_views_are_frozen_dataclasses(store: Store) -> None:
    world = populate(store)
    for view in (world.manager, world.employee, world.note, world.talk, world.item):
        assert dataclasses.is_dataclass(view)
        with pytest.raises(dataclasses.FrozenInstanceError):
            view.id = 5  # type: ignore[misc]


def test_add_employee_is_idempotent_by_name_case_insensitively(store: Store) -> None:
    manager = store.ensure_manager(external_id="tg:1")
    anna = store.add_employee(manager_id=manager.id, name="  Anna   de Vries ")
    assert anna.name == "Anna de Vries"
    assert store.add_employee(manager_id=manager.id, name="ANNA DE VRIES").id == anna.id
    assert store.find_employee(manager_id=manager.id, name="anna de vries") == anna
    assert store.find_employee(manager_id=manager.id, name="Bert") is None
    store.add_employee(manager_id=manager.id, name="bert")
    assert [e.name for e in store.list_employees(manager_id=manager.id)] == [
        "Anna de Vries",
        "bert",
    ]
    with pytest.raises(ValueError):
        store.add_employee(manager_id=manager.id, name="   ")


def test_update_employee_records_skills_and_ambitions(store: Store) -> None:
    manager = store.ensure_manager(external_id="tg:1")
    anna = store.add_employee(manager_id=manager.id, name="Anna")
    updated = store.update_employee(
        manager_id=manager.id,
        employee_id=anna.id,
        skills=["Python", "python", " feedback geven "],
    )
    assert updated.skills == ["Python", "feedback geven"]
    assert updated.ambitions == []
    updated = store.update_employee(manager_id=manager.id, employee_id=anna.id, ambitions=["PO"])
    assert (updated.skills, updated.ambitions) == (["Python", "feedback geven"], ["PO"])
    assert store.get_employee(manager_id=manager.id, employee_id=anna.id) == updated


def test_notes_come_back_newest_first_with_limit(store: Store) -> None:
    manager = store.ensure_manager(external_id="tg:1")
    anna = store.add_employee(manager_id=manager.id, name="Anna")
    for i in range(5):
        store.add_note(manager_id=manager.id, employee_id=anna.id, body=f"note {i}")
    prep = store.add_note(manager_id=manager.id, employee_id=anna.id, body="prep", kind="prep")
    notes = store.list_notes(manager_id=manager.id, employee_id=anna.id)
    assert [n.body for n in notes] == ["prep", "note 4", "note 3", "note 2", "note 1", "note 0"]
    assert notes[0] == prep and prep.kind == "prep"
    assert len(store.list_notes(manager_id=manager.id, employee_id=anna.id, limit=2)) == 2
    with pytest.raises(ValueError):
        store.add_note(manager_id=manager.id, employee_id=anna.id, body="x", kind="gossip")
    with pytest.raises(ValueError):
        store.add_note(manager_id=manager.id, employee_id=anna.id, body="  ")


def test_one_on_one_moves_through_its_statuses(store: Store) -> None:
    manager = store.ensure_manager(external_id="tg:1")
    anna = store.add_employee(manager_id=manager.id, name="Anna")
    assert store.latest_one_on_one(manager_id=manager.id, employee_id=anna.id) is None
    talk = store.start_one_on_one(manager_id=manager.id, employee_id=anna.id)
    assert (talk.status, talk.preparation, talk.preparation_answers) == ("preparing", None, {})
    talk = store.save_preparation(
        manager_id=manager.id,
        one_on_one_id=talk.id,
        card=CARD_TEXT,
        answers={"q1": "energie", "n": 3},
        planned_for=date(2030, 5, 1),
    )
    assert talk.status == "prepared" and talk.preparation == CARD_TEXT
    assert talk.preparation_answers == {"q1": "energie", "n": 3}
    assert talk.planned_for == date(2030, 5, 1)
    assert (
        store.latest_one_on_one(manager_id=manager.id, employee_id=anna.id, status="prepared")
        == talk
    )
    talk = store.save_reflection(
        manager_id=manager.id, one_on_one_id=talk.id, reflection=REFLECTION_TEXT
    )
    assert talk.status == "reflected" and talk.reflection == REFLECTION_TEXT
    assert (
        store.latest_one_on_one(manager_id=manager.id, employee_id=anna.id, status="prepared")
        is None
    )
    newer = store.start_one_on_one(manager_id=manager.id, employee_id=anna.id)
    assert store.latest_one_on_one(manager_id=manager.id, employee_id=anna.id) == newer
    assert [t.id for t in store.list_one_on_ones(manager_id=manager.id)] == [newer.id, talk.id]
    assert len(store.list_one_on_ones(manager_id=manager.id, employee_id=anna.id)) == 2


def test_open_agreements_carry_over_until_done(store: Store) -> None:
    manager = store.ensure_manager(external_id="tg:1")
    anna = store.add_employee(manager_id=manager.id, name="Anna")
    bert = store.add_employee(manager_id=manager.id, name="Bert")
    later = store.add_action_item(
        manager_id=manager.id, employee_id=anna.id, text="later", due=date(2030, 2, 1)
    )
    undated = store.add_action_item(manager_id=manager.id, employee_id=anna.id, text="undated")
    soon = store.add_action_item(
        manager_id=manager.id, employee_id=bert.id, text=AGREEMENT_TEXT, due=date(2030, 1, 1)
    )
    assert [i.id for i in store.list_action_items(manager_id=manager.id)] == [
        soon.id,
        later.id,
        undated.id,
    ]
    assert [i.id for i in store.list_action_items(manager_id=manager.id, employee_id=anna.id)] == [
        later.id,
        undated.id,
    ]
    done = store.complete_action_item(manager_id=manager.id, item_id=later.id)
    assert done.done is True
    assert later.id not in [i.id for i in store.list_action_items(manager_id=manager.id)]
    everything = store.list_action_items(manager_id=manager.id, open_only=False)
    assert {i.id for i in everything} == {later.id, undated.id, soon.id}


def test_an_agreement_keeps_whether_it_happens_on_its_date(store: Store) -> None:
    # "samen: de module bekijken op 15 januari" happens that day, "uiterlijk" is a deadline;
    # the flag is stored with the agreement, not read back from the summary it was made in
    manager = store.ensure_manager(external_id="tg:1")
    anna = store.add_employee(manager_id=manager.id, name="Anna")
    day = date(2030, 1, 15)
    on = store.add_action_item(
        manager_id=manager.id, employee_id=anna.id, text="module bekijken", due=day, on_day=True
    )
    by = store.add_action_item(manager_id=manager.id, employee_id=anna.id, text="cursus", due=day)
    undated = store.add_action_item(
        manager_id=manager.id, employee_id=anna.id, text="bellen", on_day=True
    )
    assert (on.on_day, by.on_day, undated.on_day) == (True, False, False)
    listed = {i.id: i.on_day for i in store.list_action_items(manager_id=manager.id)}
    assert listed == {on.id: True, by.id: False, undated.id: False}
    with pytest.raises(ValueError):
        store.add_action_item(manager_id=manager.id, employee_id=anna.id, text="x", owner="hr")


def test_agreement_cannot_point_at_another_employees_talk(store: Store) -> None:
    manager = store.ensure_manager(external_id="tg:1")
    anna = store.add_employee(manager_id=manager.id, name="Anna")
    bert = store.add_employee(manager_id=manager.id, name="Bert")
    talk = store.start_one_on_one(manager_id=manager.id, employee_id=anna.id)
    with pytest.raises(NotFound):
        store.add_action_item(
            manager_id=manager.id, employee_id=bert.id, text="x", one_on_one_id=talk.id
        )


def test_due_reminders_skip_sent_future_and_disabled(store: Store) -> None:
    now = datetime.now(UTC)
    alice = store.ensure_manager(external_id="tg:1")
    bob = store.ensure_manager(external_id="tg:2")
    due = store.schedule_reminder(
        manager_id=alice.id, kind="reflect", due_at=now - timedelta(hours=1), payload={"a": 1}
    )
    store.schedule_reminder(
        manager_id=alice.id, kind="agreement", due_at=now + timedelta(hours=1), payload={}
    )
    store.schedule_reminder(
        manager_id=bob.id, kind="reflect", due_at=now - timedelta(hours=1), payload={}
    )
    store.update_manager(manager_id=bob.id, reminders_enabled=False)
    found = store.due_reminders(now=now)
    assert [r.id for r in found] == [due.id]
    assert found[0].external_id == "tg:1" and found[0].payload == {"a": 1}
    assert found[0].due_at.tzinfo is not None
    assert abs(found[0].due_at - (now - timedelta(hours=1))) < timedelta(seconds=1)
    store.mark_reminder_sent(reminder_id=due.id)
    store.mark_reminder_sent(reminder_id=due.id)  # idempotent
    store.mark_reminder_sent(reminder_id=99999)  # erased meanwhile: no error
    assert store.due_reminders(now=now) == []
    assert len(store.pending_reminders(manager_id=alice.id)) == 1
    with pytest.raises(ValueError):
        store.schedule_reminder(
            manager_id=alice.id, kind="reflect", due_at=datetime(2030, 1, 1), payload={}
        )


def test_reminders_survive_reopening(store_settings, store: Store) -> None:
    manager = store.ensure_manager(external_id="tg:1")
    store.schedule_reminder(
        manager_id=manager.id,
        kind="agreement",
        due_at=datetime(2020, 1, 1, tzinfo=UTC),
        payload={"item": 3},
    )
    store.close()
    with Store.open(store_settings) as reopened:
        [reminder] = reopened.due_reminders(now=datetime.now(UTC))
        assert reminder.payload == {"item": 3}


def test_flow_state_round_trips_and_none_deletes(store: Store) -> None:
    manager = store.ensure_manager(external_id="tg:1")
    assert store.load_state(manager_id=manager.id, key="prep") is None
    store.save_state(manager_id=manager.id, key="prep", value={"step": 1, "answers": ["é"]})
    store.save_state(manager_id=manager.id, key="prep", value={"step": 2, "answers": ["é"]})
    assert store.load_state(manager_id=manager.id, key="prep") == {"step": 2, "answers": ["é"]}
    store.save_state(manager_id=manager.id, key="prep", value=None)
    assert store.load_state(manager_id=manager.id, key="prep") is None
    store.save_state(manager_id=manager.id, key="prep", value=None)  # deleting twice is fine


def test_a_turn_opens_with_the_manager_and_only_their_own_states(store: Store) -> None:
    first, states = store.open_turn(external_id="tg:1", role="manager", keys=("session", "flow"))
    assert states == {}  # created on first contact, nothing saved yet
    other = store.ensure_manager(external_id="tg:2")
    store.save_state(manager_id=first.id, key="flow", value={"name": "prep", "step": 2})
    store.save_state(manager_id=first.id, key="practice", value={"turns": 1})
    store.save_state(manager_id=other.id, key="session", value={"lang": "en"})
    again, states = store.open_turn(external_id="tg:1", role="manager", keys=("session", "flow"))
    assert again.id == first.id
    assert states == {"flow": {"name": "prep", "step": 2}}


def test_key_value_store_round_trips(store: Store) -> None:
    assert store.kv_get(namespace="user_data", key="1") is None
    store.kv_put(namespace="user_data", key="1", value={"lang": "nl"})
    store.kv_put(namespace="user_data", key="2", value=[1, 2])
    store.kv_put(namespace="user_data", key="1", value={"lang": "en"})
    store.kv_put(namespace="bot_data", key="x", value="text")
    assert store.kv_get(namespace="user_data", key="1") == {"lang": "en"}
    assert store.kv_all(namespace="user_data") == {"1": {"lang": "en"}, "2": [1, 2]}
    store.kv_put(namespace="user_data", key="2", value=None)
    assert store.kv_all(namespace="user_data") == {"1": {"lang": "en"}}
    assert store.kv_all(namespace="bot_data") == {"x": "text"}


def test_invite_codes_are_single_use_and_expire(store: Store) -> None:
    code = store.create_invite(created_by="tg:900", role="hr", ttl_days=1)
    assert len(code) >= 16
    account = store.redeem_invite(code=code, external_id="tg:77")
    assert account is not None and account.role == "hr" and account.external_id == "tg:77"
    assert store.redeem_invite(code=code, external_id="tg:78") is None
    assert store.redeem_invite(code="not-a-code", external_id="tg:78") is None
    existing = store.ensure_manager(external_id="tg:79")
    upgrade = store.create_invite(created_by="tg:900", role="hr")
    redeemed = store.redeem_invite(code=f" {upgrade} ", external_id="tg:79")
    assert redeemed is not None and redeemed.id == existing.id and redeemed.role == "hr"


def test_expired_invite_is_refused(store: Store) -> None:
    from sqlalchemy import update

    from storage.models import InviteCode

    code = store.create_invite(created_by="tg:900")
    with store.engine.begin() as conn:
        conn.execute(update(InviteCode).values(expires_at=datetime(2000, 1, 1, tzinfo=UTC)))
    assert store.redeem_invite(code=code, external_id="tg:1") is None
    assert store.get_manager(external_id="tg:1") is None


def test_populated_world_reads_back(store: Store) -> None:
    world = populate(store)
    assert world.employee.name == EMPLOYEE_NAME
    notes = store.list_notes(manager_id=world.manager.id, employee_id=world.employee.id)
    assert [n.body for n in notes] == [NOTE_TEXT]
    assert notes[0].created_at.tzinfo is not None


def test_a_reminder_in_a_rhythm_is_scheduled_again_once_while_its_agreement_is_open(
    store: Store,
) -> None:
    now = datetime.now(UTC)
    manager = store.ensure_manager(external_id="tg:1")
    anna = store.add_employee(manager_id=manager.id, name="Anna")
    item = store.add_action_item(
        manager_id=manager.id, employee_id=anna.id, text="Elke maandag bellen", owner="joint"
    )
    payload = {"employee_id": anna.id, "item_id": item.id, "rhythm": "w1:0", "text": "bellen"}
    first = store.schedule_reminder(
        manager_id=manager.id, kind="agreement", due_at=now - timedelta(minutes=1), payload=payload
    )
    again = now + timedelta(weeks=1)
    store.mark_reminder_sent(reminder_id=first.id, repeat_at=again, item_id=item.id)
    # a second mark of the same reminder (another worker, a retry) schedules nothing more
    store.mark_reminder_sent(reminder_id=first.id, repeat_at=again, item_id=item.id)
    (next_one,) = store.pending_reminders(manager_id=manager.id)
    assert next_one.id != first.id and next_one.payload == payload
    assert abs(next_one.due_at - again) < timedelta(seconds=1)
    assert next_one.kind == "agreement"
    # ticked off: the rhythm ends with the reminder that was due
    store.complete_action_item(manager_id=manager.id, item_id=item.id)
    store.mark_reminder_sent(reminder_id=next_one.id, repeat_at=again, item_id=item.id)
    assert store.pending_reminders(manager_id=manager.id) == []
