# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Buyer journeys across the suite, in a real browser (Odoo tours)."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestAccountJourney(HttpCase):
    def test_apply_approve_then_buy(self):
        self.start_tour("/shop", "b2b_account_apply")
        application = self.env["b2b.account.application"].search([("name", "=", "Menuiserie Girard SARL")])
        self.assertEqual(application.state, "submitted")
        self.assertEqual(application.phone, "+33476123456")

        self.start_tour("/odoo/action-b2b_portal.b2b_account_application_action", "b2b_account_approve", login="admin")
        self.assertEqual(application.state, "approved")
        buyer = application.user_id
        self.assertTrue(buyer._b2b_can_buy())

        # The buyer would choose a password from the invitation email; tours
        # log in with the login as password.
        buyer.password = buyer.login
        self.start_tour("/shop", "b2b_account_first_cart", login=buyer.login)
        cart = self.env["sale.order"].search([("partner_id", "=", buyer.partner_id.id), ("state", "=", "draft")])
        self.assertEqual(len(cart.order_line), 1)
        self.assertGreater(cart.order_line.price_unit, 0)
