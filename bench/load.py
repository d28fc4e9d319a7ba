"""Load benchmark: simulated managers against real bot workers, next to an echo bot baseline.

    .venv/bin/python bench/load.py [--managers 10 50 200] [--setups echo sqlite pg pg2]
                                   [--script mixed|questions|commands] [--postgres URL]

Every setup runs as real processes behind the loopback fake Bot API (tests/e2e/fakebotapi.py),
which POSTs each manager's updates to the workers the way Telegram and a load balancer would
(alternately, when there are two). The setups, measured in the same run:

- echo:   a bare python-telegram-bot echo bot (bench/echo_bot.py), the baseline;
- sqlite: one `skillscoach run --webhook` worker on SQLite and the embedded Chroma;
- pg:     one worker on PostgreSQL and a `chroma run` server;
- pg2:    two workers on PostgreSQL and the Chroma server.

Each manager joins (allow-listed), then sends a coaching question, a note, reads the notes and
does part of a /prep (start, date, goal), waiting for each reply and then 1-3 s before the next
message; `--script questions` or `commands` sends only those, for their CPU apart. Printed per
setup and number of managers: p50/p95/max reply latency (update POSTed to first reply),
throughput, errors (no reply within 30 s, or a refused POST), peak RSS and CPU seconds per
message of the worker processes, the ratios to the echo bot, and how busy the machine's cores
were (every process: with the load generator, PostgreSQL and Chroma on the same cores, two
workers can only scale while that stays well below 100%); then the p50/p95 of each message
of the script. The fake embedder is used so the figures measure the bot, not the
model. Not part of the test run.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.fakebotapi import TOKEN, FakeBotApi, FakeUser  # noqa: E402

SECRET = "bench-secret"
REPLY_TIMEOUT = 30.0
THINK = (1.0, 3.0)
SCRIPTS = {
    # the realistic mix: a question, a note, the notes, the start of a /prep
    "mixed": [
        "Hoe geef ik ruimte aan een medewerker die wil groeien?",
        "/note Anna Ze wil meer leren over projectplanning",
        "/notes Anna",
        "/prep Anna",
        "volgende week dinsdag",
        "Groeien in het plannen van projecten",
    ],
    # questions only, all different, both languages: the CPU of a question
    "questions": [
        "Mijn medewerker wil zich niet ontwikkelen, wat nu?",
        "How do I start a development conversation with a quiet employee?",
        "Er is geen opleidingsbudget, hoe help ik haar toch verder?",
        "What are the seven competencies of development-oriented leadership?",
        "Hoe combineer ik coachen met beoordelen?",
        "My employee wants promotion but there is no vacancy. What can I do?",
    ],
    # commands only: the CPU of a command
    "commands": ["/help", "/notes", "/privacy", "/employees", "/help", "/notes"],
}
DEFAULT_PG = "postgresql+psycopg://skillscoach:skillscoach@127.0.0.1:5432/skillscoach_test"
TICKS = os.sysconf("SC_CLK_TCK")


def machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine so far, all cores (/proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return sum(fields) - idle, sum(fields)


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class TimedApi(FakeBotApi):
    """The fake Bot API, noting when each chat gets a message."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[int, asyncio.Future[float]] = {}

    async def _m_sendMessage(self, params: dict, files: dict) -> Any:
        result = await super()._m_sendMessage(params, files)
        future = self.waiting.pop(params.get("chat_id", 0), None)
        if future is not None and not future.done():
            future.set_result(time.perf_counter())
        return result


@dataclass
class Process:
    """A worker process and its CPU time at the start of a measurement."""

    popen: subprocess.Popen[bytes]
    port: int
    cpu_start: float = 0.0

    def cpu(self) -> float:
        """CPU seconds used so far (user + system)."""
        fields = Path(f"/proc/{self.popen.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS

    def peak_rss_mb(self) -> float:
        """Peak resident memory in MB (VmHWM)."""
        for line in Path(f"/proc/{self.popen.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0


@dataclass
class Result:
    """One setup at one number of managers."""

    setup: str
    managers: int
    latencies: list[float] = field(default_factory=list)
    by_step: dict[int, list[float]] = field(default_factory=dict)
    errors: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    rss: float = 0.0
    machine: float = 0.0  # share of all cores busy (every process, not just the workers)

    @property
    def messages(self) -> int:
        return len(self.latencies) + self.errors

    def pct(self, q: float) -> float:
        """A latency percentile in ms."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


class Setup:
    """Starts the processes of one setup and drives managers against them."""

    def __init__(
        self, name: str, api: TimedApi, root: Path, env: dict[str, str], script: list[str]
    ) -> None:
        self.name = name
        self.script = script
        self.api = api
        self.root = root
        self.env = env
        self.processes: list[Process] = []
        self._turns: dict[int, int] = {}
        self.client = httpx.AsyncClient(timeout=REPLY_TIMEOUT)

    def start(self, count: int, allowed: list[int]) -> None:
        """Start `count` processes (the echo bot, or Skillscoach workers)."""
        for n in range(count):
            port = free_port()
            data = self.root / f"{self.name}-{n}"
            data.mkdir()
            log = (data / "process.log").open("wb")
            if self.name == "echo":
                command = [sys.executable, str(ROOT / "bench" / "echo_bot.py"), str(port), SECRET]
                env = self.env
            else:
                command = [sys.executable, "-m", "bot", "run", "--webhook"]
                env = self.env | {
                    "SKILLSCOACH_DATA_DIR": str(data),
                    "TELEGRAM_WEBHOOK_PORT": str(port),
                    "SKILLSCOACH_ALLOWED_USER_IDS": ",".join(map(str, allowed)),
                }
            popen = subprocess.Popen(command, env=env, cwd=data, stdout=log, stderr=log)
            self.processes.append(Process(popen, port))

    async def ready(self) -> None:
        """Wait until every process answers (readiness, or any HTTP answer for the echo bot)."""
        for process in self.processes:
            path = "/hook" if self.name == "echo" else "/readyz"
            for _ in range(1200):
                if process.popen.poll() is not None:
                    raise RuntimeError(f"{self.name} exited; see its process.log in {self.root}")
                try:
                    answer = await self.client.get(f"http://127.0.0.1:{process.port}{path}")
                    if self.name == "echo" or answer.status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.25)
            else:
                raise RuntimeError(f"{self.name} did not become ready")

    async def deliver(self, update: dict[str, Any]) -> None:
        """POST an update to this user's next worker (alternating)."""
        user = (update.get("message") or {}).get("from", {}).get("id", 0)
        turn = self._turns.get(user, 0)
        self._turns[user] = turn + 1
        process = self.processes[turn % len(self.processes)]
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        answer = await self.client.post(
            f"http://127.0.0.1:{process.port}/hook", json=update, headers=headers
        )
        if answer.status_code != 200:
            raise RuntimeError(f"webhook refused: {answer.status_code}")

    async def manager(self, user: FakeUser, result: Result, rng: random.Random) -> None:
        """One manager's session: each message, its reply, a pause."""
        await asyncio.sleep(rng.uniform(0, THINK[1]))  # managers do not all start at once
        for step, text in enumerate(self.script):
            future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
            self.api.waiting[user.id] = future
            sent = time.perf_counter()
            try:
                self.api.send_text(user, text)
                replied = await asyncio.wait_for(future, REPLY_TIMEOUT)
                result.latencies.append(replied - sent)
                result.by_step.setdefault(step, []).append(replied - sent)
            except (TimeoutError, RuntimeError):
                result.errors += 1
                self.api.waiting.pop(user.id, None)
            await asyncio.sleep(rng.uniform(*THINK))

    async def run(self, managers: int, first_id: int) -> Result:
        """Drive `managers` managers at once; measure."""
        result = Result(self.name, managers)
        for process in self.processes:
            process.cpu_start = process.cpu()
        self.api.deliver = self.deliver
        rng = random.Random(managers)
        users = [FakeUser(first_id + n, f"M{n}", "nl") for n in range(managers)]
        self.api.users_seen |= {u.id for u in users}
        started, busy_start = time.perf_counter(), machine_ticks()
        await asyncio.gather(*(self.manager(u, result, rng) for u in users))
        busy, total = (end - start for end, start in zip(machine_ticks(), busy_start, strict=True))
        result.machine = busy / total if total else 0.0
        result.seconds = time.perf_counter() - started
        result.cpu = sum(p.cpu() - p.cpu_start for p in self.processes)
        result.rss = max(p.peak_rss_mb() for p in self.processes)
        await asyncio.gather(*self.api.deliveries, return_exceptions=True)
        self.api.deliveries.clear()
        return result

    async def stop(self) -> None:
        """Stop the processes."""
        for process in self.processes:
            process.popen.terminate()
        for process in self.processes:
            try:
                process.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.popen.kill()
        await self.client.aclose()


def chroma_server(root: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start `chroma run` on loopback; its URL."""
    port = free_port()
    binary = Path(sys.executable).with_name("chroma")
    popen = subprocess.Popen(
        [
            str(binary),
            "run",
            "--path",
            str(root / "chroma"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{url}/api/v2/heartbeat", timeout=2)
            return popen, url
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("chroma run did not start")


def pg_schema(admin_url: str) -> tuple[str, str]:
    """A fresh schema; (its name, the URL that uses it)."""
    from sqlalchemy import create_engine, make_url, text

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin_url)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    url = make_url(admin_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return schema, url.render_as_string(hide_password=False)


def drop_schema(admin_url: str, schema: str) -> None:
    """Drop a schema made by pg_schema (and the knowledge base's twin)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(admin_url)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}_kb" CASCADE'))
    engine.dispose()


async def bench(args: argparse.Namespace) -> list[Result]:
    """Run every setup at every number of managers."""
    api = TimedApi()
    await api.start()
    results: list[Result] = []
    root = Path(tempfile.mkdtemp(prefix="skillscoach-load-"))
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SKILLSCOACH_", "TELEGRAM_"))}
    base |= {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.base_url}
    bot_env = base | {
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/hook",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "SKILLSCOACH_EMBEDDER": "fake",
        "SKILLSCOACH_RATE_LIMIT_PER_MINUTE": "1000",
        "SKILLSCOACH_ENCRYPTION_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
    }
    total = sum(args.managers)
    cleanup: list[Any] = []
    try:
        for name in args.setups:
            env, count = bot_env, 1
            if name == "echo":
                env = base
            elif name in ("pg", "pg2"):
                chroma, chroma_url = chroma_server(root / name)
                schema, url = pg_schema(args.postgres)
                cleanup.append((chroma, schema))
                env = bot_env | {
                    "SKILLSCOACH_DATABASE_URL": url,
                    "SKILLSCOACH_CHROMA_URL": chroma_url,
                }
                count = 2 if name == "pg2" else 1
            setup = Setup(name, api, root, env, SCRIPTS[args.script])
            first = 500000
            setup.start(count, list(range(first, first + total)))
            started = time.perf_counter()
            await setup.ready()
            print(f"{name}: ready in {time.perf_counter() - started:.1f} s", flush=True)
            for managers in args.managers:
                result = await setup.run(managers, first)
                first += managers
                results.append(result)
                print(f"  {managers} managers: p95 {result.pct(0.95):.0f} ms", flush=True)
                for step, values in sorted(result.by_step.items()):
                    ordered = sorted(values)
                    p50, p95 = ordered[len(ordered) // 2], ordered[int(0.95 * len(ordered))]
                    print(
                        f"    {setup.script[step][:30]!r}: p50 {p50 * 1000:.0f} ms,"
                        f" p95 {p95 * 1000:.0f} ms",
                        flush=True,
                    )
            await setup.stop()
    finally:
        for chroma, schema in cleanup:
            chroma.terminate()
            drop_schema(args.postgres, schema)
        await api.stop()
    return results


def report(results: list[Result]) -> None:
    """Print the table (Markdown, so it can go into the README as is)."""
    echo = {r.managers: r for r in results if r.setup == "echo"}
    print()
    print(
        "| setup | managers | p50 ms | p95 ms | max ms | msg/s | errors | CPU ms/msg | "
        "peak RSS MB | p95 / echo | CPU / echo | machine busy |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        per = r.cpu / max(r.messages, 1) * 1000
        base = echo.get(r.managers)
        ratio_p95 = r.pct(0.95) / base.pct(0.95) if base and r is not base else 1.0
        base_cpu = base.cpu / max(base.messages, 1) * 1000 if base else 0.0
        ratio_cpu = per / base_cpu if base_cpu else float("nan")
        print(
            f"| {r.setup} | {r.managers} | {r.pct(0.5):.0f} | {r.pct(0.95):.0f} | "
            f"{max(r.latencies, default=0) * 1000:.0f} | {r.messages / r.seconds:.1f} | "
            f"{r.errors} | {per:.1f} | {r.rss:.0f} | {ratio_p95:.1f} | {ratio_cpu:.1f} | "
            f"{r.machine:.0%} |"
        )
    two = {r.managers: r for r in results if r.setup == "pg2"}
    one = {r.managers: r for r in results if r.setup == "pg"}
    for managers in sorted(set(one) & set(two)):
        gain = (two[managers].messages / two[managers].seconds) / (
            one[managers].messages / one[managers].seconds
        )
        print(f"two workers / one at {managers} managers: {gain:.2f} x the throughput")
    mean = statistics.mean(r.pct(0.95) for r in results) if results else 0
    print(f"(mean p95 over all rows: {mean:.0f} ms)")


def main() -> None:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--managers", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument(
        "--setups",
        nargs="+",
        default=["echo", "sqlite", "pg", "pg2"],
        choices=["echo", "sqlite", "pg", "pg2"],
    )
    parser.add_argument(
        "--script",
        choices=sorted(SCRIPTS),
        default="mixed",
        help="what each manager sends: the realistic mix, or questions or commands only",
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("SKILLSCOACH_TEST_POSTGRES_URL", DEFAULT_PG),
        help="PostgreSQL server (a schema is created and dropped)",
    )
    report(asyncio.run(bench(parser.parse_args())))


if __name__ == "__main__":
    main()
