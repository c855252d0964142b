# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.tests import TransactionCase, tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import AlgoliaCase, expected_band
from .test_secured_keys import decode


@tagged("post_install", "-at_install")
class TestPriceBandRecords(AlgoliaCase, TransactionCase):
    """Algolia: a tag per pricelist in every record, filter-only, never
    retrievable; a buyer is given their own pricelist's tags only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpAlgolia()
        cls.Template = cls.env["product.template"]
        cls.pricelist_claire = cls.company_dupont.property_product_pricelist
        cls.pricelist_anna = cls.company_mueller.property_product_pricelist

    def test_one_tag_per_pricelist_the_band_of_its_price(self):
        templates = self.Template.search(self.Template._b2b_algolia_domain(self.website), limit=40)
        documents = templates._b2b_algolia_documents(self.index)
        pricelists = self.Template._b2b_algolia_pricelists()
        boundaries = self.website._b2b_price_boundaries()
        self.assertGreaterEqual(len(pricelists), 2)
        bands_seen = set()
        for template in templates:
            document = documents[template.id]
            self.assertEqual(len(document["price_band"]), len(pricelists), "one tag per B2B pricelist")
            for pricelist in pricelists:
                band = expected_band(document[f"price_{pricelist.id}"], boundaries)
                bands_seen.add(band)
                with self.subTest(product=template.default_code, pricelist=pricelist.name):
                    self.assertIn(self.website._b2b_price_band_tags(pricelist)[band], document["price_band"])
        self.assertGreaterEqual(len(bands_seen), 2, "the demo catalog spans several bands")

    def test_tags_differ_per_pricelist_and_boundaries(self):
        claire_tags = self.website._b2b_price_band_tags(self.pricelist_claire)
        anna_tags = self.website._b2b_price_band_tags(self.pricelist_anna)
        self.assertNotEqual(self.pricelist_claire, self.pricelist_anna)
        self.assertEqual(len(set(claire_tags)), len(self.website._b2b_price_boundaries()) + 1)
        self.assertFalse(set(claire_tags) & set(anna_tags), "a band's tag tells nothing of another pricelist's")
        self.env["ir.config_parameter"].sudo().set_param("b2b_algolia.price_bands", "20,200")
        self.assertEqual(self.website._b2b_price_boundaries(), (20.0, 200.0))
        new_tags = self.website._b2b_price_band_tags(self.pricelist_claire)
        self.assertEqual(len(new_tags), 3)
        self.assertFalse(set(new_tags) & set(claire_tags), "an old tag matches no new band")

    def test_filter_only_and_never_retrievable(self):
        with trap_jobs() as trap:
            self.index.action_push_settings()
            trap.perform_enqueued_jobs()
        settings = self.server.state.index(self.index.name)["settings"]
        self.assertEqual(
            [name for name in settings["attributesForFaceting"] if "price" in name], ["filterOnly(price_band)"]
        )
        self.assertEqual(settings["numericAttributesForFiltering"], ["equalOnly(in_stock)"], "no price filter")
        self.assertEqual(settings["unretrievableAttributes"], ["price_band"])
        for user in (self.buyer_claire, self.buyer_anna, self.env.ref("base.public_user")):
            restrictions = decode(self.website.with_user(user)._b2b_algolia_secured_key(user))
            with self.subTest(user=user.login):
                self.assertNotIn("price_band", restrictions["attributesToRetrieve"].split(","))

    def test_the_browser_gets_its_own_pricelists_bands_only(self):
        config = self.website.with_user(self.buyer_claire)._b2b_search_config()
        tags = self.website._b2b_price_band_tags(self.pricelist_claire)
        self.assertEqual([band["tag"] for band in config["priceBands"]], tags)
        self.assertTrue(all(band["label"] for band in config["priceBands"]))
        self.assertFalse(
            set(json.dumps(config).split('"')) & set(self.website._b2b_price_band_tags(self.pricelist_anna))
        )
        for visitor in (self.env.ref("base.public_user"), self.prospect_marco):
            with self.subTest(visitor=visitor.login):
                self.assertEqual(self.website.with_user(visitor)._b2b_search_config()["priceBands"], [])

    def test_labels_in_the_websites_currency_and_users_language(self):
        self.env["ir.config_parameter"].sudo().set_param("b2b_algolia.price_bands", "10,1000")
        website = self.website.with_context(lang="en_US")
        currency = website.currency_id
        labels = website._b2b_price_band_labels()
        self.assertEqual(len(labels), 3)
        self.assertIn(currency.symbol, labels[0])
        self.assertIn("1,000", labels[2], "the user's language groups digits")
