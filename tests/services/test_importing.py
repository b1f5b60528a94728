"""Importing member lists through ``import_member_list``; every file is built here, none is committed."""
import csv
import io
import subprocess
import sys
import textwrap

import pytest
import yaml
from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import Session, select

from matchmaker import migrate
from matchmaker.domain.access import Actor
from matchmaker.domain.enums import Direction, JobStatus, Role, Visibility
from matchmaker.domain.errors import Invalid
from matchmaker.extensions import make_engine
from matchmaker.jobs import IMPORT, runner
from matchmaker.models import Contact, DismissedCapability, Firm, FirmCapability, Job
from matchmaker.resources import LEXICON_FILE, TAXONOMY_FILE
from matchmaker.scoring.tagging import Tagger
from matchmaker.services import importing, jobs
from matchmaker.services.firm_capabilities import add_firm_capability, remove_firm_capability, update_firm_capability
from matchmaker.services.firms import register_firm, update_firm
from matchmaker.services.importing import import_member_list
from matchmaker.services.taxonomy import load_taxonomy

ORGANIZER = Actor(user_id=None, role=Role.ORGANIZER)
HEADER = ("Name", "Country", "City", "Website", "Description", "Contact person", "E-mail")
DRONES = "We manufacture FPV drones and brushless motors. Looking for thermal cameras."
GIMBALS = "Gimbals and EO/IR cameras for UAVs."
BAKERY = "Artisan bakery with sourdough bread and wedding cakes."


def csv_bytes(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run(session, data: bytes, filename: str = "members.csv", **options):
    return import_member_list(session=session, data=data, filename=filename, **options)


def rejected(session, data: bytes, filename: str = "members.csv", **options) -> Invalid:
    with pytest.raises(Invalid) as caught:
        run(session, data, filename, **options)
    return caught.value


def by_row(report) -> dict:
    return {row.row: row for row in report.rows}


def firm(session, name: str, country: str = "PL") -> Firm:
    session.expire_all()
    return session.exec(select(Firm).where(Firm.name == name, Firm.country == country, Firm.deleted_at.is_(None))).one()


def firm_count(session, *names: str) -> int:
    query = select(func.count()).select_from(Firm).where(Firm.deleted_at.is_(None))
    if names:
        query = query.where(Firm.name.in_(names))
    return session.scalar(query)


def tags(firm: Firm) -> set[tuple[str, str, bool]]:
    return {(tag.capability.slug, tag.direction.value, tag.inferred) for tag in firm.capabilities}


# --- Statuses and counts ---------------------------------------------------------------------------


def test_a_new_list_creates_a_firm_per_row_with_its_fields_and_contact(session):
    data = csv_bytes([
        ("Alpha Drones", "Poland", "Warszawa", "alpha-drones.example", DRONES, "Jan Kowalski", "jan@alpha-drones.example"),
        ("Beta Gimbals", "TW", "Taichung", "https://beta.example", GIMBALS, "", "sales@beta.example"),
        ("Gamma Bakery", "Czech Republic", "Brno", "", BAKERY, "", ""),
    ])
    report = run(session, data)

    assert [(row.row, row.name, row.status) for row in report.rows] == [
        (2, "Alpha Drones", "created"), (3, "Beta Gimbals", "created"), (4, "Gamma Bakery", "created"),
    ]
    assert report.counts == {"rows": 3, "created": 3, "updated": 0, "unchanged": 0, "accepted": 0, "rejected": 0, "tagged": 2}
    assert report.written and not report.dry_run and not report.strict
    alpha = firm(session, "Alpha Drones")
    assert report.rows[0].firm_id == alpha.id
    assert (alpha.city, alpha.website, alpha.description) == ("Warszawa", "https://alpha-drones.example", DRONES)
    assert sorted(alpha.imported_fields) == ["city", "description", "visibility", "website"]
    assert [(c.name, c.email) for c in alpha.contacts] == [("Jan Kowalski", "jan@alpha-drones.example")]
    # Without a contact person, the e-mail address names the contact.
    assert [(c.name, c.email) for c in firm(session, "Beta Gimbals", "TW").contacts] == [
        ("sales@beta.example", "sales@beta.example")
    ]
    gamma = firm(session, "Gamma Bakery", "CZ")
    assert (gamma.website, gamma.contacts, sorted(gamma.imported_fields)) == (None, [], ["city", "description", "visibility"])


def test_the_same_file_again_changes_nothing(session):
    data = csv_bytes([
        ("Alpha Drones", "PL", "Warszawa", "alpha.example", DRONES, "Jan Kowalski", "jan@alpha.example"),
        ("Beta Gimbals", "TW", "Taichung", "", GIMBALS, "", ""),
    ])
    first = run(session, data)
    version = firm(session, "Alpha Drones").version

    again = run(session, data)

    assert [row.status for row in again.rows] == ["unchanged", "unchanged"]
    assert again.counts == {"rows": 2, "created": 0, "updated": 0, "unchanged": 2, "accepted": 0, "rejected": 0, "tagged": 2}
    assert [row.firm_id for row in again.rows] == [row.firm_id for row in first.rows]
    alpha = firm(session, "Alpha Drones")
    assert alpha.version == version
    assert len(alpha.contacts) == 1 and len(alpha.capabilities) == 3
    assert firm_count(session) == 2


def test_an_updated_file_updates_the_firms_it_created_matched_by_normalised_name_and_country(session):
    run(session, csv_bytes([
        ("Alpha Drones", "PL", "Warszawa", "", DRONES, "", ""),
        ("Beta Gimbals", "TW", "Taichung", "", GIMBALS, "", ""),
    ]))
    before = firm(session, "Alpha Drones")
    version, firm_id = before.version, before.id

    report = run(session, csv_bytes([
        ("ALPHA  DRONES", "Polska", "Kraków", "", DRONES, "", ""),  # same firm, written differently
        ("Beta Gimbals", "Taiwan", "Taichung", "", GIMBALS, "", ""),
        ("Alpha Drones", "UA", "Kyiv", "", "", "", ""),  # the same name in another country is another firm
    ]))

    assert [row.status for row in report.rows] == ["updated", "unchanged", "created"]
    assert report.rows[0].firm_id == firm_id
    alpha = session.get(Firm, firm_id)
    assert (alpha.name, alpha.city, alpha.version) == ("Alpha Drones", "Kraków", version + 1)
    assert "krakow" in alpha.search_key
    assert firm_count(session) == 3


def test_an_xlsx_list_is_imported_with_excel_row_numbers(session):
    data = xlsx_bytes([
        ("Alpha Drones", "PL", "Warszawa", "", DRONES, "", ""),
        (None, None, None, None, None, None, None),
        ("", "PL", "Gdańsk", "", "", "", ""),
        ("Beta Gimbals", "Taiwan", "", "", GIMBALS, "", ""),
    ])
    report = run(session, data, "members.xlsx")
    assert [(row.row, row.status) for row in report.rows] == [(2, "created"), (4, "rejected"), (5, "created")]
    assert firm(session, "Beta Gimbals", "TW").description == GIMBALS


# --- Rejected rows ---------------------------------------------------------------------------------


def test_rejected_rows_say_why_with_the_row_numbers_of_the_file(session):
    data = csv_bytes([
        ("Alpha Drones", "PL", "", "", "Line one of the profile.\nLine two: we make gimbals.", "", ""),  # row 2, two lines
        ("", "PL", "Gdańsk", "", "", "", ""),  # row 3
        (),  # row 4, blank: skipped but numbered
        ("Narnia Aero", "Narnia", "", "", "", "", ""),  # row 5
        ("Berlin UAV", "Germany", "", "", "", "", ""),  # row 6
        ("No Country Ltd", "", "", "", "", "", ""),  # row 7
        ("Border Drones", "Poland / Ukraine", "", "", "", "", ""),  # row 8
        ("Beta Gimbals", "TW", "", "", GIMBALS, "", ""),  # row 9
    ])
    report = run(session, data)

    rows = by_row(report)
    assert sorted(rows) == [2, 3, 5, 6, 7, 8, 9]
    assert [rows[n].status for n in (2, 9)] == ["created", "created"]
    assert rows[3].reasons == ["No name."]
    assert rows[5].name == "Narnia Aero" and rows[5].reasons == ['country: "Narnia" is not a country name or code we know.']
    assert rows[6].reasons == ["country: DE is not a participating country (TW, PL, UA, CZ, US)."]
    assert rows[7].reasons == ["country: No country given."]
    assert len(rows[8].reasons) == 1 and "more than one country" in rows[8].reasons[0]
    assert all(rows[n].status == "rejected" and rows[n].firm_id is None for n in (3, 5, 6, 7, 8))
    assert report.counts == {"rows": 7, "created": 2, "updated": 0, "unchanged": 0, "accepted": 0, "rejected": 5, "tagged": 2}
    assert firm_count(session) == 2


def test_a_row_without_name_and_country_gets_both_reasons(session):
    report = run(session, csv_bytes([("", "", "Gdańsk", "", "", "", ""), ("Alpha Drones", "PL", "", "", "", "", "")]))
    assert report.rows[0].reasons == ["country: No country given.", "No name."]


def test_the_same_firm_twice_in_one_file_is_rejected_the_second_time(session):
    data = csv_bytes([
        ("Alpha Drones", "PL", "Warszawa", "", DRONES, "", ""),
        ("Beta Gimbals", "TW", "", "", GIMBALS, "", ""),
        ("alpha drones", "Polska", "Łódź", "", "", "", ""),
        ("Alpha Drones", "CZ", "Praha", "", "", "", ""),
    ])
    report = run(session, data)

    assert [(row.row, row.status) for row in report.rows] == [(2, "created"), (3, "created"), (4, "rejected"), (5, "created")]
    assert report.rows[2].reasons == ["The same firm as row 2."]
    assert firm(session, "Alpha Drones").city == "Warszawa"
    assert firm_count(session, "Alpha Drones", "alpha drones") == 2  # PL and CZ


def test_unknown_columns_are_reported_not_read(session):
    header = ("Company", "Country", "Fax", "Founded")
    report = run(session, csv_bytes([("Alpha Drones", "PL", "+48 22 000", "1999")], header=header))
    assert report.unknown_columns == ["Fax", "Founded"]
    assert report.rows[0].status == "created"


def test_an_unreadable_file_raises_the_readers_message(session):
    error = rejected(session, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "members.csv")
    assert error.message and "Nothing imported" not in error.message
    error = rejected(session, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "members.xls")
    assert ".xls files cannot be read" in error.message
    assert firm_count(session) == 0


# --- Visibility --------------------------------------------------------------------------------------


def test_an_imported_firm_is_for_members_only_without_a_visibility_column(session):
    run(session, csv_bytes([("Alpha Drones", "PL", "", "", "", "", "")]))
    alpha = firm(session, "Alpha Drones")
    assert alpha.visibility == Visibility.MEMBERS
    # The default is nobody's choice, so a later file with a visibility column may still set it.
    assert "visibility" in alpha.imported_fields


def test_a_visibility_column_sets_each_firms_visibility(session):
    header = ("Name", "Country", "Visibility")
    report = run(session, csv_bytes([
        ("Alpha Drones", "PL", "public"),
        ("Beta Gimbals", "PL", "Discreet"),
        ("Gamma Bakery", "PL", ""),
        ("Delta Optics", "PL", "secret"),
    ], header=header))

    assert firm(session, "Alpha Drones").visibility == Visibility.PUBLIC
    assert firm(session, "Beta Gimbals").visibility == Visibility.DISCREET
    assert firm(session, "Gamma Bakery").visibility == Visibility.MEMBERS
    assert firm(session, "Delta Optics").visibility == Visibility.MEMBERS
    assert report.rows[3].status == "created"
    assert report.rows[3].warnings == ["visibility: 'secret' is not public, members or discreet; kept members."]
    assert "visibility" in firm(session, "Alpha Drones").imported_fields


# --- Warnings ----------------------------------------------------------------------------------------


def test_a_bad_email_is_left_out_with_a_warning_and_the_row_is_imported(session):
    report = run(session, csv_bytes([
        ("Alpha Drones", "PL", "", "", "", "Jan Kowalski", "jan at alpha dot pl"),
        ("Beta Gimbals", "PL", "", "", "", "", "not-an-address"),
    ]))
    assert [row.status for row in report.rows] == ["created", "created"]
    assert report.rows[0].warnings == ["email: 'jan at alpha dot pl' is not an e-mail address; left out."]
    assert [(c.name, c.email) for c in firm(session, "Alpha Drones").contacts] == [("Jan Kowalski", None)]
    assert firm(session, "Beta Gimbals").contacts == []  # nothing left to name a contact by


def test_a_capability_read_loosely_is_imported_with_a_warning_to_check_it(session):
    description = "FPV simulators for pilot training: VR-ready, custom maps of real terrain."
    report = run(session, csv_bytes([("Alpha Sims", "PL", "", "", description, "", "")]))
    [row] = report.rows
    assert row.status == "created" and "offers visual-navigation" in row.capabilities
    assert row.warnings == ['capabilities: offers visual-navigation guessed from "maps of real terrain", which the '
                            "lexicon does not list; check it."]


def test_over_long_text_is_cut_with_a_warning(session):
    description = "We make gimbals. " + "x" * 12_000
    report = run(session, csv_bytes([("Alpha Drones", "PL", "C" * 150, "", description, "", "")]))
    [row] = report.rows
    assert row.status == "created"
    assert row.warnings == ["city: cut to 120 characters.", "description: cut to 10000 characters."]
    alpha = firm(session, "Alpha Drones")
    assert (len(alpha.city), len(alpha.description)) == (120, 10_000)
    assert row.capabilities == ["offers gimbals"]



def test_an_over_long_bare_website_is_cut_to_the_column_size(session):
    report = run(session, csv_bytes([("Alpha Drones", "PL", "", "w" * 400 + ".example", "", "", "")]))
    assert report.rows[0].warnings == ["website: cut to 300 characters."]
    assert len(firm(session, "Alpha Drones").website) <= 300  # Firm.website is VARCHAR(300)



def test_an_over_long_email_does_not_exceed_the_column_size(session):
    report = run(session, csv_bytes([("Alpha Drones", "PL", "", "", "", "Jan", "j" * 300 + "@alpha.example")]))
    assert report.rows[0].status == "created"
    assert all(len(c.email or "") <= 254 for c in firm(session, "Alpha Drones").contacts)  # VARCHAR(254)
    assert report.rows[0].warnings  # cut or left out, the report says so



def test_a_long_name_that_normalises_longer_still_fits_its_key(session):
    name = "Straße " * 28  # 196 characters; search_key makes each ß "ss"
    report = run(session, csv_bytes([(name, "PL", "", "", "", "", "")]))
    assert report.rows[0].status == "created"
    assert len(session.get(Firm, report.rows[0].firm_id).name_key) <= 200


def test_a_country_read_with_extra_words_is_accepted_with_a_warning(session):
    report = run(session, csv_bytes([
        ("Alpha Drones", "Warsaw, Poland", "", "", "", "", ""),
        ("Beta Gimbals", "Taiwan (R.O.C.)", "", "", "", "", ""),
    ]))
    assert [row.status for row in report.rows] == ["created", "created"]
    assert report.rows[0].warnings == ['country: Read "Warsaw, Poland" as Poland (PL), ignoring "Warsaw".']
    assert firm(session, "Alpha Drones").country == "PL"
    assert firm(session, "Beta Gimbals", "TW").country == "TW"


# --- Capabilities --------------------------------------------------------------------------------------


def test_descriptions_are_tagged_as_inferred_capabilities_with_their_direction(session):
    report = run(session, csv_bytes([("Alpha Drones", "PL", "", "", DRONES, "", "")]))
    assert report.rows[0].capabilities == ["offers fpv-drones", "offers brushless-motors", "seeks thermal-imagers"]
    alpha = firm(session, "Alpha Drones")
    assert tags(alpha) == {
        ("fpv-drones", "offers", True), ("brushless-motors", "offers", True), ("thermal-imagers", "seeks", True),
    }
    thermal = next(tag for tag in alpha.capabilities if tag.capability.slug == "thermal-imagers")
    assert thermal.direction == Direction.SEEKS and thermal.role_kind == thermal.capability.role_kind


def test_offers_and_seeks_columns_give_their_direction_to_every_capability_in_them(session):
    """Bare items carry no cue words; a cue would not reach past a semicolon either."""
    header = ("Firma", "Kraj", "Opis", "We offer", "Products", "Looking for")
    row = ("Gamma Optics", "Polska", "Optics for drones.", "Thermal imagers; gimbals", "Datalinks",
           "Swarming software; brushless motors")
    report = run(session, csv_bytes([row], header=header))
    gamma = firm(session, "Gamma Optics")
    assert tags(gamma) >= {("thermal-imagers", "offers", True), ("gimbals", "offers", True),
                           ("swarming", "seeks", True), ("brushless-motors", "seeks", True)}
    assert ("brushless-motors", "offers", True) not in tags(gamma)
    assert gamma.description == (
        "Optics for drones.\n\nDatalinks\n\nOffers: Thermal imagers; gimbals.\n\nSeeks: Swarming software; brushless motors."
    )
    assert report.rows[0].capabilities.count("seeks brushless-motors") == 1


def test_a_capability_in_both_the_description_and_its_column_is_tagged_once(session):
    header = ("Name", "Country", "Description", "Offers")
    run(session, csv_bytes([("Delta Motors", "CZ", "We make brushless motors.", "brushless motors")], header=header))
    assert tags(firm(session, "Delta Motors", "CZ")) == {("brushless-motors", "offers", True)}


def test_the_report_counts_tagged_rows_and_lists_the_untagged_ones(session):
    report = run(session, csv_bytes([
        ("Alpha Drones", "PL", "", "", DRONES, "", ""),  # 2
        ("Gamma Bakery", "PL", "", "", BAKERY, "", ""),  # 3
        ("", "PL", "", "", DRONES, "", ""),  # 4: rejected, so neither tagged nor untagged
        ("Delta Law", "CZ", "", "", "", "", ""),  # 5: no description
        ("Beta Gimbals", "TW", "", "", GIMBALS, "", ""),  # 6
    ]))
    assert report.counts["tagged"] == 2
    assert report.untagged_rows == [3, 5]
    assert report.as_dict()["untagged_rows"] == [3, 5]
    assert firm(session, "Gamma Bakery").capabilities == []


# --- Provenance: what a person entered stays ------------------------------------------------------------


def test_a_re_import_keeps_the_city_a_person_set_and_refreshes_what_is_still_imported(session):
    run(session, csv_bytes([("Alpha Drones", "PL", "Warszawa", "alpha.example", DRONES, "", "")]))
    alpha = firm(session, "Alpha Drones")
    update_firm(session=session, actor=ORGANIZER, firm_id=alpha.id, expected_version=alpha.version, changes={"city": "Kraków"})
    assert sorted(firm(session, "Alpha Drones").imported_fields) == ["description", "visibility", "website"]

    report = run(session, csv_bytes([("Alpha Drones", "PL", "Gdańsk", "alpha-drones.example", GIMBALS, "", "")]))

    assert report.rows[0].status == "updated"
    alpha = firm(session, "Alpha Drones")
    assert alpha.city == "Kraków"
    assert (alpha.website, alpha.description) == ("https://alpha-drones.example", GIMBALS)
    assert "city" not in alpha.imported_fields


def test_an_import_fills_only_the_empty_fields_of_a_firm_a_person_registered(session):
    register_firm(session=session, actor=ORGANIZER, data={
        "name": "Alpha Drones", "country": "PL", "visibility": Visibility.PUBLIC, "description": "Our own words.",
    })
    report = run(session, csv_bytes([("alpha drones", "PL", "Warszawa", "", DRONES, "", "")]))

    assert report.rows[0].status == "updated"
    alpha = firm(session, "Alpha Drones")
    assert (alpha.city, alpha.description, alpha.visibility) == ("Warszawa", "Our own words.", Visibility.PUBLIC)
    assert alpha.imported_fields == ["city"]


def test_a_confirmed_tag_survives_a_re_import_that_no_longer_mentions_it_and_a_stale_inferred_tag_goes(session):
    run(session, csv_bytes([("Alpha Drones", "PL", "", "", DRONES, "", "")]))
    alpha = firm(session, "Alpha Drones")
    fpv = next(tag for tag in alpha.capabilities if tag.capability.slug == "fpv-drones")
    update_firm_capability(
        session=session, actor=ORGANIZER, firm_id=alpha.id, tag_id=fpv.id, expected_version=None,
        changes={"note": "Confirmed at the fair"},
    )

    report = run(session, csv_bytes([("Alpha Drones", "PL", "", "", GIMBALS, "", "")]))

    assert report.rows[0].status == "updated"
    assert tags(firm(session, "Alpha Drones")) == {
        ("fpv-drones", "offers", False),  # the person's
        ("gimbals", "offers", True), ("eo-ir-cameras", "offers", True),  # the new text's
    }


def test_a_re_import_does_not_duplicate_a_tag_a_person_already_set(session):
    run(session, csv_bytes([("Alpha Drones", "PL", "", "", GIMBALS, "", "")]))
    alpha = firm(session, "Alpha Drones")
    gimbals = next(tag for tag in alpha.capabilities if tag.capability.slug == "gimbals")
    update_firm_capability(
        session=session, actor=ORGANIZER, firm_id=alpha.id, tag_id=gimbals.id, expected_version=None, changes={},
    )
    run(session, csv_bytes([("Alpha Drones", "PL", "", "", GIMBALS + " We make gimbals.", "", "")]))
    assert sorted(tags(firm(session, "Alpha Drones"))) == [("eo-ir-cameras", "offers", True), ("gimbals", "offers", False)]



def test_a_tag_a_person_removed_is_not_inferred_again_until_a_person_adds_it_back(session):
    run(session, csv_bytes([("Alpha Drones", "PL", "", "", DRONES, "", "")]))
    alpha = firm(session, "Alpha Drones")
    motors = next(tag for tag in alpha.capabilities if tag.capability.slug == "brushless-motors")
    remove_firm_capability(session=session, actor=ORGANIZER, firm_id=alpha.id, tag_id=motors.id, expected_version=None)

    report = run(session, csv_bytes([("Alpha Drones", "PL", "", "", DRONES, "", "")]))
    assert report.rows[0].status == "unchanged"
    assert ("brushless-motors", "offers", True) not in tags(firm(session, "Alpha Drones"))

    add_firm_capability(session=session, actor=ORGANIZER, firm_id=alpha.id, expected_version=None,
                        data={"slug": "brushless-motors", "direction": Direction.OFFERS})
    assert not session.exec(select(DismissedCapability)).all()
    assert ("brushless-motors", "offers", False) in tags(firm(session, "Alpha Drones"))


def test_a_re_import_that_changes_only_the_tags_reports_the_firm_updated(session):
    data = csv_bytes([("Alpha Drones", "PL", "", "", DRONES, "", "")])
    run(session, data)
    version = firm(session, "Alpha Drones").version
    lexicon = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    del lexicon["capabilities"]["thermal-imagers"]  # say the lexicon changed between the imports
    narrower = Tagger(yaml.safe_load(TAXONOMY_FILE.read_text(encoding="utf-8")), lexicon)

    report = run(session, data, tagger=narrower)

    alpha = firm(session, "Alpha Drones")
    assert "thermal-imagers" not in {slug for slug, _direction, _inferred in tags(alpha)}  # the tags did change
    assert report.rows[0].status == "updated"
    assert alpha.version == version + 1


# --- Dry run and strict mode ----------------------------------------------------------------------------


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(session):
    run(session, csv_bytes([("Alpha Drones", "PL", "Warszawa", "", DRONES, "", "")]))
    version = firm(session, "Alpha Drones").version
    data = csv_bytes([
        ("Alpha Drones", "PL", "Kraków", "", GIMBALS, "Jan", "jan@alpha.example"),
        ("Beta Gimbals", "TW", "", "", GIMBALS, "", ""),
        ("", "PL", "", "", "", "", ""),
    ])

    report = run(session, data, dry_run=True)

    assert report.dry_run and not report.written
    assert [row.status for row in report.rows] == ["updated", "created", "rejected"]
    assert report.rows[1].capabilities == ["offers gimbals", "offers eo-ir-cameras"]
    alpha = firm(session, "Alpha Drones")
    assert (alpha.city, alpha.description, alpha.version, alpha.contacts) == ("Warszawa", DRONES, version, [])
    assert {slug for slug, _d, _i in tags(alpha)} == {"fpv-drones", "brushless-motors", "thermal-imagers"}
    assert firm_count(session) == 1


def test_strict_mode_with_one_bad_row_writes_nothing_and_raises_with_the_report(session):
    data = csv_bytes([
        ("Alpha Drones", "PL", "", "", DRONES, "", ""),
        ("Berlin UAV", "Germany", "", "", "", "", ""),
        ("Beta Gimbals", "TW", "", "", GIMBALS, "", ""),
    ])
    error = rejected(session, data, strict=True)

    assert error.message.startswith("Nothing imported")
    report = error.details["report"]
    assert report["strict"] and not report["written"]
    assert {row["row"]: row["reasons"] for row in report["rows"] if row["reasons"]} == {
        3: ["country: DE is not a participating country (TW, PL, UA, CZ, US)."]
    }
    assert firm_count(session) == 0



def test_a_strict_failure_counts_only_the_bad_rows_as_rejected(session):
    data = csv_bytes([
        ("Alpha Drones", "PL", "", "", DRONES, "", ""),
        ("Berlin UAV", "Germany", "", "", "", "", ""),
        ("Beta Gimbals", "TW", "", "", GIMBALS, "", ""),
    ])
    error = rejected(session, data, strict=True)
    assert "1 rows were rejected" in error.message
    report = error.details["report"]
    assert report["counts"]["rejected"] == 1  # as the message says; the report says 3
    assert [row["status"] for row in report["rows"]].count("rejected") == 1



def test_strict_mode_with_every_row_good_imports_them_all(session):
    report = run(session, csv_bytes([("Alpha Drones", "PL", "", "", "", "", ""), ("Beta Gimbals", "TW", "", "", "", "", "")]), strict=True)
    assert report.written and report.counts["created"] == 2


def test_a_file_whose_every_row_is_rejected_raises_with_the_report(session):
    error = rejected(session, csv_bytes([("", "PL", "", "", "", "", ""), ("Berlin UAV", "DE", "", "", "", "", "")]))
    assert error.message == "Nothing imported: every row was rejected."
    report = error.details["report"]
    assert report["counts"]["rejected"] == 2 and not report["written"]
    assert [row["reasons"] for row in report["rows"]] == [
        ["No name."], ["country: DE is not a participating country (TW, PL, UA, CZ, US)."]
    ]
    assert firm_count(session) == 0


def test_progress_is_reported_while_checking_and_before_writing(session, monkeypatch):
    monkeypatch.setattr(importing, "PROGRESS_EVERY", 2)
    heard = []
    run(session, _members(5), progress=lambda fraction, note=None: heard.append((round(fraction, 2), note)))
    assert heard == [(0.36, "checked 2 of 5 rows"), (0.72, "checked 4 of 5 rows"), (0.9, "writing 5 firms")]


# --- Atomicity ----------------------------------------------------------------------------------------


def _failing_after(monkeypatch, calls: int):
    """Make the write phase raise on its ``calls``-th contact, after the firms were flushed."""
    original = importing._contact_row
    seen = []

    def contact_row(*args, **kwargs):
        seen.append(1)
        if len(seen) >= calls:
            raise RuntimeError("the disk is full")
        return original(*args, **kwargs)

    monkeypatch.setattr(importing, "_contact_row", contact_row)
    return seen


def _members(count: int) -> bytes:
    return csv_bytes([(f"Member {n}", "PL", "Kraków", "", GIMBALS, f"Person {n}", f"p{n}@member.example") for n in range(count)])


def test_a_failure_mid_write_leaves_no_row_of_the_file_half_imported(session, monkeypatch):
    run(session, csv_bytes([("Member 0", "PL", "Warszawa", "", DRONES, "", "")]))
    seen = _failing_after(monkeypatch, calls=5)

    with pytest.raises(RuntimeError, match="disk is full"):
        run(session, _members(8))
    session.rollback()  # what closing the session does, as the job runner's does

    assert len(seen) == 5  # it failed after firms were flushed, not before
    assert firm_count(session) == 1
    member = firm(session, "Member 0")
    assert (member.city, member.description) == ("Warszawa", DRONES)  # the update of row 2 went too
    assert session.scalar(select(func.count()).select_from(Contact)) == 0
    assert {slug for slug, _d, _i in tags(member)} == {"fpv-drones", "brushless-motors", "thermal-imagers"}


def test_a_failure_mid_write_fails_the_import_job_and_keeps_nothing(session, monkeypatch):
    _failing_after(monkeypatch, calls=5)
    job = jobs.create_job(session=session, actor=ORGANIZER, kind=IMPORT, params={}, file=("members.csv", _members(8)))
    runner.run(job.id)
    session.expire_all()
    job = session.get(Job, job.id)
    assert job.status == JobStatus.FAILED and "disk is full" not in job.error
    assert firm_count(session) == 0


KILLED_WORKER = textwrap.dedent(
    """
    import os, signal, sys
    from matchmaker import create_app
    from matchmaker.extensions import db
    from matchmaker.services import importing

    calls = []

    def contact_row(*args, **kwargs):
        calls.append(1)
        if len(calls) == 40:  # dozens of firms flushed, the transaction open
            os.kill(os.getpid(), signal.SIGKILL)

    importing._contact_row = contact_row
    app = create_app({"DATABASE_URL": sys.argv[1], "JOBS_MODE": "inline"})
    with app.app_context(), db.new_session() as session:
        importing.import_member_list(session=session, data=open(sys.argv[2], "rb").read(), filename="members.csv")
    """
)


def test_a_kill_mid_write_leaves_no_row_imported(tmp_path):
    """A real process is killed with SIGKILL inside the write phase; the database holds no firm of the file."""
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    engine = make_engine(url)  # not create_app: that would rebind the suite's database extension
    migrate.upgrade(engine)
    with Session(engine) as session:
        load_taxonomy(session=session, path=TAXONOMY_FILE)
    members = tmp_path / "members.csv"
    members.write_bytes(_members(100))

    worker = subprocess.run([sys.executable, "-c", KILLED_WORKER, url, str(members)], capture_output=True, timeout=120)

    assert worker.returncode == -9, worker.stderr.decode()
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Firm)) == 0
        assert session.scalar(select(func.count()).select_from(FirmCapability)) == 0
    engine.dispose()
