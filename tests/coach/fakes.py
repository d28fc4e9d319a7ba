"""Small in-memory stand-ins for Store and KnowledgeBase, with the same methods the coach uses.

The scripted-session tests use the real Store and KnowledgeBase; these fakes keep the unit
tests of single behaviours fast and independent of the lower layers.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bot.coach.text import terms
from knowledge.embeddings import FakeEmbedder
from knowledge.retriever import Evidence
from knowledge.sections import Section, SectionHit, advice_sentences
from knowledge.service import SectionSearch
from knowledge.types import DocumentInfo, Hit, SearchResult
from storage.passport import clean_label, skill_key
from storage.service import NotFound
from storage.views import (
    ActionItemView,
    EmployeeView,
    ManagerView,
    NoteView,
    OneOnOneView,
    ReminderView,
    SkillView,
    TeamMemberView,
)

CORPUS = Path(__file__).resolve().parents[2] / "knowledge" / "corpus"


class FakeKnowledgeBase:
    """Word-overlap search over the shipped corpus sections."""

    def __init__(self, corpus: Path = CORPUS) -> None:
        self.embedder = FakeEmbedder()  # as with SKILLSCOACH_EMBEDDER=fake: the rules read
        self.passages: list[Hit] = []
        self.docs: dict[tuple[str, str], DocumentInfo] = {}
        for path in sorted(corpus.glob("*.md")):
            raw = path.read_text(encoding="utf-8")
            meta = dict(re.findall(r"^(id|title|language|version): (.+)$", raw, re.M))
            body = raw.split("\n---", 2)[-1]
            doc_id, lang = meta["id"], meta["language"]
            sections = re.split(r"^## ", body, flags=re.M)[1:]
            self.docs[(doc_id, lang)] = DocumentInfo(
                doc_id=doc_id,
                title=meta["title"],
                version=int(meta["version"]),
                language=lang,
                source_name=path.name,
                chunks=len(sections),
                added_at=datetime(2026, 1, 1, tzinfo=UTC),
                content_hash=hashlib.sha256(raw.encode()).hexdigest(),
                languages=["nl", "en"],
            )
            for i, part in enumerate(sections):
                section, _, text = part.partition("\n")
                self.passages.append(
                    Hit(
                        text.strip(),
                        doc_id,
                        meta["title"],
                        int(meta["version"]),
                        section.strip(),
                        None,
                        lang,
                        0.0,
                        f"{doc_id}:{lang}:{i}",
                    )
                )
        self.searches: list[str] = []
        self._embedder = FakeEmbedder()

    def search(self, query: str, k: int = 5, lang: str | None = None) -> SearchResult:
        self.searches.append(query)
        wanted = set(terms(query))
        scored = []
        for hit in self.passages:
            if lang and hit.language != lang:
                continue
            overlap = len(wanted & set(terms(f"{hit.section} {hit.text}")))
            if overlap:
                scored.append(replace(hit, score=overlap / (len(wanted) or 1)))
        scored.sort(key=lambda h: h.score, reverse=True)
        hits = scored[:k]
        confident = bool(hits) and hits[0].score >= 0.34 and len(wanted) > 0
        return SearchResult(hits, confident, lang or "nl")

    def spelled(self, text: str, keep: Sequence[str] = (), lang: str | None = None) -> str:
        """The fake corrects no typos."""
        return text

    def sections(
        self, query: str, lang: str | None = None, k: int = 4, *, context: str | None = None
    ) -> SectionSearch:
        """Each hit of the word-overlap search stands for its whole section."""
        result = self.search(f"{context} {query}" if context else query, k=k, lang=lang)
        shipped = {doc_id for doc_id, _ in self.docs}
        ranked = [
            SectionHit(
                section=Section(
                    doc_id=h.doc_id,
                    version=h.version,
                    title=h.title,
                    language=h.language,
                    heading=h.section,
                    section_no=i,
                    text=h.text,
                    page=h.page,
                    uploaded=h.doc_id not in shipped,
                ),
                score=h.score,
                ask=0.0,
                passage=h.score,
            )
            for i, h in enumerate(result.hits)
        ]
        evidence = Evidence(cosine=0.0, gap=0.0, lexical=0.0)
        return SectionSearch(result.hits, result.confident, evidence, ranked, result.lang)

    @property
    def embedder_kind(self) -> str:
        return "fake"

    def asks(self) -> list[str]:
        return []

    def question_vectors(self, texts: list[str]) -> np.ndarray:
        return self._embedder.embed_queries(texts)

    def text_vectors(self, texts: list[str]) -> np.ndarray:
        return self._embedder.embed_queries(texts)

    def query_vector(self, text: str) -> np.ndarray:
        return self._embedder.embed_queries([text])[0]

    def best_paragraph(self, section: Section, query: str) -> str:
        """The paragraph sharing most words with the question."""
        paras = [p for p in section.text.split("\n") if p.strip()] or [section.text]
        wanted = set(terms(query))
        return max(paras, key=lambda p: len(wanted & set(terms(p))))

    def best_sentences(self, text: str, query: str, n: int = 2) -> list[str]:
        """The ``n`` sentences sharing most words with the query, in reading order."""
        units = advice_sentences(text)
        wanted = set(terms(query))
        best = sorted(range(len(units)), key=lambda i: -len(wanted & set(terms(units[i]))))[:n]
        return [units[i] for i in sorted(best)]

    def uploaded(self, doc_id: str) -> bool:
        return False  # the shipped corpus only

    def list_documents(self) -> list[DocumentInfo]:
        return list(self.docs.values())

    def titles(self, lang: str) -> dict[str, str]:
        return {doc_id: info.title for (doc_id, each), info in self.docs.items() if each == lang}

    def record_gap(self, question: str, lang: str, **_: object) -> int:
        return 0  # counted on the real knowledge base in tests/coach/test_gaps.py

    def gaps(self, **_: object) -> list[object]:
        return []

    def close(self) -> None:
        pass


class FakeStore:
    """The Store methods the coach calls, in memory, scoped by manager like the real one."""

    def __init__(self) -> None:
        self.managers: dict[int, ManagerView] = {}
        self.employees: dict[int, tuple[int, EmployeeView]] = {}
        self.notes: dict[int, tuple[int, NoteView]] = {}
        self.talks: dict[int, tuple[int, OneOnOneView]] = {}
        self.items: dict[int, tuple[int, ActionItemView]] = {}
        self.reminders: dict[int, tuple[ReminderView, bool]] = {}
        self.states: dict[tuple[int, str], dict[str, Any]] = {}
        self.audits: list[tuple[str, str, str]] = []
        self._id = 0

    def _next(self) -> int:
        self._id += 1
        return self._id

    def _now(self) -> datetime:
        return datetime.now(UTC)

    def _own(self, table: dict[int, Any], manager_id: int, row_id: int) -> Any:
        row = table.get(row_id)
        if row is None or row[0] != manager_id:
            raise NotFound(row_id)
        return row[1]

    def ensure_manager(self, *, external_id: str, role: str = "manager", language=None):
        for m in self.managers.values():
            if m.external_id == external_id:
                return m
        m = ManagerView(self._next(), external_id, role, language, True, {}, self._now())
        self.managers[m.id] = m
        return m

    def update_manager(
        self, *, manager_id, language=None, reminders_enabled=None, role=None, consent=None
    ):
        m = self.managers[manager_id]
        if language is not None:
            m = replace(m, language=language)
        if reminders_enabled is not None:
            m = replace(m, reminders_enabled=reminders_enabled)
        self.managers[manager_id] = m
        return m

    def add_employee(self, *, manager_id, name):
        found = self.find_employee(manager_id=manager_id, name=name)
        if found:
            return found
        e = EmployeeView(self._next(), " ".join(name.split()), [], [], self._now())
        self.employees[e.id] = (manager_id, e)
        return e

    def find_employee(self, *, manager_id, name):
        for owner, e in self.employees.values():
            if owner == manager_id and e.name.lower() == " ".join(name.split()).lower():
                return e
        return None

    def get_employee(self, *, manager_id, employee_id):
        return self._own(self.employees, manager_id, employee_id)

    def list_employees(self, *, manager_id):
        return sorted(
            (e for o, e in self.employees.values() if o == manager_id),
            key=lambda e: e.name.lower(),
        )

    def update_employee(self, *, manager_id, employee_id, skills=None, ambitions=None):
        e = self._own(self.employees, manager_id, employee_id)
        e = replace(
            e,
            skills=list(skills) if skills is not None else e.skills,
            ambitions=list(ambitions) if ambitions is not None else e.ambitions,
        )
        self.employees[employee_id] = (manager_id, e)
        return e

    def add_skills(self, *, manager_id, employee_id, items, source):
        e = self._own(self.employees, manager_id, employee_id)
        have = {(i.kind, i.key) for i in e.passport}
        new = []
        for kind, label in items:
            view = SkillView(kind, clean_label(label), skill_key(label), source, date.today())
            if (kind, view.key) not in have:
                have.add((kind, view.key))
                new.append(view)
        return self._passport(manager_id, e, [*e.passport, *new])

    def _passport(self, manager_id, e, items):
        e = replace(
            e,
            passport=items,
            skills=[i.label for i in items if i.kind == "seen"],
            ambitions=[i.label for i in items if i.kind == "wanted"],
            needs=[i.label for i in items if i.kind == "needed"],
        )
        self.employees[e.id] = (manager_id, e)
        return e

    def remove_skills(self, *, manager_id, employee_id, key, kind=None):
        e = self._own(self.employees, manager_id, employee_id)
        gone = [i for i in e.passport if i.key == key and kind in (None, i.kind)]
        self._passport(manager_id, e, [i for i in e.passport if i not in gone])
        return gone

    def merge_skills(self, *, manager_id, keep, drop):
        employees = self.list_employees(manager_id=manager_id)
        label = next((i for e in employees for i in e.passport if i.key == keep), None)
        changed = 0
        for e in employees if label else []:
            if any(i.key == drop for i in e.passport):
                renamed = [
                    replace(i, key=keep, label=label.label) if i.key == drop else i
                    for i in e.passport
                ]
                unique = {(i.kind, i.key): i for i in reversed(renamed)}
                self._passport(manager_id, e, [i for i in renamed if unique[(i.kind, i.key)] is i])
                changed += 1
        return changed

    def team(self, *, manager_id):
        members = []
        for e in self.list_employees(manager_id=manager_id):
            talks = sorted(
                (t.planned_for or t.created_at.date(), t.status)
                for o, t in self.talks.values()
                if o == manager_id and t.employee_id == e.id
            )
            due = [
                i.due
                for o, i in self.items.values()
                if o == manager_id and i.employee_id == e.id and not i.done
            ]
            members.append(TeamMemberView(employee=e, talks=talks, open_due=due))
        return members

    def set_digest(self, *, manager_id, weekday):
        m = replace(self.managers[manager_id], digest_weekday=weekday)
        self.managers[manager_id] = m
        return m

    def add_note(self, *, manager_id, employee_id, body, kind="free"):
        self._own(self.employees, manager_id, employee_id)
        n = NoteView(self._next(), employee_id, kind, body, self._now(), self._now())
        self.notes[n.id] = (manager_id, n)
        return n

    def list_notes(self, *, manager_id, employee_id, limit=None):
        self._own(self.employees, manager_id, employee_id)
        rows = sorted(
            (
                n
                for o, n in self.notes.values()
                if o == manager_id and n.employee_id == employee_id
            ),
            key=lambda n: n.id,
            reverse=True,
        )
        return rows[:limit] if limit else rows

    def start_one_on_one(self, *, manager_id, employee_id, planned_for=None):
        self._own(self.employees, manager_id, employee_id)
        t = OneOnOneView(
            self._next(), employee_id, planned_for, "preparing", None, {}, None, self._now()
        )
        self.talks[t.id] = (manager_id, t)
        return t

    def save_preparation(self, *, manager_id, one_on_one_id, card, answers, planned_for=None):
        t = self._own(self.talks, manager_id, one_on_one_id)
        t = replace(
            t,
            preparation=card,
            preparation_answers=dict(answers),
            status="prepared",
            planned_for=planned_for or t.planned_for,
        )
        self.talks[t.id] = (manager_id, t)
        return t

    def save_reflection(self, *, manager_id, one_on_one_id, reflection, held_on=None):
        t = self._own(self.talks, manager_id, one_on_one_id)
        if held_on is not None and (t.planned_for is None or held_on < t.planned_for):
            t = replace(t, planned_for=held_on)
        t = replace(t, reflection=reflection, status="reflected")
        self.talks[t.id] = (manager_id, t)
        return t

    def latest_one_on_one(self, *, manager_id, employee_id, status=None):
        rows = [
            t
            for o, t in self.talks.values()
            if o == manager_id
            and t.employee_id == employee_id
            and (status is None or t.status == status)
        ]
        return max(rows, key=lambda t: t.id) if rows else None

    def list_one_on_ones(self, *, manager_id, employee_id=None):
        rows = [
            t
            for o, t in self.talks.values()
            if o == manager_id and (employee_id is None or t.employee_id == employee_id)
        ]
        return sorted(rows, key=lambda t: t.id, reverse=True)

    def add_action_item(
        self,
        *,
        manager_id,
        employee_id,
        text,
        owner="manager",
        due=None,
        one_on_one_id=None,
        on_day=False,
    ):
        self._own(self.employees, manager_id, employee_id)
        i = ActionItemView(
            self._next(),
            employee_id,
            one_on_one_id,
            text,
            owner,
            due,
            False,
            self._now(),
            on_day and due is not None,
        )
        self.items[i.id] = (manager_id, i)
        return i

    def list_action_items(self, *, manager_id, employee_id=None, open_only=True):
        rows = [
            i
            for o, i in self.items.values()
            if o == manager_id
            and (employee_id is None or i.employee_id == employee_id)
            and (not open_only or not i.done)
        ]
        return sorted(rows, key=lambda i: (i.due is None, i.due or date.max, i.id))

    def complete_action_item(self, *, manager_id, item_id):
        i = replace(self._own(self.items, manager_id, item_id), done=True)
        self.items[item_id] = (manager_id, i)
        return i

    def schedule_reminder(self, *, manager_id, kind, due_at, payload):
        m = self.managers[manager_id]
        r = ReminderView(self._next(), manager_id, m.external_id, kind, due_at, dict(payload))
        self.reminders[r.id] = (r, False)
        return r

    def pending_reminders(self, *, manager_id):
        return [
            r for r, sent in self.reminders.values() if r.manager_id == manager_id and not sent
        ]

    def mark_reminder_sent(self, *, reminder_id, repeat_at=None, item_id=None):
        if reminder_id in self.reminders:
            self.reminders[reminder_id] = (self.reminders[reminder_id][0], True)

    def save_state(self, *, manager_id, key, value):
        if value is None:
            self.states.pop((manager_id, key), None)
        else:
            self.states[(manager_id, key)] = dict(value)

    def open_turn(self, *, external_id, role, keys):
        manager = self.ensure_manager(external_id=external_id, role=role)
        found = {key: self.load_state(manager_id=manager.id, key=key) for key in keys}
        return manager, {key: value for key, value in found.items() if value is not None}

    def load_state(self, *, manager_id, key):
        value = self.states.get((manager_id, key))
        return dict(value) if value is not None else None

    def export(
        self, *, manager_id, employee_id=None, fmt="json", actor=None, language=None, glossary=None
    ):
        names = [
            e.name
            for o, e in self.employees.values()
            if o == manager_id and (employee_id is None or e.id == employee_id)
        ]
        return "# Export\n" + "\n".join(names)

    def privacy_summary(self, *, manager_id):
        return {
            "employees": [
                {"id": e.id, "name": e.name, "notes": 0}
                for e in self.list_employees(manager_id=manager_id)
            ],
            "retention_days": None,
        }

    def erase_employee(self, *, manager_id, employee_id, actor=None):
        self._own(self.employees, manager_id, employee_id)
        for table in (self.notes, self.talks, self.items):
            for key in [k for k, (o, v) in table.items() if v.employee_id == employee_id]:
                del table[key]
        for key in [
            k
            for k, (r, _) in self.reminders.items()
            if r.payload.get("employee_id") == employee_id
        ]:
            del self.reminders[key]
        del self.employees[employee_id]

    def audit(self, *, actor, action, target):
        self.audits.append((actor, action, target))
