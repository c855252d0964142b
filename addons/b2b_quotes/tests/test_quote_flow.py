# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.addons.website.tools import MockRequest

from .common import QuoteMixin


def events(trap):
    return [(job.args[0], job.args[1]) for job in trap.enqueued_jobs if job.method_name == "_send"]


@tagged("post_install", "-at_install")
class TestQuoteFlow(QuoteMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpQuotes()
        cls.today = fields.Date.context_today(cls.env.user)

    def test_cart_becomes_a_request(self):
        cart = self.cart(self.buyer_claire)
        first, second = cart.order_line
        prices = cart.order_line.mapped("price_unit")
        with trap_jobs() as trap:
            cart._b2b_request_quote(
                "Spring site", {first.id: 1.5, second.id: None}, self.today + timedelta(days=20), "PO-Q-1"
            )
            self.assertEqual(events(trap), [("quote_received", cart.sudo(False))])
        self.assertEqual(cart.b2b_quote_state, "requested")
        self.assertEqual(cart.state, "draft")
        self.assertEqual(cart.client_order_ref, "PO-Q-1")
        self.assertEqual(cart.b2b_requested_date, self.today + timedelta(days=20))
        # A target price is information for the rep, never a price.
        self.assertEqual(first.b2b_target_price, 1.5)
        self.assertEqual(cart.order_line.mapped("price_unit"), prices)
        self.assertEqual(first.b2b_requested_qty, 10)
        request_round = cart.b2b_round_ids
        self.assertEqual(request_round.kind, "request")
        self.assertEqual(request_round.author_id, self.buyer_claire.partner_id)
        self.assertEqual(request_round.line_ids.mapped("target_price"), [1.5, 0.0])
        activity = cart.activity_ids
        self.assertEqual(activity.user_id, self.rep_julie, "the account's rep answers")
        self.assertIn("Spring site", activity.note)

    def test_minimum_amount_and_bad_input_leave_the_cart_as_it_was(self):
        cart = self.cart(self.buyer_claire)
        line = cart.order_line[0]
        self.env["ir.config_parameter"].sudo().set_param("b2b_quotes.min_amount", 1e7)
        self.assertIn("can be requested from", cart._b2b_quote_unavailable_reason())
        with self.assertRaisesRegex(UserError, "can be requested from"):
            cart._b2b_request_quote("hello")
        self.env["ir.config_parameter"].sudo().set_param("b2b_quotes.min_amount", 0)
        self.assertFalse(cart._b2b_quote_unavailable_reason())
        wrong = [
            ({line.id: -3.0}, None, "", "cannot be negative"),
            ({line.id + 100000: 3.0}, None, "", "not in your cart"),
            ({}, self.today - timedelta(days=1), "", "from today on"),
            ({}, None, "x" * 65, "at most 64 characters"),
        ]
        for targets, date, reference, message in wrong:
            with self.subTest(message), self.assertRaisesRegex(UserError, message):
                cart._b2b_request_quote("hello", targets, date, reference)
        self.assertFalse(cart.b2b_quote_state)
        self.assertFalse(cart.client_order_ref)
        self.assertFalse(line.b2b_target_price)
        self.assertFalse(cart.b2b_round_ids)

    def test_only_the_buyer_own_cart(self):
        cart = self.cart(self.buyer_claire)
        with self.assertRaises(AccessError):
            cart.with_user(self.buyer_hugo)._b2b_request_quote("mine now")
        quote = self.requested(self.buyer_hugo)
        with self.assertRaises(AccessError):
            quote.with_user(self.buyer_hugo).sudo()._b2b_request_quote("again")

    def test_negotiation_rounds_to_acceptance_at_the_offered_prices(self):
        quote = self.requested(self.buyer_hugo)
        as_rep = quote.with_user(self.rep_julie)
        as_rep.order_line[0].price_unit = round(as_rep.order_line[0].price_unit * 0.95, 2)
        with trap_jobs() as trap:
            as_rep.action_b2b_send_offer()
            self.assertEqual(events(trap), [("offer_sent", quote)])
        self.assertEqual((quote.b2b_quote_state, quote.state), ("offer_sent", "sent"))
        self.assertEqual(quote.validity_date, self.today + timedelta(days=quote.company_id.quotation_validity_days))
        self.assertFalse(quote.require_payment)

        as_buyer = quote.with_user(self.buyer_hugo)
        with self.assertRaisesRegex(UserError, "what should change"):
            as_buyer._b2b_ask_revision("  ")
        as_buyer._b2b_ask_revision("Can you deliver in two batches?")
        self.assertEqual((quote.b2b_quote_state, quote.state), ("under_review", "draft"))
        self.assertEqual(quote.activity_ids.user_id, self.rep_julie)
        with self.assertRaisesRegex(UserError, "already working"):
            as_buyer._b2b_ask_revision("Again")
        with self.assertRaisesRegex(UserError, "no offer to accept"):
            as_buyer._b2b_accept_offer()

        as_rep.order_line[1].product_uom_qty = 12
        as_rep.action_b2b_send_offer()
        offered = [(line.product_id, line.product_uom_qty, line.price_unit, line.discount) for line in quote.order_line]
        changes = quote._b2b_quote_changes()
        self.assertEqual([row[3] for row in changes], [False, True], "the buyer sees which line changed")
        self.assertEqual(quote.b2b_round_ids.mapped("kind"), ["request", "offer", "revision", "offer"])

        as_buyer._b2b_accept_offer()
        self.assertEqual((quote.b2b_quote_state, quote.state), ("accepted", "sale"))
        self.assertEqual(
            [(line.product_id, line.product_uom_qty, line.price_unit, line.discount) for line in quote.order_line],
            offered,
            "confirmed at exactly the offered prices",
        )
        self.assertEqual(quote.b2b_round_ids[-1].kind, "accepted")
        self.assertEqual(as_buyer._b2b_accept_offer(), quote.sudo(), "accepting again returns the same order")
        self.assertEqual(len(quote.picking_ids), 1)

    def test_decline_needs_a_reason_and_cancels(self):
        quote = self.offered(self.buyer_hugo)
        as_buyer = quote.with_user(self.buyer_hugo)
        with self.assertRaisesRegex(UserError, "why you decline"):
            as_buyer._b2b_decline_offer("")
        as_buyer._b2b_decline_offer("Too expensive")
        self.assertEqual((quote.b2b_quote_state, quote.state), ("declined", "cancel"))
        self.assertEqual(quote.b2b_decline_reason, "Too expensive")
        with self.assertRaisesRegex(UserError, "no offer to accept"):
            as_buyer._b2b_accept_offer()

    def test_expiry_over_time_and_refresh(self):
        quote = self.offered(self.buyer_hugo)
        quote.validity_date = self.today + timedelta(days=5)
        orders = self.env["sale.order"]
        with trap_jobs() as trap:
            self.assertEqual(orders._cron_b2b_quote_expiry(self.today), (orders, orders))
            expired, expiring = orders._cron_b2b_quote_expiry(self.today + timedelta(days=2))
            self.assertEqual((expired, expiring), (orders, quote))
            # Told once only.
            self.assertEqual(orders._cron_b2b_quote_expiry(self.today + timedelta(days=3)), (orders, orders))
            expired, expiring = orders._cron_b2b_quote_expiry(self.today + timedelta(days=6))
            self.assertEqual(expired, quote)
            self.assertEqual(events(trap), [("offer_expiring", quote), ("offer_expired", quote)])
        self.assertEqual(quote.b2b_quote_state, "expired")
        self.assertEqual(quote.activity_ids.user_id, self.rep_julie)
        as_buyer = quote.with_user(self.buyer_hugo)
        with self.assertRaisesRegex(UserError, "no offer to accept"):
            as_buyer._b2b_accept_offer()
        as_buyer._b2b_ask_revision("")  # one click: a refreshed offer
        self.assertEqual(quote.b2b_quote_state, "under_review")
        self.assertEqual(quote.b2b_round_ids[-1].message, "Please send a refreshed offer.")
        quote.with_user(self.rep_julie).action_b2b_send_offer()
        self.assertGreaterEqual(quote.validity_date, self.today, "a refreshed offer gets a new validity")

    def test_offer_past_its_date_cannot_be_accepted_before_the_cron(self):
        quote = self.offered(self.buyer_hugo)
        quote.validity_date = self.today - timedelta(days=1)
        with self.assertRaisesRegex(UserError, "expired"):
            quote.with_user(self.buyer_hugo)._b2b_accept_offer()
        self.assertEqual(quote.state, "sent")

    def test_agreement_sets_the_validity(self):
        agreement = self.env.ref("b2b_portal.agreement_dupont_demo")
        self.assertEqual(self.company_dupont._b2b_agreements_in_force()[self.company_dupont], agreement)
        agreement.quote_validity_days = 7
        quote = self.offered(self.buyer_hugo)
        self.assertEqual(quote.validity_date, self.today + timedelta(days=7))

    def test_discount_above_the_threshold_needs_a_manager(self):
        quote = self.requested(self.buyer_hugo)
        as_rep = quote.with_user(self.rep_julie)
        as_rep.order_line[0].discount = 10
        self.assertAlmostEqual(quote.b2b_max_discount, 10, places=1)
        self.assertFalse(quote.b2b_needs_approval)
        as_rep.order_line[0].discount = 20
        self.assertTrue(quote.b2b_needs_approval)
        with self.assertRaisesRegex(UserError, "ask a sales manager"):
            as_rep.action_b2b_send_offer()
        with self.assertRaises(AccessError):
            as_rep.action_b2b_approve_prices()
        as_rep.action_b2b_request_approval()
        manager_activity = quote.activity_ids.filtered(lambda activity: "Approve" in activity.summary)
        self.assertTrue(manager_activity.user_id.has_group("sales_team.group_sale_manager"))
        quote.with_user(self.sales_manager).action_b2b_approve_prices()
        self.assertFalse(quote.b2b_needs_approval)
        self.assertEqual(quote.b2b_approved_by_id, self.sales_manager)
        # A lower price below the approved one asks again.
        as_rep.order_line[0].price_unit *= 0.9
        self.assertTrue(quote.b2b_needs_approval)
        as_rep.order_line[0].discount = 5
        as_rep.action_b2b_send_offer()
        self.assertEqual(quote.b2b_quote_state, "offer_sent")

    def test_credit_limit_applies_at_acceptance(self):
        self.env.company.account_use_credit_limit = True
        self.company_dupont.credit_limit = 1.0
        quote = self.offered(self.buyer_hugo)
        quote.with_user(self.buyer_hugo)._b2b_accept_offer()
        self.assertEqual(quote.b2b_quote_state, "accepted")
        self.assertEqual(quote.state, "sent", "waits for the rep's credit review")
        self.assertTrue(quote.b2b_credit_review)
        quote.with_user(self.rep_julie).action_confirm()
        self.assertEqual((quote.state, quote.b2b_quote_state), ("sale", "accepted"))

    def test_a_request_never_comes_back_as_a_cart(self):
        quote = self.requested(self.buyer_claire)
        older_cart = self.cart(self.buyer_claire)
        older_cart.write_date = fields.Datetime.now() - timedelta(days=1)
        partner = self.buyer_claire.partner_id.with_user(self.buyer_claire)
        with MockRequest(partner.env, website=self.website):
            self.assertEqual(partner.last_website_so_id, older_cart.sudo(False), "website_sale revives the cart only")
        with self.assertRaisesRegex(UserError, "with your sales rep"):
            quote.with_user(self.buyer_claire).sudo()._cart_update(self.products[0].id, add_qty=1)
        quote.date_order = fields.Datetime.now() - timedelta(days=3)
        self.assertFalse(quote.is_abandoned_cart)
        abandoned = self.env["sale.order"].search([("is_abandoned_cart", "=", True)])
        self.assertNotIn(quote, abandoned)
        self.assertIn(quote, self.env["sale.order"].search([("is_abandoned_cart", "=", False)]))

    def test_portal_user_cannot_confirm_a_request_directly(self):
        quote = self.requested(self.buyer_hugo)
        with self.assertRaisesRegex(UserError, "Only an offer"):
            quote.with_user(self.buyer_hugo).sudo().action_confirm()
