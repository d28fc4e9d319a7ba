"""Prompt files (flow scripts, question bank, templates, system prompts) loaded by name."""
