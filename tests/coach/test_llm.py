"""The LLM path against an OpenAI-compatible server on loopback: grounding, streaming, failures."""

from __future__ import annotations

import json
import re

import pytest

from bot.coach.service import Coach
from bot.coach.types import Actor
from bot.llm import LLMError, OpenAIChatModel
from bot.settings import Settings
from tests.coach.conftest import make_coach
from tests.coach.fakes import FakeKnowledgeBase, FakeStore
from tests.llm_server import LLMServer

ME = Actor(external_id="local:marieke")
QUESTION = "Hoe help ik een medewerker met weinig zelfvertrouwen?"


@pytest.fixture
def server():
    with LLMServer(hang_seconds=3) as running:
        yield running


def model(server: LLMServer, timeout: float = 5.0) -> OpenAIChatModel:
    return OpenAIChatModel(
        base_url=server.url,
        api_key="test",
        model="test-model",
        max_tokens=321,
        timeout=timeout,
        max_retries=1,
    )


@pytest.fixture
def coach(settings: Settings, server: LLMServer) -> Coach:
    return make_coach(settings, FakeStore(), FakeKnowledgeBase(), model(server))


def numbered_sources(request: dict) -> int:
    return len(re.findall(r"^<<<BRON \[\d+\] ", request["messages"][1]["content"], re.M))


async def test_answer_cites_retrieved_sources(coach: Coach, server: LLMServer):
    server.reply = lambda request: "Benoem concreet wat goed ging [1]. Laat iemand oefenen [2]."
    answer = await coach.ask(ME, QUESTION)
    assert answer.via == "llm" and answer.grounded and answer.prompt == "llm_ask@3"
    assert "Benoem concreet wat goed ging [1]" in answer.text
    assert answer.text.splitlines()[-1].startswith("Bronnen: [1] ")
    assert len(answer.sources) == 2
    request = server.requests[-1]
    assert request["max_tokens"] == 321 and request["model"] == "test-model"
    assert numbered_sources(request) >= 2
    assert "Nederlands" in request["messages"][0]["content"]


async def test_citations_of_unretrieved_sources_are_dropped_and_flagged(
    coach: Coach, server: LLMServer
):
    server.reply = lambda request: "Geef ruimte [1]. Volgens Jansen (2019) werkt dit [42]."
    answer = await coach.ask(ME, QUESTION)
    assert "[42]" not in answer.body and "[1]" in answer.body
    assert "weggelaten: [42]" in answer.text
    assert [s.doc_id for s in answer.sources] == [answer.sources[0].doc_id]


async def test_an_answer_without_citations_falls_back_to_the_guidance(
    coach: Coach, server: LLMServer
):
    server.reply = lambda request: "Gewoon doen, dat werkt altijd."
    answer = await coach.ask(ME, QUESTION)
    assert answer.via == "offline" and "geen bruikbaar antwoord met bronnen" in answer.text
    assert "Gewoon doen" not in answer.text and answer.grounded


@pytest.mark.parametrize(
    ("failure", "notice"),
    [
        ("500", "gaf een fout"),
        ("429", "overbelast"),
        ("timeout", "niet op tijd"),
        ("garbage", "niet te lezen"),
    ],
)
async def test_failures_fall_back_to_the_offline_composer_with_one_line(
    settings: Settings, server: LLMServer, failure: str, notice: str
):
    coach = make_coach(settings, FakeStore(), FakeKnowledgeBase(), model(server, timeout=1.0))
    server.always_fail = failure
    replies = await coach.handle(ME, QUESTION)
    first_line = replies[0].text.splitlines()[0]
    assert notice in first_line and first_line.startswith("(")
    assert "Bronnen: " in replies[0].text and "Traceback" not in replies[0].text


async def test_streaming_pieces_reach_the_front_end(coach: Coach, server: LLMServer):
    server.reply = lambda request: "Vraag wat iemand trots maakt [1] en bouw daarop voort [2]."
    pieces: list[str] = []
    replies = await coach.handle(ME, QUESTION, stream=pieces.append)
    assert len(pieces) > 3 and "".join(pieces).startswith("Vraag wat iemand trots")
    assert server.requests[-1]["stream"] is True
    assert "Bronnen: [1]" in replies[0].text


async def test_streaming_failure_falls_back(coach: Coach, server: LLMServer):
    server.always_fail = "500"
    pieces: list[str] = []
    replies = await coach.handle(ME, QUESTION, stream=pieces.append)
    assert pieces == [] and "gaf een fout" in replies[0].text


async def test_stored_notes_reach_the_llm_only_when_allowed(settings: Settings, server):
    server.reply = lambda request: "Sluit aan bij wat Anna goed kan [1]."
    store = FakeStore()
    coach = make_coach(settings, store, FakeKnowledgeBase(), model(server))
    await coach.handle(ME, "/note Anna Geheim: twijfelt over haar contract")
    await coach.handle(ME, "Hoe help ik Anna met weinig zelfvertrouwen?")
    assert "Geheim" not in json.dumps(server.requests[-1])
    allowed = settings.model_copy(update={"llm_may_see_notes": True})
    coach = make_coach(allowed, store, FakeKnowledgeBase(), model(server))
    await coach.handle(ME, "Hoe help ik Anna met weinig zelfvertrouwen?")
    assert "Geheim: twijfelt" in json.dumps(server.requests[-1], ensure_ascii=False)


async def test_role_play_then_feedback(coach: Coach, server: LLMServer):
    server.reply = lambda request: (
        "Leuk dat je het vraagt. Ik zou graag meer met klanten doen."
        if "speel" in request["messages"][0]["content"]
        else "Goed: je stelde open vragen. Vat vaker samen."
    )
    start = await coach.handle(ME, "/practice Anna")
    assert "Ik speel Anna" in start[0].text
    await coach.handle(ME, "Wil promotie die er niet is")
    reply = await coach.handle(ME, "Wat zou je graag willen leren?")
    assert reply[0].text.startswith("Anna: Leuk dat je het vraagt") and reply[0].flow == "practice"
    roleplay = server.requests[-1]["messages"]
    assert roleplay[0]["role"] == "system" and "promotie" in roleplay[0]["content"]
    assert roleplay[-1] == {"role": "user", "content": "Wat zou je graag willen leren?"}
    await coach.handle(ME, "Ben je daar blij mee?")
    feedback = await coach.handle(ME, "/stop")
    assert "1 open, 1 gesloten" in feedback[0].text
    assert "Vat vaker samen" in feedback[0].text and feedback[0].flow is None


async def test_role_play_failure_switches_to_offline_practice(coach: Coach, server: LLMServer):
    await coach.handle(ME, "/practice Anna")
    await coach.handle(ME, "Wil promotie die er niet is")
    server.always_fail = "500"
    reply = await coach.handle(ME, "Hoe gaat het?")
    assert "gaf een fout" in reply[0].text and "Zo zou Anna kunnen reageren" in reply[0].text
    server.always_fail = None
    nxt = await coach.handle(ME, "Wat wil je bereiken?")
    assert "Open vraag" in nxt[0].text


async def test_the_adapter_translates_errors(server: LLMServer):
    chat = model(server, timeout=1.0)
    chat.max_retries = 0
    for failure, kind in [
        ("500", "server"),
        ("429", "rate_limit"),
        ("timeout", "timeout"),
        ("empty", "empty"),
    ]:
        server.fail_next(failure)
        with pytest.raises(LLMError) as caught:
            await chat.complete([{"role": "user", "content": "hoi"}])
        assert caught.value.kind == kind
    assert await chat.complete([{"role": "user", "content": "hoi"}]) == "Dit is een antwoord [1]."
    await chat.aclose()


MARKDOWN = "**Goede vraag!**\n## Aanpak\n- Vraag door op *ambities* [1]\n`code` en __nadruk__ [2]"


async def test_markdown_from_the_model_is_shown_as_plain_text(coach: Coach, server: LLMServer):
    server.reply = lambda request: MARKDOWN
    answer = await coach.ask(ME, QUESTION)
    assert answer.via == "llm"
    assert answer.body == "Goede vraag!\nAanpak\n• Vraag door op ambities [1]\ncode en nadruk [2]"
    assert not any(mark in answer.text for mark in ("*", "#", "`", "__"))


async def test_role_play_lines_and_feedback_are_plain_text(coach: Coach, server: LLMServer):
    server.reply = lambda request: (
        "**Anna:** Ik weet het *eigenlijk* niet, `echt` niet."
        if "speel" in request["messages"][0]["content"]
        else "## Feedback\n- **Goed:** je vroeg door."
    )
    await coach.handle(ME, "/practice Anna")
    await coach.handle(ME, "Wil promotie die er niet is")
    reply = await coach.handle(ME, "Wat zou je graag willen leren?")
    assert reply[0].text == "Anna: Ik weet het eigenlijk niet, echt niet."
    feedback = (await coach.handle(ME, "/stop"))[0].text
    assert "Feedback\n• Goed: je vroeg door." in feedback and "*" not in feedback
