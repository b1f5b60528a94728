"""The routes of a firm part (contacts, certifications, declarations): one definition for all of them."""
from flask.views import MethodView
from marshmallow import Schema

from matchmaker.api.auth import current_actor
from matchmaker.api.common import documents_errors, page_of
from matchmaker.api.etag import created_headers, etag_header, versioned
from matchmaker.extensions import Blueprint, db
from matchmaker.services.firm_parts import FirmPart


def register_part_routes(
    blp: Blueprint, part: FirmPart, schema: type[Schema], *, collection: str, item: str, id_name: str
) -> None:
    """Add ``""`` (list, add) and ``/<id_name>`` (read, change, remove) to ``blp``, named as given."""
    noun = part.noun

    class Collection(MethodView):
        @blp.response(200, schema(many=True))
        @blp.paginate(max_page_size=100)
        @blp.doc(summary=f"List a firm's {noun}s")
        @documents_errors(blp, 401, 404)
        def get(self, firm_id, pagination_parameters):
            records, firm = part.list(session=db.session, actor=current_actor(), firm_id=firm_id)
            return page_of(records, pagination_parameters), etag_header(firm.id, firm.version)

        @blp.arguments(schema)
        @blp.response(201, schema)
        @blp.doc(summary=f"Add a {noun}")
        @documents_errors(blp, 401, 403, 404, 409)
        @versioned(blp)
        def post(self, data, firm_id, expected_version):
            record, firm = part.add(
                session=db.session, actor=current_actor(), firm_id=firm_id, expected_version=expected_version, data=data
            )
            return record, created_headers(firm.id, firm.version, f"{blp.name}.{item}", **{id_name: record.id})

    class Item(MethodView):
        @blp.response(200, schema)
        @blp.doc(summary=f"Read a {noun}")
        @documents_errors(blp, 401, 404)
        def get(self, firm_id, **ids):
            record, firm = part.get(session=db.session, actor=current_actor(), firm_id=firm_id, part_id=ids[id_name])
            return record, etag_header(firm.id, firm.version)

        @blp.arguments(schema(partial=True))
        @blp.response(200, schema)
        @blp.doc(summary=f"Change a {noun}")
        @documents_errors(blp, 401, 403, 404, 409)
        @versioned(blp)
        def patch(self, changes, firm_id, expected_version, **ids):
            record, firm = part.update(
                session=db.session, actor=current_actor(), firm_id=firm_id, part_id=ids[id_name],
                expected_version=expected_version, changes=changes,
            )
            return record, etag_header(firm.id, firm.version)

        @blp.response(204)
        @blp.doc(summary=f"Remove a {noun}")
        @documents_errors(blp, 401, 403, 404)
        @versioned(blp)
        def delete(self, firm_id, expected_version, **ids):
            firm = part.remove(
                session=db.session, actor=current_actor(), firm_id=firm_id, part_id=ids[id_name],
                expected_version=expected_version,
            )
            return None, etag_header(firm.id, firm.version)

    blp.route("", endpoint=collection)(Collection)
    blp.route(f"/<int:{id_name}>", endpoint=item)(Item)
