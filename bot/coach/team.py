"""The team at a glance: who is due a conversation, open agreements, the skills matrix.

``/team`` answers with the matrix picture and a short caption (the due list and the gaps),
then one line per employee (as a table in the terminal). "Due" is a setting
(``SKILLSCOACH_DUE_WEEKS``, default 12): someone is due when nothing is planned and their last
conversation was that many weeks ago, or there never was one. The weekly digest (opt-in,
``/reminders digest on``) repeats the due list with the agreements falling due that week.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bot.coach import matrix
from bot.coach.kit import LANGS, Kit, Turn
from bot.coach.records import agreement_line
from bot.coach.skills import Skills
from bot.coach.types import Choice, Reply, Table

CAPTION_NAMES = 8  # names in the caption before "and N more"
CAPTION_LIMIT = 1024  # Telegram's limit for a photo caption
DIGEST_DAYS = 7


@dataclass(frozen=True)
class Standing:
    """Where one employee stands: last and next conversation, agreements, due or not."""

    name: str
    last: date | None
    next: date | None
    open: int
    overdue: int
    due: bool


def standings(members: Sequence[Any], today: date, due_weeks: int) -> list[Standing]:
    """Each member's standing on ``today``; due after ``due_weeks`` weeks without a talk."""
    found = []
    for member in members:
        past = [day for day, _ in member.talks if day <= today]
        future = [day for day, _ in member.talks if day > today]
        last = max(past) if past else None
        planned = min(future) if future else None
        overdue = sum(1 for day in member.open_due if day is not None and day < today)
        stale = last is None or (today - last).days >= 7 * due_weeks
        found.append(
            Standing(
                name=member.employee.name,
                last=last,
                next=planned,
                open=len(member.open_due),
                overdue=overdue,
                due=stale and planned is None,
            )
        )
    return found


def due_names(found: Sequence[Standing]) -> list[str]:
    """Who is due a conversation, longest waiting first (never had one: first of all)."""
    due = [s for s in found if s.due]
    return [s.name for s in sorted(due, key=lambda s: (s.last or date.min, s.name.lower()))]


class Team:
    """/team and the weekly digest."""

    def __init__(self, kit: Kit, skills: Skills) -> None:
        self.kit = kit
        self.skills = skills

    # --- /team ------------------------------------------------------------------------------

    async def overview(self, turn: Turn, arg: str) -> list[Reply]:
        """/team: the matrix picture with a caption, then one line per employee."""
        kit, lang = self.kit, turn.lang
        members = await kit.run(kit.store.team, manager_id=turn.manager.id)
        if not members:
            return [Reply(kit.t(lang, "no_employees"))]
        found = standings(members, kit.today(), kit.settings.due_weeks)
        grid = matrix.build(members)
        caption = self._caption(lang, found, grid)
        first = Reply(caption)
        if grid.skills:
            png = await kit.run(matrix.render, grid, self._texts(lang, len(members)))
            first.picture = (f"skillscoach-team-{kit.today().isoformat()}.png", png)
        else:
            first.text += "\n" + kit.t(lang, "team_no_skills")
        table = self._table(lang, found)
        lines = [self._line(lang, s) for s in found]
        text = kit.t(lang, "team_header") + "\n" + "\n".join(lines)
        suggestion, choices = await self.skills.suggestions(turn)
        if suggestion:
            text += "\n\n" + suggestion
        return [first, Reply(text, choices=choices, table=table)]

    def _texts(self, lang: str, people: int) -> matrix.MatrixTexts:
        t = self.kit.t
        return matrix.MatrixTexts(
            title=t(lang, "matrix_title", count=people),
            team_row=t(lang, "matrix_team_row"),
            has=t(lang, "matrix_has"),
            wants=t(lang, "matrix_wants"),
            needs=t(lang, "matrix_needs"),
            gap=t(lang, "matrix_gap"),
        )

    def _caption(self, lang: str, found: list[Standing], grid: matrix.Matrix) -> str:
        kit = self.kit
        parts = [
            kit.t(lang, "team_caption", people=len(found), skills=len(grid.skills) + grid.hidden)
        ]
        due = due_names(found)
        if due:
            parts.append(
                kit.t(lang, "team_due", weeks=kit.settings.due_weeks, names=_names(kit, lang, due))
            )
        else:
            parts.append(kit.t(lang, "team_due_none", weeks=kit.settings.due_weeks))
        gaps = [grid.skills[c] for c in grid.gaps]
        if gaps:
            parts.append(kit.t(lang, "team_gaps", skills=_names(kit, lang, gaps)))
        if grid.hidden:
            parts.append(kit.t(lang, "team_hidden", count=grid.hidden))
        caption = "\n".join(parts)
        return caption if len(caption) <= CAPTION_LIMIT else caption[: CAPTION_LIMIT - 1] + "…"

    def _when(self, lang: str, day: date | None) -> str:
        if day is None:
            return "–"
        return self.kit.format_date(lang, day, relative=False)

    def _ago(self, lang: str, day: date | None) -> str:
        if day is None:
            return self.kit.t(lang, "team_never")
        weeks = (self.kit.today() - day).days // 7
        if weeks == 0:  # not "0 weken geleden"
            return self.kit.t(lang, "team_this_week")
        return self.kit.t(lang, "team_weeks_ago", weeks=weeks)

    def _line(self, lang: str, s: Standing) -> str:
        kit = self.kit
        line = kit.t(
            lang,
            "team_line",
            name=s.name,
            last=self._when(lang, s.last),
            ago=self._ago(lang, s.last),
            next=self._when(lang, s.next) if s.next else kit.t(lang, "team_not_planned"),
            open=s.open,
        )
        if s.overdue:
            line += " " + kit.t(lang, "team_overdue", count=s.overdue)
        if s.due:
            line += " · " + kit.t(lang, "team_is_due")
        return line

    def _table(self, lang: str, found: list[Standing]) -> Table:
        kit = self.kit
        header = [kit.t(lang, f"team_col_{c}") for c in ("name", "last", "ago", "next", "open")]
        header += [kit.t(lang, "team_col_overdue"), kit.t(lang, "team_col_due")]
        rows = [
            [
                s.name,
                self._when(lang, s.last),
                self._ago(lang, s.last) if s.last else kit.t(lang, "team_never"),
                self._when(lang, s.next),
                str(s.open),
                str(s.overdue) if s.overdue else "",
                kit.t(lang, "team_yes") if s.due else "",
            ]
            for s in found
        ]
        return Table(header, rows, marked=[n for n, s in enumerate(found) if s.due])

    # --- the weekly digest --------------------------------------------------------------------

    async def digest_text(self, manager_id: int, lang: str) -> str:
        """The weekly digest: who is due a conversation, which agreements fall due this week."""
        kit = self.kit
        lang = lang if lang in LANGS else kit.settings.default_language
        today = kit.today()
        members = await kit.run(kit.store.team, manager_id=manager_id)
        due = due_names(standings(members, today, kit.settings.due_weeks))
        items = await kit.run(kit.store.list_action_items, manager_id=manager_id)
        week = [i for i in items if i.due and today <= i.due < today + timedelta(DIGEST_DAYS)]
        late = [i for i in items if i.due and i.due < today]
        names = {m.employee.id: m.employee.name for m in members}
        parts = [kit.t(lang, "digest_title")]
        if due:
            parts.append(
                kit.t(lang, "team_due", weeks=kit.settings.due_weeks, names=", ".join(due))
            )
        else:
            parts.append(kit.t(lang, "team_due_none", weeks=kit.settings.due_weeks))
        if week:
            lines = [agreement_line(kit, lang, None, i, names) for i in week]
            parts.append(kit.t(lang, "digest_week") + "\n" + "\n".join(lines))
        else:
            parts.append(kit.t(lang, "digest_week_none"))
        if late:
            parts.append(kit.t(lang, "digest_late", count=len(late)))
        parts.append(kit.t(lang, "digest_footer"))
        return "\n\n".join(parts)

    async def digest_setting(self, turn: Turn, arg: str) -> list[Reply]:
        """/reminders digest [on|off|WEEKDAY|now]: the weekly digest and its day."""
        kit, lang = self.kit, turn.lang
        words = arg.lower().split()
        if words[:1] in (["now"], ["nu"]):
            return [Reply(await self.digest_text(turn.manager.id, lang))]
        if words[:1] in (["off"], ["uit"]):
            await kit.run(kit.store.set_digest, manager_id=turn.manager.id, weekday=None)
            return [Reply(kit.t(lang, "digest_off"))]
        day = next((d for w in words if (d := self._weekday(w)) is not None), None)
        if day is not None:
            turn.manager = await kit.run(
                kit.store.set_digest, manager_id=turn.manager.id, weekday=day
            )
            text = kit.t(lang, "digest_on", day=self._day_name(lang, day))
            if not turn.manager.reminders_enabled:
                text += " " + kit.t(lang, "digest_reminders_off")
            return [Reply(text)]
        if words[:1] in (["on"], ["aan"]):
            return [Reply(kit.t(lang, "digest_which_day"), choices=self._day_choices(lang))]
        current = turn.manager.digest_weekday
        text = (
            kit.t(lang, "digest_status_on", day=self._day_name(lang, current))
            if current is not None
            else kit.t(lang, "digest_status_off")
        )
        choices = self._day_choices(lang)[:5]
        choices.append(Choice(kit.t(lang, "digest_choice_now"), "/reminders digest now"))
        if current is not None:
            choices.append(Choice(kit.t(lang, "reminders_choice_off"), "/reminders digest off"))
        return [Reply(text, choices=choices)]

    def _day_name(self, lang: str, day: int) -> str:
        return str(self.kit.prompt("messages", lang).meta["weekdays"][day])

    def _day_choices(self, lang: str) -> list[Choice]:
        names = self.kit.prompt("messages", lang).meta["weekdays"]
        return [Choice(str(n), f"/reminders digest {str(n).lower()}") for n in names]

    def _weekday(self, word: str) -> int | None:
        """0-6 for a weekday named in Dutch or English ("ma", "monday", "Mon", "maandag")."""
        word = re.sub(r"[^a-z]", "", word.lower())
        if len(word) < 2:
            return None
        for lang in LANGS:
            for n, name in enumerate(self.kit.prompt("messages", lang).meta["weekdays"]):
                if str(name).lower().startswith(word):
                    return n
        return None


def _names(kit: Kit, lang: str, names: list[str]) -> str:
    shown = ", ".join(names[:CAPTION_NAMES])
    if len(names) > CAPTION_NAMES:
        shown += " " + kit.t(lang, "team_and_more", count=len(names) - CAPTION_NAMES)
    return shown
