from . import account_application, company, shop
