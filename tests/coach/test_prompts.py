"""Every prompt file loads, renders with sample values, and matches across languages."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from bot.coach.flows import FlowScript
from prompts import (
    LANGUAGES,
    PromptError,
    PromptLibrary,
    load_prompt,
    placeholders,
    render_template,
)

LIB = PromptLibrary()
NAMES = LIB.names()
ROOT = Path(__file__).resolve().parents[2]
ENGINE = [*sorted((ROOT / "bot" / "coach").glob("*.py")), ROOT / "bot" / "console.py"]


def sample(names: set[str]) -> dict[str, str]:
    return {name: f"<{name}>" for name in names}


def test_every_prompt_exists_in_both_languages_with_a_version():
    for name in NAMES:
        versions = {lang: LIB.versions(name, lang) for lang in LANGUAGES}
        assert versions["nl"] and versions["nl"] == versions["en"], name


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
def test_every_template_renders_with_sample_values(name: str, lang: str):
    prompt = load_prompt(name, lang)
    body = prompt.render(**sample(placeholders(prompt.body)))
    assert "{" not in body.replace("{{", "") or name == "question_bank"
    table = prompt.meta.get("messages") or prompt.meta.get("texts") or {}
    for key, template in table.items():
        rendered = prompt.text(key, **sample(placeholders(str(template))))
        assert rendered.strip(), (name, lang, key)
    assert prompt.ref == f"{name}@{prompt.version}"


@pytest.mark.parametrize("name", NAMES)
def test_languages_use_the_same_placeholders(name: str):
    nl, en = load_prompt(name, "nl"), load_prompt(name, "en")
    assert placeholders(nl.body) == placeholders(en.body)
    for field in ("messages", "texts"):
        nl_table, en_table = nl.meta.get(field, {}), en.meta.get(field, {})
        assert nl_table.keys() == en_table.keys(), (name, field)
        for key in nl_table:
            assert placeholders(str(nl_table[key])) == placeholders(str(en_table[key])), key


@pytest.mark.parametrize("flow", ["flow_prep", "flow_reflect"])
def test_flow_scripts_ask_the_same_steps_in_both_languages(flow: str):
    nl, en = FlowScript(load_prompt(flow, "nl")), FlowScript(load_prompt(flow, "en"))
    assert [s.id for s in nl.steps] == [s.id for s in en.steps]
    assert [s.kind for s in nl.steps] == [s.kind for s in en.steps]
    for lang_script in (nl, en):
        for i in range(len(lang_script)):
            text, choices = lang_script.ask(
                i, "Skip", employee="Anna", example="14 december", example_iso="2026-12-14"
            )
            assert "Anna" in text or "{" not in text
            assert all(len(c.value.encode()) <= 60 for c in choices)


def test_question_bank_matches_across_languages():
    nl, en = load_prompt("question_bank", "nl").meta, load_prompt("question_bank", "en").meta
    assert [q["id"] for q in nl["questions"]] == [q["id"] for q in en["questions"]]
    assert [q["tags"] for q in nl["questions"]] == [q["tags"] for q in en["questions"]]
    assert nl["situations"].keys() == en["situations"].keys()
    tags = {t for q in nl["questions"] for t in q["tags"]}
    for situation in nl["situations"]:
        assert situation in tags, f"no question for {situation}"


def test_every_message_key_the_engine_uses_exists():
    keys = set(load_prompt("messages", "nl").meta["messages"])
    used: set[str] = set()
    nodes = [n for path in ENGINE for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))]
    for node in nodes:
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("t", "message")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
        ):
            used.add(node.args[1].value)
    dynamic = {
        *(f"flow_{n}" for n in ("prep", "reflect", "practice", "forget", "pick", "note")),
        *(
            f"llm_failed_{k}"
            for k in ("timeout", "rate_limit", "server", "connection", "refused", "empty")
        ),
        *(f"owner_{o}" for o in ("manager", "employee")),
        *(f"practice_kind_{k}" for k in ("open", "closed", "statement")),
        *(f"note_kind_{k}" for k in ("free", "prep", "reflection")),
        *(f"status_{s}" for s in ("preparing", "prepared", "held", "reflected")),
        *(f"reminders_status_{s}" for s in ("on", "off")),
        *(f"{c}_who" for c in ("prep", "reflect", "practice", "note", "notes", "forget")),
    }
    assert len(used) > 80, "the scan found the engine's messages"
    missing = (used | dynamic) - keys
    assert not missing


def test_a_version_can_be_asked_for_and_the_newest_wins(tmp_path: Path):
    for lang in LANGUAGES:
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "hello.v1.md").write_text("---\nversion: 1\n---\nHoi {name}\n")
        (tmp_path / lang / "hello.md").write_text("---\nversion: 2\n---\nDag {name}\n")
    lib = PromptLibrary(tmp_path)
    assert lib.load("hello", "nl").render(name="Anna") == "Dag Anna"
    assert lib.load("hello", "nl", version=1).render(name="Anna") == "Hoi Anna"
    assert lib.load("hello", "en").ref == "hello@2"
    with pytest.raises(PromptError):
        lib.load("hello", "nl", version=3)
    with pytest.raises(PromptError):
        lib.load("hello", "nl").render()


PLURAL_AFTER_ONE = re.compile(
    r"\b1 (?:open |korte |short |scheduled |geplande )?(?:afspraken|notities|gesprekken|dagen|"
    r"vragen|stukken|herinneringen|mededelingen|agreements|notes|conversations|days|questions|"
    r"chunks|reminders|statements|things|times)\b"
)


def plural_specs(template: str) -> list[str]:
    return [spec for _, _, spec, _ in string.Formatter().parse(template) if spec and "|" in spec]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
def test_counts_agree_with_their_nouns(name: str, lang: str):
    prompt = load_prompt(name, lang)
    table = prompt.meta.get("messages") or prompt.meta.get("texts") or {}
    templates = {key: str(value) for key, value in table.items()}
    for i, item in enumerate(prompt.meta.get("agenda", [])):
        templates[f"agenda{i}"] = str(item["text"])
    for key, template in templates.items():
        assert all(spec.count("|") == 1 for spec in plural_specs(template)), key
        names = placeholders(template)
        one = render_template(template, dict.fromkeys(names, 1))
        assert not PLURAL_AFTER_ONE.search(one), (key, one)
        if plural_specs(template):
            assert render_template(template, dict.fromkeys(names, 2)) != one, key


def test_plural_choice_follows_the_count():
    assert render_template("{n} {n:afspraak|afspraken}", {"n": 1}) == "1 afspraak"
    assert render_template("{n} {n:afspraak|afspraken}", {"n": 0}) == "0 afspraken"
    assert render_template("{n:once|{n} times}", {"n": 2}) == "2 times"
    assert render_template("{n:once|{n} times}", {"n": "1"}) == "once"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compound_signal_words_are_signal_words(lang: str):
    for tag, situation in load_prompt("question_bank", lang).meta["situations"].items():
        assert set(situation.get("compounds", [])) <= set(situation["keywords"]), tag
        assert all(isinstance(p, str) and p for p in situation.get("unless", [])), tag
