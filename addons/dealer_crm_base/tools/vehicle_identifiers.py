"""Vehicle identification numbers (ISO 3779 / GB 16735) and Chinese licence plates."""

import re

VIN_LENGTH = 17
VIN_CHECK_POSITION = 8  # the 9th character
VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
VIN_VALUES = {
    **{str(digit): digit for digit in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
VIN_FORBIDDEN = set("IOQ")

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_LETTER = "A-HJ-NP-Z"  # plates never use I or O
PLATE_PATTERNS = (
    # 7 characters: province, city letter, 5 letters/digits (last may be 挂学警港澳)
    re.compile(rf"^[{PROVINCES}][{_LETTER}][{_LETTER}0-9]{{4}}[{_LETTER}0-9挂学警港澳]$"),
    # 8 characters, new-energy: small cars D/F + 5, large vehicles 5 digits + D/F
    re.compile(rf"^[{PROVINCES}][{_LETTER}](?:[DF][{_LETTER}0-9][0-9]{{4}}|[0-9]{{5}}[DF])$"),
)
_PLATE_SEPARATORS = re.compile(r"[\s·•.\-_]+")


def normalize_vin(vin):
    return re.sub(r"\s+", "", vin or "").upper()


def vin_check_digit(vin):
    """The check character a 17-character VIN must carry in position 9."""
    total = sum(VIN_VALUES[char] * weight for char, weight in zip(vin, VIN_WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def vin_problem(vin):
    """Return what is wrong with a normalised VIN, or None when it is valid.

    The answer is a code the caller turns into a translated message:
    ('length', n), ('forbidden', letters), ('characters', chars), ('check', expected).
    """
    if len(vin) != VIN_LENGTH:
        return ("length", len(vin))
    forbidden = sorted(VIN_FORBIDDEN.intersection(vin))
    if forbidden:
        return ("forbidden", "".join(forbidden))
    unknown = sorted(set(vin) - set(VIN_VALUES))
    if unknown:
        return ("characters", "".join(unknown))
    expected = vin_check_digit(vin)
    if vin[VIN_CHECK_POSITION] != expected:
        return ("check", expected)
    return None


def normalize_plate(plate):
    return _PLATE_SEPARATORS.sub("", plate or "").upper()


def is_valid_plate(plate):
    return any(pattern.match(plate) for pattern in PLATE_PATTERNS)
