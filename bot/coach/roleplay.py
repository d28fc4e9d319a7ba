"""The /practice flow: role-play with the language model, or offline reactions and checks.

With a language model the coach plays the employee; without one (or when it fails) it shows
likely reactions and says of every line the manager types whether it is an open question.
/stop ends with counts from ``bot.coach.practice`` and, with a model, its feedback.
"""

from __future__ import annotations

from typing import Any

from bot.coach import composer
from bot.coach.kit import Kit, Turn
from bot.coach.names import resolve
from bot.coach.practice import PracticeStats, question_kind
from bot.coach.text import plain_text, shorten
from bot.coach.types import Choice, Reply
from bot.llm import LLMError, Message

MAX_PRACTICE_TURNS = 24


class Practice:
    """Practising a conversation with one employee."""

    def __init__(self, kit: Kit) -> None:
        self.kit = kit

    async def command(self, turn: Turn, arg: str) -> list[Reply]:
        """/practice NAME."""
        found = await resolve(self.kit, turn, arg, command="practice", create=True)
        if isinstance(found, list):
            return found
        return await self.start(turn, found)

    async def start(self, turn: Turn, emp: Any) -> list[Reply]:
        """Open the practice flow: explain the mode, then ask for the situation."""
        kit = self.kit
        flow = {
            "name": "practice",
            "lang": turn.lang,
            "employee_id": emp.id,
            "employee": emp.name,
            "stage": "situation",
            "history": [],
            "mode": "llm" if kit.llm is not None else "offline",
        }
        await kit.save_flow(turn, flow)
        key = "practice_intro_llm" if kit.llm is not None else "practice_intro_offline"
        head = kit.t(turn.lang, key, employee=emp.name)
        question = self.prompt(turn, flow)
        question.text = f"{head}\n\n{question.text}"
        return [question]

    def _situation_choices(self, lang: str) -> list[Choice]:
        bank = self.kit.bank(lang)
        picks = self.kit.prompt("messages", lang).meta["practice_situations"]
        return [
            Choice(bank.situations[tag].label, bank.situations[tag].label[:60]) for tag in picks
        ]

    def prompt(self, turn: Turn, flow: dict[str, Any]) -> Reply:
        """What the manager is asked at this point of the practice."""
        if flow.get("stage") == "situation":
            return Reply(
                self.kit.t(turn.lang, "practice_situation", employee=flow["employee"]),
                choices=self._situation_choices(turn.lang),
                flow="practice",
            )
        return Reply(
            self.kit.t(turn.lang, "practice_go_on", employee=flow["employee"]), flow="practice"
        )

    async def answer(self, turn: Turn, text: str) -> list[Reply]:
        """The situation to practise, or the manager's next line in the conversation."""
        kit = self.kit
        flow = turn.flow or {}
        if flow.get("stage") == "situation":
            bank = kit.bank(turn.lang)
            tag = next(
                (t for t, s in bank.situations.items() if s.label.lower() == text.lower()), None
            )
            if tag is None:
                found = bank.detect([text], limit=1)
                tag = found[0] if found else None
            flow["situation_tag"] = tag
            flow["situation"] = shorten(text, 400)
            flow["stage"] = "talk"
            await kit.save_flow(turn, flow)
            if flow["mode"] == "llm":
                return [
                    Reply(
                        kit.t(turn.lang, "practice_llm_go", employee=flow["employee"]),
                        flow="practice",
                    )
                ]
            return [self._offline_card(turn, flow)]
        if len(flow.get("history", [])) >= MAX_PRACTICE_TURNS * 2:
            return [Reply(kit.t(turn.lang, "practice_long"), flow="practice")]
        flow.setdefault("history", []).append({"role": "manager", "text": shorten(text, 800)})
        if flow["mode"] == "llm":
            try:
                reply = await self._roleplay_turn(turn, flow)
            except LLMError as exc:
                flow["mode"] = "offline"
                await kit.save_flow(turn, flow)
                notice = kit.t(turn.lang, f"llm_failed_{exc.kind}")
                card = self._offline_card(turn, flow)
                card.text = f"{notice}\n\n{card.text}"
                return [card]
            flow["history"].append({"role": "employee", "text": reply})
            await kit.save_flow(turn, flow)
            return [Reply(f"{flow['employee']}: {reply}", flow="practice")]
        # offline: say what kind of question it was and how the employee might react
        await kit.save_flow(turn, flow)
        return [self._offline_feedback_line(turn, flow, text)]

    def _offline_card(self, turn: Turn, flow: dict[str, Any]) -> Reply:
        lang = turn.lang
        bank = self.kit.bank(lang)
        tag = flow.get("situation_tag")
        reactions = bank.reactions(tag) if tag else []
        if not reactions:
            reactions = [r for s in list(bank.situations)[:2] for r in bank.reactions(s)][:2]
        questions = bank.select([tag] if tag else [], limit=8)
        specific = [q for q in questions if tag and tag in q.tags][:3] or questions[3:6]
        text = self.kit.t(
            lang,
            "practice_offline_card",
            employee=flow["employee"],
            reactions=composer.bullets(f"“{r}”" for r in reactions),
            questions=composer.bullets(q.text for q in specific),
        )
        return Reply(text, flow="practice")

    def _offline_feedback_line(self, turn: Turn, flow: dict[str, Any], text: str) -> Reply:
        kit, lang = self.kit, turn.lang
        kind = question_kind(text)
        bank = kit.bank(lang)
        tag = flow.get("situation_tag")
        reactions = bank.reactions(tag) if tag else []
        asked = sum(1 for h in flow.get("history", []) if h["role"] == "manager")
        line = kit.t(lang, f"practice_kind_{kind}")
        if kind != "open":
            fitting = [q for q in bank.questions if tag and tag in q.tags]
            options = fitting or bank.select([], limit=8)
            suggestion = options[(asked - 1) % len(options)].text if options else ""
            line += " " + kit.t(lang, "practice_try_instead", question=suggestion)
        if reactions:
            reaction = reactions[(asked - 1) % len(reactions)]
            flow["history"].append({"role": "employee", "text": reaction})
            line += "\n\n" + kit.t(
                lang, "practice_maybe", employee=flow["employee"], reaction=reaction
            )
        return Reply(line, flow="practice")

    async def _roleplay_turn(self, turn: Turn, flow: dict[str, Any]) -> str:
        kit = self.kit
        prompt = kit.prompt("llm_roleplay", turn.lang)
        context = ""
        # a name not stored yet (practice saves nothing about them) has no notes to share
        if kit.settings.llm_may_see_notes and flow.get("employee_id") is not None:
            last = await kit.run(
                kit.store.latest_one_on_one,
                manager_id=turn.manager.id,
                employee_id=int(flow["employee_id"]),
            )
            if last is not None and last.preparation_answers:
                known = {
                    k: v
                    for k, v in last.preparation_answers.items()
                    if k in ("strengths", "ambitions", "support", "barriers") and v
                }
                if known:
                    context = prompt.text("context_block", context=shorten(str(known), 800))
        system = prompt.render(
            employee=flow["employee"], situation=flow.get("situation") or "-", context=context
        )
        messages: list[Message] = [{"role": "system", "content": system}]
        for h in flow["history"][-20:]:
            role = "user" if h["role"] == "manager" else "assistant"
            messages.append({"role": role, "content": h["text"]})  # type: ignore[typeddict-item]
        reply = plain_text(await kit.complete(messages, turn.stream))
        return shorten(reply.removeprefix(f"{flow['employee']}:").strip(), 1200)

    async def stop(self, turn: Turn) -> list[Reply]:
        """/stop: end the practice with counts and, with a model, its feedback."""
        kit = self.kit
        flow = turn.flow or {}
        await kit.save_flow(turn, None)
        history = flow.get("history", [])
        stats = PracticeStats.of(history)
        lang = turn.lang
        if stats.turns == 0:
            return [Reply(kit.t(lang, "practice_stopped_empty"))]
        summary = kit.t(
            lang,
            "practice_stats",
            turns=stats.turns,
            open=stats.open,
            closed=stats.closed,
            statements=stats.statements,
        )
        if flow.get("mode") == "llm":  # with canned reactions listening cannot be judged
            summary += " " + kit.t(
                lang, "practice_listening", listening=stats.listening, employee=flow["employee"]
            )
        if stats.closed >= stats.open:
            summary += "\n" + kit.t(lang, "practice_tip_closed")
        elif stats.listening == 0 and flow.get("mode") == "llm":
            summary += "\n" + kit.t(lang, "practice_tip_listen")
        else:
            summary += "\n" + kit.t(lang, "practice_tip_good")
        if flow.get("mode") == "llm" and kit.llm is not None:
            prompt = kit.prompt("llm_feedback", lang)
            you = kit.t(lang, "you")
            transcript = "\n".join(
                f"{you if h['role'] == 'manager' else flow['employee']}: {h['text']}"
                for h in history
            )
            messages: list[Message] = [
                {"role": "system", "content": prompt.render()},
                {
                    "role": "user",
                    "content": prompt.text("user", transcript=transcript, stats=summary),
                },
            ]
            try:
                feedback = plain_text(await kit.complete(messages, turn.stream))
                summary = f"{summary}\n\n{feedback}"
            except LLMError as exc:
                summary = f"{kit.t(lang, f'llm_failed_{exc.kind}')}\n\n{summary}"
        return [Reply(kit.t(lang, "practice_feedback_header") + "\n" + summary)]
