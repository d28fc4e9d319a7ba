"""PDF line joining is linear: time `pdf_blocks` on one page of 1,250 to 20,000 lines.

Run: .venv/bin/python bench/pdf_lines.py [--pdf]

Prints seconds and microseconds per line for each size, for the current `_join_lines` and for
the quadratic implementation it replaced (the baseline, up to 5,000 lines: beyond that it takes
minutes). Linear means the time per line stays flat as the page grows. With --pdf it also
times a real single-page PDF of 20,000 lines through pypdf (fpdf2 makes it).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from knowledge import loaders  # noqa: E402
from knowledge.headings import Line  # noqa: E402

SIZES = (1_250, 2_500, 5_000, 10_000, 20_000)
BASELINE_MAX = 5_000


def baseline_join_lines(lines: list[str], width: float) -> str:
    """The implementation before the fix: it re-scans the paragraph built so far per line."""
    if not lines:
        return ""
    out: list[str] = [lines[0]]
    for line in lines[1:]:
        prev = out[-1]
        short = len(prev.rsplit("\n", 1)[-1]) < 0.7 * width
        if re.search(r"[a-zà-ÿ]-$", prev) and re.match(r"[a-zà-ÿ]", line):
            out[-1] = prev[:-1] + line
        elif loaders._BULLET.match(line) or (short and re.search(r"[.!?:]$", prev)):  # noqa: SIM114
            out.append(line)
        elif short and not re.search(r"[,;a-zà-ÿ]$", prev):
            out.append(line)
        else:
            out[-1] = f"{prev} {line}"
    return "\n\n".join(re.sub(r"[ \t]{2,}", " ", para) for para in out)


def page(lines: int) -> list[list[Line]]:
    """One page of one running paragraph: the worst case for joining."""
    return [
        [Line(f"regel {n} van een heel lange bladzijde zonder punten en") for n in range(lines)]
    ]


def timed(lines: int) -> float:
    pages = page(lines)
    started = time.perf_counter()
    loaders.pdf_blocks(pages)
    return time.perf_counter() - started


def real_pdf(lines: int) -> float:
    from fpdf import FPDF

    pdf = FPDF(format=(200, 20 + lines * 0.5))  # one very tall page
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=1)
    for n in range(lines):
        pdf.set_xy(5, 5 + n * 0.5)
        pdf.cell(0, 0.5, f"regel {n} van een heel lange bladzijde zonder punten en")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lines.pdf"
        pdf.output(str(path))
        started = time.perf_counter()
        doc = loaders.load_document(path, max_bytes=50 * 1024 * 1024)
        elapsed = time.perf_counter() - started
    print(f"  real PDF, {lines:,} lines on one page: {elapsed:.2f} s, {len(doc.blocks)} blocks")
    return elapsed


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pdf", action="store_true", help="also time a real 20,000-line PDF")
    args = parser.parse_args()
    print("pdf_blocks on one page (seconds, µs per line)")
    print(f"{'lines':>8}  {'now':>8}  {'µs/line':>8}  {'baseline':>9}  {'µs/line':>8}")
    for lines in SIZES:
        now = min(timed(lines) for _ in range(3))
        base = ""
        base_per = ""
        if lines <= BASELINE_MAX:
            current = loaders._join_lines
            loaders._join_lines = baseline_join_lines  # type: ignore[assignment]
            try:
                seconds = timed(lines)
            finally:
                loaders._join_lines = current  # type: ignore[assignment]
            base, base_per = f"{seconds:9.3f}", f"{seconds / lines * 1e6:8.1f}"
        print(f"{lines:>8,}  {now:8.3f}  {now / lines * 1e6:8.1f}  {base:>9}  {base_per:>8}")
    if args.pdf:
        real_pdf(20_000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
