# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import urlsplit

from odoo.tests.common import _super_send

from odoo.addons.b2b_portal.tests.common import B2bDemoWorldMixin
from odoo.addons.queue_job.tests.common import trap_jobs

from .algolia_server import AlgoliaServer

SEARCH_KEY = "search-only-key"


def expected_band(price, boundaries):
    """Counted here, not with the add-on's function: the tests check it."""
    return sum(1 for boundary in boundaries if price >= boundary)


def displayed_prices(templates, pricelist, website):
    """``{template: price at quantity 1 as the website shows it}`` from
    b2b_pricing's API: the cheapest variant's."""
    table = pricelist._b2b_price_table(templates.product_variant_ids, currency=pricelist.currency_id)
    prices = {}
    for template in templates:
        variant = min(template.product_variant_ids, key=lambda v: table[v.id]["prices"][1.0])
        prices[template] = template._b2b_displayed_price(variant, table[variant.id]["prices"][1.0], website)
    return prices


class AlgoliaCase(B2bDemoWorldMixin):
    """The demo world's website on Algolia, served by a local
    Algolia-protocol server the real client talks to."""

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        # Odoo's test handler cannot compare the client's (connect, read)
        # timeouts and stretches them to 10 s; the local server needs neither.
        if urlsplit(r.url).hostname == "127.0.0.1":
            return _super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)

    @classmethod
    def setUpAlgolia(cls):
        cls.setUpB2bWorld()
        cls.server = cls.enterClassContext(AlgoliaServer())
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("b2b_algolia.hosts", cls.server.url)
        params.set_param("b2b_algolia.export_quiet_seconds", 0)  # tests export at once
        cls.website = cls.env["website"].get_current_website()
        with trap_jobs():  # the initial full reindex: tests run it when they want
            cls.website.write(
                {
                    "b2b_algolia_enabled": True,
                    "b2b_algolia_app_id": "TESTAPP",
                    "b2b_algolia_admin_key": "admin-key",
                    "b2b_algolia_search_key": SEARCH_KEY,
                    "b2b_algolia_index_prefix": "test",
                }
            )
        cls.index = cls.website.b2b_algolia_index_ids.filtered(lambda index: index.lang_id.code == "fr_FR")
        cls.template = cls.product.product_tmpl_id

    def setUp(self):
        super().setUp()
        self.server.state.reset()

    def objects(self, index=None):
        return self.server.state.index((index or self.index).name)["objects"]

    def batches(self, index=None):
        """Bodies of the batch requests sent to ``index``."""
        path = f"/1/indexes/{(index or self.index).name}/batch"
        return [body for method, request_path, body in self.server.state.requests if request_path == path]

    def export(self, index=None):
        """Run the export jobs of ``index`` as the job runner would."""
        (index or self.index)._job_export()
