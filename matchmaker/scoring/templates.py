"""Trilateral templates as data: which role and country each of a triple's three places asks for.

A member fits a slot when it comes from the slot's country (any country when None) and offers at
least one capability of the slot's role kind. The three members of a triple always come from three
different countries, whatever the template says.

- ``mspo``: the MSPO 2025 framework: Taiwan provides technology and components, Ukraine research
  and development, Poland its expertise (integration, certification, training, MRO).
- ``tw-cz-us``: Taiwanese components, Czech manufacturing capacity, a US partner opening the US
  market. A template with a US slot makes US-market eligibility part of every member's trust.
- ``any``: the same three roles as ``mspo`` (components, R&D, expertise: the division of labour
  of the domain) from any three different countries. When one set of three firms fits the slots
  in several ways, the best-scoring assignment is kept.
"""
from __future__ import annotations

from matchmaker.domain.enums import RoleKind
from matchmaker.scoring.records import RoleSlot, Template

US = "US"


def _slot(kind: RoleKind, country: str | None) -> RoleSlot:
    return RoleSlot(role=kind.value, role_kind=kind, country=country)


TEMPLATES: dict[str, Template] = {
    "mspo": Template(
        name="mspo",
        slots=(_slot(RoleKind.COMPONENTS, "TW"), _slot(RoleKind.RND, "UA"), _slot(RoleKind.EXPERTISE, "PL")),
        description="Taiwan provides technology and components, Ukraine research and development, "
                    "Poland its expertise.",
    ),
    "tw-cz-us": Template(
        name="tw-cz-us",
        slots=(_slot(RoleKind.COMPONENTS, "TW"), _slot(RoleKind.MANUFACTURING, "CZ"),
               _slot(RoleKind.MARKET_ACCESS, US)),
        description="Taiwanese components, Czech manufacturing, and a US partner opening the US market.",
    ),
    "any": Template(
        name="any",
        slots=(_slot(RoleKind.COMPONENTS, None), _slot(RoleKind.RND, None), _slot(RoleKind.EXPERTISE, None)),
        description="Components, research and development, and expertise from any three different countries.",
    ),
}


def template_named(name: str) -> Template:
    try:
        return TEMPLATES[name]
    except KeyError:
        raise ValueError(f"Unknown template {name!r}; known: {', '.join(sorted(TEMPLATES))}.") from None


def has_us_slot(template: Template) -> bool:
    return any(slot.country == US for slot in template.slots)
