# Copyright 2026 B2B Commerce Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "B2B Algolia Search",
    "summary": "Catalog search on Algolia, kept exact by queue_job jobs, with per-company prices and visibility",
    "version": "18.0.1.0.0",
    "category": "Website/Website",
    "website": "https://github.com/b2b-commerce-suite/b2b-commerce-suite",
    "author": "B2B Commerce Suite contributors",
    "license": "LGPL-3",
    "depends": ["b2b_portal", "queue_job"],
    "external_dependencies": {"python": ["algoliasearch", "numpy"]},
    "post_init_hook": "post_init_hook",
    "data": [
        "security/ir.model.access.csv",
        "data/queue_job_data.xml",
        "data/ir_cron_data.xml",
        "views/b2b_algolia_index_views.xml",
        "views/b2b_algolia_synonym_views.xml",
        "views/b2b_search_query_views.xml",
        "views/res_config_settings_views.xml",
        "views/search_templates.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "b2b_algolia/static/src/scss/catalog_search.scss",
            "b2b_algolia/static/src/js/catalog_search.js",
        ],
        "web.assets_tests": [
            "b2b_algolia/static/tests/tours/*.js",
        ],
    },
}
