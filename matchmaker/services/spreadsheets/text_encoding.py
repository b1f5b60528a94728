"""The bytes of a CSV file as text: UTF-8 (with or without BOM), UTF-16 with BOM, else a guess.

A file without a byte-order mark that is not UTF-8 is read as Windows-1250 or Windows-1252, by which
reads as more plausible letters (``_guess_single_byte``), and the user is told it was a guess. Binary
data (a workbook named .csv, UTF-16 without BOM) is refused rather than read as nonsense text.
"""
import re

from matchmaker.services.spreadsheets.file_errors import OLE_MAGIC, SAVE_AS, ZIP_MAGIC, invalid_file

_BYTE_ORDER_MARKS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_ENCODING_NAMES = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1250": "Windows-1250 (Central European)",
    "cp1252": "Windows-1252 (Western European)",
}

# Letters that tell Central European text (Polish, Czech, Slovak, ...) from Western European; each
# stands only at a byte value where Windows-1250 and Windows-1252 differ. "Common" ones count double.
_CE_COMMON = re.compile("[ąćęłńśźżĄĆĘŁŃŚŹŻčďěňřťůČĎĚŇŘŤŮ]")
_CE_RARE = re.compile("[ĽľĹĺŔŕŐőŰűĂăŞşŢţĐđ]")
_WE_COMMON = re.compile("[àèêñøåæÀÈÊÑØÅÆ]")
_WE_RARE = re.compile("[ãõìòùûïðþÿÃÕÌÒÙÛÏÐÞŒœŸ]")
# Non-letters that stand where a Central European letter would ("Wroc³aw", "¿ó³ty" for "żółty").
_SYMBOLS = "³¹¿£¥¯¼¾ªº˝˛˘ˇ˙¢²½¡"
_SYMBOL_IN_WORD = re.compile(f"[{_SYMBOLS}](?=[^\\W\\d_])|(?<=[^\\W\\d_])[{_SYMBOLS}]")
# Polish never writes ń, ś, ć, ź before a vowel ("nia", not "ńa"): there it is Spanish ñ and the like.
_SOFT_BEFORE_VOWEL = re.compile("[ńśćźŃŚĆŹ][aeiouyóAEIOUYÓ]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """The text of a CSV file, the encoding it was read in, and a warning when that was a guess."""
    for bom, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(encoding)), encoding, []
            except UnicodeDecodeError as exc:
                raise invalid_file(f"The file starts as {_ENCODING_NAMES[encoding]} text but is not.") from exc
    _refuse_binary(data)
    try:
        return _checked_text(data.decode("utf-8")), "utf-8", []
    except UnicodeDecodeError:
        pass
    encoding, text, decided = _guess_single_byte(data)
    problems = []
    if decided:
        problems.append(
            f"The file is not UTF-8; it was read as {_ENCODING_NAMES[encoding]}. If letters look wrong, "
            "save it as \"CSV UTF-8\"."
        )
    return _checked_text(text), encoding, problems


def _guess_single_byte(data: bytes) -> tuple[str, str, bool]:
    """Windows-1250 or Windows-1252, whichever reads as more plausible letters.

    Both decode almost any byte string, and they agree on ASCII and on the typography and letters most
    Western text uses (é, ü, ö, á, ó, the quotes and dashes). Where they differ, each reading scores
    +2 for a common and +1 for a rare letter of its own languages, and -3 for a symbol next to a letter
    ("Wroc³aw" is Windows-1250 read as Windows-1252) or for ń, ś, ć, ź before a vowel, which Polish
    never writes ("Señor" is Windows-1252 read as Windows-1250). A byte undefined in one code page rules
    it out. Ties go to Windows-1250: the participating countries write Polish and Czech, and a tie means
    the two readings differ in no letter that tells. Returns the encoding, the text, and whether the two
    readings differ at all (whether the choice was a guess worth telling the user).
    """
    readings = {}
    for encoding in ("cp1250", "cp1252"):
        try:
            readings[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not readings:
        raise invalid_file(
            f"This is not text in any encoding we read (UTF-8, UTF-16, Windows-1250/1252). {SAVE_AS}"
        )
    if len(readings) == 1:
        ((encoding, text),) = readings.items()
        return encoding, text, True
    central, western = readings["cp1250"], readings["cp1252"]
    if central == western:
        return "cp1250", central, False
    # The first 256 KiB tell as well as the whole file, unless they read alike in both code pages.
    sample = 1 << 18
    if central[:sample] == western[:sample]:
        sample = len(central)
    central_score, western_score = _plausibility(central[:sample], western[:sample])
    encoding = "cp1250" if central_score >= western_score else "cp1252"
    return encoding, readings[encoding], True


def _plausibility(central: str, western: str) -> tuple[int, int]:
    penalty = 3 * (len(_SYMBOL_IN_WORD.findall(central)) + len(_SOFT_BEFORE_VOWEL.findall(central)))
    central_score = 2 * len(_CE_COMMON.findall(central)) + len(_CE_RARE.findall(central)) - penalty
    penalty = 3 * len(_SYMBOL_IN_WORD.findall(western))
    western_score = 2 * len(_WE_COMMON.findall(western)) + len(_WE_RARE.findall(western)) - penalty
    return central_score, western_score


def _refuse_binary(data: bytes) -> None:
    """Raise ``Invalid`` for a workbook or other binary file that has no byte-order mark to explain it."""
    if data.startswith(ZIP_MAGIC):
        raise invalid_file(
            f"This is an Excel workbook or another zip archive, not CSV text. Name it .xlsx, or: {SAVE_AS}"
        )
    if data.startswith(OLE_MAGIC) or b"\x00" in data:
        raise invalid_file(
            f"This is not CSV text (an old .xls workbook, UTF-16 text without a byte-order mark, or another "
            f"binary file). {SAVE_AS}"
        )


def _checked_text(text: str) -> str:
    """``text`` unless control characters say it is binary data that happened to decode."""
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(3, len(text) // 200):
        raise invalid_file(f"This is not CSV text. {SAVE_AS}")
    return text
