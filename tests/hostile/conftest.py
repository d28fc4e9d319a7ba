"""Fixtures for the hostile tests: a tiny corpus and a knowledge base with the fake embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

POLICY = """---
id: opleidingsbeleid
title: Opleidingsbeleid
language: nl
---
# Opleidingsbeleid

## Leerbudget
Iedere medewerker heeft een leerbudget van vijfhonderd euro per jaar voor cursussen.
"""

CORPUS = """---
id: feedback-geven
title: Feedback geven
language: nl
version: 1
topics: [feedback]
---
# Feedback geven

## Concreet en op tijd
Geef feedback zo snel mogelijk na het moment zelf. Beschrijf wat je zag gebeuren.
"""


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A one-document shipped corpus: quick to index."""
    path = tmp_path / "corpus"
    path.mkdir()
    (path / "feedback-geven.nl.md").write_text(CORPUS, encoding="utf-8")
    return path
