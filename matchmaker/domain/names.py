"""Firm names reduced to what identifies the firm, so near-duplicates can be found.

"Thunder Tiger Corp." and "THUNDER TIGER" share the key "thunder tiger"; "Thunder Tiger 雷虎科技" and
"雷虎科技" share the Chinese name. Keys are built on ``search_key``, so case and accents never count.
"""
import re

from matchmaker.domain.text import search_key

# Legal forms as search_key writes them, longest first so "co ltd" goes before "ltd".
LEGAL_FORMS = sorted(
    {
        "co ltd", "company limited", "ltd", "limited", "corp", "corporation", "inc", "incorporated", "llc", "lp",
        "plc", "gmbh", "ag", "sa", "s a", "sp z o o", "spolka z o o", "sp k", "sp j", "s r o", "a s", "spol s r o",
        "tov", "тов", "pp", "пп", "at", "ат", "pat", "пат", "co", "company", "group", "holding", "holdings",
    },
    key=len,
    reverse=True,
)
_TRAILING_FORM = re.compile(r"(?:\s+(?:" + "|".join(re.escape(form) for form in LEGAL_FORMS) + r"))+$")
# Ukrainian firms put the legal form first: "ТОВ Дніпро Дрон".
_LEADING_FORM = re.compile(r"^(?:тов|tov|пп|pp|пат|pat|ат|прат|prat)\s+(?=\S)")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
MIN_NAME_KEY = 4  # shorter remainders ("ab") would pair unrelated firms


def identity_keys(name: str) -> set[str]:
    """The keys under which a name can be a duplicate of another: the alphabetic part without its legal
    form ("name:thunder tiger"), and each run of Chinese characters ("cjk:雷虎科技")."""
    key = search_key(name)
    keys = {f"cjk:{run}" for run in _CJK_RUN.findall(_without_cjk_legal_forms(key))}
    alphabetic = " ".join(_CJK.sub(" ", key).split())
    alphabetic = _LEADING_FORM.sub("", _TRAILING_FORM.sub("", alphabetic))
    if len(alphabetic) >= MIN_NAME_KEY:
        keys.add(f"name:{alphabetic}")
    return keys


def _without_cjk_legal_forms(key: str) -> str:
    for form in ("股份有限公司", "有限公司"):
        key = key.replace(form, " ")
    return key
