"""Country codes the registry accepts."""
import re

_ALPHA_2 = re.compile(r"^[A-Z]{2}$")


def parse_country_list(text: str) -> tuple[str, ...]:
    """Read "TW, pl,UA" as ("TW", "PL", "UA"); raise ValueError on anything that is not alpha-2."""
    codes = tuple(part.strip().upper() for part in text.split(",") if part.strip())
    bad = [code for code in codes if not _ALPHA_2.match(code)]
    if bad or not codes:
        raise ValueError(f"not a list of ISO 3166 alpha-2 codes: {text!r}")
    return codes
