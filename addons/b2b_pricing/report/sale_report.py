# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleReport(models.Model):
    _inherit = "sale.report"

    b2b_tier_id = fields.Many2one("b2b.tier", "Customer tier", readonly=True)

    def _select_additional_fields(self):
        res = super()._select_additional_fields()
        res["b2b_tier_id"] = "commercial.b2b_tier_id"
        return res

    def _from_sale(self):
        # The tier is on the company, the order on the buyer.
        return (
            f"{super()._from_sale()} LEFT JOIN res_partner commercial ON commercial.id = partner.commercial_partner_id"
        )

    def _group_by_sale(self):
        return f"{super()._group_by_sale()}, commercial.b2b_tier_id"
