from . import account_application, company, invoices, orders, quick_order, shop, statement
