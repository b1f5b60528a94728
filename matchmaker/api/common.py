"""Fields and decorators shared by the API resources."""
from http import HTTPStatus

from flask import request
from flask_smorest import abort
from marshmallow import ValidationError, fields, validate
from werkzeug.routing import IntegerConverter

# Ids are the database's 32-bit integers; a larger number would overflow a query instead of naming nothing.
MAX_ID = 2**31 - 1
# Past the last row every page is empty; a larger offset would overflow the database's OFFSET.
MAX_OFFSET = 2**31 - 1
NUL = "\x00"
NUL_REFUSED = "Must not contain NUL characters."


class IdConverter(IntegerConverter):
    """``<int:...>`` in the routes: an id beyond ``MAX_ID`` matches no route (404), and the document says so."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits, min, max, signed)


def refuse_nul_characters() -> None:
    """Refuse NUL in the path, the query or a JSON body: no field means one, and PostgreSQL cannot store it."""
    if NUL in request.path:
        abort(404, message="No resource has a NUL character in its path.")
    errors = {}
    query = sorted({name for name, value in request.args.items(multi=True) if NUL in name + value})
    if query:
        errors["query"] = {name: [NUL_REFUSED] for name in query}
    body = request.get_json(silent=True)
    if _contains_nul(body):
        names = [name for name, value in body.items() if _contains_nul([name, value])] if isinstance(body, dict) else []
        errors["json"] = {name: [NUL_REFUSED] for name in names or ["_schema"]}
    if errors:
        abort(422, errors=errors)


def _contains_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_contains_nul(key) or _contains_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_contains_nul(item) for item in value)
    return False


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
    return {"offset": min(pagination_parameters.first_item, MAX_OFFSET), "limit": pagination_parameters.page_size}



def page_of(items: list, pagination_parameters) -> list:
    """The requested page of a short list the service returns whole (a firm's contacts or tags)."""
    pagination_parameters.item_count = len(items)
    window = page_window(pagination_parameters)
    return items[window["offset"] : window["offset"] + window["limit"]]


def schema_name(schema) -> str:
    """OpenAPI component name: the class name without "Schema", "Patch" added for partial schemas."""
    name = (schema if isinstance(schema, type) else type(schema)).__name__.removesuffix("Schema")
    return f"{name}Patch" if getattr(schema, "partial", False) else name
