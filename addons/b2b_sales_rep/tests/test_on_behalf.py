# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.website.tools import MockRequest

from .common import RepMixin

QUANTITIES = (1, 4, 10, 25, 100)


@tagged("post_install", "-at_install")
class TestOrderOnBehalf(RepMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpReps()

    def backend_order(self, buyer, rows):
        rep = buyer.partner_id.commercial_partner_id.user_id  # the account's own rep
        return (
            self.env["sale.order"]
            .with_user(rep)
            .create(
                {
                    "partner_id": buyer.partner_id.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": quantity})
                        for product, quantity in rows
                    ],
                }
            )
        )

    def portal_prices(self, buyer, rows):
        """Unit prices of ``rows`` in the buyer's website cart, each
        quantity in a cart of its own, as website_sale prices them."""
        prices = {}
        env = self.env(user=buyer)
        for quantity in sorted({quantity for _product, quantity in rows}):
            with MockRequest(env, website=self.website.with_env(env)):
                cart = self.website.with_env(env).sale_get_order(force_create=True)
                for product, wanted in rows:
                    if wanted == quantity:
                        cart._cart_update(product_id=product.id, set_qty=quantity)
                for line in cart.order_line:
                    prices[line.product_id, quantity] = line.price_unit
                cart.sudo().unlink()
        return prices

    def test_backend_prices_equal_the_portal_prices(self):
        products = self.env["product.product"].search(
            [("is_published", "=", True), ("sale_ok", "=", True), ("b2b_preorder", "=", False)]
        )
        rng = random.Random(7)
        for buyer in (self.buyer_hugo, self.buyer_anna):  # an agreement, and a tier only
            rows = [(product, rng.choice(QUANTITIES)) for product in rng.sample(list(products), 12)]
            with self.subTest(buyer=buyer.login):
                order = self.backend_order(buyer, rows)
                portal = self.portal_prices(buyer, rows)
                backend = {(line.product_id, line.product_uom_qty): line.price_unit for line in order.order_line}
                self.assertEqual(
                    order.pricelist_id, buyer.partner_id.commercial_partner_id.specific_property_product_pricelist
                )
                self.assertEqual(backend, portal)

    def test_paste_lines_reports_each_wrong_line(self):
        order = self.backend_order(self.buyer_hugo, [])
        valid = self.products[0]
        wizard = (
            self.env["b2b.order.paste"]
            .with_user(self.rep_julie)
            .create(
                {
                    "order_id": order.id,
                    "text": f"{valid.default_code}\t6\nNOPE-404 2\n{self.products[1].default_code};abc",
                }
            )
        )
        result = wizard.action_add()
        self.assertEqual(order.order_line.product_id, valid)
        self.assertEqual(order.order_line.product_uom_qty, 6)
        self.assertEqual(result["res_id"], wizard.id, "the wizard stays open with what is left")
        self.assertIn("Line 2 (NOPE-404): Unknown SKU NOPE-404.", wizard.errors)
        self.assertIn("Line 3", wizard.errors)
        self.assertNotIn(valid.default_code, wizard.text, "what was added is not pasted twice")
        wizard.text = f"{valid.default_code} 4"
        self.assertEqual(wizard.action_add()["type"], "ir.actions.act_window_close")
        self.assertEqual(order.order_line.product_uom_qty, 10, "added to the line already there")
        order.action_confirm()
        with self.assertRaisesRegex(UserError, "quotations only"):
            wizard.action_add()
