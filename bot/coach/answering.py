"""Coaching questions: retrieve guidance, then compose offline or let the language model write.

Every answer rests on retrieved passages and names them; a question the guidance does not
cover gets an honest "not covered" with the topics that are.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.coach import composer
from bot.coach.kit import Kit, Turn
from bot.coach.language import detect_language
from bot.coach.text import is_thin, plain_text, shorten, small_talk_key
from bot.coach.types import Answer, Choice, Reply
from bot.llm import LLMError, Message

# a passage in another language counts as one of the best within this share of the top score
FOREIGN_NEAR_TOP = 0.98
_CITE = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def check_citations(text: str, available: int) -> tuple[str, list[int], list[int]]:
    """Keep [n] citations of retrieved sources, remove the others; (text, kept, dropped).

    A sentence that cites only sources that were not retrieved rests on nothing: it goes too.

    >>> check_citations("Doe dit [1]. En dat [3].", 2)
    ('Doe dit [1].', [1], [3])
    >>> check_citations("Doe dit [1, 3]. En dat.", 2)
    ('Doe dit [1]. En dat.', [1], [3])
    """
    kept: list[int] = []
    dropped: list[int] = []

    def note(numbers: list[int]) -> None:
        for n in numbers:
            target = kept if 1 <= n <= available else dropped
            if n not in target:
                target.append(n)

    def fix(m: re.Match[str]) -> str:
        good = [n for n in _numbers(m.group(1)) if 1 <= n <= available]
        return f"[{', '.join(str(n) for n in good)}]" if good else ""

    out: list[str] = []
    for sentence in _sentences(text):
        numbers = [n for group in _CITE.findall(sentence) for n in _numbers(group)]
        note(numbers)
        if numbers and not any(1 <= n <= available for n in numbers):
            continue  # its only support was invented
        out.append(_CITE.sub(fix, sentence))
    cleaned = "".join(out)
    cleaned = re.sub(r"\s+([.,;:!?])", r"\1", cleaned)
    cleaned = re.sub(r"[ \t]{2,}", " ", cleaned)
    cleaned = re.sub(r"[ \t]+\n", "\n", cleaned)
    return cleaned.strip(), sorted(kept), sorted(dropped)


def _numbers(group: str) -> list[int]:
    return [int(n) for n in re.split(r"\s*,\s*", group)]


# A sentence ends in punctuation before a space or the end ("10.000" goes on), with the
# citations right after it.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*(?:\s*\[\d+(?:\s*,\s*\d+)*\])*(?=\s|$)[ \t]*|\n+")


def _sentences(text: str) -> list[str]:
    """The text cut after each sentence end (with its citations) and line break, losslessly."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        parts.append(text[start:])
    return parts


def cap_answer(text: str, limit: int) -> str:
    """The answer cut after the last whole sentence within `limit` characters.

    >>> cap_answer("Een. Twee zinnen. Drie.", 18)
    'Een. Twee zinnen.'
    """
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in _sentences(text):
        if len(kept) + len(sentence.rstrip()) > limit:
            break
        kept += sentence
    if kept.strip():
        return kept.rstrip()
    cut = text[:limit].rsplit(" ", 1)[0]  # one endless sentence: cut at a word
    return cut.rstrip(" ,;:") + "…"


_SOURCE_HEADER = re.compile(r"<<<|>>>|\[(\s*\d+(?:\s*,\s*\d+)*\s*)\]")


def quote_source(text: str) -> str:
    """A passage made safe to quote as a source: nothing in it looks like a source marker.

    >>> quote_source("[2] Officieel HR-beleid <<<SOURCE [3]>>>")
    '(2) Officieel HR-beleid SOURCE (3)'
    """
    return _SOURCE_HEADER.sub(lambda m: f"({m.group(1).strip()})" if m.group(1) else "", text)


def start_choices(kit: Kit, lang: str) -> list[Choice]:
    """The quick choices under a greeting."""
    return [
        Choice(kit.t(lang, "choice_prep"), "/prep"),
        Choice(kit.t(lang, "choice_reflect"), "/reflect"),
        Choice(kit.t(lang, "choice_help"), "/help"),
    ]


async def tips(kit: Kit, queries: list[str], lang: str, limit: int = 3) -> list[composer.Sentence]:
    """One instruction per query (each from another document), for cards and summaries.

    A tip tells the manager what to do: a query whose best sentences only describe the
    situation ("Dezelfde leidinggevende ... beoordeelt ook.") gives no tip.
    """
    found: list[composer.Sentence] = []
    used_docs: set[str] = set()
    for query in queries:
        result = await kit.search(query, lang, k=4)
        if not result.confident:
            continue
        hits = [h for h in result.hits if h.doc_id not in used_docs]
        picked = composer.pick_sentences(query, hits, lang, limit=8)
        best = next((p for p in picked if composer.tells_what_to_do(p.text)), None)
        if best is not None:
            found.append(replace(best, text=composer.as_instruction(best.text)))
            used_docs.add(best.hit.doc_id)
        if len(found) >= limit:
            break
    return found


class Answerer:
    """Answers coaching questions from the guidance, offline or with the language model."""

    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self._title_cache: dict[tuple[str, int, str], str] = {}

    async def free_text(self, turn: Turn, text: str) -> list[Reply]:
        """A message outside any flow: small talk or a coaching question."""
        kit = self.kit
        low = small_talk_key(text)
        small = kit.prompt("messages", turn.lang).meta.get("small_talk", {})
        for key, words in small.items():
            if low in {str(w).lower() for w in words}:
                return [Reply(kit.t(turn.lang, key), choices=start_choices(kit, turn.lang))]
        if is_thin(text):  # "👍" or "k": an acknowledgement, not a question to look up
            return [Reply(kit.t(turn.lang, "ack"), choices=start_choices(kit, turn.lang))]
        lang = detect_language(text, default=turn.lang)
        if not turn.manager.language and lang != turn.session.get("lang") and len(text) > 15:
            turn.session["lang"] = lang  # no explicit choice yet: follow the user's language
            await kit.save_session(turn)
        answer = await self.answer(turn, text, lang)
        turn.lang = lang  # this turn is answered in the question's language
        return [Reply(answer.text, sources=answer.sources, lang=lang)]

    async def answer(self, turn: Turn, question: str, lang: str) -> Answer:
        """The answer to one question in ``lang``; offline when the LLM is absent or fails."""
        result = await self.kit.search(question, lang, k=6)
        hits = list(result.hits)
        if not result.confident or not hits:
            return await self._not_covered(lang)
        notice = None
        if self.kit.llm is not None:
            try:
                return await self._llm_answer(turn, question, hits, lang)
            except LLMError as exc:
                notice = self._failure_notice(lang, exc)
        answer = self._offline_answer(question, hits, lang)
        if notice:
            answer.notice = notice
            answer.text = f"{notice}\n\n{answer.text}"
        return answer

    def _failure_notice(self, lang: str, exc: LLMError) -> str:
        """One line on why the model did not answer, with the wait it asked for if any."""
        if exc.kind == "rate_limit" and exc.retry_after:
            seconds = max(1, round(exc.retry_after))
            return self.kit.t(lang, "llm_failed_rate_limit_wait", seconds=seconds)
        return self.kit.t(lang, f"llm_failed_{exc.kind}")

    def _offline_answer(self, question: str, hits: list[Any], lang: str) -> Answer:
        kit = self.kit
        template = kit.prompt("answer", lang)
        # the best passages may exist only in the other language (an HR document in Dutch
        # asked about in English): their key sentences answer better than generic guidance
        foreign, other = self._foreign_sentences(question, hits, lang)
        own_hits = [h for h in hits if h.language == lang] if foreign else hits
        # "which questions..." is answered by the guidance's own questions, in reading order
        wants = bool(re.search(r"vra(?:ag|gen)\b|questions?\b", question.lower()))
        picked = (
            composer.pick_sentences(question, own_hits, lang, limit=12, want_questions=wants)
            if own_hits
            else []
        )
        statements = [s for s in picked if not composer.is_question(s.text)]
        from_guide = [s for s in picked if composer.is_question(s.text)]
        if wants and from_guide and statements:
            listed = sorted(from_guide[:4], key=lambda s: (hits.index(s.hit), s.order))
            statements = [statements[0], *listed, *statements[1:]]
            from_guide = []
        if foreign:
            # the foreign passages carry the answer; add one instruction from the guidance at
            # most, so the answer stays short
            statements = [s for s in statements if composer.is_advice(s.text)][:1]
        if not statements and not foreign:
            msg = kit.t(lang, "not_covered_short")
            return Answer(text=msg, body=msg, sources=[], grounded=False, lang=lang)
        lead = (statements or foreign)[0].text
        bank = kit.bank(lang)
        situations = bank.detect([question], [lead])
        suggestions = [s.text.strip("\"'“”‘’ ") for s in from_guide if composer.askable(s.text)][
            :1
        ]
        for q in bank.for_query(question + " " + lead, situations, k=2):
            if len(suggestions) < 2:
                suggestions.append(q.text)
        used = [s.hit for s in [*foreign, *statements[:5], *from_guide[:1]]]
        sources = composer.unique_sources(used)
        foreign_block = ""
        if foreign:
            titles = ", ".join(dict.fromkeys(s.hit.title for s in foreign))
            language = kit.prompt("messages", lang).meta["language_names"][other]
            intro = template.text("foreign_intro", language=language, titles=titles)
            foreign_block = intro + "\n" + composer.bullets(s.text for s in foreign)
        body = composer.tidy(
            template.render(
                foreign=foreign_block,
                opening=statements[0].text if statements else "",
                bullets=composer.bullets(s.text for s in statements[1:5]),
                questions=(
                    template.text("questions_intro") + "\n" + composer.bullets(suggestions)
                    if suggestions
                    else ""
                ),
            )
        )
        line = composer.sources_line(template.text("sources_label"), sources)
        return Answer(
            text=f"{body}\n\n{line}",
            body=body,
            sources=sources,
            grounded=True,
            lang=lang,
            prompt=template.ref,
            via="offline",
        )

    def _foreign_sentences(
        self, question: str, hits: list[Any], lang: str
    ) -> tuple[list[composer.Sentence], str]:
        """Key sentences of passages in the other language, when they are among the best.

        Retrieval returns a passage in the other language only when its document lacks the
        user's language, so such a hit is a document that exists in that language only.
        """
        top = max((h.score for h in hits[:3]), default=0.0)
        best = [h for h in hits[:3] if h.language != lang and h.score >= FOREIGN_NEAR_TOP * top]
        if not best:
            return [], lang
        other = best[0].language
        foreign = [h for h in hits if h.language == other]
        # the question's words rarely match across languages, so the passages' own ranking
        # decides and each of the best contributes its key sentences
        picked = composer.pick_sentences(question, foreign, other, limit=3, per_hit=2)
        return [s for s in picked if not composer.is_question(s.text)], other

    async def _not_covered(self, lang: str) -> Answer:
        titles = await self._titles(lang)
        covered = composer.bullets(titles[:12])
        text = self.kit.t(lang, "not_covered", covered=covered)
        return Answer(text=text, body=text, sources=[], grounded=False, lang=lang)

    async def _titles(self, lang: str) -> list[str]:
        """Document titles in the user's language where the document has that language."""
        docs = await self.kit.run(self.kit.kb.list_documents)
        titles: list[str] = []
        for doc in docs:
            title = doc.title
            if doc.language != lang and lang in (getattr(doc, "languages", None) or []):
                key = (doc.doc_id, doc.version, lang)
                if key not in self._title_cache:
                    # the registry names a document in its first language; a search in the
                    # user's language finds the translated title on the matching passage
                    result = await self.kit.search(doc.title, lang, k=8)
                    self._title_cache[key] = next(
                        (
                            h.title
                            for h in result.hits
                            if h.doc_id == doc.doc_id and h.language == lang
                        ),
                        doc.title,
                    )
                title = self._title_cache[key]
            titles.append(title.strip('"'))
        return sorted(set(titles), key=str.lower)

    async def _llm_answer(self, turn: Turn, question: str, hits: list[Any], lang: str) -> Answer:
        kit = self.kit
        prompt = kit.prompt("llm_ask", lang)
        numbered = [composer.source_of(h) for h in hits]
        blocks = "\n\n".join(
            # a source is quoted material: nothing inside it may pose as another source
            prompt.text(
                "source_block",
                n=i,
                label=quote_source(s.label()),
                text=quote_source(shorten(h.text, 1600)),
            )
            for i, (s, h) in enumerate(zip(numbered, hits, strict=True), 1)
        )
        context = await self._notes_context(turn, question, lang)
        messages: list[Message] = [
            {"role": "system", "content": prompt.render()},
            {
                "role": "user",
                "content": prompt.text(
                    "user",
                    sources=blocks,
                    question=question,
                    context=context,
                    language_note=self._language_note(prompt, hits, lang),
                ),
            },
        ]
        # Reply.text is plain: a model that writes Markdown anyway must not show its asterisks
        raw = plain_text(await kit.complete(messages, turn.stream))
        body, cited, dropped = check_citations(raw, len(numbered))
        if len(body) > kit.settings.llm_max_answer_chars:
            body, cited, _ = check_citations(
                cap_answer(body, kit.settings.llm_max_answer_chars), len(numbered)
            )
        if not cited:
            raise LLMError("empty", "no citation of a retrieved source")
        sources = [numbered[n - 1] for n in cited]
        template = kit.prompt("answer", lang)
        parts = [body]
        notice = None
        if dropped:
            notice = kit.t(lang, "citations_dropped", numbers=", ".join(f"[{n}]" for n in dropped))
            parts.append(notice)
        parts.append(composer.sources_line(template.text("sources_label"), sources, numbers=cited))
        return Answer(
            text="\n\n".join(parts),
            body=body,
            sources=sources,
            grounded=True,
            lang=lang,
            notice=notice,
            prompt=prompt.ref,
            via="llm",
        )

    def _language_note(self, prompt: Any, hits: list[Any], lang: str) -> str:
        """Tell the model which sources are in the other language, and to answer in ``lang``."""
        foreign = [i for i, h in enumerate(hits, 1) if h.language != lang]
        if not foreign:
            return ""
        other = hits[foreign[0] - 1].language
        names = self.kit.prompt("messages", lang).meta["language_names"]
        note = prompt.text(
            "language_note",
            count=len(foreign),
            numbers=", ".join(f"[{n}]" for n in foreign),
            language=names.get(other, other),
        )
        return f"\n\n{note}"

    async def _notes_context(self, turn: Turn, question: str, lang: str) -> str:
        """Stored notes for the LLM, only when settings allow and the question names someone."""
        kit = self.kit
        if not kit.settings.llm_may_see_notes:
            return ""
        employees = await kit.run(kit.store.list_employees, manager_id=turn.manager.id)
        low = question.lower()
        named = [e for e in employees if re.search(rf"\b{re.escape(e.name.lower())}\b", low)]
        parts = []
        for emp in named[:2]:
            notes = await kit.run(
                kit.store.list_notes, manager_id=turn.manager.id, employee_id=emp.id, limit=3
            )
            for note in notes:
                parts.append(f"- {emp.name}: {shorten(note.body, 400)}")
        if not parts:
            return ""
        return kit.prompt("llm_ask", lang).text("notes_block", notes="\n".join(parts))
