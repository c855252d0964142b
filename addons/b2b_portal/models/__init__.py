from . import (
    b2b_account_application,
    b2b_agreement,
    b2b_quick_order,
    delivery_carrier,
    product_pricelist,
    product_template,
    res_config_settings,
    res_partner,
    res_users,
    sale_order,
    website,
)
