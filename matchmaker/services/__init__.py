"""The verbs of the business: plain functions taking a keyword-only ``session`` and an ``actor``.

Commit rule: a service that changes data commits before it returns, so every call is one unit of
work; on a domain error it leaves the session for its caller to roll back.
"""
