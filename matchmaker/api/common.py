"""Fields and decorators shared by the API resources."""
from http import HTTPStatus

from marshmallow import ValidationError, fields, validate



class CountryCode(fields.String):
    """An ISO 3166 alpha-2 code, accepted in any case and given back upper-case."""

    def __init__(self, **kwargs):
        super().__init__(validate=validate.Regexp(r"^[A-Za-z]{2}$", error="Use an ISO 3166 alpha-2 code."), **kwargs)
        self.metadata.setdefault("example", "PL")

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs)
        if not isinstance(code, str):
            raise ValidationError("Not a string.")
        return code.upper()


def documents_errors(blp, *codes: int):
    """Add the standard error responses ``codes`` to an operation's OpenAPI description."""

    def decorator(view):
        for code in codes:
            view = blp.alt_response(code, response=HTTPStatus(code).name)(view)
        return view

    return decorator


def page_window(pagination_parameters) -> dict[str, int]:
    """offset and limit for a service from flask-smorest's pagination parameters."""
    return {"offset": pagination_parameters.first_item, "limit": pagination_parameters.page_size}



def page_of(items: list, pagination_parameters) -> list:
    """The requested page of a short list the service returns whole (a firm's contacts or tags)."""
    pagination_parameters.item_count = len(items)
    window = page_window(pagination_parameters)
    return items[window["offset"] : window["offset"] + window["limit"]]


def schema_name(schema) -> str:
    """OpenAPI component name: the class name without "Schema", "Patch" added for partial schemas."""
    name = (schema if isinstance(schema, type) else type(schema)).__name__.removesuffix("Schema")
    return f"{name}Patch" if getattr(schema, "partial", False) else name
