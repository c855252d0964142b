# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .test_order_follow_up import OrderFollowUpMixin


class ModificationMixin(OrderFollowUpMixin):
    @classmethod
    def setUpModifications(cls):
        cls.setUpOrders()
        cls.requests = cls.env["b2b.modification.request"]
        cls.order = cls.confirmed_order(cls.buyer_hugo, "PO-MOD-1")
        cls.order.user_id = cls.rep_julie
        cls.line, cls.other_line = cls.order.order_line

    def submit(self, kind="line_quantity", user=None, **values):
        values = {"kind": kind, "line_id": self.line.id, "reason": "Site closed for a week", **values}
        return self.requests.with_user(user or self.buyer_hugo)._b2b_submit(
            self.order.with_user(user or self.buyer_hugo), values
        )


@tagged("post_install", "-at_install")
class TestModificationRequests(ModificationMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpModifications()

    def approve(self, request):
        with trap_jobs() as trap:
            request.with_user(self.rep_julie).action_approve()
            trap.assert_enqueued_job(request._b2b_notify_decision)
            trap.perform_enqueued_jobs()

    def test_quantity_change_from_request_to_applied(self):
        self.buyer_hugo.partner_id.lang = "fr_FR"  # told in their own language
        request = self.submit(new_quantity=6)
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.activity_ids.user_id, self.rep_julie)
        self.approve(request)
        self.assertEqual(request.state, "applied")
        self.assertFalse(request.activity_ids)
        self.assertEqual(self.line.product_uom_qty, 6)
        self.assertEqual(sum(self.line.move_ids.filtered(lambda m: m.state != "cancel").mapped("product_uom_qty")), 6)
        notice = self.order.message_ids.filtered(lambda message: self.buyer_hugo.partner_id in message.partner_ids)
        self.assertIn("Modifier la quantité d'une ligne", notice[:1].body)
        self.assertIn("appliquée", notice[:1].body)

    def test_date_and_address_changes_reach_the_picking(self):
        new_date = fields.Date.context_today(self.order) + timedelta(days=20)
        address = self.env["res.partner"].create(
            {"name": "Dupont depot", "type": "delivery", "parent_id": self.company_dupont.id, "city": "Vienne"}
        )
        for request in (
            self.submit("delivery_date", new_date=new_date),
            self.submit("delivery_address", new_address_id=address.id),
        ):
            self.approve(request)
            self.assertEqual(request.state, "applied")
        picking = self.order.picking_ids
        self.assertEqual(picking.scheduled_date.date(), new_date)
        self.assertEqual(picking.partner_id, address)

    def test_picked_or_shipped_goods_cannot_change(self):
        self.line.move_ids.picked = True
        with self.assertRaisesRegex(UserError, "being picked"):
            self.submit(new_quantity=3)
        # The other line is still free, but not the whole order.
        self.submit(line_id=self.other_line.id, new_quantity=3)
        with self.assertRaisesRegex(UserError, "being picked"):
            self.submit("order_cancel", line_id=False)
        self.ship(self.order)
        with self.assertRaisesRegex(UserError, "shipped|no longer open"):
            self.submit(line_id=self.other_line.id, new_quantity=2)

    def test_checked_again_when_decided(self):
        request = self.submit("order_cancel", line_id=False)
        self.line.move_ids.picked = True
        self.approve(request)
        self.assertEqual(request.state, "refused")
        self.assertIn("being picked", request.decision_note)
        self.assertEqual(self.order.state, "sale")

    def test_what_odoo_refuses_stays_approved_for_manual_handling(self):
        request = self.submit(new_quantity=4)
        self.order.action_lock()
        self.approve(request)
        self.assertEqual(request.state, "approved")
        self.assertIn("Not applied automatically", request.decision_note)
        self.assertEqual(self.line.product_uom_qty, 10)

    def test_wrong_requests_leave_nothing(self):
        before = self.requests.search_count([])
        for kind, values in [
            ("line_quantity", {"new_quantity": 0}),
            ("line_quantity", {"reason": " "}),
            ("delivery_date", {"new_date": fields.Date.today() - timedelta(days=1)}),
            ("delivery_address", {"new_address_id": self.company_mueller.id}),
        ]:
            with self.subTest(kind=kind, values=values), self.assertRaises(UserError):
                self.submit(kind, **values)
        self.assertEqual(self.requests.search_count([]), before)

    def test_who_may_request_and_decide(self):
        with self.assertRaises(AccessError):
            self.submit(user=self.buyer_anna, new_quantity=3)  # another company's order
        request = self.submit(new_quantity=3)
        with self.assertRaises(AccessError):
            request.with_user(self.buyer_hugo).action_approve()
        with self.assertRaises(UserError):
            request.with_user(self.rep_julie).action_refuse()  # a refusal says why
        request.decision_note = "Already loaded on the truck."
        request.with_user(self.rep_julie).action_refuse()
        self.assertEqual(request.state, "refused")


@tagged("post_install", "-at_install")
class TestModificationPages(ModificationMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpModifications()
        cls.buyer_hugo.partner_id.lang = "en_US"

    def post(self, order, **data):
        page = self.url_open("/my").text
        data["csrf_token"] = re.search(r'csrf_token: "([^"]+)"', page).group(1)
        return self.url_open(f"/my/orders/{order.id}/modification", data=data)

    def test_portal_form_errors_and_foreign_orders(self):
        self.authenticate(self.buyer_hugo.login, self.buyer_hugo.login)
        html = self.post(self.order, kind="delivery_date", new_date="not-a-date", reason="x").text
        self.assertTrue("A quantity or a date is not valid" in html)
        claire_order = self.confirmed_order(self.buyer_claire, "PO-MOD-CLAIRE")
        response = self.post(claire_order, kind="order_cancel", reason="mine now")
        self.assertFalse(response.url.endswith(f"/my/orders/{claire_order.id}"))
        self.assertFalse(self.requests.search([("order_id", "in", (self.order | claire_order).ids)]))

    def test_tour_request_then_applied(self):
        self.start_tour(f"/my/orders/{self.order.id}", "b2b_modification_request", login=self.buyer_hugo.login)
        request = self.requests.search([("order_id", "=", self.order.id)])
        self.assertEqual((request.kind, request.new_quantity, request.state), ("line_quantity", 6, "submitted"))
        with trap_jobs() as trap:
            request.with_user(self.rep_julie).action_approve()
            trap.perform_enqueued_jobs()
        self.assertEqual(request.state, "applied")
        self.assertEqual(request.line_id.product_uom_qty, 6)
        self.start_tour(f"/my/orders/{self.order.id}", "b2b_modification_applied", login=self.buyer_hugo.login)
