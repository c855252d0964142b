# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    def _b2b_algolia_templates(self):
        """Products whose prices these rules may change."""
        Template = self.env["product.template"].with_context(active_test=False)
        if any(item.applied_on == "3_global" for item in self):
            return Template.search([("sale_ok", "=", True)])  # only products sold are indexed
        categories = self.filtered(lambda item: item.applied_on == "2_product_category").categ_id
        return (
            self.product_tmpl_id
            | self.product_id.product_tmpl_id
            | (Template.search([("categ_id", "child_of", categories.ids)]) if categories else Template)
        )

    @api.model
    def _b2b_algolia_pricing_pricelists(self):
        """The B2B companies' pricelists and those they are computed from."""
        pricelists = self.env["product.template"]._b2b_algolia_pricelists()
        while bases := (
            pricelists.item_ids.filtered(lambda item: item.base == "pricelist").base_pricelist_id - pricelists
        ):
            pricelists |= bases
        return pricelists

    @api.model
    def _b2b_algolia_cost_based(self):
        """Whether a B2B price may follow product costs: a rule of a B2B
        pricelist (or of one it is computed from) based on the cost."""
        return any(item.base == "standard_price" for item in self._b2b_algolia_pricing_pricelists().item_ids)

    def _b2b_algolia_mark(self):
        # Rules of pricelists no B2B company's prices depend on change no record.
        pricelists = self._b2b_algolia_pricing_pricelists()
        items = self.filtered(lambda item: item.pricelist_id in pricelists)
        if items:
            template_ids = items._b2b_algolia_templates().ids
            self.env["b2b.algolia.record"]._mark_to_export(template_ids)
            self.env["b2b.search.price"]._b2b_mark_stale(template_ids)

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items._b2b_algolia_mark()
        return items

    def write(self, vals):
        self._b2b_algolia_mark()  # what the rules priced before
        result = super().write(vals)
        self._b2b_algolia_mark()
        return result

    def unlink(self):
        self._b2b_algolia_mark()
        return super().unlink()
