# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import B2bPricingCase


@tagged("post_install", "-at_install")
class TestTiers(B2bPricingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])

    def test_rules_follow_the_12_month_volume(self):
        self.invoice(self.customer, 3000, self.today - relativedelta(months=2))
        self.invoice(self.customer, 9000, self.today - relativedelta(months=13))  # too old
        self.customer._b2b_recompute_tiers()
        self.assertEqual(self.customer.b2b_purchase_volume, 3000)
        self.assertEqual(self.customer.b2b_tier_id, self.tier_bronze)
        self.invoice(self.customer, 2500, self.today - relativedelta(days=3))
        self.customer._b2b_recompute_tiers()
        self.assertEqual(self.customer.b2b_tier_id, self.tier_gold)
        self.assertIn("Test Gold threshold", self.customer.b2b_tier_reason)

    def test_pricelist_goes_to_every_contact(self):
        self.invoice(self.customer, 6000, self.today)
        self.customer._b2b_recompute_tiers()
        self.assertEqual(self.customer.property_product_pricelist, self.pricelist_gold)
        self.assertEqual(self.buyer.property_product_pricelist, self.pricelist_gold)
        new_buyer = self.env["res.partner"].create({"name": "Later Buyer", "parent_id": self.customer.id})
        self.assertEqual(new_buyer.property_product_pricelist, self.pricelist_gold)

    def test_sector_and_country_conditions(self):
        construction = self.env["res.partner.industry"].create({"name": "Construction"})
        self.tier_gold.write({"min_purchase_volume": 0, "industry_ids": [(6, 0, construction.ids)]})
        self.customer._b2b_recompute_tiers()
        self.assertEqual(self.customer.b2b_tier_id, self.tier_bronze)
        self.customer.industry_id = construction
        self.customer._b2b_recompute_tiers()
        self.assertEqual(self.customer.b2b_tier_id, self.tier_gold)
        self.tier_gold.country_ids = self.env.ref("base.be")
        self.customer._b2b_recompute_tiers()
        self.assertEqual(self.customer.b2b_tier_id, self.tier_bronze)

    def test_manual_tier_wins_until_removed(self):
        self.customer._b2b_recompute_tiers()
        self.assertEqual(self.customer.b2b_tier_id, self.tier_bronze)
        self.customer.b2b_tier_override_id = self.tier_gold
        self.assertEqual(self.customer.b2b_tier_id, self.tier_gold)
        self.assertEqual(self.buyer.property_product_pricelist, self.pricelist_gold)
        self.customer._b2b_recompute_tiers()
        self.assertEqual(self.customer.b2b_tier_id, self.tier_gold, "rules do not undo a manual tier")
        self.customer.b2b_tier_override_id = False
        self.assertEqual(self.customer.b2b_tier_id, self.tier_bronze)
        self.assertEqual(self.buyer.property_product_pricelist, self.pricelist_bronze)

    def test_every_change_is_logged_with_its_reason(self):
        self.customer._b2b_recompute_tiers()
        self.customer.b2b_tier_override_id = self.tier_gold
        self.env.flush_all()
        self.env.cr.precommit.run()
        bodies = self.customer.message_ids.mapped("body")
        self.assertTrue(any("Test Bronze" in body and "threshold" in body for body in bodies))
        self.assertTrue(any("manual tier set by" in body for body in bodies))
        tracked = self.customer.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("b2b_tier_id", tracked)

    def test_recompute_button_checks_access(self):
        portal = new_test_user(self.env, login="b2b_portal_user", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.customer.with_user(portal).action_b2b_recompute_tier()
        rep = new_test_user(
            self.env, login="b2b_rep_user", groups="sales_team.group_sale_salesman,base.group_partner_manager"
        )
        self.customer.with_user(rep).action_b2b_recompute_tier()
        self.assertEqual(self.customer.b2b_tier_id, self.tier_bronze)
        self.customer.with_user(rep).comment = "Reps may edit the company..."
        with self.assertRaises(AccessError):
            self.customer.with_user(rep).b2b_tier_override_id = self.tier_gold  # ...not its manual tier

    def test_recompute_is_batched(self):
        companies = self.env["res.partner"].create(
            [{"name": f"Company {index}", "is_company": True} for index in range(20)]
        )
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        companies[:2]._b2b_recompute_tiers()
        few = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        companies[2:]._b2b_recompute_tiers()
        many = self.env.cr.sql_log_count - before
        # Writes are per company; reading volumes and rules is not.
        self.assertLess(many, few * 12)

    def test_next_tier_gap(self):
        self.invoice(self.customer, 4200, self.today)
        self.customer._b2b_recompute_tiers()
        self.assertEqual(self.customer.b2b_tier_id, self.tier_bronze)
        self.assertEqual(self.customer.b2b_next_tier_id, self.tier_gold)
        self.assertEqual(self.customer.b2b_next_tier_gap, 800)
        self.assertTrue(self.customer.b2b_near_next_tier)  # 800 <= 20 % of 5000
        self.invoice(self.customer, 1000, self.today)
        self.customer._b2b_recompute_tiers()
        self.assertEqual(self.customer.b2b_tier_id, self.tier_gold)
        self.assertFalse(self.customer.b2b_near_next_tier)

    def test_purchase_volume_report_by_tier(self):
        self.invoice(self.customer, 6000, self.today)
        self.customer._b2b_recompute_tiers()
        order = self.env["sale.order"].create(
            {"partner_id": self.buyer.id, "order_line": [Command.create({"product_id": self.product_a.id})]}
        )
        order.action_confirm()
        self.env.flush_all()
        groups = self.env["sale.report"]._read_group(
            [("order_reference", "=", f"sale.order,{order.id}")], ["b2b_tier_id"], ["price_subtotal:sum"]
        )
        self.assertEqual(groups, [(self.tier_gold, 80.0)])
