# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProductBrand(models.Model):
    _inherit = "product.brand"

    def write(self, vals):
        result = super().write(vals)
        if "name" in vals:
            templates = self.env["product.template"].search([("product_brand_id", "in", self.ids)])
            self.env["product.template"]._b2b_catalog_changed(templates.ids)
        return result
