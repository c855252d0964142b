# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import B2bPricingCase


@tagged("post_install", "-at_install")
class TestAgreements(B2bPricingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.b2b_tier_override_id = cls.tier_gold
        cls.today = fields.Date.context_today(cls.customer)
        cls.start, cls.end = cls.today - timedelta(days=30), cls.today + timedelta(days=90)
        cls.rep = cls.env["res.users"].create(
            {
                "name": "Rep",
                "login": "b2b_agreement_rep",
                "groups_id": [Command.set(cls.env.ref("sales_team.group_sale_salesman").ids)],
            }
        )
        cls.agreement = cls.env["b2b.agreement"].create(
            {
                "name": "2026 conditions",
                "partner_id": cls.customer.id,
                "user_id": cls.rep.id,
                "date_start": cls.start,
                "date_end": cls.end,
                "payment_term_id": cls.env.ref("account.account_payment_term_45days").id,
                "line_ids": [
                    Command.create(
                        {
                            "product_tmpl_id": cls.product_b.product_tmpl_id.id,
                            "price_type": "fixed",
                            "fixed_price": 30.0,
                        }
                    ),
                    Command.create(
                        {"categ_id": cls.category.id, "min_quantity": 100, "price_type": "discount", "discount": 35.0}
                    ),
                ],
            }
        )

    def price(self, product, quantity, day, pricelist=None):
        pricelist = pricelist or self.buyer.property_product_pricelist
        return pricelist._b2b_price_table(product, (quantity,), date=day)[product.id]["prices"][quantity]

    def test_agreement_wins_over_the_tier_while_in_force(self):
        self.agreement.action_activate()
        self.assertEqual(self.agreement.state, "active")
        self.assertEqual(self.buyer.property_product_pricelist, self.agreement.pricelist_id)
        self.assertEqual(self.customer.property_payment_term_id, self.agreement.payment_term_id)
        inside = datetime.combine(self.today, time(12))
        before = datetime.combine(self.start - timedelta(days=1), time(12))
        after = datetime.combine(self.end + timedelta(days=1), time(12))
        # Negotiated: B fixed at 30, 35 % off the category from 100.
        self.assertEqual(self.price(self.product_b, 1, inside), 30.0)
        self.assertEqual(self.price(self.product_a, 100, inside), 65.0)
        # Not negotiated: the tier (Gold) prices.
        self.assertEqual(self.price(self.product_a, 10, inside), 75.0)
        # Outside the dates, the same pricelist gives the tier prices: no manual step.
        self.assertEqual(self.price(self.product_b, 1, before), 32.0)
        self.assertEqual(self.price(self.product_b, 1, after), 32.0)
        self.assertEqual(self.price(self.product_a, 100, after), 70.0)

    def test_lifecycle_over_time(self):
        self.agreement.action_activate()
        agreements = self.agreement
        agreements._update_states(today=self.today)
        self.assertEqual(self.agreement.state, "active")
        agreements._update_states(today=self.end - timedelta(days=25))
        self.assertEqual(self.agreement.state, "expiring")
        activity = self.agreement.activity_ids
        self.assertEqual(activity.user_id, self.rep)
        self.assertIn("Renew", activity.summary)
        notice = self.agreement.message_ids.filtered(lambda message: self.customer in message.partner_ids)
        self.assertIn("ends on", notice.subject)
        agreements._update_states(today=self.end - timedelta(days=20))
        self.assertEqual(len(self.agreement.activity_ids), 1, "one reminder, not one a day")
        agreements._update_states(today=self.end + timedelta(days=1))
        self.assertEqual(self.agreement.state, "expired")
        self.customer._b2b_apply_pricelist(today=self.end + timedelta(days=1))
        self.assertEqual(self.buyer.property_product_pricelist, self.pricelist_gold)

    def test_renewal_creates_the_next_draft(self):
        self.agreement.action_activate()
        self.agreement.action_renew()
        renewal = self.agreement.renewal_id
        self.assertEqual(renewal.state, "draft")
        self.assertEqual(renewal.date_start, self.end + timedelta(days=1))
        # Same length in months and days (a 6-month agreement renews for 6 months).
        one_day = timedelta(days=1)
        self.assertEqual(
            relativedelta(renewal.date_end + one_day, renewal.date_start), relativedelta(self.end + one_day, self.start)
        )
        self.assertEqual(len(renewal.line_ids), 2)
        self.assertEqual(renewal.line_ids[0].fixed_price, 30.0)
        self.assertEqual(renewal.previous_id, self.agreement)
        renewal.action_activate()
        self.assertEqual(self.agreement.state, "renewed")
        self.customer._b2b_apply_pricelist(today=renewal.date_start + timedelta(days=10))
        self.assertEqual(self.buyer.property_product_pricelist, renewal.pricelist_id)

    def test_customer_promotion(self):
        self.agreement.line_ids[0].promotion = True
        self.agreement.action_activate()
        values = self.agreement.pricelist_id._b2b_price_table(self.product_b)[self.product_b.id]
        self.assertEqual(values["prices"][1.0], 30.0)
        self.assertEqual(values["promotion_end"].date(), self.end)

    def test_no_two_agreements_at_once(self):
        self.agreement.action_activate()
        other = self.agreement.copy(
            {"name": "Overlap", "date_start": self.end - timedelta(days=10), "date_end": self.end + timedelta(days=60)}
        )
        with self.assertRaises(UserError):
            other.action_activate()

    def test_tier_change_moves_the_agreement_fallback(self):
        self.agreement.action_activate()
        self.customer.b2b_tier_override_id = self.tier_bronze
        inside = datetime.combine(self.today, time(12))
        pricelist = self.agreement.pricelist_id
        self.assertEqual(self.price(self.product_b, 1, inside, pricelist), 30.0)
        self.assertEqual(self.price(self.product_a, 1, inside, pricelist), 100.0)
