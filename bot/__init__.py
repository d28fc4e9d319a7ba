"""Skillscoach: the front ends (terminal chat, Telegram) and the coaching engine."""
