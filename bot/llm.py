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

ErrorKind = Literal[
    "timeout", "rate_limit", "server", "connection", "refused", "empty", "malformed"
]

# A rate limit that asks to wait at most this long is waited out once; a longer one falls
# back at once (the notice says how long the server asked for).
SHORT_RETRY_AFTER_S = 5.0


class Message(TypedDict):
    """One chat message."""

    role: Literal["system", "user", "assistant"]
    content: str


class LLMError(Exception):
    """The language model did not give a usable answer."""

    def __init__(self, kind: ErrorKind, detail: str = "", *, retry_after: float | None = None):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind: ErrorKind = kind
        self.retry_after = retry_after  # seconds the server asked to wait (rate limits)


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
            # Retries are ours (_create): the SDK's would wait out a Retry-After of 60 s and
            # then be reported as a time-out.
            self._client = openai.AsyncOpenAI(
                base_url=self.base_url,
                api_key=self._api_key,
                timeout=self.timeout,
                max_retries=0,
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

    async def _create(self, params: dict[str, Any], deadline: float) -> Any:
        """One request, retried once (server error, lost connection, short rate limit)."""
        client = self._get_client()
        loop = asyncio.get_running_loop()
        for attempt in range(2):
            try:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise TimeoutError
                return await asyncio.wait_for(client.chat.completions.create(**params), remaining)
            except Exception as exc:
                error = _translate(exc)
                wait = _retry_wait(error) if attempt < self.max_retries else None
                if wait is None or loop.time() + wait + 1.0 > deadline:
                    raise error from exc
                log.info("language model: %s, trying once more in %.1f s", error.kind, wait)
                await asyncio.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def complete(self, messages: Sequence[Message], *, max_tokens: int | None = None) -> str:
        """The whole reply at once; raises ``LLMError``."""
        self._get_client()  # importing openai is not the server's time
        deadline = asyncio.get_running_loop().time() + self.timeout
        response = await self._create(self._params(messages, max_tokens), deadline)
        try:
            text = response.choices[0].message.content or ""
        except (AttributeError, IndexError, TypeError) as exc:
            raise LLMError("malformed", "no choices in the response") from exc
        if not text.strip():
            raise LLMError("empty", "empty reply")
        return str(text).strip()

    async def stream(
        self, messages: Sequence[Message], *, max_tokens: int | None = None
    ) -> AsyncIterator[str]:
        """The reply in pieces as the server sends them; raises ``LLMError``."""
        loop = asyncio.get_running_loop()
        self._get_client()  # importing openai is not the server's time
        # one deadline for the whole reply, checked per chunk (a timeout scope must not span
        # the yields of an async generator)
        deadline = loop.time() + self.timeout
        params = {**self._params(messages, max_tokens), "stream": True}
        response = await self._create(params, deadline)
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
                try:
                    piece = chunk.choices[0].delta.content if chunk.choices else None
                except (AttributeError, IndexError, TypeError) as exc:
                    raise LLMError("malformed", "a stream chunk without a delta") from exc
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
    retry_after = None
    if isinstance(exc, TimeoutError | openai.APITimeoutError):
        kind = "timeout"
    elif isinstance(exc, openai.RateLimitError):
        kind = "rate_limit"
        retry_after = _retry_after(exc.response)
    elif isinstance(exc, openai.APIStatusError):
        kind = "server" if exc.status_code >= 500 else "refused"
    elif isinstance(exc, openai.APIConnectionError):
        kind = "connection"
    elif isinstance(exc, ValueError | openai.APIResponseValidationError):
        kind = "malformed"  # a reply that is not the JSON the API promises (JSONDecodeError)
    else:
        kind = "refused"
    log.warning("language model failed: %s (%s)", kind, type(exc).__name__)
    return LLMError(kind, type(exc).__name__, retry_after=retry_after)


def _retry_after(response: Any) -> float | None:
    """Seconds from a Retry-After (or retry-after-ms) header; None when absent or a date."""
    headers = getattr(response, "headers", None) or {}
    try:
        if headers.get("retry-after-ms"):
            return max(0.0, float(headers["retry-after-ms"]) / 1000)
        if headers.get("retry-after"):
            return max(0.0, float(headers["retry-after"]))
    except (TypeError, ValueError):
        pass  # an HTTP date: rare enough to treat as "not short"
    return None


def _retry_wait(error: LLMError) -> float | None:
    """How long to wait before the one retry, or None for no retry."""
    if error.kind == "rate_limit":
        if error.retry_after is None:
            return 0.5
        return error.retry_after if error.retry_after <= SHORT_RETRY_AFTER_S else None
    if error.kind in ("server", "connection"):
        return 0.5
    return None


def build_chat_model(settings: Settings) -> ChatModel | None:
    """The configured chat model, or None when no LLM endpoint is set."""
    if not settings.llm_enabled:
        return None
    return OpenAIChatModel.from_settings(settings)
