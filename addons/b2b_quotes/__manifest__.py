# Copyright 2026 B2B Commerce Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "B2B Quotes",
    "summary": "Quote requests from the cart, negotiation rounds with the rep, one-click acceptance, pre-orders",
    "version": "18.0.1.0.0",
    "category": "Website/Website",
    "website": "https://github.com/b2b-commerce-suite/b2b-commerce-suite",
    "author": "B2B Commerce Suite contributors",
    "license": "LGPL-3",
    "depends": ["b2b_portal", "website_sale_stock"],
    "data": [
        "security/ir.model.access.csv",
        "security/b2b_quotes_security.xml",
        "data/ir_cron_data.xml",
        "views/sale_order_views.xml",
        "views/b2b_agreement_views.xml",
        "views/product_template_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_quote_templates.xml",
        "views/shop_templates.xml",
    ],
    "demo": ["demo/b2b_quotes_demo.xml"],
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_frontend": ["b2b_quotes/static/src/scss/b2b_quotes.scss"],
        "web.assets_tests": ["b2b_quotes/static/tests/tours/*.js"],
    },
}
