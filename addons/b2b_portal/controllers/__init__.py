from . import account_application, company, invoices, notifications, orders, quick_order, shop, statement
