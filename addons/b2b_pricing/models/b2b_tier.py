# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class B2bTier(models.Model):
    """A customer segment (Gold, Silver...) and the rule that puts a company in it."""

    _name = "b2b.tier"
    _description = "B2B customer tier"
    _order = "sequence, min_purchase_volume desc, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="Rules are tried in this order; the first that matches wins.")
    active = fields.Boolean(default=True)
    pricelist_id = fields.Many2one(
        "product.pricelist",
        required=True,
        ondelete="restrict",
        help="Prices of the companies in this tier (a native pricelist: quantity breaks, promotions...).",
    )
    company_currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id)
    min_purchase_volume = fields.Monetary(
        "Minimum 12-month purchases",
        currency_field="company_currency_id",
        help="Invoiced amount (untaxed, net of refunds) over the last 12 months that a company needs for this tier.",
    )
    industry_ids = fields.Many2many(
        "res.partner.industry", string="Sectors", help="Only companies of these sectors; all if empty."
    )
    country_ids = fields.Many2many(
        "res.country", string="Countries", help="Only companies of these countries; all if empty."
    )
    partner_count = fields.Integer(compute="_compute_partner_count", string="Companies")

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("b2b_tier_id", "in", self.ids), ("is_company", "=", True)], ["b2b_tier_id"], ["__count"]
            )
        )
        for tier in self:
            tier.partner_count = counts.get(tier, 0)

    @api.model
    def _match(self, partners, volumes):
        """The tier each company's rules give: ``{partner: (tier, reason)}``.

        ``volumes`` maps partner ids to their 12-month purchase volume.
        """
        tiers = self.search([("active", "=", True)])  # a handful of tiers, by sequence
        result = {}
        for partner in partners:
            volume = volumes.get(partner.id, 0.0)
            for tier in tiers:
                if tier._accepts(partner, volume):
                    result[partner] = (tier, tier._reason(volume))
                    break
            else:
                result[partner] = (self.browse(), self.env._("no tier rule matches"))
        return result

    def _next_for(self, partner, tier, volume):
        """Among these tiers, the one the company would reach with more
        purchases: the lowest threshold above its volume that accepts it."""
        candidates = self.filtered(
            lambda candidate: (
                candidate.min_purchase_volume > max(volume, tier.min_purchase_volume)
                and candidate._accepts(partner, candidate.min_purchase_volume)
            )
        )
        return candidates.sorted("min_purchase_volume")[:1]

    def _accepts(self, partner, volume):
        self.ensure_one()
        return (
            volume >= self.min_purchase_volume
            and (not self.industry_ids or partner.industry_id in self.industry_ids)
            and (not self.country_ids or partner.country_id in self.country_ids)
        )

    def _reason(self, volume):
        self.ensure_one()
        return self.env._(
            "12-month purchases of %(volume)s reach the %(tier)s threshold (%(threshold)s)",
            volume=self.company_currency_id.format(volume),
            tier=self.name,
            threshold=self.company_currency_id.format(self.min_purchase_volume),
        )

    def action_view_partners(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("b2b_tier_id", "=", self.id), ("is_company", "=", True)],
        }
