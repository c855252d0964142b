# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import B2bDemoWorldMixin


class OrderFollowUpMixin(B2bDemoWorldMixin):
    @classmethod
    def setUpOrders(cls):
        cls.setUpB2bWorld()
        cls.carrier = cls.env.ref("b2b_portal.carrier_express_demo")
        cls.products = cls.env["product.product"].search(
            [("is_published", "=", True), ("is_storable", "=", True)], limit=2
        )
        stock = cls.env.ref("stock.warehouse0").lot_stock_id
        for product in cls.products:
            cls.env["stock.quant"]._update_available_quantity(product, stock, 100)

    @classmethod
    def confirmed_order(cls, buyer, reference="PO-FOLLOW-1"):
        order = cls.env["sale.order"].create(
            {
                "partner_id": buyer.partner_id.id,
                "client_order_ref": reference,
                "carrier_id": cls.carrier.id,
                "order_line": [Command.create({"product_id": p.id, "product_uom_qty": 10}) for p in cls.products],
            }
        )
        order.action_confirm()
        return order

    @classmethod
    def ship(cls, order, quantity=None, tracking="EX123456789"):
        """Ship the open delivery: everything, or ``quantity`` of the first
        line (the rest goes to a backorder)."""
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        picking.action_assign()
        for index, move in enumerate(picking.move_ids):
            move.quantity = quantity if quantity is not None and index == 0 else move.product_uom_qty
            move.picked = True
        picking.carrier_tracking_ref = tracking
        picking.with_context(cancel_backorder=False)._action_done()
        return picking


@tagged("post_install", "-at_install")
class TestOrderTimeline(OrderFollowUpMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpOrders()

    def reached(self, order):
        return [key for key, _label, done in order._b2b_timeline() if done]

    def test_from_confirmation_to_payment(self):
        order = self.confirmed_order(self.buyer_claire)
        self.assertEqual(self.reached(order), ["received", "confirmed", "preparing"])
        first = self.ship(order, quantity=4)
        self.assertEqual(self.reached(order), ["received", "confirmed", "preparing", "partially_shipped"])
        line = order.order_line.filtered(lambda line: line.product_id == self.products[0])
        remaining, expected = line._b2b_backorder()
        self.assertEqual(remaining, 6)
        self.assertTrue(expected)

        self.ship(order)
        self.assertIn("shipped", self.reached(order))
        self.assertNotIn("delivered", self.reached(order))
        with self.assertRaises(UserError):
            self.confirmed_order(self.buyer_claire).picking_ids.action_b2b_mark_delivered()  # not shipped yet
        order.picking_ids.action_b2b_mark_delivered()
        self.assertTrue(first.b2b_delivered_date)
        self.assertIn("delivered", self.reached(order))

        invoice = order._create_invoices()
        invoice.action_post()
        self.assertIn("invoiced", self.reached(order))
        self.assertNotIn("paid", self.reached(order))
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {}
        )._create_payments()
        self.assertEqual(self.reached(order)[-1], "paid")
        self.assertEqual(order._b2b_status_label(), "Paid")

    def test_single_shipment_skips_partially_shipped(self):
        order = self.confirmed_order(self.buyer_claire)
        self.ship(order)
        self.assertEqual(self.reached(order), ["received", "confirmed", "preparing", "shipped"])


@tagged("post_install", "-at_install")
class TestOrderPages(OrderFollowUpMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpOrders()
        cls.buyer_claire.partner_id.lang = "en_US"  # page texts checked in English
        cls.buyer_hugo.partner_id.lang = "en_US"
        cls.claire_order = cls.confirmed_order(cls.buyer_claire, "PO-CLAIRE-77")
        cls.claire_picking = cls.ship(cls.claire_order, tracking="EXCLAIRE001")
        cls.claire_invoice = cls.claire_order._create_invoices()
        cls.claire_invoice.action_post()
        cls.hugo_order = cls.confirmed_order(cls.buyer_hugo, "PO-HUGO-12")
        cls.hugo_picking = cls.ship(cls.hugo_order, tracking="EXHUGO0001")

    def login(self, user):
        self.authenticate(user.login, user.login)

    def test_order_page_shows_steps_shipments_and_documents(self):
        self.login(self.buyer_claire)
        html = self.url_open(self.claire_order.get_portal_url()).text
        self.assertTrue('data-step="shipped"' in html, "the timeline")
        self.assertTrue("https://track.express-freight.example/?ref=EXCLAIRE001" in html, "the tracking link")
        self.assertTrue(f"/my/picking/pdf/{self.claire_picking.id}" in html, "the delivery slip")
        self.assertTrue(f"/my/invoices/{self.claire_invoice.id}" in html, "the invoice")
        self.assertTrue("Delivered: 10" in html, "quantities delivered")

    def test_orders_list_search_and_filters(self):
        self.login(self.buyer_claire)
        html = self.url_open("/my/orders?search=PO-CLAIRE-77&search_in=client_order_ref").text
        self.assertTrue(self.claire_order.name in html, "found by its PO reference")
        self.assertFalse(self.hugo_order.name in html, "the others are filtered out")
        html = self.url_open("/my/orders?filterby=to_invoice").text
        self.assertTrue(self.hugo_order.name in html and self.claire_order.name not in html)

    def test_shipments_page_follows_roles(self):
        self.login(self.buyer_claire)  # admin buyer: the whole company
        html = self.url_open("/my/shipments").text
        self.assertTrue("EXCLAIRE001" in html and "EXHUGO0001" in html)
        self.login(self.buyer_hugo)  # buyer: his own shipments only
        html = self.url_open("/my/shipments").text
        self.assertTrue("EXHUGO0001" in html and "EXCLAIRE001" not in html)

    def test_other_documents_are_refused(self):
        self.login(self.buyer_hugo)
        # Without the access token that Odoo puts in links it emails.
        response = self.url_open(f"/my/orders/{self.claire_order.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303, "Claire's order is not Hugo's")
        self.assertEqual(self.url_open(f"/my/picking/pdf/{self.claire_picking.id}").status_code, 404)
        response = self.url_open(f"/my/invoices/{self.claire_invoice.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.login(self.buyer_anna)  # another company altogether
        self.assertEqual(self.url_open(f"/my/picking/pdf/{self.hugo_picking.id}").status_code, 404)
        self.assertFalse("EXHUGO0001" in self.url_open("/my/shipments").text)

    def test_po_reference_from_the_cart_to_the_documents(self):
        self.login(self.buyer_claire)
        page = self.url_open("/shop").text
        csrf = re.search(r'csrf_token: "([^"]+)"', page).group(1)
        self.url_open("/shop/cart/update", data={"product_id": self.products[0].id, "add_qty": 2, "csrf_token": csrf})
        cart = self.env["sale.order"].search(
            [("partner_id", "=", self.buyer_claire.partner_id.id), ("state", "=", "draft"), ("website_id", "!=", False)]
        )
        response = self.url_open("/shop/b2b/po_reference", data={"client_order_ref": "X" * 65, "csrf_token": csrf})
        self.assertTrue("at most 64 characters" in response.text, "too long: said, and nothing saved")
        self.assertFalse(cart.client_order_ref)
        self.url_open("/shop/b2b/po_reference", data={"client_order_ref": "  PO 2026 /  118 ", "csrf_token": csrf})
        self.assertEqual(cart.client_order_ref, "PO 2026 / 118")

        cart.action_confirm()
        picking = self.ship(cart)
        slip = self.env["ir.actions.report"]._render_qweb_html("stock.action_report_delivery", picking.ids)[0]
        self.assertIn(b"PO 2026 / 118", slip)
        invoice = cart._create_invoices()
        self.assertEqual(invoice.ref, "PO 2026 / 118")

    def test_tour_shipment_tracking_on_the_order_page(self):
        self.start_tour("/my/orders", "b2b_order_tracking", login=self.buyer_claire.login)
