from . import account_application, company, quick_order, shop
