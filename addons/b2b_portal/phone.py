# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Phone numbers as the suite stores them: E.164, validated with phonenumbers."""

import phonenumbers


class InvalidPhoneNumber(ValueError):
    """The text is not a valid phone number for the given region."""


def to_e164(raw, region=None):
    """Return ``raw`` as an E.164 string (``+33478123456``).

    ``region`` is the ISO country code used when the number has no
    international prefix (the country of the address being entered).
    """
    try:
        number = phonenumbers.parse(raw or "", (region or "").upper() or None)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber(raw) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber(raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
