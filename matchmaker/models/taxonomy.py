"""The controlled capability taxonomy."""
from sqlmodel import Field, SQLModel

from matchmaker.domain.enums import RoleKind
from matchmaker.models.base import enum_type


class Capability(SQLModel, table=True):
    """A node of the taxonomy; ``path`` ("/payloads/thermal-imagers/") makes descendants one LIKE."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=120)
    parent_id: int | None = Field(default=None, foreign_key="capability.id", index=True)
    path: str = Field(max_length=400, index=True)
    depth: int
    position: int
    role_kind: RoleKind = Field(sa_type=enum_type(RoleKind))
