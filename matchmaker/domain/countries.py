"""Country codes the registry accepts, and reading the country names people type into spreadsheets."""
import re
from dataclasses import dataclass
from functools import lru_cache

from matchmaker.domain.country_data import COUNTRIES
from matchmaker.domain.errors import Invalid
from matchmaker.domain.text import search_key

_ALPHA_2 = re.compile(r"^[A-Z]{2}$")


def parse_country_list(text: str) -> tuple[str, ...]:
    """Read "TW, pl,UA" as ("TW", "PL", "UA"); raise ValueError on anything that is not alpha-2."""
    codes = tuple(part.strip().upper() for part in text.split(",") if part.strip())
    bad = [code for code in codes if not _ALPHA_2.match(code)]
    if bad or not codes:
        raise ValueError(f"not a list of ISO 3166 alpha-2 codes: {text!r}")
    return codes


def country_name(code: str) -> str:
    """Short English name of an ISO 3166 alpha-2 code ("TW" -> "Taiwan"); the code itself when unknown."""
    entry = COUNTRIES.get(code.upper())
    return entry[1] if entry else code


@dataclass(frozen=True)
class CountryReading:
    """A spreadsheet cell read as a country; ``warning`` says what was guessed or left out."""

    code: str
    warning: str | None = None


def read_country(cell: str | None, field: str = "country") -> CountryReading:
    """Read a cell such as "Czech Republic", "U.S.A.", "ROC" or "Warsaw, Poland" as an alpha-2 code.

    Names (English, and the local names of the participating and neighbouring countries), alpha-2 and
    alpha-3 codes and common abbreviations are read regardless of case, accents and punctuation. Extra
    words ("Warsaw, Poland") give a warning that names them; a cell naming two countries alike
    ("Poland / Ukraine", "China (Taiwan)") raises ``Invalid`` with the reason under ``field``, as does a
    cell naming none. Whether the country participates is the caller's check (``Settings.countries``).
    """
    result = _read(cell or "")
    if isinstance(result, str):
        raise Invalid(result, {field: [result]})
    return result


# --- How a cell is read ---------------------------------------------------------------------------
#
# The cell is cut into words; a dotted abbreviation ("U.S.A.", "R.O.C.") is one word. Runs of words are
# matched against the names below, longest first. A match is *strong* when it is a name, a well-known
# abbreviation, or a code written in capitals that is not also a common short word ("IN", "BY", "AND");
# other code matches are *weak*. Then:
#   1. a cell made only of country mentions and joining words ("PL", "Poland / Ukraine", "ua, by")
#      counts every mention: one country is the answer, several are ambiguous;
#   2. otherwise only strong mentions count (weak ones if there is no strong one, with a warning);
#      mentions inside brackets are secondary: "USA (HQs in US and Germany)" is the USA;
#   3. two different countries outside brackets are ambiguous, and so is any cell that names both
#      Taiwan and China, so that a Taiwanese firm is never filed under the PRC by a guess.

# Hand-written variants over the ISO names in country_data; None marks a place that contains a country's
# name but is not that country, so that "New Mexico" is not read as Mexico.
_NAMES: dict[str, str | None] = {
    # Taiwan: never the PRC, whatever the cell says about China.
    "Taiwan": "TW", "Republic of China": "TW", "China, Republic of": "TW", "Taiwan ROC": "TW",
    "Taiwan Republic of China": "TW", "Chinese Taipei": "TW", "Formosa": "TW", "Tajwan": "TW", "Tchaj-wan": "TW",
    "Тайвань": "TW", "台灣": "TW", "臺灣": "TW", "台湾": "TW", "中華民國": "TW", "中华民国": "TW",
    "China": "CN", "People's Republic of China": "CN", "PR China": "CN", "Mainland China": "CN",
    "Chiny": "CN", "Čína": "CN", "Китай": "CN", "中國": "CN", "中国": "CN", "中華人民共和國": "CN",
    "中华人民共和国": "CN",
    "Hong Kong": "HK", "Hong Kong SAR": "HK", "Hong Kong China": "HK", "Hong Kong SAR China": "HK",
    "HKSAR": "HK", "香港": "HK",
    "Macau": "MO", "Macao SAR": "MO", "Macau SAR": "MO", "Macao China": "MO", "Macau China": "MO",
    "澳門": "MO", "澳门": "MO",
    # The other participating countries, in their own languages and their neighbours'.
    "Czech Republic": "CZ", "Czech Rep": "CZ", "Czech": "CZ", "Česko": "CZ", "Česká republika": "CZ",
    "Czechy": "CZ", "Republika Czeska": "CZ", "Чехія": "CZ", "Чеська Республіка": "CZ", "捷克": "CZ",
    "United States": "US", "United States of America": "US", "America": "US", "the States": "US",
    "Stany Zjednoczone": "US", "Stany Zjednoczone Ameryki": "US", "Spojené státy": "US",
    "Spojené státy americké": "US", "Сполучені Штати": "US", "Сполучені Штати Америки": "US",
    "美國": "US", "美国": "US",
    "Poland": "PL", "Polska": "PL", "Republic of Poland": "PL", "Rzeczpospolita Polska": "PL",
    "Polsko": "PL", "Польща": "PL", "波蘭": "PL", "波兰": "PL",
    "Ukraine": "UA", "Ukraina": "UA", "Ukrajina": "UA", "Україна": "UA", "Украина": "UA",
    "烏克蘭": "UA", "乌克兰": "UA",
    "Germany": "DE", "Deutschland": "DE", "Niemcy": "DE", "Německo": "DE", "Німеччина": "DE",
    "德國": "DE", "德国": "DE",
    "Slovakia": "SK", "Slovak Republic": "SK", "Słowacja": "SK", "Slovensko": "SK", "Словаччина": "SK",
    "Lithuania": "LT", "Litwa": "LT", "Litva": "LT", "Литва": "LT",
    "Hungary": "HU", "Węgry": "HU", "Maďarsko": "HU", "Угорщина": "HU",
    "Austria": "AT", "Österreich": "AT", "Rakousko": "AT",
    "Romania": "RO", "Rumunia": "RO", "Rumunsko": "RO", "Румунія": "RO",
    "Moldova": "MD", "Mołdawia": "MD",
    "Russia": "RU", "Rosja": "RU", "Rusko": "RU", "Росія": "RU", "Россия": "RU", "俄羅斯": "RU",
    "俄罗斯": "RU",
    "Belarus": "BY", "Białoruś": "BY", "Bělorusko": "BY", "Білорусь": "BY", "Беларусь": "BY",
    "Japan": "JP", "日本": "JP", "Japonia": "JP", "Japonsko": "JP", "Японія": "JP",
    # English variants the ISO list does not carry.
    "South Korea": "KR", "Korea": "KR", "Republic of Korea": "KR", "North Korea": "KP",
    "United Kingdom": "GB", "Great Britain": "GB", "Britain": "GB", "England": "GB", "Scotland": "GB",
    "Wales": "GB", "Northern Ireland": "GB",
    "Netherlands": "NL", "Holland": "NL", "Turkey": "TR", "Burma": "MM", "Brunei": "BN",
    "Cape Verde": "CV", "Ivory Coast": "CI", "East Timor": "TL", "Swaziland": "SZ", "Macedonia": "MK",
    "Vatican": "VA", "Vatican City": "VA", "Palestine": "PS", "Micronesia": "FM",
    "DR Congo": "CD", "Democratic Republic of the Congo": "CD", "Congo Brazzaville": "CG",
    "Republic of the Congo": "CG", "Kyrgyz Republic": "KG", "Emirates": "AE", "Vietnam": "VN",
    "Iran": "IR", "Syria": "SY", "Laos": "LA", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ",
    # Places that contain a country's name but are not that country.
    "New Mexico": None, "New Jersey": None, "New England": None, "New South Wales": None,
    "South America": None, "North America": None, "Central America": None, "Latin America": None,
    "Americas": None, "European Union": None, "Europe": None, "Asia": None,
}

# Abbreviations read as strong matches in any case, keyed by their case-folded form with accents: ČR is
# the Czech Republic, but bare CR is also Costa Rica's code, so that one is refused with a reason.
_ABBREVIATIONS: dict[str, str] = {
    "čr": "CZ", "usa": "US", "uk": "GB", "uae": "AE", "prc": "CN", "roc": "TW", "dprk": "KP", "rok": "KR", "drc": "CD",
}

# Codes that are also common short words in English, Polish, Czech or German, or company forms
# ("AG", "S.A.", "a.s."): in a cell with other words they count only when no other country is named.
_WORDLIKE_CODES = frozenset(
    "in is it no to by at be me my am as so do go id an al ag sa se de la na ma co ne ni si ve je tv bv kg "
    "and are can per arm ben nor fin mar gab cod ton sur pan dom hun col cub lie jam mac ind tun bra"
    .split()
)
_JOINING_WORDS = frozenset("and or i a oraz albo lub nebo und et y та і або и".split())
_FILLER_WORDS = frozenset({"the"})
_AMBIGUOUS_CODES = {
    "cr": '"{cell}" is ambiguous: CR is Costa Rica, ČR the Czech Republic. Write CZ or Costa Rica.'
}

_TOKEN = re.compile(
    r"(?<![^\W_])[^\W\d_](?:\.\s?[^\W\d_])+\.?(?![^\W_])"  # dotted abbreviation: U.S.A., R.O.C.
    r"|[^\W_]+(?:['’ʼ][^\W_]+)*"  # a word; an apostrophe inside it is dropped: "People's" = "Peoples"
)
_OPENING, _CLOSING = "([{", ")]}"


@dataclass(frozen=True)
class _Token:
    key: str
    folded: str  # case-folded, accents kept
    start: int
    end: int
    capitals: bool  # written in capitals, or as a dotted abbreviation
    bracketed: bool


@dataclass(frozen=True)
class _Mention:
    code: str | None  # None: a place that is not a country
    first: int  # token indices, end exclusive
    last: int
    strong: bool


def _tokens(text: str) -> list[_Token]:
    depth_at = []
    depth = 0
    for ch in text:
        depth += ch in _OPENING
        depth = max(depth - (ch in _CLOSING), 0)
        depth_at.append(depth)
    tokens = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        letters = re.sub(r"[.\s'’ʼ]", "", raw)
        key = search_key(letters)
        if not key:
            continue
        capitals = ("." in raw and raw.upper() == raw) or (len(letters) > 1 and letters.isupper())
        bracketed = depth_at[match.start()] > 0
        tokens.append(_Token(key, letters.casefold(), match.start(), match.end(), capitals, bracketed))
    return tokens


def _name_key(name: str) -> str:
    return " ".join(token.key for token in _tokens(name))


def _build_tables() -> tuple[dict[str, str | None], dict[str, str]]:
    names: dict[str, str | None] = {}
    codes: dict[str, str] = {}
    for alpha_2, (alpha_3, name, others) in COUNTRIES.items():
        codes[alpha_2.lower()] = alpha_2
        codes[alpha_3.lower()] = alpha_2
        for each in (name, *others):
            names[_name_key(each)] = alpha_2
    names.update({_name_key(name): code for name, code in _NAMES.items()})
    return names, codes


_NAME_TABLE, _CODE_TABLE = _build_tables()
_LONGEST_NAME = max(key.count(" ") + 1 for key in _NAME_TABLE)


def _mentions(tokens: list[_Token], whole: bool) -> list[_Mention]:
    mentions = []
    i = 0
    while i < len(tokens):
        found = None
        for n in range(min(_LONGEST_NAME, len(tokens) - i), 0, -1):
            key = " ".join(token.key for token in tokens[i:i + n])
            if key in _NAME_TABLE:
                found = _Mention(_NAME_TABLE[key], i, i + n, strong=True)
                break
        if found is None:
            found = _code_mention(tokens[i], i, whole)
        if found is None:
            i += 1
            continue
        mentions.append(found)
        i = found.last
    return mentions


def _code_mention(token: _Token, i: int, whole: bool) -> _Mention | None:
    abbreviation = _ABBREVIATIONS.get(token.folded) or _ABBREVIATIONS.get(token.key)
    if abbreviation:
        return _Mention(abbreviation, i, i + 1, strong=True)
    code = _CODE_TABLE.get(token.key)
    if code is None:
        return None
    strong = whole or (token.capitals and token.key not in _WORDLIKE_CODES)
    return _Mention(code, i, i + 1, strong=strong)


@lru_cache(maxsize=4096)
def _read(cell: str) -> CountryReading | str:
    """The reading of ``cell``, or why there is none (cached: member lists repeat their countries)."""
    text = " ".join(cell.split())
    if not text:
        return "No country given."
    tokens = _tokens(text)
    if not tokens:
        return f'"{text}" is not a country name or code.'
    whole = len(tokens) == 1
    mentions = _mentions(tokens, whole)
    if not whole:
        mentions = [m for m in mentions if not _is_joining(tokens, m)]
    countries = [m for m in mentions if m.code is not None]
    if not countries:
        return f'"{text}" is not a country name or code we know.'
    if _georgia_is_a_state(tokens, countries):
        countries = [m for m in countries if m.code != "GE"]
    named = {m.code for m in countries}
    if {"TW", "CN"} <= named:
        return f'"{text}" names both Taiwan and China: write Taiwan (TW) or China (CN).'

    covered = {i for m in mentions for i in range(m.first, m.last)}
    pure = all(i in covered or _is_filler(t) for i, t in enumerate(tokens))
    if pure:
        chosen = countries
    else:
        chosen = [m for m in countries if m.strong] or countries
    primary = [m for m in chosen if not all(t.bracketed for t in tokens[m.first:m.last])] or chosen
    codes = list(dict.fromkeys(m.code for m in primary))
    if len(codes) > 1:
        listed = ", ".join(f"{country_name(code)} ({code})" for code in codes)
        return f'"{text}" names more than one country ({listed}): give one.'
    for mention in primary:
        if tokens[mention.first].folded in _AMBIGUOUS_CODES and mention.last == mention.first + 1:
            return _AMBIGUOUS_CODES[tokens[mention.first].folded].format(cell=text)
    code = codes[0]
    own = {i for m in countries if m.code == code for i in range(m.first, m.last)}
    if all(i in own or _is_filler(t) for i, t in enumerate(tokens)):
        return CountryReading(code)
    extra = _without(text, [(tokens[m.first].start, tokens[m.last - 1].end) for m in primary])
    return CountryReading(code, f'Read "{text}" as {country_name(code)} ({code}), ignoring "{extra}".')


def _is_joining(tokens: list[_Token], mention: _Mention) -> bool:
    """A joining word that is also a code (Andorra's AND) joins when the cell has other words."""
    return mention.last == mention.first + 1 and tokens[mention.first].key in _JOINING_WORDS


def _is_filler(token: _Token) -> bool:
    return token.key in _FILLER_WORDS or token.key in _JOINING_WORDS


def _georgia_is_a_state(tokens: list[_Token], countries: list[_Mention]) -> bool:
    """ "Atlanta, Georgia, USA" is in the United States."""
    codes = {m.code for m in countries}
    return {"GE", "US"} <= codes and all(
        tokens[m.first].key == "georgia" for m in countries if m.code == "GE"
    )


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans cut out, brackets left unpaired dropped and dangling separators trimmed."""
    kept, at = [], 0
    for start, end in sorted(spans):
        kept.append(text[at:start])
        at = end
    kept.append(text[at:])
    rest = " ".join(" ".join(kept).split())
    rest = _balanced(rest)
    rest = re.sub(r"\s+([,;:.)\]}])", r"\1", rest)
    rest = re.sub(r"([(\[{])\s+", r"\1", rest)
    rest = re.sub(r"\(\)|\[\]|\{\}", "", rest)
    return " ".join(rest.split()).strip(" ,;:-–—/|&+.")


def _balanced(text: str) -> str:
    drop, open_at = set(), []
    for i, ch in enumerate(text):
        if ch in _OPENING:
            open_at.append(i)
        elif ch in _CLOSING:
            if open_at:
                open_at.pop()
            else:
                drop.add(i)
    drop.update(open_at)
    return "".join(ch for i, ch in enumerate(text) if i not in drop)
