from . import test_account_application, test_gated_catalog
