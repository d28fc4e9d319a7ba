"""The offline composer: sentences that answer the question, written up as advice.

No language model: it scores the sentences of the retrieved passages against the question,
keeps the best few in the user's language, and fills the templates in ``prompts/``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from bot.coach.text import STOPWORDS, terms
from bot.coach.types import Source
from knowledge.sections import NOT_AN_END


class HitLike(Protocol):
    """The fields of ``knowledge.types.Hit`` the composer reads."""

    text: str
    doc_id: str
    title: str
    version: int
    section: str | None
    language: str
    score: float


_HEADING = re.compile(r"^\s*#{1,6}\s+")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_MARKUP = re.compile(
    r"\*\*|__|`|\[(?=[^\]]*\]\()|\]\([^)]*\)|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"
)
# an italic label such as "*Zelfcheck:*" or a bold one such as "**Wat helpt.**" starts a new
# thought; the label itself is a heading, not advice
_LABEL = re.compile(r"\s*(?:\*[^*\n]{2,30}:\*|\*\*[^*\n]{2,80}?[.:]\*\*)\s*")
_FIRST_PERSON = re.compile(r"\b(?:ik|mijn|mij|me|i|my|me|myself)\b", re.I)
_SECOND_PERSON = re.compile(r"\b(?:je|jij|jou|jouw|u|you|your)\b", re.I)
_ITEM_MARK = re.compile(r"^(?:\d{1,2}[.)]|[-•*])\s+")  # "1. ", "2) ", "• " opening a list item
_SENTENCE_END = re.compile(r"(?<=[.!?])" + NOT_AN_END + r"\s+(?=[\"'(A-ZÀ-Ý0-9])")
_PRACTICAL = re.compile(
    r"praktijk|practice|tip|wat helpt|what helps|aanpak|approach|hoe |how |doen|do it|stappen|"
    r"steps|vragen|questions",
    re.I,
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a retrieved passage, with how well it answers the question."""

    text: str
    hit: Any
    score: float
    order: int  # position in the passage, to keep reading order where it matters
    leans: bool = False  # needs the sentence before it ("Laat de medewerker ze ...")


def _own_heading(title: str, heading: str | None) -> str | None:
    """The section to cite, or None where it only repeats the document's title (a document of
    one section: "The seven competencies (v2), The seven competencies" says it twice)."""
    if heading and heading.strip().casefold() == title.strip().strip('"').casefold():
        return None
    return heading


def source_of(hit: HitLike) -> Source:
    """The citation of a hit."""
    section = _own_heading(hit.title, hit.section)
    return Source(doc_id=hit.doc_id, title=hit.title, version=hit.version, section=section)


def unique_sources(hits: Iterable[HitLike]) -> list[Source]:
    """Citations in first-seen order, without repeats."""
    seen: dict[tuple[str, str | None], Source] = {}
    for hit in hits:
        seen.setdefault((hit.doc_id, hit.section), source_of(hit))
    return list(seen.values())


def split_sentences(text: str) -> list[str]:
    """Sentences and bullet items of a Markdown passage, headings and markup removed."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln for ln in block.splitlines() if ln.strip() and not _HEADING.match(ln)]
        if not lines:
            continue
        if any(_BULLET.match(ln) for ln in lines):
            # bullets stand alone; a wrapped bullet continues on the next unbulleted line
            items: list[str] = []
            for ln in lines:
                if _BULLET.match(ln) or not items:
                    items.append(_BULLET.sub("", ln))
                else:
                    items[-1] += " " + ln.strip()
        else:
            items = [" ".join(ln.strip() for ln in lines)]
        for item in items:
            for piece in _LABEL.split(item):
                clean = " ".join(_MARKUP.sub("", piece).split())
                out.extend(s.strip() for s in _SENTENCE_END.split(clean) if s.strip())
    return out


_REFERENCE = re.compile(r"\(\d{4}[a-z]?\)\.?\s*[—–-]|^\W*\d{4}\W")
_ANAPHOR = re.compile(
    r"^(?:dat|die|deze|dit|daarom|daarnaast|ook|zo|de overige|het andere|hierbij|daarbij|"
    r"that|this|these|those|so|also|then|the other|here)\b",
    re.I,
)
# advice reads best as an instruction: sentences that open with an imperative get a lift
# fmt: off
_IMPERATIVE = {
    "benoem", "gebruik", "geef", "help", "vraag", "kijk", "plan", "maak", "zorg", "neem",
    "laat", "houd", "hou", "begin", "stel", "spreek", "bespreek", "zoek", "wees", "durf",
    "onderzoek", "beloof", "check", "koppel", "noteer", "erken", "probeer", "bied", "deel",
    "leg", "sluit", "start", "vier", "investeer", "reserveer", "bouw", "blijf", "luister",
    "vat", "kies", "verdeel", "betrek", "motiveer", "toon", "creëer", "organiseer", "werk",
    "evalueer", "moedig", "nodig", "let", "benut", "verken", "ontdek", "oefen", "name", "use",
    "give", "ask", "look", "make", "ensure", "take", "keep", "discuss", "find", "be", "dare",
    "explore", "link", "note", "acknowledge", "try", "offer", "share", "close", "celebrate",
    "invest", "reserve", "build", "stay", "listen", "summarise", "summarize", "choose",
    "involve", "motivate", "show", "create", "organise", "organize", "work", "evaluate",
    "encourage", "invite", "discover", "practise", "agree", "avoid", "don't", "do", "set",
    "schedule", "tell", "describe", "treat", "pair", "spend", "promise", "recognise",
    "recognize", "put", "write", "talk", "voer", "ga", "breng", "loop", "zet", "zeg", "praat",
    "vertel", "verwijs", "geloof", "pak", "regel", "overweeg", "besef", "dwing", "richt",
    "inspireer", "reageer", "stuur", "voeg", "accepteer", "respecteer", "wacht", "hold",
    "refer", "assume", "see", "bring", "adjust", "connect", "focus", "spread", "tackle", "raise",
    "watch", "say", "believe", "turn", "get", "consider", "introduce", "realise", "realize",
    "accept", "respect", "wait", "book", "read", "reread", "lees", "count", "tel",
}
# fmt: on
# "how much / how long / when" is answered by a sentence with a figure in it
_QUANTITY_QUESTION = re.compile(
    r"\b(?:hoeveel|hoe lang|hoe vaak|wanneer|welk bedrag|how much|how many|how long|"
    r"how often|when|what amount)\b",
    re.I,
)
_FIGURE = re.compile(r"\d")
_META = re.compile(
    r"\b(?:het rapport|the report|de interviews|the interviews|deze leidraad|"
    r"this guide|dit document|this document)\b",
    re.I,
)


# a pronoun that refers back ("Laat de medewerker ze eerst zelf beantwoorden": what is ze?)
_LEANING_START = re.compile(
    r"^[\"'“‘(]?(?:ze|zij|hij|die|dit|deze|dat|dan|daarom|daarna|zulke|zo'n|dergelijke|they|"
    r"them|these|those|this|that|he|she|then|so|therefore|such)\b",
    re.I,
)
# "Vertel daarna ...", "Then ask ...": a step after one the sentence does not name
_THEN_AFTER_VERB = re.compile(
    r"^\w+\s+(?:daarna|vervolgens|nadien|afterwards|after that|next)\b(?!\s+(?:week|month|"
    r"year|time|step|keer|stap|jaar|maand))",
    re.I,
)
_BACK_PRONOUN = {"ze", "zij", "they", "them"}
# words in the same sentence a "ze" or "they" can point to
_PERSON_NOUNS = re.compile(
    r"^(?:medewerker|collega|leidinggevende|iemand|mensen|team|teamleden|employee|colleague|"
    r"manager|someone|people|person|staff)",
    re.I,
)
_WORDS = re.compile(r"[\wÀ-ÿ'’-]+")
# "wat iemand die dag gaat doen": which day? A demonstrative before a time or meeting noun
# points back to a sentence that was left out, unless the noun came earlier in this one
_POINTED_NOUN = re.compile(
    r"\b(?:die|deze|dat|that|this|those|these) (dag|dagen|day|days|week|weken|weeks|moment|"
    r"momenten|meeting|overleg|sessie|session)\b",
    re.I,
)
# "Why it gets in the way." or "Wat het is." left over from a label: a heading, not advice
_QUESTION_WORD = re.compile(r"^(?:why|what|how|when|where|waarom|wat|hoe|wanneer|waar|zo)\b", re.I)


def leans_on_previous(sentence: str) -> bool:
    """Whether a sentence needs the one before it to make sense.

    It opens with a pronoun or demonstrative ("Dit helpt ...", "These questions ..."), or a
    "ze"/"they"/"them" in it has nothing earlier in the sentence to point to: no person and no
    plural noun, apart from the word right before it ("Laat de medewerker ze ...").

    >>> leans_on_previous("Laat de medewerker ze eerst zelf beantwoorden.")
    True
    >>> leans_on_previous("Zulke vormen kosten weinig opleidingsgeld.")
    True
    >>> leans_on_previous("Vraag medewerkers wat ze willen leren.")
    False
    >>> leans_on_previous("Spreek vooraf af wat iemand die dag gaat doen.")
    True
    >>> leans_on_previous("Plan een vaste leerdag en spreek af wat iemand die dag doet.")
    False
    >>> leans_on_previous("Vertel daarna in een paar zinnen wat het doel is.")
    True
    """
    if _LEANING_START.match(sentence) or _THEN_AFTER_VERB.match(sentence):
        return True
    pointed = _POINTED_NOUN.search(sentence)
    if pointed and pointed.group(1).lower()[:3] not in sentence[: pointed.start()].lower():
        return True
    words = [w.lower() for w in _WORDS.findall(sentence)]
    for i, word in enumerate(words):
        if word not in _BACK_PRONOUN or i == 0:
            continue
        before = words[: i - 1]  # the word right before is its neighbour, not its referent
        if not any(_PERSON_NOUNS.match(w) or _plural(w) for w in before):
            return True
    return False


def _plural(word: str) -> bool:
    if len(word) < 5 or word in STOPWORDS:
        return False
    return word.endswith(("en", "s", "'s", "’s"))


def _heading_like(sentence: str) -> bool:
    """A short label sentence such as "Why it gets in the way." (no question mark)."""
    text = sentence.rstrip()
    return (
        text.endswith(".")
        and len(text.split()) <= 7
        and "," not in text
        and bool(_QUESTION_WORD.match(text))
    )


def _usable(sentence: str) -> bool:
    n = len(sentence.split())
    shortest = 3 if sentence.rstrip().endswith("?") else 5  # "Wat heb ik gedaan?" is whole
    if not shortest <= n <= 60 or sentence.rstrip().endswith(":"):
        return False
    if _heading_like(sentence):
        return False
    # bibliography entries and fragments that start mid-thought make poor advice
    return not _REFERENCE.search(sentence) and sentence[0].isalpha() or sentence[0] in "\"'“‘"


def is_advice(sentence: str) -> bool:
    """Whether a sentence reads as an instruction ("Benoem concreet wat je ziet.")."""
    first = sentence.split()[0].lower().strip("\"'“‘(,:") if sentence.split() else ""
    return first in _IMPERATIVE and not is_question(sentence)


# "In de praktijk kan dat zo: houd ...": the instruction comes after a short lead-in
_LEAD_IN = re.compile(r"^[^:]{0,60}:\s+(?=\S)")
# advice without an imperative up front: "je kunt ...", "het helpt om ...", "you can ..."
_SUGGESTS = re.compile(
    r"\b(?:je|jij|u) (?:kunt|kan|helpt|werkt)\b|\b(?:kun|kan|help|werk) je\b|"
    r"\bhet (?:helpt|werkt|loont) (?:om|als)\b|\b(?:you|one) can\b|"
    r"\bit (?:helps|works|pays) to\b",
    re.I,
)


def tells_what_to_do(sentence: str) -> bool:
    """Whether a sentence tells the manager what to do, not only what goes wrong.

    >>> tells_what_to_do("In de praktijk kan dat zo: houd het gesprek los van de beoordeling.")
    True
    >>> tells_what_to_do("Je kunt samen een kleine stap kiezen.")
    True
    >>> tells_what_to_do("Dezelfde leidinggevende die iemand helpt groeien, beoordeelt ook.")
    False

    The lead-in of a list says what to do only with its list:

    >>> tells_what_to_do("Loop na elk gesprek vijf vragen langs:")
    False
    """
    if is_question(sentence) or sentence.rstrip().endswith(":"):
        return False
    return (
        is_advice(sentence)
        or is_advice(_LEAD_IN.sub("", sentence, count=1))
        or bool(_SUGGESTS.search(sentence))
    )


def as_instruction(sentence: str) -> str:
    """The instruction without its lead-in ("In de praktijk kan dat zo: houd" -> "Houd").

    >>> as_instruction("In de praktijk kan dat zo: houd het gesprek los.")
    'Houd het gesprek los.'
    >>> as_instruction("Begin daarom bij wat iemand waardeert.")
    'Begin bij wat iemand waardeert.'
    """
    # "Begin daarom bij ...": taken out of its section, the "therefore" points at nothing
    sentence = _THEREFORE.sub(r"\1", sentence, count=1)
    rest = _LEAD_IN.sub("", sentence, count=1)
    if rest == sentence or not is_advice(rest):
        return sentence
    return rest[0].upper() + rest[1:]


# an imperative with "daarom", "dus", "dan" or "therefore" right after it ("Do so" keeps its "so")
_THEREFORE = re.compile(r"^(\w+)\s+(?:daarom|dus|dan|therefore)\b(?=\s)", re.I)


def askable(sentence: str) -> bool:
    """A question from the guidance a manager can put to the employee (not a self-check)."""
    return (
        is_question(sentence)
        and bool(_SECOND_PERSON.search(sentence))
        and not _FIRST_PERSON.search(sentence)
    )


def is_question(sentence: str) -> bool:
    """Whether a sentence is a question (possibly in quotes)."""
    return sentence.rstrip(" \"'”’)").endswith("?")


def score_sentences(
    query: str, hits: Sequence[HitLike], lang: str, *, want_questions: bool = False
) -> list[Sentence]:
    """Every usable sentence of the hits, scored against the query (best first).

    A sentence counts for how well its passage answers the question (retrieval score and the
    question's words in the passage and its heading) and for its own words; the passage weighs
    more, because the most useful sentence often repeats none of the question's words.
    """
    in_lang = [h for h in hits if h.language == lang] or list(hits)
    candidates: list[tuple[str, HitLike, int, list[str]]] = []
    for hit in in_lang:
        for order, sent in enumerate(split_sentences(hit.text)):
            if _usable(sent):
                candidates.append((sent, hit, order, terms(sent)))
    if not candidates:
        return []
    n = len(candidates)
    df: dict[str, int] = {}
    for _, _, _, ts in candidates:
        for t in set(ts):
            df[t] = df.get(t, 0) + 1
    wanted = set(terms(query))
    wants_figure = bool(_QUANTITY_QUESTION.search(query))

    def idf_sum(words: set[str]) -> float:
        return sum(math.log(1 + n / df.get(t, 1)) for t in words & wanted)

    passage_lex = {id(h): idf_sum(set(terms(f"{h.section or ''} {h.text}"))) for h in in_lang}
    heading = {id(h): len(wanted & set(terms(h.section or ""))) for h in in_lang}
    top_lex = max(passage_lex.values()) or 1.0
    top_score = max((h.score for h in in_lang), default=1.0) or 1.0
    rank = {id(h): i for i, h in enumerate(in_lang)}
    sentence_lex = [idf_sum(set(ts)) for _, _, _, ts in candidates]
    top_sentence = max(sentence_lex) or 1.0
    scored: list[Sentence] = []
    for (sent, hit, order, _), lexical in zip(candidates, sentence_lex, strict=True):
        passage = (
            0.45 * passage_lex[id(hit)] / top_lex
            + 0.35 * max(0.0, hit.score / top_score)
            + 0.2 / (1 + rank[id(hit)])
        )
        length = len(sent.split())
        own = (lexical / top_sentence) / (1 + max(0, length - 30) / 30)
        bonus = 0.4 * min(2, heading[id(hit)])
        bonus += 0.2 if _PRACTICAL.search(hit.section or "") else 0.0
        if is_question(sent):
            bonus += 0.3 if want_questions else -0.5
        bonus += -0.3 if _ANAPHOR.match(sent) else 0.0
        bonus += -0.4 if _META.search(sent) else 0.0
        bonus += 0.3 if is_advice(sent) else 0.0
        bonus += 0.1 / (1 + order)
        bonus += 0.5 if wants_figure and _FIGURE.search(sent) else 0.0
        score = 2.0 * passage + 1.2 * own + bonus
        scored.append(Sentence(sent, hit, score, order, leans_on_previous(sent)))
    scored.sort(key=lambda s: s.score, reverse=True)
    return scored


def _too_close(a: str, b: str) -> bool:
    ta, tb = set(terms(a)), set(terms(b))
    if not ta or not tb:
        return False
    return len(ta & tb) / len(ta | tb) > 0.6


def pick_sentences(
    query: str,
    hits: Sequence[HitLike],
    lang: str,
    *,
    limit: int = 5,
    per_hit: int = 4,
    want_questions: bool = False,
) -> list[Sentence]:
    """The best few distinct sentences, at most ``per_hit`` statements from one passage."""
    chosen: list[Sentence] = []
    used: dict[int, int] = {}
    scored = score_sentences(query, hits, lang, want_questions=want_questions)
    floor = scored[0].score * 0.45 if scored else 0.0
    for sent in scored:
        if chosen and sent.score < floor:
            break
        asks = is_question(sent.text)
        if not asks and used.get(id(sent.hit), 0) >= per_hit:
            continue
        # a sentence that points back is only clear right after the sentence it points to
        if sent.leans and not (
            chosen and chosen[-1].hit is sent.hit and chosen[-1].order == sent.order - 1
        ):
            continue
        if any(_too_close(sent.text, c.text) for c in chosen):
            continue
        chosen.append(sent)
        if not asks:
            used[id(sent.hit)] = used.get(id(sent.hit), 0) + 1
        if len(chosen) >= limit:
            break
    return chosen


def bullets(items: Iterable[str], mark: str = "•") -> str:
    """Lines with a bullet mark."""
    return "\n".join(f"{mark} {item}" for item in items)


def numbered(items: Iterable[str]) -> str:
    """Lines numbered from 1."""
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))


def tidy(text: str) -> str:
    """At most one blank line in a row, no trailing spaces."""
    lines = [ln.rstrip() for ln in text.strip().splitlines()]
    out: list[str] = []
    for ln in lines:
        if not ln and out and not out[-1]:
            continue
        out.append(ln)
    return "\n".join(out)


def sources_line(label: str, sources: Sequence[Source], *, numbers: Sequence[int] = ()) -> str:
    """``Bronnen: Title (v1), Section; ...`` (optionally with [n] numbers)."""
    parts = [
        f"[{n}] {s.label()}" if numbers else s.label()
        for n, s in zip(numbers or range(len(sources)), sources, strict=False)
    ]
    return f"{label}: " + "; ".join(parts)


# what marks an example in the advice: "bijvoorbeeld", "zoals", "for instance", "think of"
# ("met een voorbeeld erbij", "with an example" tell to give one: they are none)
_EXAMPLE = re.compile(
    r"\b(?:bijvoorbeeld|bijv\.|zoals|denk aan|for example|for instance|such as|"
    r"think of|e\.g\.|say,)|:\s*[\"“‘']\w",
    re.I,
)
MAX_EXAMPLES = 3
# a line that is an example and nothing else: "Bijvoorbeeld: ...", "For example: ..."
_EXAMPLE_LEAD = re.compile(r"^(?:bijvoorbeeld|for example|for instance):\s+(\W?)(\w)", re.I)


def is_example_line(line: str) -> bool:
    """Whether a line of advice is an example of its own ("Bijvoorbeeld: een monteur ...")."""
    return _EXAMPLE_LEAD.match(line) is not None


def without_example_lead(line: str) -> str:
    """An example line without its "Bijvoorbeeld:", where an intro already says it.

    >>> without_example_lead("For example: ‘Today I want to talk about you.’")
    '‘Today I want to talk about you.’'
    """
    return _EXAMPLE_LEAD.sub(lambda m: m[1] + m[2].upper(), line)


# a sentence to say, quoted inside the advice: ("You were late four times this month; ...")
_QUOTED_LINE = re.compile(r"[\"“‘]([A-Z][^\"“”‘’]{15,220}?[.?!;]?)[\"”’]")


def quoted_lines(advice: Sequence[str], most: int = 2) -> list[str]:
    """The sentences quoted in the advice as what to say, of at least four words.

    >>> quoted_lines(['Say it concretely ("You were late four times this month").'])
    ['“You were late four times this month”']
    >>> quoted_lines(['Call it “skills language”.'])
    []
    """
    found = [
        f"“{m[1].strip()}”"
        for line in advice
        for m in _QUOTED_LINE.finditer(line)
        if len(m[1].split()) >= 4
    ]
    return list(dict.fromkeys(found))[:most]


def examples(advice: Sequence[str]) -> list[str]:
    """The lines of advice that give examples: a sentence that names one ("Laat iemand
    bijvoorbeeld ..."), or the list items a lead-in with one introduces, at most three.

    >>> examples(["Doe dit.", "Mogelijkheden, bijvoorbeeld:", "• Meelopen.", "• Een buddy."])
    ['Mogelijkheden, bijvoorbeeld:', '• Meelopen.', '• Een buddy.']
    >>> examples(["Kijk breed. Laat iemand bijvoorbeeld een project trekken. Kijk terug."])
    ['Laat iemand bijvoorbeeld een project trekken.']
    """
    # an example written as such ("Bijvoorbeeld: ...") says more than a "for instance" aside
    if own := [line for line in advice if is_example_line(line)]:
        return own
    found: list[str] = []
    for i, line in enumerate(advice):
        if line.startswith("• ") or _NUMBERED_ITEM.match(line) or not _EXAMPLE.search(line):
            continue
        if line.endswith(":"):
            items = []
            for item in advice[i + 1 :]:
                if not (item.startswith("• ") or _NUMBERED_ITEM.match(item)):
                    break
                items.append(item)
            found += [line, *items[:MAX_EXAMPLES]]
        else:
            found += [u for u in _SENTENCE_END.split(line) if _EXAMPLE.search(u)]
        if len(found) >= MAX_EXAMPLES:
            break
    return found


# --- whole sections ---------------------------------------------------------------------------

# the line that introduces a section's questions for the employee
_EMPLOYEE_QUESTIONS = re.compile(
    r"^(?:vragen (?:voor je|die je (?:een|je) medewerker kunt stellen)|"
    r"vragen die je kunt stellen|questions (?:for your employee|you (?:could|can) ask))"
    r"[^:\n]{0,40}:$",
    re.I,
)
# a line that is an item of a list: "- ...", "• ...", "1. ..."
LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_NUMBERED_ITEM = re.compile(r"^\s*(\d+)[.)]\s+")


@dataclass(frozen=True)
class SectionText:
    """A corpus section split into the advice and the questions for the employee."""

    advice: list[str]  # lines: paragraphs and list items ("• ..." or "1. ...")
    questions: list[str]

    @property
    def advice_text(self) -> str:
        """The advice as one text, a line per paragraph or list item (what a follow-up's
        fitting sentences are picked from; ``knowledge.precompute`` embeds them ahead). An
        example is left out: a sentence picked from the quote it holds is half a quote."""
        return "\n".join(line for line in self.advice if not is_example_line(line))


# "did I show that I am learning too?" is a question a manager asks themselves, never one to
# put to the employee
_SELF = re.compile(r"\b(?:i|me|my|myself|ik|mij|mijn|mezelf|mijzelf)\b", re.I)


def read_section(text: str) -> SectionText:
    """Split a section's text into advice lines and questions for the employee.

    A trailing run of list items that are all questions counts as employee questions even
    without the label (older documents).

    >>> s = read_section("Doe dit.\\n- Een\\nVragen voor je medewerker:\\n- Wat wil je?")
    >>> s.advice, s.questions
    (['Doe dit.', '• Een'], ['Wat wil je?'])
    >>> read_section("Loop na:\\n- Motiveren: sloot ik aan bij wat jij wilt?").questions
    []
    """
    advice: list[str] = []
    questions: list[str] = []
    in_questions = False
    for raw in text.splitlines():
        line = " ".join(_MARKUP.sub("", raw).split())
        if not line:
            continue
        if _EMPLOYEE_QUESTIONS.match(line):
            in_questions = True
            continue
        item = LIST_ITEM.match(line)
        body = line[item.end() :] if item else line
        if in_questions:
            if is_question(body):
                questions.append(body.strip("\"'“”‘’ "))
            continue
        number = _NUMBERED_ITEM.match(line)
        if number:
            advice.append(f"{number.group(1)}. {body}")
        else:
            advice.append(f"• {body}" if item else body)
    if not questions:
        tail = len(advice)
        while (
            tail > 0
            and advice[tail - 1].startswith("• ")
            and is_question(advice[tail - 1])
            and not _SELF.search(advice[tail - 1])
        ):
            tail -= 1
        if tail < len(advice) and tail > 0:
            questions = [a[2:].strip("\"'“”‘’ ") for a in advice[tail:]]
            advice = advice[:tail]
    return SectionText(advice=advice, questions=questions)


def prose(advice: Sequence[str]) -> list[str]:
    """The advice without its list: no item ("• ...", "1. Voorbereiden: ..."), and no sentence
    that only leads into the list left out ("Wat je morgen kunt doen:").

    >>> prose(["Maak tijd vrij. Wat je morgen kunt doen:", "• Zet leertijd in het rooster."])
    ['Maak tijd vrij.']
    >>> prose(["1. Prepare: think ahead.", "2. Open: set a safe tone."])
    []
    """
    kept = []
    for line in advice:
        if line.startswith("• ") or _NUMBERED_ITEM.match(line):
            continue
        sentences = split_sentences(line)
        while sentences and sentences[-1].endswith(":"):
            sentences.pop()
        if sentences:
            kept.append(" ".join(sentences))
    return kept


def word_count(lines: Iterable[str]) -> int:
    """Words in some lines of text."""
    return sum(len(line.split()) for line in lines)


def fit_words(lines: Sequence[str], budget: int) -> list[str]:
    """Lines up to about ``budget`` words; a paragraph over budget is cut after a sentence.

    A list is never cut in the middle: its items stay together or all go.
    """
    kept: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        n = len(line.split())
        if used + n <= budget:
            kept.append(line)
            used += n
            continue
        is_item = line.startswith("• ") or bool(_NUMBERED_ITEM.match(line))
        if is_item and kept and (kept[-1].startswith("• ") or _NUMBERED_ITEM.match(kept[-1])):
            # finish the list that is already started: half a list misleads
            kept.extend(ln for ln in lines[i:] if ln.startswith("• ") or _NUMBERED_ITEM.match(ln))
            break
        if not kept:
            # a first paragraph or item longer than the budget: its first sentences
            room: list[str] = []
            for sent in _SENTENCE_END.split(line):
                if room and used + len(" ".join([*room, sent]).split()) > budget:
                    break
                room.append(sent)
            if len(room) > 1 and room[-1].rstrip().endswith("?"):
                room.pop()  # a question cut off from the advice that answers it
            kept.append(" ".join(room))
        break
    return kept


def first_sentence(text: str) -> str:
    """The first sentence of a text, without the number or bullet of a list item.

    >>> first_sentence("1. Discuss the training with your manager. 2. Fill in the form.")
    'Discuss the training with your manager.'
    """
    return _SENTENCE_END.split(_ITEM_MARK.sub("", text.strip()), maxsplit=1)[0]


def bare_title(title: str, version: int) -> str:
    """A document's title without the version it ends with, which the citation says anyway.

    >>> bare_title("Training budget policy v2", 2), bare_title("Leerbeleid (versie 3)", 3)
    ('Training budget policy', 'Leerbeleid')
    >>> bare_title("Policy v2", 3)
    'Policy v2'
    """
    marker = rf"\s*[-–(,]?\s*(?:v|versie|version)\s*\.?\s*{version}\)?\s*$"
    return re.sub(marker, "", title, flags=re.I) or title


def cited_heading(section: Any) -> str | None:
    """The heading a whole section is cited by (None when it only repeats the title)."""
    return _own_heading(section.title, section.heading)


def source_of_section(section: Any) -> Source:
    """The citation of a whole section."""
    return Source(
        doc_id=section.doc_id,
        title=bare_title(section.title, section.version),
        version=section.version,
        section=cited_heading(section),
    )


# "which ...", "what are ...", "how many ...": the answer is a list or a figure, shown whole
_LIST_QUESTION = re.compile(
    r"\b(?:welke|wat zijn|hoeveel|noem|opsomming|lijst|which|what are|how many|list|name the)\b",
    re.I,
)
# a request for questions to ask is about a conversation, though "which" asks for a list
_WANTS_QUESTIONS = re.compile(
    r"\b(?:welke|wat voor|goede|which|what|good|some)\s+(?:\w+\s+)?(?:vragen|questions)\b|"
    r"\bwhat (?:can|could|should) i ask\b|\bwat (?:kan|kun|moet) ik (?:\w+\s+)?vragen\b",
    re.I,
)
# a question about talking with someone: the section's questions for the employee help
_CONVERSATION = re.compile(
    r"\b(?:gesprek\w*|\w*gesprek|1[- ]?op[- ]?1|one[- ]on[- ]one|1:1|1on1|bespreek\w*|praat\w*|"
    r"zeg\w*|vraag|vragen|vertel\w*|reageer|reageren|medewerker\w*|collega\w*|teamlid|"
    r"hij|zij|ze|hem|haar|conversation\w*|talk\w*|discuss\w*|say|tell|ask|react|respond|"
    r"employee\w*|colleague\w*|team member|he|she|him|her|they|iemand|someone|somebody|"
    r"feedback|aanspreken|spreek \w+ aan|address)\b",
    re.I,
)


# someone who says they ask as HR ("I'm an HR advisor", "als HR-adviseur", "wij als HR") is
# helped by advice for the organisation, not by questions for an employee of their own
# ("als HR het goedkeurt" is "if HR approves it": "als" needs the role after it)
_HR_ASKING = re.compile(
    r"\b(?:i'?m|i am|ik ben)\s+(?:an?\s+|de\s+|het\s+)?(?:hr|p&o|l&d)\b|"
    r"\b(?:as|als)\s+(?:an?\s+|the\s+)?(?:hr|p&o|l&d)[- ]?(?:advis\w*|adviseur|business partner|"
    r"manager|officer|medewerker|consultant)\b|\b(?:wij|we)\s+(?:als|as)\s+(?:hr|p&o)\b|"
    r"\bi work in hr\b|\bik (?:werk|zit) (?:bij|op) (?:hr|p&o)\b",
    re.I,
)


def asks_for_list(question: str) -> bool:
    """Whether a question asks for a list or a figure."""
    return bool(_LIST_QUESTION.search(question))


# two to five ("een paar vragen" is a few, not one)
_COUNTS = {"twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4, "vijf": 5, "five": 5}
_ASKED_COUNT = re.compile(
    r"\b(?P<n>[2-5]|" + "|".join(_COUNTS) + r")\s+(?:\w+\s+){0,2}?(?:questions|vragen|tips|"
    r"ideas|ideeën|examples|voorbeelden|things|dingen|steps|stappen)\b",
    re.I,
)


def asked_count(question: str) -> int | None:
    """How many items a question asks for ("give me three good questions"), if it says.

    >>> asked_count("geef me drie goede vragen om mee te openen"), asked_count("een paar tips?")
    (3, None)
    """
    found = _ASKED_COUNT.search(question)
    if found is None:
        return None
    n = found["n"].lower()
    return int(n) if n.isdigit() else _COUNTS[n]


def first_items(lines: Sequence[str], n: int) -> tuple[list[str], bool]:
    """The lines with their first list cut to ``n`` items, and whether it was cut.

    >>> first_items(["Ask:", "• a?", "• b?", "• c?", "Then listen."], 2)
    (['Ask:', '• a?', '• b?', 'Then listen.'], True)
    """
    kept: list[str] = []
    seen = 0
    in_first = done = cut = False
    for line in lines:
        bullet = line.startswith("• ")
        if bullet and not done:
            in_first = True
            seen += 1
            if seen > n:
                cut = True
                continue
        elif in_first:
            done = True
        kept.append(line)
    return kept, cut


_CITED = re.compile(r"\(\d{4}[a-z]?\)")
_ABOUT_SOURCES = re.compile(
    r"\b(?:bron\w*|literatuur\w*|onderzoek\w*|studie\w*|artikel\w*|wetenschap\w*|bewijs|"
    r"onderbouw\w*|rapport|tno|sources?|literature|research\w*|stud(?:y|ies)|papers?|"
    r"references?|evidence|scien\w*|report|auteurs?|authors?|cite|citing|citeren|citeer\w*|"
    r"who (?:showed|found|wrote)|wie (?:heeft|toonde|liet|schreef))\b",
    re.I,
)


def is_reference_list(text: str) -> bool:
    """Whether a section is mostly a list of cited works (a bibliography, not advice)."""
    items = [line for line in text.splitlines() if line.lstrip().startswith(("-", "*", "•"))]
    cited = [line for line in items if _CITED.search(line[:80])]
    return len(cited) >= 3 and len(cited) >= 0.6 * len(items)


def asks_about_sources(question: str) -> bool:
    """Whether a question is about the research or the literature behind the guidance."""
    return bool(_ABOUT_SOURCES.search(question))


def about_conversation(question: str) -> bool:
    """Whether a question is about talking with an employee (not a list or fact question).

    >>> about_conversation("Which questions help me find out what someone's ambitions are?")
    True
    >>> about_conversation("Welke drie factoren noemt het rapport?")
    False
    >>> about_conversation("I'm an HR advisor. How do I get managers to talk to them?")
    False
    >>> about_conversation("Hoe bespreek ik het met haar als HR de cursus niet vergoedt?")
    True
    """
    if _WANTS_QUESTIONS.search(question):
        return True
    if _HR_ASKING.search(question):
        return False  # HR helps the managers, who hold the conversations
    return bool(_CONVERSATION.search(question)) and not asks_for_list(question)


def fit_questions(questions: Sequence[str], room: int, least: int = 2) -> list[str]:
    """As many questions as fit in ``room`` words, but ``least`` when there are that many."""
    kept: list[str] = []
    for q in questions:
        if len(kept) >= least and word_count([*kept, q]) > room:
            break
        kept.append(q)
    return kept[:4]


def overlaps(line: str, text: str) -> bool:
    """Whether a line mostly repeats a text (the same advice twice adds nothing)."""
    mine = set(terms(line))
    if not mine:
        return True
    return len(mine & set(terms(text))) / len(mine) > 0.6


def quoted(lines: Sequence[str]) -> list[str]:
    """Paragraphs quoted from a document: each in quotation marks when they are plain
    paragraphs, as they stand when they hold a list."""
    if any(line.startswith("• ") or _NUMBERED_ITEM.match(line) for line in lines):
        return list(lines)
    return [f"“{line}”" for line in lines]
