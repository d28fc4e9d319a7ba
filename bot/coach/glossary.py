"""What the app's own names mean, in the manager's language, for the export (/export).

Beside the answers a manager typed, a preparation keeps what the bot needs later: the signals
confirmed, the questions on the card (so the next card asks others), where its tips came from.
A conversation in progress and the session are kept too. The export shows all of it, so it
says it the way the chat says it ("Er is budget (€750)", the question itself), not by the
names the code uses (``budget_available``, ``q_open_1``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Any

from bot.coach.answering import LAST_QUESTION
from bot.coach.confirm import items_of
from bot.coach.kit import FLOW_KEY, SESSION_KEY, Kit
from bot.coach.labels import item_label
from bot.coach.names import AWAITING_NAME
from bot.coach.skills import APART_KEY
from storage.export import LABELS, readable

# what a flow keeps only to run: said in its first line, or not worth a reader's time
_FLOW_SAID = frozenset(
    {"name", "employee", "employee_id", "started", "step", "answers", "confirm", "lang", "pending"}
)
_SESSION_SAID = frozenset({"lang", LAST_QUESTION, AWAITING_NAME, APART_KEY})


class ExportGlossary:
    """The ``storage.export.Glossary`` of the coach, in one language."""

    def __init__(self, kit: Kit, lang: str) -> None:
        self.kit = kit
        self.lang = lang
        self._fields: dict[str, Callable[[Any], str | None]] = {
            "situations": self._situations,
            "confirmed": self._confirmed,
            "question_ids": self._questions,
            "tip_sources": self._sources,
            "prompt": self._version,
            "reminder_id": lambda _: self._t("export_reminder_set"),
            "lang": self._language,
            "time": str,
        }

    def _t(self, key: str, **values: Any) -> str:
        return self.kit.t(self.lang, key, **values)

    def field(self, key: str, value: Any) -> tuple[str, str] | None:
        render = self._fields.get(key)
        said = render(value) if render is not None else None
        return (self._t(f"export_field_{key}"), said) if said else None

    def state(self, key: str, value: Any) -> list[str] | None:
        if not isinstance(value, dict):
            return None
        if key == FLOW_KEY and isinstance(value.get("name"), str):
            return self._flow(value)
        if key == SESSION_KEY:
            return self._session(value)
        return None

    # -- what a preparation keeps beside its answers

    def _situations(self, tags: Any) -> str | None:
        if not isinstance(tags, list):
            return None
        situations = self.kit.bank(self.lang).situations
        return ", ".join(situations[t].label if t in situations else str(t) for t in tags)

    def _confirmed(self, state: Any) -> str | None:
        if not isinstance(state, dict):
            return None
        items = items_of(state)
        on = [item_label(self.kit, self.lang, i) for i in items if i.on]
        off = [item_label(self.kit, self.lang, i) for i in items if not i.on]
        parts = [
            self._t(key, items="; ".join(said))
            for key, said in (("export_items_on", on), ("export_items_off", off))
            if said
        ]
        return " — ".join(parts) or None

    def _questions(self, ids: Any) -> str | None:
        if not isinstance(ids, list):
            return None
        bank = self.kit.bank(self.lang)

        def said(qid: Any) -> str:
            if qid in bank.by_id:
                return bank.by_id[qid].text
            # the question that links a strength to the team is made for the card, not kept
            return self._t("export_bridge") if qid == "bridge" else str(qid)

        return " / ".join(said(i) for i in ids)

    def _sources(self, sources: Any) -> str | None:
        if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
            return None
        return "; ".join(
            self._t(
                "export_source",
                title=s.get("title") or "-",
                section=s.get("section") or "-",
                version=s.get("version", "?"),
            )
            for s in sources
        )

    def _version(self, ref: Any) -> str | None:
        _, _, version = str(ref).partition("@")
        return self._t("export_version", version=version) if version else None

    def _language(self, code: Any) -> str | None:
        names = self.kit.prompt("messages", self.lang).meta["language_names"]
        return str(names.get(code, code)) if code else None

    # -- what is kept between messages

    def _flow(self, flow: dict[str, Any]) -> list[str]:
        name = str(flow["name"])
        what = self._t(f"flow_{name}", employee=flow.get("employee") or "-")
        head = f"- {what[:1].upper()}{what[1:]}"
        if started := _moment(flow.get("started")):
            head += f", {self._t('export_started', at=self._when(started))}"
        lines = [head]
        answers = flow.get("answers")
        if name in ("prep", "reflect") and isinstance(answers, dict):
            steps = len(self.kit.script(name, self.lang).steps)
            step = min(int(flow.get("step", 0)) + 1, steps)
            lines[0] += f" ({self._t('export_step', step=step, steps=steps)})"
            labels = LABELS.get(self.lang, LABELS["en"])["answer_labels"]
            lines += [
                f"  - {labels.get(k, k)}: {v}" for k, v in answers.items() if v not in (None, "")
            ]
        if isinstance(flow.get("confirm"), dict) and (said := self._confirmed(flow["confirm"])):
            lines.append(f"  - {self._t('export_field_confirmed')}: {said}")
        if waiting := self._pending(flow.get("pending")):
            lines.append(f"  - {waiting}")
        return lines + self._rest(flow, _FLOW_SAID)

    def _pending(self, pending: Any) -> str | None:
        """A date that could mean two days, waiting for the manager's pick, as the chat asks."""
        try:
            first, second = (date.fromisoformat(d) for d in pending["options"])
            text = str(pending["text"])
        except (KeyError, TypeError, ValueError):
            return None
        day = partial(self.kit.format_date, self.lang, relative=False)
        return self._t("export_pending_date", text=text, first=day(first), second=day(second))

    def _session(self, session: dict[str, Any]) -> list[str]:
        lines = [f"- {self._t('export_session')}:"]
        if session.get("lang"):
            lines.append(
                f"  - {self._t('export_session_lang')}: {self._language(session['lang'])}"
            )
        last = session.get(LAST_QUESTION)
        if isinstance(last, dict) and last.get("q"):
            at = _moment(last.get("at"))
            when = f" ({self._when(at)})" if at else ""
            lines.append(f"  - {self._t('export_session_last_question')}: “{last['q']}”{when}")
            shown = [s[1] for s in last.get("shown") or [] if isinstance(s, list) and len(s) > 1]
            if shown:
                lines.append(f"  - {self._t('export_session_shown')}: {'; '.join(shown)}")
        if session.get(AWAITING_NAME):
            command = f"/{session[AWAITING_NAME]}"
            lines.append(f"  - {self._t('export_session_awaiting_name', command=command)}")
        if apart := session.get(APART_KEY):
            lines.append(f"  - {self._t('export_session_apart', count=len(apart))}")
        return lines + self._rest(session, _SESSION_SAID)

    def _rest(self, kept: dict[str, Any], said: frozenset[str]) -> list[str]:
        """What else is kept, under the app's own names: shown, since it is the manager's."""
        labels = LABELS.get(self.lang, LABELS["en"])
        states = (labels["on"], labels["off"])
        return [
            f"  - {k}: {readable(v, states)}"
            for k, v in kept.items()
            if k not in said and v not in (None, "", [], {})
        ]

    def _when(self, moment: datetime) -> str:
        """A moment as the chat says it: "donderdag 10 december 14:05"."""
        local = moment.astimezone(self.kit.tz)
        return f"{self.kit.format_date(self.lang, local.date(), relative=False)} {local:%H:%M}"


def _moment(value: Any) -> datetime | None:
    """A kept ISO moment, or None."""
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
