"""Skills as data and the team at a glance, through the engine on the real Store (SQLite)."""

from __future__ import annotations

import struct
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.coach.service import Coach
from bot.coach.skills import pair_code
from bot.coach.team import standings
from bot.coach.types import Actor
from bot.settings import Settings
from storage.passport import skill_key
from tests.coach.conftest import NOW, make_coach, say
from tests.coach.fakes import FakeKnowledgeBase

MARIEKE = Actor(external_id="local:marieke")
TODAY = NOW.date()

PREP = [
    "/prep Fatima",
    "morgen",
    "Zicht op ontwikkeling en ambities",
    "Ze is heel sterk in plannen, IT-problemen oplossen en collega's inwerken",
    "Ze wil graag teamleider worden",
    "Er komt een nieuw ERP-systeem",
    "-",
    "-",
    "Werkdruk",
]


@pytest.fixture
def coach(settings: Settings, store) -> Coach:
    return make_coach(settings, store, FakeKnowledgeBase())


def _manager(store):
    return store.ensure_manager(external_id=MARIEKE.external_id)


async def test_confirmed_skills_are_stored_and_shown(coach: Coach, store, settings: Settings):
    step = (await say(coach, MARIEKE, *PREP))[0]
    assert step.text.startswith("Ik hoor: wil doorgroeien of promotie, veranderend werk, hoge")
    assert "• kan: plannen, IT-problemen oplossen, collega's inwerken" in step.text
    assert (
        "• wil: teamleider" in step.text and "• team heeft nodig: nieuw ERP-systeem" in step.text
    )
    off = next(c.value for c in step.choices if c.label == "✓ kan: collega's inwerken")
    switched = (await say(coach, MARIEKE, off))[0]
    assert "✗ kan: collega's inwerken" in [c.label for c in switched.choices]
    await say(coach, MARIEKE, "#ok")

    fatima = store.find_employee(manager_id=_manager(store).id, name="Fatima")
    assert fatima.skills == ["plannen", "IT-problemen oplossen"]  # the one switched off is not
    assert fatima.ambitions == ["teamleider"] and fatima.needs == ["nieuw ERP-systeem"]
    # dated in the configured time zone, as the card beside them (not the machine's UTC day)
    today = datetime.now(ZoneInfo(settings.timezone)).date()
    assert {(i.source, i.added) for i in fatima.passport} == {("prep", today)}
    shown = (await say(coach, MARIEKE, "/skills Fatima"))[0].text
    assert shown.startswith("Skillspaspoort van Fatima:")
    assert "• kan: plannen (" in shown and "voorbereiding)" in shown
    assert "• team heeft nodig: nieuw ERP-systeem" in shown
    month = shown.split("• kan: plannen (")[1].split(",")[0].split()[1]
    assert month.islower()  # "2 dec" in Dutch ...
    await say(coach, MARIEKE, "/lang en")
    shown = (await say(coach, MARIEKE, "/skills Fatima"))[0].text
    month = shown.split("plannen (")[1].split(",")[0].split()[1]
    assert month[0].isupper()  # ... "2 Dec" in English, as the user test expected


async def test_reflect_asks_before_skills_go_into_the_passport(coach: Coach, store):
    steps = ["/reflect Joost", "Goed", "Excel en presenteren", "Hij wil data-analyse leren"]
    step = (await say(coach, MARIEKE, *steps, "-", "-", "-", "-"))[0]
    assert step.text.startswith("Voor het skillspaspoort:\n• kan: Excel, presenteren")
    assert step.choices[-1].label == "Klopt, sla op"
    assert not any("Toevoegen" in c.label for c in step.choices)  # no situations here
    lost = (await say(coach, MARIEKE, "ik praatte te veel"))[0]  # no tap: the button it needs
    assert lost.text.startswith("Dat snap ik niet.") and "'Klopt, sla op'" in lost.text
    summary, _ = await say(coach, MARIEKE, "Klopt")
    assert summary.text.startswith("Reflectie op het gesprek met Joost")
    joost = store.find_employee(manager_id=_manager(store).id, name="Joost")
    assert (joost.skills, joost.ambitions) == (["Excel", "presenteren"], ["data-analyse"])
    assert {i.source for i in joost.passport} == {"reflect"}


async def test_skills_are_added_and_removed_by_hand_as_one_item_per_spelling(coach: Coach, store):
    await say(coach, MARIEKE, "/note Fatima Kent het team goed")
    added = (await say(coach, MARIEKE, "/skills Fatima + Excel, plannen"))[0].text
    assert added.startswith("Toegevoegd bij kan: Excel, plannen.")
    again = (await say(coach, MARIEKE, "/skills Fatima + excel, Planning"))[0].text
    assert "Stond er al" in again and "excel, Planning" in again
    wanted = (await say(coach, MARIEKE, "/skills Fatima + wil: data-analyse"))[0].text
    assert "Toegevoegd bij wil: data-analyse." in wanted
    removed = (await say(coach, MARIEKE, "/skills Fatima - planning"))[0].text
    assert removed.startswith("Weggehaald: plannen.")
    missing = (await say(coach, MARIEKE, "/skills Fatima - koken"))[0].text
    assert "koken staat niet in het skillspaspoort van Fatima" in missing
    fatima = store.find_employee(manager_id=_manager(store).id, name="Fatima")
    assert (fatima.skills, fatima.ambitions) == (["Excel"], ["data-analyse"])


async def test_near_duplicates_are_suggested_and_never_merged_without_a_tap(coach: Coach, store):
    await say(coach, MARIEKE, "/note Fatima Kent het team goed", "/note Joost Nieuw in het team")
    await say(coach, MARIEKE, "/skills Fatima + data-analyse", "/skills Fatima + data-analyse")
    shown = (await say(coach, MARIEKE, "/skills Joost + wil: data analysis"))[0]
    assert "Zijn dit dezelfde skills?" in shown.text
    assert "“data analysis” en “data-analyse”" in shown.text
    merge = next(c.value for c in shown.choices if c.value.startswith("/skills merge"))
    apart = next(c.value for c in shown.choices if c.value.startswith("/skills apart"))
    team = (await say(coach, MARIEKE, "/team"))[1]
    assert "Zijn dit dezelfde skills?" in team.text
    manager = _manager(store).id
    labels = {i.label for e in store.list_employees(manager_id=manager) for i in e.passport}
    assert labels == {"data-analyse", "data analysis"}, "nothing merged by showing"

    kept = (await say(coach, MARIEKE, apart))[0].text
    assert kept.startswith("Goed, die houd ik apart")
    assert "dezelfde skills" not in (await say(coach, MARIEKE, "/team"))[1].text
    merged = (await say(coach, MARIEKE, merge))[0].text  # the manager changes their mind
    assert (
        merged == "Samengevoegd: “data analysis” heet nu “data-analyse”, bij iedereen in je team."
    )
    joost = store.find_employee(manager_id=manager, name="Joost")
    assert joost.ambitions == ["data-analyse"]
    stale = (await say(coach, MARIEKE, merge))[0].text
    assert "vind ik niet meer" in stale


async def test_a_forgotten_employee_vanishes_from_the_matrix(coach: Coach, store):
    await say(coach, MARIEKE, "/note Fatima Kent het team goed", "/note Joost Nieuw in het team")
    await say(coach, MARIEKE, "/skills Fatima + Excel", "/skills Joost + team: nieuw ERP-systeem")
    picture, lines = await say(coach, MARIEKE, "/team")
    assert picture.picture is not None and picture.picture[1].startswith(b"\x89PNG")
    assert "Nodig, maar nog niemand kan het: nieuw ERP-systeem." in picture.text
    assert [row[0] for row in lines.table.rows] == ["Fatima", "Joost"]
    await say(coach, MARIEKE, "/forget Joost", "ja")
    picture, lines = await say(coach, MARIEKE, "/team")
    assert [row[0] for row in lines.table.rows] == ["Fatima"]
    assert "Joost" not in picture.text + lines.text
    assert "ERP" not in picture.text, "the need came from Joost's passport"
    from bot.coach import matrix

    grid = matrix.build(store.team(manager_id=_manager(store).id))
    assert grid.people == ["Fatima"] and grid.skills == ["Excel"]


async def test_a_talk_looked_back_on_before_its_day_is_the_last_conversation(coach: Coach, store):
    # found in a user test: /team said "never" and planned "tomorrow" for a talk looked back on
    await say(coach, MARIEKE, *PREP, "Klopt")
    reflect = ["/reflect Fatima", "Goed", "-", "-", "Fatima zoekt een cursus", *["-"] * 4]
    await say(coach, MARIEKE, *reflect, "Klopt")
    _, lines = await say(coach, MARIEKE, "/team")
    row = lines.table.rows[0]
    assert row[0] == "Fatima" and "minder dan een week geleden" in row and "–" in row
    listing = (await say(coach, MARIEKE, "/employees"))[0].text
    assert "laatste gesprek vandaag" in listing


def _member(name: str, talks: list[date], planned: date | None = None):
    from types import SimpleNamespace

    days = [(d, "reflected") for d in talks] + ([(planned, "prepared")] if planned else [])
    return SimpleNamespace(employee=SimpleNamespace(name=name), talks=days, open_due=[])


def test_the_due_list_follows_the_setting():
    weeks = lambda n: TODAY - timedelta(weeks=n)  # noqa: E731
    team = [
        _member("Ten", [weeks(10)]),
        _member("Thirteen", [weeks(30), weeks(13)]),
        _member("Never", []),
        _member("Planned", [weeks(20)], planned=TODAY + timedelta(days=3)),
    ]
    due = {s.name for s in standings(team, TODAY, due_weeks=12) if s.due}
    assert due == {"Thirteen", "Never"}
    due = {s.name for s in standings(team, TODAY, due_weeks=8) if s.due}
    assert due == {"Ten", "Thirteen", "Never"}


async def test_the_team_caption_and_digest_use_the_due_weeks_setting(settings: Settings, store):
    manager = _manager(store).id
    fatima = store.add_employee(manager_id=manager, name="Fatima")
    store.start_one_on_one(
        manager_id=manager, employee_id=fatima.id, planned_for=TODAY - timedelta(weeks=10)
    )
    store.add_action_item(
        manager_id=manager, employee_id=fatima.id, text="cursus zoeken", owner="employee",
        due=TODAY + timedelta(days=4),
    )  # fmt: skip
    store.add_action_item(
        manager_id=manager, employee_id=fatima.id, text="later", due=TODAY + timedelta(days=20)
    )
    relaxed = make_coach(settings, store, FakeKnowledgeBase())
    caption = (await say(relaxed, MARIEKE, "/team"))[0].text
    assert "Niemand is toe aan een gesprek" in caption
    assert "Nog geen skills vastgelegd" in caption
    strict = make_coach(settings.model_copy(update={"due_weeks": 8}), store, FakeKnowledgeBase())
    caption = (await say(strict, MARIEKE, "/team"))[0].text
    assert "Toe aan een gesprek (8 weken of langer geleden, of nog nooit): Fatima." in caption
    digest = (await say(strict, MARIEKE, "/reminders digest nu"))[0].text
    assert "Toe aan een gesprek (8 weken" in digest
    assert (
        "cursus zoeken (uiterlijk vrijdag 4 december)" in digest and "later" not in digest.lower()
    )


async def test_the_digest_is_switched_on_for_a_weekday_and_off(coach: Coach, store):
    ask = (await say(coach, MARIEKE, "/reminders digest aan"))[0]
    assert ask.text == "Op welke dag wil je het weekoverzicht?" and len(ask.choices) == 7
    on = (await say(coach, MARIEKE, ask.choices[4].value))[0].text
    assert on.startswith("Je krijgt het weekoverzicht elke vrijdag")
    assert _manager(store).digest_weekday == 4
    status = (await say(coach, MARIEKE, "/reminders digest"))[0].text
    assert status == "Het weekoverzicht komt elke vrijdag."
    await say(coach, MARIEKE, "/reminders digest off")
    assert _manager(store).digest_weekday is None
    plain = (await say(coach, MARIEKE, "/reminders"))[0].text
    assert plain == "Herinneringen staan nu aan."  # the plain switch is unchanged


def test_pair_codes_are_short_and_ordered():
    code = pair_code(skill_key("data"), skill_key("data-analyse"))
    assert len(code) == 10 and code != pair_code(skill_key("data-analyse"), skill_key("data"))


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_generic_words_and_hedges_are_no_skills() -> None:
    from bot.coach.skills import phrases

    assert phrases("more data work and automation coming, team of 9") == [
        "data work",
        "automation",
    ]
    assert phrases("not sure, maybe broaden a bit") == ["broaden"]
    assert phrases("misschien breder") == ["breder"]
