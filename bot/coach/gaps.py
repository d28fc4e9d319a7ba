"""HR's view of what the guidance does not cover: counted by topic, shown only k-anonymously."""

from __future__ import annotations

import logging

from bot.coach.kit import Kit, Turn
from bot.coach.types import Actor, Answer, Reply

log = logging.getLogger(__name__)

GAP_DAYS = 28  # /gaps looks back four weeks
GAPS_SHOWN = 15


async def noted(kit: Kit, turn: Turn, question: str, answer: Answer) -> Answer:
    """Count an honest "not covered" answer by topic (no text, no names); returns `answer`."""
    if answer.scope not in ("out", "none"):
        return answer
    try:
        employees = await kit.run(kit.store.list_employees, manager_id=turn.manager.id)
        names = [e.name for e in employees]
        await kit.run(
            lambda: kit.kb.record_gap(
                question,
                answer.lang,
                manager=turn.actor.external_id,
                names=names,
                when=kit.now(),
            )
        )
    except Exception:  # noqa: BLE001 - a count must never cost the manager the answer
        log.warning("could not count a guidance gap", exc_info=True)
    return answer


async def gaps_report(kit: Kit, actor: Actor, lang: str, arg: str) -> Reply:
    """/gaps (HR only): topics three or more managers found not covered, per week."""
    if actor.role != "hr":
        return Reply(kit.t(lang, "hr_only"), lang=lang)
    days = int(arg) if arg.strip().isdigit() and 0 < int(arg) <= 366 else GAP_DAYS
    found = await kit.run(lambda: kit.kb.gaps(days=days, now=kit.now()))
    if not found:
        return Reply(kit.t(lang, "gaps_none", days=days), lang=lang)
    lines = [kit.t(lang, "gaps_header", days=days)]
    for gap in found[:GAPS_SHOWN]:
        weeks = ", ".join(f"{week}: {n}" for week, n in gap.weeks.items())
        lines.append(
            kit.t(
                lang,
                "gaps_line",
                term=gap.term,
                language=gap.lang,
                managers=gap.managers,
                weeks=weeks,
            )
        )
    return Reply("\n".join(lines), lang=lang)
