from . import test_agreements
from . import test_price_table
from . import test_tiers
