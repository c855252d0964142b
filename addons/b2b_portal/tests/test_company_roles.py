# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import B2bDemoWorldMixin

DOCUMENT_MODELS = ("sale.order", "account.move", "stock.picking")


def customer_of(record):
    """The contact a document is for, as the record rules see it."""
    if record._name == "stock.picking":
        return record.sale_id.partner_id
    if record._name == "account.move":  # addressed to the company: the buyer is who ordered
        return record.invoice_line_ids.sale_line_ids.order_id.partner_id
    return record.partner_id


@tagged("post_install", "-at_install")
class TestDocumentVisibility(B2bDemoWorldMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()

    def visible(self, user, model):
        return self.env[model].with_user(user).search([])

    def test_admin_buyer_sees_every_document_of_the_company(self):
        for model in DOCUMENT_MODELS:
            with self.subTest(model=model):
                documents = self.visible(self.buyer_claire, model)
                customers = documents.sudo().mapped(customer_of)
                self.assertEqual(customers.commercial_partner_id, self.company_dupont)
                # Hugo's documents too, not only Claire's.
                self.assertIn(self.buyer_hugo.partner_id, customers)

    def test_buyer_sees_only_their_own_documents(self):
        for model in DOCUMENT_MODELS:
            with self.subTest(model=model):
                documents = self.visible(self.buyer_hugo, model)
                self.assertTrue(documents)
                self.assertEqual(documents.sudo().mapped(customer_of), self.buyer_hugo.partner_id)
                claires = self.visible(self.buyer_claire, model) - documents
                self.assertTrue(claires)
                with self.assertRaises(AccessError):
                    claires[:1].with_user(self.buyer_hugo).check_access("read")

    def test_company_can_share_orders_with_all_its_buyers(self):
        anna_orders = self.env["sale.order"].search([("partner_id", "=", self.buyer_anna.partner_id.id)])
        self.assertTrue(self.company_mueller.b2b_share_orders)
        self.assertLessEqual(anna_orders, self.visible(self.buyer_felix, "sale.order"))
        # Turning sharing off takes effect at once: rule domains are cached per user.
        self.company_mueller.b2b_share_orders = False
        self.assertFalse(anna_orders & self.visible(self.buyer_felix, "sale.order"))

    def test_promotion_to_admin_shows_the_company_documents(self):
        before = self.visible(self.buyer_hugo, "sale.order")
        self.buyer_hugo.partner_id.b2b_role = "admin"
        self.assertGreater(self.visible(self.buyer_hugo, "sale.order"), before)

    def test_nobody_sees_another_company(self):
        for user in (self.buyer_claire, self.buyer_hugo):
            for model in DOCUMENT_MODELS:
                with self.subTest(user=user.login, model=model):
                    mueller = self.env[model].search([("partner_id", "child_of", self.company_mueller.id)], limit=1)
                    self.assertTrue(mueller)
                    with self.assertRaises(AccessError):
                        mueller.with_user(user).check_access("read")

    def test_invoices_are_addressed_to_the_company(self):
        invoices = self.env["account.move"].search([("commercial_partner_id", "=", self.company_dupont.id)])
        self.assertTrue(invoices)
        self.assertEqual(invoices.partner_id, self.company_dupont)

    def test_internal_users_are_not_restricted(self):
        orders = self.env["sale.order"].with_user(self.sales_manager).search_count([])
        self.assertEqual(orders, self.env["sale.order"].search_count([]))


@tagged("post_install", "-at_install")
class TestColleagues(B2bDemoWorldMixin, MockEmail, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.claire = cls.buyer_claire.partner_id.with_user(cls.buyer_claire)

    def test_invitation_creates_the_user_once_the_email_is_confirmed(self):
        with trap_jobs() as trap:
            nina = self.claire._b2b_invite_colleague("Nina Roux", " Nina@Dupont-Outillage.example ", "buyer")
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(nina._b2b_send_invitation, args=(self.claire.id,))
            self.assertEqual(nina.parent_id, self.company_dupont)
            self.assertEqual(nina.email, "nina@dupont-outillage.example")
            self.assertFalse(nina.user_ids, "no user before the invitee confirms")
            self.assertEqual(nina._b2b_colleague_status(), "invited")
            with self.mock_mail_gateway():
                trap.perform_enqueued_jobs()
        self.assertEqual(len(self._mails), 1)
        mail = self._mails[0]
        self.assertIn("nina@dupont-outillage.example", mail["email_to"][0])
        self.assertIn("Claire Dupont", mail["subject"])
        token = re.search(r"token=([^&\"]+)", mail["body"]).group(1)

        # What /web/signup does with the link's token and the chosen password.
        self.env["res.users"].sudo().signup({"login": nina.email, "password": "nina-secret-42"}, token)
        user = nina.user_ids
        self.assertTrue(user._is_portal())
        self.assertTrue(user._b2b_can_buy())
        self.assertTrue(user.b2b_own_documents_only)
        self.assertEqual(nina._b2b_colleague_status(), "active")

    def test_invitation_errors_create_nothing(self):
        new_test_user(self.env, login="taken@example.com", groups="base.group_portal")
        contacts = self.env["res.partner"].search_count([])
        for name, email, role in [
            ("", "ok@example.com", "buyer"),
            ("Nina", "not-an-email", "buyer"),
            ("Nina", "ok@example.com", "boss"),
            ("Someone", "Taken@example.com", "buyer"),
            ("Hugo again", self.buyer_hugo.partner_id.email, "buyer"),
        ]:
            with self.subTest(email=email, role=role), self.assertRaises(UserError):
                self.claire._b2b_invite_colleague(name, email, role)
        self.assertEqual(self.env["res.partner"].search_count([]), contacts)

    def test_only_admin_buyers_manage_colleagues(self):
        hugo = self.buyer_hugo.partner_id.with_user(self.buyer_hugo)
        with self.assertRaises(AccessError):
            hugo._b2b_invite_colleague("Nina", "nina@example.com", "buyer")
        with self.assertRaises(AccessError):
            hugo._b2b_set_colleague_role(hugo.id, "admin")
        # Acting on another contact than oneself is refused too.
        with self.assertRaises(AccessError):
            self.buyer_claire.partner_id.with_user(self.buyer_hugo)._b2b_set_share_orders(True)

    def test_admin_cannot_reach_another_company(self):
        felix = self.buyer_felix.partner_id
        for call in (
            lambda: self.claire._b2b_set_colleague_role(felix.id, "admin"),
            lambda: self.claire._b2b_set_colleague_active(felix.id, False),
        ):
            with self.assertRaises(AccessError):
                call()
        self.assertTrue(self.buyer_felix.active)
        self.assertEqual(felix.b2b_role, "buyer")

    def test_roles_and_deactivation(self):
        hugo = self.buyer_hugo.partner_id
        self.claire._b2b_set_colleague_role(hugo.id, "admin")
        self.assertEqual(hugo.b2b_role, "admin")
        self.claire._b2b_set_colleague_active(hugo.id, False)
        self.assertFalse(self.buyer_hugo.active)
        self.assertEqual(hugo._b2b_colleague_status(), "inactive")
        self.claire._b2b_set_colleague_active(hugo.id, True)
        self.assertTrue(self.buyer_hugo.active)
        with self.assertRaises(UserError):
            self.claire._b2b_set_colleague_role(self.claire.id, "buyer")
        with self.assertRaises(UserError):
            self.claire._b2b_set_colleague_active(self.claire.id, False)

    def test_approved_applicant_is_the_admin_buyer(self):
        application = (
            self.env["b2b.account.application"]
            .sudo()
            ._submit_from_portal(self.application_values(), ip_address="203.0.113.9")[0]
        )
        application.with_user(self.sales_manager).action_approve()
        self.assertEqual(application.user_id.partner_id.b2b_role, "admin")
        self.assertTrue(application.user_id._b2b_is_admin_buyer())


@tagged("post_install", "-at_install")
class TestCompanyPage(B2bDemoWorldMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.buyer_claire.partner_id.lang = "en_US"  # messages checked in English

    def post(self, url, **data):
        page = self.url_open("/my/company").text
        data["csrf_token"] = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open(url, data=data)

    def test_admin_buyer_page(self):
        self.authenticate(self.buyer_claire.login, self.buyer_claire.login)
        html = self.url_open("/my/home").text
        self.assertTrue('/my/company"' in html, "the home page links to the company page")
        html = self.url_open("/my/company").text
        self.assertIn(self.buyer_hugo.partner_id.email, html)
        self.assertNotIn(self.buyer_felix.partner_id.email, html)

        response = self.post("/my/company/invite", name="Nina", email="nina@", role="buyer")
        self.assertIn("nina@ is not a valid email address", response.text)
        self.assertIn('value="Nina"', response.text, "what was typed is kept")
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Nina")]))

        with trap_jobs():
            response = self.post("/my/company/invite", name="Nina", email="nina@dupont.example", role="buyer")
        self.assertIn("An invitation was sent to nina@dupont.example", response.text)

        self.post(f"/my/company/colleague/{self.buyer_hugo.partner_id.id}", active="0")
        self.env.invalidate_all()
        self.assertFalse(self.buyer_hugo.active)
        # Another company's buyer: refused, nothing changes.
        response = self.post(f"/my/company/colleague/{self.buyer_felix.partner_id.id}", active="0")
        self.assertTrue("not a contact of your company" in response.text, "the refusal is explained")
        self.env.invalidate_all()
        self.assertTrue(self.buyer_felix.active)

    def test_overdue_invoices_are_the_company_ones(self):
        overdue = self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", self.company_dupont.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", fields.Date.today()),
            ]
        )
        self.assertTrue(overdue, "the demo has overdue invoices")
        self.authenticate(self.buyer_claire.login, self.buyer_claire.login)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["overdue_invoice_count"]})
        self.assertEqual(counters["overdue_invoice_count"], len(overdue))
        html = self.url_open("/my/invoices?filterby=overdue_invoices").text
        self.assertTrue(all(invoice.name in html for invoice in overdue))

    def test_buyer_has_no_company_page(self):
        self.authenticate(self.buyer_hugo.login, self.buyer_hugo.login)
        self.assertFalse('/my/company"' in self.url_open("/my/home").text, "no link for a buyer")
        response = self.url_open("/my/company", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        response = self.url_open("/my/company", allow_redirects=True)
        self.assertFalse(response.url.endswith("/my/company"))
