# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import AccessError

# "Near" the next tier: within this share of its threshold.
NEAR_NEXT_TIER = 0.2


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_tier_id = fields.Many2one(
        "b2b.tier",
        string="Tier",
        readonly=True,
        tracking=True,
        copy=False,
        help="The company's tier: the manual one if set, else the one its rules give. "
        "Its pricelist is the company's and its contacts' pricelist.",
    )
    b2b_rule_tier_id = fields.Many2one("b2b.tier", string="Tier by rules", readonly=True, copy=False)
    b2b_tier_override_id = fields.Many2one(
        "b2b.tier",
        string="Manual tier",
        tracking=True,
        copy=False,
        groups="sales_team.group_sale_manager",
        help="Wins over the rules until it is removed.",
    )
    b2b_tier_reason = fields.Char("Why this tier", readonly=True, copy=False)
    b2b_purchase_volume = fields.Monetary(
        "12-month purchases",
        currency_field="b2b_company_currency_id",
        readonly=True,
        copy=False,
        help="Invoiced amount, untaxed and net of refunds, over the last 12 months (at the last tier computation).",
    )
    b2b_next_tier_id = fields.Many2one("b2b.tier", "Next tier", readonly=True, copy=False)
    b2b_next_tier_gap = fields.Monetary(
        "Missing for next tier",
        currency_field="b2b_company_currency_id",
        readonly=True,
        copy=False,
        help="12-month purchases still needed to reach the next tier (at the last tier computation).",
    )
    b2b_near_next_tier = fields.Boolean(
        "Near next tier", readonly=True, copy=False, help="Within 20 % of the next tier's threshold."
    )
    b2b_company_currency_id = fields.Many2one("res.currency", compute="_compute_b2b_company_currency_id")

    def _compute_b2b_company_currency_id(self):
        self.b2b_company_currency_id = self.env.company.currency_id

    def write(self, vals):
        res = super().write(vals)
        if "b2b_tier_override_id" in vals:
            self._b2b_apply_tier()
        return res

    # ------------------------------------------------------------ ACTIONS
    def action_b2b_recompute_tier(self):
        self.check_access("read")
        if not self.env.user.has_group("sales_team.group_sale_salesman"):
            raise AccessError(self.env._("Only salespeople can recompute customer tiers."))
        # sudo: tiers are computed by the rules, never typed in; a salesperson
        # who can see the company may ask for the computation.
        self.commercial_partner_id.sudo()._b2b_recompute_tiers()
        return True

    def _cron_b2b_recompute_tiers(self):
        self.search([("is_company", "=", True), ("customer_rank", ">", 0)])._b2b_recompute_tiers()

    # -------------------------------------------------- BUSINESS METHODS
    def _b2b_purchase_volumes(self, date=None):
        """12-month invoiced volume per company, in one query."""
        date = date or fields.Date.context_today(self)
        groups = self.env["account.move"]._read_group(
            [
                ("commercial_partner_id", "in", self.ids),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("invoice_date", ">", date - relativedelta(years=1)),
                ("invoice_date", "<=", date),
            ],
            ["commercial_partner_id"],
            ["amount_untaxed_signed:sum"],
        )
        return {partner.id: amount for partner, amount in groups}

    def _b2b_recompute_tiers(self, date=None):
        """Recompute volumes and rule tiers of these companies, then apply tiers."""
        volumes = self._b2b_purchase_volumes(date)
        matches = self.env["b2b.tier"]._match(self, volumes)
        tiers = self.env["b2b.tier"].search([("active", "=", True)])
        for partner in self:
            tier, reason = matches[partner]
            volume = volumes.get(partner.id, 0.0)
            next_tier = tiers._next_for(partner, tier, volume)
            gap = next_tier.min_purchase_volume - volume if next_tier else 0.0
            values = {
                "b2b_purchase_volume": volume,
                "b2b_next_tier_id": next_tier.id,
                "b2b_next_tier_gap": gap,
                "b2b_near_next_tier": bool(next_tier) and gap <= next_tier.min_purchase_volume * NEAR_NEXT_TIER,
            }
            if partner.b2b_rule_tier_id != tier:
                values.update(b2b_rule_tier_id=tier.id, b2b_tier_reason=reason)
            partner.write(values)
        self._b2b_apply_tier()

    def _b2b_apply_tier(self):
        """Make each company's tier the manual one or the rules' one, and give
        its pricelist to the company and its contacts; log why."""
        reasons = {}
        # sudo: the manual tier is a manager's field; applying it is not.
        overrides = {partner.id: partner.b2b_tier_override_id for partner in self.sudo()}
        for partner in self:
            tier = overrides[partner.id] or partner.b2b_rule_tier_id
            if tier == partner.b2b_tier_id:
                continue
            why = (
                self.env._("manual tier set by %(user)s", user=self.env.user.name)
                if overrides[partner.id]
                else partner.b2b_tier_reason
            )
            partner.b2b_tier_id = tier
            reasons[partner.id] = self.env._(
                "Tier set to %(tier)s: %(why)s.", tier=tier.name or self.env._("none"), why=why
            )
        if reasons:
            changed = self.browse(reasons)
            changed._message_log_batch(bodies=reasons)
            # Running agreements fall back on the new tier's prices.
            agreements = self.env["b2b.agreement"].search(
                [
                    ("partner_id", "in", changed.ids),
                    ("pricelist_id", "!=", False),
                    ("state", "in", ("active", "expiring", "renewed")),
                ]
            )
            for agreement in agreements:
                agreement._sync_pricelist()
            changed._b2b_apply_pricelist()

    def _b2b_agreements_in_force(self, today=None):
        """``{company: agreement}`` for these companies' agreements in force."""
        today = today or fields.Date.context_today(self)
        agreements = self.env["b2b.agreement"].search(
            [
                ("partner_id", "in", self.ids),
                ("state", "in", ("active", "expiring", "renewed")),
                ("date_start", "<=", today),
                ("date_end", ">=", today),
            ]
        )
        return {agreement.partner_id: agreement for agreement in agreements}

    def _b2b_apply_pricelist(self, today=None):
        """Give each company (and so its contacts: pricelists are commercial
        fields) the pricelist of its agreement in force, else of its tier."""
        in_force = self._b2b_agreements_in_force(today)
        # One write per pricelist, not per company: what a write triggers
        # (contacts, search records) runs once for the batch.
        changes = defaultdict(self.browse)
        for partner in self:
            pricelist = (
                in_force.get(partner, self.env["b2b.agreement"]).pricelist_id or partner.b2b_tier_id.pricelist_id
            )
            if pricelist and partner.specific_property_product_pricelist != pricelist:
                changes[pricelist] |= partner
        for pricelist, partners in changes.items():
            partners.property_product_pricelist = pricelist
