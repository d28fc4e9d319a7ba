"""The skills matrix picture: a valid PNG, sized for a phone at 20 people and 15 skills."""

from __future__ import annotations

from bench.team import NOBODY_HAS, invented_members
from bot.coach import matrix
from storage.views import EmployeeView, SkillView, TeamMemberView
from tests.coach.test_team import png_size

TEXTS = matrix.MatrixTexts("Skills", "Team needs", "has", "wants", "needs", "gap")


def test_a_20_by_15_matrix_renders_as_a_phone_sized_png():
    grid = matrix.build(invented_members(20))
    assert (len(grid.people), len(grid.skills)) == (20, 15)
    assert [grid.skills[c] for c in grid.gaps] == list(NOBODY_HAS)  # the gaps come first
    png = matrix.render(grid, TEXTS)
    width, height = png_size(png)
    # wide enough for 13-point labels to read when a phone shows it full width, within
    # Telegram's photo limits (sides adding up to at most 10000, ratio at most 20)
    assert 900 <= width <= 1600 and 1200 <= height <= 2000, (width, height)
    assert 20_000 < len(png) < 1_000_000
    assert png.endswith(b"IEND\xaeB`\x82")


def test_many_skills_are_cut_to_a_readable_number_of_columns():
    items = [SkillView("seen", f"skill {n}", f"skill {n}") for n in range(matrix.MAX_COLUMNS + 5)]
    grid = matrix.build([TeamMemberView(EmployeeView(1, "Anna", passport=items), [], [])])
    assert len(grid.skills) == matrix.MAX_COLUMNS and grid.hidden == 5
    width, height = png_size(matrix.render(grid, TEXTS))
    assert width + height <= 10_000 and max(width, height) / min(width, height) <= 20
