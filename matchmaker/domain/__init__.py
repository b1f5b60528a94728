"""Plain types, enums and errors of the matchmaking domain (standard library only)."""
