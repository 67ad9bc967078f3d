"""Official identifiers and their check characters."""

from __future__ import annotations

from hive.i18n import _

# GB 32100-2015, the unified social credit code (统一社会信用代码): 18 characters
# from this 31-character alphabet (no I, O, S, V, Z); the last is a check character.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {ch: i for i, ch in enumerate(USCC_ALPHABET)}


def uscc_check_character(first17: str) -> str:
    total = sum(_USCC_VALUE[ch] * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Why ``code`` is not a valid unified social credit code, or None if it is."""
    if len(code) != 18:
        return _("expected 18 characters, got {count}").format(count=len(code))
    bad = [ch for ch in code if ch not in _USCC_VALUE]
    if bad:
        return _("character '{char}' is not allowed").format(char=bad[0])
    if not code[2:8].isdigit():
        return _("characters 3-8 must be the administrative division code (digits)")
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        return _("check character does not match")
    return None
