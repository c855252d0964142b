# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import email_normalize

from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.queue_job.tests.common import trap_jobs

from ..phone import InvalidPhoneNumber, to_e164
from .common import B2bDemoWorldMixin


@tagged("post_install", "-at_install")
class TestPhone(TransactionCase):
    def test_national_number_uses_the_country(self):
        self.assertEqual(to_e164("04 78 12 34 56", "FR"), "+33478123456")
        self.assertEqual(to_e164("0711 1234567", "DE"), "+497111234567")
        self.assertEqual(to_e164("03 232 45 67", "BE"), "+3232324567")

    def test_international_number_ignores_the_country(self):
        self.assertEqual(to_e164("+33 4 78 12 34 56", "DE"), "+33478123456")

    def test_invalid_numbers(self):
        for raw, region in [("12345", "FR"), ("hello", "FR"), ("", "FR"), ("+33 1 23", None), ("04 78 12 34 56", None)]:
            with self.subTest(raw=raw), self.assertRaises(InvalidPhoneNumber):
                to_e164(raw, region)


@tagged("post_install", "-at_install")
class TestApplicationValidation(B2bDemoWorldMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.Application = cls.env["b2b.account.application"]

    def check(self, **overrides):
        return self.Application._check_portal_values(self.application_values(**overrides))

    def test_valid_values_are_normalized(self):
        clean, errors = self.check()
        self.assertEqual(errors, {})
        self.assertEqual(clean["vat"], "FR09443123450")
        self.assertEqual(clean["phone"], "+33476123456")
        self.assertEqual(clean["country_id"], self.france.id)

    def test_vat_per_country(self):
        cases = [
            (self.france, "FR46401234562", None),
            (self.france, "46401234562", None),  # prefix added from the country
            (self.france, "FR46401234563", "not valid"),
            (self.belgium, "BE 0477.123.402", None),
            (self.belgium, "BE0477123403", "not valid"),
            (self.germany, "DE812345673", None),
            (self.germany, "DE812345674", "not valid"),
            (self.france, "BE0812345603", "another country"),
            (self.germany, "FR55798123451", "another country"),
        ]
        for country, vat, expected_error in cases:
            with self.subTest(country=country.code, vat=vat):
                normalized, error = self.Application._normalize_vat(vat, country)
                if expected_error:
                    self.assertIn(expected_error, error)
                else:
                    self.assertFalse(error)
                    self.assertTrue(normalized.startswith(country.code))

    def test_every_field_error_is_reported(self):
        _clean, errors = self.check(name="", vat="FR123", email="not-an-email", phone="12", terms_accepted="")
        self.assertEqual(set(errors), {"name", "vat", "email", "phone", "terms_accepted"})

    def test_phone_is_checked_with_the_country_of_the_address(self):
        _clean, errors = self.check(phone="0711 1234567")  # a German number typed for France
        self.assertIn("phone", errors)
        clean, errors = self.check(phone="0711 1234567", country_id=str(self.germany.id), vat="DE812345673")
        self.assertEqual(errors, {})
        self.assertEqual(clean["phone"], "+497111234567")

    def test_unknown_country(self):
        _clean, errors = self.check(country_id="999999")
        self.assertIn("country_id", errors)

    def test_duplicates_are_refused(self):
        _clean, errors = self.check(vat=self.company_dupont.vat)
        self.assertIn("already exists", errors["vat"])
        _clean, errors = self.check(email=self.buyer_claire.partner_id.email.upper())
        self.assertIn("already known", errors["email"])
        pending = self.env.ref("b2b_portal.application_submitted_demo")
        _clean, errors = self.check(vat=pending.vat, email=pending.email)
        self.assertEqual(set(errors), {"vat", "email"})

    def test_a_rejected_application_does_not_block_a_new_one(self):
        rejected = self.env.ref("b2b_portal.application_rejected_demo")
        _clean, errors = self.check(vat=rejected.vat, country_id=str(self.belgium.id), phone="+3225123456")
        self.assertNotIn("vat", errors)

    def test_errors_speak_the_visitor_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        _clean, errors = self.Application.with_context(lang="fr_FR")._check_portal_values(
            self.application_values(name="", email="nope")
        )
        self.assertEqual(errors["name"], "Ce champ est obligatoire.")
        self.assertEqual(errors["email"], "Cette adresse email n'est pas valide.")


@tagged("post_install", "-at_install")
class TestApplicationSubmission(B2bDemoWorldMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.Application = cls.env["b2b.account.application"]

    def test_submission_creates_a_submitted_application(self):
        application, errors = self.Application._submit_from_portal(self.application_values(), "10.0.0.1")
        self.assertEqual(errors, {})
        self.assertEqual(application.state, "submitted")
        self.assertEqual(application.vat, "FR09443123450")
        self.assertTrue(application.terms_accepted)

    def test_nothing_is_created_when_a_field_is_wrong(self):
        before = self.Application.search_count([])
        application, errors = self.Application._submit_from_portal(self.application_values(phone="12"), "10.0.0.1")
        self.assertFalse(application)
        self.assertIn("phone", errors)
        self.assertEqual(self.Application.search_count([]), before)

    def test_rate_limit_per_ip(self):
        self.env["ir.config_parameter"].set_param("b2b_portal.applications_per_ip_per_hour", 2)
        self.Application.create(
            [
                dict(self.application_values(), ip_address="10.9.9.9", country_id=self.france.id, state="rejected")
                for i in range(2)
            ]
        )
        _app, errors = self.Application._submit_from_portal(self.application_values(), "10.9.9.9")
        self.assertIn("Too many applications", errors["form"])
        _app, errors = self.Application._submit_from_portal(self.application_values(), "10.1.1.1")
        self.assertEqual(errors, {})


@tagged("post_install", "-at_install")
class TestApplicationReview(B2bDemoWorldMixin, MockEmail, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.application, _errors = cls.env["b2b.account.application"]._submit_from_portal(
            cls.application_values(cls), "10.0.0.2"
        )
        # The visitor's request commits: later changes are tracked.
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def test_approval_creates_company_buyer_and_portal_user(self):
        with self.mock_mail_gateway():
            self.application.with_user(self.sales_manager).action_approve()
        company = self.application.partner_id
        self.assertEqual(self.application.state, "approved")
        self.assertTrue(company.is_company)
        self.assertTrue(company.b2b_approved)
        self.assertEqual(company.vat, "FR09443123450")
        user = self.application.user_id
        self.assertEqual(user.login, "nadia@menuiserie-girard.example")
        self.assertTrue(user._is_portal())
        self.assertEqual(user.partner_id.parent_id, company)
        self.assertTrue(user.partner_id.b2b_approved, "contacts share their company's approval")
        self.assertTrue(user._b2b_can_buy())
        invited = [mail for mail in self._mails if user.login in map(email_normalize, mail["email_to"])]
        self.assertTrue(invited, "the buyer is invited to the portal")
        # Tracking messages are written when the transaction commits.
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.application.invalidate_recordset()
        self.assertIn("state", self.application.message_ids.tracking_value_ids.field_id.mapped("name"))

    def test_approval_can_link_an_existing_company(self):
        existing = self.env["res.partner"].create({"name": "Girard Holding", "is_company": True})
        self.application.partner_id = existing
        self.application.with_user(self.sales_manager).action_approve()
        self.assertEqual(self.application.user_id.partner_id.parent_id, existing)
        self.assertTrue(existing.b2b_approved)

    def test_only_sales_managers_review(self):
        with self.assertRaises(AccessError):
            self.application.with_user(self.rep_julie).action_approve()
        with self.assertRaises(AccessError):
            self.application.with_user(self.rep_julie)._reject("no")

    def test_rejection_needs_a_reason_and_emails_it(self):
        wizard = self.env["b2b.application.reject"].with_user(self.sales_manager)
        with self.assertRaises(UserError):
            self.application.with_user(self.sales_manager)._reject("  ")
        with trap_jobs() as trap:
            wizard.create({"application_ids": self.application.ids, "reason": "Retail only."}).action_reject()
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(self.application._send_rejection_email)
            self.assertEqual(self.application.state, "rejected")
            self.assertEqual(self.application.rejection_reason, "Retail only.")
            self.assertFalse(self.application.partner_id)
            with self.mock_mail_gateway():
                trap.perform_enqueued_jobs()
        sent = [mail for mail in self._mails if "nadia@menuiserie-girard.example" in mail["email_to"][0]]
        self.assertEqual(len(sent), 1)
        self.assertIn("Retail only.", sent[0]["body"])

    def test_a_decided_application_cannot_be_decided_again(self):
        self.application.with_user(self.sales_manager).action_approve()
        with self.assertRaises(UserError):
            self.application.with_user(self.sales_manager).action_approve()


@tagged("post_install", "-at_install")
class TestWhoCanBuy(B2bDemoWorldMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()

    def test_matrix(self):
        self.assertFalse(self.env.ref("base.public_user")._b2b_can_buy())
        self.assertTrue(self.rep_julie._b2b_can_buy())
        self.assertTrue(self.buyer_claire._b2b_can_buy())
        self.assertFalse(self.prospect_marco._b2b_can_buy())

    def test_approval_follows_the_company(self):
        self.company_dupont.b2b_approved = False
        self.assertFalse(self.buyer_claire.partner_id.b2b_approved)
        self.assertFalse(self.buyer_claire._b2b_can_buy())
        self.company_dupont.b2b_approved = True
        self.assertTrue(self.buyer_claire._b2b_can_buy())
