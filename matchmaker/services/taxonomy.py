"""The capability taxonomy: loading it from its data file, and reading it."""
from collections.abc import Iterable
from pathlib import Path

import yaml
from sqlalchemy import func
from sqlmodel import Session, select

from matchmaker.domain.enums import RoleKind
from matchmaker.domain.errors import Invalid, NotFound
from matchmaker.models import Capability


def load_taxonomy(*, session: Session, path: Path) -> int:
    """Insert or update every node of the YAML taxonomy by slug; return how many nodes it has.

    Nodes missing from the file are kept, since firms may still be tagged with them.
    """
    existing = {node.slug: node for node in session.exec(select(Capability))}
    count = 0
    for position, (node, parent_slug, path_text, depth) in enumerate(_walk(yaml.safe_load(path.read_text()))):
        capability = existing.get(node["slug"]) or Capability(slug=node["slug"])
        capability.name = node["name"]
        capability.role_kind = RoleKind(node["role_kind"])
        capability.parent_id = existing[parent_slug].id if parent_slug else None
        capability.path, capability.depth, capability.position = path_text, depth, position
        session.add(capability)
        session.flush()
        existing[capability.slug] = capability
        count += 1
    session.commit()
    return count


def _walk(nodes: Iterable[dict], parent_slug: str | None = None, parent_path: str = "/", depth: int = 0):
    """Yield (node, parent slug, materialised path, depth), parents before children."""
    for node in nodes:
        path = f"{parent_path}{node['slug']}/"
        yield node, parent_slug, path, depth
        yield from _walk(node.get("children", ()), node["slug"], path, depth + 1)


def list_capabilities(*, session: Session, offset: int = 0, limit: int | None = None) -> tuple[list[Capability], int]:
    """Taxonomy nodes in tree order (each parent before its children), with the total."""
    total = session.scalar(select(func.count()).select_from(Capability))
    query = select(Capability).order_by(Capability.position, Capability.id).offset(offset).limit(limit)
    return list(session.exec(query)), total


def get_capability(*, session: Session, slug: str) -> Capability:
    capability = session.exec(select(Capability).where(Capability.slug == slug)).first()
    if capability is None:
        raise NotFound(f"No capability {slug!r} in the taxonomy.")
    return capability


def capabilities_by_slug(*, session: Session, slugs: Iterable[str], field: str) -> dict[str, Capability]:
    """Resolve slugs, reporting every unknown one against ``field``."""
    wanted = set(slugs)
    found = {c.slug: c for c in session.exec(select(Capability).where(Capability.slug.in_(wanted)))}
    unknown = sorted(wanted - found.keys())
    if unknown:
        raise Invalid("Unknown capability.", {field: [f"Not in the taxonomy: {', '.join(unknown)}."]})
    return found
