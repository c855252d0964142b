# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import email_normalize
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
# (key, label, first day overdue, last day overdue); None: open-ended.
AGING_BUCKETS = [
    ("not_due", _lt("Not due"), None, 0),
    ("1_30", _lt("1-30 days"), 1, 30),
    ("31_60", _lt("31-60 days"), 31, 60),
    ("61_90", _lt("61-90 days"), 61, 90),
    ("over_90", _lt("Over 90 days"), 91, None),
]

B2B_ROLES = [("admin", "Admin buyer"), ("buyer", "Buyer")]
# Changing one of these changes what record rules let a buyer read.
VISIBILITY_FIELDS = {"b2b_role", "b2b_share_orders", "b2b_approved", "parent_id"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_approved = fields.Boolean(
        string="Approved B2B account",
        copy=False,
        tracking=True,
        help="Set on the company: its contacts see their prices, order and check "
        "out on the B2B shop. Contacts inherit it from their company.",
    )
    b2b_application_ids = fields.One2many("b2b.account.application", "partner_id", string="B2B applications")
    b2b_role = fields.Selection(
        B2B_ROLES,
        string="B2B role",
        default="buyer",
        tracking=True,
        help="For the contacts of a B2B account. Admin buyers see every document of the "
        "company and manage their colleagues; buyers see their own orders, or all the "
        "company's orders when the company allows it.",
    )
    b2b_muted_notifications = fields.Char(help="Notification events this buyer turned off, comma-separated codes.")
    b2b_share_orders = fields.Boolean(
        string="Buyers see all company orders",
        tracking=True,
        help="Set on the company: every buyer sees all the orders, deliveries and invoices "
        "of the company, not only their own.",
    )

    def _commercial_fields(self):
        # Approval is a property of the company, shared by all its contacts.
        return [*super()._commercial_fields(), "b2b_approved"]

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if any(VISIBILITY_FIELDS & set(vals) for vals in vals_list):
            self.env.registry.clear_cache()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if VISIBILITY_FIELDS & set(vals):
            # Record rule domains are cached per user; they read these fields.
            self.env.registry.clear_cache()
        return result

    # ------------------------------------------------------------ COLLEAGUES
    def _b2b_colleagues(self):
        """The contacts of this admin buyer's company, themselves included."""
        self._b2b_check_admin_buyer()
        company = self.commercial_partner_id
        # sudo: portal users cannot list their company's contacts; the search
        # is restricted to the caller's own company.
        return (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("parent_id", "=", company.id), ("type", "=", "contact")], order="name")
        )

    def _b2b_check_admin_buyer(self):
        """Raise unless self is the current user's contact and an admin buyer."""
        self.ensure_one()
        user = self.env.user
        if not (user.partner_id == self and self.b2b_role == "admin" and self.commercial_partner_id.b2b_approved):
            raise AccessError(self.env._("Only an admin buyer of an approved account can manage colleagues."))

    def _b2b_get_colleague(self, partner_id):
        colleague = self._b2b_colleagues().filtered(lambda p: p.id == partner_id)
        if not colleague:
            raise AccessError(self.env._("This person is not a contact of your company."))
        return colleague

    def _b2b_invite_colleague(self, name, email, role):
        """Create a colleague's contact and email them an invitation; their
        portal user is created when they accept it and choose a password."""
        colleagues = self._b2b_colleagues()
        name, normalized = (name or "").strip(), email_normalize(email or "")
        if not name:
            raise UserError(self.env._("Give your colleague's name."))
        if not normalized:
            raise UserError(self.env._("%(email)s is not a valid email address.", email=email or ""))
        if role not in dict(B2B_ROLES):
            raise UserError(self.env._("Choose a role."))
        # sudo: logins are not readable by portal users; only existence is used.
        if self.env["res.users"].sudo().with_context(active_test=False).search_count([("login", "=ilike", normalized)]):
            raise UserError(self.env._("%(email)s already has an account.", email=normalized))
        if colleagues.filtered(lambda p: email_normalize(p.email or "") == normalized):
            raise UserError(self.env._("%(email)s is already a contact of your company.", email=normalized))
        colleague = colleagues.create(
            {
                "name": name,
                "email": normalized,
                "parent_id": self.commercial_partner_id.id,
                "b2b_role": role,
                "lang": self.lang,
            }
        )
        colleague.signup_prepare()
        colleague.with_delay(
            description=self.env._("Email the B2B invitation of %(name)s", name=colleague.name)
        )._b2b_send_invitation(self.id)
        return colleague

    def _b2b_send_invitation(self, inviter_id):
        self.ensure_one()
        template = self.env.ref("b2b_portal.mail_template_colleague_invitation").sudo()
        # sudo: a system email whose signup link portal users cannot compute.
        template.with_context(inviter_name=self.browse(inviter_id).sudo().name).send_mail(
            self.id, force_send=True, email_layout_xmlid="mail.mail_notification_light"
        )

    def _b2b_set_colleague_role(self, partner_id, role):
        colleague = self._b2b_get_colleague(partner_id)
        if role not in dict(B2B_ROLES):
            raise UserError(self.env._("Choose a role."))
        if colleague == self and role != "admin":
            raise UserError(self.env._("You cannot remove your own admin role; ask another admin buyer."))
        colleague.b2b_role = role

    def _b2b_set_colleague_active(self, partner_id, active):
        colleague = self._b2b_get_colleague(partner_id)
        if colleague == self:
            raise UserError(self.env._("You cannot deactivate your own account."))
        users = colleague.with_context(active_test=False).user_ids
        if not users:
            colleague.signup_cancel()  # withdraws a pending invitation
            return
        if any(user._is_internal() for user in users):
            raise AccessError(self.env._("Internal users are managed by the administrators."))
        users.active = active

    def _b2b_set_share_orders(self, share):
        self._b2b_check_admin_buyer()
        # sudo: the company record is not writable by its portal users.
        self.commercial_partner_id.sudo().b2b_share_orders = share

    def _b2b_colleague_status(self):
        """'active', 'invited' or 'inactive', for the colleagues page."""
        self.ensure_one()
        users = self.with_context(active_test=False).user_ids
        if users.filtered("active"):
            return "active"
        if not users and self.signup_type == "signup":
            return "invited"
        return "inactive"

    def _b2b_delivery_addresses(self):
        """This company and its delivery addresses."""
        self.ensure_one()
        return self | self.child_ids.filtered(lambda partner: partner.type == "delivery")

    # ------------------------------------------------------------ NOTIFICATIONS
    def _b2b_wants(self, event):
        self.ensure_one()
        return event not in (self.b2b_muted_notifications or "").split(",")

    def _b2b_set_notifications(self, wanted):
        """The current user's choice of ``wanted`` event codes."""
        self.ensure_one()
        if self != self.env.user.partner_id:
            raise AccessError(self.env._("You choose your own notifications only."))
        events = [code for code, _label in self.env["b2b.notification"]._events()]
        # sudo: portal users cannot write their contact; only this field of
        # their own contact is written.
        self.sudo().b2b_muted_notifications = ",".join(code for code in events if code not in wanted)

    # ------------------------------------------------------------ STATEMENT
    def _b2b_open_invoices(self, move_types=("out_invoice", "out_refund")):
        """Posted customer invoices and credit notes of this company with
        something left to pay, oldest due first."""
        self.ensure_one()
        return self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", self.id),
                ("move_type", "in", move_types),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
            ],
            order="invoice_date_due, id",
        )

    def _b2b_invoices_to_pay(self, invoice_ids):
        """The open invoices ``invoice_ids`` of the company ``self``, to be
        paid together online. Searched in the caller's environment, so record
        rules decide what the buyer may pay; anything else is refused."""
        self.ensure_one()
        wanted = set(invoice_ids)
        invoices = self._b2b_open_invoices(move_types=("out_invoice",)).filtered(lambda move: move.id in wanted)
        if not wanted or len(invoices) != len(wanted):
            raise UserError(self.env._("Select invoices of your company that are still to be paid."))
        if len(invoices.currency_id) > 1 or len(invoices.company_id) > 1:
            raise UserError(
                self.env._("Invoices in different currencies or from different sellers are paid separately.")
            )
        return invoices

    def _b2b_credit_limit(self):
        """The company's credit limit, or None when none applies."""
        self.ensure_one()
        if not self.env.company.account_use_credit_limit or self.credit_limit <= 0:
            return None
        return self.credit_limit

    def _b2b_statement(self, today=None):
        """Company-wide account figures of the B2B company ``self``: open
        balance, overdue amount, aging, credit limit and headroom (limit -
        open receivables - confirmed orders not yet invoiced)."""
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        invoices = self._b2b_open_invoices()
        aging = dict.fromkeys((key for key, *_rest in AGING_BUCKETS), 0.0)
        for invoice in invoices:
            late = (today - (invoice.invoice_date_due or invoice.invoice_date)).days
            key = next(
                key
                for key, _label, first, last in AGING_BUCKETS
                if (first is None or late >= first) and (last is None or late <= last)
            )
            aging[key] += invoice.amount_residual_signed
        balance = sum(aging.values())
        orders = self.env["sale.order"].search(
            [("partner_id", "child_of", self.id), ("state", "=", "sale"), ("invoice_status", "!=", "invoiced")]
        )
        uninvoiced = sum(orders.mapped("amount_to_invoice"))
        limit = self._b2b_credit_limit()
        return {
            "currency": self.env.company.currency_id,
            "invoices": invoices,
            "balance": balance,
            "overdue": balance - aging["not_due"],
            "aging": aging,
            "aging_labels": [(key, self.env._(label)) for key, label, *_rest in AGING_BUCKETS],
            "uninvoiced": uninvoiced,
            "credit_limit": limit,
            "headroom": None if limit is None else limit - balance - uninvoiced,
        }
