# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    def _is_available_on_website(self, website):
        # Tier pricelists are assigned to companies, never chosen: they hold
        # on every website for the buyers of those companies.
        return super()._is_available_on_website(website) or bool(self.sudo().b2b_tier_ids)
