# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

from .common import AlgoliaCase


@tagged("post_install", "-at_install")
class TestRecords(AlgoliaCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpAlgolia()
        cls.Template = cls.env["product.template"]

    def documents(self, templates, index=None):
        return templates._b2b_algolia_documents(index or self.index)

    def test_record_content(self):
        document = self.documents(self.template)[self.template.id]
        self.assertEqual(document["objectID"], f"product.template-{self.template.id}")
        self.assertIn(self.template.default_code, document["sku"])
        self.assertEqual(document["brand"], self.template.product_brand_id.name or None)
        self.assertTrue(document["categories"]["lvl0"])
        if "lvl1" in document["categories"]:
            self.assertTrue(document["categories"]["lvl1"].startswith(document["categories"]["lvl0"] + " > "))
        self.assertIn(document["availability"], ("in_stock", "low", "out"))
        self.assertEqual(document["visibility"], ["all"])
        self.assertEqual(document["url"], self.template.website_url)
        self.assertLess(len(json.dumps(document).encode()), 10000)

    def test_prices_equal_the_batch_price_api_for_every_pricelist(self):
        templates = self.Template.search(self.Template._b2b_algolia_domain(self.website), limit=40)
        documents = self.documents(templates)
        pricelists = self.Template._b2b_algolia_pricelists()
        self.assertGreaterEqual(len(pricelists), 2, "tiers and agreements of the demo world")
        for pricelist in pricelists:
            table = pricelist._b2b_price_table(templates.product_variant_ids, currency=pricelist.currency_id)
            for template in templates:
                variant = min(template.product_variant_ids, key=lambda v: table[v.id]["prices"][1.0])
                expected = template._b2b_displayed_price(variant, table[variant.id]["prices"][1.0], self.website)
                with self.subTest(pricelist=pricelist.name, product=template.default_code):
                    self.assertAlmostEqual(documents[template.id][f"price_{pricelist.id}"], expected, places=2)

    def test_translated_records_one_index_per_language(self):
        english = self.website.b2b_algolia_index_ids.filtered(lambda index: index.lang_id.code == "en_US")
        self.assertTrue(english, "one index per website language")
        self.template.with_context(lang="fr_FR").name = "Perceuse à colonne"
        self.template.with_context(lang="en_US").name = "Pillar drill"
        self.assertEqual(self.documents(self.template)[self.template.id]["name"], "Perceuse à colonne")
        self.assertEqual(self.documents(self.template, english)[self.template.id]["name"], "Pillar drill")

    def test_urls_are_the_website_urls_in_each_language(self):
        """Built without computing website_url, as it gives them: the SEO
        name's slug, else that of "[code] name", else of the name."""
        templates = self.Template.search(self.Template._b2b_algolia_domain(self.website), limit=3)
        templates[0].with_context(lang="fr_FR").seo_name = "Perceuse sans fil Pro"
        templates[1].default_code = False
        templates[2].with_context(lang="fr_FR").name = "Scie à métaux « Éco »"
        for index in self.website.b2b_algolia_index_ids:
            documents = self.documents(templates, index)
            for template in templates.with_context(lang=index.lang_id.code):
                with self.subTest(lang=index.lang_id.code, product=template.name):
                    self.assertEqual(documents[template.id]["url"], template.website_url)

    def test_only_published_sold_products(self):
        self.template.is_published = False
        self.assertEqual(self.documents(self.template), {})
        self.template.write({"is_published": True, "sale_ok": False})
        self.assertEqual(self.documents(self.template), {})

    def test_reserved_products_carry_their_companies(self):
        self.template.b2b_reserved_for_ids = self.company_mueller
        document = self.documents(self.template)[self.template.id]
        self.assertEqual(document["visibility"], [f"company_{self.company_mueller.id}"])

    def test_oversized_record_is_trimmed_predictably_and_logged(self):
        self.template.description_sale = "Robuste " * 2000
        full = len(json.dumps(self.documents(self.template)[self.template.id]).encode())
        limit = full - 100
        self.env["ir.config_parameter"].sudo().set_param("b2b_algolia.record_max_bytes", limit)
        with self.assertLogs("odoo.addons.b2b_algolia.models.product_template", "WARNING") as logs:
            document = self.documents(self.template)[self.template.id]
        self.assertLessEqual(len(json.dumps(document).encode()), limit)
        self.assertTrue(document["name"] and document["sku"], "what identifies the product is kept")
        self.assertIn("description trimmed", logs.output[0])

    def test_record_building_queries_do_not_grow_with_products(self):
        templates = self.Template.search(self.Template._b2b_algolia_domain(self.website), order="id")
        small, large = self._count_queries(templates[:10]), self._count_queries(templates[:100])
        self.assertLessEqual(large - small, 10, f"{small} queries for 10 products, {large} for 100")

    def _count_queries(self, templates):
        self.env.invalidate_all()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self.documents(templates)
        return self.env.cr.sql_log_count - before

    def test_prices_shown_untaxed_need_no_fiscal_position(self):
        """Taxes excluded and none included in prices: a price is shown as it
        is, without computing the buyer's fiscal position; otherwise Odoo's
        tax computation decides, as on the product page."""
        Tax = self.env["account.tax"]
        self.assertFalse(Tax.search_count([("price_include", "=", True)]), "the demo world's taxes are excluded")
        tax = Tax.create({"name": "VAT 20 % (test)", "amount": 20, "type_tax_use": "sale"})
        self.template.taxes_id = tax
        variants = self.template.product_variant_ids
        Website = type(self.website)
        original = Website._get_current_fiscal_position
        for shown, included_tax, expected in [
            ("tax_excluded", False, 100.0),
            ("tax_included", False, 120.0),
            ("tax_excluded", True, 100.0),
        ]:
            self.website.show_line_subtotals_tax_selection = shown
            if included_tax:
                Tax.create(
                    {"name": "VAT 5.5 % included (test)", "amount": 5.5, "price_include_override": "tax_included"}
                )
            with (
                self.subTest(shown=shown, included_tax=included_tax),
                patch.object(Website, "_get_current_fiscal_position", autospec=True, side_effect=original) as fpos,
            ):
                self.website.invalidate_recordset(["fiscal_position_id"])
                display = self.Template._b2b_price_display(self.website, variants)
                self.assertEqual(display(variants[0].id, 100.0), expected)
                self.assertEqual(fpos.called, shown == "tax_included" or included_tax)
                self.assertEqual(
                    round(self.Template._b2b_displayed_price(variants[0], 100.0, self.website), 2), expected
                )
