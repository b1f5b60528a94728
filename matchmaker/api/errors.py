"""Domain errors become HTTP errors here, in the same JSON shape flask-smorest gives its own."""
from flask import Flask, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed, RequestEntityTooLarge

from matchmaker.domain import errors
from matchmaker.extensions import api

STATUS_OF = {
    errors.NotAuthenticated: 401,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.PreconditionFailed: 412,
    errors.Invalid: 422,
    errors.PreconditionRequired: 428,
}


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(errors.DomainError, _handle_domain_error)
    app.register_error_handler(RequestEntityTooLarge, _handle_too_large)
    app.register_error_handler(MethodNotAllowed, _handle_method_not_allowed)


def _handle_method_not_allowed(error: MethodNotAllowed):
    """HTTP requires a 405 to say which methods the resource allows."""
    error.data = {"headers": {"Allow": ", ".join(sorted(error.valid_methods or ()))}}
    return api.handle_http_exception(error)


def _handle_too_large(error: RequestEntityTooLarge):
    limit = request.max_content_length  # an upload endpoint may allow more than the app's default
    error.data = {"message": f"The request body is over the limit of {limit} bytes."}
    return api.handle_http_exception(error)


def _handle_domain_error(error: errors.DomainError):
    http_error = HTTPException(description=error.message)
    http_error.code = STATUS_OF[type(error)]
    data = {"message": error.message}
    if error.fields:
        # Field errors of reads concern the query string; of writes, the JSON body.
        location = "query" if request.method == "GET" else "json"
        data["errors"] = {location: error.fields}
    if isinstance(error, errors.NotAuthenticated):
        data["headers"] = {"WWW-Authenticate": "Bearer"}
    http_error.data = data
    return api.handle_http_exception(http_error)
