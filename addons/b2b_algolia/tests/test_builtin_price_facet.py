# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from collections import Counter

from odoo.tests import HttpCase, tagged

from odoo.addons.b2b_portal.tests.common import B2bDemoWorldMixin
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import displayed_prices, expected_band


@tagged("post_install", "-at_install")
class TestBuiltinPriceFacet(B2bDemoWorldMixin, HttpCase):
    """The built-in engine: the same tags, counted and filtered on prices
    stored per pricelist."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.website = cls.env["website"].get_current_website()
        cls.brand = cls.env["product.brand"].create({"name": "Prixpro"})
        cls.products = cls.env["product.template"].create(
            [
                {
                    "name": f"Article ZZP {number}",
                    "default_code": f"ZZP-{number}",
                    "is_published": True,
                    "list_price": price,
                }
                for number, price in enumerate((4, 9, 18, 30, 45, 70, 140, 380, 900, 2400))
            ]
        )
        cls.products[:4].product_brand_id = cls.brand
        cls.pricelist = cls.company_dupont.property_product_pricelist
        cls.Price = cls.env["b2b.search.price"]
        while cls.Price._b2b_stale_versions(1):  # the new products, and others the suite's demo changed
            cls.Price._job_refresh_stale()

    def search(self, user=None, **params):
        user = user or self.buyer_claire
        Document = self.env["b2b.search.document"].with_user(user).with_context(lang="fr_FR")
        return Document._b2b_search(self.website.with_user(user), query="zzp", **params)

    def tags(self, pricelist=None):
        return self.website._b2b_price_band_tags(pricelist or self.pricelist)

    def expected_tags(self, templates=None):
        """``{template: tag of its band}`` from b2b_pricing's API."""
        boundaries = self.website._b2b_price_boundaries()
        prices = displayed_prices(templates or self.products, self.pricelist, self.website)
        return {template: self.tags()[expected_band(price, boundaries)] for template, price in prices.items()}

    def test_counts_and_filters_are_the_buyers_bands(self):
        expected = self.expected_tags()
        counts = Counter(expected.values())
        self.assertGreaterEqual(len(counts), 4, "the products span several bands")
        result = self.search()
        self.assertEqual(result["facets"]["price_band"], dict(counts))
        for tag in counts:
            hits = self.search(facet_filters=[f"price_band:{tag}"])["hits"]
            with self.subTest(tag=tag):
                self.assertEqual(
                    sorted(hit["name"] for hit in hits),
                    sorted(template.name for template, expected_tag in expected.items() if expected_tag == tag),
                )
        first, second = list(counts)[:2]
        either = self.search(facet_filters=[[f"price_band:{first}", f"price_band:{second}"]])
        self.assertEqual(either["nbHits"], counts[first] + counts[second], "a list of bands is an OR")
        branded = self.search(facet_filters=["brand:Prixpro"])
        self.assertEqual(branded["facets"]["price_band"], dict(Counter(self.expected_tags(self.products[:4]).values())))

    def test_documents_written_after_the_prices_carry_their_bands(self):
        """A document (re)written after its product's prices were stored, as
        for a language added later, copies their bands."""
        counts = self.search()["facets"]["price_band"]
        self.env.cr.execute("DELETE FROM b2b_search_document WHERE product_tmpl_id = ANY(%s)", [self.products.ids])
        self.env["b2b.search.document"]._b2b_refresh(self.products.ids)
        self.assertEqual(self.search()["facets"]["price_band"], counts)

    def test_other_tags_match_nothing(self):
        other = self.company_mueller.property_product_pricelist
        self.assertNotEqual(other, self.pricelist)
        for tag in [*self.tags(other), "0" * 20, ""]:
            with self.subTest(tag=tag):
                self.assertEqual(self.search(facet_filters=[f"price_band:{tag}"])["nbHits"], 0)
        self.assertEqual(set(self.search(user=self.buyer_anna)["facets"]["price_band"]) - set(self.tags(other)), set())

    def test_no_price_facet_for_who_may_not_see_prices(self):
        tag = next(iter(self.expected_tags().values()))
        for visitor in (self.env.ref("base.public_user"), self.prospect_marco):
            with self.subTest(visitor=visitor.login):
                self.assertEqual(self.search(user=visitor)["nbHits"], len(self.products))
                self.assertNotIn("price_band", self.search(user=visitor)["facets"])
                self.assertEqual(self.search(user=visitor, facet_filters=[f"price_band:{tag}"])["nbHits"], 0)

    def test_price_changes_move_the_band_after_the_job(self):
        product = self.products[0]
        before = self.expected_tags(product)[product]
        with trap_jobs() as trap:
            self.env["product.pricelist.item"].create(
                {
                    "pricelist_id": self.pricelist.id,
                    "applied_on": "1_product",
                    "product_tmpl_id": product.id,
                    "compute_price": "fixed",
                    "fixed_price": 5000,
                }
            )
            jobs = [job for job in trap.enqueued_jobs if job.method_name == "_job_refresh_stale"]
            self.assertEqual(len(jobs), 1)
            self.assertEqual((jobs[0].channel, bool(jobs[0].eta)), ("root.b2b_algolia", True))
            after = self.expected_tags(product)[product]
            self.assertNotEqual(before, after)
            hits = self.search(facet_filters=[f"price_band:{after}"])["hits"]
            self.assertNotIn(product.name, [hit["name"] for hit in hits], "stored prices: not before the job")
            trap.perform_enqueued_jobs()
        hits = self.search(facet_filters=[f"price_band:{after}"])["hits"]
        self.assertIn(product.name, [hit["name"] for hit in hits])

        other = self.products[1]
        with trap_jobs() as trap:
            other.list_price = 3000
            other.list_price = 3100  # a burst: one job
            self.assertEqual(len([job for job in trap.enqueued_jobs if job.method_name == "_job_refresh_stale"]), 1)
            trap.perform_enqueued_jobs()
        tag = self.expected_tags(other)[other]
        self.assertIn(other.name, [hit["name"] for hit in self.search(facet_filters=[f"price_band:{tag}"])["hits"]])

    def test_a_refresh_rewrites_only_the_prices_that_moved(self):
        def row_positions():
            self.env.cr.execute(
                "SELECT pricelist_id, product_tmpl_id, ctid::text FROM b2b_search_price"
                " WHERE product_tmpl_id = ANY(%s) AND website_id = %s",
                [self.products.ids, self.website.id],
            )
            return {(pricelist_id, template_id): ctid for pricelist_id, template_id, ctid in self.env.cr.fetchall()}

        before = row_positions()
        self.assertGreater(len(before), len(self.products), "several B2B pricelists")
        self.Price._b2b_refresh(self.products.ids)
        self.assertEqual(row_positions(), before)
        self.env["product.pricelist.item"].create(
            {
                "pricelist_id": self.pricelist.id,
                "applied_on": "1_product",
                "product_tmpl_id": self.products[3].id,
                "compute_price": "fixed",
                "fixed_price": 1,
            }
        )
        self.Price._b2b_refresh(self.products.ids)
        after = row_positions()
        self.assertEqual(
            {key for key in before if before[key] != after[key]}, {(self.pricelist.id, self.products[3].id)}
        )
        self.products[3].sale_ok = False  # no longer sold: its prices go
        self.Price._b2b_refresh(self.products.ids)
        self.assertEqual({key for key in row_positions() if key[1] == self.products[3].id}, set())

    def test_a_change_during_the_refresh_stays_stale(self):
        product = self.products[2]
        self.Price._b2b_mark_stale(product.ids)
        versions = self.Price._b2b_stale_versions(1000)
        self.Price._b2b_mark_stale(product.ids)  # as if committed while the job computed
        self.env.cr.execute(
            "DELETE FROM b2b_search_price_stale s USING unnest(%s::int[], %s::int[]) AS done(id, version)"
            " WHERE s.product_tmpl_id = done.id AND s.version = done.version",
            [list(versions), list(versions.values())],
        )
        self.assertIn(product.id, self.Price._b2b_stale_versions(1000))

    def test_the_json_endpoint_filters_on_the_buyers_band(self):
        expected = self.expected_tags()
        tag = expected[self.products[-1]]
        self.authenticate(self.buyer_claire.login, self.buyer_claire.login)
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "requests": [
                    {"indexName": "builtin", "params": {"query": "zzp", "facetFilters": [[f"price_band:{tag}"]]}}
                ]
            },
        }
        result = self.url_open(
            "/b2b/search/queries", data=json.dumps(payload), headers={"Content-Type": "application/json"}
        ).json()["result"]["results"][0]
        self.assertEqual(
            sorted(hit["name"] for hit in result["hits"]),
            sorted(template.name for template, band in expected.items() if band == tag),
        )
        self.assertEqual(result["facets"]["price_band"], {tag: len(result["hits"])})
        self.assertFalse([key for hit in result["hits"] for key in hit if key == "price_band"])
