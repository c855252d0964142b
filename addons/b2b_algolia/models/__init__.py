from . import (
    b2b_algolia_index,
    b2b_algolia_record,
    b2b_algolia_synonym,
    b2b_search_document,
    product_brand,
    product_pricelist_item,
    product_product,
    product_public_category,
    product_template,
    res_config_settings,
    stock_move,
    website,
)
