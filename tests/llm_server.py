"""An OpenAI-compatible chat server on loopback for tests: replies, streaming (SSE) and errors.

with LLMServer() as server:
    server.reply = lambda request: "Antwoord [1]"
    server.fail_next("500")  # or "429", "429:60" (Retry-After 60), "timeout", "garbage", "empty"
    settings.llm_base_url = server.url
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Request = dict[str, Any]


class LLMServer:
    """A tiny chat-completions server; every request is recorded in ``requests``."""

    def __init__(self, *, hang_seconds: float = 5.0) -> None:
        self.requests: list[Request] = []
        self.reply: Callable[[Request], str] = lambda request: "Dit is een antwoord [1]."
        self.failures: list[str] = []  # consumed one per request, front first
        self.always_fail: str | None = None
        self.hang_seconds = hang_seconds
        self.chunk_delay = 0.0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """Base URL for an OpenAI client (ends in /v1)."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def fail_next(self, *modes: str) -> None:
        """Make the next requests fail: "500", "429", "timeout", "garbage" or "empty"."""
        with self._lock:
            self.failures.extend(modes)

    def __enter__(self) -> LLMServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next_failure(self) -> str | None:
        with self._lock:
            if self.failures:
                return self.failures.pop(0)
            return self.always_fail

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def _json(self, status: int, body: dict[str, Any], headers: dict[str, str] = {}):  # noqa: B006
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                if self.path.rstrip("/").endswith("/models"):
                    self._json(
                        200, {"object": "list", "data": [{"id": "test", "object": "model"}]}
                    )
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                request = json.loads(self.rfile.read(length) or b"{}")
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._json(404, {"error": {"message": "not found"}})
                    return
                with server._lock:
                    server.requests.append(request)
                failure = server._next_failure()
                if failure == "500":
                    self._json(500, {"error": {"message": "boom", "type": "server_error"}})
                    return
                if failure is not None and failure.startswith("429"):
                    self._json(
                        429,
                        {"error": {"message": "slow down", "type": "rate_limit"}},
                        {"Retry-After": failure.partition(":")[2] or "0"},
                    )
                    return
                if failure == "timeout":
                    time.sleep(server.hang_seconds)
                    return  # the client has given up by now
                if failure == "garbage":
                    data = b"this is not json"
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                text = "" if failure == "empty" else server.reply(request)
                if request.get("stream"):
                    self._stream(request, text)
                else:
                    self._json(200, _completion(request, text))

            def _stream(self, request: Request, text: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                pieces = [text[i : i + 7] for i in range(0, len(text), 7)]
                for piece in pieces:
                    self.wfile.write(f"data: {json.dumps(_chunk(request, piece))}\n\n".encode())
                    self.wfile.flush()
                    if server.chunk_delay:
                        time.sleep(server.chunk_delay)
                final = _chunk(request, None, finish="stop")
                self.wfile.write(f"data: {json.dumps(final)}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

        return Handler


def _completion(request: Request, text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "test"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(request: Request, piece: str | None, finish: str | None = None) -> dict[str, Any]:
    delta = {"content": piece} if piece is not None else {}
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": request.get("model", "test"),
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
