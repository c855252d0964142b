# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import hashlib
import hmac
import time
from urllib.parse import parse_qs

from odoo.tests import TransactionCase, tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import SEARCH_KEY, AlgoliaCase


def decode(secured_key):
    """The restrictions a secured key carries, after checking it is signed
    with the search-only key."""
    raw = base64.b64decode(secured_key).decode()
    signature, query = raw[:64], raw[64:]
    expected = hmac.new(SEARCH_KEY.encode(), query.encode(), hashlib.sha256).hexdigest()
    assert hmac.compare_digest(signature, expected), "not signed with the search-only key"
    return {key: values[0] for key, values in parse_qs(query).items()}


@tagged("post_install", "-at_install")
class TestSecuredKeys(AlgoliaCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpAlgolia()

    def restrictions(self, user):
        return decode(self.website.with_user(user)._b2b_algolia_secured_key(user))

    def test_buyer_key_scope_validity_and_prices(self):
        restrictions = self.restrictions(self.buyer_claire)
        self.assertNotIn(
            "admin-key", base64.b64decode(self.website._b2b_algolia_secured_key(self.buyer_claire)).decode()
        )
        self.assertEqual(restrictions["filters"], f"visibility:all OR visibility:company_{self.company_dupont.id}")
        valid_until = int(restrictions["validUntil"])
        self.assertTrue(time.time() < valid_until <= time.time() + 3600)
        indices = restrictions["restrictIndices"].split(",")
        self.assertEqual(set(indices), set(self.website.b2b_algolia_index_ids._b2b_all_names()))
        pricelist = self.company_dupont.property_product_pricelist
        retrievable = restrictions["attributesToRetrieve"].split(",")
        self.assertIn(f"price_{pricelist.id}", retrievable)
        self.assertEqual([name for name in retrievable if name.startswith("price_")], [f"price_{pricelist.id}"])

    def test_other_company_and_visitors(self):
        mueller = self.restrictions(self.buyer_anna)
        self.assertIn(f"company_{self.company_mueller.id}", mueller["filters"])
        self.assertNotIn(f"company_{self.company_dupont.id}", mueller["filters"])
        for visitor in (self.env.ref("base.public_user"), self.prospect_marco):
            restrictions = self.restrictions(visitor)
            with self.subTest(visitor=visitor.login):
                self.assertFalse("price_" in restrictions["attributesToRetrieve"], "no price for visitors")
                self.assertTrue(restrictions["filters"].startswith("visibility:all"))
                self.assertNotIn(f"company_{self.company_dupont.id}", restrictions["filters"])

    def test_settings_and_synonyms_are_pushed(self):
        with trap_jobs() as trap:
            self.env["b2b.algolia.synonym"].create(
                [
                    {"kind": "synonym", "words": "vis, boulon"},
                    {"kind": "oneWaySynonym", "input": "perceuse", "words": "visseuse"},
                ]
            )
            trap.perform_enqueued_jobs()
        index = self.server.state.index(self.index.name)
        settings = index["settings"]
        self.assertEqual(settings["searchableAttributes"][:2], ["unordered(sku)", "unordered(barcodes)"])
        self.assertEqual(settings["disableTypoToleranceOnAttributes"], ["sku", "barcodes"])
        self.assertIn("filterOnly(visibility)", settings["attributesForFaceting"])
        self.assertEqual(
            [name for name in settings["attributesForFaceting"] if "price" in name],
            ["filterOnly(price_band)"],
            "no price facet but the bands' opaque tags, filter-only",
        )
        self.assertEqual(settings["numericAttributesForFiltering"], ["equalOnly(in_stock)"], "no price filter")
        self.assertEqual(settings["customRanking"], ["desc(in_stock)", "desc(popularity)"])
        self.assertEqual(len(settings["replicas"]), 3)
        replica = self.server.state.index(f"{self.index.name}_price_asc")["settings"]
        self.assertEqual(replica["ranking"][0], "asc(price_sort)")
        synonyms = sorted(index["synonyms"].values(), key=lambda synonym: synonym["type"])
        self.assertEqual(
            [(synonym["type"], synonym.get("input"), synonym["synonyms"]) for synonym in synonyms],
            [("oneWaySynonym", "perceuse", ["visseuse"]), ("synonym", None, ["vis", "boulon"])],
        )
