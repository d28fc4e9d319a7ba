"""Several workers on one database: reminder claims, shared rate counts, turn locks.

Each test runs on SQLite and PostgreSQL. "Workers" are separate Store instances (their own
engines and connection pools), as separate processes would have.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.settings import Settings
from storage.service import Store

LEASE = timedelta(minutes=2)


@pytest.fixture
def second(store_settings: Settings, store: Store) -> Iterator[Store]:
    """Another worker's Store on the same database."""
    opened = Store.open(store_settings)
    try:
        yield opened
    finally:
        opened.close()


def _due(store: Store, count: int, *, managers: int = 3) -> list[int]:
    now = datetime.now(UTC)
    ids = []
    people = [store.ensure_manager(external_id=f"tg:{n}") for n in range(1, managers + 1)]
    for n in range(count):
        reminder = store.schedule_reminder(
            manager_id=people[n % managers].id,
            kind="reflect",
            due_at=now - timedelta(minutes=n),
            payload={"n": n},
        )
        ids.append(reminder.id)
    return ids


def test_two_workers_claiming_at_once_get_each_reminder_exactly_once(
    store: Store, second: Store
) -> None:
    ids = _due(store, 30)
    claimed: Counter[int] = Counter()
    start = threading.Barrier(4)

    def claim(worker: Store, name: str) -> None:
        start.wait()
        for _ in range(10):  # small batches, so the claimers really interleave
            for reminder in worker.claim_due_reminders(
                now=datetime.now(UTC), worker=name, lease=LEASE, limit=2
            ):
                claimed[reminder.id] += 1

    threads = [
        threading.Thread(target=claim, args=(worker, f"w{n}"))
        for n, worker in enumerate((store, second, store, second))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == sorted(ids)
    assert set(claimed.values()) == {1}, "a reminder was claimed twice"


def test_a_claim_holds_until_its_lease_runs_out_then_another_worker_takes_it_over(
    store: Store, second: Store
) -> None:
    [reminder_id] = _due(store, 1)
    now = datetime.now(UTC)
    [mine] = store.claim_due_reminders(now=now, worker="dead", lease=LEASE)
    assert mine.id == reminder_id and mine.payload == {"n": 0}
    # the claimer dies without marking it sent: during the lease nobody else sends it
    assert second.claim_due_reminders(now=now + LEASE / 2, worker="alive", lease=LEASE) == []
    [taken] = second.claim_due_reminders(now=now + LEASE * 1.1, worker="alive", lease=LEASE)
    assert taken.id == reminder_id
    second.mark_reminder_sent(reminder_id=reminder_id)
    assert second.claim_due_reminders(now=now + LEASE * 5, worker="alive", lease=LEASE) == []
    assert store.due_reminders(now=now + LEASE * 5) == []


def test_a_released_claim_is_sent_at_the_next_poll(store: Store, second: Store) -> None:
    [reminder_id] = _due(store, 1)
    now = datetime.now(UTC)
    store.claim_due_reminders(now=now, worker="a", lease=LEASE)
    second.release_reminder(reminder_id=reminder_id, worker="b")  # not b's claim: no effect
    assert second.claim_due_reminders(now=now, worker="b", lease=LEASE) == []
    store.release_reminder(reminder_id=reminder_id, worker="a")
    assert [r.id for r in second.claim_due_reminders(now=now, worker="b", lease=LEASE)] == [
        reminder_id
    ]


def test_claims_skip_future_sent_and_disabled_reminders(store: Store) -> None:
    now = datetime.now(UTC)
    alice = store.ensure_manager(external_id="tg:1")
    bob = store.ensure_manager(external_id="tg:2")
    store.schedule_reminder(
        manager_id=alice.id, kind="reflect", due_at=now + timedelta(hours=1), payload={}
    )
    sent = store.schedule_reminder(
        manager_id=alice.id, kind="reflect", due_at=now - timedelta(hours=1), payload={}
    )
    store.mark_reminder_sent(reminder_id=sent.id)
    store.schedule_reminder(
        manager_id=bob.id, kind="reflect", due_at=now - timedelta(hours=1), payload={}
    )
    store.update_manager(manager_id=bob.id, reminders_enabled=False)
    assert store.claim_due_reminders(now=now, worker="w", lease=LEASE) == []


def test_rate_counts_are_shared_by_workers_and_restart_each_window(
    store: Store, second: Store
) -> None:
    now = datetime.now(UTC)
    window = timedelta(minutes=1)
    counts = [
        worker.count_hit(user="tg:7", now=now + timedelta(seconds=n), window=window)
        for n, worker in enumerate((store, second, store, second))
    ]
    assert counts == [1, 2, 3, 4]
    assert second.count_hit(user="tg:8", now=now, window=window) == 1
    assert store.count_hit(user="tg:7", now=now + window * 1.5, window=window) == 1
    assert store.prune_hits(now=now + window * 3, window=window) == 2


def test_rate_counts_store_no_user_id(store: Store) -> None:
    from sqlalchemy import text

    store.count_hit(user="tg:123456789", now=datetime.now(UTC), window=timedelta(minutes=1))
    with store.engine.connect() as conn:
        keys = conn.execute(text("SELECT key FROM rate_count")).scalars().all()
    assert keys and all("123456789" not in key for key in keys)


async def test_turns_of_one_manager_never_overlap_across_workers(
    store: Store, second: Store
) -> None:
    # SQLite is one process by design: there the lock is the process's own, so both "workers"
    # are the same Store; on PostgreSQL they are two, sharing only the database.
    other = second if store.engine.dialect.name == "postgresql" else store
    inside: list[str] = []
    overlaps = []

    async def turn(worker: Store, name: str) -> None:
        async with worker.turn_locks.hold("tg:1"):
            inside.append(name)
            if len(inside) > 1:
                overlaps.append(tuple(inside))
            await asyncio.sleep(0.01)
            inside.remove(name)

    await asyncio.gather(*(turn(w, f"{i}") for i, w in enumerate([store, other] * 5)))
    assert overlaps == []
    assert inside == []
    # Different managers do not wait for each other.
    async with store.turn_locks.hold("tg:1"), other.turn_locks.hold("tg:2"):
        pass
