# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProductPublicCategory(models.Model):
    _inherit = "product.public.category"

    def write(self, vals):
        result = super().write(vals)
        if {"name", "parent_id", "sequence"}.intersection(vals):
            # Records carry the path of the first category: renaming a
            # parent renames it, reordering may change which comes first.
            templates = self.env["product.template"].search([("public_categ_ids", "child_of", self.ids)])
            self.env["product.template"]._b2b_catalog_changed(templates.ids)
        return result
