"""The skills passport in the Store: one item per written form, merged only on request, erased
with the person, in the export; and the weekly digest's claim."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.settings import Settings
from storage.passport import skill_key
from storage.service import Store


def _today(settings: Settings) -> date:
    """Today where the deployment is (its time zone), the day an item is dated."""
    return datetime.now(ZoneInfo(settings.timezone)).date()


def _team(store: Store) -> tuple[int, int, int]:
    manager = store.ensure_manager(external_id="tg:77", language="nl")
    fatima = store.add_employee(manager_id=manager.id, name="Fatima")
    joost = store.add_employee(manager_id=manager.id, name="Joost")
    return manager.id, fatima.id, joost.id


def test_the_same_skill_written_differently_is_one_item(
    store: Store, store_settings: Settings
) -> None:
    manager, fatima, _ = _team(store)
    store.add_skills(
        manager_id=manager,
        employee_id=fatima,
        items=[("seen", "plannen"), ("seen", "Excel"), ("wanted", "teamleider")],
        source="prep",
    )
    after = store.add_skills(
        manager_id=manager,
        employee_id=fatima,
        items=[("seen", "Planning"), ("seen", "excel."), ("needed", "nieuw ERP-systeem")],
        source="manual",
    )
    assert after.skills == ["plannen", "Excel"]  # the first way of writing it stays
    assert after.ambitions == ["teamleider"] and after.needs == ["nieuw ERP-systeem"]
    first = after.passport[0]
    assert (first.source, first.added, first.code) == ("prep", _today(store_settings), None)
    assert after.passport[-1].source == "manual"


def test_removing_takes_one_kind_or_every_kind(store: Store) -> None:
    manager, fatima, _ = _team(store)
    store.add_skills(
        manager_id=manager,
        employee_id=fatima,
        items=[("seen", "data"), ("needed", "data"), ("seen", "Excel")],
        source="manual",
    )
    gone = store.remove_skills(
        manager_id=manager, employee_id=fatima, key=skill_key("Data"), kind="needed"
    )
    assert [(i.kind, i.label) for i in gone] == [("needed", "data")]
    gone = store.remove_skills(manager_id=manager, employee_id=fatima, key=skill_key("data"))
    assert [i.kind for i in gone] == ["seen"]
    assert store.get_employee(manager_id=manager, employee_id=fatima).skills == ["Excel"]


def test_merging_relabels_the_whole_team_and_keeps_dates(store: Store) -> None:
    manager, fatima, joost = _team(store)
    store.add_skills(
        manager_id=manager, employee_id=fatima, items=[("seen", "data-analyse")], source="prep"
    )
    store.add_skills(
        manager_id=manager,
        employee_id=joost,
        items=[("wanted", "data analysis"), ("wanted", "data-analyse")],
        source="manual",
    )
    keep, drop = skill_key("data-analyse"), skill_key("data analysis")
    assert store.merge_skills(manager_id=manager, keep=keep, drop=drop) == 1
    assert store.get_employee(manager_id=manager, employee_id=joost).ambitions == ["data-analyse"]
    assert store.merge_skills(manager_id=manager, keep=keep, drop=drop) == 0


def test_the_team_has_talk_days_and_open_due_dates_without_the_erased(store: Store) -> None:
    manager, fatima, joost = _team(store)
    store.start_one_on_one(manager_id=manager, employee_id=fatima, planned_for=date(2026, 9, 1))
    item = store.add_action_item(
        manager_id=manager, employee_id=fatima, text="cursus", due=date(2026, 12, 4)
    )
    store.add_action_item(manager_id=manager, employee_id=fatima, text="klaar")
    store.complete_action_item(manager_id=manager, item_id=item.id + 1)
    store.add_skills(manager_id=manager, employee_id=joost, items=[("seen", "x")], source="manual")
    team = store.team(manager_id=manager)
    assert [m.employee.name for m in team] == ["Fatima", "Joost"]
    assert team[0].talks == [(date(2026, 9, 1), "preparing")] and team[0].open_due == [
        date(2026, 12, 4)
    ]
    store.erase_employee(manager_id=manager, employee_id=joost)
    assert [m.employee.name for m in store.team(manager_id=manager)] == ["Fatima"]


def test_the_passport_travels_in_the_export(store: Store, store_settings: Settings) -> None:
    manager, fatima, _ = _team(store)
    store.add_skills(
        manager_id=manager,
        employee_id=fatima,
        items=[("seen", "IT-problemen oplossen"), ("wanted", "teamleider")],
        source="reflect",
    )
    data = json.loads(store.export(manager_id=manager, employee_id=fatima, fmt="json"))
    passport = data["employees"][0]["employee"]["passport"]
    assert passport[0] == {
        "kind": "seen",
        "label": "IT-problemen oplossen",
        "key": skill_key("IT-problemen oplossen"),
        "source": "reflect",
        "added": _today(store_settings).isoformat(),
        "code": None,
    }
    md = store.export(manager_id=manager, employee_id=fatima, fmt="md")
    assert "### Skillspaspoort" in md
    assert "| IT-problemen oplossen | kan |" in md and "| teamleider | wil leren |" in md


def test_a_digest_is_claimed_once_per_day(store: Store) -> None:
    manager, _, _ = _team(store)
    day = date(2026, 12, 4)
    assert store.digest_due(weekday=day.weekday(), day=day) == []
    store.set_digest(manager_id=manager, weekday=day.weekday())
    assert [m.id for m in store.digest_due(weekday=day.weekday(), day=day)] == [manager]
    assert store.claim_digest(manager_id=manager, day=day)
    assert not store.claim_digest(manager_id=manager, day=day)  # a second worker backs off
    assert store.digest_due(weekday=day.weekday(), day=day) == []
    store.update_manager(manager_id=manager, reminders_enabled=False)
    later = date(2026, 12, 11)
    assert store.digest_due(weekday=later.weekday(), day=later) == []
