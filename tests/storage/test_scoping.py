"""A manager reaches only their own data: every scoped method is tried with someone else's ids."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from storage.passport import skill_key
from storage.service import ManagerView, NotFound, Store
from tests.storage.factories import (
    AGREEMENT_TEXT,
    CARD_TEXT,
    EMPLOYEE_NAME,
    NOTE_TEXT,
    REFLECTION_TEXT,
    SKILL,
    World,
    populate,
)

Attack = Callable[[Store, World, ManagerView], None]


def _refused(call: Callable[[], object]) -> None:
    with pytest.raises(NotFound):
        call()


def _no_secrets(text: str) -> None:
    for secret in (NOTE_TEXT, CARD_TEXT, REFLECTION_TEXT, AGREEMENT_TEXT, EMPLOYEE_NAME):
        assert secret not in text


ATTACKS: dict[str, Attack] = {
    "update_manager": lambda s, w, b: (
        s.update_manager(manager_id=b.id, language="en", consent={"x": True}),
        _assert(s.get_manager(external_id=w.manager.external_id) == w.manager),
    ),
    "add_employee": lambda s, w, b: _assert(
        s.add_employee(manager_id=b.id, name=EMPLOYEE_NAME).id != w.employee.id
    ),
    "find_employee": lambda s, w, b: _assert(
        s.find_employee(manager_id=b.id, name=EMPLOYEE_NAME) is None
    ),
    "get_employee": lambda s, w, b: _refused(
        lambda: s.get_employee(manager_id=b.id, employee_id=w.employee.id)
    ),
    "list_employees": lambda s, w, b: _assert(s.list_employees(manager_id=b.id) == []),
    "update_employee": lambda s, w, b: _refused(
        lambda: s.update_employee(manager_id=b.id, employee_id=w.employee.id, skills=["x"])
    ),
    "add_skills": lambda s, w, b: _refused(
        lambda: s.add_skills(
            manager_id=b.id, employee_id=w.employee.id, items=[("seen", "x")], source="manual"
        )
    ),
    "remove_skills": lambda s, w, b: _refused(
        lambda: s.remove_skills(
            manager_id=b.id, employee_id=w.employee.id, key=skill_key(SKILL), kind=None
        )
    ),
    "merge_skills": lambda s, w, b: (
        s.add_skills(
            manager_id=b.id,
            employee_id=s.add_employee(manager_id=b.id, name="Own").id,
            items=[("seen", "bobs skill")],
            source="manual",
        ),
        _assert(s.merge_skills(manager_id=b.id, keep="bob skill", drop=skill_key(SKILL)) == 0),
    ),
    "team": lambda s, w, b: _assert(s.team(manager_id=b.id) == []),
    "set_digest": lambda s, w, b: (
        s.set_digest(manager_id=b.id, weekday=1),
        _assert(s.get_manager(external_id=w.manager.external_id) == w.manager),
    ),
    "claim_digest": lambda s, w, b: _assert(
        s.claim_digest(manager_id=b.id, day=datetime.now(UTC).date())
        and s.claim_digest(manager_id=w.manager.id, day=datetime.now(UTC).date())
    ),
    "add_note": lambda s, w, b: _refused(
        lambda: s.add_note(manager_id=b.id, employee_id=w.employee.id, body="planted")
    ),
    "list_notes": lambda s, w, b: _refused(
        lambda: s.list_notes(manager_id=b.id, employee_id=w.employee.id)
    ),
    "start_one_on_one": lambda s, w, b: _refused(
        lambda: s.start_one_on_one(manager_id=b.id, employee_id=w.employee.id)
    ),
    "save_preparation": lambda s, w, b: _refused(
        lambda: s.save_preparation(manager_id=b.id, one_on_one_id=w.talk.id, card="x", answers={})
    ),
    "save_reflection": lambda s, w, b: _refused(
        lambda: s.save_reflection(manager_id=b.id, one_on_one_id=w.talk.id, reflection="x")
    ),
    "latest_one_on_one": lambda s, w, b: _refused(
        lambda: s.latest_one_on_one(manager_id=b.id, employee_id=w.employee.id)
    ),
    "list_one_on_ones": lambda s, w, b: (
        _assert(s.list_one_on_ones(manager_id=b.id) == []),
        _refused(lambda: s.list_one_on_ones(manager_id=b.id, employee_id=w.employee.id)),
    ),
    "add_action_item": lambda s, w, b: (
        _refused(lambda: s.add_action_item(manager_id=b.id, employee_id=w.employee.id, text="x")),
        # own employee, but someone else's one-on-one
        _refused(
            lambda: s.add_action_item(
                manager_id=b.id,
                employee_id=s.add_employee(manager_id=b.id, name="Own").id,
                text="x",
                one_on_one_id=w.talk.id,
            )
        ),
    ),
    "list_action_items": lambda s, w, b: (
        _assert(s.list_action_items(manager_id=b.id, open_only=False) == []),
        _refused(lambda: s.list_action_items(manager_id=b.id, employee_id=w.employee.id)),
    ),
    "complete_action_item": lambda s, w, b: _refused(
        lambda: s.complete_action_item(manager_id=b.id, item_id=w.item.id)
    ),
    "schedule_reminder": lambda s, w, b: _refused(
        lambda: s.schedule_reminder(
            manager_id=b.id,
            kind="reflect",
            due_at=datetime.now(UTC),
            payload={"employee_id": w.employee.id},
        )
    ),
    "pending_reminders": lambda s, w, b: _assert(s.pending_reminders(manager_id=b.id) == []),
    # the terminal chat claims its own manager's due reminders, never another's
    "claim_due_reminders": lambda s, w, b: _assert(
        s.claim_due_reminders(
            now=datetime(2100, 1, 1, tzinfo=UTC),
            worker="console:1",
            lease=timedelta(minutes=2),
            manager_id=b.id,
        )
        == []
    ),
    "save_state": lambda s, w, b: (
        _refused(
            lambda: s.save_state(manager_id=b.id, key="x", value={"employee_id": w.employee.id})
        ),
        s.save_state(manager_id=b.id, key="prep", value={"mine": True}),
        s.save_state(manager_id=b.id, key="prep", value=None),
    ),
    "load_state": lambda s, w, b: _assert(s.load_state(manager_id=b.id, key="prep") is None),
    "export": lambda s, w, b: (
        _refused(lambda: s.export(manager_id=b.id, employee_id=w.employee.id)),
        _refused(lambda: s.export(manager_id=b.id, employee_id=w.employee.id, fmt="md")),
        _no_secrets(s.export(manager_id=b.id)),
        _no_secrets(s.export(manager_id=b.id, fmt="md")),
    ),
    "privacy_summary": lambda s, w, b: _no_secrets(
        json.dumps(s.privacy_summary(manager_id=b.id), default=str)
    ),
    "erase_employee": lambda s, w, b: _refused(
        lambda: s.erase_employee(manager_id=b.id, employee_id=w.employee.id)
    ),
    "erase_manager": lambda s, w, b: s.erase_manager(manager_id=b.id),
}


def _assert(condition: bool) -> None:
    assert condition


def _scoped_methods() -> set[str]:
    names = set()
    for name, member in inspect.getmembers(Store, inspect.isfunction):
        if not name.startswith("_") and "manager_id" in inspect.signature(member).parameters:
            names.add(name)
    return names


def test_every_scoped_method_is_attacked() -> None:
    assert _scoped_methods() == set(ATTACKS)


def _assert_intact(store: Store, world: World) -> None:
    alice = world.manager.id
    assert store.get_manager(external_id=world.manager.external_id) == world.manager
    assert store.list_employees(manager_id=alice) == [world.employee]
    assert store.list_notes(manager_id=alice, employee_id=world.employee.id) == [world.note]
    assert store.list_one_on_ones(manager_id=alice) == [world.talk]
    assert store.list_action_items(manager_id=alice) == [world.item]
    assert [r.id for r in store.pending_reminders(manager_id=alice)] == [world.reminder.id]
    assert store.load_state(manager_id=alice, key="prep") == {
        "employee_id": world.employee.id,
        "draft": CARD_TEXT,
    }


@pytest.mark.parametrize("method", sorted(ATTACKS))
def test_other_manager_cannot_reach_data_through(store: Store, method: str) -> None:
    world = populate(store, external_id="tg:alice")
    bob = store.ensure_manager(external_id="tg:bob")
    ATTACKS[method](store, world, bob)
    _assert_intact(store, world)


@pytest.mark.parametrize("method", ["get_employee", "list_notes", "update_employee"])
def test_unknown_manager_id_gets_not_found(store: Store, method: str) -> None:
    world = populate(store)
    with pytest.raises(NotFound):
        getattr(store, method)(manager_id=world.manager.id + 1000, employee_id=world.employee.id)
