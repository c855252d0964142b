# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProductTemplateAttributeValue(models.Model):
    _inherit = "product.template.attribute.value"

    def write(self, vals):
        result = super().write(vals)
        if "price_extra" in vals:  # the variants' prices
            self.env["product.template"]._b2b_catalog_changed(self.product_tmpl_id.ids, text=False, prices=True)
        return result
