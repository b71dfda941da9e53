"""Event records beyond extraction: interoperable layouts (GDELT-like, POLECAT-like)."""
