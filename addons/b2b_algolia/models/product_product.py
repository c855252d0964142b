# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# Variant fields an Algolia record shows (SKUs, barcodes, prices, stock).
VARIANT_FIELDS = {"default_code", "barcode", "active", "product_template_attribute_value_ids", "lst_price"}


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model_create_multi
    def create(self, vals_list):
        products = super().create(vals_list)
        self.env["b2b.algolia.record"]._mark_to_export(products.product_tmpl_id.ids)
        return products

    def write(self, vals):
        result = super().write(vals)
        if VARIANT_FIELDS.intersection(vals):
            self.env["b2b.algolia.record"]._mark_to_export(self.product_tmpl_id.ids)
        return result
