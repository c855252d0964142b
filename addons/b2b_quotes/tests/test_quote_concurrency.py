# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two buyers of one company accept the same offer at the same moment.

Each acceptance runs in its own committed transaction, as two HTTP requests
would, retried on serialization failures as Odoo's HTTP layer does. What
the test commits, it removes afterwards."""

import threading

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install")
class TestConcurrentAcceptance(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            # Müller shares its orders: Anna and Felix both see Felix's quote.
            company = env.ref("b2b_portal.partner_mueller_demo")
            anna, felix = env.ref("b2b_portal.user_anna_demo"), env.ref("b2b_portal.user_felix_demo")
            self.assertTrue(company.b2b_share_orders)
            self.credit_limit, company.credit_limit = company.credit_limit, 0
            product = env.ref("b2b_portal.product_0001_demo").product_variant_id
            cart = env["sale.order"].create(
                {
                    "partner_id": felix.partner_id.id,
                    "website_id": env["website"].get_current_website().id,
                    "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 5})],
                }
            )
            cart.with_user(felix).sudo()._b2b_request_quote("Concurrent acceptance")
            cart.with_user(env.ref("b2b_portal.user_rep_marc_demo")).action_b2b_send_offer()
            self.quote_id, self.buyers = cart.id, (anna.id, felix.id)

    def tearDown(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            quote = env["sale.order"].browse(self.quote_id)
            quote._action_cancel()
            quote.unlink()
            env.ref("b2b_portal.partner_mueller_demo").credit_limit = self.credit_limit
        super().tearDown()

    def accept(self, uid, barrier, results):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, uid, {})
            barrier.wait()
            try:
                order = retrying(lambda: env["sale.order"].browse(self.quote_id)._b2b_accept_offer(), env)
                results.append(order.id)
            except Exception as error:
                results.append(error)

    def test_two_buyers_accept_at_once(self):
        barrier, results = threading.Barrier(2), []
        threads = [threading.Thread(target=self.accept, args=(uid, barrier, results)) for uid in self.buyers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertEqual(results, [self.quote_id, self.quote_id], "both see the one accepted order")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            quote = env["sale.order"].browse(self.quote_id)
            self.assertEqual((quote.state, quote.b2b_quote_state), ("sale", "accepted"))
            self.assertEqual(len(quote.picking_ids), 1)
            self.assertEqual(quote.b2b_round_ids.mapped("kind").count("accepted"), 1)
