"""Two `skillscoach run --webhook` workers on one PostgreSQL and one Chroma server.

The fake Bot API plays Telegram and a load balancer at once: it POSTs each manager's updates
alternately to the two worker processes (or to the one a test names), with the secret token.
One fleet serves the whole module, so the workers start once.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import os
import re
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from tests.e2e.conftest import HR, text_of, with_buttons
from tests.e2e.fakebotapi import TOKEN, FakeBotApi, FakeUser, SentMessage
from tests.e2e.test_uploads import POLICY, POLICY_TITLE, make_pdf
from tests.servers import free_port

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.postgres,
    pytest.mark.asyncio(loop_scope="module"),
]

SECRET = "fleet-secret-token"
LEASE_S = 3.0
POLL_S = 0.5
START_S = 180.0  # generous: the machine is shared; a hang still fails
WAIT_S = 90.0


class Worker:
    """One `skillscoach run --webhook` process."""

    def __init__(self, name: str, env: dict[str, str], data_dir: Path) -> None:
        self.name = name
        self.port = free_port()
        self.data_dir = data_dir
        self.env = env | {
            "SKILLSCOACH_DATA_DIR": str(data_dir),
            "TELEGRAM_WEBHOOK_PORT": str(self.port),
        }
        self.log = data_dir / "worker.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Where the balancer reaches this worker."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start the process (logs in its data dir)."""
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run", "--webhook"],
                env=self.env,
                cwd=self.data_dir,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    async def ready(self, client: httpx.AsyncClient) -> dict[str, Any]:
        """Wait until /readyz says ready; its JSON."""
        deadline = asyncio.get_running_loop().time() + START_S
        while True:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"{self.name} exited: {self.log.read_text()[-3000:]}")
            try:
                answer = await client.get(f"{self.url}/readyz")
                if answer.status_code == 200:
                    return dict(answer.json())
            except httpx.TransportError:
                pass
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"{self.name} not ready: {self.log.read_text()[-3000:]}")
            await asyncio.sleep(0.2)

    def signal(self, sig: int) -> None:
        """Send a signal to the process."""
        assert self.process is not None
        os.kill(self.process.pid, sig)

    def stop(self) -> None:
        """Stop the process (SIGTERM, then SIGKILL)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGCONT)
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Fleet:
    """The fake Bot API in front of two workers, routing like a load balancer."""

    def __init__(self, api: FakeBotApi, workers: list[Worker], settings: Any) -> None:
        self.api = api
        self.workers = workers
        self.settings = settings
        self.client = httpx.AsyncClient(timeout=30)
        self.alive = [True] * len(workers)
        self.routes: dict[int, list[int]] = {}  # user id -> workers for their next updates
        self._turns: dict[int, itertools.count[int]] = {}
        self.delivered: list[tuple[int, int]] = []  # (update id, worker index)
        self._users = itertools.count(300001)

    async def deliver(self, update: dict[str, Any]) -> None:
        """POST one update to the worker its user's turn picks (a dead one is skipped)."""
        kind = update.get("message") or update.get("callback_query") or {}
        user = kind.get("from", {}).get("id", 0)
        planned = self.routes.get(user)
        if planned:
            index = planned.pop(0)
        else:
            index = next(self._turns.setdefault(user, itertools.count())) % len(self.workers)
        if not self.alive[index]:
            index = self.alive.index(True)
        self.delivered.append((update["update_id"], index))
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        answer = await self.client.post(
            f"{self.workers[index].url}/hook", json=update, headers=headers
        )
        assert answer.status_code == 200, answer.text

    def new_user(self, language: str = "nl") -> FakeUser:
        """A manager nobody has seen yet (tests do not share managers)."""
        number = next(self._users)
        return FakeUser(number, f"Manager{number}", language)

    async def wait_texts(
        self, user: FakeUser, before: int, until: Callable[[str], bool]
    ) -> list[SentMessage]:
        """The bot's messages to `user` since `before`, once their text satisfies `until`."""

        def new() -> list[SentMessage]:
            return [m for m in self.api.sent[before:] if m.chat_id == user.id]

        try:
            await self.api.wait_for(lambda: until(text_of(new())), timeout=WAIT_S)
        except TimeoutError:
            raise AssertionError(f"no such reply; got: {text_of(new())!r}") from None
        return new()

    async def say(
        self,
        user: FakeUser,
        text: str,
        until: Callable[[str], bool] = bool,
        *,
        worker: int | None = None,
    ) -> list[SentMessage]:
        """Send text as the user (to `worker`, else the next in turn); wait for the reply."""
        if worker is not None:
            self.routes[user.id] = [worker]
        before = len(self.api.sent)
        self.api.send_text(user, text)
        return await self.wait_texts(user, before, until)

    async def join(self, user: FakeUser) -> None:
        """HR creates an invite on one worker; the manager redeems it."""
        from tests.e2e.conftest import _invite_code

        invite = await self.say(HR, "/invite")
        await self.say(user, f"/join {_invite_code(invite[0])}", lambda t: "Skillscoach" in t)

    def store(self) -> Any:
        """A Store on the workers' database (the test's own connection)."""
        from storage.service import Store

        return Store.open(self.settings)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fleet(
    tmp_path_factory: pytest.TempPathFactory, chroma_url: str, pg_schema_url: str
) -> AsyncIterator[Fleet]:
    """The fake Bot API and two webhook workers, started once for the module."""
    from bot.settings import Settings

    api = FakeBotApi()
    await api.start()
    key = base64.urlsafe_b64encode(os.urandom(32)).decode()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SKILLSCOACH_", "TELEGRAM_"))}
    env |= {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/hook",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "SKILLSCOACH_DATABASE_URL": pg_schema_url,
        "SKILLSCOACH_CHROMA_URL": chroma_url,
        "SKILLSCOACH_ENCRYPTION_KEY": key,
        "SKILLSCOACH_EMBEDDER": "fake",
        "SKILLSCOACH_HR_ADMIN_IDS": str(HR.id),
        "SKILLSCOACH_RATE_LIMIT_PER_MINUTE": "1000",
        "SKILLSCOACH_REMINDER_POLL_SECONDS": str(POLL_S),
        "SKILLSCOACH_REMINDER_LEASE_SECONDS": str(LEASE_S),
        "SKILLSCOACH_MAX_UPLOAD_MB": "1",
    }
    root = tmp_path_factory.mktemp("fleet")
    workers = []
    for name in ("w0", "w1"):
        (root / name).mkdir()
        workers.append(Worker(name, env, root / name))
    settings = Settings(
        data_dir=root / "test",
        database_url=pg_schema_url,
        encryption_key=key,  # type: ignore[arg-type]
        _env_file=None,
    )
    fleet = Fleet(api, workers, settings)
    api.deliver = fleet.deliver
    try:
        for worker in workers:
            worker.start()
        await asyncio.gather(*(w.ready(fleet.client) for w in workers))
        assert api.webhook is not None and api.webhook["secret_token"] == SECRET
        yield fleet
    finally:
        for worker in workers:
            worker.stop()
        await fleet.client.aclose()
        await api.stop()


async def test_a_prep_started_on_one_worker_continues_on_the_other(fleet: Fleet):
    user = fleet.new_user()
    await fleet.join(user)
    started = await fleet.say(user, "/prep Anna", lambda t: "(1/8)" in t, worker=0)
    moved = await fleet.say(user, "morgen", lambda t: "(2/8)" in t, worker=1)
    question = with_buttons(moved)
    value = [v for _, v in question.buttons if v not in ("-", "/cancel")][0]
    before = len(fleet.api.sent)
    fleet.routes[user.id] = [0]
    fleet.api.press(user, question, value)
    await fleet.wait_texts(user, before, lambda t: "(3/8)" in t)
    # an answer button under the first question is stale on either worker
    old = [v for _, v in with_buttons(started).buttons if v != "-"][0]
    fleet.routes[user.id] = [1]
    fleet.api.press(user, with_buttons(started), old)
    await fleet.api.wait_for(
        lambda: any(
            "eerdere vraag" in c.params.get("text", "")
            for c in fleet.api.calls_to("answerCallbackQuery")
        ),
        timeout=WAIT_S,
    )


async def test_an_hr_upload_through_one_worker_is_answered_from_on_the_other(fleet: Fleet):
    before = len(fleet.api.sent)
    fleet.routes[HR.id] = [0]
    fleet.api.send_document(
        HR, "ontwikkelbudget.pdf", make_pdf(POLICY), mime_type="application/pdf"
    )
    await fleet.api.wait_for(
        lambda: any(
            "versie 1" in (m.text or "") for m in fleet.api.sent[before:] if m.chat_id == HR.id
        ),
        timeout=WAIT_S,
    )
    uploaded_on = (await fleet.workers[0].ready(fleet.client))["knowledge_generation"]

    async def caught_up() -> None:
        while (await fleet.workers[1].ready(fleet.client))["knowledge_generation"] < uploaded_on:
            await asyncio.sleep(0.2)

    await asyncio.wait_for(caught_up(), WAIT_S)
    user = fleet.new_user()
    await fleet.join(user)
    answer = text_of(
        await fleet.say(
            user, "Hoe hoog is het persoonlijk ontwikkelbudget per kalenderjaar?", worker=1
        )
    )
    assert "1750" in answer and POLICY_TITLE in answer


async def test_thirty_reminders_due_while_both_workers_run_are_each_sent_once(fleet: Fleet):
    users = [fleet.new_user() for _ in range(3)]
    fleet.api.users_seen |= {u.id for u in users}
    store = fleet.store()
    try:
        now = datetime.now(UTC)
        for n in range(30):
            manager = store.ensure_manager(external_id=f"tg:{users[n % 3].id}")
            store.schedule_reminder(
                manager_id=manager.id,
                kind="reflect",
                due_at=now - timedelta(seconds=n),
                payload={"lang": "nl", "employee": f"Persoon{n:02d}"},
            )

        def names() -> list[str]:
            found = (re.search(r"Persoon\d\d", m.text or "") for m in fleet.api.sent)
            return [match.group(0) for match in found if match]

        await fleet.api.wait_for(lambda: len(set(names())) == 30, timeout=WAIT_S)
        # a few more polls of both workers: nothing is sent again
        await asyncio.sleep(POLL_S * 6)
        expected = [f"Persoon{n:02d}" for n in range(30)]
        assert sorted(names()) == expected, "each reminder is sent exactly once"
        assert store.due_reminders(now=datetime.now(UTC)) == []
    finally:
        store.close()


async def test_two_messages_at_the_same_instant_on_both_workers_are_answered_in_order(
    fleet: Fleet,
):
    user = fleet.new_user()
    await fleet.join(user)
    await fleet.say(user, "/prep Anna", lambda t: "(1/8)" in t)
    await fleet.say(user, "morgen", lambda t: "(2/8)" in t)
    before = len(fleet.api.sent)
    fleet.routes[user.id] = [0, 1]
    fleet.api.send_text(user, "Groeien in het plannen van projecten")
    fleet.api.send_text(user, "Ze plant als de beste en helpt collega's met Excel")
    replies = await fleet.wait_texts(user, before, lambda t: "(4/8)" in t)
    steps = [s for m in replies for s in ("(3/8)", "(4/8)") if s in (m.text or "")]
    assert steps == ["(3/8)", "(4/8)"], "each message answered one question, in turn"


async def test_a_killed_worker_loses_no_acknowledged_note_and_its_claims_are_taken_over(
    fleet: Fleet,
):
    user = fleet.new_user()
    await fleet.join(user)
    saved = await fleet.say(
        user, "/note Anna Ze wil de cursus projectplanning volgen", lambda t: "Anna" in t
    )
    assert "Anna" in text_of(saved)
    others = [fleet.new_user() for _ in range(3)]
    fleet.api.users_seen |= {u.id for u in others}
    # Worker 1 sleeps, so worker 0 claims the reminders; sends to these chats hang.
    fleet.workers[1].signal(signal.SIGSTOP)
    chats = {user.id, *(u.id for u in others)}
    fleet.api.hold = lambda params: params.get("chat_id") in chats
    store = fleet.store()
    try:
        for n, other in enumerate(others):
            manager = store.ensure_manager(external_id=f"tg:{other.id}")
            store.schedule_reminder(
                manager_id=manager.id,
                kind="reflect",
                due_at=datetime.now(UTC),
                payload={"lang": "nl", "employee": f"Kill{n}"},
            )
        fleet.routes[user.id] = [0]
        fleet.api.send_text(user, "/notes Anna")  # worker 0 is in the middle of this turn
        await fleet.api.wait_for(lambda: fleet.api.held >= 2, timeout=WAIT_S)
        fleet.workers[0].signal(signal.SIGKILL)
        fleet.workers[0].process.wait()  # type: ignore[union-attr]
        fleet.alive[0] = False
        fleet.api.hold = None
        fleet.api.released.set()
        fleet.workers[1].signal(signal.SIGCONT)

        def reminded() -> list[str]:
            found = (re.search(r"Kill\d", m.text or "") for m in fleet.api.sent)
            return [match.group(0) for match in found if match]

        await fleet.api.wait_for(lambda: len(set(reminded())) == 3, timeout=WAIT_S)
        await asyncio.sleep(POLL_S * 4)
        assert sorted(reminded()) == ["Kill0", "Kill1", "Kill2"], "each sent once, after all"
        notes = text_of(await fleet.say(user, "/notes Anna", lambda t: "projectplanning" in t))
        assert "projectplanning" in notes
    finally:
        store.close()
