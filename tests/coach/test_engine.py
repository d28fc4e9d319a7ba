"""Single behaviours of the engine on the in-memory fakes (the clock: Monday 30 Nov 2026)."""

from __future__ import annotations

from bot.coach.service import Coach
from bot.coach.types import Actor, Reply


async def say(coach: Coach, actor: Actor, *messages: str) -> list[Reply]:
    """Send messages one by one; the replies to the last one."""
    replies: list[Reply] = []
    for message in messages:
        replies = await coach.handle(actor, message)
        assert replies, message
    return replies


async def test_a_flow_about_an_erased_employee_ends_kindly(fake_coach: Coach, anna_manager):
    await say(fake_coach, anna_manager, "/note Anna")
    store = fake_coach.store
    manager = store.ensure_manager(external_id=anna_manager.external_id)
    anna = store.find_employee(manager_id=manager.id, name="Anna")
    store.erase_employee(manager_id=manager.id, employee_id=anna.id)
    replies = await say(fake_coach, anna_manager, "Heeft goed gepresenteerd")
    assert "bestaat niet meer" in replies[0].text and replies[0].flow is None
    assert store.load_state(manager_id=manager.id, key="flow") is None


REFLECT_ONE = [
    "/reflect Anna",
    "Goed",
    "Plannen",
    "Teamleider worden",
    "Anna: cursus zoeken voor 15 december",
    "Open vragen",
    "Prima",
    "Samenvatten",
]


async def test_one_agreement_is_counted_in_the_singular(fake_coach: Coach, anna_manager):
    closing = (await say(fake_coach, anna_manager, *REFLECT_ONE))[1].text
    assert "de reflectie en 1 afspraak " in closing and "1 afspraken" not in closing
    team = (await say(fake_coach, anna_manager, "/employees"))[0].text
    assert "Anna: 1 open afspraak " in team
    bad = (await say(fake_coach, anna_manager, "/done 7"))[0].text
    assert "er is 1 open afspraak." in bad


async def test_one_agreement_is_counted_in_the_singular_in_english(fake_coach: Coach):
    john = Actor(external_id="tg:42", language="en")
    steps = ["/reflect Sam", "Well", "-", "-", "Sam: shadow the design team by 15 December"]
    closing = (await say(fake_coach, john, *steps, "-", "-", "-"))[1].text
    assert "the reflection and 1 agreement (" in closing
    assert "1 with a reminder on its due date" in closing
    bad = (await say(fake_coach, john, "/done 3"))[0].text
    assert "there is 1 open agreement." in bad


async def test_replies_carry_the_language_the_manager_chose(fake_coach: Coach, anna_manager):
    assert await fake_coach.language(anna_manager) == "nl"
    await say(fake_coach, anna_manager, "/lang en", "/note Sanne Goed gesprek gehad")
    export = await say(fake_coach, anna_manager, "/export Sanne")
    assert export[0].text.startswith("Here is everything") and export[0].lang == "en"
    assert (await say(fake_coach, anna_manager, "/notes Sanne"))[0].lang == "en"
    assert await fake_coach.language(anna_manager) == "en"
    answer = await say(
        fake_coach, anna_manager, "Hoe help ik een medewerker met weinig zelfvertrouwen?"
    )
    assert answer[0].lang == "nl"  # an answer is in the question's language
    assert await fake_coach.language(anna_manager) == "en"  # the choice stands
