# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from ..models.b2b_notification import EVENTS
from .test_order_follow_up import OrderFollowUpMixin


@tagged("post_install", "-at_install")
class TestNotifications(OrderFollowUpMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpOrders()
        cls.hugo = cls.buyer_hugo.partner_id
        cls.hugo.lang = "en_US"

    def events(self, trap):
        return [(job.args[0], job.args[1], job.args[2]) for job in trap.enqueued_jobs if job.method_name == "_send"]

    def test_each_step_of_an_order(self):
        with trap_jobs() as trap:
            order = self.confirmed_order(self.buyer_hugo, "PO-NOTIFY")
            self.assertEqual(self.events(trap), [("order_confirmed", order, self.hugo)])
            trap.perform_enqueued_jobs()
        self.assertIn("is confirmed", order.message_ids[:1].body)
        self.assertIn(self.hugo, order.message_ids[:1].partner_ids)

        with trap_jobs() as trap:
            self.ship(order, quantity=4, tracking="EXNOTIFY00")
            trap.perform_enqueued_jobs()
        self.assertIn("Part of your order", order.message_ids[:1].body)
        with trap_jobs() as trap:
            self.ship(order, tracking="EXNOTIFY01")
            self.assertEqual(self.events(trap), [("order_shipped", order, self.hugo)])
            trap.perform_enqueued_jobs()
        self.assertIn("https://track.express-freight.example/?ref=EXNOTIFY01", order.message_ids[:1].body)

        with trap_jobs() as trap:
            order.picking_ids.action_b2b_mark_delivered()
            self.assertEqual(self.events(trap), [("order_delivered", order, self.hugo)])

        with trap_jobs() as trap:
            invoice = order._create_invoices()
            invoice.action_post()
            self.assertEqual(self.events(trap), [("invoice_posted", invoice, self.hugo)])

    def test_order_received_before_confirmation(self):
        def quotation(website):
            return self.env["sale.order"].create(
                {
                    "partner_id": self.hugo.id,
                    "website_id": website.id,
                    "order_line": [Command.create({"product_id": self.products[0].id, "product_uom_qty": 1})],
                }
            )

        placed_online, entered_by_rep = (
            quotation(self.env["website"].get_current_website()),
            quotation(self.env["website"]),
        )
        with trap_jobs() as trap:
            (placed_online + entered_by_rep).action_quotation_sent()  # as when a payment is pending
            self.assertEqual(self.events(trap), [("order_received", placed_online, self.hugo)])
            trap.perform_enqueued_jobs()
        self.assertIn("We received your order", placed_online.message_ids[:1].body)

    def test_invoice_reminders(self):
        def ours(trap):  # demo invoices may fall due on the same days
            return [event for event in self.events(trap) if event[1] == due_soon]

        order = self.confirmed_order(self.buyer_hugo, "PO-REMIND")
        self.ship(order)
        today = fields.Date.context_today(self.hugo)
        due_soon = order._create_invoices()
        due_soon.action_post()
        due_soon.invoice_date_due = today + timedelta(days=5)
        with trap_jobs() as trap:
            self.env["b2b.notification"]._cron_invoice_reminders(today=today)
            self.assertEqual(ours(trap), [("invoice_due", due_soon, self.hugo)])
        with trap_jobs() as trap:
            self.env["b2b.notification"]._cron_invoice_reminders(today=today + timedelta(days=6))
            self.assertEqual(ours(trap), [("invoice_overdue", due_soon, self.hugo)])
        with trap_jobs() as trap:
            self.env["b2b.notification"]._cron_invoice_reminders(today=today + timedelta(days=7))
            self.assertFalse(ours(trap), "reminded once, not every day")

    def test_buyers_choose_and_others_get_nothing(self):
        self.hugo.with_user(self.buyer_hugo)._b2b_set_notifications({"order_shipped"})
        with trap_jobs() as trap:
            order = self.confirmed_order(self.buyer_hugo, "PO-MUTED")
            self.ship(order)
            self.assertEqual([event for event, *_rest in self.events(trap)], ["order_shipped"])
        with self.assertRaises(AccessError):
            self.hugo.with_user(self.buyer_claire)._b2b_set_notifications(set())
        retail = self.env["res.partner"].create({"name": "Retail customer"})
        with trap_jobs() as trap:
            order = self.env["sale.order"].create(
                {"partner_id": retail.id, "order_line": [Command.create({"product_id": self.products[0].id})]}
            )
            order.action_confirm()
            self.assertFalse(self.events(trap), "not a B2B account")


@tagged("post_install", "-at_install")
class TestNotificationPage(OrderFollowUpMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()

    def test_page_saves_the_choice(self):
        self.authenticate(self.buyer_hugo.login, self.buyer_hugo.login)
        page = self.url_open("/my/notifications").text
        self.assertEqual(page.count('name="event"'), len(self.env["b2b.notification"]._events()))
        self.assertLessEqual(set(EVENTS), {code for code, _label in self.env["b2b.notification"]._events()})
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self.url_open("/my/notifications", data={"event": ["order_shipped", "invoice_overdue"], "csrf_token": csrf})
        partner = self.buyer_hugo.partner_id
        self.assertTrue(partner._b2b_wants("order_shipped") and partner._b2b_wants("invoice_overdue"))
        self.assertFalse(partner._b2b_wants("order_confirmed"))
