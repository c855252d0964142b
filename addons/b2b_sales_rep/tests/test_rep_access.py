# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import RepMixin


@tagged("post_install", "-at_install")
class TestRepAccess(RepMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpReps()

    def assertSeenBy(self, records_by_rep):
        """``{rep: records}``: each rep sees theirs and not the other's;
        the manager sees all."""
        (julie, mine), (marc, theirs) = records_by_rep.items()
        model = mine._name
        for user, own, other in ((julie, mine, theirs), (marc, theirs, mine)):
            visible = self.env[model].with_user(user).search([("id", "in", (own | other).ids)])
            self.assertEqual(visible, own, f"{model}: {user.login} sees their accounts' records only")
        self.assertEqual(
            self.env[model].with_user(self.b2b_manager).search([("id", "in", (mine | theirs).ids)]), mine | theirs
        )

    def test_every_b2b_model_per_rep(self):
        julie, marc = self.rep_julie, self.rep_marc
        julie_quote = self.offered(self.buyer_hugo)  # Dupont
        marc_quote = self.offered(self.buyer_anna)  # Müller
        orders = self.env["sale.order"]
        julie_order = orders.search(
            [("partner_id", "child_of", self.company_dupont.id), ("state", "=", "sale")], limit=1
        )
        marc_order = orders.search(
            [("partner_id", "child_of", self.company_mueller.id), ("state", "=", "sale")], limit=1
        )
        moves = self.env["account.move"]
        invoices = {
            julie: moves.search([("commercial_partner_id", "=", self.company_dupont.id)], limit=1),
            marc: moves.search([("commercial_partner_id", "=", self.company_mueller.id)], limit=1),
        }
        pickings = {
            julie: julie_order.picking_ids[:1],
            marc: marc_order.picking_ids[:1],
        }
        requests = self.env["b2b.modification.request"].create(
            [
                {"order_id": order.id, "partner_id": order.partner_id.id, "kind": "order_cancel", "reason": "test"}
                for order in (julie_order, marc_order)
            ]
        )
        agreements = self.env["b2b.agreement"].create(
            [
                {"name": "Test", "partner_id": company.id, "date_start": "2026-01-01", "date_end": "2026-12-31"}
                for company in (self.company_dupont, self.company_mueller)
            ]
        )
        accounts = self.env["b2b.account"]._b2b_refresh()
        reports = self.env["sale.report"]
        cases = [
            {julie: self.company_dupont, marc: self.company_mueller},
            {julie: self.buyer_hugo.partner_id, marc: self.buyer_anna.partner_id},
            {julie: julie_order, marc: marc_order},
            {julie: julie_order.order_line, marc: marc_order.order_line},
            invoices,
            pickings,
            {julie: requests[0], marc: requests[1]},
            {julie: agreements[0], marc: agreements[1]},
            {julie: julie_quote.b2b_round_ids, marc: marc_quote.b2b_round_ids},
            {
                julie: accounts.filtered(lambda a: a.partner_id == self.company_dupont),
                marc: accounts.filtered(lambda a: a.partner_id == self.company_mueller),
            },
            {
                julie: reports.search([("commercial_partner_id", "=", self.company_dupont.id)], limit=3),
                marc: reports.search([("commercial_partner_id", "=", self.company_mueller.id)], limit=3),
            },
            {
                julie: self.env["b2b.quote.report"].search([("order_id", "=", julie_quote.id)]),
                marc: self.env["b2b.quote.report"].search([("order_id", "=", marc_quote.id)]),
            },
        ]
        for case in cases:
            with self.subTest(model=case[julie]._name):
                self.assertTrue(case[julie] and case[marc], "the demo world has both")
                self.assertSeenBy(case)

    def test_a_rep_cannot_edit_another_reps_account(self):
        order = self.env["sale.order"].search([("partner_id", "child_of", self.company_mueller.id)], limit=1)
        with self.assertRaises(AccessError):
            order.with_user(self.rep_julie).write({"client_order_ref": "mine"})
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.rep_julie).create(
                {
                    "partner_id": self.company_mueller.id,
                    "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 1})],
                }
            )
        # Her own accounts' orders, she edits.
        order = self.env["sale.order"].search([("partner_id", "child_of", self.company_dupont.id)], limit=1)
        order.with_user(self.rep_julie).write({"client_order_ref": "mine"})

    def test_team_leader_sees_the_team_accounts(self):
        # Julie leads the team Marc belongs to.
        self.env["crm.team"].create(
            {"name": "Benelux", "user_id": self.rep_julie.id, "member_ids": [Command.set(self.rep_marc.ids)]}
        )
        self.assertTrue(
            self.env["res.partner"].with_user(self.rep_julie).search([("id", "=", self.company_peeters.id)])
        )
        self.assertIn(self.company_peeters, self.rep_julie._b2b_accounts())

    def test_customers_outside_b2b_stay_with_odoos_rules(self):
        prospect = self.env["res.partner"].create({"name": "Walk-in customer", "is_company": True})
        self.assertTrue(self.env["res.partner"].with_user(self.rep_julie).search([("id", "=", prospect.id)]))
