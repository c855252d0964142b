# Copyright 2026 B2B Commerce Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "B2B Sales Rep",
    "summary": "The rep's workspace: their accounts and health signals, ordering on a customer's behalf, audit trail",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/b2b-commerce-suite/b2b-commerce-suite",
    "author": "B2B Commerce Suite contributors",
    "license": "LGPL-3",
    "depends": ["b2b_quotes"],
    "data": [
        "security/b2b_sales_rep_groups.xml",
        "security/ir.model.access.csv",
        "security/b2b_sales_rep_security.xml",
        "data/ir_cron_data.xml",
        "views/b2b_account_views.xml",
        "views/b2b_audit_log_views.xml",
        "views/b2b_quote_report_views.xml",
        "views/sale_order_views.xml",
        "views/act_for_templates.xml",
        "wizards/b2b_order_paste_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/b2b_sales_rep_demo.xml"],
    "assets": {
        "web.assets_tests": ["b2b_sales_rep/static/tests/tours/*.js"],
    },
    "post_init_hook": "post_init_hook",
}
