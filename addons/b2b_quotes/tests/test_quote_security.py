# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import QuoteMixin

# A 1x1 PNG, as the signature widget sends it.
SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


@tagged("post_install", "-at_install")
class TestQuoteSecurity(QuoteMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpQuotes()

    def test_another_company_can_neither_read_nor_answer(self):
        quote = self.offered(self.buyer_claire)
        for user in (self.buyer_anna, self.buyer_felix):
            as_other = quote.with_user(user)
            for answer in (
                as_other._b2b_accept_offer,
                lambda as_other=as_other: as_other._b2b_decline_offer("no"),
                lambda as_other=as_other: as_other._b2b_ask_revision("cheaper"),
            ):
                with self.subTest(user=user.login), self.assertRaises(AccessError):
                    answer()
            orders = self.env["sale.order"].with_user(user)
            self.assertFalse(orders.search([("id", "=", quote.id)]))
            self.assertFalse(
                self.env["b2b.quote.round"].with_user(user).search([("order_id", "=", quote.id)]),
                "negotiation rounds follow their order",
            )
        self.assertEqual(quote.b2b_quote_state, "offer_sent")

    def test_buyers_of_the_company_by_role(self):
        claire_quote = self.offered(self.buyer_claire)
        hugo_quote = self.offered(self.buyer_hugo)
        # Hugo only sees his own documents; Claire, admin buyer, all of Dupont's.
        with self.assertRaises(AccessError):
            claire_quote.with_user(self.buyer_hugo)._b2b_accept_offer()
        self.assertFalse(
            self.env["b2b.quote.round"].with_user(self.buyer_hugo).search([("order_id", "=", claire_quote.id)])
        )
        hugo_quote.with_user(self.buyer_claire)._b2b_accept_offer()
        self.assertEqual(hugo_quote.state, "sale")

    def test_prices_and_quantities_cannot_be_changed_by_a_buyer(self):
        quote = self.offered(self.buyer_claire)
        line = quote.order_line[0]
        price = line.price_unit
        for values in ({"price_unit": 0.01}, {"product_uom_qty": 1000}, {"discount": 90}, {"b2b_target_price": 1}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                line.with_user(self.buyer_claire).write(values)
        with self.assertRaises(AccessError):
            quote.with_user(self.buyer_claire).write({"b2b_quote_state": "accepted"})
        with self.assertRaises(AccessError):
            quote.with_user(self.buyer_claire).action_b2b_send_offer()
        with self.assertRaisesRegex(UserError, "cannot be changed from the shop"):
            quote.with_user(self.buyer_claire).sudo()._cart_update(self.products[0].id, set_qty=1, line_id=line.id)
        self.assertEqual(line.price_unit, price)

    def test_replayed_acceptance_gives_one_order(self):
        quote = self.offered(self.buyer_claire)
        as_buyer = quote.with_user(self.buyer_claire)
        as_buyer._b2b_accept_offer()
        as_buyer._b2b_accept_offer()
        self.assertEqual(len(quote.picking_ids), 1)
        self.assertEqual(quote.b2b_round_ids.filtered(lambda r: r.kind == "accepted").order_id, quote)
        self.assertEqual(len(quote.b2b_round_ids.filtered(lambda r: r.kind == "accepted")), 1)
        with self.assertRaisesRegex(UserError, "no offer to decline"):
            as_buyer._b2b_decline_offer("changed my mind")


@tagged("post_install", "-at_install")
class TestQuoteRoutes(QuoteMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpQuotes()

    def csrf_token(self):
        return re.search(r'csrf_token: "([^"]+)"', self.url_open("/my").text).group(1)

    def test_routes_refuse_foreign_quotes_and_json_rpc_writes(self):
        quote = self.offered(self.buyer_claire)
        self.authenticate(self.buyer_anna.login, self.buyer_anna.login)
        response = self.url_open(f"/my/quotes/{quote.id}/accept", data={"csrf_token": self.csrf_token()})
        self.assertTrue(response.url.endswith("/my"), "a foreign quote sends back to the portal home")
        self.assertEqual(quote.b2b_quote_state, "offer_sent")

        self.authenticate(self.buyer_claire.login, self.buyer_claire.login)
        self.assertFalse(quote.b2b_offer_viewed_on)
        self.url_open(f"/my/orders/{quote.id}")
        self.assertTrue(quote.b2b_offer_viewed_on, "the rep's cockpit knows the offer was seen")
        for model, record, values in (
            ("sale.order.line", quote.order_line[0], {"price_unit": 0.01}),
            ("sale.order", quote, {"b2b_quote_state": "accepted"}),
        ):
            with self.subTest(model=model):
                payload = {"model": model, "method": "write", "args": [record.ids, values], "kwargs": {}}
                response = self.url_open(
                    "/web/dataset/call_kw",
                    data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": payload}),
                    headers={"Content-Type": "application/json"},
                )
                self.assertEqual(response.json()["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertEqual(quote.b2b_quote_state, "offer_sent")
        self.assertNotEqual(quote.order_line[0].price_unit, 0.01)

        response = self.url_open(f"/my/quotes/{quote.id}/accept", data={"csrf_token": self.csrf_token()})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(quote.state, "sale")

    def test_signed_acceptance_when_the_settings_ask_for_it(self):
        self.env["ir.config_parameter"].sudo().set_param("b2b_quotes.require_signature", "True")
        quote = self.offered(self.buyer_claire)
        self.assertTrue(quote._has_to_be_signed())
        self.authenticate(self.buyer_claire.login, self.buyer_claire.login)
        self.url_open(f"/my/quotes/{quote.id}/accept", data={"csrf_token": self.csrf_token()})
        self.assertEqual(quote.state, "sent", "one click is not enough: the offer must be signed")
        result = self.make_jsonrpc_request(
            f"/my/orders/{quote.id}/accept", {"name": "Claire Dupont", "signature": SIGNATURE}
        )
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual((quote.state, quote.b2b_quote_state), ("sale", "accepted"))
        self.assertEqual(quote.signed_by, "Claire Dupont")
