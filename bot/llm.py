"""The ChatModel protocol and its OpenAI-compatible implementation (OpenAI, Azure, Ollama, ...).

The adapter translates every vendor failure into ``LLMError`` with a short ``kind`` so the
engine can fall back to the offline composer and tell the user in one line why.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypedDict

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger(__name__)

ErrorKind = Literal["timeout", "rate_limit", "server", "connection", "refused", "empty"]


class Message(TypedDict):
    """One chat message."""

    role: Literal["system", "user", "assistant"]
    content: str


class LLMError(Exception):
    """The language model did not give a usable answer."""

    def __init__(self, kind: ErrorKind, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind: ErrorKind = kind


class ChatModel(Protocol):
    """What the engine needs from a chat model."""

    name: str

    async def complete(self, messages: Sequence[Message], *, max_tokens: int | None = None) -> str:
        """The whole reply at once."""
        ...

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int | None = None
    ) -> AsyncIterator[str]:
        """The reply as it is generated, in text pieces."""
        ...

    async def aclose(self) -> None:
        """Release connections."""
        ...


class OpenAIChatModel:
    """Any OpenAI-compatible chat completions endpoint through the ``openai`` client."""

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str | None,
        model: str,
        max_tokens: int = 700,
        timeout: float = 30.0,
        temperature: float = 0.3,
        max_retries: int = 1,
    ) -> None:
        self.base_url = base_url
        self.name = model
        self._api_key = api_key or "not-needed"  # local servers accept any key
        self.max_tokens = max_tokens
        self.timeout = timeout
        self.temperature = temperature
        self.max_retries = max_retries
        self._client: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAIChatModel:
        """The model configured in settings (requires ``llm_base_url``)."""
        if not settings.llm_base_url:
            raise ValueError("llm_base_url is not set")
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        return cls(
            base_url=settings.llm_base_url,
            api_key=key,
            model=settings.llm_model,
            max_tokens=settings.llm_max_tokens,
            timeout=settings.llm_timeout,
            temperature=settings.llm_temperature,
        )

    def _get_client(self) -> Any:
        import openai

        loop = asyncio.get_running_loop()
        # an httpx pool belongs to the loop that opened it; the CLI may run several loops
        if self._client is None or self._loop is not loop:
            self._client = openai.AsyncOpenAI(
                base_url=self.base_url,
                api_key=self._api_key,
                timeout=self.timeout,
                max_retries=self.max_retries,
            )
            self._loop = loop
        return self._client

    def _params(self, messages: Sequence[Message], max_tokens: int | None) -> dict[str, Any]:
        # max_tokens, not max_completion_tokens: llama.cpp's server ignores the latter
        return {
            "model": self.name,
            "messages": list(messages),
            "max_tokens": max_tokens or self.max_tokens,
            "temperature": self.temperature,
        }

    async def complete(self, messages: Sequence[Message], *, max_tokens: int | None = None) -> str:
        """The whole reply at once; raises ``LLMError``."""
        client = self._get_client()
        try:
            response = await asyncio.wait_for(
                client.chat.completions.create(**self._params(messages, max_tokens)),
                self.timeout,
            )
        except Exception as exc:
            raise _translate(exc) from exc
        try:
            text = response.choices[0].message.content or ""
        except (AttributeError, IndexError, TypeError) as exc:
            raise LLMError("empty", "no choices in the response") from exc
        if not text.strip():
            raise LLMError("empty", "empty reply")
        return str(text).strip()

    async def stream(
        self, messages: Sequence[Message], *, max_tokens: int | None = None
    ) -> AsyncIterator[str]:
        """The reply in pieces as the server sends them; raises ``LLMError``."""
        client = self._get_client()
        loop = asyncio.get_running_loop()
        # one deadline for the whole reply, checked per chunk (a timeout scope must not span
        # the yields of an async generator)
        deadline = loop.time() + self.timeout
        try:
            response = await asyncio.wait_for(
                client.chat.completions.create(**self._params(messages, max_tokens), stream=True),
                self.timeout,
            )
        except Exception as exc:
            raise _translate(exc) from exc
        got_any = False
        try:
            chunks = response.__aiter__()
            while True:
                try:
                    remaining = deadline - loop.time()
                    if remaining <= 0:
                        raise TimeoutError
                    chunk = await asyncio.wait_for(chunks.__anext__(), remaining)
                except StopAsyncIteration:
                    break
                except Exception as exc:
                    raise _translate(exc) from exc
                piece = chunk.choices[0].delta.content if chunk.choices else None
                if piece:
                    got_any = True
                    yield piece
        finally:
            try:
                await response.close()
            except Exception:  # closing a broken stream must not hide the real error
                log.debug("closing the LLM stream failed", exc_info=True)
        if not got_any:
            raise LLMError("empty", "empty stream")

    async def aclose(self) -> None:
        """Close the HTTP pool."""
        if self._client is not None:
            with contextlib.suppress(RuntimeError):  # its loop may be gone already
                await self._client.close()
            self._client = None


def _translate(exc: BaseException) -> LLMError:
    """Map a vendor or asyncio failure onto an ``LLMError`` kind."""
    import openai

    if isinstance(exc, LLMError):
        return exc
    kind: ErrorKind
    if isinstance(exc, TimeoutError | openai.APITimeoutError):
        kind = "timeout"
    elif isinstance(exc, openai.RateLimitError):
        kind = "rate_limit"
    elif isinstance(exc, openai.APIStatusError):
        kind = "server" if exc.status_code >= 500 else "refused"
    elif isinstance(exc, openai.APIConnectionError):
        kind = "connection"
    else:
        kind = "refused"
    log.warning("language model failed: %s (%s)", kind, type(exc).__name__)
    return LLMError(kind, type(exc).__name__)


def build_chat_model(settings: Settings) -> ChatModel | None:
    """The configured chat model, or None when no LLM endpoint is set."""
    if not settings.llm_enabled:
        return None
    return OpenAIChatModel.from_settings(settings)
