# Copyright 2026 B2B Commerce Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "B2B Pricing",
    "summary": "Customer tiers on native pricelists, assigned by rules, and one batch price API for every consumer",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/b2b-commerce-suite/b2b-commerce-suite",
    "author": "B2B Commerce Suite contributors",
    "license": "LGPL-3",
    "depends": ["sale", "account", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "views/b2b_tier_views.xml",
        "views/b2b_agreement_views.xml",
        "views/res_partner_views.xml",
        "views/product_pricelist_item_views.xml",
        "views/b2b_reporting_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/b2b_pricing_demo.xml",
    ],
}
