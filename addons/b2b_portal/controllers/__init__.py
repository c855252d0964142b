from . import account_application, company, orders, quick_order, shop, statement
