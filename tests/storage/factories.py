"""Small builders for storage tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from storage.service import (
    ActionItemView,
    EmployeeView,
    ManagerView,
    NoteView,
    OneOnOneView,
    ReminderView,
    Store,
)

NOTE_TEXT = "Marieke twijfelt over haar rol sinds de reorganisatie"
CARD_TEXT = "Kaart: vraag naar energiegevers en de stap naar teamlead"
REFLECTION_TEXT = "Reflectie: ze wil de training projectleiding volgen"
AGREEMENT_TEXT = "Afspraak: budget voor de training aanvragen voor vrijdag"
EMPLOYEE_NAME = "Marieke Jansen-Özdemir"
SKILL = "Stakeholdermanagement"
AMBITION = "Teamlead worden"


@dataclass
class World:
    """One manager with one employee and one of everything."""

    manager: ManagerView
    employee: EmployeeView
    note: NoteView
    talk: OneOnOneView
    item: ActionItemView
    reminder: ReminderView


def populate(store: Store, external_id: str = "tg:1001") -> World:
    """A manager with an employee, a note, a one-on-one, an agreement, a reminder and a flow."""
    manager = store.ensure_manager(external_id=external_id, language="nl")
    employee = store.add_employee(manager_id=manager.id, name=EMPLOYEE_NAME)
    employee = store.update_employee(
        manager_id=manager.id, employee_id=employee.id, skills=[SKILL], ambitions=[AMBITION]
    )
    note = store.add_note(manager_id=manager.id, employee_id=employee.id, body=NOTE_TEXT)
    talk = store.start_one_on_one(manager_id=manager.id, employee_id=employee.id)
    talk = store.save_preparation(
        manager_id=manager.id,
        one_on_one_id=talk.id,
        card=CARD_TEXT,
        answers={"energie": NOTE_TEXT},
        planned_for=date(2030, 1, 15),
    )
    talk = store.save_reflection(
        manager_id=manager.id, one_on_one_id=talk.id, reflection=REFLECTION_TEXT
    )
    item = store.add_action_item(
        manager_id=manager.id,
        employee_id=employee.id,
        text=AGREEMENT_TEXT,
        owner="employee",
        due=date(2030, 1, 20),
        one_on_one_id=talk.id,
    )
    reminder = store.schedule_reminder(
        manager_id=manager.id,
        kind="reflect",
        due_at=datetime.now(UTC) - timedelta(minutes=1),
        payload={"employee_id": employee.id, "hint": NOTE_TEXT},
    )
    store.save_state(
        manager_id=manager.id, key="prep", value={"employee_id": employee.id, "draft": CARD_TEXT}
    )
    return World(manager, employee, note, talk, item, reminder)
