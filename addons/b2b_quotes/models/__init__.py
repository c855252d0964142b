from . import (
    b2b_agreement,
    b2b_notification,
    b2b_quote_round,
    product_template,
    res_config_settings,
    res_partner,
    sale_order,
    sale_order_line,
    stock_move,
)
