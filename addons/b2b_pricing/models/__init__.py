from . import b2b_tier
from . import b2b_agreement
from . import b2b_agreement_line
from . import res_partner
from . import product_pricelist
from . import product_pricelist_item
