"""Webhook worker: one of N processes behind an HTTP load balancer, all on one database.

The server is tornado (which python-telegram-bot's own webhook mode uses too), extended with
what a balancer needs: `/healthz` answers 200 only while the database and the vector store are
reachable and the knowledge base is loaded, and `/readyz` only between start-up (caches warm)
and shutdown. Every webhook call must carry the secret token; each worker checks it itself,
so a worker reachable around the balancer refuses forged updates too.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from telegram import Update

if TYPE_CHECKING:
    from bot.app import App
    from bot.telegram.app import SkillscoachApplication

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20  # a Telegram update is a few kilobytes; anything near this is not one


@dataclass(frozen=True)
class WebhookOptions:
    """Where to listen, the path Telegram posts to, the public URL and the shared secret."""

    listen: str
    port: int
    path: str
    url: str
    secret: str


def health(core: App) -> dict[str, bool]:
    """Which of the worker's dependencies work right now (each check is one cheap call)."""
    checks: dict[str, bool] = {}
    try:
        checks["database"] = core.store.ping()
    except Exception:  # noqa: BLE001 - any failure means "not healthy", with a log line
        log.warning("health check: database unreachable", exc_info=True)
        checks["database"] = False
    try:
        core.kb.dense.count()
        checks["vector_store"] = True
    except Exception:  # noqa: BLE001
        log.warning("health check: vector store unreachable", exc_info=True)
        checks["vector_store"] = False
    checks["knowledge"] = core.kb.loaded
    return checks


class WebhookServer:
    """The HTTP side of a worker: Telegram's updates in, health for the balancer."""

    def __init__(
        self, application: SkillscoachApplication, core: App, options: WebhookOptions
    ) -> None:
        self.application = application
        self.core = core
        self.options = options
        self.ready = False
        self._server: Any = None

    def make_app(self) -> Any:
        """The tornado application with the webhook, /healthz and /readyz routes."""
        import tornado.web

        server = self

        class Updates(tornado.web.RequestHandler):
            async def post(self) -> None:
                given = self.request.headers.get(SECRET_HEADER, "")
                if not hmac.compare_digest(given.encode(), server.options.secret.encode()):
                    log.warning("webhook call with a wrong or missing secret token refused")
                    self.set_status(403)
                    return
                try:
                    data = json.loads(self.request.body)
                    update = Update.de_json(data, server.application.bot)
                except (ValueError, TypeError, KeyError):
                    self.set_status(400)
                    return
                if update is None:
                    self.set_status(400)
                    return
                await server.application.update_queue.put(update)
                self.set_status(200)

        class Health(tornado.web.RequestHandler):
            async def get(self) -> None:
                checks = await asyncio.to_thread(health, server.core)
                self.set_status(200 if all(checks.values()) else 503)
                self.finish(checks)

        class Ready(tornado.web.RequestHandler):
            async def get(self) -> None:
                self.set_status(200 if server.ready else 503)
                # the knowledge generation lets operators (and tests) see when a worker has
                # taken in another worker's upload
                generation = server.core.kb.generation
                self.finish({"ready": server.ready, "knowledge_generation": generation})

        path = "/" + self.options.path.strip("/")
        return tornado.web.Application(
            [(path, Updates), ("/healthz", Health), ("/readyz", Ready)],
            log_function=lambda handler: None,  # tornado would log every request's URL
        )

    async def start(self) -> None:
        """Listen on the configured address and port."""
        from tornado.httpserver import HTTPServer

        self._server = HTTPServer(self.make_app(), max_body_size=MAX_BODY, xheaders=True)
        self._server.listen(self.options.port, address=self.options.listen)

    async def stop(self) -> None:
        """Stop accepting requests and close the open connections."""
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None


async def start_worker(
    application: SkillscoachApplication, core: App, options: WebhookOptions, *, allowed: list[str]
) -> WebhookServer:
    """Initialise the bot, register the webhook, listen, and report ready."""
    server = WebhookServer(application, core, options)
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    # Every worker sets the same URL and secret, so whichever starts last changes nothing.
    await application.bot.set_webhook(
        options.url, secret_token=options.secret, allowed_updates=allowed
    )
    await server.start()
    await application.start()
    server.ready = True
    log.info("webhook worker ready on %s:%s", options.listen, options.port)
    return server


async def stop_worker(server: WebhookServer) -> None:
    """Report not ready (the balancer stops sending here), stop listening, shut down in order."""
    application = server.application
    server.ready = False
    try:
        await server.stop()
    finally:
        if application.running:
            await application.stop()
        if application.post_stop is not None:
            await application.post_stop(application)
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


async def serve(
    application: SkillscoachApplication, core: App, options: WebhookOptions, *, allowed: list[str]
) -> None:
    """Run one webhook worker until SIGTERM or SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    server = await start_worker(application, core, options, allowed=allowed)
    try:
        await stop.wait()
    finally:
        await stop_worker(server)
