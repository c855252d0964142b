# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.b2b_portal.tests.common import B2bDemoWorldMixin


@tagged("post_install", "-at_install")
class TestSearchStatistics(B2bDemoWorldMixin, HttpCase):
    """Searches are counted per company; popular ones feed the autocomplete."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.website = cls.env["website"].get_current_website()
        cls.Query = cls.env["b2b.search.query"]

    def rpc(self, route, **params):
        payload = {"jsonrpc": "2.0", "method": "call", "params": params}
        return self.url_open(route, data=json.dumps(payload), headers={"Content-Type": "application/json"}).json()

    def record_as(self, user, query, hits):
        # In the website's language: what a visitor's request speaks.
        lang = self.website.default_lang_id.code
        self.Query.with_user(user).with_context(lang=lang)._b2b_record(self.website, query, hits)

    def test_searches_are_counted_per_company_and_day(self):
        self.authenticate(self.buyer_claire.login, self.buyer_claire.login)
        self.assertTrue(self.rpc("/b2b/search/log", query="  Perceuse  SDS ", hits=12)["result"])
        self.rpc("/b2b/search/log", query="perceuse sds", hits=0)
        self.rpc("/b2b/search/log", query="p", hits=0)  # too short to mean anything
        rows = self.Query.search([("partner_id", "=", self.company_dupont.id)])
        self.assertEqual(len(rows), 1)
        self.assertEqual((rows.query, rows.searches, rows.hits), ("perceuse sds", 2, 0))
        self.assertTrue(rows.without_results, "the last search found nothing")
        self.assertEqual(
            self.Query.search([("without_results", "=", True)]), rows, "the list of searches without results"
        )

    def test_visitors_and_bad_input(self):
        self.rpc("/b2b/search/log", query="marteau", hits=3)
        visitor = self.Query.search([("query", "=", "marteau")])
        self.assertEqual((visitor.partner_id, visitor.hits), (self.env["res.partner"], 3))
        for params in ({"query": ["marteau"], "hits": 1}, {"query": "marteau", "hits": "12"}):
            with self.subTest(params=params):
                error = self.rpc("/b2b/search/log", **params)["error"]
                self.assertIn("Malformed search request", error["data"]["message"])
        self.assertEqual(visitor.searches, 1)

    def test_popular_queries_need_several_companies_and_results(self):
        self.record_as(self.buyer_claire, "perceuse sans fil", 8)
        self.record_as(self.buyer_anna, "perceuse sans fil", 8)
        self.record_as(self.buyer_anna, "perceuse sans fil", 8)
        self.record_as(self.buyer_claire, "perceuse à colonne", 2)
        self.record_as(self.buyer_anna, "perceuse à colonne", 0)
        self.record_as(self.buyer_anna, "perceuse müller projet x", 1)  # one company only
        self.record_as(self.buyer_claire, "perceuse inconnue", 0)
        self.record_as(self.buyer_anna, "perceuse inconnue", 0)
        public = self.env.ref("base.public_user")
        for _visit in range(5):  # visitors report what they like: it does not count
            self.record_as(public, "perceuse pas chère", 9)
        self.record_as(self.buyer_anna, "perceuse pas chère", 9)
        lang = self.website.default_lang_id.code
        Query = self.Query.with_context(lang=lang)
        self.assertEqual(Query._b2b_popular(self.website, "Perc"), ["perceuse sans fil"])
        self.assertEqual(Query._b2b_popular(self.website, "perceuse sans fil"), [], "not the query itself")
        other_lang = "fr_FR" if lang != "fr_FR" else "en_US"
        self.assertEqual(self.Query.with_context(lang=other_lang)._b2b_popular(self.website, "perc"), [])
        self.assertEqual(self.rpc("/b2b/search/popular", prefix="perc")["result"], ["perceuse sans fil"])

    def test_daily_limit_of_new_queries(self):
        """Past its daily limit, a company's new queries are not counted (its
        known ones still are); visitors share one limit."""
        self.env["ir.config_parameter"].sudo().set_param("b2b_algolia.search_log_daily_limit", 2)
        for query in ("marteau", "tournevis", "pince", "marteau"):
            self.record_as(self.buyer_claire, query, 1)
        dupont = self.Query.search([("partner_id", "=", self.company_dupont.id)])
        self.assertEqual(sorted(dupont.mapped("query")), ["marteau", "tournevis"])
        self.assertEqual(dupont.filtered(lambda row: row.query == "marteau").searches, 2)
        self.record_as(self.buyer_anna, "pince", 1)
        self.assertTrue(self.Query.search([("query", "=", "pince")]), "another company has its own limit")
        for query in ("scie", "niveau", "mètre"):
            self.rpc("/b2b/search/log", query=query, hits=1)
        visitors = self.Query.search([("partner_id", "=", False)])
        self.assertEqual(sorted(visitors.mapped("query")), ["niveau", "scie"])

    def test_old_statistics_are_forgotten(self):
        today = fields.Date.context_today(self.Query)
        self.Query.create(
            [
                {
                    "website_id": self.website.id,
                    "lang": "fr_FR",
                    "query": f"{days} jours",
                    "day": today - timedelta(days),
                }
                for days in (400, 40, 20)
            ]
        )
        cron = self.env.ref("b2b_algolia.ir_cron_forget_old_searches")
        cron.method_direct_trigger()
        self.assertEqual(sorted(self.Query.search([]).mapped("query")), ["20 jours", "40 jours"])
        # Never fewer days than the popular queries read (30).
        self.env["ir.config_parameter"].sudo().set_param("b2b_algolia.search_log_days", 1)
        cron.method_direct_trigger()
        self.assertEqual(self.Query.search([]).mapped("query"), ["20 jours"])
