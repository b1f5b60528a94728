"""A firm's contact persons: personal data, shown only to those the access table names, and
erased for real on removal (GDPR), leaving only the record that an erasure happened."""
from sqlmodel import Session

from matchmaker.domain.access import Actor, may_read_contacts
from matchmaker.models import Contact, Erasure
from matchmaker.services.firm_parts import FirmPart


def _record_erasure(session: Session, actor: Actor, contact: Contact) -> None:
    session.add(Erasure(firm_id=contact.firm_id, subject="contact", subject_id=contact.id, erased_by_id=actor.user_id))


CONTACTS = FirmPart(Contact, "contact", may_read_contacts, before_remove=_record_erasure)
