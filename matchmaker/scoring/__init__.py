"""Scoring: turning profiles and texts into features, tags and ranked proposals (no Flask, no database)."""
