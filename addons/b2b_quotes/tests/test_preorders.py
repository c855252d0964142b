# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import QuoteMixin


@tagged("post_install", "-at_install")
class TestPreorders(QuoteMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpQuotes()
        cls.expected = fields.Date.context_today(cls.env.user) + timedelta(days=30)
        cls.template = cls.env["product.template"].create(
            {
                "name": "Drill of next season",
                "default_code": "PRE-TEST",
                "is_storable": True,
                "is_published": True,
                "list_price": 100,
                "allow_out_of_stock_order": False,
            }
        )
        cls.template.write({"b2b_preorder": True, "b2b_preorder_date": cls.expected})
        cls.product = cls.template.product_variant_id
        cls.warehouse = cls.env.ref("stock.warehouse0")

    def preorder(self, buyer, quantity=5, **values):
        order = self.env["sale.order"].create(
            {
                "partner_id": buyer.partner_id.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": quantity})],
                **values,
            }
        )
        order.action_confirm()
        return order

    def receive(self, quantity):
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.warehouse.lot_stock_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": self.product.name,
                            "product_id": self.product.id,
                            "product_uom_qty": quantity,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": self.warehouse.lot_stock_id.id,
                        }
                    )
                ],
            }
        )
        receipt.action_confirm()
        receipt.move_ids.quantity = quantity
        receipt.button_validate()

    def test_orderable_without_stock_with_its_date(self):
        self.assertTrue(self.template.allow_out_of_stock_order, "a pre-order is an order without stock")
        order = self.preorder(self.buyer_hugo)
        self.assertEqual(order.order_line.b2b_preorder_date, self.expected)
        delivery_move = order.picking_ids.move_ids
        self.assertEqual(delivery_move.date.date(), self.expected, "not shipped before the goods are expected")
        self.assertEqual(delivery_move.state, "confirmed")

    def test_incoming_stock_goes_to_the_first_preorders(self):
        # Claire pre-orders first, with a later delivery wish; Anna second.
        first = self.preorder(self.buyer_claire, commitment_date=fields.Datetime.now() + timedelta(days=60))
        second = self.preorder(self.buyer_anna)
        with trap_jobs() as trap:
            self.receive(5)
            notified = [job.args[1] for job in trap.enqueued_jobs if job.args[0] == "preorder_available"]
        self.assertEqual(first.picking_ids.move_ids.state, "assigned")
        self.assertEqual(second.picking_ids.move_ids.state, "confirmed")
        self.assertEqual(notified, [first])
        self.assertTrue(first.order_line.b2b_preorder_notified)
        with trap_jobs() as trap:
            self.receive(5)
            notified = [job.args[1] for job in trap.enqueued_jobs if job.args[0] == "preorder_available"]
        self.assertEqual(second.picking_ids.move_ids.state, "assigned")
        self.assertEqual(notified, [second], "each buyer is told once")

    def test_date_moves_with_the_product(self):
        order = self.preorder(self.buyer_hugo)
        later = self.expected + timedelta(days=14)
        with trap_jobs() as trap:
            self.template.b2b_preorder_date = later
            events = [(job.args[0], job.args[1]) for job in trap.enqueued_jobs]
            trap.perform_enqueued_jobs()
        self.assertEqual(events, [("preorder_date_changed", order)])
        self.assertEqual(order.order_line.b2b_preorder_date, later)
        self.assertEqual(order.picking_ids.move_ids.date.date(), later)
        self.assertIn(str(later.day), order.message_ids[:1].body)

    def test_preorder_in_a_quote(self):
        cart = self.env["sale.order"].create(
            {
                "partner_id": self.buyer_hugo.partner_id.id,
                "website_id": self.website.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 3})],
            }
        )
        cart.with_user(self.buyer_hugo).sudo()._b2b_request_quote("Pre-order please")
        self.assertEqual(cart.order_line.b2b_preorder_date, self.expected)
        cart.with_user(self.rep_julie).action_b2b_send_offer()
        cart.with_user(self.buyer_hugo)._b2b_accept_offer()
        self.assertEqual(cart.picking_ids.move_ids.date.date(), self.expected)
