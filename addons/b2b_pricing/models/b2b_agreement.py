# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

DEFAULT_NOTICE_DAYS = 30


class B2bAgreement(models.Model):
    """Negotiated conditions of a customer company, for a period.

    Its prices are a native pricelist: one dated rule per negotiated line,
    then the company's tier pricelist. Outside the agreement's dates the
    dated rules no longer apply, so the tier prices come back by themselves.
    """

    _name = "b2b.agreement"
    _description = "B2B commercial agreement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_end desc, id desc"

    # ------------------------------------------------------------ FIELDS
    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner", "Customer", required=True, tracking=True, domain=[("is_company", "=", True)], index=True
    )
    user_id = fields.Many2one(
        "res.users",
        "Responsible",
        tracking=True,
        compute="_compute_user_id",
        store=True,
        readonly=False,
        domain=[("share", "=", False)],
    )
    date_start = fields.Date("Start", required=True, tracking=True)
    date_end = fields.Date("End", required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("expiring", "Expiring"),
            ("expired", "Expired"),
            ("renewed", "Renewed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many("b2b.agreement.line", "agreement_id", "Negotiated prices", copy=True)
    payment_term_id = fields.Many2one("account.payment.term", tracking=True)
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id, required=True)
    min_order_amount = fields.Monetary("Minimum order", tracking=True)
    free_shipping_threshold = fields.Monetary("Free shipping from", tracking=True)
    pricelist_id = fields.Many2one("product.pricelist", readonly=True, copy=False, ondelete="restrict")
    renewal_id = fields.Many2one("b2b.agreement", "Renewed by", readonly=True, copy=False)
    previous_id = fields.Many2one("b2b.agreement", "Renews", readonly=True, copy=False)
    days_left = fields.Integer(compute="_compute_days_left")

    _sql_constraints = [
        ("dates_check", "CHECK(date_end >= date_start)", "An agreement cannot end before it starts."),
    ]

    @api.depends("partner_id")
    def _compute_user_id(self):
        for agreement in self:
            agreement.user_id = agreement.partner_id.user_id or agreement.user_id or self.env.user

    @api.depends("date_end")
    def _compute_days_left(self):
        today = fields.Date.context_today(self)
        for agreement in self:
            agreement.days_left = (agreement.date_end - today).days if agreement.date_end else 0

    @api.model
    def _notice_days(self):
        return int(
            self.env["ir.config_parameter"].sudo().get_param("b2b_pricing.agreement_notice_days", DEFAULT_NOTICE_DAYS)
        )

    # ------------------------------------------------------------ ACTIONS
    def action_activate(self):
        """Turn drafts into the customers' conditions: pricelist, payment terms."""
        for agreement in self:
            if agreement.state != "draft":
                raise UserError(self.env._("Only a draft agreement can be activated."))
            overlapping = self.search(
                [
                    ("id", "!=", agreement.id),
                    ("partner_id", "=", agreement.partner_id.id),
                    ("state", "in", ("active", "expiring")),
                    ("date_start", "<=", agreement.date_end),
                    ("date_end", ">=", agreement.date_start),
                ]
            )
            if overlapping - agreement.previous_id:
                raise UserError(
                    self.env._(
                        "%(customer)s already has an agreement over these dates: %(agreement)s.",
                        customer=agreement.partner_id.name,
                        agreement=overlapping[0].name,
                    )
                )
            agreement._sync_pricelist()
            agreement.state = "active"
            if agreement.payment_term_id:
                agreement.partner_id.property_payment_term_id = agreement.payment_term_id
            if agreement.previous_id.state in ("active", "expiring", "expired"):
                # The previous agreement still applies until its end date.
                agreement.previous_id.state = "renewed"
        # Also gives the companies the pricelist now in force.
        self._update_states()
        return True

    def action_renew(self):
        """Create the next agreement, as a draft with the same conditions."""
        self.ensure_one()
        if self.renewal_id:
            return self.renewal_id._get_formview_action()
        duration = relativedelta(self.date_end + timedelta(days=1), self.date_start)
        start = self.date_end + timedelta(days=1)
        renewal = self.copy(
            {
                "name": self.env._("%(name)s (renewal)", name=self.name),
                "date_start": start,
                "date_end": start + duration - timedelta(days=1),
                "previous_id": self.id,
            }
        )
        self.renewal_id = renewal
        return renewal._get_formview_action()

    def _get_formview_action(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
        }

    # -------------------------------------------------- BUSINESS METHODS
    def _sync_pricelist(self):
        """Write the agreement's pricelist: dated negotiated rules first, then
        the tier's pricelist for everything else."""
        self.ensure_one()
        start = datetime.combine(self.date_start, time.min)
        end = datetime.combine(self.date_end, time.max).replace(microsecond=0)
        tier_pricelist = self.partner_id.b2b_tier_id.pricelist_id
        items = [Command.clear()]
        items += [
            Command.create(dict(line._prepare_pricelist_item(), date_start=start, date_end=end))
            for line in self.line_ids
        ]
        fallback = {"applied_on": "3_global", "compute_price": "formula", "base": "list_price"}
        if tier_pricelist:
            fallback.update(base="pricelist", base_pricelist_id=tier_pricelist.id)
        items.append(Command.create(fallback))
        values = {"item_ids": items, "currency_id": self.currency_id.id}
        if self.pricelist_id:
            self.pricelist_id.write(values)
        else:
            self.pricelist_id = self.env["product.pricelist"].create(
                dict(values, name=self.env._("Agreement %(name)s", name=self.name), company_id=self.env.company.id)
            )

    def _update_states(self, today=None):
        """Move agreements along time: expiring within the notice, expired
        after their end. Expiring ones get an activity for their rep and an
        email to the customer."""
        today = today or fields.Date.context_today(self)
        notice_end = today + timedelta(days=self._notice_days())
        running = self.filtered(lambda agreement: agreement.state in ("active", "expiring"))
        expired = running.filtered(lambda agreement: agreement.date_end < today)
        expired.state = "expired"
        expiring = (running - expired).filtered(
            lambda agreement: agreement.state == "active" and agreement.date_end <= notice_end
        )
        expiring.state = "expiring"
        for agreement in expiring:
            agreement.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=agreement.date_end - timedelta(days=7),
                summary=self.env._("Renew the agreement with %(customer)s", customer=agreement.partner_id.name),
                user_id=agreement.user_id.id,
            )
        if expiring:
            template = self.env.ref("b2b_pricing.mail_template_agreement_expiring")
            for agreement in expiring:
                agreement.message_post_with_source(
                    template, subtype_xmlid="mail.mt_comment", partner_ids=agreement._renewal_recipients().ids
                )
        (expired | self).partner_id._b2b_apply_pricelist()

    def _renewal_recipients(self):
        """Who the customer-side renewal notice goes to."""
        self.ensure_one()
        return self.partner_id

    @api.model
    def _cron_update_states(self):
        self.search([("state", "in", ("active", "expiring"))])._update_states()
