# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import parse_qs, urlsplit

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import RepMixin


@tagged("post_install", "-at_install")
class TestActFor(RepMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpReps()
        cls.log = cls.env["b2b.audit.log"]

    def open_switching_session(self, url):
        """Open ``url``, which switches the session, following redirects by
        hand to keep the new session cookie (the test client would keep
        sending the old one). Returns the last redirect."""
        for _hop in range(5):
            response = self.url_open(url, allow_redirects=False)
            sid = response.cookies.get("session_id")
            if sid:
                self.opener.cookies.clear()
                self.opener.cookies.set("session_id", sid)
                return response
            if not response.is_redirect:
                return response
            url = response.headers["Location"]
        return response

    def link(self, buyer, rep=None):
        return buyer.with_user(rep or self.rep_julie).action_b2b_act_for()["url"]

    def test_who_a_rep_may_act_for(self):
        self.assertTrue(self.link(self.buyer_hugo).startswith(f"/b2b/act_for/{self.buyer_hugo.id}?"))
        with self.assertRaisesRegex(AccessError, "not one of your accounts"):
            self.link(self.buyer_anna)  # Müller is Marc's
        with self.assertRaisesRegex(AccessError, "portal users"):
            self.link(self.rep_marc)
        with self.assertRaisesRegex(AccessError, "portal users"):
            self.link(self.prospect_marco)  # not an approved account
        with self.assertRaisesRegex(AccessError, "Only B2B sales reps"):
            self.link(self.buyer_hugo, rep=self.buyer_claire)
        self.assertTrue(self.link(self.buyer_anna, rep=self.b2b_manager))

    def test_forged_or_stolen_links_are_refused(self):
        link = self.link(self.buyer_hugo)
        self.authenticate(self.rep_marc.login, self.rep_marc.login)
        response = self.url_open(link)
        self.assertEqual(response.status_code, 403, "a link is for the rep it was made for")
        self.authenticate(self.rep_julie.login, self.rep_julie.login)
        query = parse_qs(urlsplit(link).query)
        response = self.url_open(
            f"/b2b/act_for/{self.buyer_claire.id}?token={query['token'][0]}&expires={query['expires'][0]}"
        )
        self.assertEqual(response.status_code, 403, "a token is for one buyer")
        self.assertFalse(self.log.search([("action", "=", "act_for_started")]))

    def test_acting_session_is_recorded_and_fenced(self):
        self.authenticate(self.rep_julie.login, self.rep_julie.login)
        self.open_switching_session(self.link(self.buyer_hugo))
        response = self.url_open("/shop")
        self.assertIn("o_b2b_acting_for", response.text, response.text[-3000:])
        self.assertIn(self.buyer_hugo.name, response.text)
        started = self.log.search([("action", "=", "act_for_started")])
        self.assertEqual((started.user_id, started.acting_for_id), (self.rep_julie, self.buyer_hugo))

        self.make_jsonrpc_request("/shop/cart/update_json", {"product_id": self.product.id, "add_qty": 2})
        action = self.log.search([("action", "=", "act_for_action")])
        self.assertEqual(action.mapped("description"), ["/shop/cart/update_json"])
        self.assertEqual((action.user_id, action.acting_for_id), (self.rep_julie, self.buyer_hugo))
        cart = self.env["sale.order"].search(
            [("partner_id", "=", self.buyer_hugo.partner_id.id), ("state", "=", "draft"), ("website_id", "!=", False)]
        )
        self.assertEqual(cart.b2b_placed_by_id, self.rep_julie)

        for path in ("/my/security", "/my/account"):
            with self.subTest(path=path):
                response = self.url_open(path)
                self.assertFalse(urlsplit(response.url).path.startswith(path), "no password or security page")

        response = self.open_switching_session("/b2b/act_for/stop")
        self.assertIn("/odoo/b2b-accounts", response.headers["Location"])
        ended = self.log.search([("action", "=", "act_for_ended")])
        self.assertEqual((ended.user_id, ended.acting_for_id), (self.rep_julie, self.buyer_hugo))
        self.assertNotIn("o_b2b_acting_for", self.url_open("/shop").text)

    def test_tour_rep_orders_for_a_buyer(self):
        self.company_dupont.credit_limit = 0
        self.env.ref("b2b_portal.agreement_dupont_demo").min_order_amount = 0
        # A complete address, for the checkout.
        self.buyer_hugo.partner_id.phone = "+33 4 78 00 00 01"
        product = self.env["product.template"].create(
            {"name": "Act for tour hammer", "default_code": "AFT-01", "list_price": 40.0, "is_published": True}
        )
        link = self.link(self.buyer_hugo) + f"&redirect=/shop/{product.id}"
        self.start_tour(link, "b2b_act_for_order", login=self.rep_julie.login)
        order = self.env["sale.order"].search(
            [
                ("partner_id", "=", self.buyer_hugo.partner_id.id),
                ("order_line.product_id", "=", product.product_variant_id.id),
            ]
        )
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.b2b_placed_by_id, self.rep_julie)
        entry = self.log.search([("action", "=", "order_on_behalf"), ("res_id", "=", order.id)])
        self.assertEqual((entry.user_id, entry.acting_for_id), (self.rep_julie, self.buyer_hugo))
        job = self.env["queue.job"].search(
            [("method_name", "=", "_send"), ("func_string", "like", f"'order_placed_by_rep', sale.order({order.id},)")]
        )
        self.assertTrue(job, "the buyer is told the rep placed the order")
