"""Errors raised by services; the API and the CLI translate them in one place each."""


class DomainError(Exception):
    """Base of all business-rule failures.

    ``fields`` maps an input field to its messages, so callers can report per field; ``details``
    carries what else a caller may show (an import's report, say).
    """

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None, details: dict | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        self.details = details or {}


class NotAuthenticated(DomainError):
    """The operation needs a known user."""


class NotFound(DomainError):
    """The thing does not exist, or the actor may not know that it does."""


class Forbidden(DomainError):
    """The actor may see the thing but not do this to it."""


class Invalid(DomainError):
    """The input breaks a business rule."""


class Conflict(DomainError):
    """The input clashes with existing data (a duplicate, for instance)."""


class PreconditionRequired(DomainError):
    """A write needs the version the caller last read."""


class PreconditionFailed(DomainError):
    """The caller's version of the thing is stale."""
