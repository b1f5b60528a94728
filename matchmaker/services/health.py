"""Whether the service's dependencies answer."""
import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

log = logging.getLogger(__name__)


def database_is_up(*, session: Session) -> bool:
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        log.exception("database health check failed")
        session.rollback()
        return False
    return True
