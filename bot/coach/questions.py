"""The question bank: open questions tagged by phase and situation, and picking them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.coach.text import keyword_spans, terms
from prompts import LANGUAGES, PromptLibrary

CORE_PHASES = ("opening", "skills", "ambition", "closing")
FILL_PHASES = ("support", "direction", "room")
PHASE_ORDER = ("opening", "skills", "ambition", "direction", "room", "support")


@dataclass(frozen=True)
class Situation:
    """A situation the answers can reveal (low self-confidence, no budget, ...).

    ``compounds`` are keywords that also count at the end of a compound word ("budget" in
    "leerbudget"); a keyword that overlaps one of the ``unless`` phrases does not count
    ("nieuwe collega" in "helpt nieuwe collega's": the employee helps others, is not new).
    """

    tag: str
    label: str
    keywords: tuple[str, ...]
    query: str
    reactions: tuple[str, ...]
    compounds: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()

    def matches(self, text_lower: str) -> list[str]:
        """The keywords that occur in a text, apart from the ``unless`` phrases."""
        blocked = [span for phrase in self.unless for span in keyword_spans(text_lower, phrase)]
        compounds = {c.lower() for c in self.compounds}
        found = []
        for kw in dict.fromkeys(k.lower() for k in self.keywords):
            spans = keyword_spans(text_lower, kw, compound=kw in compounds)
            if any(all(s1 <= b0 or b1 <= s0 for b0, b1 in blocked) for s0, s1 in spans):
                found.append(kw)
        return found


@dataclass(frozen=True)
class BankQuestion:
    """One open question with its tags: its phase or situation first, then the situations it
    also fits; ``prefer_when`` are situations in which it comes before the phase's other
    questions, ``not_when`` those in which it is never asked ("your work in two years" to
    someone just back from a burn-out)."""

    id: str
    text: str
    tags: tuple[str, ...]
    prefer_when: frozenset[str] = frozenset()
    not_when: frozenset[str] = frozenset()


class QuestionBank:
    """Questions and situations of one language (signal words of both languages)."""

    def __init__(self, prompts: PromptLibrary, lang: str) -> None:
        prompt = prompts.load("question_bank", lang)
        self.ref = prompt.ref
        self.lang = lang
        # Answers are sometimes typed in the other language, so signal words of both count.
        words: dict[tuple[str, str], list[str]] = {}
        for each in LANGUAGES:
            for tag, sit in prompts.load("question_bank", each).meta["situations"].items():
                for field in ("keywords", "compounds", "unless"):
                    words.setdefault((tag, field), []).extend(sit.get(field, []))

        def both(tag: str, field: str) -> tuple[str, ...]:
            own = prompt.meta["situations"][tag].get(field, [])
            return tuple(dict.fromkeys(str(w) for w in [*own, *words.get((tag, field), [])]))

        self.situations: dict[str, Situation] = {
            tag: Situation(
                tag=tag,
                label=str(sit["label"]),
                keywords=both(tag, "keywords"),
                query=str(sit.get("query", "")),
                reactions=tuple(str(r) for r in sit.get("reactions", [])),
                compounds=both(tag, "compounds"),
                unless=both(tag, "unless"),
            )
            for tag, sit in prompt.meta["situations"].items()
        }
        self.questions = [
            BankQuestion(
                id=str(q["id"]),
                text=str(q["text"]),
                tags=tuple(q["tags"]),
                prefer_when=frozenset(q.get("prefer_when", ())),
                not_when=frozenset(q.get("not_when", ())),
            )
            for q in prompt.meta["questions"]
        ]
        self.by_id = {q.id: q for q in self.questions}
        self.bridges: dict[str, str] = {
            str(k): str(v) for k, v in prompt.meta.get("bridges", {}).items()
        }

    def detect(self, answers: Iterable[str], limit: int = 3) -> list[str]:
        """Situation tags the manager's own words reveal, the most often named first.

        Only what the manager typed counts: guidance text names situations in general ("be
        honest about budget"), and a question chosen from it would presume one ("There is
        budget for your development") that the manager never described.
        """
        texts = [a.lower() for a in answers]
        scores = {
            tag: sum(1 for text in texts if sit.matches(text))
            for tag, sit in self.situations.items()
        }
        order = list(self.situations)
        ranked = sorted(
            (t for t in scores if scores[t]), key=lambda t: (-scores[t], order.index(t))
        )
        return ranked[:limit]

    def _pick(
        self,
        tag: str,
        taken: set[str],
        avoid: set[str],
        exclude: frozenset[str] | set[str] = frozenset(),
        present: frozenset[str] | set[str] = frozenset(),
    ) -> BankQuestion | None:
        tagged = [
            q
            for q in self.questions
            if tag in q.tags
            and q.id not in taken
            and not exclude & set(q.tags)
            and not q.not_when & present
        ]
        fresh = [q for q in tagged if q.id not in avoid]
        pool = fresh or tagged
        # a question made for this situation beats one that merely also fits it; among those,
        # one that also fits the other situations ``present`` ("what makes you uneasy about
        # the changes" for someone who does not want to learn anything new)
        pool.sort(
            key=lambda q: (
                q.tags[0] != tag,
                not q.prefer_when & present,
                -len(present & set(q.tags)),
            )
        )
        return pool[0] if pool else None

    def select(
        self,
        situations: list[str],
        *,
        avoid: Iterable[str] = (),
        exclude: Iterable[str] = (),
        limit: int = 8,
    ) -> list[BankQuestion]:
        """Open questions in conversation order: one per situation, the phases around them.

        Every situation gets its question, however many there are (one made for two of them
        answers both); a question tagged with an
        ``exclude``d situation (switched off, or said not to hold) is never asked.
        """
        avoid_set, taken, excluded = set(avoid), set[str](), set(exclude)
        present = set(situations)
        by_phase: dict[str, list[BankQuestion]] = {}
        specific: list[BankQuestion] = []

        def take(tag: str, into: list[BankQuestion]) -> None:
            q = self._pick(tag, taken, avoid_set, excluded, present)
            if q:
                taken.add(q.id)
                into.append(q)

        for phase in CORE_PHASES:
            take(phase, by_phase.setdefault(phase, []))
        for tag in situations:
            # a question taken already that was made for this situation too answers it ("what
            # makes you curious about the changes, and what makes you uneasy?" for someone
            # who does not want to learn and whose work is changing): fewer questions to ask
            chosen = [*specific, *(q for qs in by_phase.values() for q in qs)]
            if len(situations) > 1 and any(tag in q.tags[1:] for q in chosen):
                continue
            for _ in range(2 if len(situations) == 1 else 1):
                take(tag, specific)
        for phase in FILL_PHASES:
            if len(taken) >= min(limit, 7 if not specific else 6 + (len(specific) > 2)):
                break
            take(phase, by_phase.setdefault(phase, []))
        ordered = [q for phase in PHASE_ORDER for q in by_phase.get(phase, [])]
        room = max(limit, len(ordered) + len(specific) + 1)
        return [*ordered, *specific, *by_phase.get("closing", [])][:room]

    def for_query(self, text: str, situations: list[str], k: int = 2) -> list[BankQuestion]:
        """Questions that fit a coaching question: situation tags first, then a phase question
        sharing its words."""
        chosen: list[BankQuestion] = []
        for tag in situations:
            q = self._pick(tag, {c.id for c in chosen}, set())
            if q:
                chosen.append(q)
            if len(chosen) >= k:
                return chosen
        # by shared words, only a question made for a phase of any conversation: one made for
        # a situation presumes it ("There is budget for your development")
        wanted = set(terms(text))
        scored = sorted(
            (
                (len(wanted & set(terms(q.text))), -i, q)
                for i, q in enumerate(self.questions)
                if q.id not in {c.id for c in chosen} and q.tags[0] in PHASE_ORDER
            ),
            key=lambda item: (item[0], item[1]),
            reverse=True,
        )
        chosen.extend(q for score, _, q in scored[: k - len(chosen)] if score > 0)
        return chosen

    def reactions(self, tag: str) -> list[str]:
        """Likely reactions of an employee in a situation."""
        sit = self.situations.get(tag)
        return list(sit.reactions) if sit else []
