"""Coaching answers composed offline: documents in one language only, short acknowledgements."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.coach.service import Coach
from bot.coach.types import Actor
from bot.llm import OpenAIChatModel
from bot.settings import Settings
from knowledge.types import Hit, SearchResult
from tests.coach.conftest import make_coach
from tests.coach.fakes import FakeKnowledgeBase, FakeStore
from tests.llm_server import LLMServer

JAMES = Actor(external_id="tg:42", language="en")
MARIEKE = Actor(external_id="local:marieke")

BUDGET_NL = Hit(
    "Iedere medewerker heeft recht op een leerbudget van 1500 euro per kalenderjaar. "
    "Parttimers krijgen hetzelfde bedrag. Niet gebruikt leerbudget vervalt op 31 december.",
    "leerbudget-beleid",
    "Regeling leerbudget",
    1,
    "2. Hoogte van het leerbudget",
    1,
    "nl",
    0.88,
    "leerbudget-beleid:nl:1",
)
REQUEST_NL = Hit(
    "De medewerker dient een aanvraag in bij de eigen leidinggevende. De leidinggevende "
    "beslist binnen tien werkdagen en legt de afspraak vast in het ontwikkelplan.",
    "leerbudget-beleid",
    "Regeling leerbudget",
    1,
    "4. Aanvragen",
    1,
    "nl",
    0.86,
    "leerbudget-beleid:nl:3",
)
GENERIC_EN = Hit(
    "Training budgets are small, or there is not enough time and money to let people "
    "really learn. Be honest up front about what is and isn't possible.",
    "belemmeringen-organisatie",
    "Organisational barriers and what helps",
    1,
    "Barrier: too little budget, time and resources",
    None,
    "en",
    0.85,
    "belemmeringen-organisatie:en:2",
)
POLICY_EN = Hit(
    "Every employee may spend five days a year on training. Managers approve requests "
    "within two weeks and record them in the development plan.",
    "training-policy",
    "Training policy",
    2,
    "Training days",
    None,
    "en",
    0.9,
    "training-policy:en:0",
)
GENERIC_NL = Hit(
    "Een kleine opleidingsbegroting of te weinig tijd maakt echt leren lastig. Wees vooraf "
    "eerlijk over wat wel en niet kan.",
    "belemmeringen-organisatie",
    "Belemmeringen op organisatieniveau en wat helpt",
    1,
    "Belemmering: te weinig budget, tijd en middelen",
    None,
    "nl",
    0.85,
    "belemmeringen-organisatie:nl:2",
)


class FixedKnowledgeBase(FakeKnowledgeBase):
    """Returns the given hits for every question (as retrieval would rank them)."""

    def __init__(self, hits: list[Hit]) -> None:
        super().__init__()
        self.hits = hits

    def search(self, query: str, k: int = 5, lang: str | None = None) -> SearchResult:
        self.searches.append(query)
        return SearchResult(list(self.hits[:k]), True, lang or "nl")


async def test_an_english_question_is_answered_from_a_dutch_only_document(settings: Settings):
    kb = FixedKnowledgeBase([BUDGET_NL, GENERIC_EN, REQUEST_NL])
    coach = make_coach(settings, FakeStore(), kb)
    answer = await coach.ask(JAMES, "How much learning budget does an employee get per year?")
    assert answer.lang == "en" and answer.grounded and answer.prompt == "answer@6"
    first, *rest = answer.body.splitlines()
    assert first == (
        "According to Regeling leerbudget (version 1, only in Dutch), "
        "2. Hoogte van het leerbudget:"
    )
    assert "Iedere medewerker heeft recht op een leerbudget van 1500 euro" in rest[0]
    assert answer.sources[0].doc_id == "leerbudget-beleid"
    assert "Sources: Regeling leerbudget (v1), 2. Hoogte van het leerbudget" in answer.text
    # at most one instruction from the English guidance, not a lecture beside the policy
    assert "Training budgets are small" not in answer.body
    assert len(answer.body) < 700


async def test_a_dutch_question_is_answered_from_an_english_only_document(settings: Settings):
    kb = FixedKnowledgeBase([POLICY_EN, GENERIC_NL])
    coach = make_coach(settings, FakeStore(), kb)
    answer = await coach.ask(MARIEKE, "Hoeveel opleidingsdagen krijgt een medewerker per jaar?")
    assert answer.lang == "nl"
    assert answer.body.startswith(
        "Volgens Training policy (versie 2, alleen in het Engels), Training days:\n"
        "“Every employee may spend five days a year on training."
    )
    assert "Training policy (v2), Training days" in answer.text


async def test_own_language_guidance_stays_first_when_it_ranks_first(settings: Settings):
    kb = FixedKnowledgeBase([GENERIC_EN, replace(BUDGET_NL, score=0.5)])
    answer = await make_coach(settings, FakeStore(), kb).ask(
        JAMES, "How do I talk about a small training budget?"
    )
    assert "Dutch-only" not in answer.text and "leerbudget" not in answer.text


async def test_the_model_is_told_the_source_is_dutch_and_to_answer_in_english(
    settings: Settings,
):
    with LLMServer() as server:
        server.reply = lambda request: "Every employee gets 1500 euro a year [1]."
        llm = OpenAIChatModel(
            base_url=server.url, api_key="t", model="m", max_tokens=200, timeout=5, max_retries=0
        )
        kb = FixedKnowledgeBase([BUDGET_NL, GENERIC_EN])
        coach = make_coach(settings, FakeStore(), kb, llm)
        answer = await coach.ask(JAMES, "How much learning budget does an employee get?")
        user = server.requests[-1]["messages"][1]["content"]
    assert answer.via == "llm" and answer.prompt == "llm_ask@3"
    assert "source [1] comes from a document that exists only in Dutch" in user
    assert "answer in English" in user


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_language_has_a_name_in_both_languages(fake_coach: Coach, lang: str):
    names = fake_coach.prompts.load("messages", lang).meta["language_names"]
    assert set(names) == {"nl", "en"}


ACKNOWLEDGEMENTS = ["ok", "oké", "Oké!", "thanks", "top", "👍", "prima", "k", "🙏🙏"]


@pytest.mark.parametrize("message", ACKNOWLEDGEMENTS)
async def test_a_short_acknowledgement_gets_a_short_kind_reply(fake_coach: Coach, message: str):
    reply = (await fake_coach.handle(MARIEKE, message))[0]
    assert len(reply.text) < 80 and "richtlijnen" not in reply.text, reply.text
    assert not reply.sources and reply.choices
    assert fake_coach.kb.searches == []  # nothing was looked up


async def test_an_english_acknowledgement_is_answered_in_english(fake_coach: Coach):
    reply = (await fake_coach.handle(JAMES, "got it 👍"))[0]
    assert reply.text == "Great! Just let me know what I can help you with."


async def test_an_emoji_is_not_kept_as_a_note(fake_coach: Coach):
    await fake_coach.handle(MARIEKE, "/note Anna")
    again = (await fake_coach.handle(MARIEKE, "👍"))[0]
    assert "liever niet" in again.text and again.flow == "note"
    ok = (await fake_coach.handle(MARIEKE, "ok"))[0]
    assert "“ok”" in ok.text and ok.flow == "note"
    saved = (await fake_coach.handle(MARIEKE, "Wil graag meer presenteren"))[0]
    assert saved.text.startswith("Notitie bewaard bij Anna") and saved.flow is None
    notes = (await fake_coach.handle(MARIEKE, "/notes Anna"))[0].text
    assert "Wil graag meer presenteren" in notes and "👍" not in notes
    direct = (await fake_coach.handle(MARIEKE, "/note Anna x"))[0]
    assert "“x”" in direct.text and direct.flow == "note"


@pytest.mark.parametrize(
    ("actor", "message", "command"),
    [
        (JAMES, "hi, quick prep for a 1:1 with my shift lead", "/prep"),
        (MARIEKE, "kun je me helpen een gesprek met Joris voor te bereiden?", "/prep Joris"),
        (MARIEKE, "hoe kijk ik terug op het gesprek van gisteren?", "/reflect"),
        (
            MARIEKE,
            "hoe blik ik terug op mijn gesprek met Sanne de Vries?",
            "/reflect Sanne de Vries",
        ),
        (JAMES, "how do I get ready for my one-on-one with Jamal on Monday?", "/prep Jamal"),
        (JAMES, "how do I prepare a talk with HR about budget?", "/prep"),
        (MARIEKE, "Hoe bereid ik mijn gesprek met Sanne voor? Ze twijfelt.", "/prep Sanne"),
    ],
)
async def test_a_request_to_prepare_or_look_back_is_offered_the_flow(
    fake_coach: Coach, actor: Actor, message: str, command: str
):
    reply = (await fake_coach.handle(actor, message))[-1]
    if reply.sources:  # answered: the advice and the one flow it asked for
        assert [c.value for c in reply.choices] == [command]
    else:  # too vague to answer: every choice, the flow it asked for first
        assert [c.value for c in reply.choices][0] == command and len(reply.choices) == 3


async def test_a_plain_question_gets_no_flow_offered(fake_coach: Coach):
    reply = (await fake_coach.handle(MARIEKE, "Hoe geef ik feedback op skills?"))[-1]
    assert reply.choices == []
