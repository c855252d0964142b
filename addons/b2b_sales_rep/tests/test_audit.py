# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import RepMixin


@tagged("post_install", "-at_install")
class TestAuditLog(RepMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpReps()
        cls.log = cls.env["b2b.audit.log"]

    def entries(self, action):
        return self.log.search([("action", "=", action)])

    def test_application_decisions(self):
        applications = self.env["b2b.account.application"].create(
            [
                {
                    "name": name,
                    "vat": vat,
                    "contact_name": "Jean Test",
                    "email": f"jean@{name.lower().replace(' ', '')}.example",
                    "country_id": self.france.id,
                }
                for name, vat in (("Approved Co", "FR40303265045"), ("Rejected Co", "FR23334175221"))
            ]
        )
        applications[0].with_user(self.sales_manager).action_approve()
        applications[1].with_user(self.sales_manager)._reject("Not a professional")
        approved, rejected = self.entries("application_approved"), self.entries("application_rejected")
        self.assertEqual((approved.res_id, approved.user_id), (applications[0].id, self.sales_manager))
        self.assertEqual(approved.partner_id, applications[0].partner_id)
        self.assertEqual(rejected.description, "Not a professional")

    def test_tier_pricelist_and_agreement_changes(self):
        tiers = self.env["b2b.tier"].search([], limit=2)
        self.company_dupont.b2b_tier_override_id = tiers[-1]
        entry = self.entries("tier_changed")[:1]
        self.assertEqual(entry.partner_id, self.company_dupont)
        self.assertIn(tiers[-1].display_name, entry.description)
        pricelist = self.env["product.pricelist"].create({"name": "Special"})
        self.company_dupont.property_product_pricelist = pricelist
        self.assertIn("Special", self.entries("pricelist_changed")[:1].description)
        agreement = self.env.ref("b2b_portal.agreement_dupont_demo")
        agreement.min_order_amount = 300
        entry = self.entries("agreement_changed").filtered(lambda e: e.res_id == agreement.id)
        self.assertIn("Minimum order", entry.description)

    def test_offer_prices_modification_decisions_and_order_on_behalf(self):
        quote = self.requested(self.buyer_hugo)
        quote.with_user(self.rep_julie).order_line[0].discount = 10
        quote.with_user(self.rep_julie).action_b2b_send_offer()
        entry = self.entries("offer_prices_changed")
        self.assertEqual((entry.res_id, entry.user_id), (quote.id, self.rep_julie))
        self.assertIn(quote.order_line[0].product_id.display_name, entry.description)

        order = (
            self.env["sale.order"]
            .with_user(self.rep_julie)
            .create(
                {
                    "partner_id": self.buyer_hugo.partner_id.id,
                    "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 3})],
                }
            )
        )
        self.assertEqual(order.b2b_placed_by_id, self.rep_julie)
        with trap_jobs() as trap:
            order.action_confirm()
            events = [job.args[0] for job in trap.enqueued_jobs if job.method_name == "_send"]
        self.assertIn("order_placed_by_rep", events, "the buyer is told the rep ordered for them")
        entry = self.entries("order_on_behalf")
        self.assertEqual(
            (entry.res_id, entry.user_id, entry.partner_id), (order.id, self.rep_julie, self.company_dupont)
        )

        request = self.env["b2b.modification.request"].create(
            {"order_id": order.id, "partner_id": order.partner_id.id, "kind": "order_cancel", "reason": "Too many"}
        )
        request.with_user(self.rep_julie).action_approve()
        self.assertEqual(self.entries("modification_decided").res_id, request.id)

    def test_nobody_edits_the_log_and_reps_do_not_read_it(self):
        entry = self.log._b2b_log("tier_changed", self.company_dupont, "Gold → Silver")
        with self.assertRaises(AccessError):
            entry.with_user(self.rep_julie).read(["description"])
        self.assertEqual(entry.with_user(self.b2b_manager).description, "Gold → Silver")
        for user in (self.rep_julie, self.b2b_manager):
            with self.assertRaises(AccessError):
                entry.with_user(user).write({"description": "nothing happened"})
            with self.assertRaises(AccessError):
                entry.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.log.with_user(user).create({"action": "tier_changed", "user_id": user.id})
