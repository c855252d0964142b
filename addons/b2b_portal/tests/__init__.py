from . import test_account_application
from . import test_agreement_conditions
from . import test_b2b_prices
from . import test_company_roles
from . import test_gated_catalog
from . import test_order_follow_up
from . import test_quick_order
from . import test_statement_credit
