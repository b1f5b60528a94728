"""Users, what they are linked to, and their API tokens."""
from datetime import datetime

from sqlmodel import Field, Relationship, SQLModel

from matchmaker.domain.enums import Role
from matchmaker.models.base import UTCDateTime, enum_type, utcnow


class User(SQLModel, table=True):
    __tablename__ = "app_user"  # "user" is reserved in PostgreSQL

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)
    role: Role = Field(sa_type=enum_type(Role))
    password_hash: str = Field(max_length=200)
    is_active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    firm_links: list["UserFirm"] = Relationship(
        sa_relationship_kwargs={"cascade": "all, delete-orphan", "order_by": "UserFirm.firm_id"}
    )
    country_links: list["UserCountry"] = Relationship(
        sa_relationship_kwargs={"cascade": "all, delete-orphan", "order_by": "UserCountry.country"}
    )


class UserFirm(SQLModel, table=True):
    """A firm editor's firm."""

    __tablename__ = "user_firm"

    user_id: int = Field(foreign_key="app_user.id", primary_key=True)
    firm_id: int = Field(foreign_key="firm.id", primary_key=True, index=True)


class UserCountry(SQLModel, table=True):
    """A reviewer's country: its office reviews that country's firms."""

    __tablename__ = "user_country"

    user_id: int = Field(foreign_key="app_user.id", primary_key=True)
    country: str = Field(max_length=2, primary_key=True)


class ApiToken(SQLModel, table=True):
    """A bearer token; only its SHA-256 is stored, so a leaked table grants nothing."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    # The first characters, shown in listings so a user can tell tokens apart.
    prefix: str = Field(max_length=12)
    label: str | None = Field(default=None, max_length=120)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    user: User = Relationship()
