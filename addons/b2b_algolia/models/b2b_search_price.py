# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Prices of the built-in search's price facet.

A search may match 50,000 products: their prices cannot be computed per
query. Each product's price on each B2B pricelist, as a website shows it at
quantity 1 (the price of its Algolia record), is stored with its band; the
bands are copied onto the product's search documents, where the search
reads the buyer's own pricelist's.

A change that may move a price marks the product stale in the same
transaction (see ``_b2b_mark_stale``); a debounced job recomputes stale
products in batches. A version counter per stale product keeps a change made
while the job computes: the job clears only the versions it read.
"""

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.queue_job.job import identity_exact

from ..price_bands import band_of
from .b2b_algolia_index import EXPORT_DELAY

BATCH_SIZE = 500  # products per refresh job


class B2bSearchPrice(models.Model):
    _name = "b2b.search.price"
    _description = "Built-in search: price of a product on a B2B pricelist"
    _log_access = False

    product_tmpl_id = fields.Many2one(
        "product.template", string="Product", required=True, ondelete="cascade", index=True
    )
    pricelist_id = fields.Many2one("product.pricelist", required=True, ondelete="cascade")
    website_id = fields.Many2one("website", required=True, ondelete="cascade")
    price = fields.Float(help="The cheapest variant's price at quantity 1, as the website shows it.")
    band = fields.Integer(help="The price band the price falls in (system parameter b2b_algolia.price_bands).")

    def init(self):
        cr = self.env.cr
        # One row per product, pricelist and website: what a refresh upserts.
        cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS b2b_search_price_pricelist_product "
            "ON b2b_search_price (pricelist_id, website_id, product_tmpl_id) INCLUDE (band)"
        )
        cr.execute(
            """
            CREATE TABLE IF NOT EXISTS b2b_search_price_stale (
                product_tmpl_id integer PRIMARY KEY REFERENCES product_template (id) ON DELETE CASCADE,
                version integer NOT NULL DEFAULT 1
            )
            """
        )

    # ------------------------------------------------------------ STALE PRICES
    @api.model
    def _b2b_mark_stale(self, template_ids):
        """The prices of ``template_ids`` may have changed: recompute them
        soon, in a job."""
        template_ids = sorted(set(template_ids))  # one lock order: no deadlock
        if not template_ids:
            return
        if not self.pool.ready:
            # Modules being installed or updated: what their data changed is
            # priced now, rather than by a job left in the database for
            # whichever server starts next (a test server's job runner too).
            self._b2b_refresh(template_ids)
            return
        self.env.cr.execute(
            SQL(
                """
            INSERT INTO b2b_search_price_stale (product_tmpl_id)
            SELECT id FROM product_template WHERE id = ANY(%s) ORDER BY id
                ON CONFLICT (product_tmpl_id) DO UPDATE SET version = b2b_search_price_stale.version + 1
                """,
                template_ids,
            )
        )
        self._b2b_enqueue_refresh()

    @api.model
    def _b2b_enqueue_refresh(self):
        """One refresh job, merged with one still pending: a burst of
        changes gives one job, a little later."""
        self.with_delay(
            eta=EXPORT_DELAY, identity_key=identity_exact, description="Built-in search: refresh stale prices"
        )._job_refresh_stale()

    @api.model
    def _b2b_stale_versions(self, limit):
        self.env.cr.execute(
            "SELECT product_tmpl_id, version FROM b2b_search_price_stale ORDER BY product_tmpl_id LIMIT %s", [limit]
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _job_refresh_stale(self):
        """Recompute one batch of stale prices; the next batch goes to a new
        job (its own transaction)."""
        versions = self._b2b_stale_versions(BATCH_SIZE)
        self._b2b_refresh(list(versions))
        self.env.cr.execute(
            SQL(
                """
            DELETE FROM b2b_search_price_stale stale
             USING unnest(%s::int[], %s::int[]) AS done(product_tmpl_id, version)
             WHERE stale.product_tmpl_id = done.product_tmpl_id AND stale.version = done.version
                """,
                list(versions),
                list(versions.values()),
            )
        )
        if len(versions) == BATCH_SIZE:
            self._b2b_enqueue_refresh()
        return f"Prices of {len(versions)} products refreshed"

    @api.model
    def _b2b_enqueue_if_stale(self):
        """Queue a refresh if stale prices wait and no job is coming (one
        marked while the job that absorbed its request was starting)."""
        if self._b2b_stale_versions(1):
            self._b2b_enqueue_refresh()

    @api.model
    def _b2b_refresh_all(self):
        """Mark every product's prices stale, and forget the pricelists of
        companies no longer B2B: when the B2B pricelists or the bands
        changed, and daily for what no change marks (rules starting or
        ending with the date)."""
        pricelists = self.env["product.template"]._b2b_algolia_pricelists()
        self.env.cr.execute(SQL("DELETE FROM b2b_search_price WHERE pricelist_id != ALL(%s)", pricelists.ids))
        self.env.cr.execute(
            """
            SELECT id FROM product_template WHERE sale_ok AND active
             UNION
            SELECT product_tmpl_id FROM b2b_search_price
            """
        )
        self._b2b_mark_stale([row[0] for row in self.env.cr.fetchall()])
        self.invalidate_model()

    # ------------------------------------------------------------ REFRESH
    @api.model
    def _b2b_refresh(self, template_ids):
        """Store the prices of ``template_ids`` on every B2B pricelist, on
        every website selling them, as their Algolia records have them;
        remove those of products no longer sold."""
        template_ids = list(template_ids)
        if not template_ids:
            return
        # sudo: every B2B pricelist's prices, stored for the search, which
        # reads only the current buyer's (see b2b.search.document).
        Template = self.env["product.template"].sudo().with_context(active_test=True)
        pricelists = Template._b2b_algolia_pricelists()
        sold = {
            website: Template.search([("id", "in", template_ids), *Template._b2b_algolia_domain(website)])
            for website in self.env["website"].sudo().search([])
        }
        templates = Template.union(*sold.values()).filtered("product_variant_ids")
        tables = pricelists._b2b_price_tables(templates.product_variant_ids) if pricelists and templates else {}
        boundaries = self.env["website"]._b2b_price_boundaries()
        rows = []
        for website, website_templates in sold.items():
            priced = website_templates & templates
            display = Template._b2b_price_display(website, priced.product_variant_ids)
            for template in priced:
                variant_ids = template.product_variant_ids.ids
                for pricelist, table in tables.items():
                    prices = Template._b2b_algolia_prices(variant_ids, pricelist, table, display)
                    price = prices[f"price_{pricelist.id}"]
                    rows.append((template.id, pricelist.id, website.id, price, band_of(price, boundaries)))
        self.env.flush_all()
        # Only what changed is written: a refresh that moves no price leaves
        # no dead row in the table the search joins.
        columns = [[row[position] for row in rows] for position in range(5)]
        self.env.cr.execute(
            SQL(
                """
            DELETE FROM b2b_search_price p
             WHERE p.product_tmpl_id = ANY(%s)
               AND NOT EXISTS (SELECT FROM unnest(%s::int[], %s::int[], %s::int[]) AS kept(template, pricelist, website)
                                WHERE (kept.template, kept.pricelist, kept.website)
                                      = (p.product_tmpl_id, p.pricelist_id, p.website_id))
                """,
                template_ids,
                *columns[:3],
            )
        )
        if rows:
            self.env.cr.execute(
                SQL(
                    """
                INSERT INTO b2b_search_price AS p (product_tmpl_id, pricelist_id, website_id, price, band)
                SELECT * FROM unnest(%s::int[], %s::int[], %s::int[], %s::float[], %s::int[])
                    ON CONFLICT (pricelist_id, website_id, product_tmpl_id)
                    DO UPDATE SET price = EXCLUDED.price, band = EXCLUDED.band
                    WHERE (p.price, p.band) IS DISTINCT FROM (EXCLUDED.price, EXCLUDED.band)
                    """,
                    *columns,
                )
            )
        self.env["b2b.search.document"]._b2b_refresh_price_bands(template_ids)
        self.invalidate_model()
