# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import QuoteMixin


@tagged("post_install", "-at_install")
class TestQuoteTours(QuoteMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpQuotes()
        # The tours read and type amounts as 8.00.
        (cls.buyer_hugo.partner_id | cls.rep_julie.partner_id).lang = "en_US"
        templates = cls.env["product.template"].create(
            [
                {"name": "Quote tour drill", "default_code": "QT-01", "list_price": 10.0, "is_published": True},
                {"name": "Quote tour saw", "default_code": "QT-02", "list_price": 30.0, "is_published": True},
            ]
        )
        cls.drill, cls.saw = templates.product_variant_id

    def test_cart_to_quote_to_order(self):
        self.start_tour("/shop/quick_order", "b2b_quote_request", login=self.buyer_hugo.login)
        quote = self.env["sale.order"].search(
            [("partner_id", "=", self.buyer_hugo.partner_id.id), ("b2b_quote_state", "=", "requested")]
        )
        self.assertEqual(len(quote), 1)
        self.assertEqual(quote.client_order_ref, "PO-TOUR-7")
        drill_line = quote.order_line.filtered(lambda line: line.product_id == self.drill)
        self.assertEqual(drill_line.b2b_target_price, 7.9)
        self.assertNotEqual(drill_line.price_unit, 7.9, "a target is not a price")

        # The rep, in the backend, lowers the drill's price and the saw's quantity.
        self.start_tour(f"/odoo/sales/{quote.id}", "b2b_quote_rep_offer", login=self.rep_julie.login)
        self.assertEqual(quote.b2b_quote_state, "offer_sent")
        self.assertEqual(quote.b2b_round_ids.mapped("kind"), ["request", "offer"])

        self.start_tour(quote.get_portal_url(), "b2b_quote_accept", login=self.buyer_hugo.login)
        self.assertEqual((quote.state, quote.b2b_quote_state), ("sale", "accepted"))
        self.assertEqual(drill_line.price_unit, 8.0)

    def test_expired_offer_is_refused_with_the_refresh_action(self):
        quote = self.offered(self.buyer_hugo)
        quote.validity_date = fields.Date.today() - timedelta(days=1)
        self.env["sale.order"]._cron_b2b_quote_expiry()
        self.start_tour(quote.get_portal_url(), "b2b_quote_expired", login=self.buyer_hugo.login)
        self.assertEqual(quote.b2b_quote_state, "under_review")
