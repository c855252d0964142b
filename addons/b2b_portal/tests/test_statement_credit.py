# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import B2bDemoWorldMixin


class StatementMixin(B2bDemoWorldMixin):
    """A company with three open invoices (not due, 45 and 100 days late),
    one confirmed order not invoiced yet and a credit limit of 1,000."""

    @classmethod
    def setUpStatement(cls):
        cls.setUpB2bWorld()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.env.company.account_use_credit_limit = True
        cls.company = cls.env["res.partner"].create(
            {"name": "Statement Test SAS", "is_company": True, "b2b_approved": True, "user_id": cls.rep_julie.id}
        )
        cls.company.credit_limit = 1000
        cls.company.property_product_pricelist = cls.company_dupont.property_product_pricelist
        cls.admin = new_test_user(cls.env, login="statement_admin", groups="base.group_portal", name="Stella Admin")
        cls.admin.partner_id.write({"parent_id": cls.company.id, "b2b_role": "admin"})
        cls.buyer = new_test_user(cls.env, login="statement_buyer", groups="base.group_portal", name="Sam Buyer")
        cls.buyer.partner_id.parent_id = cls.company
        cls.service = cls.env["product.product"].create({"name": "Consulting", "type": "service", "list_price": 50})
        for amount, late in ((100, -10), (200, 45), (300, 100)):
            invoice = cls.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.admin.partner_id.id,
                    "invoice_date": cls.today - timedelta(days=max(late, 0) + 5),
                    "invoice_date_due": cls.today - timedelta(days=late),
                    "invoice_line_ids": [
                        Command.create({"product_id": cls.service.id, "price_unit": amount, "tax_ids": []})
                    ],
                }
            )
            invoice.action_post()
            invoice.invoice_date_due = cls.today - timedelta(days=late)
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.buyer.partner_id.id,
                "order_line": [Command.create({"product_id": cls.service.id, "price_unit": 50, "tax_id": []})],
            }
        )
        order.action_confirm()


@tagged("post_install", "-at_install")
class TestStatementAndCredit(StatementMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpStatement()

    def cart(self, amount):
        return self.env["sale.order"].create(
            {
                "partner_id": self.buyer.partner_id.id,
                "website_id": self.env["website"].get_current_website().id,
                "user_id": self.rep_julie.id,
                "order_line": [Command.create({"product_id": self.service.id, "price_unit": amount, "tax_id": []})],
            }
        )

    def test_statement_figures(self):
        statement = self.company._b2b_statement()
        self.assertEqual(statement["balance"], 600)
        self.assertEqual(statement["overdue"], 500)
        self.assertEqual(statement["aging"], {"not_due": 100, "1_30": 0, "31_60": 200, "61_90": 0, "over_90": 300})
        self.assertEqual(statement["uninvoiced"], 50)
        self.assertEqual(statement["headroom"], 1000 - 600 - 50)

    def test_aging_labels_in_the_users_language(self):
        # Out of a web request too (a mail, a report): the environment's language.
        self.env["res.lang"]._activate_lang("fr_FR")
        labels = dict(self.company.with_context(lang="fr_FR")._b2b_statement()["aging_labels"])
        self.assertEqual(labels["not_due"], "Non échu")

    def test_no_limit_no_headroom(self):
        self.env.company.account_use_credit_limit = False
        self.assertIsNone(self.company._b2b_statement()["headroom"])
        self.assertFalse(self.cart(10_000)._b2b_exceeds_credit())

    def test_order_beyond_the_headroom_goes_to_the_rep(self):
        within, beyond = self.cart(300), self.cart(400)
        self.assertFalse(within._b2b_exceeds_credit())
        with self.assertRaises(UserError):
            within._b2b_submit_for_credit_review()
        self.assertTrue(beyond._b2b_exceeds_credit())
        self.assertFalse(beyond._is_cart_ready(), "checkout and payment are blocked")
        beyond._b2b_submit_for_credit_review()
        self.assertTrue(beyond.b2b_credit_review)
        self.assertEqual(beyond.state, "sent", "a quotation, not confirmed: the rep decides")
        self.assertEqual(beyond.activity_ids.user_id, self.rep_julie)
        self.assertIn("350", beyond.activity_ids.note, "the rep sees the headroom")
        self.assertFalse(beyond._has_to_be_signed() or beyond._has_to_be_paid(), "the buyer cannot accept it alone")


@tagged("post_install", "-at_install")
class TestStatementPages(StatementMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpStatement()

    def test_admin_buyer_statement_and_pdf(self):
        self.authenticate("statement_admin", "statement_admin")
        html = self.url_open("/my/statement").text
        self.assertEqual(len(re.findall(r'class="o_b2b_open_invoice"', html)), 3)
        self.assertTrue("350.00" in html, "the available credit")
        response = self.url_open("/my/statement/pdf")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(b"Statement Test SAS" in response.content)

    def test_plain_buyers_and_other_companies_have_no_statement(self):
        self.authenticate("statement_buyer", "statement_buyer")
        for url in ("/my/statement", "/my/statement/pdf"):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
        self.authenticate(self.buyer_anna.login, self.buyer_anna.login)
        self.assertFalse("Statement Test SAS" in self.url_open("/my/statement").text)

    def test_cart_beyond_the_credit_is_sent_for_review(self):
        self.authenticate("statement_buyer", "statement_buyer")
        csrf = re.search(r'csrf_token: "([^"]+)"', self.url_open("/shop").text).group(1)
        product = self.env["product.product"].search([("is_published", "=", True)], limit=1)
        quantity = int(500 / product.list_price) + 1  # beyond the 350 available
        self.url_open("/shop/cart/update", data={"product_id": product.id, "add_qty": quantity, "csrf_token": csrf})
        self.assertTrue("o_b2b_credit_alert" in self.url_open("/shop/cart").text)
        html = self.url_open("/shop/b2b/credit_review", data={"csrf_token": csrf}).text
        self.assertTrue("o_b2b_credit_review_submitted" in html)
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.buyer.partner_id.id), ("b2b_credit_review", "=", True)]
        )
        self.assertEqual(len(order), 1)
        self.assertEqual(order.order_line.product_id, product)
        self.assertFalse("o_b2b_credit_alert" in self.url_open("/shop/cart").text, "a new, empty cart")

    def pay_selected(self, invoices, amount=1.0):
        """Open the payment page of ``invoices`` and create the transaction
        as the payment form does, with ``amount`` as the browser's figure."""
        provider = self.env.ref("payment.payment_provider_demo")
        query = "&".join(f"invoice_ids={invoice_id}" for invoice_id in invoices.ids)
        page = self.url_open(f"/my/statement/pay?{query}").text
        route = re.search(r'data-transaction-route="([^"]+)"', page).group(1)
        result = self.make_jsonrpc_request(
            route,
            {
                "provider_id": provider.id,
                "payment_method_id": provider.payment_method_ids[:1].id,
                "token_id": None,
                "amount": amount,
                "flow": "direct",
                "tokenization_requested": False,
                "landing_route": "/my/statement",
                "is_validation": False,
                "access_token": None,
                "payment_reference": "forged",
            },
        )
        return page, self.env["payment.transaction"].search([("reference", "=", result["reference"])])

    def test_admin_buyer_pays_the_selected_invoices_online(self):
        invoices = self.company._b2b_open_invoices()
        chosen = invoices.filtered(lambda move: move.amount_total in (100, 200))
        self.authenticate("statement_admin", "statement_admin")
        statement = self.url_open("/my/statement").text
        self.assertEqual(len(re.findall(r"o_b2b_pay_invoice", statement)), 3)
        page, transaction = self.pay_selected(chosen)
        self.assertTrue("300.00" in page, "the total of the selected invoices")
        self.assertEqual(transaction.amount, 300, "the invoices' balance, not the browser's figure")
        self.assertEqual(transaction.invoice_ids, chosen)
        self.assertEqual(transaction.partner_id, self.admin.partner_id)
        transaction._set_done()
        transaction._post_process()
        self.assertLessEqual(set(chosen.mapped("payment_state")), {"paid", "in_payment"})
        self.assertEqual((invoices - chosen).payment_state, "not_paid")
        self.assertEqual(self.company._b2b_open_invoices(), invoices - chosen)

    def test_only_open_invoices_of_ones_company_are_paid(self):
        invoices = self.company._b2b_open_invoices()
        other_invoice = self.env["account.move"].search(
            [("commercial_partner_id", "=", self.company_dupont.id), ("move_type", "=", "out_invoice")], limit=1
        )
        self.assertTrue(other_invoice)
        refused = {
            "statement_buyer": invoices,  # not an admin buyer
            "statement_admin": invoices + other_invoice,
            self.buyer_anna.login: other_invoice,  # an admin buyer of another company
        }
        for login, selection in refused.items():
            self.authenticate(login, login)
            page = self.url_open("/my/statement/pay?" + "&".join(f"invoice_ids={i}" for i in selection.ids))
            self.assertFalse("data-transaction-route" in page.text, login)
            route = "/my/statement/pay/transaction/" + "-".join(map(str, selection.ids))
            with self.assertRaises(JsonRpcException, msg=login):
                self.make_jsonrpc_request(route, {"flow": "direct", "amount": 1.0})
        self.assertFalse(self.env["payment.transaction"].search([("invoice_ids", "in", invoices.ids)]))
