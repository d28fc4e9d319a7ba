"""One Store shared by concurrent handlers: no lost writes, no "database is locked"."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from storage.service import Store

WORKERS = 8
NOTES_EACH = 15


def test_concurrent_handlers_share_one_store(store: Store) -> None:
    def handler(worker: int) -> list[int]:
        # Every handler races to create the same account and employee, then reads and writes.
        manager = store.ensure_manager(external_id="tg:shared")
        employee = store.add_employee(manager_id=manager.id, name="Gedeeld")
        ids = []
        for i in range(NOTES_EACH):
            note = store.add_note(
                manager_id=manager.id, employee_id=employee.id, body=f"{worker}-{i}"
            )
            ids.append(note.id)
            store.list_notes(manager_id=manager.id, employee_id=employee.id, limit=3)
            store.kv_put(namespace="user_data", key=str(worker), value={"i": i})
            store.save_state(manager_id=manager.id, key=f"flow{worker % 2}", value={"i": i})
        return ids

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(handler, range(WORKERS)))

    manager = store.get_manager(external_id="tg:shared")
    assert manager is not None
    [employee] = store.list_employees(manager_id=manager.id)
    notes = store.list_notes(manager_id=manager.id, employee_id=employee.id)
    assert len(notes) == WORKERS * NOTES_EACH
    assert {n.id for n in notes} == {i for ids in results for i in ids}
    assert store.kv_all(namespace="user_data") == {
        str(w): {"i": NOTES_EACH - 1} for w in range(WORKERS)
    }
