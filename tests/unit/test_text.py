"""Search keys and country lists: the normal forms search and settings rely on."""
import pytest

from matchmaker.domain.countries import parse_country_list
from matchmaker.domain.text import search_key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Kraków", "krakow"),
        ("KRAKOW", "krakow"),
        ("Łódź", "lodz"),
        ("ŁÓDŹ", "lodz"),
        ("Ærø Øresund", "aero oresund"),
        ("雷虎科技", "雷虎科技"),
        ("Київ", "киів"),  # case-folded, with the diaeresis folded away as Latin accents are
        ("КИЇВ", "киів"),
        ("Alpha--Beta,  Gamma!!", "alpha beta gamma"),
        ("snake_case_name", "snake case name"),
        ("  ...padded...  ", "padded"),
        ("Straße", "strasse"),
        (None, ""),
        ("", ""),
        ("?!", ""),
    ],
)
def test_search_key(text, key):
    assert search_key(text) == key


def test_search_key_keeps_words_of_a_company_name():
    assert "thunder tiger" in search_key("THUNDER TIGER Corp.")


def test_search_key_keeps_chinese_next_to_latin():
    assert search_key("雷虎科技 Thunder-Tiger") == "雷虎科技 thunder tiger"


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("TW,PL,UA", ("TW", "PL", "UA")),
        (" tw, pl ,Ua ", ("TW", "PL", "UA")),
        ("CZ,", ("CZ",)),
    ],
)
def test_parse_country_list(text, codes):
    assert parse_country_list(text) == codes


@pytest.mark.parametrize("text", ["", " , ", "POL", "P1", "TW;PL", "TW,Taiwan"])
def test_parse_country_list_rejects_anything_but_alpha_2_codes(text):
    with pytest.raises(ValueError, match="alpha-2"):
        parse_country_list(text)
