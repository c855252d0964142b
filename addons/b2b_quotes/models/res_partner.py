# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _compute_last_website_so_id(self):
        # website_sale revives the last draft website order as the cart; a
        # quote request is with the rep and must never come back as a cart.
        result = super()._compute_last_website_so_id()
        for partner in self.filtered(lambda partner: partner.last_website_so_id.b2b_quote_state):
            order = partner.last_website_so_id
            partner.last_website_so_id = order.search(
                [
                    ("partner_id", "=", partner.id),
                    ("pricelist_id", "=", order.pricelist_id.id),
                    ("website_id", "=", order.website_id.id),
                    ("state", "=", "draft"),
                    ("b2b_quote_state", "=", False),
                ],
                order="write_date desc",
                limit=1,
            )
        return result
