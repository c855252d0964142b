# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Dupont's demo agreement: minimum order 250, free shipping from 1,500."""

from odoo import Command
from odoo.tests import TransactionCase, tagged

from .common import B2bDemoWorldMixin


@tagged("post_install", "-at_install")
class TestAgreementConditions(B2bDemoWorldMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.agreement = cls.env.ref("b2b_portal.agreement_dupont_demo")
        cls.carrier = cls.env.ref("b2b_portal.carrier_express_demo")
        cls.website = cls.env["website"].get_current_website()

    def cart(self, quantity):
        return self.env["sale.order"].create(
            {
                "partner_id": self.buyer_claire.partner_id.id,
                "website_id": self.website.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": quantity})],
            }
        )

    def test_minimum_order(self):
        self.assertEqual(self.agreement.min_order_amount, 250)
        small = self.cart(1)
        self.assertAlmostEqual(small._b2b_minimum_order_gap(), 250 - small._b2b_goods_amount())
        self.assertFalse(small._is_cart_ready())
        large = self.cart(5)
        self.assertGreater(large._b2b_goods_amount(), 250)
        self.assertEqual(large._b2b_minimum_order_gap(), 0)
        self.assertTrue(large._is_cart_ready())

    def test_free_shipping_threshold(self):
        self.assertEqual(self.agreement.free_shipping_threshold, 1500)
        self.assertGreater(self.carrier.rate_shipment(self.cart(5))["price"], 0)
        big = self.cart(25)
        self.assertGreaterEqual(big._b2b_goods_amount(), 1500)
        result = self.carrier.rate_shipment(big)
        self.assertEqual(result["price"], 0.0)
        self.assertIn("free under your agreement", result["warning_message"])

    def test_other_customers_have_no_minimum(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.buyer_anna.partner_id.id,
                "website_id": self.website.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 1})],
            }
        )
        # Müller's agreement sets a minimum of 500 too; Bâtiment Martin has none.
        self.assertGreater(order._b2b_minimum_order_gap(), 0)
        order.partner_id = self.env.ref("b2b_portal.partner_sophie_demo")
        self.assertEqual(order._b2b_minimum_order_gap(), 0)

    def test_renewal_notice_goes_to_the_admin_buyers(self):
        self.agreement.state = "active"
        messages_before = self.agreement.message_ids
        self.agreement._update_states()
        self.assertEqual(self.agreement.state, "expiring")
        notice = self.agreement.message_ids - messages_before
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.partner_ids, self.buyer_claire.partner_id)
