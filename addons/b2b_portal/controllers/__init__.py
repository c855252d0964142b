from . import account_application, shop
