"""The manager's words about someone, turned to address them on the card."""

import pytest

from bot.coach.scripted import _need_clause
from bot.coach.signals import read
from bot.coach.voice import second_person


@pytest.mark.parametrize(
    ("said", "lang", "to_them"),
    [
        ("Ze plant goed en werkt nieuwe collega's heel goed in", "nl",
         "Je plant goed en werkt nieuwe collega's heel goed in"),
        ("Hij is geduldig en kan zijn collega's goed uitleggen", "nl",
         "Je bent geduldig en kunt je collega's goed uitleggen"),
        ("ze heeft oog voor detail, en ze wil altijd leren", "nl",
         "Je hebt oog voor detail, en je wilt altijd leren"),
        ("She plans well and trains new colleagues", "en",
         "You plan well and train new colleagues"),
        ("He always fixes IT problems and colleagues ask him for help", "en",
         "You always fix IT problems and colleagues ask you for help"),
        ("She's great with numbers", "en", "You're great with numbers"),
    ],
)  # fmt: skip
def test_an_answer_about_someone_is_said_to_them(said: str, lang: str, to_them: str) -> None:
    assert second_person(said, lang) == to_them


def test_a_fragment_is_left_to_the_card_template() -> None:
    assert second_person("plannen en Excel", "nl") is None
    assert second_person("great at explaining", "en") is None


def test_the_team_need_leaves_out_size_and_money() -> None:
    assert _need_clause("nieuw klantsysteem en het team is groot: 24 mensen") == (
        "nieuw klantsysteem"
    )
    # what stays reads as typed ("and", not a comma in its place); "coming" is said by the
    # question it goes into ("Coming up for the team: ...")
    assert _need_clause("more data work and automation coming, team of 9") == (
        "more data work and automation"
    )


@pytest.mark.parametrize(
    "text",
    [
        "zou ze promotie willen? geen idee",  # a question to oneself
        "was super insecure when she started last year, totally fine now",  # over
        "was lang geleden even ziek maar dat is echt verleden tijd",
        "zijn collega wil promotie, hij zelf niet",  # someone else's wish
        "we draaien een promotiecampagne voor het nieuwe product",
        "beoordeling van de klant was super",
        "krijgt een senior collega als buddy",
        "we verhuizen naar de 3e verdieping",
    ],
)
def test_look_alikes_raise_no_signal(text: str) -> None:
    assert read(text).signals == []
