# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Price bands of the catalog search's price facet.

Every record holds every B2B pricelist's price, and a buyer may add any
filter to their own queries: a facet on a band shared by all pricelists
would tell one company in which band another company's price falls. So a
band is named, per pricelist, by an opaque tag that only the server can
compute (an HMAC keyed with a server secret): a buyer is only ever given the
tags of their own pricelist.

Band ``i`` holds the prices from ``boundaries[i - 1]`` (included) to
``boundaries[i]`` (excluded); band 0 those under the first boundary, the
last band those from the last boundary on.
"""

import bisect
import hashlib
import hmac
import math

DEFAULT_BOUNDARIES = "10,25,50,100,250,500,1000"
TAG_HEX_CHARS = 20  # 80 bits: never guessed, short in URLs


def parse_boundaries(text):
    """``"10, 25,50"`` -> ``(10.0, 25.0, 50.0)``, ascending, without
    duplicates. Raises ValueError for anything but positive numbers."""
    boundaries = tuple(sorted({float(part) for part in (text or "").split(",") if part.strip()}))
    if not boundaries or boundaries[0] <= 0 or not all(map(math.isfinite, boundaries)):
        raise ValueError(f"price bands: positive numbers expected, got {text!r}")
    return boundaries


def band_of(price, boundaries):
    """Index of the band ``price`` falls in (0 to ``len(boundaries)``)."""
    return bisect.bisect_right(boundaries, price)


def band_tag(key, pricelist_id, band, boundaries):
    """The tag of ``band`` of ``pricelist_id``'s prices. The boundaries are
    signed too: after they change, an old tag matches nothing instead of
    another band."""
    message = f"{pricelist_id}:{band}:{','.join(map(repr, boundaries))}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:TAG_HEX_CHARS]
