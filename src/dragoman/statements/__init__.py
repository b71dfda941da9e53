"""Statements: quotes and reported speech with their speakers and cues (docs/statements.md)."""
