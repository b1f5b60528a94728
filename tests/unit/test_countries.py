"""Reading the countries people type into member-list spreadsheets."""
import ast
import sys
from pathlib import Path

import pytest

from matchmaker.config import Settings
from matchmaker.domain import countries as countries_module
from matchmaker.domain.countries import CountryReading, country_name, parse_country_list, read_country
from matchmaker.domain.country_data import COUNTRIES
from matchmaker.domain.errors import Invalid

TAIWAN = [
    "Taiwan", "taiwan", "TAIWAN", "Republic of China", "REPUBLIC OF CHINA", "ROC", "roc", "R.O.C.", "R.O.C",
    "Taiwan, Province of China", "Taiwan (Province of China)", "Taiwan Province of China", "TW", "tw", "TWN",
    "Taiwan ROC", "Taiwan, R.O.C.", "Taiwan (R.O.C.)", "ROC (Taiwan)", "Republic of China (Taiwan)",
    "China, Republic of", "Chinese Taipei", "台灣", "臺灣", "中華民國", "Тайвань", "Tajwan",
]


@pytest.mark.parametrize("cell", TAIWAN)
def test_taiwan_is_read_as_taiwan_and_never_as_china(cell):
    assert read_country(cell) == CountryReading("TW")


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        # Czechia
        ("Czech Republic", "CZ"), ("Czechia", "CZ"), ("ČR", "CZ"), ("čr", "CZ"), ("Česko", "CZ"), ("cesko", "CZ"),
        ("CESKO", "CZ"), ("Česká republika", "CZ"), ("Czech Rep.", "CZ"), ("czech-republic", "CZ"), ("CZ", "CZ"),
        ("CZE", "CZ"), ("Czechy", "CZ"),
        # United States
        ("USA", "US"), ("U.S.A.", "US"), ("U. S. A.", "US"), ("usa", "US"), ("US", "US"), ("U.S.", "US"),
        ("us", "US"), ("United States of America", "US"), ("United States", "US"), ("UNITED STATES", "US"),
        ("the United States", "US"), ("America", "US"), ("Stany Zjednoczone", "US"), ("美國", "US"),
        # Poland
        ("Poland", "PL"), ("Polska", "PL"), ("POLSKA", "PL"), ("PL", "PL"), ("pl", "PL"), ("POL", "PL"),
        ("pol", "PL"), ("Polsko", "PL"), ("  Poland  ", "PL"), ("Poland.", "PL"), ("Polska (PL)", "PL"),
        # Ukraine
        ("Ukraine", "UA"), ("Україна", "UA"), ("УКРАЇНА", "UA"), ("Ukraina", "UA"), ("UA", "UA"), ("UKR", "UA"),
        # China and its special regions
        ("China", "CN"), ("PRC", "CN"), ("P.R.C.", "CN"), ("People's Republic of China", "CN"),
        ("Peoples Republic of China", "CN"), ("P.R. China", "CN"), ("CN", "CN"), ("CHN", "CN"), ("中国", "CN"),
        ("Hong Kong", "HK"), ("Hong Kong SAR", "HK"), ("Hong Kong, China", "HK"), ("Hong Kong (China)", "HK"),
        ("HK", "HK"), ("Macau", "MO"), ("Macao", "MO"),
        # Others, in ISO and everyday forms
        ("Germany", "DE"), ("GERMANY", "DE"), ("Deutschland", "DE"), ("DEU", "DE"), ("United Kingdom", "GB"),
        ("UK", "GB"), ("U.K.", "GB"), ("Great Britain", "GB"), ("The Netherlands", "NL"), ("Holland", "NL"),
        ("South Korea", "KR"), ("Korea, Republic of", "KR"), ("Republic of Korea", "KR"), ("North Korea", "KP"),
        ("DPRK", "KP"), ("Russia", "RU"), ("Russian Federation", "RU"), ("Belarus", "BY"), ("BY", "BY"),
        ("Türkiye", "TR"), ("Turkey", "TR"), ("Côte d'Ivoire", "CI"), ("Cote dIvoire", "CI"), ("Ivory Coast", "CI"),
        ("Viet Nam", "VN"), ("Vietnam", "VN"), ("Slovakia", "SK"), ("Georgia", "GE"), ("AND", "AD"), ("IN", "IN"),
    ],
)
def test_names_codes_and_variants(cell, code):
    assert read_country(cell) == CountryReading(code)


def test_every_iso_name_and_code_reads_back():
    for alpha_2, (alpha_3, name, others) in COUNTRIES.items():
        if alpha_2 == "CR":
            continue  # refused on purpose: see test_bare_cr_is_ambiguous
        for cell in (alpha_2, alpha_3, alpha_3.lower(), name, name.upper(), *others):
            assert read_country(cell) == CountryReading(alpha_2), cell


@pytest.mark.parametrize(
    ("cell", "code", "ignored"),
    [
        ("USA (HQs in US and Germany)", "US", "(HQs in US and Germany)"),
        ("Warsaw, Poland", "PL", "Warsaw"),
        ("WARSZAWA, POLSKA", "PL", "WARSZAWA"),
        ("Poland, Warsaw office", "PL", "Warsaw office"),
        ("Kyiv (Ukraine)", "UA", "Kyiv"),
        ("Brno, ČR", "CZ", "Brno"),
        ("Taipei City, Taiwan (R.O.C.)", "TW", "Taipei City"),
        ("Atlanta, Georgia, USA", "US", "Atlanta, Georgia"),
        ("New Mexico, USA", "US", "New Mexico"),
        ("made in usa", "US", "made in"),
        ("MADE IN POLAND", "PL", "MADE IN"),
        ("Made by DroneCo, Poland", "PL", "Made by DroneCo"),
        ("Minsk, BY", "BY", "Minsk"),
        ("Kraków, pl", "PL", "Kraków"),
    ],
)
def test_a_country_among_other_words_is_read_with_a_warning_naming_them(cell, code, ignored):
    reading = read_country(cell)
    assert reading.code == code
    assert reading.warning == f'Read "{cell}" as {country_name(code)} ({code}), ignoring "{ignored}".'


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("Poland / Ukraine", "names more than one country (Poland (PL), Ukraine (UA))"),
        ("Poland and Ukraine", "names more than one country"),
        ("Poland, Ukraine", "names more than one country"),
        ("Polska i Ukraina", "names more than one country"),
        ("USA/Canada", "names more than one country (United States (US), Canada (CA))"),
        ("UA, BY", "names more than one country"),
        ("pl ua", "names more than one country"),
        ("Warsaw, Poland / Kyiv, Ukraine", "names more than one country"),
        ("China (Taiwan)", "names both Taiwan and China"),
        ("Taiwan, China", "names both Taiwan and China"),
        ("Taiwan / PRC", "names both Taiwan and China"),
        ("CR", "is ambiguous: CR is Costa Rica, ČR the Czech Republic"),
        ("Brno, CR", "is ambiguous"),
        ("Narnia", "is not a country name or code we know"),
        ("North America", "is not a country name or code we know"),
        ("European Union", "is not a country name or code we know"),
        ("Europe", "is not a country name or code we know"),
        ("123", "is not a country name or code we know"),
        ("!!!", "is not a country name or code"),
        ("", "No country given."),
        ("   ", "No country given."),
        (None, "No country given."),
    ],
)
def test_ambiguous_and_unknown_cells_are_refused_with_a_reason(cell, reason):
    with pytest.raises(Invalid) as caught:
        read_country(cell)
    assert reason in caught.value.message
    assert caught.value.fields == {"country": [caught.value.message]}


def test_the_reason_goes_under_the_field_the_caller_names():
    with pytest.raises(Invalid) as caught:
        read_country("Atlantis", field="rows.7.country")
    assert list(caught.value.fields) == ["rows.7.country"]


def test_participation_is_one_membership_test_against_the_settings():
    participating = Settings().countries
    assert read_country("Česko").code in participating
    assert read_country("Republic of China").code in participating
    assert read_country("PRC").code not in participating
    assert read_country("Deutschland").code not in participating


def test_country_name():
    assert country_name("TW") == "Taiwan"
    assert country_name("cz") == "Czechia"
    assert country_name("US") == "United States"
    assert country_name("XX") == "XX"


def test_parse_country_list_is_unchanged():
    assert parse_country_list("TW, pl,UA") == ("TW", "PL", "UA")
    with pytest.raises(ValueError):
        parse_country_list("Poland")


@pytest.mark.parametrize("module", ["countries.py", "country_data.py"])
def test_country_reading_needs_only_the_standard_library(module):
    tree = ast.parse(Path(countries_module.__file__).with_name(module).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    outside = {name for name in imported if name.split(".")[0] not in sys.stdlib_module_names}
    assert all(name.startswith("matchmaker.domain") for name in outside), outside
