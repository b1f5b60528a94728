"""Firms of the registry."""
from collections.abc import Hashable
from datetime import date

from flask import Response, current_app
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from matchmaker.api.auth import current_actor
from matchmaker.api.common import CountryCode, documents_errors, page_window
from matchmaker.api.etag import created_headers, etag_header, page_etag, versioned
from matchmaker.api.page_cache import Page, PageCache
from matchmaker.domain.access import Actor
from matchmaker.domain.compliance import CertificationKind, CertificationStatus, NonRedStatus
from matchmaker.domain.enums import Direction, RoleKind, SizeBand, VerificationStatus, Visibility
from matchmaker.extensions import Blueprint, db
from matchmaker.models.generation import REGISTRY
from matchmaker.services import exports, firms
from matchmaker.services.exports import ExportFormat

blp = Blueprint("firms", __name__, url_prefix="/api/v1/firms", description="Firms of the registry")
LIST_CACHE = "firm_list_cache"


@blp.record_once
def _create_list_cache(state) -> None:
    """One cache per application, sized by its configuration."""
    state.app.extensions[LIST_CACHE] = PageCache(state.app.config["FIRM_LIST_CACHE_BYTES"])


class CapabilityTagSchema(Schema):
    id = fields.Integer(dump_only=True)
    slug = fields.String(required=True, validate=validate.Length(1, 64))
    name = fields.String(dump_only=True)
    direction = fields.Enum(Direction, by_value=True, required=True)
    role_kind = fields.Enum(
        RoleKind, by_value=True, metadata={"description": "Defaults to the capability's usual role kind."}
    )
    note = fields.String(allow_none=True, validate=validate.Length(max=500))
    inferred = fields.Boolean(dump_only=True, metadata={"description": "Set by a program, not a person."})


class FirmInputSchema(Schema):
    """The fields of a firm a caller may set."""

    name = fields.String(validate=validate.Length(1, 200))
    country = CountryCode()
    city = fields.String(allow_none=True, validate=validate.Length(max=120))
    website = fields.Url(allow_none=True, schemes={"http", "https"}, validate=validate.Length(max=300))
    size_band = fields.Enum(SizeBand, by_value=True, allow_none=True)
    founded_year = fields.Integer(allow_none=True, validate=validate.Range(1800, date.today().year))
    capacity_units_per_year = fields.Integer(allow_none=True, validate=validate.Range(0, 10_000_000))
    capacity_note = fields.String(allow_none=True, validate=validate.Length(max=500))
    description = fields.String(allow_none=True, validate=validate.Length(max=10_000))
    visibility = fields.Enum(Visibility, by_value=True)
    verification_status = fields.Enum(
        VerificationStatus, by_value=True, metadata={"description": "Set by organizers only."}
    )


class FirmCreateSchema(FirmInputSchema):
    name = fields.String(required=True, validate=validate.Length(1, 200))
    country = CountryCode(required=True)
    visibility = fields.Enum(
        Visibility,
        by_value=True,
        load_default=Visibility.MEMBERS,
        metadata={"description": "Defaults to members: nobody consented to a public listing yet."},
    )
    capabilities = fields.List(fields.Nested(CapabilityTagSchema), load_default=list)


class SupplyChainSchema(Schema):
    status = fields.Enum(NonRedStatus, by_value=True)
    reasons = fields.List(fields.String(), metadata={"description": "Empty when the firm is masked."})


class UsMarketSchema(Schema):
    eligible = fields.Boolean()
    reasons = fields.List(fields.String(), metadata={"description": "Empty when the firm is masked."})


class CertificationSummarySchema(Schema):
    kind = fields.Enum(CertificationKind, by_value=True)
    status = fields.Enum(CertificationStatus, by_value=True)
    verified = fields.Boolean()


class FirmSchema(Schema):
    id = fields.Integer()
    name = fields.String(metadata={"description": "'Discreet firm (CC)' when masked."})
    country = fields.String()
    masked = fields.Boolean(metadata={"description": "Identity withheld: only id, country and capabilities."})
    city = fields.String(allow_none=True)
    website = fields.String(allow_none=True)
    size_band = fields.String(allow_none=True)
    founded_year = fields.Integer(allow_none=True)
    capacity_units_per_year = fields.Integer(allow_none=True)
    capacity_note = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    visibility = fields.String(allow_none=True)
    verification_status = fields.String(allow_none=True)
    capabilities = fields.List(fields.Nested(CapabilityTagSchema))
    supply_chain = fields.Nested(
        SupplyChainSchema, metadata={"description": "Non-red status, derived from the supply-chain declaration."}
    )
    us_market = fields.Nested(
        UsMarketSchema, metadata={"description": "Eligibility for the US market: a Blue UAS listing or all-US parts."}
    )
    certifications = fields.List(
        fields.Nested(CertificationSummarySchema), allow_none=True, metadata={"description": "null when masked."}
    )
    application_areas = fields.List(fields.String(), allow_none=True, metadata={
        "description": "What the firm's description and capability notes say it works on (\"maritime and naval "
                       "drones\"), as the matchmaker reads them to find partners on the same work; null when masked."
    })
    version = fields.Integer()
    created_at = fields.DateTime(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)


class FirmQuerySchema(Schema):
    country = fields.List(CountryCode(), metadata={"description": "Repeat for several countries."})
    capability = fields.String(
        validate=validate.Length(1, 64), metadata={"description": "Taxonomy slug; its descendants match too."}
    )
    role_kind = fields.Enum(RoleKind, by_value=True)
    direction = fields.Enum(Direction, by_value=True, metadata={"description": "With capability and role_kind: one tag matches all."})
    verification_status = fields.Enum(VerificationStatus, by_value=True)
    certification = fields.Enum(
        CertificationKind, by_value=True, metadata={"description": "Holds an unexpired certification of this kind."}
    )
    non_red_status = fields.Enum(NonRedStatus, by_value=True)
    us_market_eligible = fields.Boolean()
    q = fields.String(
        validate=validate.Length(1, 200),
        metadata={"description": "Words found in name, city or description, in any case and with or without accents."},
    )


@blp.route("")
class Firms(MethodView):
    @blp.arguments(FirmQuerySchema, location="query")
    @blp.response(200, FirmSchema(many=True))
    @blp.paginate(max_page_size=100)
    def get(self, query, pagination_parameters):
        """List the firms you may see"""
        actor, filters, window = current_actor(), _filters(query), page_window(pagination_parameters)
        cache: PageCache = current_app.extensions[LIST_CACHE]
        page = None
        if cache.enabled:
            # The lookup takes the generation this request read first thing (with the auth one, in one
            # statement): no page of before a write committed ahead of the request can match it.
            generation = db.generations().get(REGISTRY)
            page = cache.get(firms.list_key(generation=generation, actor=actor, filters=filters, **window))
        if page is None:
            page, key = _render_list_page(actor, filters, window, keyed=cache.enabled)
            cache.put(key, page)
        pagination_parameters.item_count = page.total
        response = current_app.response_class(page.body, mimetype=current_app.json.mimetype)
        response.set_etag(page.etag)  # a GET naming it answers 304 (etag.answer_not_modified)
        return response

    @blp.arguments(FirmCreateSchema)
    @blp.response(201, FirmSchema)
    @documents_errors(blp, 401, 403, 409)
    def post(self, data):
        """Register a firm"""
        firm = firms.register_firm(session=db.session, actor=current_actor(), data=data)
        return firm, created_headers(firm.id, firm.version, "firms.FirmById")


def _render_list_page(
    actor: Actor, filters: firms.FirmFilters, window: dict[str, int], keyed: bool
) -> tuple[Page, Hashable | None]:
    """The page as flask-smorest would answer it for the items, and (if ``keyed``) the key to cache it under.

    The key's generation is read in the session before the page, not taken from the lookup: that is
    the generation the page was rendered in, whatever the session's transaction saw first.
    """
    session = db.session
    key = None
    if keyed:
        generation = firms.registry_generation(session)
        key = firms.list_key(generation=generation, actor=actor, filters=filters, **window)
    items, total = firms.list_firms(session=session, actor=actor, filters=filters, **window)
    body = current_app.json.response(FirmSchema(many=True).dump(items)).get_data()
    return Page(body, total, page_etag(body, total)), key


def _filters(query: dict) -> firms.FirmFilters:
    query = dict(query)
    return firms.FirmFilters(countries=query.pop("country", ()), **query)


class ExportQuerySchema(FirmQuerySchema):
    format = fields.Enum(ExportFormat, by_value=True, load_default=ExportFormat.CSV)


@blp.route("/export")
class FirmExport(MethodView):
    @blp.arguments(ExportQuerySchema, location="query")
    @blp.response(
        200,
        description="The firms you may see, as a file; a discreet firm is masked as in the list.",
        content_type="application/octet-stream",
    )
    def get(self, query):
        """Export the firms you may see, filtered as the list is, as CSV, XLSX or JSON"""
        export_format = query.pop("format")
        content = exports.export_firms(
            session=db.session, actor=current_actor(), filters=_filters(query), format=export_format
        )
        filename = f"matchmaker-firms.{export_format.value}"
        return Response(
            content,
            mimetype=export_format.media_type,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


@blp.route("/<int:firm_id>")
class FirmById(MethodView):
    @blp.response(200, FirmSchema)
    @documents_errors(blp, 404)
    def get(self, firm_id):
        """Read a firm (masked if it is discreet and you may not see who it is)"""
        firm = firms.get_firm(session=db.session, actor=current_actor(), firm_id=firm_id)
        return firm, etag_header(firm.id, firm.version)

    @blp.arguments(FirmInputSchema(partial=True))
    @blp.response(200, FirmSchema)
    @documents_errors(blp, 401, 403, 404, 409)
    @versioned(blp)
    def patch(self, changes, firm_id, expected_version):
        """Change some fields of a firm"""
        firm = firms.update_firm(
            session=db.session,
            actor=current_actor(),
            firm_id=firm_id,
            expected_version=expected_version,
            changes=changes,
        )
        return firm, etag_header(firm.id, firm.version)

    @blp.response(204)
    @documents_errors(blp, 401, 403, 404)
    @versioned(blp)
    def delete(self, firm_id, expected_version):
        """Delete a firm (soft: it leaves every listing, its record is kept)"""
        firms.delete_firm(session=db.session, actor=current_actor(), firm_id=firm_id, expected_version=expected_version)
