"""Single behaviours of the engine on the in-memory fakes (fixed clock: Monday 30 November 2026)."""

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
