"""Small text helpers shared by the composer, the question bank and the flows."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_INPUT_CHARS = 4000

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r"[0-9a-zà-ÿ]+(?:['’-][a-zà-ÿ]+)*")

# fmt: off
STOPWORDS = {
    "de", "het", "een", "en", "of", "ik", "je", "jij", "jou", "jouw", "mijn", "me", "mij",
    "we", "wij", "ons", "onze", "ze", "zij", "hij", "haar", "hem", "hun", "die", "dat", "dit",
    "deze", "er", "is", "zijn", "was", "waren", "ben", "bent", "wordt", "worden", "werd",
    "heb", "hebt", "heeft", "hebben", "had", "kan", "kun", "kunt", "kunnen", "wil", "wilt",
    "willen", "moet", "moeten", "mag", "zal", "zou", "zouden", "gaat", "gaan", "doe", "doet",
    "doen", "niet", "geen", "wel", "ook", "nog", "al", "dan", "als", "maar", "om", "te", "van",
    "voor", "met", "op", "in", "aan", "bij", "naar", "uit", "over", "tot", "door", "zo", "wat",
    "hoe", "wie", "waar", "wanneer", "waarom", "welke", "welk", "iets", "heel", "erg", "meer",
    "veel", "toch", "even", "goed", "gewoon", "eigenlijk", "mee", "af", "terwijl", "omdat",
    "zodat", "want", "dus", "nu", "zich", "zelf", "alle", "alles", "the", "a", "an", "and",
    "or", "i", "you", "your", "my", "our", "they", "them", "their", "he", "she", "his", "her",
    "him", "it", "its", "this", "that", "these", "those", "there", "are", "were", "be", "been",
    "being", "am", "do", "does", "did", "have", "has", "can", "could", "will", "would",
    "should", "shall", "may", "might", "must", "not", "no", "also", "still", "then", "than",
    "if", "but", "to", "for", "with", "on", "at", "by", "from", "about", "into", "so", "what",
    "how", "who", "where", "when", "why", "which", "some", "very", "more", "much", "just",
    "get", "while", "because", "now", "all", "any", "own", "i'm", "i've", "don't", "doesn't",
}
# fmt: on

# fmt: off
_SUFFIXES = (
    "heden", "heid", "ingen", "ing", "tjes", "tje", "ies", "es", "en", "er", "s", "e", "ed",
    "ly", "ment", "ness",
)
# fmt: on


_ACCENT_APOSTROPHE = re.compile(r"(?<=\w)[´`](?=\w)")


def clean_input(text: str | None) -> tuple[str, bool]:
    """Strip control characters and outer space; cut very long input. Returns (text, was_cut).

    >>> clean_input("  collega´s vragen haar  ")
    ("collega's vragen haar", False)
    """
    text = unicodedata.normalize("NFC", text or "")
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _ACCENT_APOSTROPHE.sub("'", text)  # "collega´s", typed on a phone, is "collega's"
    text = text.strip()
    if len(text) > MAX_INPUT_CHARS:
        return text[:MAX_INPUT_CHARS].rstrip(), True
    return text, False


def words(text: str) -> list[str]:
    """Lower-case words of a text."""
    return _WORD.findall(text.lower())


def stem(word: str) -> str:
    """A deliberately crude stem for matching (Dutch and English plurals and endings)."""
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


# where a sentence of what a manager typed ends, lower case or not ("great with customers. not
# very ...")
TYPED_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")
# a remark on the side in what a manager types ("fixes the printer lol", ":)"): never part of
# a quote or a skill
SIDE_REMARK = re.compile(r"\s+(?:lol|haha\w*|hihi|xd)\b|\s+[:;]-?[)D]", re.I)


def terms(text: str) -> list[str]:
    """Content terms (stopwords dropped, stemmed) for scoring."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


def keyword_spans(
    text_lower: str, keyword: str, *, compound: bool = False
) -> list[tuple[int, int]]:
    """Where a keyword occurs at a word start (so 'budget' also finds 'budgetten').

    With ``compound`` it may also end a compound word ('budget' in 'opleidingsbudget').

    >>> keyword_spans("geen opleidingsbudget", "budget", compound=True)
    [(15, 21)]
    >>> keyword_spans("geen opleidingsbudget", "budget")
    []
    """
    kw = keyword.lower().strip()
    if not kw:
        return []
    return [m.span() for m in _keyword_pattern(kw, compound).finditer(text_lower)]


@lru_cache(maxsize=4096)
def _keyword_pattern(kw: str, compound: bool) -> re.Pattern[str]:
    """The compiled pattern of one keyword (there are more than ``re``'s own cache holds)."""
    # short keywords ("ai") only as whole words; longer ones also as a word start ("budget*")
    tail = r"(?![0-9a-zà-ÿ])" if len(kw) <= 3 else ""
    head = "" if compound else r"(?<![0-9a-zà-ÿ])"
    return re.compile(head + re.escape(kw) + tail)


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word and marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def one_line(text: str) -> str:
    r"""A multi-line note as one line, its lines joined by a middle dot (a list's bullets go:
    " · • " reads as noise).

    >>> one_line("Afspraken\n• Priya: cursus zoeken\n• jij: budget navragen")
    'Afspraken · Priya: cursus zoeken · jij: budget navragen'
    """
    lines = (_MD_BULLET.sub("", line.strip()) for line in text.splitlines())
    return " · ".join(line for line in lines if line)


def excerpt(text: str, max_lines: int = 12, max_chars: int = 700) -> str:
    r"""The start of a multi-line note in its own lines: at most ``max_lines`` lines and about
    ``max_chars`` characters, empty lines dropped, "…" where it was cut.

    >>> excerpt("Reflectie\n\nHoe het ging: goed\nAfspraken\n• jij: bellen", max_lines=3)
    'Reflectie\nHoe het ging: goed\nAfspraken …'
    """
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    kept: list[str] = []
    used = 0
    for line in lines[:max_lines]:
        if used + len(line) > max_chars:
            kept.append(shorten(line, max(40, max_chars - used)))
            break
        kept.append(line)
        used += len(line)
    if len(kept) < len(lines) and not kept[-1].endswith("…"):
        kept[-1] += " …"
    return "\n".join(kept)


_MD_FENCE = re.compile(r"^\s*(?:```|~~~)")
_MD_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_BULLET = re.compile(r"^(\s*)[-*+•]\s+")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_MD_LINK = re.compile(r"!?\[([^\]\n]+)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]*?)(?<=[^\s*])\*(?![\w*])")
_MD_EM_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]*?)(?<=[^\s_])_(?![\w_])")
_MD_CODE = re.compile(r"`+([^`\n]*?)`+")


def plain_text(text: str) -> str:
    """Markdown from a language model as plain text: no emphasis, code or heading marks.

    List items keep a bullet (•); headings become plain lines; [n] citations stay.

    >>> plain_text("**Goede vraag!**\\n## Aanpak\\n- Vraag door op *ambities* [1]\\n`code`")
    'Goede vraag!\\nAanpak\\n• Vraag door op ambities [1]\\ncode'
    """
    lines: list[str] = []
    for line in text.splitlines():
        if _MD_FENCE.match(line):
            continue
        if _MD_RULE.match(line):
            lines.append("")
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _MD_QUOTE.sub("", line)
        line = _MD_BULLET.sub(lambda m: f"{m.group(1)}• ", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_CODE.sub(r"\1", line)
        line = _MD_STRONG.sub(r"\2", line)
        line = _MD_EM_STAR.sub(r"\1", line)
        line = _MD_EM_UNDER.sub(r"\1", line)
        lines.append(line.replace("**", "").rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def is_thin(text: str) -> bool:
    """Whether a message carries no words: only emoji or punctuation, or a single character.

    >>> is_thin("👍"), is_thin("x"), is_thin("ok")
    (True, True, False)
    """
    return sum(ch.isalnum() for ch in text) <= 1


def small_talk_key(text: str) -> str:
    """A short message reduced for matching small talk: "Oké! 👍" -> "oké"."""
    return " ".join(re.sub(r"[^\w\s'’-]", " ", text.lower()).split())


# a follow-up that asks for an example of the answer before
_ASKS_EXAMPLE = re.compile(
    r"^(?:(?:en|and|so|dus|ok|oké|okay)[,\s]+)?(?:(?:can|could) you (?:give|show)(?: me)? |"
    r"(?:heb|geef|noem) (?:je |jij |eens )?(?:me |mij )?|any |got |give me )?"
    r"(?:an? |een |nog een |another )?(?:examples?|voorbeeld(?:en)?|like what|zoals wat|zoals|"
    r"bijvoorbeeld|for instance)(?: (?:daarvan|van|of that|of this))?"
    # "geef eens een voorbeeld uit een fabriek", "an example from retail": where it is set
    r"(?: (?:uit|in|from|for|voor|bij|op) (?:een |de |het |a |an |the |my |mijn |onze |our )?"
    r"[\w-]+(?: [\w-]+)?)?\s*[?.!]*$",
    re.I,
)
_ASKS_SENTENCE = re.compile(
    # a sentence to say asked for ("geef eens een voorbeeldzin om mee te openen", "can you give
    # me an actual opening line"): the example of the answer before is one
    r"^(?:(?:en|and|so|dus|ok|oké|okay)[,\s]+)?(?:(?:can|could) you (?:give|write)(?: me)? |"
    r"(?:heb|geef|noem) (?:je |jij |eens )?(?:me |mij )?|give me |got |"
    r"(?:kun|kan|kunt) (?:je|jij|u) (?:me |mij )?(?:eens )?)?"
    r"(?:an? |een |nog een |another )?(?:actual |concrete |letterlijke |goede |good )?"
    r"(?:voorbeeldzin(?:nen)?|openingszin|opening line|first sentence|eerste zin|"
    r"(?:example|sample) (?:sentences?|phrases?|lines?))"
    r"(?: (?:om )?(?:mee )?(?:te )?(?:openen|beginnen|starten)| to (?:open|start) with)?"
    r"(?: (?:geven|noemen|bedenken|geven om te zeggen))?"
    # "... i can actually say", "... die ik echt kan zeggen"
    r"(?: (?:that |die )?(?:i|ik) (?:can |kan )?(?:actually |echt |gewoon )?(?:say|use|zeggen|"
    r"gebruiken|kan zeggen|kan gebruiken))?\s*[?.!]*$",
    re.I,
)


# "welke vragen kan ik haar dan stellen?", "ok, what questions could I ask her?": questions
# for the situation just answered, not the section on questions in general
_ASKS_QUESTIONS = re.compile(
    r"^(?:(?:en|and|so|dus|ok|oké|okay|right|alright|oke)[,\s]+)*(?:(?:en |and )?(?:welke|wat "
    r"voor|which|what|any|some|got any|give me some|geef (?:me )?(?:eens )?(?:wat|een paar))\s+"
    r"(?:(?:goede|good|concrete|open|extra|andere|other)\s+)?(?:vragen|questions)"
    r"(?:\s+(?:kan|could|can|should|would|zou|moet)\s+(?:ik|i)\s+(?:\w+\s+){0,3}?"
    r"(?:stellen|ask|use|gebruiken)(?:\s+(?:haar|hem|hen|her|him|them))?(?:\s+(?:dan|then|"
    r"daar|there|tomorrow|morgen))?)?|wat (?:kan|zou|moet) ik (?:haar|hem|hen) (?:dan )?vragen|"
    r"what (?:can|could|should) i ask (?:her|him|them))\s*[?.!]*$",
    re.I,
)


_SAYS_FIRST = re.compile(
    # the first words to say asked for ("wat zeg ik als eerste zin?", "what do I say first?"):
    # the answer's example line is that sentence
    r"^(?:(?:en|and|so|dus|ok|oké|okay|maar|but)[,\s]+)?(?:wat|what) (?:zeg ik|do i say|should i "
    r"say|moet ik zeggen|kan ik zeggen|can i say|zou ik zeggen|would i say)(?: (?:dan|then|"
    r"precies|exactly))?(?: (?:als eerste(?: zin)?|first|to start|to open(?: with)?|"
    r"om te (?:beginnen|openen)|bij de opening|at the start)(?: (?:dan|then))?)\s*[?.!]*$",
    re.I,
)


def asks_questions(text: str) -> bool:
    """Whether a message asks which questions to put to the person of the answer before.

    >>> asks_questions("welke vragen kan ik haar dan stellen?")
    True
    >>> asks_questions("ok, what questions could I ask her?"), asks_questions("wat kan ik hem vragen")
    (True, True)
    >>> asks_questions("Which questions help me find out what someone's ambitions are?")
    False
    """
    return bool(_ASKS_QUESTIONS.match(text.strip()))


def asks_example(text: str) -> bool:
    """Whether a message asks for an example of the answer before ("heb je een voorbeeld?").

    >>> asks_example("geef eens een voorbeeld uit een fabriek"), asks_example("an example?")
    (True, True)
    >>> asks_example("hoe geef ik zelf het goede voorbeeld in mijn team?")
    False
    >>> asks_example("geef eens een voorbeeldzin om mee te openen")
    True
    >>> asks_example("give me an opening line i can actually say"), asks_example("opening line?")
    (True, True)
    """
    return bool(_ASKS_EXAMPLE.match(text.strip())) or asks_sentence(text)


def asks_sentence(text: str) -> bool:
    """Whether a message asks for a sentence to say ("give me an opening line").

    >>> asks_sentence("geef eens een voorbeeldzin om mee te openen"), asks_sentence("an example?")
    (True, False)
    >>> asks_sentence("kun je een voorbeeldzin geven?"), asks_sentence("can you give an example sentence?")
    (True, True)
    >>> asks_sentence("wat zeg ik als eerste zin?"), asks_sentence("what do I say first?")
    (True, True)
    >>> asks_sentence("what do I say when she cries?")
    False
    """
    return bool(_ASKS_SENTENCE.match(text.strip()) or _SAYS_FIRST.match(text.strip()))
