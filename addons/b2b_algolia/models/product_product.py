# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# Variant fields an Algolia record shows (SKUs, barcodes, prices, stock).
VARIANT_FIELDS = {"default_code", "barcode", "active", "product_template_attribute_value_ids", "lst_price"}
# Those the cheapest variant's price depends on (see b2b.search.price).
VARIANT_PRICE_FIELDS = {"active", "product_template_attribute_value_ids", "lst_price"}


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model_create_multi
    def create(self, vals_list):
        products = super().create(vals_list)
        if not self.env.context.get("b2b_creating_templates"):
            self.env["product.template"]._b2b_catalog_changed(products.product_tmpl_id.ids, prices=True)
        return products

    def write(self, vals):
        result = super().write(vals)
        prices = bool(VARIANT_PRICE_FIELDS.intersection(vals)) or (
            "standard_price" in vals and self.env["product.pricelist.item"]._b2b_algolia_cost_based()
        )
        if prices or VARIANT_FIELDS.intersection(vals):
            self.env["product.template"]._b2b_catalog_changed(
                self.product_tmpl_id.ids,
                text=bool((VARIANT_FIELDS - {"lst_price"}).intersection(vals)),
                prices=prices,
            )
        return result
