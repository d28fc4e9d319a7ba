"""How reading signals scales with the length of an answer: hostile input stays linear.

    .venv/bin/python bench/signals_long.py

Reads answers of 2,500 to 20,000 characters made of one repeated phrase (one long clause full
of cues, and many short clauses) and prints the time per read and per 1,000 characters. A
linear reader keeps the second figure about level as the length doubles; the baseline in the
same run is the time to lower-case and normalise the same text, which every reader pays.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.coach.signals import normalise, read  # noqa: E402

PHRASES = {
    "one clause of cues": "werkdruk ",
    "cues and clauses": "she won't tell me anything about the new system and budget. ",
    "plain answer": "ze is goed met klanten, wil leren plannen en er is 750 euro budget; ",
}
LENGTHS = (2500, 5000, 10000, 20000)


def timed(fn, text: str, repeat: int = 3) -> float:
    """The best of ``repeat`` runs, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> int:
    """Print the table."""
    print("| answer | characters | read (ms) | ms per 1,000 chars | normalise only (ms) |")
    print("|---|---:|---:|---:|---:|")
    for name, phrase in PHRASES.items():
        for n in LENGTHS:
            text = (phrase * (n // len(phrase) + 1))[:n]
            ms = timed(read, text)
            base = timed(normalise, text)
            print(f"| {name} | {n} | {ms:.1f} | {ms / (n / 1000):.2f} | {base:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
