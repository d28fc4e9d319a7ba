"""Rendering: escaping for HTML and splitting at Telegram's limit without breaking anything."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.telegram.render import (
    MESSAGE_LIMIT,
    escape,
    escaped_len,
    render_reply,
    split_text,
    utf16_len,
)


@dataclass(frozen=True)
class _Source:
    doc_id: str
    title: str
    version: int
    section: str | None


@dataclass
class _Reply:
    text: str
    sources: list[_Source] = field(default_factory=list)
    lang: str = "nl"


def test_escape_leaves_no_markup_for_telegram_to_parse():
    assert escape("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert escape('"quotes" stay') == '"quotes" stay'


def test_short_text_is_one_chunk():
    assert split_text("hallo") == ["hallo"]
    assert split_text("   ") == []


def test_long_text_splits_at_paragraphs_within_the_limit():
    paragraph = ("Een zin over ontwikkeling. " * 40).strip()
    text = "\n\n".join([paragraph] * 10)
    chunks = split_text(text)
    assert len(chunks) > 1
    assert all(utf16_len(chunk) <= MESSAGE_LIMIT for chunk in chunks)
    assert all(chunk.endswith(".") for chunk in chunks)
    assert "".join("".join(chunks).split()) == "".join(text.split())


def test_splitting_counts_escaped_length_so_ampersands_never_overflow():
    text = "&" * 10_000
    chunks = [escape(c) for c in split_text(text, measure=escaped_len)]
    assert all(utf16_len(c) <= MESSAGE_LIMIT for c in chunks)
    assert all(not c.endswith("&amp") and c.endswith("&amp;") for c in chunks)
    assert sum(c.count("&amp;") for c in chunks) == 10_000


def test_splitting_counts_utf16_and_never_cuts_an_emoji_sequence():
    family = "👩\u200d👩\u200d👧"  # one grapheme, several code points, surrogate pairs
    text = family * 2000
    chunks = split_text(text)
    assert all(utf16_len(c) <= MESSAGE_LIMIT for c in chunks)
    assert "".join(chunks) == text
    for chunk in chunks:
        assert not chunk.startswith("\u200d") and not chunk.endswith("\u200d")


def test_a_word_longer_than_the_limit_is_cut_hard():
    chunks = split_text("x" * 9000)
    assert [len(c) for c in chunks] == [4096, 4096, 808]


def test_reply_sources_are_listed_once_and_escaped():
    reply = _Reply(
        text="Geef ruimte.",
        sources=[_Source("d1", "Richting & ruimte", 2, "Kader")],
    )
    (html,) = render_reply(reply)
    assert "Bronnen" in html
    assert "<i>Richting &amp; ruimte</i> (versie 2, Kader)" in html


def test_sources_the_text_already_names_are_not_repeated():
    reply = _Reply(text="Zie Richting (versie 2).", sources=[_Source("d1", "Richting", 2, None)])
    assert render_reply(reply) == ["Zie Richting (versie 2)."]


def test_long_reply_with_sources_stays_within_limit():
    reply = _Reply(
        text="<b>not markup</b> " * 600,
        sources=[_Source("d", f"Titel {i}", 1, "S") for i in range(5)],
        lang="en",
    )
    chunks = render_reply(reply)
    assert len(chunks) >= 2
    assert all(utf16_len(c) <= MESSAGE_LIMIT for c in chunks)
    assert "<b>" not in "".join(chunks).replace("<b>Sources</b>", "")
