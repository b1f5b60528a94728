"""The parts of a firm kept as records of their own (contacts, certifications, declarations).

All follow one rule set: reading needs a given sight of the firm; changing needs the right to change
the firm and its current version, and raises that version. Claims with evidence also carry an
organizer's verification, which new evidence voids.
"""
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlmodel import Session, SQLModel, select

from matchmaker.domain.access import Actor, FirmFacts, require_user
from matchmaker.domain.errors import Forbidden, NotFound
from matchmaker.models import Firm
from matchmaker.models.base import utcnow
from matchmaker.services.firms import load_changeable_firm, load_firm
from matchmaker.services.visibility import facts

Part = TypeVar("Part", bound=SQLModel)


def _no_check(_session: Session, _record: Any) -> None:
    """Parts without business rules beyond their fields."""


def _no_hook(_session: Session, _actor: Actor, _record: Any) -> None:
    """Parts that leave nothing behind when removed."""


@dataclass(frozen=True)
class FirmPart(Generic[Part]):
    model: type[Part]
    noun: str
    may_read: Callable[[Actor, FirmFacts], bool]
    check: Callable[[Session, Part], None] = _no_check
    before_remove: Callable[[Session, Actor, Part], None] = _no_hook
    # Fields whose change voids an organizer's verification; empty for parts that are not claims.
    evidence_fields: frozenset[str] = field(default_factory=frozenset)

    def list(self, *, session: Session, actor: Actor, firm_id: int) -> tuple[list[Part], Firm]:
        firm = self._readable_firm(session, actor, firm_id)
        parts = session.exec(select(self.model).where(self.model.firm_id == firm.id).order_by(self.model.id))
        return list(parts), firm

    def get(self, *, session: Session, actor: Actor, firm_id: int, part_id: int) -> tuple[Part, Firm]:
        firm = self._readable_firm(session, actor, firm_id)
        return self._part_of(session, firm, part_id), firm

    def add(
        self, *, session: Session, actor: Actor, firm_id: int, expected_version: int | None, data: Mapping[str, Any]
    ) -> tuple[Part, Firm]:
        firm = load_changeable_firm(session, actor, firm_id, expected_version)
        fields = dict(data)
        verified = fields.pop("verified", None)
        record = self.model(firm_id=firm.id, **fields)
        self.check(session, record)
        if verified is not None:
            _verify(actor, record, verified)
        session.add(record)
        session.commit()
        return record, firm

    def update(
        self,
        *,
        session: Session,
        actor: Actor,
        firm_id: int,
        part_id: int,
        expected_version: int | None,
        changes: Mapping[str, Any],
    ) -> tuple[Part, Firm]:
        firm = load_changeable_firm(session, actor, firm_id, expected_version)
        record = self._part_of(session, firm, part_id)
        changes = dict(changes)
        verified = changes.pop("verified", None)
        new_evidence = any(
            getattr(record, name) != value for name, value in changes.items() if name in self.evidence_fields
        )
        for name, value in changes.items():
            setattr(record, name, value)
        self.check(session, record)
        if verified is not None:
            _verify(actor, record, verified)
        elif new_evidence:
            record.verified_at = record.verified_by_id = None
        session.commit()
        return record, firm

    def remove(
        self, *, session: Session, actor: Actor, firm_id: int, part_id: int, expected_version: int | None
    ) -> Firm:
        firm = load_changeable_firm(session, actor, firm_id, expected_version)
        record = self._part_of(session, firm, part_id)
        self.before_remove(session, actor, record)
        session.delete(record)
        session.commit()
        return firm

    def _readable_firm(self, session: Session, actor: Actor, firm_id: int) -> Firm:
        require_user(actor)
        firm, _sight = load_firm(session, actor, firm_id)
        if not self.may_read(actor, facts(firm)):
            raise NotFound(f"No {self.noun}s of firm {firm_id} for you.")
        return firm

    def _part_of(self, session: Session, firm: Firm, part_id: int) -> Part:
        query = select(self.model).where(self.model.id == part_id, self.model.firm_id == firm.id)
        record = session.exec(query).first()
        if record is None:
            raise NotFound(f"No {self.noun} {part_id} of firm {firm.id}.")
        return record


def _verify(actor: Actor, record: Any, verified: bool) -> None:
    """Set or clear an organizer's verification; echoing the current value back is no change."""
    if verified == record.verified:
        return
    if not actor.is_staff:
        raise Forbidden("Only organizers verify evidence.", {"verified": ["Set by organizers only."]})
    record.verified_at, record.verified_by_id = (utcnow(), actor.user_id) if verified else (None, None)
