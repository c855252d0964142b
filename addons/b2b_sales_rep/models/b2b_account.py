# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One row per approved B2B company: its figures and health signals.

Figures are a snapshot computed in a few SQL statements for every account
at once (hourly cron, and the Refresh button), so that the rep's list sorts,
filters and groups on them like any stored field.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL, format_date

SIGNALS = (
    "signal_overdue",
    "signal_credit",
    "signal_agreement",
    "signal_offer_waiting",
    "signal_order_late",
    "signal_abandoned_cart",
    "signal_failed_searches",
)
MIN_ORDERS_FOR_RHYTHM = 3
DOCUMENTS_SHOWN = 80
# Every figure of _b2b_figures, so that a refresh also clears what is gone.
FIGURE_DEFAULTS = {
    "revenue_12m": 0.0,
    "revenue_prev_12m": 0.0,
    "trend": 0.0,
    "order_count_12m": 0,
    "last_order_date": False,
    "expected_order_date": False,
    "open_quote_count": 0,
    "offer_waiting_count": 0,
    "open_modification_count": 0,
    "overdue_amount": 0.0,
    "open_activity_count": 0,
    "abandoned_cart_count": 0,
    "failed_search_count": 0,
}


def _param(env, key, default):
    # sudo: reps read the thresholds of the cockpit, nothing else.
    return float(env["ir.config_parameter"].sudo().get_param(f"b2b_sales_rep.{key}", default))


class B2bAccount(models.Model):
    _name = "b2b.account"
    _description = "B2B account"
    _order = "signal_count desc, revenue_12m desc, id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", "Company", required=True, readonly=True, ondelete="cascade", index=True)
    user_id = fields.Many2one("res.users", "Sales rep", readonly=True, index=True)
    team_id = fields.Many2one("crm.team", "Sales team", readonly=True)
    tier_id = fields.Many2one("b2b.tier", readonly=True)
    pricelist_id = fields.Many2one("product.pricelist", readonly=True)
    agreement_id = fields.Many2one("b2b.agreement", readonly=True)
    agreement_end = fields.Date("Agreement ends", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    revenue_12m = fields.Monetary("Revenue, 12 months", readonly=True)
    revenue_prev_12m = fields.Monetary("Revenue, 12 months before", readonly=True)
    trend = fields.Float(
        "Trend (%)", readonly=True, digits=(16, 1), help="12-month revenue against the 12 months before."
    )
    order_count_12m = fields.Integer("Orders, 12 months", readonly=True)
    last_order_date = fields.Date("Last order", readonly=True)
    expected_order_date = fields.Date(
        "Next order expected", readonly=True, help="Last order plus the account's average interval between orders."
    )
    open_quote_count = fields.Integer("Open quotes", readonly=True)
    open_modification_count = fields.Integer("Open modification requests", readonly=True)
    overdue_amount = fields.Monetary("Overdue", readonly=True)
    credit_limit = fields.Monetary(readonly=True)
    credit_headroom = fields.Monetary("Credit left", readonly=True, help="Empty when no credit limit applies.")
    open_activity_count = fields.Integer("Open activities", readonly=True)
    offer_waiting_count = fields.Integer("Offers not answered", readonly=True)
    abandoned_cart_count = fields.Integer("Abandoned carts", readonly=True)
    failed_search_count = fields.Integer("Searches without results, 30 days", readonly=True)
    signal_overdue = fields.Boolean("Overdue receivables", readonly=True)
    signal_credit = fields.Boolean("Credit nearly exhausted", readonly=True)
    signal_agreement = fields.Boolean("Agreement expiring", readonly=True)
    signal_offer_waiting = fields.Boolean("Offer not answered", readonly=True)
    signal_order_late = fields.Boolean("Next order overdue", readonly=True)
    signal_abandoned_cart = fields.Boolean("Abandoned cart", readonly=True)
    signal_failed_searches = fields.Boolean("Searches without results", readonly=True)
    signal_count = fields.Integer("Signals", readonly=True)
    signal_reasons = fields.Text("Why", compute="_compute_signal_reasons", help="In the reader's language.")
    refreshed_at = fields.Datetime("Figures as of", readonly=True)

    # The account page: the company's documents, as the current user may see them.
    order_ids = fields.Many2many("sale.order", string="Orders", compute="_compute_documents")
    quote_ids = fields.Many2many("sale.order", string="Quotes", compute="_compute_documents")
    invoice_ids = fields.Many2many("account.move", string="Invoices", compute="_compute_documents")
    picking_ids = fields.Many2many("stock.picking", string="Deliveries", compute="_compute_documents")
    buyer_ids = fields.Many2many("res.users", string="Buyers", compute="_compute_documents")
    message_ids = fields.Many2many("mail.message", string="Interaction history", compute="_compute_documents")

    _sql_constraints = [("partner_unique", "UNIQUE(partner_id)", "A company has one B2B account.")]

    def _compute_documents(self):
        for account in self:
            company = account.partner_id
            orders = self.env["sale.order"].search(
                [("partner_id", "child_of", company.id), ("state", "in", ("draft", "sent", "sale"))],
                order="date_order desc",
                limit=DOCUMENTS_SHOWN,
            )
            account.order_ids = orders.filtered(lambda order: order.state == "sale")
            account.quote_ids = (
                orders
                - account.order_ids
                - orders.filtered(
                    lambda order: order.website_id and order.state == "draft" and not order.b2b_quote_state
                )
            )
            account.invoice_ids = self.env["account.move"].search(
                [
                    ("commercial_partner_id", "=", company.id),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("state", "=", "posted"),
                ],
                order="invoice_date desc, id desc",
                limit=DOCUMENTS_SHOWN,
            )
            account.picking_ids = self.env["stock.picking"].search(
                [("partner_id", "child_of", company.id), ("picking_type_code", "=", "outgoing")],
                order="scheduled_date desc",
                limit=DOCUMENTS_SHOWN,
            )
            contacts = self.env["res.partner"].search([("commercial_partner_id", "=", company.id)])
            account.buyer_ids = contacts.user_ids.filtered("share")
            threads = [
                ("res.partner", contacts.ids),
                ("sale.order", orders.ids),
                ("account.move", account.invoice_ids.ids),
                ("stock.picking", account.picking_ids.ids),
            ]
            domain = expression.OR([[("model", "=", model), ("res_id", "in", ids)] for model, ids in threads])
            account.message_ids = self.env["mail.message"].search(
                expression.AND([domain, [("message_type", "in", ("comment", "email", "email_outgoing"))]]),
                order="date desc",
                limit=DOCUMENTS_SHOWN,
            )

    # ------------------------------------------------------------ REFRESH
    @api.model
    def _cron_refresh(self):
        self._b2b_refresh()

    def action_refresh(self):
        # sudo: figures are computed over all accounts at once; each rep
        # then reads only their own rows (record rules).
        self.sudo()._b2b_refresh()
        return True

    @api.model
    def _b2b_refresh(self, today=None):
        """Create the rows of new B2B companies, drop those no longer
        approved, and recompute every figure and signal."""
        today = today or fields.Date.context_today(self)
        self.env.flush_all()  # the figures are read in SQL
        companies = self.env["res.partner"].search([("is_company", "=", True), ("b2b_approved", "=", True)])
        existing = self.search([("partner_id", "!=", False)])
        accounts = existing.filtered(lambda account: account.partner_id in companies)
        (existing - accounts).unlink()
        missing = companies - accounts.partner_id
        accounts |= self.create([{"partner_id": company.id} for company in missing])
        figures = self._b2b_figures(accounts.partner_id, today)
        agreements = accounts.partner_id._b2b_agreements_in_force()
        now = fields.Datetime.now()
        for account in accounts:
            company = account.partner_id
            values = dict(FIGURE_DEFAULTS, **figures.get(company.id, {}))
            agreement = agreements.get(company, self.env["b2b.agreement"])
            limit = company._b2b_credit_limit()
            used = values.get("open_balance", 0.0) + values.get("uninvoiced", 0.0)
            values.update(
                {
                    "user_id": company.user_id.id,
                    "team_id": company.user_id.sale_team_id.id,
                    "tier_id": company.b2b_tier_id.id,
                    "pricelist_id": company.specific_property_product_pricelist.id,
                    "agreement_id": agreement.id,
                    "agreement_end": agreement.date_end,
                    "currency_id": self.env.company.currency_id.id,
                    "credit_limit": limit or 0.0,
                    "credit_headroom": limit - used if limit is not None else False,
                    "refreshed_at": now,
                }
            )
            values.pop("open_balance", None)
            values.pop("uninvoiced", None)
            values.update(account._b2b_signals(values, today))
            account.write(values)
        return accounts

    @api.model
    def _b2b_figures(self, companies, today):
        """``{company id: {field: value}}``, one SQL statement per kind of
        document for all ``companies``."""
        figures = {company_id: {} for company_id in companies.ids}
        if not companies:
            return figures
        ids = tuple(companies.ids)
        year_ago, two_years_ago = today - relativedelta(years=1), today - relativedelta(years=2)
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id,
                       COALESCE(SUM(o.amount_untaxed / COALESCE(NULLIF(o.currency_rate, 0), 1))
                           FILTER (WHERE o.date_order >= %(year_ago)s), 0),
                       COALESCE(SUM(o.amount_untaxed / COALESCE(NULLIF(o.currency_rate, 0), 1))
                           FILTER (WHERE o.date_order < %(year_ago)s), 0),
                       COUNT(*) FILTER (WHERE o.date_order >= %(year_ago)s),
                       MAX(o.date_order)::date,
                       MIN(o.date_order) FILTER (WHERE o.date_order >= %(year_ago)s)
                  FROM sale_order o
                  JOIN res_partner p ON p.id = o.partner_id
                 WHERE o.state = 'sale' AND p.commercial_partner_id IN %(ids)s
                   AND o.date_order >= %(two_years_ago)s
                 GROUP BY p.commercial_partner_id
                """,
                ids=ids,
                year_ago=year_ago,
                two_years_ago=two_years_ago,
            )
        )
        for company_id, revenue, previous, count, last, first in cr.fetchall():
            expected = False
            if count >= MIN_ORDERS_FOR_RHYTHM:
                interval = (last - first.date()).days / (count - 1)
                expected = last + timedelta(days=round(interval))
            figures[company_id].update(
                {
                    "revenue_12m": revenue,
                    "revenue_prev_12m": previous,
                    "trend": (revenue - previous) / previous * 100 if previous else 0.0,
                    "order_count_12m": count,
                    "last_order_date": last,
                    "expected_order_date": expected,
                }
            )
        cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id,
                       COUNT(*) FILTER (WHERE o.state IN ('draft', 'sent') AND o.b2b_quote_state IS NOT NULL),
                       COUNT(*) FILTER (WHERE o.b2b_quote_state = 'offer_sent' AND o.state = 'sent'
                                        AND COALESCE(o.b2b_offer_viewed_on,
                                                     (SELECT MAX(r.create_date) FROM b2b_quote_round r
                                                       WHERE r.order_id = o.id AND r.kind = 'offer'))
                                            < %(waiting_since)s)
                  FROM sale_order o
                  JOIN res_partner p ON p.id = o.partner_id
                 WHERE p.commercial_partner_id IN %(ids)s AND o.state IN ('draft', 'sent')
                 GROUP BY p.commercial_partner_id
                """,
                ids=ids,
                waiting_since=today - timedelta(days=int(_param(self.env, "offer_waiting_days", 5))),
            )
        )
        for company_id, quotes, waiting in cr.fetchall():
            figures[company_id].update({"open_quote_count": quotes, "offer_waiting_count": waiting})
        # Confirmed orders not invoiced yet count against the credit as on
        # the buyer's statement (res.partner._b2b_statement): Odoo computes
        # amount_to_invoice, for all these orders at once.
        uninvoiced = (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("partner_id.commercial_partner_id", "in", ids),
                    ("state", "=", "sale"),
                    ("invoice_status", "!=", "invoiced"),
                ]
            )
        )
        for order in uninvoiced:
            values = figures[order.partner_id.commercial_partner_id.id]
            values["uninvoiced"] = values.get("uninvoiced", 0.0) + order.amount_to_invoice
        cr.execute(
            SQL(
                """
                SELECT m.commercial_partner_id,
                       SUM(m.amount_residual_signed),
                       SUM(m.amount_residual_signed) FILTER (WHERE m.invoice_date_due < %(today)s)
                  FROM account_move m
                 WHERE m.commercial_partner_id IN %(ids)s AND m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.payment_state IN ('not_paid', 'partial')
                 GROUP BY m.commercial_partner_id
                """,
                ids=ids,
                today=today,
            )
        )
        for company_id, balance, overdue in cr.fetchall():
            figures[company_id].update({"open_balance": balance or 0.0, "overdue_amount": overdue or 0.0})
        requests = (
            self.env["b2b.modification.request"]
            .sudo()
            ._read_group(
                [("state", "=", "submitted"), ("order_id.partner_id.commercial_partner_id", "in", ids)],
                ["order_id"],
                ["__count"],
            )
        )
        for order, count in requests:
            values = figures[order.partner_id.commercial_partner_id.id]
            values["open_modification_count"] = values.get("open_modification_count", 0) + count
        activities = (
            self.env["mail.activity"]
            .sudo()
            ._read_group([("res_model", "=", "res.partner"), ("res_id", "in", list(ids))], ["res_id"], ["__count"])
        )
        for company_id, count in activities:
            figures[company_id]["open_activity_count"] = count
        carts = (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [("is_abandoned_cart", "=", True), ("partner_id.commercial_partner_id", "in", ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner, count in carts:
            values = figures[partner.commercial_partner_id.id]
            values["abandoned_cart_count"] = values.get("abandoned_cart_count", 0) + count
        if "b2b.search.query" in self.env:  # b2b_algolia records searches
            searches = (
                self.env["b2b.search.query"]
                .sudo()
                ._read_group(
                    [
                        ("partner_id", "in", ids),
                        ("without_results", "=", True),
                        ("day", ">=", today - timedelta(days=30)),
                    ],
                    ["partner_id"],
                    ["searches:sum"],
                )
            )
            for partner, count in searches:
                figures[partner.id]["failed_search_count"] = count
        return figures

    def _b2b_signals(self, values, today):
        """The signal booleans and their count, from the figures."""
        headroom, limit = values.get("credit_headroom"), values.get("credit_limit")
        end, expected = values.get("agreement_end"), values.get("expected_order_date")
        raised = {
            "signal_overdue": values["overdue_amount"] > 0,
            "signal_credit": bool(
                limit and headroom is not False and headroom < limit * _param(self.env, "credit_warning_ratio", 0.1)
            ),
            "signal_agreement": bool(
                end and end <= today + timedelta(days=int(_param(self.env, "agreement_notice_days", 30)))
            ),
            "signal_offer_waiting": values["offer_waiting_count"] > 0,
            "signal_order_late": bool(expected and expected < today),
            "signal_abandoned_cart": values["abandoned_cart_count"] > 0,
            "signal_failed_searches": values["failed_search_count"] >= _param(self.env, "failed_searches", 3),
        }
        return {**raised, "signal_count": sum(raised.values())}

    @api.depends(*SIGNALS)
    @api.depends_context("lang")
    def _compute_signal_reasons(self):
        for account in self:
            account.signal_reasons = "\n".join(account._b2b_raised_signals().values()) or False

    def _b2b_raised_signals(self):
        """``{signal field: reason}`` of the signals raised, the reasons in
        the language of the environment."""
        self.ensure_one()
        currency = self.currency_id or self.env.company.currency_id
        reasons = {
            "signal_overdue": lambda: self.env._("%(amount)s overdue.", amount=currency.format(self.overdue_amount)),
            "signal_credit": lambda: self.env._(
                "%(headroom)s of credit left out of %(limit)s.",
                headroom=currency.format(self.credit_headroom),
                limit=currency.format(self.credit_limit),
            ),
            "signal_agreement": lambda: self.env._(
                "The agreement ends on %(date)s.", date=format_date(self.env, self.agreement_end)
            ),
            "signal_offer_waiting": lambda: self.env._(
                "%(count)s offer(s) viewed (or sent) and not answered for %(days)s days.",
                count=self.offer_waiting_count,
                days=int(_param(self.env, "offer_waiting_days", 5)),
            ),
            "signal_order_late": lambda: self.env._(
                "An order was expected on %(date)s (usual rhythm); the last was on %(last)s.",
                date=format_date(self.env, self.expected_order_date),
                last=format_date(self.env, self.last_order_date),
            ),
            "signal_abandoned_cart": lambda: self.env._(
                "%(count)s cart(s) left without ordering.", count=self.abandoned_cart_count
            ),
            "signal_failed_searches": lambda: self.env._(
                "%(count)s catalog searches without results in 30 days.", count=self.failed_search_count
            ),
        }
        return {signal: reasons[signal]() for signal in SIGNALS if self[signal]}

    # ------------------------------------------------------------ ACTIONS
    def action_schedule_signal_activities(self):
        """One click: an activity on the company for each signal raised (or
        only the signal named by the context key ``b2b_signal``), assigned
        to the account's rep, with the reason."""
        self.check_access("read")  # the record rules: the rep's own accounts
        wanted = self.env.context.get("b2b_signal")
        for account in self:
            for signal, reason in account._b2b_raised_signals().items():
                if wanted and signal != wanted:
                    continue
                # sudo: reps may not edit companies, yet plan work on their
                # own accounts (checked above).
                account.partner_id.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=(account.user_id or self.env.user).id,
                    summary=self._fields[signal].get_description(self.env)["string"],
                    note=reason,
                )
        return True

    def action_open_company(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
        }

    def action_new_order(self):
        """A backend order for this customer, priced as the portal prices it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "view_mode": "form",
            "context": {"default_partner_id": self.partner_id.id, "default_b2b_placed_on_behalf": True},
        }
