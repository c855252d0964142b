# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, tagged

from .common import RepMixin


@tagged("post_install", "-at_install")
class TestAccountHealth(RepMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpReps()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.healthy = cls.new_company("Healthy Tools SA")

    @classmethod
    def new_company(cls, name):
        company = cls.env["res.partner"].create(
            {"name": name, "is_company": True, "b2b_approved": True, "user_id": cls.rep_julie.id}
        )
        buyer = cls.env["res.partner"].create({"name": f"Buyer of {name}", "parent_id": company.id})
        return company | buyer

    def account(self, company):
        accounts = self.env["b2b.account"]._b2b_refresh(self.today)
        return accounts.filtered(lambda account: account.partner_id == company)

    def order(self, partner, days_ago, amount=100.0, website=False):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "website_id": self.website.id if website else False,
                "order_line": [
                    Command.create({"product_id": self.product.id, "product_uom_qty": 1, "price_unit": amount})
                ],
            }
        )
        if not website:
            order.action_confirm()
        order.date_order = fields.Datetime.now() - timedelta(days=days_ago)
        return order

    def test_healthy_account_raises_nothing(self):
        company, buyer = self.healthy
        for days in (61, 31, 1):
            self.order(buyer, days)
        account = self.account(company)
        self.assertEqual(account.signal_count, 0, account.signal_reasons)
        self.assertEqual(account.order_count_12m, 3)
        self.assertAlmostEqual(account.revenue_12m, 300)
        self.assertEqual(account.last_order_date, self.today - timedelta(days=1))
        self.assertEqual(account.expected_order_date, self.today + timedelta(days=29))
        self.assertEqual(account.user_id, self.rep_julie)

    def test_order_rhythm_dropping(self):
        company, buyer = self.new_company("Slowing Down SARL")
        for days in (100, 80, 60):  # every 20 days, then nothing for 60
            self.order(buyer, days)
        self.order(buyer, 500)  # older than two years back: not counted
        account = self.account(company)
        self.assertTrue(account.signal_order_late)
        self.assertIn("usual rhythm", account.signal_reasons)
        self.assertEqual(account.expected_order_date, self.today - timedelta(days=40))

    def test_trend_against_the_previous_year(self):
        company, buyer = self.new_company("Growing SAS")
        self.order(buyer, 400, amount=100)
        self.order(buyer, 10, amount=150)
        account = self.account(company)
        self.assertAlmostEqual(account.trend, 50.0)

    def test_overdue_credit_agreement_offer_cart_and_searches(self):
        company, buyer = self.new_company("Troubled Trading SARL")
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": company.id,
                "invoice_date": self.today - timedelta(days=60),
                "invoice_date_due": self.today - timedelta(days=30),
                "invoice_line_ids": [
                    Command.create({"name": "Goods", "quantity": 1, "price_unit": 1000, "tax_ids": []})
                ],
            }
        )
        invoice.action_post()
        self.env.company.account_use_credit_limit = True
        quote = self.order(buyer, 0, website=True)
        quote.write({"b2b_quote_state": "offer_sent", "state": "sent"})
        quote._b2b_add_round("offer")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE b2b_quote_round SET create_date = %s WHERE order_id = %s",
            (fields.Datetime.now() - timedelta(days=20), quote.id),
        )
        # Viewed by the buyer 9 days ago, no answer since.
        quote.b2b_offer_viewed_on = fields.Datetime.now() - timedelta(days=9)
        # Sent long ago too, but the buyer only just opened it: not yet a signal.
        recent = quote.copy({"b2b_quote_state": "offer_sent", "state": "sent"})
        recent._b2b_add_round("offer")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE b2b_quote_round SET create_date = %s WHERE order_id = %s",
            (fields.Datetime.now() - timedelta(days=20), recent.id),
        )
        recent.b2b_offer_viewed_on = fields.Datetime.now() - timedelta(days=1)
        self.order(buyer, 3, website=True)  # a cart left three days ago
        self.env["b2b.search.query"].create(
            {
                "website_id": self.website.id,
                "partner_id": company.id,
                "lang": "fr_FR",
                "query": "perceuse 54v",
                "day": self.today - timedelta(days=2),
                "searches": 4,
                "hits": 0,
                "without_results": True,
            }
        )
        company.credit_limit = 1050
        self.order(buyer, 2, amount=200)  # confirmed, not invoiced yet
        account = self.account(company)
        self.assertAlmostEqual(account.overdue_amount, 1000)
        statement = company._b2b_statement()
        self.assertAlmostEqual(account.credit_headroom, statement["headroom"], msg="as on the buyer's statement")
        self.assertLess(account.credit_headroom, 105)
        expected = {
            "signal_overdue": "overdue",
            "signal_credit": "of credit left",
            "signal_offer_waiting": "not answered",
            "signal_abandoned_cart": "left without ordering",
            "signal_failed_searches": "without results",
        }
        for signal, reason in expected.items():
            with self.subTest(signal=signal):
                self.assertTrue(account[signal])
                self.assertIn(reason, account.signal_reasons)
        self.assertIn("1 offer(s) viewed", account.signal_reasons)
        self.assertIn(
            "en retard de paiement", account.with_context(lang="fr_FR").signal_reasons, "the reader's language"
        )
        self.assertEqual(account.open_quote_count, 2)

        # One signal, one click.
        account.with_user(self.rep_julie).with_context(b2b_signal="signal_credit").action_schedule_signal_activities()
        self.assertIn("of credit left", company.activity_ids.note)
        self.assertEqual(company.activity_ids.summary, "Credit nearly exhausted")
        company.activity_ids.unlink()
        # One click: an activity per signal for the account's rep.
        account.with_user(self.rep_julie).action_schedule_signal_activities()
        activities = company.activity_ids
        self.assertEqual(len(activities), account.signal_count)
        self.assertEqual(activities.user_id, self.rep_julie)
        self.assertEqual(self.account(company).open_activity_count, account.signal_count)

    def test_agreement_expiring(self):
        agreement = self.env.ref("b2b_portal.agreement_dupont_demo")
        agreement.date_end = self.today + timedelta(days=12)
        account = self.account(self.company_dupont)
        self.assertEqual(account.agreement_id, agreement)
        self.assertTrue(account.signal_agreement)
        self.assertIn("agreement ends", account.signal_reasons)

    def test_accounts_follow_approval(self):
        company, _buyer = self.new_company("Soon Gone SA")
        self.assertTrue(self.account(company))
        company.b2b_approved = False
        self.assertFalse(self.account(company))
