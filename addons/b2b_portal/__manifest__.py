# Copyright 2026 B2B Commerce Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "B2B Portal",
    "summary": "B2B accounts: applications, approval and a catalog whose prices only approved buyers see",
    "version": "18.0.1.0.0",
    "category": "Website/Website",
    "website": "https://github.com/b2b-commerce-suite/b2b-commerce-suite",
    "author": "B2B Commerce Suite contributors",
    "license": "LGPL-3",
    "depends": [
        "b2b_pricing",
        "base_vat",
        "website_sale",
        "sale_stock",
        "stock_delivery",
        "product_brand",
        "queue_job",
    ],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/ir.model.access.csv",
        "security/b2b_portal_security.xml",
        "data/mail_template_data.xml",
        "views/b2b_account_application_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/account_application_templates.xml",
        "views/shop_templates.xml",
        "views/portal_company_templates.xml",
        "views/quick_order_templates.xml",
        "views/portal_order_templates.xml",
        "views/stock_picking_views.xml",
        "report/report_deliveryslip.xml",
        "views/portal_statement_templates.xml",
        "views/sale_order_views.xml",
        "wizards/b2b_application_reject_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/b2b_portal_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "b2b_portal/static/src/scss/b2b_portal.scss",
            "b2b_portal/static/src/js/price_breaks.js",
            "b2b_portal/static/src/js/quick_order.js",
        ],
        "web.assets_tests": [
            "b2b_portal/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
}
