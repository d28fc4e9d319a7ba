"""Skillscoach: the front ends (terminal chat, Telegram) and the coaching engine."""

import os

# Set before numpy loads: a question's matrix products are small (one vector against a few
# thousand), and OpenBLAS's worker threads make them several times slower and spin on the
# CPU that serves the other chats (bench/load.py; a ranking took 10 ms instead of 3 on two
# busy cores). The embedding model has its own engine and is not affected. A deployment that
# wants otherwise sets the variable itself.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
