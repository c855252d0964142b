# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class B2bAgreementLine(models.Model):
    _name = "b2b.agreement.line"
    _description = "B2B agreement negotiated price"
    _order = "agreement_id, sequence, id"

    agreement_id = fields.Many2one("b2b.agreement", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    product_tmpl_id = fields.Many2one("product.template", "Product")
    categ_id = fields.Many2one("product.category", "Category", help="Applies to the whole category if no product.")
    min_quantity = fields.Float("Min. quantity", default=0)
    price_type = fields.Selection(
        [("fixed", "Fixed price"), ("discount", "Discount on catalog price")],
        default="discount",
        required=True,
    )
    fixed_price = fields.Monetary(currency_field="currency_id")
    discount = fields.Float("Discount (%)")
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    promotion = fields.Boolean(help="Shown to the customer's buyers as a promotion, until the agreement's end.")

    @api.constrains("product_tmpl_id", "categ_id")
    def _check_target(self):
        if self.filtered(lambda line: not line.product_tmpl_id and not line.categ_id):
            raise ValidationError(self.env._("A negotiated price applies to a product or a category."))

    def _prepare_pricelist_item(self):
        self.ensure_one()
        values = {"min_quantity": self.min_quantity, "b2b_promotion": self.promotion}
        if self.product_tmpl_id:
            values.update(applied_on="1_product", product_tmpl_id=self.product_tmpl_id.id)
        else:
            values.update(applied_on="2_product_category", categ_id=self.categ_id.id)
        if self.price_type == "fixed":
            values.update(compute_price="fixed", fixed_price=self.fixed_price)
        else:
            values.update(compute_price="percentage", percent_price=self.discount)
        return values
