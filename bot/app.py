"""Composition root: builds the store, knowledge base, language model and coach once."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.coach.service import Coach
from bot.llm import ChatModel, build_chat_model
from bot.settings import Settings
from prompts import PromptLibrary

if TYPE_CHECKING:
    from knowledge.service import KnowledgeBase
    from storage.service import Store

log = logging.getLogger(__name__)


@dataclass
class App:
    """Every long-lived service of one process."""

    settings: Settings
    store: Store
    kb: KnowledgeBase
    llm: ChatModel | None
    coach: Coach

    def close(self) -> None:
        """Release the database, the index and the LLM connections."""
        if self.llm is not None:
            try:
                asyncio.run(self.llm.aclose())
            except RuntimeError:  # called inside a running loop: the loop closes the pool
                log.debug("LLM client left to its event loop")
        self.kb.close()
        self.store.close()


def build_app(settings: Settings) -> App:
    """Open everything the coach needs, in dependency order."""
    from storage.service import Store

    store = Store.open(settings)  # first: a wrong key stops the start before the slow imports
    try:
        from knowledge.service import KnowledgeBase

        kb = KnowledgeBase.open(settings)
    except BaseException:
        store.close()
        raise
    llm = build_chat_model(settings)
    coach = Coach(settings=settings, store=store, kb=kb, llm=llm, prompts=PromptLibrary())
    return App(settings=settings, store=store, kb=kb, llm=llm, coach=coach)
