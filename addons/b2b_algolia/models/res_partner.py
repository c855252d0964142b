# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# Fields that decide which pricelists are B2B companies' (see
# product.template._b2b_algolia_pricelists).
B2B_PRICELIST_FIELDS = {
    "active",
    "is_company",
    "b2b_approved",
    "property_product_pricelist",
    "specific_property_product_pricelist",
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The B2B pricelists are compared once around the outermost create or
    # write: not again for the contacts a company's pricelist is copied to,
    # nor for the field a pricelist is stored in.

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("b2b_pricelists_watched") or not any(
            B2B_PRICELIST_FIELDS.intersection(vals) for vals in vals_list
        ):
            return super().create(vals_list)
        Template = self.env["product.template"]
        before = Template._b2b_algolia_pricelists()
        partners = super(ResPartner, self.with_context(b2b_pricelists_watched=True)).create(vals_list)
        Template._b2b_algolia_pricelists_changed(before)
        return partners.with_env(self.env)

    def write(self, vals):
        if self.env.context.get("b2b_pricelists_watched") or not B2B_PRICELIST_FIELDS.intersection(vals):
            return super().write(vals)
        Template = self.env["product.template"]
        before = Template._b2b_algolia_pricelists()
        result = super(ResPartner, self.with_context(b2b_pricelists_watched=True)).write(vals)
        Template._b2b_algolia_pricelists_changed(before)
        return result
