# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import email_normalize

from odoo.addons.base_vat.models.res_partner import _ref_vat

from ..phone import InvalidPhoneNumber, to_e164

# Fields a visitor fills in on /b2b/apply, in the order errors are reported.
PORTAL_FIELDS = (
    "name",
    "vat",
    "street",
    "zip",
    "city",
    "country_id",
    "contact_name",
    "email",
    "phone",
    "lang",
    "terms_accepted",
)
# country_id and terms_accepted are checked apart, with their own message.
REQUIRED_FIELDS = ("name", "vat", "street", "zip", "city", "contact_name", "email", "phone")
DEFAULT_HOURLY_LIMIT_PER_IP = 5


class B2bAccountApplication(models.Model):
    _name = "b2b.account.application"
    _description = "B2B account application"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"

    # ------------------------------------------------------------ FIELDS
    name = fields.Char("Company name", required=True, tracking=True)
    vat = fields.Char("VAT number", required=True, tracking=True)
    street = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    country_id = fields.Many2one("res.country", required=True)
    contact_name = fields.Char("Buyer name", required=True)
    email = fields.Char(required=True, tracking=True)
    phone = fields.Char(help="Stored in E.164 format.")
    lang = fields.Selection(selection="_get_languages", string="Language")
    terms_accepted = fields.Boolean("Terms accepted", readonly=True)
    website_id = fields.Many2one("website", readonly=True)
    ip_address = fields.Char("Submitted from", readonly=True, groups="base.group_system")
    state = fields.Selection(
        [("submitted", "Submitted"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="submitted",
        required=True,
        readonly=True,
        tracking=True,
    )
    rejection_reason = fields.Text(readonly=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Company",
        domain=[("is_company", "=", True)],
        tracking=True,
        help="Existing company to link on approval; created from the application if empty.",
    )
    user_id = fields.Many2one("res.users", string="Buyer user", readonly=True)

    @api.model
    def _get_languages(self):
        return self.env["res.lang"].get_installed()

    # -------------------------------------------------- BUSINESS METHODS
    @api.model
    def _check_portal_values(self, values):
        """Validate what a visitor typed; return ``(clean_values, errors)``.

        ``errors`` maps a field name to a message in the visitor's language;
        ``clean_values`` is ready for ``create`` only when ``errors`` is empty.
        """
        clean = {
            fname: (values.get(fname) or "").strip()
            for fname in PORTAL_FIELDS
            if fname not in ("country_id", "terms_accepted")
        }
        errors = {fname: self.env._("This field is required.") for fname in REQUIRED_FIELDS if not clean.get(fname)}

        country = self.env["res.country"]
        country_value = str(values.get("country_id") or "")
        if country_value.isdigit():
            country = country.browse(int(country_value)).exists()
        if not country:
            errors["country_id"] = self.env._("Choose your country.")
        clean["country_id"] = country.id

        if clean["email"]:
            normalized = email_normalize(clean["email"])
            if normalized:
                clean["email"] = normalized
            else:
                errors["email"] = self.env._("This is not a valid email address.")
        if clean["vat"] and country:
            vat, vat_error = self._normalize_vat(clean["vat"], country)
            if vat_error:
                errors["vat"] = vat_error
            clean["vat"] = vat
        if clean["phone"]:
            try:
                clean["phone"] = to_e164(clean["phone"], country.code)
            except InvalidPhoneNumber:
                errors["phone"] = self.env._(
                    "This is not a valid phone number for %(country)s. "
                    "Use the international format, e.g. +33 4 78 12 34 56.",
                    country=country.name or self.env._("your country"),
                )
        if clean["lang"] not in dict(self._get_languages()):
            clean["lang"] = self.env.lang if self.env.lang in dict(self._get_languages()) else False
        if not values.get("terms_accepted"):
            errors["terms_accepted"] = self.env._("You must accept the terms of sale to open an account.")
        clean["terms_accepted"] = True

        for fname, message in self._find_duplicates(clean).items():
            errors.setdefault(fname, message)
        return clean, errors

    @api.model
    def _normalize_vat(self, vat, country):
        """Return ``(vat, error)``: the VAT compacted and prefixed with the
        country code, checked with base_vat's rules for that country."""
        vat = "".join(char for char in vat.upper() if char.isalnum())
        matched_code = self.env["res.partner"]._run_vat_test(vat, country, partner_is_company=True)
        country_code = country.code.lower()
        vat_prefixes = {country_code, "el"} if country_code == "gr" else {country_code}
        if matched_code and matched_code in vat_prefixes:
            if not vat[:2].isalpha():
                vat = matched_code.upper() + vat
            return vat, False
        if matched_code:
            return vat, self.env._("This VAT number belongs to another country than %(country)s.", country=country.name)
        return vat, self.env._(
            "This VAT number is not valid for %(country)s (expected format: %(format)s).",
            country=country.name,
            format=_ref_vat.get(country_code, "CC##"),
        )

    @api.model
    def _find_duplicates(self, clean):
        """Messages for values that already belong to a customer or an application."""
        errors = {}
        # sudo: duplicates must be found among all companies, whoever submits;
        # only a yes/no answer leaves this method.
        partners = self.env["res.partner"].sudo().with_context(active_test=False)
        applications = self.sudo().with_context(active_test=False)
        pending = [("state", "!=", "rejected")]
        if clean.get("vat") and (
            partners.search_count([("vat", "=ilike", clean["vat"])], limit=1)
            or applications.search_count([*pending, ("vat", "=ilike", clean["vat"])], limit=1)
        ):
            errors["vat"] = self.env._(
                "An account or an application already exists for this VAT number. "
                "Log in, or ask your company's administrator to invite you."
            )
        if clean.get("email"):
            users = self.env["res.users"].sudo().with_context(active_test=False)
            if (
                users.search_count([("login", "=ilike", clean["email"])], limit=1)
                or partners.search_count([("email_normalized", "=", clean["email"])], limit=1)
                or applications.search_count([*pending, ("email", "=ilike", clean["email"])], limit=1)
            ):
                errors["email"] = self.env._(
                    "This email address is already known to us. Log in or reset your password."
                )
        return errors

    @api.model
    def _submit_from_portal(self, values, ip_address=None):
        """Create an application from the /b2b/apply form.

        Returns ``(application, errors)``; nothing is created when ``errors``.
        Must run as a user allowed to create applications (the controller
        uses sudo, since visitors have no access to this model).
        """
        clean, errors = self._check_portal_values(values)
        if not errors and ip_address and self._is_rate_limited(ip_address):
            errors["form"] = self.env._(
                "Too many applications were sent from your network. Please try again in an hour."
            )
        if errors:
            return self.browse(), errors
        website = self.env["website"].get_current_website()
        application = self.create(dict(clean, ip_address=ip_address, website_id=website.id))
        return application, {}

    @api.model
    def _is_rate_limited(self, ip_address):
        limit = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("b2b_portal.applications_per_ip_per_hour", DEFAULT_HOURLY_LIMIT_PER_IP)
        )
        since = fields.Datetime.now() - timedelta(hours=1)
        return self.search_count([("ip_address", "=", ip_address), ("create_date", ">=", since)]) >= limit

    def _check_reviewer(self):
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(self.env._("Only sales managers can approve or reject B2B applications."))
        if self.filtered(lambda app: app.state != "submitted"):
            raise UserError(self.env._("Only submitted applications can be approved or rejected."))

    # ------------------------------------------------------------ ACTIONS
    def action_approve(self):
        """Create (or link) the company and the buyer, approve the account and
        invite the buyer to the portal."""
        self._check_reviewer()
        for application in self:
            company = application.partner_id or application._create_company()
            company.b2b_approved = True
            buyer = application._create_buyer(company)
            application.write({"state": "approved", "partner_id": company.id})
            application.user_id = application._grant_portal_access(buyer)
        return True

    def action_open_reject_wizard(self):
        self._check_reviewer()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject application"),
            "res_model": "b2b.application.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"default_application_ids": self.ids},
        }

    def _reject(self, reason):
        self._check_reviewer()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the rejection: it is sent to the applicant."))
        self.write({"state": "rejected", "rejection_reason": reason.strip()})
        for application in self:
            # A job: the reviewer does not wait for the mail server.
            application.with_delay(
                description=self.env._("Email the rejection of %(name)s", name=application.name)
            )._send_rejection_email()

    def _send_rejection_email(self):
        self.ensure_one()
        template = self.env.ref("b2b_portal.mail_template_application_rejected")
        template.send_mail(self.id, force_send=True, email_layout_xmlid="mail.mail_notification_light")

    # ------------------------------------------------------------ TOOLING
    def _create_company(self):
        self.ensure_one()
        return self.env["res.partner"].create(
            {
                "name": self.name,
                "is_company": True,
                "vat": self.vat,
                "street": self.street,
                "zip": self.zip,
                "city": self.city,
                "country_id": self.country_id.id,
                "phone": self.phone,
                "lang": self.lang,
            }
        )

    def _create_buyer(self, company):
        self.ensure_one()
        return self.env["res.partner"].create(
            {
                "name": self.contact_name,
                "parent_id": company.id,
                "type": "contact",
                # The applicant manages the account: they invite their colleagues.
                "b2b_role": "admin",
                "email": self.email,
                "phone": self.phone,
                "lang": self.lang,
            }
        )

    def _grant_portal_access(self, buyer):
        """Create the portal user and send the invitation, as Odoo's
        "Grant portal access" wizard does."""
        # sudo: the wizard is reserved to contact managers; a sales manager
        # (checked in _check_reviewer) grants access to the buyer they approved.
        wizard = self.env["portal.wizard"].sudo().create({"partner_ids": [(6, 0, buyer.ids)]})
        wizard.user_ids.action_grant_access()
        return wizard.user_ids.user_id
