# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Buyers see their company's prices, breaks and nudges, and cannot switch."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import B2bDemoWorldMixin


@tagged("post_install", "-at_install")
class TestBuyerPrices(B2bDemoWorldMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.template = cls.product.product_tmpl_id
        cls.buyer_pablo = cls.env.ref("b2b_portal.user_pablo_demo")
        cls.gold = cls.env.ref("b2b_pricing.pricelist_gold_demo")
        cls.bronze = cls.env.ref("b2b_pricing.pricelist_bronze_demo")
        # Pin the two companies' tiers whatever the generated history gives.
        cls.company_dupont.b2b_tier_override_id = cls.env.ref("b2b_pricing.tier_gold_demo")
        cls.buyer_pablo.partner_id.commercial_partner_id.b2b_tier_override_id = cls.env.ref(
            "b2b_pricing.tier_bronze_demo"
        )
        cls.bronze.code = "BRONZE-CODE"

    def price_for(self, user, quantity=1):
        self.authenticate(user.login, user.login)
        info = self.make_jsonrpc_request(
            "/website_sale/get_combination_info",
            {
                "product_template_id": self.template.id,
                "product_id": self.product.id,
                "combination": [],
                "add_qty": quantity,
            },
        )
        return info["price"]

    def test_two_tiers_two_prices(self):
        list_price = self.template.list_price
        self.assertAlmostEqual(
            self.price_for(self.buyer_claire), self.gold._get_product_price(self.product, 1), places=2
        )
        self.assertAlmostEqual(self.price_for(self.buyer_claire), round(list_price * 0.85, 2), places=2)
        self.assertAlmostEqual(self.price_for(self.buyer_pablo), list_price, places=2)
        self.assertAlmostEqual(self.price_for(self.buyer_claire, 50), round(list_price * 0.75, 2), places=2)

    def test_product_page_shows_the_buyer_breaks(self):
        self.authenticate(self.buyer_claire.login, self.buyer_claire.login)
        html = self.url_open(f"/shop/{self.template.id}").text
        self.assertIn("o_b2b_price_breaks", html)
        self.assertIn("25 %", html)  # Gold, 50+
        self.authenticate(self.buyer_pablo.login, self.buyer_pablo.login)
        html = self.url_open(f"/shop/{self.template.id}").text
        self.assertIn("8 %", html)  # Bronze, 50+
        self.assertNotIn("25 %", html)
        self.authenticate(None, None)
        self.assertNotIn("o_b2b_price_breaks", self.url_open(f"/shop/{self.template.id}").text)

    def test_breaks_only_where_shown(self):
        info = self.template.with_user(self.buyer_claire)._get_combination_info(product_id=self.product.id)
        self.assertNotIn("b2b_breaks", info, "lists and snippets do not pay for breaks")

    def test_cart_applies_breaks_and_nudges(self):
        self.authenticate(self.buyer_claire.login, self.buyer_claire.login)
        self.make_jsonrpc_request("/shop/cart/update_json", {"product_id": self.product.id, "add_qty": 6})
        line = self.env["sale.order.line"].search(
            [
                ("order_id.partner_id", "=", self.buyer_claire.partner_id.id),
                ("product_id", "=", self.product.id),
                ("order_id.state", "=", "draft"),
            ]
        )
        # Dupont's agreement pricelist: this product is not negotiated, so Gold prices.
        self.assertEqual(line.order_id.pricelist_id, self.company_dupont.specific_property_product_pricelist)
        self.assertAlmostEqual(line.price_unit, self.gold._get_product_price(self.product, 6), places=2)
        html = self.url_open("/shop/cart").text
        # Claire reads French: "Ajoutez 4 de plus pour payer ... l'unité".
        self.assertRegex(html, r"o_b2b_cart_nudge[^>]*>\s*(Add|Ajoutez) 4\s")
        self.make_jsonrpc_request(
            "/shop/cart/update_json", {"product_id": self.product.id, "line_id": line.id, "set_qty": 10}
        )
        self.assertAlmostEqual(line.price_unit, self.gold._get_product_price(self.product, 10), places=2)
        self.assertLess(line.price_unit, self.gold._get_product_price(self.product, 6))

    def test_buyers_cannot_switch_pricelist(self):
        before = self.price_for(self.buyer_claire)
        self.url_open(f"/shop/change_pricelist/{self.bronze.id}")
        self.assertEqual(self.price_for(self.buyer_claire), before)
        response = self.url_open("/shop/pricelist?promo=BRONZE-CODE")
        self.assertIn("code_not_available", response.url)
        self.assertEqual(self.price_for(self.buyer_claire), before)
        self.assertNotIn("o_pricelist_dropdown", self.url_open("/shop").text)

    def test_cart_pricelist_cannot_be_forced(self):
        self.authenticate(self.buyer_claire.login, self.buyer_claire.login)
        self.make_jsonrpc_request("/shop/cart/update_json", {"product_id": self.product.id, "add_qty": 1})
        cart = self.env["sale.order"].search(
            [("partner_id", "=", self.buyer_claire.partner_id.id), ("state", "=", "draft")], limit=1
        )
        website = cart.website_id.with_user(self.buyer_claire)
        with self.assertRaises(AccessError):
            cart.with_user(self.buyer_claire).with_context(website_id=website.id).sudo()._cart_update_pricelist(
                pricelist_id=self.bronze.id
            )

    def test_tour_breaks_and_nudge(self):
        self.start_tour(f"/shop/{self.template.id}", "b2b_buyer_prices", login=self.buyer_claire.login)
        cart = self.env["sale.order"].search(
            [("partner_id", "=", self.buyer_claire.partner_id.id), ("state", "=", "draft")], limit=1
        )
        self.assertEqual(cart.order_line.product_uom_qty, 6)

    def test_tour_breaks_follow_the_selected_variant(self):
        size = self.env["product.attribute"].create(
            {
                "name": "Size",
                "display_type": "radio",
                "value_ids": [Command.create({"name": "S"}), Command.create({"name": "L"})],
            }
        )
        template = self.env["product.template"].create(
            {
                "name": "Work jacket",
                "list_price": 50.0,
                "is_published": True,
                "sale_ok": True,
                "attribute_line_ids": [
                    Command.create({"attribute_id": size.id, "value_ids": [Command.set(size.value_ids.ids)]})
                ],
            }
        )
        large = template.product_variant_ids.filtered(
            lambda variant: variant.product_template_attribute_value_ids.name == "L"
        )
        self.gold.item_ids = [
            Command.create(
                {
                    "applied_on": "0_product_variant",
                    "product_id": large.id,
                    "min_quantity": 10,
                    "compute_price": "fixed",
                    "fixed_price": 30.0,
                }
            )
        ]
        self.start_tour(f"/shop/{template.id}", "b2b_buyer_variant_breaks", login=self.buyer_claire.login)
